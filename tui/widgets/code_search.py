"""Search-as-you-type over the code sets: one input, a results table.

Every keystroke starts an exclusive thread worker; an answer is shown only if
the input still holds the query it answers, so a slow stale answer never
replaces a newer one. The table renders only its visible rows.
"""

from __future__ import annotations

from collections.abc import Callable

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import DataTable, Input, Static
from textual.worker import get_current_worker

from db.search import SearchResult, search
from tui.text import plain

RESULT_LIMIT = 50


class CodeSearch(Vertical):
    """Query input plus ranked results; posts CodeSearch.Chosen for the highlighted code."""

    BINDINGS = [
        Binding("down", "cursor_down", "Next result", show=False, id="search.next"),
        Binding("up", "cursor_up", "Previous result", show=False, id="search.previous"),
        Binding("pagedown", "page(1)", "Page down", show=False, id="search.page_down"),
        Binding("pageup", "page(-1)", "Page up", show=False, id="search.page_up"),
        Binding("enter", "choose", "Post", id="search.choose"),
    ]

    class Chosen(Message):
        """The coder chose a code from the results."""

        def __init__(self, result: SearchResult) -> None:
            super().__init__()
            self.result = result

    def __init__(self, system: str = "all", **kwargs) -> None:
        super().__init__(**kwargs)
        self.system = system
        self.reference = None
        self.results: list[SearchResult] = []
        # Optional: called in the search worker with the result codes (stored form), returns
        # {code: "MCC" | "CC" | ""} for the CC/MCC column (the chart supplies it).
        self.annotate: Callable[[list[str]], dict[str, str]] | None = None
        self.markers: dict[str, str] = {}

    def compose(self) -> ComposeResult:
        yield Input(placeholder="Code, words, abbreviation (CHF, AKI, 0SR9...)", id="query", select_on_focus=False)
        table: DataTable = DataTable(id="results", cursor_type="row", zebra_stripes=False)
        table.add_column("Code", width=9, key="code")
        table.add_column("", width=1, key="mark")
        table.add_column("CC", width=3, key="cc")
        table.add_column("Title", key="title")
        yield table
        yield Static("Preparing code sets...", id="search-status")

    def on_mount(self) -> None:
        self.query_one(Input).cursor_blink = False

    def ready(self, reference) -> None:
        """Called once the reference database is open; searches can start."""
        self.reference = reference
        self._status("Type to search: codes (I50.2, 0SR9), words, abbreviations.")
        query = self.query_one(Input).value
        if query.strip():
            self._search(query)

    @on(Input.Changed, "#query")
    def _query_changed(self, event: Input.Changed) -> None:
        if self.reference is None:
            return
        if not event.value.strip():
            self._show(event.value, [])
            return
        self._search(event.value)

    def set_query(self, text: str) -> None:
        """Put `text` in the search box (from the document) and search it."""
        box = self.query_one(Input)
        box.value = " ".join(text.split())[:200]
        box.focus()

    @work(thread=True, exclusive=True, group="code-search")
    def _search(self, query: str) -> None:
        found = search(query, self.system, RESULT_LIMIT, ref=self.reference)
        markers = {}
        if self.annotate is not None and found:
            markers = self.annotate([r.code.replace(".", "") for r in found if r.system == "cm" and r.billable])
        if not get_current_worker().is_cancelled:
            self.app.call_from_thread(self._show, query, found, markers)

    def _show(self, query: str, found: list[SearchResult], markers: dict[str, str] | None = None) -> None:
        if query != self.query_one(Input).value:
            return  # a newer query is on its way
        self.results = found
        self.markers = markers or {}
        table = self.query_one(DataTable)
        table.clear()
        for r in found:
            mark = "*" if r.billable else "7" if r.needs_seventh else " "
            cc = self.markers.get(r.code.replace(".", ""), "")
            table.add_row(Text(r.code), Text(mark), Text(cc, style="bold" if cc == "MCC" else ""),
                          Text(plain(r.description)))
        if not query.strip():
            self._status("Type to search: codes (I50.2, 0SR9), words, abbreviations.")
        elif not found:
            self._status("No codes match.")
        else:
            self._status(f"{len(found)} codes  * billable  7 needs 7th character   {plain(self.highlighted_match())}")

    def highlighted(self) -> SearchResult | None:
        table = self.query_one(DataTable)
        if not self.results or table.cursor_row is None or table.cursor_row >= len(self.results):
            return None
        return self.results[table.cursor_row]

    def highlighted_match(self) -> str:
        r = self.highlighted()
        return f"{r.code}: {r.match}" if r else ""

    @on(DataTable.RowHighlighted, "#results")
    def _row_highlighted(self, _event) -> None:
        if self.results:
            self._status(f"{len(self.results)} codes  * billable  7 needs 7th character   {plain(self.highlighted_match())}")

    def _status(self, text: str) -> None:
        self.query_one("#search-status", Static).update(Text(text))

    def action_cursor_down(self) -> None:
        self.query_one(DataTable).action_cursor_down()

    def action_cursor_up(self) -> None:
        self.query_one(DataTable).action_cursor_up()

    def action_page(self, direction: int) -> None:
        table = self.query_one(DataTable)
        table.move_cursor(row=max(0, table.cursor_row + direction * max(1, table.size.height - 2)))

    def action_focus_input(self) -> None:
        self.query_one(Input).focus()

    @on(Input.Submitted, "#query")
    @on(DataTable.RowSelected, "#results")
    def _submitted(self, event) -> None:
        event.stop()
        self.action_choose()

    def action_choose(self) -> None:
        r = self.highlighted()
        if r:
            self.post_message(self.Chosen(r))
