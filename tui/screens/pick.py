"""A pick list searchable by typing: the coded encounter fields (UB-04 code sets)."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import DataTable, Input, Static

from tui import bindings


class PickScreen(ModalScreen[str | None]):
    """Dismisses with the chosen code. Typing narrows the list (code or words of the
    name); up and down move; Enter takes the highlighted code."""

    BINDINGS = bindings.PICK

    def __init__(self, title: str, choices: dict[str, str], current: str | None = None) -> None:
        super().__init__()
        self.title_text, self.choices, self.current = title, choices, current
        self.shown: list[str] = []

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog wide"):
            yield Static(Text(self.title_text, style="bold"))
            yield Input(placeholder="type a code or words of its name", id="pick-filter")
            yield DataTable(id="pick-list", cursor_type="row", show_header=False)
            yield Static(Text("Up/Down choose, Enter takes it, Esc or ctrl+g cancels", style="dim"))

    def on_mount(self) -> None:
        self.query_one(Input).cursor_blink = False
        table = self.query_one(DataTable)
        table.add_column("Code", width=4)
        table.add_column("Name")
        self._fill("")
        if self.current in self.shown:
            table.move_cursor(row=self.shown.index(self.current))

    @on(Input.Changed)
    def _filter(self, event: Input.Changed) -> None:
        self._fill(event.value)

    def _fill(self, text: str) -> None:
        words = text.lower().split()
        table = self.query_one(DataTable)
        table.clear()
        self.shown = [code for code, name in self.choices.items()
                      if all(w == code.lower() or w in name.lower() for w in words)]
        for code in self.shown:
            table.add_row(Text(code, style="bold" if code == self.current else ""), Text(self.choices[code]))

    def action_move(self, step: int) -> None:
        table = self.query_one(DataTable)
        if table.row_count:
            table.move_cursor(row=max(0, min(table.row_count - 1, table.cursor_row + step)))

    @on(Input.Submitted)
    def action_choose(self) -> None:
        table = self.query_one(DataTable)
        if self.shown and table.cursor_row < len(self.shown):
            self.dismiss(self.shown[table.cursor_row])

    @on(DataTable.RowSelected)
    def _selected(self) -> None:
        self.action_choose()

    def action_cancel(self) -> None:
        self.dismiss(None)
