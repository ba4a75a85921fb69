"""Reports for managers and reviewers: one key per report, trends as sparklines."""

from __future__ import annotations

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Sparkline, Static

from tui import bindings
from tui.text import plain
from tui.widgets.line import TextLine

ORDER = ("productivity", "dnfb", "cmi", "cc_capture", "holds", "accuracy")


class ReportsScreen(Screen):
    TITLE = "Reports"
    BINDINGS = bindings.REPORTS

    def __init__(self) -> None:
        super().__init__()
        self.report = None

    def compose(self) -> ComposeResult:
        yield Header(show_clock=False)
        yield TextLine(" ".join(f"[{i}] {name}" for i, name in enumerate(ORDER, 1)), id="reports-menu")
        yield Static("", id="reports-title")
        yield Sparkline([], id="reports-trend")
        yield DataTable(id="reports-table", cursor_type="row", zebra_stripes=True)
        yield Static("", id="reports-notes")
        yield Footer()

    def on_mount(self) -> None:
        self.action_show(1)

    def action_show(self, number: int) -> None:
        self.query_one("#reports-title", Static).update(Text(f"{ORDER[number - 1]}: computing...", style="bold"))
        self._load(ORDER[number - 1])

    @work(thread=True, exclusive=True)
    def _load(self, name: str) -> None:
        from db.reports import REPORTS
        from db.store import StoreError

        try:
            report = REPORTS[name](self.app.store, self.app.current_reference())
        except StoreError as exc:
            self.app.call_from_thread(self.notify, plain(str(exc)), severity="error", timeout=8)
            return
        self.app.call_from_thread(self._show, report)

    def _show(self, report) -> None:
        self.report = report
        self.query_one("#reports-title", Static).update(Text(plain(report.title), style="bold"))
        table = self.query_one(DataTable)
        table.clear(columns=True)
        for column in report.columns:
            table.add_column(column)
        for row in report.rows:
            table.add_row(*(Text(plain("" if v is None else f"{v:,.2f}" if isinstance(v, float) else str(v)))
                            for v in row))
        trend = self.query_one(Sparkline)
        name, points = next(iter(report.series.items()), ("", []))
        trend.data = [value for _, value in points] or [0]
        trend.display = bool(points)
        notes = [f"trend: {name} ({points[0][0]} to {points[-1][0]})"] if points else []
        self.query_one("#reports-notes", Static).update(Text(plain("\n".join(notes + report.notes)), style="dim"))

    def action_back(self) -> None:
        self.app.pop_screen()
