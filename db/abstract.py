"""The coded abstract of one stay: principal and secondary diagnoses with POA,
external cause codes in their own section, admitting diagnosis, procedures with
dates and operating physicians (the first is the principal procedure); parsing
and the code-level commit checks (db.abstract_checks adds the encounter's).

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
MAX_EXTERNAL = 12  # the 837I's external cause of injury slots
MAX_PROCEDURES = 25


def is_external(code: str) -> bool:
    """ICD-10-CM chapter 20, external causes of morbidity (V00-Y99): never a principal diagnosis."""
    return code[:1] in ("V", "W", "X", "Y")


@dataclass
class Diagnosis:
    code: str
    poa: str | None = None


@dataclass
class Procedure:
    code: str
    date: str | None = None
    physician: str | None = None  # the operating physician


@dataclass
class Abstract:
    pdx: Diagnosis | None = None
    sdx: list[Diagnosis] = field(default_factory=list)
    admit_dx: str | None = None
    procedures: list[Procedure] = field(default_factory=list)
    external: list[Diagnosis] = field(default_factory=list)  # external cause codes, after the secondaries

    def diagnoses(self) -> list[Diagnosis]:
        """Every diagnosis in claim order: principal, secondaries, external causes."""
        return ([self.pdx] if self.pdx else []) + self.sdx + self.external

    def to_dict(self) -> dict:
        return asdict(self)

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), sort_keys=True)

    def is_empty(self) -> bool:
        return not (self.pdx or self.sdx or self.external or self.admit_dx or self.procedures)

    # -- editing, as the chart screen does it ------------------------------
    # Diagnoses form one sequence, principal first; procedures another.
    # Each edit raises AbstractEditError with a message for the coder.

    def has_diagnosis(self, code: str) -> bool:
        return any(d.code == code for d in self.diagnoses())

    def post_principal(self, code: str, poa: str | None = None) -> None:
        """Make `code` the principal diagnosis; the old principal becomes the first secondary."""
        if is_external(code):
            raise AbstractEditError(f"{display_cm(code)} is an external cause code: never the principal diagnosis")
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
        """Add a secondary diagnosis (an external cause code goes to its own section)."""
        if self.has_diagnosis(code):
            raise AbstractEditError(f"{display_cm(code)} is already on the abstract")
        if is_external(code):
            if len(self.external) >= MAX_EXTERNAL:
                raise AbstractEditError(f"at most {MAX_EXTERNAL} external cause codes")
            self.external.append(Diagnosis(code, poa))
            return
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
        """Move diagnosis `index` (0 = principal) up or down within its section; returns its new index."""
        coded = len(self.diagnoses()) - len(self.external)
        if index >= coded:  # external causes move among themselves
            moved = _swap(self.external, index - coded, step)
            return coded + moved
        seq = self.diagnoses()[:coded]
        moved = _swap(seq, index, step)
        self.pdx, self.sdx = seq[0], seq[1:]
        return moved

    def move_procedure(self, index: int, step: int) -> int:
        return _swap(self.procedures, index, step)

    def make_principal_procedure(self, index: int) -> None:
        """The principal procedure is the first: the one most related to the principal diagnosis."""
        self.procedures.insert(0, self.procedures.pop(index))

    def delete_diagnosis(self, index: int) -> None:
        coded = len(self.diagnoses()) - len(self.external)
        if index >= coded:
            del self.external[index - coded]
            return
        seq = self.diagnoses()[:coded]
        del seq[index]
        self.pdx, self.sdx = (seq[0], seq[1:]) if seq else (None, [])

    def set_poa(self, index: int, poa: str) -> None:
        if poa not in POA_VALUES:
            raise AbstractEditError(f"POA must be one of {', '.join(POA_VALUES)}")
        self.diagnoses()[index].poa = poa

    def _check_size(self) -> None:
        if len(self.sdx) > MAX_SECONDARY:
            raise AbstractEditError(f"at most {MAX_SECONDARY} secondary diagnoses")


def _swap(items: list, index: int, step: int) -> int:
    """Move items[index] by `step` places if it stays in the list; returns where it is."""
    to = index + step
    if not (0 <= index < len(items) and 0 <= to < len(items)):
        return index
    items[index], items[to] = items[to], items[index]
    return to


class AbstractEditError(ValueError):
    """An edit the abstract cannot take; the message is for the coder."""


class AbstractFormatError(ValueError):
    """The abstract JSON does not have the expected shape."""


def parse_abstract(data) -> Abstract:
    """An Abstract from the JSON contract: codes with or without dots, any case.

    {"pdx": {"code": "I50.23", "poa": "Y"}, "sdx": [{"code": "N18.4", "poa": "Y"}],
     "external": [{"code": "W19.XXXA", "poa": "Y"}], "admit_dx": "R06.02",
     "procedures": [{"code": "02703DZ", "date": "2026-11-12", "physician": "Dr. A"}]}

    External cause codes listed among the secondaries move to their own section.
    """
    if isinstance(data, (str, bytes)):
        try:
            data = json.loads(data)
        except json.JSONDecodeError as exc:
            raise AbstractFormatError(f"not JSON: {exc}") from None
    if not isinstance(data, dict):
        raise AbstractFormatError("an abstract is a JSON object with pdx, sdx, procedures")
    unknown = set(data) - {"pdx", "sdx", "external", "admit_dx", "procedures"}
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
        physician = str(item.get("physician") or "").strip()
        return Procedure(code_key(item["code"]), item.get("date"), physician or None)

    sdx, external, procs = data.get("sdx") or [], data.get("external") or [], data.get("procedures") or []
    if not all(isinstance(x, list) for x in (sdx, external, procs)):
        raise AbstractFormatError("sdx, external and procedures must be lists")
    admit = data.get("admit_dx")
    if isinstance(admit, dict):
        admit = admit.get("code")
    secondary = [dx(item, f"sdx[{i}]") for i, item in enumerate(sdx)]
    return Abstract(
        pdx=dx(data["pdx"], "pdx") if data.get("pdx") else None,
        sdx=[d for d in secondary if not is_external(d.code)],
        admit_dx=code_key(admit) if isinstance(admit, str) and admit.strip() else None,
        procedures=[px(item, f"procedures[{i}]") for i, item in enumerate(procs)],
        external=[dx(item, f"external[{i}]") for i, item in enumerate(external)]
        + [d for d in secondary if is_external(d.code)],
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
    if abstract.pdx and is_external(abstract.pdx.code):
        problems.append(f"principal diagnosis {display_cm(abstract.pdx.code)}: an external cause code is never principal")
    for label, d in labelled_diagnoses(abstract):
        problems += _code_problems(ref, "cm", d.code, label)
        if d.poa is None:
            problems.append(f"{label} {display_cm(d.code)}: no POA indicator")
        elif d.poa not in POA_VALUES:
            problems.append(f"{label} {display_cm(d.code)}: POA {d.poa!r} is not one of {', '.join(POA_VALUES)}")
    if abstract.admit_dx:
        problems += _code_problems(ref, "cm", abstract.admit_dx, "admitting diagnosis")
    for i, p in enumerate(abstract.procedures, 1):
        problems += _code_problems(ref, "pcs", p.code, f"procedure {i}")
        if p.date is not None and not is_date(p.date):
            problems.append(f"procedure {i} {p.code}: date {p.date!r} is not YYYY-MM-DD")
    if len(abstract.sdx) > MAX_SECONDARY:
        problems.append(f"{len(abstract.sdx)} secondary diagnoses; at most {MAX_SECONDARY}")
    if len(abstract.external) > MAX_EXTERNAL:
        problems.append(f"{len(abstract.external)} external cause codes; at most {MAX_EXTERNAL}")
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


def labelled_diagnoses(abstract: Abstract) -> list[tuple[str, Diagnosis]]:
    """Each diagnosis with the name a coder knows it by in a message."""
    return ([("principal diagnosis", abstract.pdx)] if abstract.pdx else []) \
        + [(f"secondary diagnosis {i}", d) for i, d in enumerate(abstract.sdx, 1)] \
        + [(f"external cause {i}", d) for i, d in enumerate(abstract.external, 1)]


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


def is_date(text: str) -> bool:
    """Whether `text` is a calendar date written YYYY-MM-DD."""
    try:
        date.fromisoformat(text)
    except (TypeError, ValueError):
        return False
    return len(text) == 10
