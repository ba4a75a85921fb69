"""Pilot tests of the queue's live updates, code detail, 7th characters, commit checks, help."""

import pytest

from db import queue
from tests.app_helpers import FIXED_NOW, demo_store, make_app, type_text, wait_for
from tests.test_app_flow import open_next_chart, search_for
from db.store import Store
from tui.screens.chart import ChartScreen
from tui.screens.queue import QueueScreen
from tui.widgets.code_search import CodeSearch


@pytest.fixture
def store_path(tmp_path):
    return demo_store(tmp_path / "demo.sqlite")


async def test_other_coders_claims_appear_within_two_seconds(reference_path, store_path):
    app = make_app(reference_path, store_path)
    async with app.run_test(size=(120, 36)) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, QueueScreen) and app.store is not None
                       and app.screen.query_one("#queue-table").row_count, what="the queue")
        other = Store.open(store_path, clock=lambda: FIXED_NOW)
        other.add_coder("coder1", "coder2")
        claimed = queue.claim_next(other, "coder2")
        await wait_for(pilot, lambda: app.screen.rows[claimed.account].holder == "coder2", timeout=2.0,
                       what="the other coder's claim")
        table = app.screen.query_one("#queue-table")
        row = table.get_row(claimed.account)
        assert row[-1].plain == "coder2" and row[-2].plain == "in progress"


async def test_a_code_that_needs_a_seventh_character_is_completed_with_one_key(reference_path, store_path):
    app = make_app(reference_path, store_path)
    async with app.run_test(size=(120, 36)) as pilot:
        chart = await open_next_chart(pilot, app)
        await search_for(pilot, chart, "s72.001")
        search = chart.query_one(CodeSearch)
        assert search.highlighted().code == "S72.001" and search.highlighted().needs_seventh
        await pilot.press("enter")
        await wait_for(pilot, lambda: type(app.screen).__name__ == "CodeDetailScreen" and app.screen.detail,
                       what="the 7th character choice")
        await pilot.press("a")
        await wait_for(pilot, lambda: isinstance(app.screen, ChartScreen), what="back on the chart")
        assert chart.abstract.pdx.code == "S72001A"


async def test_code_detail_shows_inherited_notes(reference_path, store_path):
    app = make_app(reference_path, store_path)
    async with app.run_test(size=(120, 36)) as pilot:
        chart = await open_next_chart(pilot, app)
        await search_for(pilot, chart, "i50.23")
        await pilot.press("f4")
        await wait_for(pilot, lambda: type(app.screen).__name__ == "CodeDetailScreen" and app.screen.detail,
                       what="the code detail")
        text = str(app.screen.query_one("#detail-body").render())
        assert "Acute on chronic systolic (congestive) heart failure" in text
        assert "Code first" in text and "(from I50)" in text  # inherited from the category
        await pilot.press("ctrl+g")
        await wait_for(pilot, lambda: isinstance(app.screen, ChartScreen), what="closed")


async def test_commit_is_blocked_by_errors_and_lists_them(reference_path, store_path):
    app = make_app(reference_path, store_path)
    async with app.run_test(size=(120, 36)) as pilot:
        chart = await open_next_chart(pilot, app)
        await search_for(pilot, chart, "i50.23")
        await pilot.press("enter")  # no POA yet
        await pilot.press("f10")
        await wait_for(pilot, lambda: type(app.screen).__name__ == "CommitScreen", what="the commit dialog")
        dialog = app.screen
        assert any("no POA indicator" in p for p in dialog.blocking)
        await pilot.press("y")  # refused
        assert type(app.screen).__name__ == "CommitScreen"
        await pilot.press("escape")
        await wait_for(pilot, lambda: isinstance(app.screen, ChartScreen), what="back on the chart")
        assert app.screen.record.status == "in_progress"


async def test_help_lists_the_active_keys_and_filters(reference_path, store_path):
    app = make_app(reference_path, store_path)
    async with app.run_test(size=(120, 36)) as pilot:
        await wait_for(pilot, lambda: app.store is not None, what="the store")
        await pilot.press("f1")
        await wait_for(pilot, lambda: type(app.screen).__name__ == "HelpScreen", what="help")
        table = app.screen.query_one("#help-table")
        first = [cell.plain for cell in table.get_row_at(0)]
        assert first[0] == "Work queue"  # the screen help was opened from comes first
        await type_text(pilot, "commit")
        await pilot.pause(0.05)
        rows = [[c.plain for c in table.get_row_at(i)] for i in range(table.row_count)]
        assert rows and all("commit" in " ".join(r).lower() for r in rows)
        assert any(r[3] == "chart.commit" and "f10" in r[1] for r in rows)


async def test_narrow_terminal_shows_one_pane_at_a_time(reference_path, store_path):
    app = make_app(reference_path, store_path)
    async with app.run_test(size=(80, 24)) as pilot:
        chart = await open_next_chart(pilot, app)
        left = chart.query_one("#chart-left")
        assert not left.display or left.region.width == 0
        await pilot.press("f7")
        await pilot.pause(0.05)
        assert left.region.width == 80
        await pilot.press("f2")
        await pilot.pause(0.05)
        assert chart.query_one("#chart-right").region.width == 80


async def test_a_stale_search_answer_never_replaces_a_newer_one(reference_path, store_path):
    app = make_app(reference_path, store_path)
    async with app.run_test(size=(120, 36)) as pilot:
        chart = await open_next_chart(pilot, app)
        await search_for(pilot, chart, "pneumonia")
        search = chart.query_one(CodeSearch)
        shown = [r.code for r in search.results]
        search._show("pneu", [])  # an answer for an older query arrives late
        assert [r.code for r in search.results] == shown and shown[0] == "J18.9"
