"""Snapshot tests of the main screens at 80x24 and 160x50 (fixed clock, fixed data, no blinking).

Update after an intended change with: pytest tests/test_snapshots.py --snapshot-update
"""

import pytest

from tests.app_helpers import demo_store, make_app, type_text, wait_for
from tui.screens.chart import ChartScreen
from tui.screens.queue import QueueScreen

SIZES = [(80, 24), (160, 50)]


@pytest.fixture
def app(reference_path, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # a relative store path: the screens show it, and it must not vary
    demo_store(tmp_path / "demo.sqlite", records=12)
    return make_app(reference_path, "demo.sqlite")


async def queue_ready(pilot):
    app = pilot.app
    await wait_for(pilot, lambda: isinstance(app.screen, QueueScreen) and app.store is not None
                   and app.screen.query_one("#queue-table").row_count == 12, what="the queue")


async def chart_ready(pilot):
    await queue_ready(pilot)
    await pilot.press("c")
    await wait_for(pilot, lambda: isinstance(pilot.app.screen, ChartScreen), what="the chart")
    chart = pilot.app.screen
    await type_text(pilot, "i50.23")
    search = chart.query_one("#code-search")
    await wait_for(pilot, lambda: search.results and search.query_one("#query").value == "i50.23", what="results")
    await pilot.press("f3")
    await wait_for(pilot, lambda: chart.result is not None and "draft saved" in chart.saved, what="the DRG")
    await pilot.pause(0.1)


@pytest.mark.parametrize("size", SIZES)
def test_queue(snap_compare, app, size):
    assert snap_compare(app, terminal_size=size, run_before=queue_ready)


@pytest.mark.parametrize("size", SIZES)
def test_chart(snap_compare, app, size):
    assert snap_compare(app, terminal_size=size, run_before=chart_ready)


def from_chart(key: str, screen: str, ready=lambda s: True):
    """A run_before that opens the chart, presses `key` and waits for `screen` to be ready."""
    async def run(pilot):
        await chart_ready(pilot)
        await pilot.press(key)
        await wait_for(pilot, lambda: type(pilot.app.screen).__name__ == screen and ready(pilot.app.screen),
                       what=screen)
        await pilot.pause(0.1)
    return run


@pytest.mark.parametrize("size", SIZES)
def test_code_detail(snap_compare, app, size):
    assert snap_compare(app, terminal_size=size,
                        run_before=from_chart("f4", "CodeDetailScreen", lambda s: s.detail is not None))


@pytest.mark.parametrize("size", SIZES)
def test_help(snap_compare, app, size):
    async def help_screen(pilot):
        await queue_ready(pilot)
        await pilot.press("f1")
        await wait_for(pilot, lambda: type(pilot.app.screen).__name__ == "HelpScreen", what="help")
        await pilot.pause(0.1)

    assert snap_compare(app, terminal_size=size, run_before=help_screen)


@pytest.mark.parametrize("size", SIZES)
def test_encounter(snap_compare, app, size):
    assert snap_compare(app, terminal_size=size, run_before=from_chart("ctrl+l", "EncounterScreen"))


@pytest.mark.parametrize("size", SIZES)
def test_summary(snap_compare, app, size):
    assert snap_compare(app, terminal_size=size, run_before=from_chart("ctrl+y", "SummaryScreen", lambda s: s.text))
