"""The Neoplasm Table and the Table of Drugs: find the row, then one key picks the column."""

from __future__ import annotations

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import DataTable, Input, Static

from tui import bindings
from tui.text import plain

TABLES = ("neoplasm", "drug")


class TablesScreen(ModalScreen[str | None]):
    """Dismisses with the chosen cell's code (stored form; a trailing "-" when incomplete)."""

    BINDINGS = bindings.TABLES

    def __init__(self, table: str = "neoplasm") -> None:
        super().__init__()
        self.table = table
        self.heads: list[str] = []
        self.hits: list = []

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog wide"):
            yield Static("", id="tables-title")
            yield Input(placeholder="words of the row: site of the neoplasm, or the drug", id="tables-query")
            yield DataTable(id="tables-rows", cursor_type="row")
            yield Static(Text("Down to the rows, then 1-6 takes that column's code; ctrl+n switches table; "
                              "Esc or ctrl+g cancels.", style="dim"))

    def on_mount(self) -> None:
        self.query_one(Input).cursor_blink = False
        self._load(self.table, "")

    @work(thread=True, exclusive=True)
    def _load(self, table: str, query: str) -> None:
        from db.index_tables import headings, search_table

        ref = self.app.reference
        self.app.call_from_thread(self._show, table, query, headings(ref, table), search_table(ref, table, query))

    def _show(self, table: str, query: str, heads: list[str], hits: list) -> None:
        if query != self.query_one(Input).value or table != self.table:
            return
        self.heads, self.hits = heads, hits
        name = "Neoplasm Table" if table == "neoplasm" else "Table of Drugs and Chemicals"
        title = self.query_one("#tables-title", Static)
        if not heads:
            title.update(Text(f"{name}: not installed (chartkey codeset import the CMS file)", style="bold yellow"))
        else:
            title.update(Text(name, style="bold"))
        rows = self.query_one(DataTable)
        rows.clear(columns=True)
        rows.add_column("Row", width=44)
        for i, head in enumerate(heads, 1):
            rows.add_column(f"{i} {head}"[:14], width=10)
        for hit in hits:
            label = plain(hit.path) + (f" (see {plain(hit.see)})" if hit.see else "")
            rows.add_row(Text(label), *(Text(_shown(c)) for c in hit.cells))

    @on(Input.Changed, "#tables-query")
    def _query(self, event: Input.Changed) -> None:
        self._load(self.table, event.value)

    @on(Input.Submitted, "#tables-query")
    def _to_rows(self) -> None:
        self.query_one(DataTable).focus()

    def on_key(self, event) -> None:
        rows = self.query_one(DataTable)
        if event.key == "down" and self.query_one(Input).has_focus and self.hits:
            event.stop()
            rows.focus()
        elif rows.has_focus and event.character and event.character.isdigit():
            column = int(event.character) - 1
            if self.hits and 0 <= column < len(self.heads):
                event.stop()
                code = self.hits[rows.cursor_row].cells[column]
                if code:
                    self.dismiss(code)
                else:
                    self.notify("No code in that column for this row.", timeout=3)

    def action_switch_table(self) -> None:
        self.table = TABLES[(TABLES.index(self.table) + 1) % len(TABLES)]
        self._load(self.table, self.query_one(Input).value)

    def action_cancel(self) -> None:
        self.dismiss(None)


def _shown(code: str | None) -> str:
    from db.textnorm import display_cm

    if not code:
        return "--"
    return display_cm(code.rstrip("-")) + ("-" if code.endswith("-") else "")
