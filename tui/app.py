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

from tui import bindings
from tui.commands import CodeSearchProvider
from tui.keymap import Keymap, load_keymap
from tui.text import plain


class ChartKeyApp(App):
    CSS_PATH = "chartkey.tcss"
    TITLE = "ChartKey"
    ENABLE_COMMAND_PALETTE = True
    COMMANDS = App.COMMANDS | {CodeSearchProvider}
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (110, "-wide")]
    BINDINGS = bindings.APP

    def __init__(self, codes: str | Path | None = None, db: str | Path | None = None,
                 keymap: Keymap | None = None, clock: Callable[[], float] = time.time,
                 coder: str | None = None, prefetch=None) -> None:
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
        self.prefetch = prefetch  # a tui.services.Prefetch already opening the databases

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
        """Open the reference database, the store and the coder (or take what the
        prefetch thread opened); then hand the first queue page to the screens."""
        from tui.services import open_services

        if self.prefetch is not None:
            found = self.prefetch.result()
        else:
            def progress(message: str) -> None:
                self.call_from_thread(self.notify, f"Building code sets (first use): {message}", timeout=4)

            found = open_services(self.codes_path, self.db_path, self.coder_name, self.clock, progress)
        for severity, message in found.messages:
            self.call_from_thread(self.notify, message, severity=severity, timeout=60 if severity == "error" else 10)
        if found.failed:
            return
        self.reference, self.store, self.coder = found.reference, found.store, found.coder
        self.call_from_thread(self._services_ready, found)

    @work(thread=True, exclusive=True, group="warm-up")
    def warm_up(self) -> None:
        """Load the search vocabulary and the grouper once the queue is on screen,
        before the first chart needs them."""
        from db.search import searcher

        searcher(self.reference)
        self.get_grouper()

    def current_reference(self):
        """The reference database, reopened when an import has replaced it (called as a chart opens,
        in a worker): coders keep working on the old file until their next chart."""
        from db.reference import Reference

        if self.reference is not None and self.reference.is_stale():
            self.reference = Reference(self.reference.path)
            self.grouper = None
        return self.reference

    def get_grouper(self):
        """The process's MS-DRG grouper, opened on first use (from any worker)."""
        from db.grouping import default_grouper

        if self.grouper is None:
            self.grouper = default_grouper(self.reference)
        return self.grouper

    def _services_ready(self, found) -> None:
        for screen in self.screen_stack:
            ready = getattr(screen, "services_ready", None)
            if ready:
                ready(found)

    @staticmethod
    def forget_old_renders() -> None:
        """Called as a chart screen goes. In textual 8.2.8 StylesCache.get_inner_outer is an
        lru_cache on a method: its 1,024 keys hold the style caches, and every line rendered
        in them, of widgets long removed (2 MB more per chart coded, until it fills)."""
        from textual._styles_cache import StylesCache

        StylesCache.get_inner_outer.cache_clear()

    def notify(self, message: str, *, title: str = "", severity="information", timeout: float | None = None,
               markup: bool = True) -> None:
        """Notifications carry record text and error messages: never read them as markup."""
        super().notify(plain(message), title=plain(title), severity=severity, timeout=timeout, markup=False)

    def action_help(self) -> None:
        from tui.screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(self.screen))

    def hang_up(self) -> None:
        """The terminal went away (SIGHUP): save the chart's draft now, keep the lease, exit."""
        if self.chart is not None:
            self.chart.save_draft_now()
        self.exit(return_code=129)


def run_app(args, prefetch=None) -> int:
    keymap = _keymap(args)
    app = ChartKeyApp(codes=getattr(args, "codes", None), db=getattr(args, "db", None), keymap=keymap,
                      prefetch=prefetch)
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
