"""Reports against hand-computed figures on small fixed stores, and `chartkey report`.

Weights are CMS Table 5 FY2026 (November 2026 discharges group with MS-DRG v44,
weighted with FY2026 until FY2027 is imported):
291 1.2838, 292 0.8490, 293 0.5660, 313 0.7200, 871 1.9425, 872 1.0233.
"""

import csv
import io
import json
from datetime import datetime, timezone

import pytest

from db import queue, reports
from db.abstract import parse_abstract
from db.records import get_record
from db.store import StoreError
from tests.store_helpers import MANAGER, make_store
from tui.cli import main

HF = {"pdx": {"code": "I50.21", "poa": "Y"}}  # 293
HF_CC = {"pdx": {"code": "I50.21", "poa": "Y"}, "sdx": [{"code": "N18.4", "poa": "Y"}]}  # 292
HF_MCC = {"pdx": {"code": "I50.21", "poa": "Y"}, "sdx": [{"code": "J96.01", "poa": "Y"}]}  # 291
SEPSIS = {"pdx": {"code": "A41.9", "poa": "Y"}}  # 872
SEPSIS_MCC = {"pdx": {"code": "A41.9", "poa": "Y"}, "sdx": [{"code": "R65.21", "poa": "Y"}]}  # 871
CHEST = {"pdx": {"code": "R07.9", "poa": "Y"}}  # 313, no CC/MCC split

# account, coder, commit time (UTC), abstract
CODED = [
    ("T00001", "alice", "2026-11-10T10:00:00", HF_MCC),
    ("T00002", "alice", "2026-11-10T11:00:00", SEPSIS),
    ("T00003", "bob", "2026-11-11T10:00:00", HF_CC),
    ("T00004", "bob", "2026-11-11T11:00:00", CHEST),
    ("T00005", "carol", "2026-11-12T10:00:00", HF),
    ("T00006", "carol", "2026-11-12T11:00:00", SEPSIS_MCC),
]


def at(when: str) -> float:
    return datetime.fromisoformat(when).replace(tzinfo=timezone.utc).timestamp()


class Clock:
    def __init__(self, when: str = "2026-11-10T09:00:00"):
        self.t = at(when)

    def __call__(self) -> float:
        return self.t

    def set(self, when: str) -> None:
        self.t = at(when)


def code(store, ref, coder: str, account: str, abstract: dict, when: str) -> int:
    """Claim and commit a chart at a given time; returns its record id."""
    store.clock.set(when)
    claimed = queue.claim(store, coder, account)
    queue.commit(store, coder, claimed.id, parse_abstract(abstract), ref)
    return claimed.id


def set_discharge(store, account: str, discharge: str, admit: str) -> None:
    store.con.execute("UPDATE records SET admit_date = ?, discharge_date = ? WHERE account = ?",
                      (admit, discharge, account))


def coded_store(path, ref, records: int = 6):
    """Six charts committed by three coders (two each) on three days; two service
    lines; one discharge in October. A reviewer, rita, is on the store too."""
    store = make_store(path, records=records, coders=("alice", "bob", "carol"))
    store.add_coder(MANAGER, "rita", "reviewer")
    store.clock = Clock()
    store.con.execute("UPDATE records SET service_line = 'Infectious Disease' WHERE account IN ('T00002', 'T00006')")
    set_discharge(store, "T00006", "2026-10-28", "2026-10-25")
    for account, coder, when, abstract in CODED:
        code(store, ref, coder, account, abstract, when)
    return store


@pytest.fixture
def store(tmp_path, ref):
    s = coded_store(tmp_path / "store.sqlite", ref)
    yield s
    s.close()


def run(monkeypatch, capsys, db_path, codes_path, user: str, *args: str) -> tuple[int, str, str]:
    """`chartkey ARGS` in this process as `user` (faster than a subprocess per call)."""
    monkeypatch.setenv("CHARTKEY_DB", str(db_path))
    monkeypatch.setenv("CHARTKEY_CODES", str(codes_path))
    for var in ("LOGNAME", "USER"):
        monkeypatch.setenv(var, user)
    try:
        code = main(list(args))
    except SystemExit as exc:  # argparse: bad arguments
        code = exc.code
    out = capsys.readouterr()
    return code, out.out, out.err


# -- productivity ----------------------------------------------------------------

def test_productivity_charts_per_day_and_per_active_hour(store, ref):
    for coder, account, seconds, start in [("alice", "T00001", 900, "2026-11-10T09:40:00Z"),
                                          ("alice", "T00002", 900, "2026-11-10T10:40:00Z"),
                                          ("bob", "T00003", 3600, "2026-11-11T09:00:00Z")]:
        reports.record_chart_time(store, coder, get_record(store, account).id, seconds, start)
    r = reports.productivity(store, ref)
    assert r.columns == ["day", "coder", "charts", "active_hours", "charts_per_hour", "avg_minutes_per_chart"]
    assert r.rows == [
        ("2026-11-10", "alice", 2, 0.5, 4.0, 15.0),
        ("2026-11-11", "bob", 2, 1.0, 2.0, 30.0),
        ("2026-11-12", "carol", 2, 0.0, None, None),  # no time recorded: no rate
        ("all", "alice", 2, 0.5, 4.0, 15.0),
        ("all", "bob", 2, 1.0, 2.0, 30.0),
        ("all", "carol", 2, 0.0, None, None),
    ]
    assert r.series["charts per day"] == [("2026-11-10", 2), ("2026-11-11", 2), ("2026-11-12", 2)]
    assert [row[:3] for row in reports.productivity(store, ref, date_from="2026-11-11", coder="bob").rows] == [
        ("2026-11-11", "bob", 2), ("all", "bob", 2)]
    assert reports.productivity(store, ref, date_to="2026-11-10").rows[0][:3] == ("2026-11-10", "alice", 2)


def test_chart_time_is_checked_and_audited(store):
    record_id = get_record(store, "T00001").id
    with pytest.raises(StoreError, match="seconds"):
        reports.record_chart_time(store, "alice", record_id, -5, "2026-11-10T09:00:00Z")
    with pytest.raises(StoreError, match="ISO timestamp"):
        reports.record_chart_time(store, "alice", record_id, 60, "yesterday")
    reports.record_chart_time(store, "alice", record_id, 60, "2026-11-10T09:00:00Z")
    after = store.con.execute("SELECT coder, after FROM audit WHERE action = 'chart_time'").fetchall()
    assert after == [("alice", json.dumps({"seconds": 60.0, "started_at": "2026-11-10T09:00:00Z"}, sort_keys=True))]


# -- case mix --------------------------------------------------------------------

def test_cmi_by_month_service_line_and_drg(store, ref):
    r = reports.cmi(store, ref)
    by = {}
    for row in r.rows:
        by.setdefault(row[0], []).append(row)
    # October: T00006 alone (871); November: 1.2838 + 1.0233 + 0.849 + 0.72 + 0.566 = 4.4421 over 5
    assert by["month"] == [("month", "2026-10", "", 1, 1.9425, 1.9425, 0.1667),
                           ("month", "2026-11", "", 5, 4.4421, 0.8884, 0.8333)]
    assert by["service line"] == [("service line", "Cardiology", "", 4, 3.4188, 0.8547, 0.6667),
                                  ("service line", "Infectious Disease", "", 2, 2.9658, 1.4829, 0.3333)]
    assert [(row[1], row[3], row[5]) for row in by["drg"]] == [
        ("291", 1, 1.2838), ("292", 1, 0.849), ("293", 1, 0.566), ("313", 1, 0.72), ("871", 1, 1.9425),
        ("872", 1, 1.0233)]
    assert by["drg"][0][2].startswith("Heart Failure and Shock")
    assert r.notes[0] == "CMI 1.0641 over 6 charts"  # 6.3846 / 6
    assert r.series["CMI by discharge month"] == [("2026-10", 1.9425), ("2026-11", 0.8884)]
    only_bob = reports.cmi(store, ref, coder="bob")
    assert only_bob.notes[0] == "CMI 0.7845 over 2 charts"  # (0.849 + 0.72) / 2
    assert reports.cmi(store, ref, date_to="2026-10-31").notes[0] == "CMI 1.9425 over 1 charts"


def test_cmi_leaves_out_returned_charts(store, ref):
    from db.review import return_chart

    return_chart(store, "rita", get_record(store, "T00006").id, "recheck sepsis")
    assert reports.cmi(store, ref).notes[0] == "CMI 0.8884 over 5 charts"


# -- CC/MCC capture --------------------------------------------------------------

def test_cc_capture_by_family_and_coder(store, ref):
    r = reports.cc_capture(store, ref)
    assert r.rows == [
        # 291-293: T00001 with MCC, T00003 with CC, T00005 without; 871-872: T00006 with MCC, T00002 without
        ("family", "291", "HEART FAILURE AND SHOCK", 3, 1, 1, 2, 0.6667),
        ("family", "871", "SEPTICEMIA OR SEVERE SEPSIS WITHOUT MV >96 HOURS", 2, 1, 0, 1, 0.5),
        ("coder", "alice", "", 2, 1, 0, 1, 0.5),
        ("coder", "carol", "", 2, 1, 0, 1, 0.5),
        ("coder", "bob", "", 1, 0, 1, 1, 1.0),  # chest pain (313) has no CC/MCC split: not counted
    ]
    assert r.notes[0] == "3 of 5 charts in CC/MCC-split families grouped with a CC or MCC (60.0%)"
    assert r.series["capture rate by discharge month"] == [("2026-10", 1.0), ("2026-11", 0.5)]


# -- DNFB and holds ----------------------------------------------------------------

@pytest.fixture
def queue_store(tmp_path, ref):
    """Four stays on 2026-11-20: T00001 ready (discharged 1 day ago), T00002 on hold
    since 2026-11-15 (6 days), T00003 held 2026-11-13, answered 2026-11-16 and
    committed with an MCC, T00004 being coded (41 days)."""
    s = make_store(tmp_path / "queue.sqlite", records=4, coders=("alice", "bob", "carol"))
    s.clock = Clock("2026-11-13T09:40:00")
    for account, discharge, admit in [("T00001", "2026-11-19", "2026-11-16"), ("T00002", "2026-11-14", "2026-11-11"),
                                      ("T00003", "2026-10-01", "2026-09-28"), ("T00004", "2026-10-10", "2026-10-07")]:
        set_discharge(s, account, discharge, admit)
    c = queue.claim(s, "bob", "T00003")
    version = queue.save_draft(s, "bob", c.id, parse_abstract(HF), c.version)
    s.clock.set("2026-11-13T10:00:00")
    queue.hold(s, "bob", c.id, "physician query", "Acute respiratory failure?", version)
    s.clock.set("2026-11-15T10:00:00")
    held = queue.claim(s, "alice", "T00002")
    queue.hold(s, "alice", held.id, "missing op note")
    s.clock.set("2026-11-16T10:00:00")
    queue.unhold(s, "bob", c.id)
    code(s, ref, "bob", "T00003", HF_MCC, "2026-11-16T11:00:00")
    s.clock.set("2026-11-20T09:50:00")
    queue.claim(s, "carol", "T00004")
    s.clock.set("2026-11-20T10:00:00")
    yield s
    s.close()


def test_dnfb_counts_charges_ages_statuses_and_holds(queue_store, ref):
    r = reports.dnfb(queue_store, ref)
    assert r.columns == ["section", "group", "records", "charges"]
    assert r.rows == [
        ("total", "", 3, 30007.0),  # 10001 + 10002 + 10004; T00003 is coded
        ("age", "0-3", 1, 10001.0),
        ("age", "4-7", 1, 10002.0),
        ("age", "30+", 1, 10004.0),
        ("status", "in progress", 1, 10004.0),
        ("status", "on hold", 1, 10002.0),
        ("status", "ready", 1, 10001.0),
        ("hold", "missing op note", 1, 10002.0),
    ]
    assert r.series["records by days since discharge"] == [("0-3", 1), ("4-7", 1), ("30+", 1)]
    assert "2026-11-20" in r.notes[0]
    assert reports.dnfb(queue_store, ref, date_from="2026-11-01").rows[0] == ("total", "", 2, 20003.0)


def test_holds_open_answered_turnaround_and_drg_impact(queue_store, ref):
    r = reports.holds(queue_store, ref)
    assert r.rows == [
        ("open", "T00002", "missing op note", "alice", "2026-11-15", "", 5.0, None, None, None, None, None),
        # the draft before the hold groups to 293; committed after the answer with an MCC: 291
        ("answered", "T00003", "physician query", "bob", "2026-11-13", "2026-11-16", 3.0,
         "293", 0.566, "291", 1.2838, 0.7178),
    ]
    assert r.notes[0] == "open holds: 1; missing op note 1"
    assert r.notes[1] == "answered queries: 1, mean turnaround 3.0 days"
    assert [row[1] for row in reports.holds(queue_store, ref, coder="bob").rows] == ["T00003"]
    assert [row[1] for row in reports.holds(queue_store, ref, date_from="2026-11-14").rows] == ["T00002"]


# -- the command -------------------------------------------------------------------

@pytest.mark.parametrize("name", list(reports.REPORTS))
def test_report_command_formats(name, store, reference_path, monkeypatch, capsys):
    store.close()
    args = (store.path, reference_path, "alice", "report", name)
    code, out, err = run(monkeypatch, capsys, *args, "--format", "json")
    assert code == 0, err
    data = json.loads(out)
    assert set(data) == {"name", "title", "columns", "rows", "notes"} and data["name"] == name
    code, out, _ = run(monkeypatch, capsys, *args, "--format", "csv")
    rows = list(csv.reader(io.StringIO(out)))
    assert code == 0 and rows[0] == data["columns"] and len(rows) == len(data["rows"]) + 1
    code, out, _ = run(monkeypatch, capsys, *args, "--from", "2026-10-01", "--to", "2026-12-31")
    lines = out.splitlines()
    assert code == 0 and lines[0] == data["title"]
    assert lines[2].split() == data["columns"]  # the header, aligned


def test_report_table_aligns_numbers_right(store, reference_path, monkeypatch, capsys):
    store.close()
    code, out, _ = run(monkeypatch, capsys, store.path, reference_path, "alice", "report", "cmi", "--coder", "bob")
    lines = out.splitlines()
    header, first = lines[2], lines[3]
    end = header.index("charts") + len("charts")
    assert first.startswith("month") and first[:end].endswith(" 2") and first[end] == " "  # bob's 2 charts


def test_report_command_bad_arguments_exit_2(store, reference_path, monkeypatch, capsys):
    store.close()
    base = (store.path, reference_path, "alice", "report")
    assert run(monkeypatch, capsys, *base, "nosuch")[0] == 2
    code, _, err = run(monkeypatch, capsys, *base, "cmi", "--from", "2026-02-30")
    assert code == 2 and "not a date" in err and len(err.strip().splitlines()) == 1
    assert run(monkeypatch, capsys, *base, "cmi", "--format", "xml")[0] == 2
    code, _, err = run(monkeypatch, capsys, store.path, reference_path, "mallory", "report", "cmi")
    assert code == 1 and "not a coder" in err


def test_report_data_is_escaped_only_on_a_terminal(tmp_path, ref, reference_path, monkeypatch, capsys):
    store = coded_store(tmp_path / "store.sqlite", ref, records=7)
    store.clock.set("2026-11-13T10:00:00")
    claimed = queue.claim(store, "bob", "T00007")
    queue.hold(store, "bob", claimed.id, "query\x1b[2J")
    store.close()
    args = (store.path, reference_path, "bob", "report", "holds", "--format", "csv")
    assert "query\x1b[2J" in run(monkeypatch, capsys, *args)[1]  # piped: the data as stored
    monkeypatch.setattr("sys.stdout.isatty", lambda: True)
    out = run(monkeypatch, capsys, *args)[1]
    assert "query\\x1b[2J" in out and "\x1b" not in out
