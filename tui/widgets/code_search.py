"""Search-as-you-type over the code sets: one input, a results list.

Every keystroke starts an exclusive thread worker; an answer is shown only if
the input still holds the query it answers, so a slow stale answer never
replaces a newer one. The list renders only its visible rows and repaints
only rows that changed.
"""

from __future__ import annotations

from collections.abc import Callable

from textual import on, work
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import Input
from textual.worker import get_current_worker

from db.search import SearchResult, search
from tui import bindings
from tui.text import plain
from tui.widgets.line import QueryInput, TextLine
from tui.widgets.results_list import ResultsList

RESULT_LIMIT = 50
HINT = "Type to search: codes (I50.2, 0SR9), words, abbreviations (CHF, AKI)."


class CodeSearch(Vertical):
    """Query input plus ranked results; posts CodeSearch.Chosen for the highlighted code."""

    BINDINGS = bindings.SEARCH

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
        yield QueryInput(placeholder="Code, words, abbreviation (CHF, AKI, 0SR9...)", id="query",
                         select_on_focus=False, compact=True)
        yield ResultsList(RESULT_LIMIT, id="results")
        yield TextLine("Preparing code sets...", id="search-status")

    def on_mount(self) -> None:
        self.query_one(Input).cursor_blink = False

    def ready(self, reference) -> None:
        """Called once the reference database is open; searches can start."""
        self.reference = reference
        self._status(HINT)
        query = self.query_one(Input).value
        if query.strip():
            self._search(query)

    def set_query(self, text: str) -> None:
        """Put `text` in the search box (from the document) and search it."""
        box = self.query_one(Input)
        box.value = " ".join(text.split())[:200]
        box.focus()

    @on(Input.Changed, "#query")
    def _query_changed(self, event: Input.Changed) -> None:
        if self.reference is None:
            return
        if not event.value.strip():
            self._show(event.value, [])
            return
        self._search(event.value)

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
        rows = []
        for r in found:
            mark = "*" if r.billable else "7" if r.needs_seventh else " "
            cc = self.markers.get(r.code.replace(".", ""), "")
            rows.append(f" {r.code:<9}{mark} {cc:<4} {plain(r.description)}")
        self.query_one(ResultsList).set_rows(rows)
        if not query.strip():
            self._status(HINT)
        elif not found:
            self._status("No codes match.")
        else:
            self._describe(0)

    @on(ResultsList.Highlighted)
    def _highlighted(self, event: ResultsList.Highlighted) -> None:
        if self.results:
            self._describe(event.index)

    def _describe(self, index: int) -> None:
        r = self.results[index] if index < len(self.results) else None
        why = f"   {r.code}: {r.match}" if r else ""
        self._status(f"{len(self.results)} codes  * billable  7 needs 7th char{why}")

    def highlighted(self) -> SearchResult | None:
        cursor = self.query_one(ResultsList).cursor
        return self.results[cursor] if self.results and cursor < len(self.results) else None

    def _status(self, text: str) -> None:
        self.query_one("#search-status", TextLine).set(text)

    def action_move(self, step: int) -> None:
        self.query_one(ResultsList).move(step)

    def action_page(self, direction: int) -> None:
        results = self.query_one(ResultsList)
        results.move(direction * max(1, results.size.height - 2))

    def posted(self) -> None:
        """After a code is posted: back to the query, all of it selected, so the next
        query just overtypes it (and Enter again still sees these results)."""
        box = self.query_one(Input)
        box.focus()
        box.select_all()

    def action_focus_input(self) -> None:
        self.query_one(Input).focus()

    @on(Input.Submitted, "#query")
    def _submitted(self, event) -> None:
        event.stop()
        self.action_choose()

    def action_choose(self) -> None:
        r = self.highlighted()
        if r:
            self.post_message(self.Chosen(r))
