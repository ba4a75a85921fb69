"""The reference database: contents, provenance, first-use build, damage."""

import multiprocessing
import sqlite3

import pytest

from db.codeset_build import SCHEMA_VERSION, build_reference
from db.reference import ReferenceError, Reference, open_reference


def notes(ref, code):
    return ref.con.execute("SELECT kind, text FROM notes WHERE system='cm' AND code=? ORDER BY seq", (code,)).fetchall()


def test_counts_and_provenance(ref):
    systems = {s.system: s for s in ref.systems()}
    cm, pcs = systems["cm"], systems["pcs"]
    assert cm.fiscal_year == "FY2026, April 1, 2026 update"
    assert "icd10c-tabular-April-1-2026.xml" in cm.source and "simple-icd-10-cm" in cm.source
    assert cm.codes == 98505  # chapters + blocks + codes, as the package's code list
    assert cm.billable == 74719
    assert pcs.codes > 78000 and pcs.billable == pcs.codes
    assert "drg" in pcs.source


def test_codes_billable_and_parents(ref):
    i50 = ref.code("cm", "I50")
    assert i50.kind == "category" and not i50.billable and i50.display == "I50"
    i5023 = ref.code("cm", "I5023")
    assert i5023.billable and i5023.display == "I50.23" and i5023.parent == "I502"
    assert ref.code("cm", "I502").parent == "I50"
    assert ref.code("cm", "I50").parent == "I30-I5A"
    assert ref.code("cm", "I30-I5A").parent == "9"
    hip = ref.code("pcs", "0SR9019")
    assert hip.billable and "Hip Joint" in hip.title


def test_seventh_character_codes(ref):
    header = ref.code("cm", "S72001")
    assert header.needs_seventh and not header.billable
    code = ref.code("cm", "S72001A")
    assert code.billable and code.display == "S72.001A"
    assert code.title == "Fracture of unspecified part of neck of right femur, initial encounter for closed fracture"
    assert ref.code("cm", "S020XXA").display == "S02.0XXA"  # placeholders X
    assert ref.code("cm", "T360X1A").billable
    assert ref.code("cm", "O6010X0").billable  # obstetric 7th character: fetus
    assert ref.code("cm", "S061X7D") is None  # death codes take A only
    chars = dict(ref.con.execute("SELECT char, meaning FROM seventh_chars WHERE code = 'S72'"))
    assert chars["A"] == "initial encounter for closed fracture" and "S" in chars


def test_notes_attached_to_the_right_codes(ref):
    assert ("inclusion", "Congestive heart failure NOS") in notes(ref, "I509")
    assert ("code_first", "heart failure due to hypertension (I11.0)") in notes(ref, "I50")
    assert not any(k == "code_first" for k, _ in notes(ref, "I509"))  # inherited, not copied
    assert any(k == "excludes1" for k, _ in notes(ref, "E11"))
    assert any(k == "use_additional" and "insulin" in t for k, t in notes(ref, "E11"))
    assert any(k == "code_also" for k, _ in notes(ref, "S06"))
    assert any(k == "seventh_note" for k, _ in notes(ref, "S72"))
    assert ("includes", "diseases generally recognized as communicable or transmissible") in notes(ref, "1")


def test_abbreviation_table(ref):
    counts = ref.expansion_counts()
    assert counts["abbreviation"] >= 150
    rows = dict(ref.con.execute("SELECT term, expansion FROM expansions WHERE term IN ('CHF', 'COPD')"))
    assert rows == {"CHF": "congestive heart failure", "COPD": "chronic obstructive pulmonary disease"}


def test_opened_read_only(ref):
    with pytest.raises(sqlite3.OperationalError):
        ref.con.execute("DELETE FROM codes")


def test_corrupt_database_gets_a_clear_message(tmp_path):
    bad = tmp_path / "reference.sqlite"
    bad.write_bytes(b"this is not a database" * 100)
    with pytest.raises(ReferenceError) as info:
        open_reference(bad)
    message = str(info.value)
    assert str(bad) in message and "chartkey codeset build" in message
    assert bad.read_bytes().startswith(b"this is not")  # never silently replaced


def test_outdated_schema_gets_a_clear_message(tmp_path):
    old = tmp_path / "reference.sqlite"
    con = sqlite3.connect(old)
    con.execute("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT)")
    con.execute("INSERT INTO meta VALUES ('schema_version', ?)", (str(SCHEMA_VERSION - 1),))
    con.commit()
    con.close()
    with pytest.raises(ReferenceError, match="another ChartKey version"):
        Reference(old)


def _open_in_child(path, queue):
    try:
        ref = open_reference(path)
        queue.put(ref.systems()[0].codes)
    except Exception as exc:  # reported to the parent
        queue.put(repr(exc))


def test_two_processes_starting_at_once_share_one_build(tmp_path):
    """Both see a complete database; the lock makes the second wait instead of building again."""
    path = tmp_path / "shared" / "reference.sqlite"
    ctx = multiprocessing.get_context("spawn")
    queue = ctx.Queue()
    procs = [ctx.Process(target=_open_in_child, args=(path, queue)) for _ in range(2)]
    for p in procs:
        p.start()
    results = [queue.get(timeout=120) for _ in procs]
    for p in procs:
        p.join(timeout=30)
    assert results == [98505, 98505]
    assert [p.name for p in path.parent.iterdir() if p.name.endswith(".building")] == []


def test_failed_build_leaves_no_file(tmp_path, monkeypatch):
    from db import sources

    def broken():
        raise sources.SourceMissing("the simple-icd-10-cm package is not installed")

    monkeypatch.setattr(sources, "cm_tabular", broken)
    target = tmp_path / "reference.sqlite"
    with pytest.raises(sources.SourceMissing):
        build_reference(target)
    assert list(tmp_path.iterdir()) == []
