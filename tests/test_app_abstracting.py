"""Abstracting through the real app, keys only: every encounter field edited
(pick lists searchable by typing, prompts for dates, hours and names), a death
regrouping an AMI, external cause codes, the principal procedure and its
physician, a procedure date outside the stay blocking the commit, POA-exempt
codes, and the coding summary on screen."""

import pytest
from textual.widgets import DataTable

from db.records import get_record
from db.store import Store
from tests.app_helpers import FIXED_NOW, demo_store, make_app, type_text, wait_for
from tests.test_app_flow import open_next_chart, search_for
from tui.app import ChartKeyApp
from tui.screens.chart import ChartScreen
from tui.screens.queue import QueueScreen
from tui.widgets.abstract_table import AbstractTable


@pytest.fixture
def store_path(tmp_path):
    return demo_store(tmp_path / "demo.sqlite")


def stored(store_path, account):
    return get_record(Store.open(store_path, clock=lambda: FIXED_NOW), account)


async def open_encounter(pilot, app):
    await pilot.press("ctrl+l")
    await wait_for(pilot, lambda: type(app.screen).__name__ == "EncounterScreen", what="the encounter screen")
    return app.screen


async def edit_field(pilot, screen, name: str) -> None:
    """Move to the field's row with the arrow keys and open its editor with Enter."""
    table = screen.query_one(DataTable)
    target = screen.rows.index(name)
    while table.cursor_row != target:
        await pilot.press("down" if table.cursor_row < target else "up")
    await pilot.press("enter")
    await wait_for(pilot, lambda: pilot.app.screen is not screen, what=f"the editor of {name}")


async def pick(pilot, words: str) -> None:
    await wait_for(pilot, lambda: type(pilot.app.screen).__name__ == "PickScreen", what="the pick list")
    await type_text(pilot, words)
    await pilot.press("enter")


async def answer(pilot, text: str) -> None:
    await wait_for(pilot, lambda: type(pilot.app.screen).__name__ == "TextPrompt", what="the prompt")
    await pilot.press("ctrl+u")  # clear what the field holds
    await type_text(pilot, text)
    await pilot.press("enter")


async def test_every_encounter_field_is_edited_with_the_keyboard(reference_path, store_path):
    app = make_app(reference_path, store_path)
    async with app.run_test(size=(120, 36)) as pilot:
        chart = await open_next_chart(pilot, app)
        account = chart.record.account
        screen = await open_encounter(pilot, app)
        steps = [
            ("admission_type", pick, "urgent", lambda r: r.admission_type == "2"),
            ("point_of_origin", pick, "clinic", lambda r: r.point_of_origin == "2"),
            ("admit_date", answer, "2026-10-23", lambda r: r.admit_date == "2026-10-23"),
            ("admit_hour", answer, "8", lambda r: r.admit_hour == "08"),
            ("discharge_date", answer, "2026-11-03", lambda r: r.discharge_date == "2026-11-03"),
            ("discharge_hour", answer, "14", lambda r: r.discharge_hour == "14"),
            ("discharge_disposition", pick, "skilled nursing", lambda r: r.discharge_disposition == "03"),
            ("attending", answer, "dr ada example", lambda r: r.attending == "dr ada example"),
            ("coder_comment", answer, "query sent", lambda r: r.coder_comment == "query sent"),
        ]
        for name, editor, text, done in steps:
            await edit_field(pilot, screen, name)
            await editor(pilot, text)
            await wait_for(pilot, lambda: app.screen is screen and done(chart.record), what=f"{name} saved")
        await edit_field(pilot, screen, "admit_dx")
        await answer(pilot, "r07.9")
        await wait_for(pilot, lambda: chart.abstract.admit_dx == "R079", what="the admitting diagnosis")
        values = [c.plain for c in screen.query_one(DataTable).get_row_at(screen.rows.index("discharge_disposition"))]
        assert values[1].startswith("03 Discharged/transferred to a skilled nursing facility")
        await pilot.press("f9")
        await wait_for(pilot, lambda: app.screen is chart, what="back to the chart")
        await wait_for(pilot, lambda: "draft saved" in chart.saved, what="the draft")
    record = stored(store_path, account)
    assert (record.admission_type, record.point_of_origin, record.admit_date, record.admit_hour, record.discharge_date,
            record.discharge_hour, record.discharge_disposition, record.attending, record.coder_comment) == (
        "2", "2", "2026-10-23", "08", "2026-11-03", "14", "03", "dr ada example", "query sent")


async def test_a_bad_value_is_refused_and_nothing_changes(reference_path, store_path):
    app = make_app(reference_path, store_path)
    async with app.run_test(size=(120, 36)) as pilot:
        chart = await open_next_chart(pilot, app)
        before = chart.record
        screen = await open_encounter(pilot, app)
        await edit_field(pilot, screen, "admit_hour")
        await answer(pilot, "25")
        await wait_for(pilot, lambda: any("not an hour" in n.message for n in app._notifications), what="the refusal")
        assert stored(store_path, before.account).admit_hour == before.admit_hour


async def test_an_expired_ami_regroups_and_shows_the_drg_alive(reference_path, store_path):
    app = make_app(reference_path, store_path)
    async with app.run_test(size=(120, 36)) as pilot:
        chart = await open_next_chart(pilot, app)
        await search_for(pilot, chart, "i21.4")
        await pilot.press("f3")
        await wait_for(pilot, lambda: chart.result is not None and chart.result.drg == "282", what="DRG 282")
        screen = await open_encounter(pilot, app)
        await edit_field(pilot, screen, "discharge_disposition")
        await pick(pilot, "expired")
        await wait_for(pilot, lambda: chart.result is not None and chart.result.drg == "285", what="DRG 285")
        notes = [c.message for c in chart.checks if c.field == "discharge_disposition"]
        assert notes and "discharged alive it would be DRG 282" in notes[0]
        row = [c.plain for c in screen.query_one(DataTable).get_row_at(screen.rows.index("discharge_disposition"))]
        assert "DRG 282" in row[2]  # the check shows next to its field


async def test_external_causes_procedures_and_a_date_outside_the_stay(reference_path, store_path):
    app = make_app(reference_path, store_path)
    async with app.run_test(size=(120, 36)) as pilot:
        chart = await open_next_chart(pilot, app)
        await search_for(pilot, chart, "s72.001a")
        await pilot.press("f3")
        await search_for(pilot, chart, "w19.xxxa")
        await pilot.press("f3")  # never principal
        await wait_for(pilot, lambda: any("never the principal" in n.message for n in app._notifications),
                       what="the refusal")
        await pilot.press("enter")
        assert [d.code for d in chart.abstract.external] == ["W19XXXA"] and chart.abstract.pdx.code == "S72001A"
        for code in ("0sr9019", "b2111zz"):
            await search_for(pilot, chart, code)
            await pilot.press("enter")
        await pilot.press("f8")
        table = chart.query_one(AbstractTable)
        while table.current() != ("px", 1):
            await pilot.press("down")
        await pilot.press("p")  # the fluoroscopy becomes the principal procedure
        assert [p.code for p in chart.abstract.procedures] == ["B2111ZZ", "0SR9019"] and table.current() == ("px", 0)
        await pilot.press("down", "o")  # the hip replacement's operating physician
        await answer(pilot, "dr jo retractor")
        await wait_for(pilot, lambda: chart.abstract.procedures[1].physician == "dr jo retractor", what="the physician")
        kept = chart.abstract.procedures[1].date
        await pilot.press("e")
        await answer(pilot, "12/01/2026")
        await wait_for(pilot, lambda: any("is not a date" in n.message for n in app._notifications), what="refusal")
        assert chart.abstract.procedures[1].date == kept
        await pilot.press("e")
        await answer(pilot, "2026-12-01")
        await wait_for(pilot, lambda: chart.abstract.procedures[1].date == "2026-12-01", what="the date")
        await wait_for(pilot, lambda: any(c.level == "error" and c.field == "procedure" for c in chart.checks),
                       what="the date check")
        await pilot.press("f10")
        await wait_for(pilot, lambda: type(app.screen).__name__ == "CommitScreen", what="the commit dialog")
        assert any("outside the stay" in p for p in app.screen.blocking)
        await pilot.press("y")
        await pilot.pause(0.1)
        assert type(app.screen).__name__ == "CommitScreen"  # blocked: nothing committed
        await pilot.press("ctrl+g")
    assert stored(store_path, chart.record.account).status == "in_progress"


async def test_poa_exempt_codes_take_1_and_refuse_y(poa_installed, store_path):
    app = ChartKeyApp(codes=poa_installed[0], db=store_path, coder="coder1", clock=lambda: FIXED_NOW)
    async with app.run_test(size=(120, 36)) as pilot:
        chart = await open_next_chart(pilot, app)
        await search_for(pilot, chart, "i21.4")
        await pilot.press("f3")
        await search_for(pilot, chart, "z87.891")
        await pilot.press("enter")
        await wait_for(pilot, lambda: chart.abstract.sdx and chart.abstract.sdx[0].poa == "1", what="POA 1")
        await pilot.press("f8")
        table = chart.query_one(AbstractTable)
        while table.current() != ("dx", 1):
            await pilot.press("down")
        await pilot.press("y")
        await wait_for(pilot, lambda: any("POA-exempt list" in n.message for n in app._notifications), what="refusal")
        assert chart.abstract.sdx[0].poa == "1"


async def test_the_coding_summary_from_the_chart_and_from_the_queue(reference_path, store_path):
    app = make_app(reference_path, store_path)
    async with app.run_test(size=(120, 36)) as pilot:
        chart = await open_next_chart(pilot, app)
        account = chart.record.account
        await search_for(pilot, chart, "i50.23")
        await pilot.press("f3")
        await pilot.press("ctrl+y")
        await wait_for(pilot, lambda: type(app.screen).__name__ == "SummaryScreen" and app.screen.text,
                       what="the summary")
        assert "INPATIENT CODING SUMMARY" in app.screen.text and "I50.23" in app.screen.text
        assert "DRAFT (NOT COMMITTED)" in app.screen.text
        await pilot.press("f9", "f9")  # the summary, then the chart
        await wait_for(pilot, lambda: isinstance(app.screen, QueueScreen), what="the queue")
        table = app.screen.query_one("#queue-table")
        while table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value != account:
            await pilot.press("down")
        await pilot.press("i")
        await wait_for(pilot, lambda: type(app.screen).__name__ == "SummaryScreen" and app.screen.text,
                       what="the summary from the queue")
        assert account in app.screen.text and "I50.23" in app.screen.text
        assert not isinstance(app.screen, ChartScreen)
