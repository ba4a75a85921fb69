"""The work queue: every record with its status and holder, filters, claim next.

Other coders' claims appear within a second or two: the screen polls the
store's change counter (one tiny read) and fetches only the rows that changed.
"""

from __future__ import annotations

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header

from tui import bindings
from tui.text import plain
from tui.widgets.line import TextLine

STATUS_FILTERS = ("open", "all", "ready", "in_progress", "on_hold", "coded")
SORTS = (("queue order", None), ("oldest discharge", "discharge_date"), ("highest charges", "total_charges"),
         ("account", "account"))
POLL_SECONDS = 1.0
STATUS_LABEL = {"ready": "ready", "in_progress": "in progress", "on_hold": "on hold", "coded": "coded", "reviewed": "reviewed"}


class QueueScreen(Screen):
    TITLE = "Work queue"
    BINDINGS = bindings.QUEUE

    def __init__(self) -> None:
        super().__init__()
        self.rows: dict[str, object] = {}  # account -> QueueRow
        self.seq = -1
        self.status_filter = "open"
        self.service_filter: str | None = None
        self.mine = False
        self.sort = 0
        self._busy = False
        self._timer = None

    def compose(self) -> ComposeResult:
        yield Header(show_clock=False)
        yield TextLine("Opening the code sets and the store (the very first start builds the code sets: about 10 s)...",
                       id="queue-info")
        yield TextLine("", id="queue-filters")
        table: DataTable = DataTable(id="queue-table", cursor_type="row")
        for label, key, width in (("Account", "account", 12), ("Patient", "patient", 22), ("Discharged", "discharged", 10),
                                  ("Days", "days", 4), ("Service", "service", 18), ("Charges", "charges", 11),
                                  ("Status", "status", 11), ("Coder", "coder", 12)):
            table.add_column(label, key=key, width=width)
        yield table
        yield Footer()

    def services_ready(self, found) -> None:
        app = self.app
        from db.grouping import VERSIONS

        systems = {s.system: s for s in app.reference.systems()}
        cm = systems.get("cm")
        info = (f"{app.coder.username} ({app.coder.role})  |  store {app.store.path}  |  "
                f"ICD-10-CM {cm.fiscal_year if cm else '?'}  |  MS-DRG v{VERSIONS[0][2]}")
        self.query_one("#queue-info", TextLine).set(info)
        self._apply(found.marker, found.rows)
        self._timer = self.set_interval(POLL_SECONDS, self._poll)

    # Under the chart the queue neither polls nor redraws: a background screen's
    # repaint goes through the chart on top and would cost the terminal kilobytes.
    # Its footer too is hidden: Textual recomposes every screen's footer when
    # the bindings change, and this one would repaint through the chart.
    def on_screen_suspend(self) -> None:
        if self._timer is not None:
            self._timer.pause()
        self.query_one(Footer).display = False

    def on_screen_resume(self) -> None:
        self.query_one(Footer).display = True
        if self._timer is not None:
            self._timer.resume()
        if self.app.store is not None:
            self._poll()

    # -- data ----------------------------------------------------------------

    @work(thread=True, exclusive=True, group="queue-poll")
    def _poll(self) -> None:
        from db.records import queue_rows

        store = self.app.store
        if store is None:
            return
        marker = store.change_marker()
        if marker == self.seq:
            return
        changed = queue_rows(store, self.seq)
        self.app.call_from_thread(self._apply, marker, changed)

    def _apply(self, marker: int, changed: list) -> None:
        first = self.seq < 0
        self.seq = marker
        for row in changed:
            self.rows[row.account] = row
        self._render_rows()
        if first:
            self.app.warm_up()

    def _visible(self) -> list:
        from db.records import utc_today

        rows = list(self.rows.values())
        me = self.app.coder.username if self.app.coder else None
        if self.status_filter == "open":
            rows = [r for r in rows if r.status in ("ready", "in_progress", "on_hold")]
        elif self.status_filter != "all":
            rows = [r for r in rows if r.status == self.status_filter]
        if self.service_filter:
            rows = [r for r in rows if r.service_line == self.service_filter]
        if self.mine:
            rows = [r for r in rows if r.holder == me]
        key = SORTS[self.sort][1]
        if key is None:
            rows.sort(key=lambda r: (-r.priority, r.discharge_date, -r.total_charges, r.id))
        else:
            rows.sort(key=lambda r: getattr(r, key), reverse=key == "total_charges")
        self._today = utc_today(self.app.store)
        return rows

    def _render_rows(self) -> None:
        table = self.query_one(DataTable)
        keep = self._selected_account()
        table.clear()
        for r in self._visible():
            table.add_row(
                Text(r.account), Text(plain(r.patient_name)), Text(r.discharge_date),
                Text(str(r.days_since_discharge(self._today)), justify="right"), Text(plain(r.service_line)),
                Text(f"{r.total_charges:,.0f}", justify="right"),
                Text("returned" if r.returned and r.status == "ready" else STATUS_LABEL.get(r.status, r.status),
                     style="bold yellow" if r.returned else ""),
                Text(plain(r.holder or "")), key=r.account,
            )
        if keep and keep in table.rows:
            table.move_cursor(row=table.get_row_index(keep))
        self._refresh_filters()

    def _selected_account(self) -> str | None:
        table = self.query_one(DataTable)
        if not table.row_count:
            return None
        return table.coordinate_to_cell_key((table.cursor_row, 0)).row_key.value

    def _refresh_filters(self) -> None:
        counts: dict[str, int] = {}
        for r in self.rows.values():
            counts[r.status] = counts.get(r.status, 0) + 1
        summary = "  ".join(f"{STATUS_LABEL[s]} {counts.get(s, 0)}" for s in ("ready", "in_progress", "on_hold", "coded"))
        text = (f"[f] status: {self.status_filter.replace('_', ' ')}   [s] service: {self.service_filter or 'all'}   "
                f"[m] mine: {'on' if self.mine else 'off'}   [o] sort: {SORTS[self.sort][0]}      {summary}")
        self.query_one("#queue-filters", TextLine).set(text)

    # -- actions -------------------------------------------------------------

    def action_cursor(self, step: int) -> None:
        table = self.query_one(DataTable)
        table.move_cursor(row=max(0, table.cursor_row + step))

    def action_cycle_status(self) -> None:
        self.status_filter = STATUS_FILTERS[(STATUS_FILTERS.index(self.status_filter) + 1) % len(STATUS_FILTERS)]
        self._render_rows()

    def action_cycle_service(self) -> None:
        services = [None] + sorted({r.service_line for r in self.rows.values()})
        self.service_filter = services[(services.index(self.service_filter) + 1) % len(services)]
        self._render_rows()

    def action_toggle_mine(self) -> None:
        self.mine = not self.mine
        self._render_rows()

    def action_cycle_sort(self) -> None:
        self.sort = (self.sort + 1) % len(SORTS)
        self._render_rows()

    def action_claim_next(self) -> None:
        if self.app.store is not None and not self._busy:
            self._busy = True
            self._claim(None)

    def action_open(self) -> None:
        account = self._selected_account()
        if account and self.app.store is not None and not self._busy:
            self._busy = True
            self._claim(account)

    @on(DataTable.RowSelected, "#queue-table")
    def _row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.action_open()

    @work(thread=True, exclusive=True, group="queue-claim")
    def _claim(self, account: str | None) -> None:
        from tui.screens.chart import load_chart

        try:
            chart = load_chart(self.app, account)
        except Exception as exc:  # a store or lease problem: tell the coder, keep the queue
            self.app.call_from_thread(self.notify, plain(str(exc)), severity="error", timeout=8)
            chart = None
        self.app.call_from_thread(self._open_chart, chart)

    def _open_chart(self, chart) -> None:
        self._busy = False
        if chart is None:
            return
        if chart == "empty":
            self.notify("Nothing is free to claim.", timeout=5)
            return
        from tui.screens.chart import ChartScreen

        self.app.push_screen(ChartScreen(chart))

    def action_reports(self) -> None:
        if self._manager_or_reviewer():
            from tui.screens.reports import ReportsScreen

            self.app.push_screen(ReportsScreen())

    def action_review(self) -> None:
        if self._manager_or_reviewer():
            from tui.screens.review import ReviewScreen

            self.app.push_screen(ReviewScreen())

    def _manager_or_reviewer(self) -> bool:
        coder = self.app.coder
        if coder is None or coder.role not in ("manager", "reviewer"):
            self.notify("Reports and review are for reviewers and managers.", severity="warning", timeout=4)
            return False
        return True

    def action_summary(self) -> None:
        from tui.screens.summary import SummaryScreen

        account = self._selected_account()
        if account and self.app.store is not None:
            self.app.push_screen(SummaryScreen(account))

    def action_unhold(self) -> None:
        account = self._selected_account()
        if account and self.app.store is not None:
            self._unhold(account)

    @work(thread=True, group="queue-claim")
    def _unhold(self, account: str) -> None:
        from db import queue
        from db.records import get_record
        from db.store import StoreError

        try:
            queue.unhold(self.app.store, self.app.coder.username, get_record(self.app.store, account).id)
            self.app.call_from_thread(self.notify, f"{account} is back in the queue.")
        except StoreError as exc:
            self.app.call_from_thread(self.notify, plain(str(exc)), severity="error")
        self.app.call_from_thread(self._poll)
