"""The coding workspace: documents, code search, the abstract and the live DRG.

Every change to the abstract is saved as a draft at once and regrouped, both
in thread workers; the screen never waits for either. Results that arrive
for an older state of the abstract are dropped.
"""

from __future__ import annotations

import gc
import threading
from dataclasses import dataclass
from datetime import date, datetime, timezone

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import DataTable, Footer

from db.abstract import Abstract, AbstractEditError
from tui import bindings
from tui.text import plain
from tui.widgets.abstract_table import AbstractTable
from tui.widgets.code_search import CodeSearch
from tui.widgets.document_view import DocumentView
from tui.widgets.drg_panel import DrgPanel
from tui.widgets.line import TextLine


@dataclass
class ChartData:
    record: object  # db.records.Record
    documents: list
    abstract: Abstract
    restored: bool
    titles: dict[str, str]
    review: tuple[int, str] | None = None  # (sample id, "blind" | "open") when a reviewer re-codes the chart


def load_chart(app, account: str | None):
    """Claim a record (the next one, or `account`) and read everything the chart shows. Runs in a worker."""
    from db import queue
    from db.records import documents

    store, me = app.store, app.coder.username
    app.current_reference()
    claim = queue.claim(store, me, account) if account else queue.claim_next(store, me)
    if claim is None:
        return "empty"
    saved = queue.load_abstract(store, claim.id)
    abstract = saved or Abstract()
    return ChartData(claim.record, documents(store, claim.id), abstract, saved is not None,
                     code_titles(app.reference, abstract))


def load_review_chart(app, sample_id: int, record_id: int, mode: str) -> ChartData:
    """A sampled chart for second-level review: no lease, the reviewer's own abstract (empty when blind)."""
    from db import review
    from db.records import documents, get_record

    abstract = review.review_start(app.store, app.coder.username, sample_id, record_id, mode)
    return ChartData(get_record(app.store, record_id), documents(app.store, record_id), abstract, False,
                     code_titles(app.current_reference(), abstract), (sample_id, mode))


def code_titles(ref, abstract: Abstract) -> dict[str, str]:
    titles = {}
    for d in abstract.diagnoses():
        found = ref.code("cm", d.code)
        titles[d.code] = found.title if found else "(not in the installed code set)"
    for p in abstract.procedures:
        found = ref.code("pcs", p.code)
        titles[p.code] = found.title if found else "(not in the installed code set)"
    return titles


IDLE_SECONDS = 300  # a longer gap between keystrokes is time away, not time coding


class ChartScreen(Screen):
    TITLE = "Chart"
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (110, "-wide")]
    BINDINGS = bindings.CHART

    def __init__(self, data: ChartData) -> None:
        super().__init__()
        self.data = data
        self.record = data.record
        self.version = data.record.version
        self.abstract = data.abstract
        self.titles = dict(data.titles)
        self.result = None  # the latest GroupingResult for the current abstract
        self.notes: list = []  # instructional-note findings (db.note_checks) for it
        self.checks: list = []  # checks against the encounter (db.abstract_checks) for it
        self.exempt: tuple = (None, frozenset())  # (POA-exempt list year, the abstract's codes on it)
        self.encounter_view = None  # the open EncounterScreen, redrawn after each regroup
        self.state = 0  # bumps on every change, so stale regroups are dropped
        self.review = data.review
        self.saved = ("draft restored" if data.restored else "no changes yet") if not self.review else \
            f"REVIEW ({self.review[1]}): recorded on F10"
        self.active_seconds = 0.0  # time the coder was active on this chart (gaps over IDLE_SECONDS not counted)
        self._last_active: float | None = None
        self._save_lock = threading.Lock()
        self.started = None

    # -- layout --------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield TextLine("", id="chart-status")
        with Horizontal(id="chart-body"):
            with Vertical(id="chart-left"):
                docs: DataTable = DataTable(id="doc-list", cursor_type="row")
                docs.add_column("Document", key="type", width=20)
                docs.add_column("Author", key="author", width=20)
                docs.add_column("Written", key="at", width=16)
                yield docs
                yield DocumentView(id="doc-view")
            with Vertical(id="chart-right"):
                yield CodeSearch(id="code-search")
                yield AbstractTable(id="abstract")
                yield DrgPanel("Grouping...", id="drg")
        yield Footer()

    def on_mount(self) -> None:
        self.app.chart = self
        self.started = self._last_active = self.app.clock()  # opening the chart is activity
        docs = self.query_one("#doc-list", DataTable)
        for i, d in enumerate(self.data.documents):
            docs.add_row(Text(plain(d.doc_type)), Text(plain(d.author)), Text(plain(d.written_at[:16])), key=str(i))
        if self.data.documents:
            self.query_one(DocumentView).set_document(self.data.documents[0].text)
        search = self.query_one(CodeSearch)
        search.annotate = self._severities
        search.ready(self.app.reference)
        self._redraw_abstract()
        self._regroup(self.state, _copy(self.abstract))
        self._status()
        self.set_interval(1.0, self._status)
        search.action_focus_input()
        if self.record.returned_reason and not self.review:
            self.notify(f"Returned by {plain(self.record.returned_by or 'a reviewer')}: "
                        f"{plain(self.record.returned_reason)}", title="Returned chart", severity="warning", timeout=20)

    def on_unmount(self) -> None:
        if self.app.chart is self:
            self.app.chart = None
        self.app.forget_old_renders()

    def _active(self) -> None:
        """The coder did something: count the time since the last sign of life, unless they were away."""
        now = self.app.clock()
        if self._last_active is not None and now - self._last_active <= IDLE_SECONDS:
            self.active_seconds += now - self._last_active
        self._last_active = now

    def _record_time(self) -> None:
        """Store the active time on this chart for the productivity report (in a worker that outlives the screen)."""
        if self.review or self.active_seconds <= 0:
            return
        from db.reports import record_chart_time

        started = datetime.fromtimestamp(self.started, timezone.utc).isoformat(timespec="seconds")
        store, me, record_id, seconds = self.app.store, self.app.coder.username, self.record.id, self.active_seconds
        self.active_seconds = 0.0
        self.app.run_worker(lambda: record_chart_time(store, me, record_id, seconds, started), thread=True,
                            group="chart-time")

    def on_key(self) -> None:
        self._active()

    def on_input_changed(self) -> None:  # the search box stops the keys it types, so they never reach on_key
        self._active()

    def _status(self) -> None:
        r = self.record
        seconds = int(self.app.clock() - (self.started or self.app.clock()))
        text = (f"{r.account}  {r.patient_name}  {r.age}{r.sex}  {r.admit_date} to {r.discharge_date} "
                f"(LOS {r.length_of_stay})  disp {r.discharge_disposition}  {r.payer}  |  "
                f"{self.app.coder.username}  {seconds // 60:02d}:{seconds % 60:02d}  |  {self.saved}")
        self.query_one("#chart-status", TextLine).set(text)

    # -- documents -----------------------------------------------------------

    @on(DataTable.RowHighlighted, "#doc-list")
    def _document_chosen(self, event: DataTable.RowHighlighted) -> None:
        if event.row_key is not None and event.row_key.value is not None:
            self.query_one(DocumentView).set_document(self.data.documents[int(event.row_key.value)].text)

    def action_next_document(self) -> None:
        docs = self.query_one("#doc-list", DataTable)
        if docs.row_count:
            docs.move_cursor(row=(docs.cursor_row + 1) % docs.row_count)

    @on(DocumentView.SendToSearch)
    def _send_to_search(self, event: DocumentView.SendToSearch) -> None:
        self.query_one(CodeSearch).set_query(event.text)

    def action_documents(self) -> None:
        self.toggle_class("-docs")
        if self.has_class("-docs") or "-wide" in self.classes:
            self.query_one(DocumentView).focus()
        else:
            self.query_one(CodeSearch).action_focus_input()

    def action_find(self) -> None:
        from tui.screens.dialogs import TextPrompt

        def done(term: str | None) -> None:
            if term is not None:
                view = self.query_one(DocumentView)
                found = view.find(term)
                self.add_class("-docs")
                view.focus()
                self.notify(f"{found} match{'es' if found != 1 else ''} for {plain(term)!r}; n / N to move, s to search it",
                            timeout=4)

        self.app.push_screen(TextPrompt("Find in document", "words to find"), done)

    # -- posting codes -------------------------------------------------------

    def action_focus_search(self) -> None:
        self.remove_class("-docs")
        self.query_one(CodeSearch).action_focus_input()

    def action_focus_abstract(self) -> None:
        self.remove_class("-docs")
        self.query_one(AbstractTable).focus()

    @on(CodeSearch.Chosen)
    def _chosen(self, event: CodeSearch.Chosen) -> None:
        self._post(event.result, principal=False)

    def action_post_principal(self) -> None:
        r = self.query_one(CodeSearch).highlighted()
        if r is None:
            self.notify("Search for a code first.", timeout=3)
        elif r.system != "cm":
            self.notify("A procedure cannot be the principal diagnosis.", severity="warning", timeout=4)
        else:
            self._post(r, principal=True)

    def _post(self, r, principal: bool) -> None:
        from db.textnorm import code_key

        if r.needs_seventh:
            self._choose_seventh(r, principal)
            return
        if r.system == "pcs" and not r.billable:  # a partial PCS code (from the PCS index): finish it
            from tui.screens.pcs_builder import PcsBuilderScreen

            self.app.push_screen(PcsBuilderScreen(code_key(r.code)),
                                 lambda built: built and self._post_procedure(*built))
            return
        if not r.billable:
            self.notify(f"{r.code} is a header, not a billable code: choose a more specific one (F4 shows it).",
                        severity="warning", timeout=5)
            return
        key = code_key(r.code)
        self.titles[key] = r.description
        try:
            if r.system == "pcs":
                self.abstract.post_procedure(key, self._procedure_date())
            elif principal:
                self.abstract.post_principal(key)
            else:
                self.abstract.post_secondary(key)
        except AbstractEditError as exc:
            self.notify(str(exc), severity="warning", timeout=4)
            return
        self.query_one(CodeSearch).posted()
        self._changed()

    def _procedure_date(self) -> str:
        """The first operative note's date, else the admission date (editable with the date key)."""
        for d in self.data.documents:
            if "operative" in d.doc_type.lower() and d.written_at[:10]:
                return d.written_at[:10]
        return self.record.admit_date

    def _choose_seventh(self, r, principal: bool) -> None:
        from db.textnorm import code_key
        from tui.screens.code_detail import CodeDetailScreen

        def chosen(full: tuple[str, str] | None) -> None:
            if full:
                code, title = full
                self.titles[code] = title
                try:
                    (self.abstract.post_principal if principal else self.abstract.post_secondary)(code)
                except AbstractEditError as exc:
                    self.notify(str(exc), severity="warning")
                    return
                self._changed()

        self.app.push_screen(CodeDetailScreen("cm", code_key(r.code), choose=True), chosen)

    # -- editing the abstract ------------------------------------------------

    @on(AbstractTable.Edit)
    def _edit(self, event: AbstractTable.Edit) -> None:
        from db.textnorm import display_cm

        kind, index = event.row
        a = self.abstract
        table = self.query_one(AbstractTable)
        land = None  # the row (kind, index) the cursor goes to after the edit
        try:
            if event.what == "poa" and kind == "dx":
                from db.abstract_checks import poa_entry_problem

                problem = poa_entry_problem(a.diagnoses()[index].code, event.value, *self.exempt)
                if problem:
                    raise AbstractEditError(problem)
                a.set_poa(index, event.value)
                land = table.keys[min(table.cursor_row + 1, len(table.keys) - 1)]  # the next row
            elif event.what == "delete":
                if kind == "dx":
                    a.delete_diagnosis(index)
                elif kind == "adm":
                    a.admit_dx = None
                else:
                    del a.procedures[index]
            elif event.what in ("up", "down") and kind != "adm":
                step = -1 if event.what == "up" else 1
                land = (kind, a.move_diagnosis(index, step) if kind == "dx" else a.move_procedure(index, step))
            elif event.what == "principal" and kind == "dx":
                a.post_principal(a.diagnoses()[index].code)
                land = ("dx", 0)
            elif event.what == "principal" and kind == "px":
                a.make_principal_procedure(index)
                land = ("px", 0)
            elif event.what == "admitting" and kind == "dx":
                a.admit_dx = a.diagnoses()[index].code
                self.notify(f"Admitting diagnosis: {display_cm(a.admit_dx)}", timeout=3)
            elif event.what in ("date", "physician") and kind == "px":
                self._edit_procedure(index, event.what)
                return
            else:
                return
        except AbstractEditError as exc:
            self.notify(str(exc), severity="warning")
            return
        self._changed()
        if land in table.keys:
            table.move_cursor(row=table.keys.index(land))

    def _edit_procedure(self, index: int, what: str) -> None:
        """A procedure's date (within the stay) or operating physician, by prompt."""
        from tui.screens.dialogs import TextPrompt

        proc = self.abstract.procedures[index]
        r = self.record
        title, hint = ((f"Date of {proc.code}", f"YYYY-MM-DD, {r.admit_date} to {r.discharge_date}") if what == "date"
                       else (f"Operating physician of {proc.code}", "name"))

        def done(value: str | None) -> None:
            from db.abstract import is_date

            if value is None:
                return
            value = value.strip()
            if what == "date" and value and not is_date(value):
                self.notify(f"{value!r} is not a date (YYYY-MM-DD); the procedure keeps {proc.date or 'no date'}",
                            severity="warning", timeout=5)
                return
            setattr(proc, what, value or None)
            self._changed()

        self.app.push_screen(TextPrompt(title, hint, getattr(proc, what) or ""), done)

    def _changed(self) -> None:
        self.state += 1
        self._active()
        self._redraw_abstract()
        if not self.review:
            self.saved = "saving..."
            self._save_draft(_copy(self.abstract))
        self._status()
        self._regroup(self.state, _copy(self.abstract))

    def _redraw_abstract(self) -> None:
        impacts = {}
        if self.result is not None:
            from db.textnorm import code_key

            impacts = {code_key(d.code): (d.severity, d.excluded, d.affects_drg) for d in self.result.diagnoses}
        flagged = {code_key(n.code) for n in self.notes if n.level == "warning"}
        flagged |= {code_key(c.code) for c in self.checks if c.code and c.level != "note"}
        self.query_one(AbstractTable).show(self.abstract, self.titles, impacts, flagged)

    # -- saving and grouping (workers) ---------------------------------------

    @work(thread=True, group="draft")
    def _save_draft(self, snapshot: Abstract) -> None:
        message = self.save_draft_now(snapshot)
        self.app.call_from_thread(self._saved, message)

    def save_draft_now(self, snapshot: Abstract | None = None) -> str:
        """Save the abstract as the draft (from any thread); returns the status to show.

        Saves run one at a time and each reads the latest version under the
        lock, so the last save to run writes the latest abstract.
        """
        from db import queue
        from db.store import StoreError

        if self.review:
            return self.saved  # a review is recorded whole on F10, it has no draft
        snapshot = snapshot or _copy(self.abstract)
        with self._save_lock:
            try:
                self.version = queue.save_draft(self.app.store, self.app.coder.username, self.record.id, snapshot,
                                                self.version)
            except StoreError as exc:
                return f"NOT SAVED: {exc}"
        stamp = datetime.fromtimestamp(self.app.clock(), timezone.utc).strftime("%H:%M:%S")
        return f"draft saved {stamp}"

    def _saved(self, message: str) -> None:
        self.saved = message
        if message.startswith("NOT SAVED"):
            self.notify(plain(message), severity="error", timeout=10)
        self._status()

    @work(thread=True, exclusive=True, group="regroup")
    def _regroup(self, state: int, abstract: Abstract) -> None:
        from db.abstract import fiscal_year_of, not_valid_in_year
        from db.abstract_checks import check_abstract, exempt_codes, patient_conflicts
        from db.grouping import GroupingError, stay_of
        from db.note_checks import NoteFinding, check_notes
        from db.queue import base_rate

        ref, record, grouper = self.app.reference, self.record, self.app.get_grouper()
        notes = check_notes(ref, abstract)
        year = fiscal_year_of(date.fromisoformat(record.discharge_date))
        notes += [NoteFinding(code, "fiscal_year", "warning", f"not a valid code for FY{year} discharges")
                  for code in not_valid_in_year(abstract, ref, year)]
        result, message = None, "No principal diagnosis yet: post one (F3)."
        if abstract.pdx is not None:
            try:
                result = grouper.group(abstract, stay_of(record), base_rate=base_rate(self.app.store))
            except GroupingError as exc:
                message = str(exc)
        checks = check_abstract(abstract, record, ref, result, grouper)
        checks += patient_conflicts(result) if result else []
        exempt = exempt_codes(abstract, ref, record.discharge_date)
        self.app.call_from_thread(self._grouped, state, result, message, notes, checks, exempt)

    def _grouped(self, state: int, result, message: str, notes: list, checks: list, exempt: tuple) -> None:
        from db.abstract_checks import apply_poa_exempt

        if state != self.state:
            return  # the abstract changed again; a newer regroup is coming
        self.exempt = exempt
        changed = [] if self.review else apply_poa_exempt(self.abstract, exempt[1])
        if changed:  # codes on the POA-exempt list take 1 by themselves: save and regroup again
            self.notify(f"POA 1 (exempt from POA reporting) set on {', '.join(changed)}.", timeout=4)
            self._changed()
            return
        self.result, self.notes, self.checks = result, notes, checks
        panel = self.query_one(DrgPanel)
        if result is None:
            panel.show_message(message, "yellow", checks)
        else:
            panel.show(result, notes, checks)
        self._redraw_abstract()
        self.encounter_changed()

    def _severities(self, codes: list[str]) -> dict[str, str]:
        """CC/MCC of search results as secondaries to the current principal (called in the search worker)."""
        from db.grouping import GroupingError, stay_of

        try:
            return self.app.get_grouper().severities(self.abstract.pdx, codes, stay_of(self.record))
        except GroupingError:
            return {}

    # -- other screens -------------------------------------------------------

    def action_detail(self) -> None:
        from db.textnorm import code_key
        from tui.screens.code_detail import CodeDetailScreen

        search, table = self.query_one(CodeSearch), self.query_one(AbstractTable)
        if table.has_focus and table.current():
            kind, index = table.current()
            if kind == "px":
                code, system = self.abstract.procedures[index].code, "pcs"
            else:
                code = self.abstract.admit_dx if kind == "adm" else self.abstract.diagnoses()[index].code
                system = "cm"
        elif search.highlighted():
            r = search.highlighted()
            code, system = code_key(r.code), r.system
        else:
            self.notify("Highlight a code in the search results or the abstract.", timeout=3)
            return
        self.app.push_screen(CodeDetailScreen(system, code))

    def action_pcs_builder(self) -> None:
        """Build a PCS code axis by axis, starting from a partial code typed in the search."""
        from db.textnorm import looks_like_code
        from tui.screens.pcs_builder import PcsBuilderScreen

        query = self.query_one(CodeSearch).query_one("#query").value.strip()
        start = query.upper() if looks_like_code(query) in ("pcs", "both") else ""

        def built(code: tuple[str, str] | None) -> None:
            if code:
                self._post_procedure(*code)

        self.app.push_screen(PcsBuilderScreen(start), built)

    def action_tables(self) -> None:
        """The Neoplasm Table or the Table of Drugs: a complete code is posted; an incomplete one
        goes to the search (its codes in order) or to its 7th characters."""
        from tui.screens.tables import TablesScreen

        def chosen(code: str | None) -> None:
            if not code:
                return
            found = self.app.reference.code("cm", code.rstrip("-"))
            if found and found.billable and not code.endswith("-"):
                self._post(_as_result(found), principal=not self.abstract.diagnoses())
            elif found and found.needs_seventh:
                self._post(_as_result(found), principal=not self.abstract.diagnoses())
            else:
                self.query_one(CodeSearch).set_query(code.rstrip("-"))

        self.app.push_screen(TablesScreen(), chosen)

    def _post_procedure(self, code: str, title: str) -> None:
        self.titles[code] = title
        try:
            self.abstract.post_procedure(code, self._procedure_date())
        except AbstractEditError as exc:
            self.notify(str(exc), severity="warning")
            return
        self._changed()

    # -- encounter data --------------------------------------------------------

    def action_encounter(self) -> None:
        from tui.screens.encounter import EncounterScreen

        self.app.push_screen(EncounterScreen(self))

    def encounter_changed(self) -> None:
        if self.encounter_view is not None:
            self.encounter_view.refresh_rows()

    def set_encounter(self, name: str, value: str) -> None:
        if self.review:
            self.notify("A reviewer re-codes the chart; its encounter data is the coder's.", timeout=4)
            return
        self._active()
        self._update_encounter(name, value)

    @work(thread=True, group="draft")
    def _update_encounter(self, name: str, value: str) -> None:
        from db import queue
        from db.store import StoreError

        with self._save_lock:  # drafts and encounter changes both move the record's version
            try:
                record = queue.update_encounter(self.app.store, self.app.coder.username, self.record.id,
                                                {name: value}, self.version)
            except StoreError as exc:
                self.app.call_from_thread(self.notify, str(exc), severity="error", timeout=8)
                return
            self.version = record.version
        self.app.call_from_thread(self._encounter_saved, record)

    def _encounter_saved(self, record) -> None:
        self.record = record
        self.state += 1
        self._status()
        self._regroup(self.state, _copy(self.abstract))

    def set_admitting(self, text: str) -> None:
        """The admitting diagnosis from a typed code (checked against the code set in a worker)."""
        from db.textnorm import code_key

        if not text.strip():
            self.abstract.admit_dx = None
            self._changed()
        else:
            self._check_admitting(code_key(text))

    @work(thread=True, group="lookup")
    def _check_admitting(self, key: str) -> None:
        found = self.app.reference.code("cm", key)
        self.app.call_from_thread(self._admitting_checked, key, found)

    def _admitting_checked(self, key: str, found) -> None:
        if found is None or not found.billable:
            self.notify(f"{key}: not a billable ICD-10-CM code", severity="warning", timeout=5)
            return
        self.titles[key] = found.title
        self.abstract.admit_dx = key
        self._changed()

    def action_summary(self) -> None:
        from tui.screens.summary import SummaryScreen

        self.app.push_screen(SummaryScreen(self.record.account, _copy(self.abstract)))

    def action_what_if(self) -> None:
        from tui.screens.what_if import WhatIfScreen

        if self.result is None:
            self.notify("No DRG yet.", timeout=3)
        else:
            self.app.push_screen(WhatIfScreen(self.result, self.notes))

    def action_back(self) -> None:
        self._record_time()
        self.app.pop_screen()

    def action_hold(self) -> None:
        from tui.screens.dialogs import HoldScreen

        if self.review:
            self.notify("A chart under review is not held; F9 goes back to the sample.", timeout=4)
            return
        def done(answer: tuple[str, str] | None) -> None:
            if answer:
                self._hold(*answer)

        self.app.push_screen(HoldScreen(self.record.account), done)

    @work(thread=True, group="chart-store")
    def _hold(self, reason: str, query: str) -> None:
        from db import queue
        from db.store import StoreError

        try:
            self.save_draft_now()
            with self._save_lock:
                queue.hold(self.app.store, self.app.coder.username, self.record.id, reason, query, self.version)
        except StoreError as exc:
            self.app.call_from_thread(self.notify, plain(str(exc)), severity="error", timeout=8)
            return
        self.app.call_from_thread(self._leave, f"{self.record.account} is on hold.")

    def action_release(self) -> None:
        if self.review:
            self.notify("A chart under review has no lease; F9 goes back to the sample.", timeout=4)
            return
        self._release()

    @work(thread=True, group="chart-store")
    def _release(self) -> None:
        from db import queue
        from db.store import StoreError

        try:
            self.save_draft_now()
            with self._save_lock:
                queue.release(self.app.store, self.app.coder.username, self.record.id, self.version)
        except StoreError as exc:
            self.app.call_from_thread(self.notify, plain(str(exc)), severity="error", timeout=8)
            return
        self.app.call_from_thread(self._leave, f"{self.record.account} is back in the queue; its draft is kept.")

    def _leave(self, message: str) -> None:
        self._record_time()
        self.notify(message, timeout=4)
        self.app.pop_screen()

    # -- commit --------------------------------------------------------------

    def action_commit(self) -> None:
        self._prepare_commit(_copy(self.abstract))

    @work(thread=True, exclusive=True, group="chart-store")
    def _prepare_commit(self, abstract: Abstract) -> None:
        from db.abstract import validate
        from db.abstract_checks import check_abstract
        from db.grouping import GroupingError, stay_of
        from db.note_checks import check_notes
        from db.queue import base_rate

        ref, record, grouper = self.app.reference, self.record, self.app.get_grouper()
        problems = validate(abstract, ref, date.fromisoformat(record.discharge_date))
        notes = [n for n in check_notes(ref, abstract) if n.level == "warning"]
        result = None
        if abstract.pdx is not None:
            try:
                result = grouper.group(abstract, stay_of(record), base_rate=base_rate(self.app.store), what_if=False)
            except GroupingError as exc:
                problems.append(str(exc))
        checks = check_abstract(abstract, record, ref, result, grouper)
        self.app.call_from_thread(self._confirm_commit, abstract, problems, result, notes, checks)

    def _confirm_commit(self, abstract: Abstract, problems: list[str], result, notes: list, checks: list) -> None:
        from tui.screens.dialogs import CommitScreen

        def done(confirmed: bool | None) -> None:
            if confirmed:
                self._commit(abstract)

        self.app.push_screen(CommitScreen(self.record.account, problems, result, notes, checks,
                                          "Record review of" if self.review else "Commit"), done)

    @work(thread=True, exclusive=True, group="chart-store")
    def _commit(self, abstract: Abstract) -> None:
        from db import queue
        from db.store import StoreError

        if self.review:
            self._record_review(abstract)
            return
        try:
            with self._save_lock:
                queue.commit(self.app.store, self.app.coder.username, self.record.id, abstract, self.app.reference,
                             self.version)
        except StoreError as exc:
            self.app.call_from_thread(self.notify, plain(str(exc)), severity="error", timeout=10)
            return
        try:
            following = load_chart(self.app, None)
        except Exception as exc:  # the commit is done; only the next claim failed
            self.app.call_from_thread(self.notify, plain(str(exc)), severity="error", timeout=8)
            following = "empty"
        self.app.call_from_thread(self._after_commit, following)

    def _record_review(self, abstract: Abstract) -> None:
        from db import review
        from db.store import StoreError

        sample_id, mode = self.review
        try:
            found = review.record_review(self.app.store, self.app.coder.username, sample_id, self.record.id, abstract,
                                         ref=self.app.reference, mode=mode)
        except StoreError as exc:
            self.app.call_from_thread(self.notify, plain(str(exc)), severity="error", timeout=10)
            return
        drg = f"DRG {found.drg_before} -> {found.drg_after}" if found.drg_before != found.drg_after else "DRG unchanged"
        self.app.call_from_thread(self._leave, f"Review recorded: {found.errors} error(s) in {found.codes_reviewed} "
                                               f"codes; {drg}.")

    def _after_commit(self, following) -> None:
        self._record_time()
        # A finished chart is a web of widgets referring to each other: collect it
        # now, between charts, rather than whenever the cyclic collector next runs.
        gc.collect()
        self.notify(f"Committed {self.record.account}.", timeout=3)
        if following == "empty":
            self.notify("The queue is empty.", timeout=5)
            self.app.pop_screen()
        else:
            self.app.switch_screen(ChartScreen(following))


def _as_result(code):
    """A reference code as a search result, so every way of choosing a code posts the same way."""
    from db.search import SearchResult

    return SearchResult(code.display, code.system, code.title, code.billable, "table", code.needs_seventh)


def _copy(abstract: Abstract) -> Abstract:
    from db.abstract import parse_abstract

    return parse_abstract(abstract.to_dict())
