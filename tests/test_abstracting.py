"""Abstracting: encounter fields checked on entry and saved under the lease with
an audit, external cause codes in their own section, the principal procedure,
and each check of db.abstract_checks on constructed records (POA-exempt list,
HAC codes, transfers and deaths, dates, length of stay, age- and sex-specific codes)."""

from dataclasses import replace
from datetime import date

import pytest

from db import queue
from db.abstract import Abstract, AbstractEditError, Procedure, parse_abstract, validate
from db.abstract_checks import (
    apply_poa_exempt,
    check_abstract,
    errors,
    exempt_codes,
    patient_conflicts,
    poa_entry_problem,
    transfer_fraction,
)
from db.encounter import EncounterError, normalize
from db.grouping import Stay, default_grouper, stay_of
from db.records import get_record
from db.store import Conflict
from tests.store_helpers import make_store

AMI = {"pdx": {"code": "I21.4", "poa": "Y"}}  # NSTEMI: DRG 282 alive, 285 expired (both without CC/MCC)


@pytest.fixture
def store(tmp_path):
    s = make_store(tmp_path / "store.sqlite", records=3)
    yield s
    s.close()


def claimed(store, account="T00001"):
    return queue.claim(store, "alice", account)


def checks_for(store, ref, abstract: dict | Abstract, account="T00001", reference=None):
    """(checks, result) of an abstract on a record as the store holds it."""
    ref = reference or ref
    a = abstract if isinstance(abstract, Abstract) else parse_abstract(abstract)
    record = get_record(store, account)
    grouper = default_grouper(ref)
    result = grouper.group(a, stay_of(record), what_if=False) if a.pdx else None
    return check_abstract(a, record, ref, result, grouper), result


def messages(checks, field=None, level=None) -> list[str]:
    return [c.message for c in checks if (field is None or c.field == field) and (level is None or c.level == level)]


# -- encounter fields ----------------------------------------------------------------

@pytest.mark.parametrize("name, typed, stored", [
    ("admit_hour", "7", "07"), ("discharge_hour", "23", "23"), ("discharge_hour", "99", "99"), ("admit_hour", "", None),
    ("discharge_disposition", "1", "01"), ("discharge_disposition", "20", "20"), ("admission_type", "3", "3"),
    ("point_of_origin", "d", "D"), ("admit_date", "2026-10-29", "2026-10-29"), ("attending", "  Dr. Ada Example ",
                                                                              "Dr. Ada Example"),
])
def test_encounter_values_are_normalized(name, typed, stored):
    assert normalize(name, typed) == stored


@pytest.mark.parametrize("name, typed, message", [
    ("admit_hour", "24", "not an hour 00 to 23"), ("discharge_hour", "7pm", "not an hour"),
    ("admit_date", "2026-02-30", "not a date"), ("discharge_date", "11/02/2026", "not a date"),
    ("discharge_disposition", "08", "not a UB-04 FL17 code"), ("admission_type", "7", "not a UB-04 FL14 code"),
    ("coder_comment", "line\x1b[31m", "no control characters"), ("mrn", "M1", "not an encounter field"),
])
def test_bad_encounter_values_are_refused_with_the_reason(name, typed, message):
    with pytest.raises(EncounterError, match=message):
        normalize(name, typed)


def test_a_newborn_takes_the_newborn_points_of_origin():
    assert normalize("point_of_origin", "5", admission_type="4") == "5"
    with pytest.raises(EncounterError):
        normalize("point_of_origin", "2", admission_type="4")


def test_encounter_changes_need_the_lease_bump_the_version_and_are_audited(store):
    c = claimed(store)
    record = queue.update_encounter(store, "alice", c.id, {"discharge_disposition": "20", "discharge_hour": "7",
                                                           "coder_comment": "query sent about the troponin"}, c.version)
    assert (record.discharge_disposition, record.discharge_hour, record.coder_comment) == (
        "20", "07", "query sent about the troponin")
    assert record.version == c.version + 1
    action, before, after = store.con.execute(
        "SELECT action, before, after FROM audit WHERE record_id = ? ORDER BY id DESC LIMIT 1", (c.id,)).fetchone()
    assert action == "encounter" and '"discharge_disposition": "01"' in before and '"discharge_hour": "07"' in after
    with pytest.raises(Conflict):
        queue.update_encounter(store, "bob", c.id, {"admit_hour": "08"})  # not bob's chart
    with pytest.raises(Conflict, match="changed since"):
        queue.update_encounter(store, "alice", c.id, {"admit_hour": "08"}, c.version)  # a stale screen
    with pytest.raises(EncounterError):
        queue.update_encounter(store, "alice", c.id, {"admit_hour": "31"})
    assert get_record(store, c.id).admit_hour is None  # nothing half-written


# -- external causes and the principal procedure -------------------------------------

def test_external_cause_codes_have_their_own_section_and_are_never_principal(ref):
    a = parse_abstract({"pdx": {"code": "S72.001A", "poa": "Y"},
                        "sdx": [{"code": "W19.XXXA", "poa": "Y"}, {"code": "I10", "poa": "Y"}]})
    assert [d.code for d in a.sdx] == ["I10"] and [d.code for d in a.external] == ["W19XXXA"]
    with pytest.raises(AbstractEditError, match="never the principal"):
        a.post_principal("Y92009")
    a.post_secondary("Y92009")
    assert [d.code for d in a.external] == ["W19XXXA", "Y92009"]
    # I10 (1) does not move down into the external causes (2, 3), nor W19 up out of them
    assert a.move_diagnosis(1, 1) == 1 and a.move_diagnosis(2, -1) == 2
    assert a.move_diagnosis(2, 1) == 3 and [d.code for d in a.external] == ["Y92009", "W19XXXA"]
    problems = validate(parse_abstract({"pdx": {"code": "W19.XXXA", "poa": "Y"}}), ref)
    assert problems == ["principal diagnosis W19.XXXA: an external cause code is never principal"]
    result = default_grouper(ref).group(a, Stay(76, "F", "01", date(2026, 11, 2)), what_if=True)
    assert [d.role for d in result.diagnoses] == ["principal", "secondary", "external", "external"]
    assert all(w.code != "W19.XXXA" for w in result.what_if.as_principal)


def test_the_principal_procedure_is_the_first_and_can_be_changed():
    a = parse_abstract({"pdx": "I25.10", "procedures": [{"code": "B2111ZZ", "date": "2026-10-31"},
                                                        {"code": "021109W", "date": "2026-10-31", "physician": "Dr. Jo"}]})
    a.make_principal_procedure(1)
    assert [p.code for p in a.procedures] == ["021109W", "B2111ZZ"] and a.procedures[0].physician == "Dr. Jo"
    assert parse_abstract(a.to_dict()).procedures[0] == Procedure("021109W", "2026-10-31", "Dr. Jo")


# -- POA -------------------------------------------------------------------------------

def test_exempt_codes_take_1_automatically_and_refuse_y(store, poa_installed):
    ref = poa_installed[3]
    a = parse_abstract({"pdx": {"code": "I21.4", "poa": "Y"}, "sdx": [{"code": "Z87.891"}, {"code": "I10", "poa": "Y"}]})
    year, exempt = exempt_codes(a, ref, "2026-11-02")
    assert (year, exempt) == (2026, frozenset({"Z87891"}))  # FY2027 discharge: the nearest earlier list
    assert apply_poa_exempt(a, exempt) == ["Z87.891"] and a.sdx[0].poa == "1"
    assert "its POA is 1, not Y" in poa_entry_problem("Z87891", "Y", year, exempt)
    assert "needs Y, N, U or W" in poa_entry_problem("I10", "1", year, exempt)
    assert poa_entry_problem("I10", "N", year, exempt) is None
    a.sdx[0].poa = "Y"
    checks, _ = checks_for(store, ref, a)
    assert messages(checks, "poa", "error") == [
        "secondary diagnosis 1 Z87.891 is on the FY2026 POA-exempt list: its POA is 1, not Y"]


def test_without_the_exempt_list_1_is_the_coders_call_but_never_on_a_hac_code(store, ref):
    assert exempt_codes(parse_abstract(AMI), ref, "2026-11-02") == (None, frozenset())
    checks, _ = checks_for(store, ref, {**AMI, "sdx": [{"code": "Z87.891", "poa": "1"}]})
    assert messages(checks, "poa") == []
    checks, _ = checks_for(store, ref, {**AMI, "sdx": [{"code": "L89.153", "poa": "1"}]})
    assert messages(checks, "poa", "error") == [
        "secondary diagnosis 1 L89.153: on the HAC list (HAC04 Stage III and IV Pressure Ulcers); "
        "POA 1 is never allowed on a HAC code"]


@pytest.mark.parametrize("poa, flagged", [("N", True), ("U", True), ("Y", False), ("W", False)])
def test_a_hac_code_not_present_on_admission_is_flagged_with_its_category(store, ref, poa, flagged):
    checks, result = checks_for(store, ref, {**AMI, "sdx": [{"code": "L89.153", "poa": poa}]})
    found = messages(checks, "poa", "warning")
    assert bool(found) == flagged
    if flagged:
        assert "HAC04 Stage III and IV Pressure Ulcers" in found[0] and "does not count as a CC/MCC" in found[0]
        assert result.drg == "282"  # the pressure ulcer's MCC is taken away
    else:
        assert result.drg == "280"


# -- disposition -------------------------------------------------------------------

def test_expired_ami_groups_apart_and_shows_the_drg_alive(store, ref):
    c = claimed(store)
    alive, result = checks_for(store, ref, AMI)
    assert result.drg == "282" and messages(alive, "discharge_disposition") == []
    queue.update_encounter(store, "alice", c.id, {"discharge_disposition": "20"})
    dead, result = checks_for(store, ref, AMI)
    assert result.drg == "285"
    assert messages(dead, "discharge_disposition") == [
        "expired (20) groups to DRG 285 Acute Myocardial Infarction, Expired without CC/MCC; discharged alive it "
        "would be DRG 282 Acute Myocardial Infarction, Discharged Alive without CC/MCC"]


def test_transfer_to_post_acute_care_on_a_listed_drg_may_be_paid_per_diem(store, ref):
    c = claimed(store)  # admitted 2026-10-30, discharged 2026-11-02: 3 days
    hf = {"pdx": {"code": "I50.21", "poa": "Y"}, "sdx": [{"code": "J96.01", "poa": "Y"}]}  # DRG 291, GMLOS 3.8
    queue.update_encounter(store, "alice", c.id, {"discharge_disposition": "03"})
    checks, result = checks_for(store, ref, hf)
    assert result.drg == "291" and result.post_acute and result.gmlos == 3.8
    assert messages(checks, "discharge_disposition") == [  # 3 days + 1 reach the GMLOS of 3.8
        "disposition 03 is a transfer to post-acute care and DRG 291 is on the post-acute transfer list: payment may "
        "be a per-diem transfer payment; the stay reaches the GMLOS, so the full DRG payment applies"]
    queue.update_encounter(store, "alice", c.id, {"admit_date": "2026-11-01"})  # 1 day: 2 / 3.8 = 53%
    checks, _ = checks_for(store, ref, hf)
    assert "about 53% of the full DRG payment (length of stay 1 + 1 day against a GMLOS of 3.8)" in \
        messages(checks, "discharge_disposition")[0]
    queue.update_encounter(store, "alice", c.id, {"discharge_disposition": "01"})
    assert messages(checks_for(store, ref, hf)[0], "discharge_disposition") == []


def test_an_acute_transfer_is_per_diem_whatever_the_drg(store, ref):
    c = claimed(store)
    queue.update_encounter(store, "alice", c.id, {"discharge_disposition": "82", "admit_date": "2026-11-01"})
    checks, result = checks_for(store, ref, {"pdx": {"code": "I21.4", "poa": "Y"}, "sdx": [{"code": "Z87.891",
                                                                                            "poa": "1"}]})
    assert messages(checks, "discharge_disposition")[0].startswith(
        "disposition 82 is a transfer to another acute care hospital")


def test_transfer_payment_fractions():
    assert transfer_fraction(1, 4.0, special_pay=False) == 0.5
    assert transfer_fraction(1, 4.0, special_pay=True) == 0.75  # half the full payment plus half the per diem
    assert transfer_fraction(9, 4.0, special_pay=False) == 1.0  # never more than the full payment


# -- dates and length of stay ------------------------------------------------------------

def test_a_procedure_outside_the_stay_blocks_the_commit(store, ref):
    c = claimed(store)
    outside = {**AMI, "procedures": [{"code": "B2111ZZ", "date": "2026-11-05"}]}
    checks, _ = checks_for(store, ref, outside)
    assert errors(checks) == ["procedure 1 B2111ZZ: date 2026-11-05 is outside the stay (2026-10-30 to 2026-11-02)"]
    with pytest.raises(queue.ValidationFailed, match="outside the stay"):
        queue.commit(store, "alice", c.id, parse_abstract(outside), ref)
    inside = {**AMI, "procedures": [{"code": "B2111ZZ", "date": "2026-11-01"}]}
    queue.commit(store, "alice", c.id, parse_abstract(inside), ref)
    assert get_record(store, c.id).status == "coded"


def test_discharge_before_admission_and_hours_on_a_one_day_stay(store, ref):
    c = claimed(store)
    queue.update_encounter(store, "alice", c.id, {"admit_date": "2026-11-03"})
    assert errors(checks_for(store, ref, AMI)[0]) == ["discharge date 2026-11-02 is before the admission 2026-11-03"]
    queue.update_encounter(store, "alice", c.id, {"admit_date": "2026-11-02", "admit_hour": "14", "discharge_hour": "09"})
    assert errors(checks_for(store, ref, AMI)[0]) == [
        "discharge hour 09 is before the admission hour 14 on the same day"]


def test_a_stay_far_beyond_the_gmlos_is_shown_as_a_ratio(store, ref):
    c = claimed(store)
    queue.update_encounter(store, "alice", c.id, {"admit_date": "2026-10-20"})  # 13 days, DRG 282 GMLOS 1.7
    warnings = messages(checks_for(store, ref, AMI)[0], "discharge_date", "warning")
    assert warnings == ["length of stay 13 days is 7.6 times the GMLOS of DRG 282 (1.7 days): is every complication "
                        "and comorbidity coded?"]


# -- the patient -------------------------------------------------------------------------

def test_age_and_sex_specific_codes_against_the_patient(ref):
    grouper = default_grouper(ref)
    delivery = parse_abstract({"pdx": {"code": "O80", "poa": "Y"}})
    old = grouper.group(delivery, Stay(76, "F", "01", date(2026, 11, 2)), what_if=False)
    assert [(c.field, c.code) for c in patient_conflicts(old)] == [("age", "O80")]
    assert patient_conflicts(grouper.group(delivery, Stay(30, "F", "01", date(2026, 11, 2)), what_if=False)) == []
    # CMS deleted the Code Editor's sex edit from FY2025 on; earlier discharges still have it
    prostate = parse_abstract({"pdx": {"code": "C61", "poa": "Y"}})
    fy2024 = grouper.group(prostate, Stay(70, "F", "01", date(2024, 1, 3)), what_if=False)
    assert [(c.field, c.code) for c in patient_conflicts(fy2024)] == [("sex", "C61")]


def test_a_newborn_admission_needs_a_newborn_origin_and_an_attending_is_expected(store, ref):
    c = claimed(store)
    record = queue.update_encounter(store, "alice", c.id, {"attending": ""})
    record = replace(record, admission_type="4", point_of_origin="1")
    checks = check_abstract(parse_abstract(AMI), record, ref)
    assert messages(checks, "point_of_origin", "error") and messages(checks, "attending", "warning") == [
        "no attending physician (UB-04 FL76)"]
