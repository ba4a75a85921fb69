"""Checks of a whole abstract against its encounter: POA (the CMS exempt list, the
HAC list), discharge disposition (transfers, deaths), dates and length of stay,
and codes that do not fit the patient's sex or age.

Each check names the field it concerns, so the chart can show it next to that
field; errors block the commit (db.queue.commit runs the same checks), warnings
ask the coder to look again, notes inform.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

from db import ub04
from db.abstract import Abstract, fiscal_year_of, labelled_diagnoses
from db.reference import Reference
from db.textnorm import code_key, display_cm

LONG_STAY_RATIO = 2.0  # a length of stay this many times the DRG's GMLOS is worth a second look


@dataclass(frozen=True)
class Check:
    field: str  # poa | admit_dx | procedure | admit_date | discharge_date | discharge_disposition | point_of_origin | attending | sex | age
    code: str  # the code it concerns, as coders write it ("" for an encounter field)
    level: str  # error | warning | note
    message: str


def errors(checks: list[Check]) -> list[str]:
    """The messages of the checks that block a commit."""
    return [c.message for c in checks if c.level == "error"]


# -- POA ---------------------------------------------------------------------

def exempt_list_year(ref: Reference, discharge: str) -> int | None:
    """The installed POA-exempt list that applies to a discharge date, None without one."""
    return ref.poa_exempt_year(fiscal_year_of(date.fromisoformat(discharge)))


def exempt_codes(abstract: Abstract, ref: Reference, discharge: str) -> tuple[int | None, frozenset[str]]:
    """(the exempt list's year, the abstract's codes on it); (None, empty) without a list."""
    year = exempt_list_year(ref, discharge)
    if year is None:
        return None, frozenset()
    return year, frozenset(d.code for d in abstract.diagnoses() if ref.is_poa_exempt(d.code, year))


def apply_poa_exempt(abstract: Abstract, exempt: frozenset[str]) -> list[str]:
    """Set POA 1 on every code of the exempt list; returns the codes changed."""
    changed = []
    for d in abstract.diagnoses():
        if d.code in exempt and d.poa != "1":
            d.poa = "1"
            changed.append(display_cm(d.code))
    return changed


def poa_entry_problem(code: str, poa: str, year: int | None, exempt: frozenset[str]) -> str | None:
    """Why the exempt list refuses `poa` for `code`, None when it allows it (or there is no list)."""
    if year is None:
        return None
    if code in exempt and poa != "1":
        return f"{display_cm(code)} is on the FY{year} POA-exempt list: its POA is 1, not {poa}"
    if code not in exempt and poa == "1":
        return f"{display_cm(code)} is not on the FY{year} POA-exempt list: it needs Y, N, U or W"
    return None


def _poa_checks(abstract: Abstract, ref: Reference, discharge: str, result) -> list[Check]:
    year, exempt = exempt_codes(abstract, ref, discharge)
    impacts = {code_key(i.code): i for i in result.diagnoses} if result else {}
    found = []
    for label, d in labelled_diagnoses(abstract):
        shown = display_cm(d.code)
        problem = poa_entry_problem(d.code, d.poa, year, exempt) if d.poa else None
        if problem:
            found.append(Check("poa", shown, "error", f"{label} {problem}"))
        impact = impacts.get(d.code)
        if impact is None:
            continue
        if d.poa == "1" and impact.hac_listed:
            found.append(Check("poa", shown, "error", f"{label} {shown}: on the HAC list ({impact.hac_listed[0]}); "
                                                      "POA 1 is never allowed on a HAC code"))
        elif d.poa in ("N", "U") and impact.hac:
            found.append(Check("poa", shown, "warning", f"{label} {shown}: POA {d.poa} makes it a hospital-acquired "
                                                        f"condition ({impact.hac[0]}); it does not count as a CC/MCC"))
    return found


# -- disposition ---------------------------------------------------------------

def transfer_fraction(los: int, gmlos: float, special_pay: bool) -> float:
    """The share of the full DRG payment a transfer case is paid (42 CFR 412.4(f)):
    a per diem (full / GMLOS) for each day plus one, or for special-pay DRGs half
    the full payment plus half the per diem; never more than the full payment."""
    per_diem_share = (los + 1) / gmlos
    return min(1.0, 0.5 + 0.5 * per_diem_share if special_pay else per_diem_share)


def _disposition_checks(record, result, grouper, abstract: Abstract) -> list[Check]:
    disposition = record.discharge_disposition
    found = []
    acute = disposition in ub04.ACUTE_TRANSFERS
    if acute or (disposition in ub04.POST_ACUTE_TRANSFERS and result.post_acute):
        why = ("a transfer to another acute care hospital" if acute else
               f"a transfer to post-acute care and DRG {result.drg} is on the post-acute transfer list")
        message = f"disposition {disposition} is {why}: payment may be a per-diem transfer payment"
        if result.gmlos:
            los = record.length_of_stay
            share = transfer_fraction(los, result.gmlos, result.special_pay)
            special = "; a special-pay DRG" if result.special_pay else ""
            message += (f", about {share:.0%} of the full DRG payment (length of stay {los} + 1 day against a GMLOS"
                        f" of {result.gmlos:g}{special})" if share < 1 else
                        "; the stay reaches the GMLOS, so the full DRG payment applies")
        found.append(Check("discharge_disposition", "", "warning", message))
    if disposition == ub04.EXPIRED and grouper is not None:
        from db.grouping import GroupingError, stay_of

        try:
            alive = grouper.group(abstract, replace(stay_of(record), disposition="01"), what_if=False)
        except GroupingError:
            alive = None
        if alive is not None and alive.drg != result.drg:
            found.append(Check("discharge_disposition", "", "note",
                               f"expired (20) groups to DRG {result.drg} {result.drg_title}; discharged alive it "
                               f"would be DRG {alive.drg} {alive.drg_title}"))
    return found


# -- dates ---------------------------------------------------------------------

def _date_checks(abstract: Abstract, record, result) -> list[Check]:
    found = []
    admit, discharge = record.admit_date, record.discharge_date
    if discharge < admit:
        found.append(Check("discharge_date", "", "error", f"discharge date {discharge} is before the admission {admit}"))
    elif discharge == admit and record.admit_hour and record.discharge_hour \
            and "99" not in (record.admit_hour, record.discharge_hour) and record.discharge_hour < record.admit_hour:
        found.append(Check("discharge_hour", "", "error", f"discharge hour {record.discharge_hour} is before the "
                                                          f"admission hour {record.admit_hour} on the same day"))
    for i, p in enumerate(abstract.procedures, 1):
        if not p.date:
            found.append(Check("procedure", p.code, "warning", f"procedure {i} {p.code}: no date"))
        elif len(p.date) == 10 and not admit <= p.date <= discharge:
            found.append(Check("procedure", p.code, "error", f"procedure {i} {p.code}: date {p.date} is outside the "
                                                             f"stay ({admit} to {discharge})"))
    if result is not None and result.gmlos and record.length_of_stay >= LONG_STAY_RATIO * result.gmlos:
        ratio = record.length_of_stay / result.gmlos
        found.append(Check("discharge_date", "", "warning",
                           f"length of stay {record.length_of_stay} days is {ratio:.1f} times the GMLOS of DRG "
                           f"{result.drg} ({result.gmlos:g} days): is every complication and comorbidity coded?"))
    return found


# -- the encounter and the patient -------------------------------------------------

def _encounter_checks(record) -> list[Check]:
    found = []
    newborn = record.admission_type == "4"
    if newborn and record.point_of_origin not in ub04.NEWBORN_POINTS_OF_ORIGIN:
        found.append(Check("point_of_origin", "", "error", f"a newborn admission (type 4) takes point of origin 5 "
                                                           f"(born here) or 6 (born elsewhere), not {record.point_of_origin}"))
    if not record.attending.strip():
        found.append(Check("attending", "", "warning", "no attending physician (UB-04 FL76)"))
    return found


def patient_conflicts(result) -> list[Check]:
    """The Code Editor's sex and age conflicts (its tables mark the sex- and age-specific
    codes), to show next to the patient's sex and age; the commit already lists them
    among the Code Editor's errors."""
    fields = {"SEX_CONFLICT": "sex", "AGE_CONFLICT": "age"}
    return [Check(fields[e.edit], e.code, "error", f"{e.code}: {e.message}") for e in result.edits if e.edit in fields]


def check_abstract(abstract: Abstract, record, ref: Reference, result=None, grouper=None) -> list[Check]:
    """Every check of the abstract against the record's encounter data. `result` is the
    abstract's GroupingResult (None when it cannot be grouped); `grouper` lets the
    disposition check regroup as discharged alive."""
    checks = _poa_checks(abstract, ref, record.discharge_date, result)
    checks += _date_checks(abstract, record, result)
    checks += _encounter_checks(record)
    if result is not None:
        checks += _disposition_checks(record, result, grouper, abstract)
    return checks
