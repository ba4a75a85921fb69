"""The ChartKey Textual application: work queue, chart, dialogs.

The first frame never waits on a database: the reference database, the
shared store and the grouper are opened in thread workers, and every screen
asks for its data the same way.
"""

from __future__ import annotations

import signal
import time
from collections.abc import Callable
from pathlib import Path

from textual import work
from textual.app import App
from textual.binding import Binding

from tui.commands import CodeSearchProvider
from tui.keymap import Keymap, load_keymap


class ChartKeyApp(App):
    CSS_PATH = "chartkey.tcss"
    TITLE = "ChartKey"
    ENABLE_COMMAND_PALETTE = True
    COMMANDS = App.COMMANDS | {CodeSearchProvider}
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (110, "-wide")]
    BINDINGS = [
        Binding("ctrl+q", "quit", "Quit", id="app.quit", priority=True),
        Binding("f1", "help", "Help", id="app.help"),
        Binding("question_mark", "help", "Help", show=False, id="app.help_alt"),
    ]

    def __init__(self, codes: str | Path | None = None, db: str | Path | None = None,
                 keymap: Keymap | None = None, clock: Callable[[], float] = time.time,
                 coder: str | None = None) -> None:
        super().__init__()
        self.animation_level = "none"
        self.codes_path = codes
        self.db_path = db
        self.keymap_spec = keymap or load_keymap("default")
        self.clock = clock
        self.coder_name = coder
        self.reference = None
        self.store = None
        self.grouper = None
        self.coder = None  # db.store.Coder once the store is open
        self.chart = None  # the ChartScreen open now, for saving on hang-up

    def get_system_commands(self, screen):
        from tui.commands import chartkey_commands

        yield from super().get_system_commands(screen)
        yield from chartkey_commands(self, screen)

    def on_mount(self) -> None:
        from tui.screens.queue import QueueScreen

        self.set_keymap(self.keymap_spec.bindings)
        self.push_screen(QueueScreen())
        self._open_services()

    @work(thread=True, exclusive=True, group="services")
    def _open_services(self) -> None:
        """Open the reference database, the store and the grouper; then tell the screens."""
        from db import paths
        from db.demo import create_demo_store
        from db.grouping import default_grouper
        from db.reference import ReferenceError, open_reference
        from db.store import Store, StoreError, current_user

        def say(message: str, severity: str = "information", timeout: float = 6) -> None:
            self.call_from_thread(self.notify, message, severity=severity, timeout=timeout)

        try:
            ref = open_reference(self.codes_path, progress=lambda m: say(f"Building code sets (first use): {m}", timeout=4))
        except ReferenceError as exc:
            say(str(exc), "error", 60)
            return
        path = paths.store_path(self.db_path)
        user = self.coder_name or current_user()
        try:
            if not path.exists() and self.db_path is None and path == paths.store_path(None) \
                    and path.parent == paths.data_dir():
                store = create_demo_store(path, user, clock=self.clock)
                say(f"No store yet: created a demo store with 200 synthetic records at {path}", timeout=10)
            else:
                store = Store.open(path, clock=self.clock)
            coder = store.require_coder(user)
        except StoreError as exc:
            say(str(exc), "error", 60)
            return
        for warning in store.warnings:
            say(warning, "warning", 15)
        self.reference, self.store, self.coder = ref, store, coder
        self.grouper = default_grouper(ref)
        self.call_from_thread(self._services_ready)

    def _services_ready(self) -> None:
        for screen in self.screen_stack:
            ready = getattr(screen, "services_ready", None)
            if ready:
                ready()

    def action_help(self) -> None:
        from tui.screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(self.screen))

    def hang_up(self) -> None:
        """The terminal went away (SIGHUP): save the chart's draft now, keep the lease, exit."""
        if self.chart is not None:
            self.chart.save_draft_now()
        self.exit(return_code=129)


def run_app(args) -> int:
    keymap = _keymap(args)
    app = ChartKeyApp(codes=getattr(args, "codes", None), db=getattr(args, "db", None), keymap=keymap)
    signal.signal(signal.SIGHUP, lambda *_: app.call_later(app.hang_up))
    app.run(mouse=not getattr(args, "no_mouse", False))
    return app.return_code or 0


def _keymap(args) -> Keymap:
    """The keymap chosen by --keymap or the user config, validated before the app starts."""
    from tui.cli_base import CliError
    from tui.keymap import KeymapError, resolve_keymap

    try:
        return resolve_keymap(getattr(args, "keymap", None))
    except KeymapError as exc:
        raise CliError(str(exc), 2) from None
