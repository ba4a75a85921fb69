"""The manager's and reviewer's screens, driven by keys through the real app:
reports, drawing a sample, a blind review, returning a chart to its coder (who
then sees it flagged), and the active chart time the productivity report uses."""

import pytest

from db import reports
from db.records import get_record
from db.review import get_sample, latest_sample_id
from db.store import Store
from tests.app_helpers import FIXED_NOW, type_text, wait_for
from tests.test_reports import coded_store
from tui.app import ChartKeyApp
from tui.screens.chart import IDLE_SECONDS, ChartScreen
from tui.screens.queue import QueueScreen
from tui.widgets.code_search import CodeSearch


@pytest.fixture
def store_path(tmp_path, ref):
    coded_store(tmp_path / "store.sqlite", ref).close()
    return tmp_path / "store.sqlite"


def app_as(user: str, reference_path, store_path, clock=lambda: FIXED_NOW) -> ChartKeyApp:
    return ChartKeyApp(codes=reference_path, db=store_path, coder=user, clock=clock)


async def on_queue(pilot, app) -> QueueScreen:
    await wait_for(pilot, lambda: isinstance(app.screen, QueueScreen) and app.store is not None
                   and app.coder is not None, what="the queue")
    return app.screen


def cells(table) -> list[list[str]]:
    return [[c.plain for c in table.get_row_at(i)] for i in range(table.row_count)]


async def test_reports_screen_shows_each_report_on_its_key(reference_path, store_path, ref):
    app = app_as("rita", reference_path, store_path)
    async with app.run_test(size=(120, 36)) as pilot:
        await on_queue(pilot, app)
        await pilot.press("r")
        await wait_for(pilot, lambda: type(app.screen).__name__ == "ReportsScreen" and app.screen.report is not None,
                       what="the productivity report")
        screen = app.screen
        assert screen.report.name == "productivity"
        await pilot.press("3")
        await wait_for(pilot, lambda: screen.report.name == "cmi", what="the case-mix report")
        store = Store.open(store_path, clock=lambda: FIXED_NOW)
        expected = reports.cmi(store, ref)
        shown = cells(screen.query_one("#reports-table"))
        assert len(shown) == len(expected.rows) and shown[0][0] == str(expected.rows[0][0])
        assert str(screen.query_one("#reports-title").render()) == expected.title
        assert screen.query_one("#reports-trend").display  # CMI by month is drawn, not only listed
        await pilot.press("q")
        await wait_for(pilot, lambda: isinstance(app.screen, QueueScreen), what="back to the queue")


async def test_a_coder_cannot_open_reports_or_review(reference_path, store_path):
    app = app_as("alice", reference_path, store_path)
    async with app.run_test(size=(120, 36)) as pilot:
        queue = await on_queue(pilot, app)
        await pilot.press("r", "v")
        await pilot.pause(0.1)
        assert app.screen is queue


async def test_blind_review_and_return_to_the_coder(reference_path, store_path):
    app = app_as("rita", reference_path, store_path)
    async with app.run_test(size=(120, 36)) as pilot:
        await on_queue(pilot, app)
        await pilot.press("v")
        await wait_for(pilot, lambda: type(app.screen).__name__ == "ReviewScreen", what="the review screen")
        review = app.screen
        await pilot.press("n")  # draw: 2 charts per coder, all six committed charts
        await wait_for(pilot, lambda: review.sample is not None and review.query_one("#review-items").row_count == 6,
                       what="the sample")
        item = review.sample.items[0]
        await pilot.press("b")
        await wait_for(pilot, lambda: isinstance(app.screen, ChartScreen), what="the chart under review")
        chart = app.screen
        assert chart.review == (review.sample.id, "blind") and not chart.abstract.diagnoses()  # blind: nothing shown
        search = chart.query_one(CodeSearch)
        await pilot.press("f2")
        await type_text(pilot, "r07.9")
        await wait_for(pilot, lambda: search.results and search.results[0].code == "R07.9", what="R07.9")
        await pilot.press("f3", "f8", "y")
        await wait_for(pilot, lambda: chart.result is not None and chart.result.drg, what="the DRG")
        await pilot.press("f10")
        await wait_for(pilot, lambda: type(app.screen).__name__ == "CommitScreen", what="the record dialog")
        assert "Record review of" in str(app.screen.query_one("#commit-summary").render())
        await pilot.press("y")
        await wait_for(pilot, lambda: app.screen is review and review.sample.items[0].status == "done",
                       what="the review recorded")
        assert "Accuracy by coder" in str(review.query_one("#review-accuracy").render())
        await pilot.press("x")
        await wait_for(pilot, lambda: type(app.screen).__name__ == "TextPrompt", what="the reason prompt")
        await type_text(pilot, "principal diagnosis not supported")
        await pilot.press("enter")
        store = Store.open(store_path, clock=lambda: FIXED_NOW)
        await wait_for(pilot, lambda: get_record(store, item.record_id).returned_reason is not None,
                       what="the chart returned")

    sample = get_sample(store, latest_sample_id(store))
    done = next(i for i in sample.items if i.record_id == item.record_id)
    assert done.mode == "blind" and done.reviewer == "rita"
    assert get_record(store, item.record_id).returned_by == "rita"

    coder = app_as(item.coder, reference_path, store_path)
    async with coder.run_test(size=(120, 36)) as pilot:
        queue = await on_queue(pilot, coder)
        await wait_for(pilot, lambda: item.account in queue.query_one("#queue-table").rows, what="the returned chart")
        table = queue.query_one("#queue-table")
        row = [c.plain for c in table.get_row(item.account)]
        assert "returned" in row


async def test_active_chart_time_is_recorded_without_idle_gaps(reference_path, tmp_path):
    from tests.app_helpers import demo_store

    store_path = demo_store(tmp_path / "demo.sqlite")
    now = [FIXED_NOW]
    app = app_as("coder1", reference_path, store_path, clock=lambda: now[0])
    async with app.run_test(size=(120, 36)) as pilot:
        await on_queue(pilot, app)
        await wait_for(pilot, lambda: app.screen.query_one("#queue-table").row_count > 0, what="the queue rows")
        await pilot.press("c")
        await wait_for(pilot, lambda: isinstance(app.screen, ChartScreen), what="the chart")
        record_id = app.screen.record.id
        for step in (30, 30, IDLE_SECONDS + 600, 40):  # 30 + 30 active, a long break, then 40 more
            now[0] += step
            await pilot.press("f7")
        await pilot.press("f9")
        await wait_for(pilot, lambda: isinstance(app.screen, QueueScreen), what="back to the queue")
        store = Store.open(store_path, clock=lambda: FIXED_NOW)
        await wait_for(pilot, lambda: store.con.execute("SELECT COUNT(*) FROM chart_time").fetchone()[0] == 1,
                       what="the chart time")
    seconds, coder, rid = store.con.execute("SELECT seconds, coder, record_id FROM chart_time").fetchone()
    assert (seconds, coder, rid) == (100, "coder1", record_id)
