"""Help: the active keymap, generated from the bindings themselves, searchable."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import DataTable, Input, Static

from tui import bindings

# the screen help is opened from -> its context in tui.bindings
SCREEN_CONTEXTS = {"QueueScreen": "Work queue", "ChartScreen": "Chart", "ReportsScreen": "Reports",
                   "ReviewScreen": "Review"}


def keymap_rows(app, current: str | None) -> list[tuple[str, str, str, str]]:
    """(context, keys, action, binding id) for every binding, the current screen's first."""
    from tui.bindings import CONTEXTS
    from tui.keymap import catalog

    rows = [(info.context, app.keymap_spec.bindings.get(info.id, info.key), info.description, info.id)
            for info in catalog().values()]
    order = {name: i for i, name in enumerate(CONTEXTS)}
    here = SCREEN_CONTEXTS.get(current or "", "")
    rows.sort(key=lambda r: (r[0] != here, r[0] != "Everywhere", order.get(r[0], 99)))
    return rows


class HelpScreen(ModalScreen[None]):
    BINDINGS = bindings.HELP

    def __init__(self, under) -> None:
        super().__init__()
        self.under = type(under).__name__

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog wide", id="help"):
            yield Static(Text(f"Keys ({self.app.keymap_spec.name} keymap). Type to filter; Esc, ctrl+g or F1 closes.",
                              style="bold"))
            yield Input(placeholder="filter: a key, an action or a screen", id="help-filter")
            table: DataTable = DataTable(id="help-table", cursor_type="row")
            for label, width in (("Where", 13), ("Keys", 18), ("Action", 24), ("Binding id", 24)):
                table.add_column(label, width=width)
            yield table

    def on_mount(self) -> None:
        self.query_one(Input).cursor_blink = False
        self._fill("")
        self.query_one(Input).focus()

    @on(Input.Changed, "#help-filter")
    def _filter(self, event: Input.Changed) -> None:
        self._fill(event.value)

    def _fill(self, text: str) -> None:
        needle = text.strip().lower()
        table = self.query_one(DataTable)
        table.clear()
        for row in keymap_rows(self.app, self.under):
            if not needle or needle in " ".join(row).lower():
                table.add_row(*(Text(cell) for cell in row))

    def action_close(self) -> None:
        self.dismiss(None)
