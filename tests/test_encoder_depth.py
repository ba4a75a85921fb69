"""Instructional notes checked on the abstract; the PCS builder."""

import pytest

from db.abstract import parse_abstract
from db.note_checks import check_notes, references
from db.pcs_builder import step
from tests.app_helpers import demo_store, make_app, type_text, wait_for
from tests.test_app_flow import open_next_chart


def abstract(*codes):
    return parse_abstract({"pdx": {"code": codes[0], "poa": "Y"}, "sdx": [{"code": c, "poa": "Y"} for c in codes[1:]]})


def test_note_references_read_codes_prefixes_and_ranges():
    assert references("anemia (D50.0-D64.9)") == [("D500", "D649")]
    assert references("cysticercosis (B69.-)") == [("B69", "B69")]
    assert references("mood disorders (F30.2, F31.2)") == [("F302", "F302"), ("F312", "F312")]
    assert references("code (B95-B97) to identify infectious agent") == [("B95", "B97")]
    assert references("underlying disease, such as:") == []


def test_excludes1_pair_is_a_warning_naming_the_note(ref):
    found = check_notes(ref, abstract("E10.9", "E11.9"))
    warnings = [f for f in found if f.kind == "excludes1"]
    assert len(warnings) == 1  # one warning for the pair, whichever code carries the note
    assert warnings[0].level == "warning" and "type 2 diabetes mellitus (E11.-)" in warnings[0].message
    assert "note at E10" in warnings[0].message  # inherited from the category


def test_use_additional_reminder_until_the_companion_is_coded(ref):
    missing = check_notes(ref, abstract("E11.22"))
    assert any(f.kind == "use_additional" and "N18.1-N18.6" in f.message for f in missing)
    present = check_notes(ref, abstract("E11.22", "N18.4"))
    assert not any(f.kind == "use_additional" and "N18.1-N18.6" in f.message for f in present)


def test_code_first_sequencing(ref):
    # N18 says "code first hypertensive chronic kidney disease (I12.-, I13.-)"
    wrong_order = check_notes(ref, abstract("N18.4", "I12.9"))
    assert any(f.kind == "code_first" and f.level == "warning" and "sequence I12.9 before N18.4" in f.message
               for f in wrong_order)
    right_order = check_notes(ref, abstract("I12.9", "N18.4"))
    assert not any(f.kind == "code_first" and "I12" in f.message for f in right_order)


def walk(ref, keys: str) -> str:
    prefix = ""
    for char in keys:
        offered = [c.char for c in step(ref, prefix).choices]
        assert char in offered, (prefix, char, offered)
        prefix += char
    return prefix


@pytest.mark.parametrize("code", ["0SR9019", "0DTJ4ZZ"])
def test_pcs_builder_reaches_codes_one_key_per_axis(ref, code):
    assert walk(ref, code) == code
    done = step(ref, code)
    assert done.complete and done.title


def test_pcs_builder_never_offers_an_invalid_value(ref):
    import random

    rng = random.Random(3)
    for _ in range(60):
        prefix = ""
        while len(prefix) < 7:
            choices = step(ref, prefix).choices
            assert choices, prefix
            prefix += rng.choice(choices).char
        assert ref.code("pcs", prefix) is not None and step(ref, prefix).complete
    assert [c.char for c in step(ref, "0SR9").choices] == ["0"]  # a hip replacement is open


async def test_pcs_builder_keys_in_the_app(reference_path, tmp_path):
    store = demo_store(tmp_path / "demo.sqlite")
    app = make_app(reference_path, store)
    async with app.run_test(size=(120, 36)) as pilot:
        chart = await open_next_chart(pilot, app)
        await type_text(pilot, "0SR9")  # a partial code in the search starts the builder there
        await pilot.press("ctrl+t")
        await wait_for(pilot, lambda: type(app.screen).__name__ == "PcsBuilderScreen" and app.screen.current,
                       what="the builder")
        assert app.screen.current.prefix == "0SR9"
        await pilot.press("0", "1", "9")
        await wait_for(pilot, lambda: app.screen.current.complete, what="a complete code")
        await pilot.press("backspace")
        await wait_for(pilot, lambda: app.screen.current.prefix == "0SR901", what="one axis back")
        await pilot.press("9", "enter")
        await wait_for(pilot, lambda: type(app.screen).__name__ == "ChartScreen", what="back on the chart")
        assert [p.code for p in chart.abstract.procedures] == ["0SR9019"]
