"""The coder's whole flow, keyboard only, through the real app: claim, search, post,
POA, procedure, DRG, commit, next chart; hold; draft restore; safe document text."""

import gc
import weakref

import pytest

from db.records import get_record, queue_counts
from db.store import Store
from tests.app_helpers import FIXED_NOW, demo_store, make_app, type_text, wait_for
from tui.screens.chart import ChartScreen
from tui.screens.queue import QueueScreen
from tui.widgets.abstract_table import AbstractTable
from tui.widgets.code_search import CodeSearch
from tui.widgets.document_view import DocumentView


@pytest.fixture
def store_path(tmp_path):
    return demo_store(tmp_path / "demo.sqlite")


async def open_next_chart(pilot, app) -> ChartScreen:
    await wait_for(pilot, lambda: isinstance(app.screen, QueueScreen) and app.store is not None
                   and app.screen.query_one("#queue-table").row_count > 0, what="the queue")
    await pilot.press("c")
    await wait_for(pilot, lambda: isinstance(app.screen, ChartScreen), what="the chart")
    return app.screen


async def search_for(pilot, chart: ChartScreen, text: str) -> None:
    search = chart.query_one(CodeSearch)
    await pilot.press("f2")
    search.query_one("#query").value = ""
    await type_text(pilot, text)
    await wait_for(pilot, lambda: search.results and search.query_one("#query").value == text
                   and search.query_one("#results").rows, what=f"results for {text}")


async def test_code_a_chart_end_to_end(reference_path, store_path):
    app = make_app(reference_path, store_path)
    async with app.run_test(size=(120, 36)) as pilot:
        chart = await open_next_chart(pilot, app)
        first = chart.record.account
        await search_for(pilot, chart, "i50.23")
        await pilot.press("f3")  # principal
        await search_for(pilot, chart, "n18.4")
        await pilot.press("enter")  # secondary
        await search_for(pilot, chart, "02703dz")
        await pilot.press("enter")  # procedure, dated from the operative note or admission
        assert [d.code for d in chart.abstract.diagnoses()] == ["I5023", "N184"]
        assert chart.abstract.procedures[0].code == "02703DZ" and chart.abstract.procedures[0].date
        await pilot.press("f8", "y", "y")  # POA Y on both diagnoses
        assert [d.poa for d in chart.abstract.diagnoses()] == ["Y", "Y"]
        await wait_for(pilot, lambda: chart.result is not None and chart.result.drg in ("321", "322"), what="the DRG")
        assert "MS-DRG" in str(chart.query_one("#drg").render())
        await pilot.press("f10")
        await wait_for(pilot, lambda: type(app.screen).__name__ == "CommitScreen", what="the commit dialog")
        await pilot.press("y")
        await wait_for(pilot, lambda: isinstance(app.screen, ChartScreen) and app.screen.record.account != first,
                       what="the next chart")
    store = Store.open(store_path, clock=lambda: FIXED_NOW)
    assert get_record(store, first).status == "coded"
    assert queue_counts(store)["in_progress"] == 1  # the next chart is leased


async def test_a_finished_chart_leaves_nothing_rendered_behind(reference_path, store_path):
    """Every widget's style cache holds the lines it rendered; none may outlive its chart."""
    app = make_app(reference_path, store_path)
    async with app.run_test(size=(120, 36)) as pilot:
        chart = await open_next_chart(pilot, app)
        first = chart.record.account
        caches = [weakref.ref(w._styles_cache) for w in chart.walk_children()]
        await pilot.press("f9")  # back to the queue: the chart screen goes
        await wait_for(pilot, lambda: isinstance(app.screen, QueueScreen), what="the queue")
        await pilot.pause(1.5)  # timers the chart started have fired or been dropped
        screen = weakref.ref(chart)
        del chart
        gc.collect()
        assert screen() is None
        assert caches and not [c for c in caches if c() is not None]
    assert get_record(Store.open(store_path, clock=lambda: FIXED_NOW), first).status == "in_progress"


async def test_hold_with_a_query(reference_path, store_path):
    app = make_app(reference_path, store_path)
    async with app.run_test(size=(120, 36)) as pilot:
        chart = await open_next_chart(pilot, app)
        account = chart.record.account
        await pilot.press("f6")
        await wait_for(pilot, lambda: type(app.screen).__name__ == "HoldScreen", what="the hold dialog")
        await type_text(pilot, "physician query")
        await pilot.press("enter")
        await type_text(pilot, "Please clarify the type of heart failure.")
        await pilot.press("f10")
        await wait_for(pilot, lambda: isinstance(app.screen, QueueScreen), what="back to the queue")
    record = get_record(Store.open(store_path, clock=lambda: FIXED_NOW), account)
    assert (record.status, record.hold_reason, record.hold_query) == (
        "on_hold", "physician query", "Please clarify the type of heart failure.")


async def test_draft_is_restored_after_closing_mid_chart(reference_path, store_path):
    app = make_app(reference_path, store_path)
    async with app.run_test(size=(120, 36)) as pilot:
        chart = await open_next_chart(pilot, app)
        account = chart.record.account
        await search_for(pilot, chart, "j18.9")
        await pilot.press("enter")
        await pilot.press("f8", "n")
        await wait_for(pilot, lambda: chart.saved.startswith("draft saved") and chart.abstract.pdx.poa == "N",
                       what="the draft save")
        await wait_for(pilot, lambda: "draft saved" in chart.saved, what="saved")
    # a new session claims the same record again (still this coder's lease) and finds the draft
    app = make_app(reference_path, store_path)
    async with app.run_test(size=(120, 36)) as pilot:
        await wait_for(pilot, lambda: app.store is not None and app.screen.query_one("#queue-table").row_count,
                       what="the queue")
        table = app.screen.query_one("#queue-table")
        table.move_cursor(row=table.get_row_index(account))
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, ChartScreen), what="the chart")
        restored = app.screen.abstract
        assert restored.pdx.code == "J189" and restored.pdx.poa == "N"
        assert "draft restored" in app.screen.saved


async def test_hang_up_saves_the_draft(reference_path, store_path):
    app = make_app(reference_path, store_path)
    async with app.run_test(size=(120, 36)) as pilot:
        chart = await open_next_chart(pilot, app)
        chart.abstract.post_secondary("I10")  # an edit whose save has not happened yet
        app.hang_up()
        await pilot.pause()
    from db.queue import load_abstract

    store = Store.open(store_path, clock=lambda: FIXED_NOW)
    assert load_abstract(store, chart.record.id).pdx.code == "I10"
    assert get_record(store, chart.record.id).status == "in_progress"  # the lease stays until it expires


async def test_escape_sequences_in_documents_are_shown_literally(reference_path, store_path):
    store = Store.open(store_path, clock=lambda: FIXED_NOW)
    store.con.execute("UPDATE documents SET text = ?",
                      ("Start \x1b[2J\x1b]0;owned\x07 [bold red]not markup[/] end",))
    store.close()
    app = make_app(reference_path, store_path)
    async with app.run_test(size=(120, 36)) as pilot:
        chart = await open_next_chart(pilot, app)
        view = chart.query_one(DocumentView)
        rendered = " ".join("".join(seg.text for seg in view.render_line(y)).strip() for y in range(3))
        assert "\\x1b[2J" in rendered and "[bold red]not markup[/]" in rendered
        assert "\x1b" not in rendered


async def test_document_text_goes_to_the_search(reference_path, store_path):
    app = make_app(reference_path, store_path)
    async with app.run_test(size=(120, 36)) as pilot:
        chart = await open_next_chart(pilot, app)
        view = chart.query_one(DocumentView)
        term = view.lines[2].split()[0] if len(view.lines) > 2 and view.lines[2].split() else view.lines[0].split()[0]
        assert view.find(term) >= 1
        view.focus()
        await pilot.press("s")
        search = chart.query_one(CodeSearch)
        assert search.query_one("#query").value.lower() == term.lower()
