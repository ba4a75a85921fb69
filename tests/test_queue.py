"""Queue semantics: claim order, leases, drafts, commit, hold, release, reopen."""

import json

import pytest

from db import queue
from db.abstract import parse_abstract
from db.queue import ValidationFailed
from db.records import get_record, queue_counts, queue_rows
from db.store import Conflict, Forbidden, StoreError
from tests.store_helpers import GOOD_ABSTRACT, MANAGER, make_store


class Clock:
    def __init__(self, t=1_800_000_000.0):
        self.t = t

    def __call__(self):
        return self.t


@pytest.fixture
def clock():
    return Clock()


@pytest.fixture
def store(tmp_path, clock):
    s = make_store(tmp_path / "store.sqlite", records=6)
    s.clock = clock
    # priorities and charges chosen so the queue order is known
    s.con.execute("UPDATE records SET priority = 1 WHERE account = 'T00005'")
    s.con.execute("UPDATE records SET admit_date = '2026-09-28', discharge_date = '2026-10-01' WHERE account = 'T00003'")
    yield s
    s.close()


def test_claim_next_order_priority_then_oldest_discharge_then_charges(store):
    store.con.execute("UPDATE records SET discharge_date = '2026-11-10'")
    store.con.execute("UPDATE records SET priority = 1 WHERE account = 'T00005'")
    store.con.execute("UPDATE records SET discharge_date = '2026-10-01' WHERE account IN ('T00003', 'T00004')")
    order = [queue.claim_next(store, "alice").account for _ in range(6)]
    # T00005 priority; T00003/T00004 oldest (T00004 has higher charges); then by charges
    assert order == ["T00005", "T00004", "T00003", "T00006", "T00002", "T00001"]
    assert queue.claim_next(store, "alice") is None


def test_a_coder_may_hold_several_leases_and_others_cannot_take_them(store):
    a = queue.claim_next(store, "alice")
    b = queue.claim_next(store, "alice")
    assert a.account != b.account
    with pytest.raises(Conflict, match="being coded by alice"):
        queue.claim(store, "bob", a.account)
    assert queue.claim(store, "alice", a.account).account == a.account  # own lease: renewed


def test_expired_lease_returns_the_record_to_the_queue(store, clock):
    claimed = queue.claim(store, "alice", "T00001")
    assert queue_counts(store)["in_progress"] == 1
    clock.t += 31 * 60
    assert queue_counts(store)["in_progress"] == 0
    assert get_record(store, "T00001").status == "ready"
    again = queue.claim(store, "bob", "T00001")
    assert again.record.lease_holder == "bob"
    with pytest.raises(Conflict, match="no longer leased to alice"):
        queue.save_draft(store, "alice", claimed.id, parse_abstract(GOOD_ABSTRACT), claimed.version)


def test_lease_length_is_a_setting(store, clock):
    store.set_setting(MANAGER, "lease_minutes", "0.5")
    c = queue.claim_next(store, "alice")
    assert c.lease_expires == pytest.approx(clock.t + 30)


def test_drafts_are_saved_at_once_and_restored(store):
    c = queue.claim(store, "alice", "T00002")
    draft = parse_abstract({"pdx": {"code": "i50.23", "poa": "y"}})
    v = queue.save_draft(store, "alice", c.id, draft, c.version)
    assert v == c.version + 1
    restored = queue.load_abstract(store, c.id)
    assert restored.pdx.code == "I5023" and restored.pdx.poa == "Y"
    with pytest.raises(Conflict, match="changed since you opened it"):
        queue.save_draft(store, "alice", c.id, draft, c.version)  # stale version: a second terminal


def test_commit_stores_the_abstract_and_ends_the_lease(store, ref):
    c = queue.claim(store, "alice", "T00004")
    version = queue.commit(store, "alice", c.id, parse_abstract(GOOD_ABSTRACT), ref, c.version)
    record = get_record(store, c.id)
    assert record.status == "coded" and record.lease_holder is None and record.version == version
    codes = store.con.execute("SELECT role, seq, code, poa, proc_date FROM abstract_codes WHERE record_id = ? ORDER BY role, seq",
                              (c.id,)).fetchall()
    assert codes == [("pdx", 0, "I5023", "Y", None), ("proc", 1, "02703DZ", None, "2026-11-01"), ("sdx", 1, "N184", "Y", None)]
    assert store.con.execute("SELECT COUNT(*) FROM drafts").fetchone()[0] == 0
    audit = store.con.execute("SELECT action, after FROM audit WHERE record_id = ? ORDER BY id", (c.id,)).fetchall()
    assert [a for a, _ in audit] == ["import", "claim", "commit"]
    assert json.loads(audit[-1][1])["pdx"] == {"code": "I5023", "poa": "Y"}


def test_commit_lists_every_problem(store, ref):
    c = queue.claim(store, "alice", "T00004")
    bad = parse_abstract({
        "sdx": [{"code": "I50", "poa": "Y"}, {"code": "S72.001", "poa": "Y"}, {"code": "XYZ99"},
                {"code": "E11.9", "poa": "Q"}, {"code": "E11.9", "poa": "Y"}],
        "procedures": [{"code": "0SR9", "date": "2026-13-01"}],
    })
    with pytest.raises(ValidationFailed) as info:
        queue.commit(store, "alice", c.id, bad, ref)
    problems = "\n".join(info.value.problems)
    for expected in ("no principal diagnosis", "I50: a header, not a billable code", "S72.001: needs a 7th character",
                     "XYZ99: not an ICD-10-CM code", "XYZ99: no POA indicator", "POA 'Q' is not one of",
                     "E11.9 is listed twice", "0SR9: not an ICD-10-PCS code", "date '2026-13-01' is not YYYY-MM-DD"):
        assert expected in problems
    assert get_record(store, c.id).status == "in_progress"  # nothing changed


def test_commit_limits(store, ref):
    c = queue.claim(store, "alice", "T00004")
    many = parse_abstract({"pdx": {"code": "I50.9", "poa": "Y"},
                           "sdx": [{"code": f"E11.{n}", "poa": "Y"} for n in ("9",)] * 1 +
                                  [{"code": c, "poa": "Y"} for c in ["Z99.81"] * 24]})
    problems = "\n".join(pytest.raises(ValidationFailed, queue.commit, store, "alice", c.id, many, ref).value.problems)
    assert "25 secondary diagnoses; at most 24" in problems


def test_commit_conflicts_when_the_lease_is_gone_or_the_version_moved(store, ref, clock):
    c = queue.claim(store, "alice", "T00005")
    with pytest.raises(Conflict):
        queue.commit(store, "bob", c.id, parse_abstract(GOOD_ABSTRACT), ref)
    with pytest.raises(Conflict, match="changed since"):
        queue.commit(store, "alice", c.id, parse_abstract(GOOD_ABSTRACT), ref, expected_version=c.version - 1)
    clock.t += 3600
    with pytest.raises(Conflict, match="no longer leased"):
        queue.commit(store, "alice", c.id, parse_abstract(GOOD_ABSTRACT), ref)


def test_hold_release_unhold_reopen(store, ref):
    c = queue.claim(store, "alice", "T00006")
    with pytest.raises(StoreError, match="needs a reason"):
        queue.hold(store, "alice", c.id, "  ")
    queue.hold(store, "alice", c.id, "physician query", "Please clarify the type of heart failure.")
    r = get_record(store, c.id)
    assert (r.status, r.hold_reason, r.hold_query, r.lease_holder) == (
        "on_hold", "physician query", "Please clarify the type of heart failure.", None)
    with pytest.raises(StoreError, match="cannot be claimed"):
        queue.claim(store, "bob", "T00006")
    queue.unhold(store, "bob", c.id)
    assert get_record(store, c.id).status == "ready"
    c = queue.claim(store, "bob", "T00006")
    queue.release(store, "bob", c.id)
    assert get_record(store, c.id).status == "ready"
    c = queue.claim(store, "bob", "T00006")
    queue.commit(store, "bob", c.id, parse_abstract(GOOD_ABSTRACT), ref)
    with pytest.raises(Forbidden):
        queue.reopen(store, "alice", c.id)
    queue.reopen(store, MANAGER, c.id)
    assert get_record(store, c.id).status == "ready"
    # reopening keeps the committed abstract for the next coder to start from
    assert queue.load_abstract(store, c.id).pdx.code == "I5023"


def test_queue_rows_since_a_change_number(store):
    marker = store.change_marker()
    assert queue_rows(store, marker) == []
    queue.claim(store, "alice", "T00002")
    changed = queue_rows(store, marker)
    assert [r.account for r in changed] == ["T00002"] and changed[0].holder == "alice"


def test_commit_stores_the_drg_with_the_grouper_version(store, ref):
    c = queue.claim(store, "alice", "T00001")
    queue.commit(store, "alice", c.id, parse_abstract({"pdx": {"code": "I50.21", "poa": "Y"},
                                                       "sdx": [{"code": "N18.4", "poa": "Y"}]}), ref)
    drg, version = store.con.execute("SELECT drg, grouper_version FROM abstracts WHERE record_id = ?", (c.id,)).fetchone()
    assert json.loads(drg)["drg"] == "292" and version == 440  # discharged November 2026


def test_code_editor_errors_block_the_commit(store, ref):
    c = queue.claim(store, "alice", "T00002")
    with pytest.raises(ValidationFailed) as info:  # a delivery for a patient of 76
        queue.commit(store, "alice", c.id, parse_abstract({"pdx": {"code": "O80", "poa": "Y"}}), ref)
    assert info.value.problems == [
        "Code Editor: O80: does not fit the patient's age (newborn, pediatric, maternity or adult code)"]
