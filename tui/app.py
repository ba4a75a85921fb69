"""The ChartKey Textual application."""

from __future__ import annotations

from pathlib import Path

from textual import work
from textual.app import App
from textual.binding import Binding

from tui.keymap import Keymap, load_keymap
from tui.screens.search import SearchScreen
from tui.widgets.code_search import CodeSearch


class ChartKeyApp(App):
    """Keyboard-only encoder. The first frame never waits on a database:
    the reference database is opened (or built) in a thread worker."""

    CSS_PATH = "chartkey.tcss"
    TITLE = "ChartKey"
    ENABLE_COMMAND_PALETTE = True
    BINDINGS = [
        Binding("ctrl+q", "quit", "Quit", id="app.quit", priority=True),
        Binding("f1", "help", "Help", id="app.help"),
    ]

    def __init__(self, codes: str | Path | None = None, db: str | Path | None = None,
                 keymap: Keymap | None = None) -> None:
        super().__init__()
        self.animation_level = "none"
        self.codes_path = codes
        self.db_path = db
        self.keymap_spec = keymap or load_keymap("default")
        self.reference = None
        self.store = None

    def on_mount(self) -> None:
        self.set_keymap(self.keymap_spec.bindings)
        self.push_screen(SearchScreen())
        self._open_reference()
        self._open_store()

    @work(thread=True, exclusive=True, group="reference")
    def _open_reference(self) -> None:
        from db.reference import ReferenceError, open_reference

        def progress(msg: str) -> None:
            self.call_from_thread(self.notify, f"Building code sets (first use): {msg}", timeout=4)

        try:
            ref = open_reference(self.codes_path, progress=progress)
        except ReferenceError as exc:
            self.call_from_thread(self.notify, str(exc), severity="error", timeout=30)
            return
        self.call_from_thread(self._reference_ready, ref)

    @work(thread=True, exclusive=True, group="store")
    def _open_store(self) -> None:
        """Open the shared store; with none configured, create the demo store and say so."""
        from db import paths
        from db.demo import create_demo_store
        from db.store import Store, StoreError, current_user

        path = paths.store_path(self.db_path)
        try:
            if not path.exists() and path == paths.store_path(None) and path.parent == paths.data_dir():
                store = create_demo_store(path, current_user())
                self.call_from_thread(self.notify, f"No store yet: created a demo store with 200 synthetic records at {path}",
                                      timeout=8)
            else:
                store = Store.open(path)
        except StoreError as exc:
            self.call_from_thread(self.notify, str(exc), severity="error", timeout=30)
            return
        for warning in store.warnings:
            self.call_from_thread(self.notify, warning, severity="warning", timeout=10)
        self.store = store

    def _reference_ready(self, ref) -> None:
        self.reference = ref
        for widget in self.screen.query(CodeSearch):
            widget.ready(ref)

    def action_help(self) -> None:
        self.notify("Type to search; Up/Down pick a code; Enter chooses; Ctrl+Q quits.", timeout=6)


def run_app(args) -> int:
    app = ChartKeyApp(codes=getattr(args, "codes", None), db=getattr(args, "db", None))
    app.run()
    return app.return_code or 0
