"""The demo scenarios: required kinds present, codes valid and billable, templates sound."""

from string import Formatter

import pytest

from db.demo_scenarios import SCENARIOS

FIELDS = {
    "patient": "Avery Zztest", "age": 67, "sex_word": "woman", "he_she": "she", "his_her": "her",
    "admit_date": "2026-03-01", "discharge_date": "2026-03-05", "los": 4, "attending": "Dr. Ada Example",
    "surgeon": "Dr. Hana Suture", "procedure_date": "2026-03-02", "mrn": "DM100007",
}
POA = {"Y", "N", "U", "W", "1"}
# CMS POA-exempt categories used by the scenarios; every other code needs Y/N/U/W.
POA_EXEMPT = ("O80", "Z37", "Z3A", "Z68", "Z79", "Z85", "Z86", "Z87", "Z88", "Z90", "Z95", "Z99", "V", "W", "X", "Y")
ADMISSION_TYPES = {"1", "2", "3", "5"}
POINTS_OF_ORIGIN = {"1", "2", "4"}
DISPOSITIONS = {"01", "02", "03", "04", "05", "06", "07", "20", "21", "43", "50", "51", "61", "62", "63", "64",
                "65", "66", "69", "70"}
PAYERS = {"Medicare", "Medicare Advantage", "Medicaid", "Commercial", "Self-pay"}


def dx_codes(s):
    return [s.pdx[0], *(code for code, _ in s.sdx)]


def proc_codes(s):
    return [code for code, _ in s.procedures]


def sdx_codes(s):
    return [code for code, _ in s.sdx]


REQUIRED = {
    "heart failure with CKD": lambda s: s.pdx[0] == "I13.0" and s.sdx[0][0][:5] in {"I50.2", "I50.3", "I50.4"}
    and s.sdx[1][0].startswith("N18."),
    "sepsis with organ dysfunction": lambda s: s.pdx[0] == "A41.9" and "R65.20" in sdx_codes(s)
    and "N17.9" in sdx_codes(s),
    "pneumonia": lambda s: s.pdx[0] == "J18.9",
    "COPD exacerbation": lambda s: s.pdx[0] == "J44.1",
    "hip fracture repair": lambda s: s.pdx[0].startswith("S72.") and any(c.startswith("0QS") for c in proc_codes(s)),
    "elective total hip replacement": lambda s: s.pdx[0] == "M16.11" and "0SR9019" in proc_codes(s),
    "total knee replacement": lambda s: any(c[:4] in {"0SRC", "0SRD"} for c in proc_codes(s)),
    "CABG": lambda s: s.pdx[0] == "I25.10" and {"021009W", "5A1221Z"} <= set(proc_codes(s)),
    "PCI with stent": lambda s: s.pdx[0] == "I21.4" and "02703DZ" in proc_codes(s),
    "ischemic stroke": lambda s: s.pdx[0].startswith("I63."),
    "GI bleed with EGD": lambda s: "0W3P8ZZ" in proc_codes(s),
    "vaginal delivery": lambda s: s.pdx[0] == "O80" and "Z37.0" in sdx_codes(s) and "10E0XZZ" in proc_codes(s),
    "cesarean delivery": lambda s: "10D00Z1" in proc_codes(s),
    "laparoscopic cholecystectomy": lambda s: "0FT44ZZ" in proc_codes(s),
    "laparoscopic appendectomy": lambda s: "0DTJ4ZZ" in proc_codes(s),
    "DKA": lambda s: s.pdx[0][:5] in {"E10.1", "E11.1"},
    "AKI on CKD": lambda s: s.pdx[0].startswith("N17.") and any(c.startswith("N18.") for c in sdx_codes(s)),
    "cellulitis": lambda s: s.pdx[0].startswith("L03."),
    "UTI": lambda s: s.pdx[0] == "N39.0",
    "alcohol withdrawal": lambda s: s.pdx[0].startswith("F10.") and s.pdx[0][4:6] in {"13", "23", "93"},
    "pulmonary embolism": lambda s: s.pdx[0].startswith("I26."),
    "atrial fibrillation": lambda s: s.pdx[0].startswith("I48"),
}

each = pytest.mark.parametrize("s", SCENARIOS, ids=lambda s: s.key)


def test_count_keys_and_required_kinds():
    assert len(SCENARIOS) >= 30
    keys = [s.key for s in SCENARIOS]
    assert len(set(keys)) == len(keys)
    missing = [kind for kind, present in REQUIRED.items() if not any(present(s) for s in SCENARIOS)]
    assert missing == []


def test_every_code_is_billable(ref):
    def billable(system, code):
        row = ref.con.execute("SELECT billable FROM codes WHERE system = ? AND code = ?",
                              (system, code.replace(".", ""))).fetchone()
        return row is not None and row[0] == 1

    bad = [(s.key, c) for s in SCENARIOS for c in dx_codes(s) if not billable("cm", c)]
    bad += [(s.key, c) for s in SCENARIOS for c in proc_codes(s) if not billable("pcs", c)]
    assert bad == []


@each
def test_diagnoses(s):
    assert 2 <= len(s.sdx) <= 6
    assert len(set(dx_codes(s))) == len(dx_codes(s))
    for code, poa in (s.pdx, *s.sdx):
        assert poa in POA, code
        assert (poa == "1") == code.startswith(POA_EXEMPT), code


def test_some_conditions_arise_during_the_stay():
    assert sum(any(poa == "N" for _, poa in s.sdx) for s in SCENARIOS) >= 3


@each
def test_templates(s):
    for template, words in ((s.summary, (150, 350)), (s.op_note, (80, 250))):
        if template is None:
            continue
        names = {name for _, name, _, _ in Formatter().parse(template) if name is not None}
        assert names <= FIELDS.keys()
        text = template.format(**FIELDS)
        assert "{" not in text and "}" not in text
        assert words[0] <= len(text.split()) <= words[1]
    assert (s.op_note is not None) == bool(s.procedures)


@each
def test_ranges(s):
    for low, high in (s.ages, s.los, s.charges):
        assert low <= high
    assert 0 <= s.ages[0] and s.ages[1] <= 100
    assert s.los[0] >= 1 and s.charges[0] > 0
    assert s.sexes and set(s.sexes) <= set("MF") and len(set(s.sexes)) == len(s.sexes)
    assert s.admission_type in ADMISSION_TYPES and s.point_of_origin in POINTS_OF_ORIGIN
    assert s.dispositions and set(s.dispositions) <= DISPOSITIONS
    assert s.payers and set(s.payers) <= PAYERS
    # A procedure happens no later than the shortest stay's discharge day.
    assert all(0 <= day <= s.los[0] for _, day in s.procedures)
    if any(c.startswith(("O", "Z37", "Z3A")) for c in dx_codes(s)):
        assert s.sexes == "F" and 15 <= s.ages[0] and s.ages[1] <= 45
