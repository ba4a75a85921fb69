"""The coding summary of one chart: the finished abstract as a coding manager or an
auditor reads it (demographics, disposition, every code with its title, POA and
CC/MCC marker, procedures with dates and physicians, the DRG and its payment
estimate, edits and checks, the coder and the time spent), as data and as
printable text laid out like a hospital coding summary.
"""

from __future__ import annotations

import textwrap
from dataclasses import asdict, dataclass, field

from db import ub04
from db.abstract import Abstract, parse_abstract
from db.abstract_checks import check_abstract, patient_conflicts
from db.records import Record, get_record
from db.reference import Reference
from db.store import Store
from db.textnorm import display_cm

WIDTH = 76  # fits an 80-column terminal beside a scroll bar, and a printed page
LABEL = 12  # the label column of the printed summary


@dataclass(frozen=True)
class CodeLine:
    role: str  # PDX, a secondary's number, E1.. for external causes, ADM for the admitting diagnosis
    code: str
    title: str
    poa: str
    severity: str  # MCC, CC, "(MCC)" for one a hospital-acquired condition does not let count, or ""
    hac: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class ProcedureLine:
    role: str  # PX for the principal procedure, then 2, 3 ...
    code: str
    title: str
    date: str
    physician: str
    operating_room: bool


@dataclass(frozen=True)
class Drg:
    drg: str
    title: str
    mdc: str
    mdc_title: str
    type: str
    weight: float | None
    gmlos: float | None
    amlos: float | None
    weight_source: str
    base_rate: float | None
    estimated_payment: float | None
    grouper_version: int
    fiscal_year: int


@dataclass(frozen=True)
class Summary:
    account: str
    mrn: str
    patient_name: str
    birth_date: str
    age: int
    sex: str
    payer: str
    service_line: str
    attending: str
    admission_type: str  # code and name
    point_of_origin: str
    admit_date: str
    admit_hour: str
    discharge_date: str
    discharge_hour: str
    length_of_stay: int
    disposition: str
    state: str  # "committed" or "draft (not committed)"
    coder: str
    committed_at: str
    minutes_on_chart: float
    coder_comment: str
    diagnoses: list[CodeLine]
    procedures: list[ProcedureLine]
    drg: Drg | None
    grouping_message: str  # why there is no DRG
    edits: list[str]  # "level: code: message"
    checks: list[str]

    def to_dict(self) -> dict:
        return asdict(self)


def coding_summary(store: Store, ref: Reference, account: str, grouper=None, base_rate: float | None = None,
                   abstract: Abstract | None = None) -> Summary:
    """The summary of a chart by account: its committed abstract, else its draft; or
    `abstract`, the one a coder has on screen (not committed yet)."""
    from db.grouping import GroupingError, stay_of

    record = get_record(store, account)
    if abstract is None:
        abstract, state, coder, committed_at = _abstract(store, record)
    else:
        state, coder, committed_at = "draft (not committed)", record.lease_holder or "", ""
    result, message = None, ""
    if grouper is not None and abstract.pdx is not None:
        try:
            result = grouper.group(abstract, stay_of(record), base_rate=base_rate, what_if=False)
        except GroupingError as exc:
            message = str(exc)
    elif abstract.pdx is None:
        message = "no principal diagnosis"
    checks = check_abstract(abstract, record, ref, result, grouper)
    checks += patient_conflicts(result) if result else []
    return Summary(
        account=record.account, mrn=record.mrn, patient_name=record.patient_name, birth_date=record.birth_date,
        age=record.age, sex=record.sex, payer=record.payer, service_line=record.service_line,
        attending=record.attending,
        admission_type=_named(record.admission_type, ub04.ADMISSION_TYPES),
        point_of_origin=_named(record.point_of_origin, ub04.NEWBORN_POINTS_OF_ORIGIN if record.admission_type == "4"
                               else ub04.POINTS_OF_ORIGIN),
        admit_date=record.admit_date, admit_hour=record.admit_hour or "", discharge_date=record.discharge_date,
        discharge_hour=record.discharge_hour or "", length_of_stay=record.length_of_stay,
        disposition=_named(record.discharge_disposition, ub04.DISCHARGE_DISPOSITIONS),
        state=state, coder=coder, committed_at=committed_at, minutes_on_chart=_minutes(store, record.id),
        coder_comment=record.coder_comment, diagnoses=_diagnoses(abstract, ref, result),
        procedures=_procedures(abstract, ref, result), drg=_drg(result), grouping_message=message,
        edits=[f"{e.level}: {e.code or 'claim'}: {e.message}" for e in (result.edits if result else [])],
        checks=[f"{c.level}: {c.message}" for c in checks],
    )


def _abstract(store: Store, record: Record) -> tuple[Abstract, str, str, str]:
    """(abstract, state, coder, committed at): the committed abstract of a coded chart, else the draft."""
    with store.read() as con:
        committed = con.execute("SELECT content, committed_by, committed_at FROM abstracts WHERE record_id = ?",
                                (record.id,)).fetchone()
        draft = con.execute("SELECT content, saved_by FROM drafts WHERE record_id = ?", (record.id,)).fetchone()
    if committed and (record.status in ("coded", "reviewed") or draft is None):
        return parse_abstract(committed[0]), "committed", committed[1], committed[2]
    if draft:
        return parse_abstract(draft[0]), "draft (not committed)", draft[1], ""
    return Abstract(), "not coded yet", record.lease_holder or "", ""


def _minutes(store: Store, record_id: int) -> float:
    with store.read() as con:
        seconds = con.execute("SELECT COALESCE(SUM(seconds), 0) FROM chart_time WHERE record_id = ?",
                              (record_id,)).fetchone()[0]
    return round(seconds / 60, 1)


def _named(code: str, names: dict[str, str]) -> str:
    return f"{code} {names.get(code, '(not a UB-04 code)')}"


def _title(ref: Reference, system: str, code: str) -> str:
    found = ref.code(system, code)
    return found.title if found else "(not in the installed code set)"


def _diagnoses(abstract: Abstract, ref: Reference, result) -> list[CodeLine]:
    impacts = {i.code: i for i in result.diagnoses} if result else {}
    coded = len(abstract.diagnoses()) - len(abstract.external)
    lines = []
    for i, d in enumerate(abstract.diagnoses()):
        shown = display_cm(d.code)
        impact = impacts.get(shown)
        # a principal diagnosis is never its own CC/MCC: the marker is for secondaries;
        # in parentheses when a hospital-acquired condition keeps it from counting
        severity = impact.severity if i and impact and impact.severity != "NONE" and not impact.excluded else ""
        if severity and impact.hac:
            severity = f"({severity})"
        role = "PDX" if i == 0 else str(i) if i < coded else f"E{i - coded + 1}"
        lines.append(CodeLine(role, shown, _title(ref, "cm", d.code), d.poa or "", severity,
                              list(impact.hac) if impact else []))
    if abstract.admit_dx:
        lines.append(CodeLine("ADM", display_cm(abstract.admit_dx), _title(ref, "cm", abstract.admit_dx), "", ""))
    return lines


def _procedures(abstract: Abstract, ref: Reference, result) -> list[ProcedureLine]:
    impacts = {(i.code, i.date): i for i in result.procedures} if result else {}
    return [ProcedureLine("PX" if n == 1 else str(n), p.code, _title(ref, "pcs", p.code), p.date or "",
                          p.physician or "", bool(impacts.get((p.code, p.date)) and impacts[(p.code, p.date)].operating_room))
            for n, p in enumerate(abstract.procedures, 1)]


def _drg(result) -> Drg | None:
    if result is None:
        return None
    return Drg(result.drg, result.drg_title, result.mdc, result.mdc_title, result.type, result.weight, result.gmlos,
               result.amlos, result.weight_source, result.base_rate, result.estimated_payment, result.version,
               result.fiscal_year)


# -- printable text -------------------------------------------------------------------

def summary_text(s: Summary, width: int = WIDTH) -> str:
    """The summary laid out for a printer: fixed columns, long values wrapped under themselves."""
    rule, heavy = "-" * width, "=" * width
    out = [heavy, "INPATIENT CODING SUMMARY".center(width).rstrip(), s.state.upper().center(width).rstrip(), heavy]
    out += [
        f"Account     {s.account:<21}MRN         {s.mrn}",
        f"Born        {s.birth_date} ({s.age} y){'':<4}Sex         {s.sex}",
        f"Payer       {s.payer:<21}Service     {s.service_line}",
        f"Admitted    {s.admit_date} {_hour(s.admit_hour):<10}Discharged  {s.discharge_date} "
        f"{_hour(s.discharge_hour):<10} LOS {s.length_of_stay}",
    ]
    for label, value in (("Patient", s.patient_name), ("Attending", s.attending or "(none)"),
                         ("Adm. type", s.admission_type), ("Origin", s.point_of_origin), ("Disposition", s.disposition)):
        out += _field(label, value, width)
    out += [rule, f"{'DIAGNOSES':<62}POA  CC/MCC"]
    for d in s.diagnoses:
        out += _wrapped(f"{d.role:>4} {d.code:<9}", d.title, f"{d.poa:^3}  {d.severity}", width)
        out += [f"{'':14}HAC: {h}" for h in d.hac]
    if not s.diagnoses:
        out.append("     (none)")
    out += [rule, "PROCEDURES       DATE        PHYSICIAN"]
    for p in s.procedures:
        line = f"{p.role:>4} {p.code:<11} {p.date:<11} {p.physician}"
        out.append(f"{line:<{width - 5}} O.R." if p.operating_room else line)
        out += textwrap.wrap(p.title, width, initial_indent=" " * 17, subsequent_indent=" " * 17)
    if not s.procedures:
        out.append("     (none)")
    out.append(rule)
    if s.drg is None:
        out += _field("MS-DRG", f"not grouped: {s.grouping_message}", width)
    else:
        g = s.drg
        weight = f"{g.weight:.4f}" if g.weight is not None else "-"
        out += _field("MS-DRG", f"{g.drg} {g.title}", width)
        out += _field("", f"MDC {g.mdc} {g.mdc_title} ({g.type or '-'})", width)
        out.append(f"{'':{LABEL}}Relative weight {weight}   GMLOS {_days(g.gmlos)}   AMLOS {_days(g.amlos)}")
        out += _field("", f"Weights: {g.weight_source}", width)
        if g.estimated_payment is not None:
            out += _field("", f"Estimated payment ${g.estimated_payment:,.2f} (weight x base rate ${g.base_rate:,.2f}; "
                              "an estimate, not the payment)", width)
        out.append(f"{'':{LABEL}}Grouper MS-DRG v{g.grouper_version // 10}.{g.grouper_version % 10} (FY{g.fiscal_year})")
    out += [rule, "EDITS AND CHECKS"]
    for line in s.edits + s.checks or ["none"]:
        out += textwrap.wrap(line, width, initial_indent="  ", subsequent_indent="    ")
    out += [rule, f"Coder       {s.coder or '-':<21}Time on chart {s.minutes_on_chart:g} min",
            f"Committed   {s.committed_at or '-'}"]
    if s.coder_comment:
        out += _field("Comment", s.coder_comment, width)
    out.append(heavy)
    return "\n".join(line.rstrip() for line in out) + "\n"


def _field(label: str, value: str, width: int) -> list[str]:
    """A label in the first LABEL columns and its value wrapped beside it."""
    return textwrap.wrap(value, width, initial_indent=f"{label:<{LABEL}}", subsequent_indent=" " * LABEL) or [label]


def _wrapped(left: str, title: str, right: str, width: int, right_at: int = 62) -> list[str]:
    """`left`, the title wrapped between it and column `right_at`, then `right` on the first line."""
    room = right_at - len(left) - 1
    parts = textwrap.wrap(title, room) or [""]
    first = f"{left}{parts[0]:<{room}} {right}" if right else f"{left}{parts[0]}"
    return [first[:width]] + [f"{'':{len(left)}}{p}" for p in parts[1:]]


def _hour(hour: str) -> str:
    return "" if not hour else "unknown hr" if hour == "99" else f"{hour}:00"


def _days(value: float | None) -> str:
    return f"{value:g}" if value is not None else "-"
