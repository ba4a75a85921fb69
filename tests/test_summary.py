"""The coding summary: its data, its printable layout (a text snapshot), the JSON
form and `chartkey summary`, and a draft shown as a draft."""

import json

import pytest

from db import queue, reports
from db.abstract import parse_abstract
from db.grouping import default_grouper
from db.summary import coding_summary, summary_text
from tests.store_helpers import MANAGER, make_store
from tests.test_reports import at, run

ABSTRACT = {
    "pdx": {"code": "S72.001A", "poa": "Y"},
    "sdx": [{"code": "N18.4", "poa": "Y"}, {"code": "L89.153", "poa": "N"}, {"code": "W19.XXXA", "poa": "Y"}],
    "admit_dx": "S72.001A",
    "procedures": [{"code": "0SRR0J9", "date": "2026-10-31", "physician": "Dr. Jo Retractor"},
                   {"code": "B2111ZZ", "date": "2026-11-01"}],
}


@pytest.fixture
def store(tmp_path, ref):
    """T00001 committed by alice with encounter data completed; T00002 with a draft."""
    s = make_store(tmp_path / "store.sqlite", records=2)
    s.clock = lambda: at("2026-11-03T15:30:00")
    s.set_setting(MANAGER, "base_rate", "6500")
    c = queue.claim(s, "alice", "T00001")
    queue.update_encounter(s, "alice", c.id, {"admit_hour": "7", "discharge_hour": "13", "discharge_disposition": "03",
                                              "coder_comment": "Query answered: stage 3 ulcer was not present on admission."})
    reports.record_chart_time(s, "alice", c.id, 1110, "2026-11-03T15:00:00Z")
    queue.commit(s, "alice", c.id, parse_abstract(ABSTRACT), ref)
    d = queue.claim(s, "bob", "T00002")
    queue.save_draft(s, "bob", d.id, parse_abstract({"pdx": {"code": "I50.21", "poa": "Y"}}), d.version)
    yield s
    s.close()


def summary(store, ref, account="T00001"):
    return coding_summary(store, ref, account, default_grouper(ref), 6500.0)


def test_the_summary_holds_the_finished_abstract(store, ref):
    s = summary(store, ref)
    assert (s.state, s.coder, s.minutes_on_chart, s.length_of_stay) == ("committed", "alice", 18.5, 3)
    assert s.disposition.startswith("03 Discharged/transferred to a skilled nursing facility")
    assert [(d.role, d.code, d.poa, d.severity) for d in s.diagnoses] == [
        ("PDX", "S72.001A", "Y", ""), ("1", "N18.4", "Y", "CC"), ("2", "L89.153", "N", "(MCC)"),
        ("E1", "W19.XXXA", "Y", ""), ("ADM", "S72.001A", "", "")]
    assert s.diagnoses[2].hac == ["HAC04 Stage III and IV Pressure Ulcers"]
    assert [(p.role, p.code, p.date, p.physician, p.operating_room) for p in s.procedures] == [
        ("PX", "0SRR0J9", "2026-10-31", "Dr. Jo Retractor", True), ("2", "B2111ZZ", "2026-11-01", "", False)]
    assert s.drg.drg == "522" and s.drg.estimated_payment == round(s.drg.weight * 6500, 2)
    assert any("post-acute transfer list" in c for c in s.checks)
    assert any("HAC04" in c for c in s.checks)


def test_the_printed_layout(store, ref, snapshot):
    text = summary_text(summary(store, ref))
    assert all(len(line) <= 80 for line in text.splitlines())
    assert text == snapshot


def test_a_draft_is_marked_as_one(store, ref):
    s = summary(store, ref, "T00002")
    assert s.state == "draft (not committed)" and s.coder == "bob" and s.drg.drg == "293"
    assert "DRAFT (NOT COMMITTED)" in summary_text(s)


def test_summary_command(store, reference_path, monkeypatch, capsys):
    code, out, _ = run(monkeypatch, capsys, store.path, reference_path, "alice", "summary", "T00001")
    assert code == 0 and "INPATIENT CODING SUMMARY" in out and "Dr. Jo Retractor" in out
    code, out, _ = run(monkeypatch, capsys, store.path, reference_path, "alice", "summary", "T00001", "--format", "json")
    data = json.loads(out)
    assert code == 0 and data["drg"]["drg"] == "522" and data["diagnoses"][0]["code"] == "S72.001A"
    code, _, err = run(monkeypatch, capsys, store.path, reference_path, "alice", "summary", "NOPE")
    assert code == 1 and "no record" in err and "Traceback" not in err
