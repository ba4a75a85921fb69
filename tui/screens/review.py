"""Second-level review: draw a sample, re-code its charts blind or open, see accuracy,
return a chart to its coder."""

from __future__ import annotations

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Static

from tui import bindings
from tui.text import plain


class ReviewScreen(Screen):
    TITLE = "Review"
    BINDINGS = bindings.REVIEW

    def __init__(self) -> None:
        super().__init__()
        self.sample = None

    def compose(self) -> ComposeResult:
        yield Header(show_clock=False)
        yield Static("", id="review-summary")
        table: DataTable = DataTable(id="review-items", cursor_type="row")
        for label, width in (("Account", 12), ("Coder", 12), ("Mode", 6), ("Status", 8), ("Reviewer", 12)):
            table.add_column(label, width=width)
        yield table
        yield Static("", id="review-accuracy")
        yield Footer()

    def on_mount(self) -> None:
        self._load()

    def on_screen_resume(self) -> None:
        self._load()

    @work(thread=True, exclusive=True)
    def _load(self, draw: bool = False) -> None:
        from db import review
        from db.store import StoreError

        store, me = self.app.store, self.app.coder.username
        try:
            if draw:
                review.draw_sample(store, me, 2, None, None)
            sample_id = review.latest_sample_id(store)
            sample = review.get_sample(store, sample_id) if sample_id else None
            accuracy = review.coder_accuracy(store)
        except StoreError as exc:
            self.app.call_from_thread(self.notify, plain(str(exc)), severity="error", timeout=8)
            return
        self.app.call_from_thread(self._show, sample, accuracy)

    def _show(self, sample, accuracy) -> None:
        self.sample = sample
        summary = self.query_one("#review-summary", Static)
        table = self.query_one(DataTable)
        table.clear()
        if sample is None:
            summary.update(Text("No sample yet: n draws 2 committed charts per coder (random, seed recorded).", style="bold"))
        else:
            summary.update(Text(f"Sample {sample.id} ({sample.method}, seed {sample.seed}) drawn {sample.created_at} by "
                                f"{plain(sample.created_by)}: b re-codes blind, o open, x returns to its coder", style="bold"))
            for item in sample.items:
                table.add_row(Text(item.account), Text(plain(item.coder)), Text(item.mode), Text(item.status),
                              Text(plain(item.reviewer or "")), key=str(item.record_id))
        lines = [f"{plain(a.coder):<14} charts {a.charts:>3}  code accuracy {_percent(a.code_level)}  "
                 f"DRG accuracy {_percent(a.drg_level)}  weight change {a.weight_change:+.4f}" for a in accuracy]
        self.query_one("#review-accuracy", Static).update(Text("\n".join(["Accuracy by coder:", *lines])
                                                               if lines else "No reviews done yet."))

    def _selected(self):
        table = self.query_one(DataTable)
        if self.sample is None or not table.row_count:
            return None
        return self.sample.items[table.cursor_row]

    def action_draw(self) -> None:
        self._load(draw=True)

    def action_review(self, mode: str) -> None:
        item = self._selected()
        if item is not None:
            self._open(item.record_id, mode)

    @work(thread=True, exclusive=True, group="review-open")
    def _open(self, record_id: int, mode: str) -> None:
        from db.store import StoreError
        from tui.screens.chart import ChartScreen, load_review_chart

        try:
            chart = load_review_chart(self.app, self.sample.id, record_id, mode)
        except StoreError as exc:  # say it, stay on the list
            self.app.call_from_thread(self.notify, plain(str(exc)), severity="error", timeout=8)
            return

        self.app.call_from_thread(self.app.push_screen, ChartScreen(chart))

    def action_return(self) -> None:
        from tui.screens.dialogs import TextPrompt

        item = self._selected()
        if item is None:
            return

        def done(reason: str | None) -> None:
            if reason:
                self._return(item.record_id, reason)

        self.app.push_screen(TextPrompt(f"Return {item.account} to {item.coder}", "the reason"), done)

    @work(thread=True, group="review-open")
    def _return(self, record_id: int, reason: str) -> None:
        from db import review
        from db.store import StoreError

        try:
            review.return_chart(self.app.store, self.app.coder.username, record_id, reason)
            self.app.call_from_thread(self.notify, "Returned to its coder, flagged in their queue.", timeout=4)
        except StoreError as exc:
            self.app.call_from_thread(self.notify, plain(str(exc)), severity="error", timeout=8)

    def action_back(self) -> None:
        self.app.pop_screen()


def _percent(value: float | None) -> str:
    return "     -" if value is None else f"{value:6.1%}"
