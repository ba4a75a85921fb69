"""The coded abstract of one stay: principal and secondary diagnoses with POA,
admitting diagnosis, procedures with dates; parsing and the commit checks.

Codes are kept in their stored form (upper case, no dot) whatever the coder
typed; `display` puts the dot back for ICD-10-CM.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from datetime import date

from db.reference import Reference
from db.textnorm import code_key, display_cm

POA_VALUES = ("Y", "N", "U", "W", "1")
MAX_SECONDARY = 24
MAX_PROCEDURES = 25


@dataclass
class Diagnosis:
    code: str
    poa: str | None = None


@dataclass
class Procedure:
    code: str
    date: str | None = None


@dataclass
class Abstract:
    pdx: Diagnosis | None = None
    sdx: list[Diagnosis] = field(default_factory=list)
    admit_dx: str | None = None
    procedures: list[Procedure] = field(default_factory=list)

    def diagnoses(self) -> list[Diagnosis]:
        return ([self.pdx] if self.pdx else []) + self.sdx

    def to_dict(self) -> dict:
        return asdict(self)

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), sort_keys=True)

    def is_empty(self) -> bool:
        return not (self.pdx or self.sdx or self.admit_dx or self.procedures)

    # -- editing, as the chart screen does it ------------------------------
    # Diagnoses form one sequence, principal first; procedures another.
    # Each edit raises AbstractEditError with a message for the coder.

    def has_diagnosis(self, code: str) -> bool:
        return any(d.code == code for d in self.diagnoses())

    def post_principal(self, code: str, poa: str | None = None) -> None:
        """Make `code` the principal diagnosis; the old principal becomes the first secondary."""
        existing = next((d for d in self.sdx if d.code == code), None)
        if existing:
            self.sdx.remove(existing)
        elif self.pdx and self.pdx.code == code:
            return
        new = existing or Diagnosis(code, poa)
        if self.pdx:
            self.sdx.insert(0, self.pdx)
        self.pdx = new
        self._check_size()

    def post_secondary(self, code: str, poa: str | None = None) -> None:
        if self.has_diagnosis(code):
            raise AbstractEditError(f"{display_cm(code)} is already on the abstract")
        if self.pdx is None:
            self.pdx = Diagnosis(code, poa)  # the first diagnosis posted is the principal
            return
        if len(self.sdx) >= MAX_SECONDARY:
            raise AbstractEditError(f"at most {MAX_SECONDARY} secondary diagnoses")
        self.sdx.append(Diagnosis(code, poa))

    def post_procedure(self, code: str, on: str | None = None) -> None:
        if len(self.procedures) >= MAX_PROCEDURES:
            raise AbstractEditError(f"at most {MAX_PROCEDURES} procedures")
        if any(p.code == code and p.date == on for p in self.procedures):
            raise AbstractEditError(f"{code} on {on or 'that date'} is already on the abstract")
        self.procedures.append(Procedure(code, on))

    def move_diagnosis(self, index: int, step: int) -> int:
        """Move diagnosis `index` (0 = principal) up or down the sequence; returns its new index."""
        seq = self.diagnoses()
        to = index + step
        if not (0 <= index < len(seq) and 0 <= to < len(seq)):
            return index
        seq[index], seq[to] = seq[to], seq[index]
        self.pdx, self.sdx = seq[0], seq[1:]
        return to

    def move_procedure(self, index: int, step: int) -> int:
        to = index + step
        if not (0 <= index < len(self.procedures) and 0 <= to < len(self.procedures)):
            return index
        self.procedures[index], self.procedures[to] = self.procedures[to], self.procedures[index]
        return to

    def delete_diagnosis(self, index: int) -> None:
        seq = self.diagnoses()
        del seq[index]
        self.pdx, self.sdx = (seq[0], seq[1:]) if seq else (None, [])

    def set_poa(self, index: int, poa: str) -> None:
        if poa not in POA_VALUES:
            raise AbstractEditError(f"POA must be one of {', '.join(POA_VALUES)}")
        self.diagnoses()[index].poa = poa

    def _check_size(self) -> None:
        if len(self.sdx) > MAX_SECONDARY:
            raise AbstractEditError(f"at most {MAX_SECONDARY} secondary diagnoses")


class AbstractEditError(ValueError):
    """An edit the abstract cannot take; the message is for the coder."""


class AbstractFormatError(ValueError):
    """The abstract JSON does not have the expected shape."""


def parse_abstract(data) -> Abstract:
    """An Abstract from the JSON contract: codes with or without dots, any case.

    {"pdx": {"code": "I50.23", "poa": "Y"}, "sdx": [{"code": "N18.4", "poa": "Y"}],
     "admit_dx": "R06.02", "procedures": [{"code": "02703DZ", "date": "2026-11-12"}]}
    """
    if isinstance(data, (str, bytes)):
        try:
            data = json.loads(data)
        except json.JSONDecodeError as exc:
            raise AbstractFormatError(f"not JSON: {exc}") from None
    if not isinstance(data, dict):
        raise AbstractFormatError("an abstract is a JSON object with pdx, sdx, procedures")
    unknown = set(data) - {"pdx", "sdx", "admit_dx", "procedures"}
    if unknown:
        raise AbstractFormatError(f"unknown field(s): {', '.join(sorted(unknown))}")

    def dx(item, where: str) -> Diagnosis:
        if isinstance(item, str):
            return Diagnosis(code_key(item))
        if not isinstance(item, dict) or not isinstance(item.get("code"), str):
            raise AbstractFormatError(f"{where}: expected {{\"code\": ..., \"poa\": ...}}")
        poa = item.get("poa")
        return Diagnosis(code_key(item["code"]), str(poa).upper() if poa is not None else None)

    def px(item, where: str) -> Procedure:
        if isinstance(item, str):
            return Procedure(code_key(item))
        if not isinstance(item, dict) or not isinstance(item.get("code"), str):
            raise AbstractFormatError(f"{where}: expected {{\"code\": ..., \"date\": ...}}")
        return Procedure(code_key(item["code"]), item.get("date"))

    sdx, procs = data.get("sdx") or [], data.get("procedures") or []
    if not isinstance(sdx, list) or not isinstance(procs, list):
        raise AbstractFormatError("sdx and procedures must be lists")
    admit = data.get("admit_dx")
    if isinstance(admit, dict):
        admit = admit.get("code")
    return Abstract(
        pdx=dx(data["pdx"], "pdx") if data.get("pdx") else None,
        sdx=[dx(item, f"sdx[{i}]") for i, item in enumerate(sdx)],
        admit_dx=code_key(admit) if isinstance(admit, str) and admit.strip() else None,
        procedures=[px(item, f"procedures[{i}]") for i, item in enumerate(procs)],
    )


def fiscal_year_of(day: date) -> int:
    """The code-set fiscal year of a discharge: October 1 to September 30."""
    return day.year + (1 if day.month >= 10 else 0)


def validate(abstract: Abstract, ref: Reference, discharge: date | None = None) -> list[str]:
    """Every reason the abstract cannot be committed, one line each (empty: it can).

    With a discharge date, codes are also checked against that fiscal year's
    code set when it is installed (imported): a code deleted or not yet valid
    on that date is flagged.
    """
    problems: list[str] = []
    if abstract.pdx is None:
        problems.append("no principal diagnosis")
    for label, d in [("principal diagnosis", abstract.pdx)] + [(f"secondary diagnosis {i}", d) for i, d in enumerate(abstract.sdx, 1)]:
        if d is None:
            continue
        problems += _code_problems(ref, "cm", d.code, label)
        if d.poa is None:
            problems.append(f"{label} {display_cm(d.code)}: no POA indicator")
        elif d.poa not in POA_VALUES:
            problems.append(f"{label} {display_cm(d.code)}: POA {d.poa!r} is not one of {', '.join(POA_VALUES)}")
    if abstract.admit_dx:
        problems += _code_problems(ref, "cm", abstract.admit_dx, "admitting diagnosis")
    for i, p in enumerate(abstract.procedures, 1):
        problems += _code_problems(ref, "pcs", p.code, f"procedure {i}")
        if p.date is not None and not _is_date(p.date):
            problems.append(f"procedure {i} {p.code}: date {p.date!r} is not YYYY-MM-DD")
    if len(abstract.sdx) > MAX_SECONDARY:
        problems.append(f"{len(abstract.sdx)} secondary diagnoses; at most {MAX_SECONDARY}")
    if len(abstract.procedures) > MAX_PROCEDURES:
        problems.append(f"{len(abstract.procedures)} procedures; at most {MAX_PROCEDURES}")
    if discharge is not None:
        problems += _year_problems(abstract, ref, fiscal_year_of(discharge))
    seen: set[str] = set()
    for d in abstract.diagnoses():
        if d.code in seen:
            problems.append(f"diagnosis {display_cm(d.code)} is listed twice")
        seen.add(d.code)
    seen_px: set[tuple[str, str | None]] = set()
    for p in abstract.procedures:
        if (p.code, p.date) in seen_px:
            problems.append(f"procedure {p.code} on {p.date or 'the same date'} is listed twice")
        seen_px.add((p.code, p.date))
    return problems


def not_valid_in_year(abstract: Abstract, ref: Reference, year: int) -> list[str]:
    """Codes (as displayed) outside `year`'s code set, for each system whose code set for that year is installed."""
    checks = [("cm", d.code) for d in abstract.diagnoses()] + ([("cm", abstract.admit_dx)] if abstract.admit_dx else [])
    checks += [("pcs", p.code) for p in abstract.procedures]
    installed = {system: year in ref.installed_years(system) for system in ("cm", "pcs")}
    return [display_cm(key) if system == "cm" else key for system, key in checks
            if installed[system] and not ref.valid_in(system, key, year)]


def _year_problems(abstract: Abstract, ref: Reference, year: int) -> list[str]:
    return [f"{code}: not a valid code for FY{year} discharges" for code in not_valid_in_year(abstract, ref, year)]


def _code_problems(ref: Reference, system: str, key: str, label: str) -> list[str]:
    shown = display_cm(key) if system == "cm" else key
    found = ref.code(system, key)
    if found is None or found.kind in ("chapter", "block"):
        kind = "ICD-10-CM" if system == "cm" else "ICD-10-PCS"
        return [f"{label} {shown}: not an {kind} code"]
    if found.needs_seventh:
        return [f"{label} {shown}: needs a 7th character"]
    if not found.billable:
        return [f"{label} {shown}: a header, not a billable code; choose a more specific code"]
    return []


def _is_date(text: str) -> bool:
    try:
        date.fromisoformat(text)
    except (TypeError, ValueError):
        return False
    return len(text) == 10
