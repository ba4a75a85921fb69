"""The code-search screen: what `chartkey` opens until the work queue exists."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import Footer, Header, Static

from tui.text import plain
from tui.widgets.code_search import CodeSearch


class SearchScreen(Screen):
    TITLE = "Code search"

    def compose(self) -> ComposeResult:
        yield Header(show_clock=False)
        yield CodeSearch(id="code-search")
        yield Static("", id="chosen")
        yield Footer()

    @on(CodeSearch.Chosen)
    def _chosen(self, event: CodeSearch.Chosen) -> None:
        r = event.result
        self.query_one("#chosen", Static).update(Text(plain(f"{r.code}  {r.description}")))
