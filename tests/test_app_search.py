"""Pilot tests of the code-search screen, driving the real app with key presses."""

from textual.widgets import DataTable, Input

from tui.app import ChartKeyApp
from tui.widgets.code_search import CodeSearch


async def wait_for_results(pilot, widget, query):
    for _ in range(200):
        await pilot.pause(0.02)
        if widget.results and widget.query_one(Input).value == query and widget.query_one(DataTable).row_count:
            return
    raise AssertionError(f"no results for {query!r}")


async def test_type_a_query_and_choose_a_code(reference_path):
    app = ChartKeyApp(codes=reference_path)
    async with app.run_test(size=(100, 30)) as pilot:
        widget = app.screen.query_one(CodeSearch)
        for _ in range(200):
            if widget.reference is not None:
                break
            await pilot.pause(0.02)
        await pilot.press("c", "h", "f")
        await wait_for_results(pilot, widget, "chf")
        assert widget.results[0].code.startswith("I50")
        await pilot.press("down", "enter")
        chosen = str(app.screen.query_one("#chosen").render())
        assert widget.results[1].code in chosen


async def test_newer_query_wins_over_a_stale_answer(reference_path):
    app = ChartKeyApp(codes=reference_path)
    async with app.run_test(size=(100, 30)) as pilot:
        widget = app.screen.query_one(CodeSearch)
        while widget.reference is None:
            await pilot.pause(0.02)
        await pilot.press(*"pneumonia")
        await wait_for_results(pilot, widget, "pneumonia")
        # an answer for an older query arriving late is ignored
        widget._show("pneu", [])
        assert widget.results and widget.results[0].code == "J18.9"


async def test_escape_sequences_in_results_are_shown_literally(reference_path):
    from db.search import SearchResult

    app = ChartKeyApp(codes=reference_path)
    async with app.run_test(size=(100, 30)) as pilot:
        widget = app.screen.query_one(CodeSearch)
        while widget.reference is None:
            await pilot.pause(0.02)
        await pilot.press("x")
        await wait_for_results(pilot, widget, "x")
        widget._show("x", [SearchResult("X00", "cm", "[bold]evil[/] \x1b[31mred", True, "title")])
        await pilot.pause()
        row = widget.query_one(DataTable).get_row_at(0)
        assert row[2].plain == "[bold]evil[/] \\x1b[31mred"
