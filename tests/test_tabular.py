"""The streaming tabular reader: hierarchy, notes, billable flags, 7th characters."""

from pathlib import Path

import pytest

from db import sources
from db.tabular import block_display, read_tabular

FIXTURE = Path(__file__).parent / "fixtures" / "tabular_small.xml"


@pytest.fixture(scope="module")
def small():
    tab = read_tabular(FIXTURE)
    return tab, {e.code: e for e in tab.entries}


def test_hierarchy_and_kinds(small):
    tab, by = small
    assert tab.version == "2031"
    assert by["9"].kind == "chapter" and by["9"].parent is None
    assert by["I30-I5A"].kind == "block" and by["I30-I5A"].parent == "9"
    assert by["I50"].kind == "category" and by["I50"].parent == "I30-I5A"
    assert by["I509"].kind == "code" and by["I509"].parent == "I50"
    # a one-category block keeps a key of its own, distinct from the category
    assert by["I10-I10"].kind == "block" and by["I10"].parent == "I10-I10"


def test_notes_attach_to_their_own_code(small):
    _, by = small
    assert ("includes", "chapter include") in by["9"].notes
    assert by["I50"].notes == [
        ("code_first", "heart failure due to hypertension (I11.0)"),
        ("excludes2", "cardiac arrest (I46.-)"),
    ]
    assert dict((k, t) for k, t in by["I509"].notes) == {
        "inclusion": "Congestive heart failure NOS",
        "excludes1": "fluid overload (E87.70)",
        "use_additional": "code for oxygen dependence (Z99.81)",
        "code_also": "any hypertension",
    }
    assert by["S02"].notes[0][0] == "seventh_note"


def test_billable_flags(small):
    _, by = small
    assert by["I509"].billable and by["I10"].billable
    assert not by["I50"].billable
    # a leaf that needs a 7th character is a header, its variants are billable
    assert not by["S020"].billable and by["S020"].needs_seventh
    assert by["S020XXA"].billable


def test_seventh_characters_with_placeholders_and_overrides(small):
    _, by = small
    assert by["S020XXA"].title == "Fracture of vault of skull, initial encounter for closed fracture"
    assert {c for c in by if c.startswith("S020XX")} == {"S020XXA", "S020XXS"}
    # S02.1 redefines the 7th characters for its own codes
    assert {c for c in by if c.startswith("S02110")} == {"S02110", "S02110B"}
    assert by["S02110B"].parent == "S02110"
    # S06 death codes (6th character 7) take only A
    assert {c for c in by if c.startswith("S060X1")} == {"S060X1", "S060X1A", "S060X1D"}
    assert {c for c in by if c.startswith("S060X7")} == {"S060X7", "S060X7A"}


def test_full_tabular_matches_the_package_code_list():
    """Every chapter, block and code of the real FY2026 tabular, in order."""
    tab = read_tabular(sources.cm_tabular().path)
    expected = [line.strip() for line in sources.cm_code_list().read_text().splitlines() if line.strip()]
    ours = [block_display(e.code) if e.kind == "block" else e.code for e in tab.entries]
    assert ours == expected
