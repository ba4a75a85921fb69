"""The coding summary of a chart, read-only, as it prints (db.summary)."""

from __future__ import annotations

from textual import work
from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import Footer, Header

from tui import bindings
from tui.widgets.document_view import DocumentView


class SummaryScreen(Screen):
    TITLE = "Coding summary"
    BINDINGS = bindings.SUMMARY

    def __init__(self, account: str, abstract=None) -> None:
        """`abstract`: the chart's abstract as it is on screen (else the store's)."""
        super().__init__()
        self.account, self.abstract = account, abstract
        self.text = ""

    def compose(self) -> ComposeResult:
        yield Header(show_clock=False)
        yield DocumentView(id="summary-text")
        yield Footer()

    def on_mount(self) -> None:
        view = self.query_one(DocumentView)
        view.set_document(f"Preparing the coding summary of {self.account}...")
        view.focus()
        self._load()

    @work(thread=True, exclusive=True)
    def _load(self) -> None:
        from db.queue import base_rate
        from db.store import StoreError
        from db.summary import coding_summary, summary_text

        app = self.app
        try:
            summary = coding_summary(app.store, app.current_reference(), self.account, app.get_grouper(),
                                     base_rate(app.store), self.abstract)
        except StoreError as exc:
            app.call_from_thread(self.notify, str(exc), severity="error", timeout=8)
            return
        app.call_from_thread(self._show, summary_text(summary))

    def _show(self, text: str) -> None:
        self.text = text
        self.query_one(DocumentView).set_document(text)

    def action_close(self) -> None:
        self.app.pop_screen()
