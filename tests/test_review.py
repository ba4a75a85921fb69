"""Second-level review: findings on constructed abstracts, sampling by seed and
rule, blind and open review, accuracy per coder, returned charts, `chartkey review`."""

import json
from types import SimpleNamespace

import pytest

from db import queue, reports
from db.abstract import Abstract, parse_abstract
from db.queue import ValidationFailed
from db.records import get_record
from db.review import (
    CodeChange,
    draw_sample,
    findings,
    get_sample,
    record_review,
    return_chart,
    returned_charts,
    review_start,
)
from db.store import Forbidden, StoreError
from tests.store_helpers import MANAGER
from tests.test_reports import HF_CC, HF_MCC, SEPSIS, SEPSIS_MCC, coded_store, run


def dx(*codes, procs=(), admit=None) -> Abstract:
    """An abstract from "CODE" or "CODE:POA" strings, principal first."""
    def one(text):
        code, _, poa = text.partition(":")
        return {"code": code, "poa": poa or "Y"}

    return parse_abstract({"pdx": one(codes[0]), "sdx": [one(c) for c in codes[1:]], "admit_dx": admit,
                           "procedures": [{"code": p} for p in procs]})


def kinds(found) -> list[tuple[str, str]]:
    return [(c.kind, c.code) for c in found.changes]


# -- findings ------------------------------------------------------------------------

def test_identical_abstracts_have_no_findings():
    f = findings(dx("I50.21", "N18.4", procs=["02703DZ"]), dx("I50.21", "N18.4", procs=["02703DZ"]), None, None)
    assert f.changes == [] and f.errors == 0 and f.codes_reviewed == 3 and not f.drg_changed


def test_added_deleted_and_changed_codes():
    added = findings(dx("I50.21"), dx("I50.21", "N18.4"), None, None)
    assert kinds(added) == [("added", "N184")] and added.errors == 1 and added.codes_reviewed == 2
    deleted = findings(dx("I50.21", "N18.4", "E11.9"), dx("I50.21", "E11.9"), None, None)
    assert kinds(deleted) == [("deleted", "N184")] and deleted.errors == 1
    # same position, another code: one error, not a deletion and an addition
    changed = findings(dx("I50.21", "N18.4", "E11.9"), dx("I50.21", "N18.3", "E11.9"), None, None)
    assert changed.changes == [CodeChange("changed", "diagnosis", "N184", "N184", "N183")] and changed.errors == 1
    assert changed.codes_reviewed == 4


def test_a_principal_diagnosis_change_counts_as_two_errors():
    new_code = findings(dx("I50.21", "N18.4"), dx("A41.9", "N18.4"), None, None)
    assert new_code.changes == [CodeChange("principal", "diagnosis", "I5021", "I5021", "A419")]
    assert new_code.errors == 2 and new_code.codes_reviewed == 3
    # the principal swapped with a secondary: still the principal error only, no resequencing on top
    swapped = findings(dx("I50.21", "J96.01", "N18.4"), dx("J96.01", "I50.21", "N18.4"), None, None)
    assert kinds(swapped) == [("principal", "I5021")] and swapped.errors == 2
    # the coder's principal kept as a secondary, a new principal in front
    moved = findings(dx("I50.21", "N18.4"), dx("A41.9", "I50.21", "N18.4"), None, None)
    assert kinds(moved) == [("principal", "I5021")] and moved.errors == 2


def test_resequencing_and_poa_changes():
    f = findings(dx("I50.21", "N18.4", "E11.9", "J96.01"), dx("I50.21", "E11.9", "N18.4", "J96.01"), None, None)
    # two codes swapped: one of them is out of order (positions 1-based, the principal first)
    assert f.changes == [CodeChange("resequenced", "diagnosis", "E119", "3", "2")] and f.errors == 1
    poa = findings(dx("I50.21", "N18.4:Y"), dx("I50.21", "N18.4:N"), None, None)
    assert poa.changes == [CodeChange("poa", "diagnosis", "N184", "Y", "N")] and poa.errors == 1


def test_procedures_admitting_diagnosis_and_drg():
    original = dx("I50.21", procs=["02703DZ", "B2111ZZ"], admit="R06.02")
    reviewed = dx("I50.21", procs=["02703DZ", "B211YZZ", "5A1955Z"], admit="R07.9")
    f = findings(original, reviewed, SimpleNamespace(drg="322", weight=1.763),
                 SimpleNamespace(drg="321", weight=2.7208))
    assert kinds(f) == [("changed", "R0602"), ("changed", "B2111ZZ"), ("added", "5A1955Z")]
    assert [c.role for c in f.changes] == ["admitting", "procedure", "procedure"]
    assert f.errors == 3 and f.codes_reviewed == 1 + 2 + 4
    assert f.drg_changed and f.weight_change == pytest.approx(0.9578)
    same = findings(original, original, SimpleNamespace(drg="322", weight=1.763), SimpleNamespace(drg="322", weight=1.763))
    assert not same.drg_changed and same.weight_change == 0


# -- sampling ---------------------------------------------------------------------------

@pytest.fixture
def store(tmp_path, ref):
    s = coded_store(tmp_path / "store.sqlite", ref)
    yield s
    s.close()


def accounts(sample) -> list[str]:
    return [i.account for i in sample.items]


def test_sample_per_coder_with_a_recorded_seed(store, tmp_path, ref):
    sample = draw_sample(store, "rita", 1, "2026-11-01", "2026-11-30", seed=7)
    assert sorted(i.coder for i in sample.items) == ["alice", "bob", "carol"]
    assert (sample.method, sample.seed, sample.created_by) == ("random", 7, "rita")
    assert all(i.status == "pending" and i.mode == "blind" for i in sample.items)
    again = coded_store(tmp_path / "again.sqlite", ref)
    assert accounts(draw_sample(again, "rita", 1, "2026-11-01", "2026-11-30", seed=7)) == accounts(sample)
    again.close()
    # charts awaiting review are not drawn twice; the rest of each coder's work is
    rest = draw_sample(store, "rita", 5, None, None)
    assert sorted(accounts(rest) + accounts(sample)) == [f"T0000{n}" for n in range(1, 7)]
    assert isinstance(rest.seed, int) and get_sample(store, rest.id).seed == rest.seed  # generated, then stored
    with pytest.raises(StoreError, match="no committed charts"):
        draw_sample(store, "rita", 1, None, None)
    audited = [json.loads(a) for (a,) in store.con.execute("SELECT after FROM audit WHERE action = 'review_sample'")]
    assert [a["seed"] for a in audited] == [7, rest.seed] and audited[0]["accounts"] == accounts(sample)


def test_sample_by_rule_and_period(store):
    store.con.execute("UPDATE records SET payer = 'Aetna' WHERE account = 'T00003'")
    assert accounts(draw_sample(store, "rita", 3, None, None, rule={"drg": "291"})) == ["T00001"]
    assert accounts(draw_sample(store, "rita", 3, None, None, rule={"payer": "aetna"})) == ["T00003"]
    by_weight = draw_sample(store, "rita", 3, None, None, rule={"min_weight": 1.5})
    assert accounts(by_weight) == ["T00006"] and by_weight.method == "rule" and by_weight.rule == {"min_weight": 1.5}
    assert accounts(draw_sample(store, "rita", 3, "2026-11-12", "2026-11-12")) == ["T00005"]  # T00006 is taken
    with pytest.raises(StoreError, match="unknown sampling rule"):
        draw_sample(store, "rita", 1, None, None, rule={"service": "x"})


def test_only_reviewers_and_managers_review(store, ref):
    with pytest.raises(Forbidden):
        draw_sample(store, "alice", 1, None, None)
    with pytest.raises(Forbidden):
        return_chart(store, "bob", get_record(store, "T00001").id, "x")
    sample = draw_sample(store, MANAGER, 1, None, None, rule={"drg": "291"})
    with pytest.raises(Forbidden):
        record_review(store, "alice", sample.id, sample.items[0].record_id, parse_abstract(HF_MCC), ref=ref)
    store.add_coder(MANAGER, "alice", "reviewer")  # alice coded T00001: she may not review it
    with pytest.raises(Forbidden, match="coder who committed it"):
        record_review(store, "alice", sample.id, sample.items[0].record_id, parse_abstract(HF_MCC), ref=ref)


# -- reviewing and accuracy ---------------------------------------------------------------

def test_blind_and_open_review_findings_and_accuracy(store, ref):
    sample = draw_sample(store, "rita", 2, None, None, seed=1)
    ids = {i.account: i.record_id for i in sample.items}
    assert review_start(store, "rita", sample.id, ids["T00001"]) == Abstract()  # blind: from scratch
    assert review_start(store, "rita", sample.id, ids["T00003"], "open") == parse_abstract(HF_CC)

    def review(account, abstract, mode="blind"):
        return record_review(store, "rita", sample.id, ids[account], parse_abstract(abstract), ref=ref, mode=mode)

    assert review("T00001", HF_MCC).errors == 0
    sepsis = review("T00002", SEPSIS_MCC)  # the coder missed the MCC: 872 -> 871
    assert kinds(sepsis) == [("added", "R6521")] and (sepsis.drg_before, sepsis.drg_after) == ("872", "871")
    assert sepsis.weight_change == pytest.approx(1.9425 - 1.0233)
    wrong_pdx = review("T00003", {"pdx": {"code": "A41.9", "poa": "Y"}, "sdx": HF_CC["sdx"] + [HF_CC["pdx"]]}, "open")
    assert kinds(wrong_pdx) == [("principal", "I5021")] and wrong_pdx.errors == 2 and wrong_pdx.drg_changed
    poa = review("T00004", {"pdx": {"code": "R07.9", "poa": "N"}})
    assert kinds(poa) == [("poa", "R079")] and not poa.drg_changed
    # alice: 1 error in 4 codes, 1 DRG of 2 changed; bob: 3 errors (principal = 2, POA) in 4 codes, 1 of 2 changed
    r = reports.accuracy(store, ref)
    assert r.rows == [("alice", 2, 4, 1, 0.75, 1, 0.5, 0.9192),
                      ("bob", 2, 4, 3, 0.25, 1, 0.5, round(wrong_pdx.weight_change, 4))]
    assert r.notes[0] == "errors by kind: added 1, poa 1, principal 2"
    assert reports.accuracy(store, ref, coder="alice").rows == [r.rows[0]]
    assert reports.accuracy(store, ref, date_to="2026-11-01").rows == []
    assert get_record(store, "T00001").status == "reviewed" and get_record(store, "T00005").status == "coded"
    items = {i.account: i for i in get_sample(store, sample.id).items}
    assert (items["T00003"].mode, items["T00003"].status, items["T00003"].reviewer) == ("open", "done", "rita")
    assert items["T00005"].status == "pending"
    audited = store.con.execute("SELECT record_id, after FROM audit WHERE action = 'review' ORDER BY id").fetchall()
    assert [json.loads(a)["errors"] for _, a in audited] == [0, 1, 2, 1]


def test_a_review_abstract_must_be_valid(store, ref):
    sample = draw_sample(store, "rita", 1, None, None, rule={"drg": "291"})
    with pytest.raises(ValidationFailed):
        record_review(store, "rita", sample.id, sample.items[0].record_id, parse_abstract({"pdx": "I50"}), ref=ref)
    with pytest.raises(StoreError, match="blind or open"):
        record_review(store, "rita", sample.id, sample.items[0].record_id, parse_abstract(HF_MCC), ref=ref, mode="x")


# -- returned charts ---------------------------------------------------------------------------

def test_a_returned_chart_is_flagged_for_its_coder_until_recommitted(store, ref):
    record_id = get_record(store, "T00002").id
    assert return_chart(store, "rita", record_id, "  sepsis: look for organ dysfunction ") == "alice"
    record = get_record(store, "T00002")
    assert record.status == "ready" and record.lease_holder is None
    assert store.con.execute("SELECT returned_reason, returned_by FROM records WHERE id = ?", (record_id,)).fetchone() == (
        "sepsis: look for organ dysfunction", "rita")
    flagged = returned_charts(store, "alice")
    assert [(c.account, c.reason, c.returned_by, c.status) for c in flagged] == [
        ("T00002", "sepsis: look for organ dysfunction", "rita", "ready")]
    assert returned_charts(store, "bob") == []
    audit = store.con.execute("SELECT coder, before, after FROM audit WHERE action = 'return'").fetchone()
    assert audit[0] == "rita" and json.loads(audit[2])["coder"] == "alice" and json.loads(audit[1])["status"] == "coded"
    claimed = queue.claim(store, "alice", "T00002")  # the coder starts from what she committed
    assert queue.load_abstract(store, record_id) == parse_abstract(SEPSIS)
    assert returned_charts(store, "alice")[0].status == "in_progress"
    queue.commit(store, "alice", claimed.id, parse_abstract(SEPSIS_MCC), ref)
    assert returned_charts(store, "alice") == [] and get_record(store, "T00002").status == "coded"
    assert store.con.execute("SELECT returned_reason FROM records WHERE id = ?", (record_id,)).fetchone() == (None,)


def test_only_committed_charts_can_be_returned(store, ref):
    with pytest.raises(StoreError, match="needs a reason"):
        return_chart(store, "rita", get_record(store, "T00001").id, "  ")
    return_chart(store, "rita", get_record(store, "T00001").id, "recheck")
    with pytest.raises(StoreError, match="only a committed chart"):
        return_chart(store, "rita", get_record(store, "T00001").id, "again")


# -- the command ------------------------------------------------------------------------------

def test_review_commands(store, reference_path, monkeypatch, capsys):
    store.close()
    rita = (store.path, reference_path, "rita", "review")
    code, out, err = run(monkeypatch, capsys, *rita, "sample", "--per-coder", "1", "--seed", "7", "--rule", "drg=291")
    assert code == 0, err
    assert out.splitlines() == ["Review sample 1: 1 chart(s), rule, seed 7", "  T00001  alice"]
    code, out, _ = run(monkeypatch, capsys, *rita, "sample", "--per-coder", "2", "--from", "2026-11-11",
                       "--rule", "min-weight=0.7", "--rule", "payer=Medicare")
    assert code == 0 and [line.split()[0] for line in out.splitlines()[1:]] == ["T00003", "T00004", "T00006"]
    code, out, _ = run(monkeypatch, capsys, *rita, "return", "T00002", "--reason", "recheck\x1b[2J")
    assert code == 0 and out.strip() == "T00002 is back in alice's queue, flagged: recheck\\x1b[2J"
    assert run(monkeypatch, capsys, store.path, reference_path, "alice", "review", "sample", "--per-coder", "1")[0] == 1
    assert run(monkeypatch, capsys, *rita, "sample", "--per-coder", "0")[0] == 2
    assert run(monkeypatch, capsys, *rita, "sample", "--per-coder", "1", "--rule", "drg=abc")[0] == 2
    assert run(monkeypatch, capsys, *rita, "sample", "--per-coder", "1", "--rule", "min-weight=")[0] == 2
    assert run(monkeypatch, capsys, *rita, "return", "T00001")[0] == 2  # --reason is required
    assert run(monkeypatch, capsys, *rita)[0] == 2  # no action
    code, _, err = run(monkeypatch, capsys, *rita, "return", "NOPE", "--reason", "x")
    assert code == 1 and "no record with account NOPE" in err
    code, _, err = run(monkeypatch, capsys, *rita, "return", "T00002", "--reason", "x")
    assert code == 1 and "only a committed chart" in err and "Traceback" not in err
