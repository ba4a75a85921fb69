"""Exporting committed work for billing and analytics: FHIR R4 Claims, a UB-04
shaped CSV, and JSON lines for the data warehouse.

Only committed abstracts leave the store (status coded or reviewed; never a
draft, never a chart returned for rework), in a stable order: commit time,
then account. Every export writes an audit row saying who exported what.

FHIR choices, each valid R4 (4.0.1):
- Patient and Encounter are full entries of the collection Bundle, referenced
  by their urn:uuid fullUrl (the Claim reaches its Encounter through
  Claim.item.encounter, R4 Claim having no encounter element); ids are stable
  UUIDs from the MRN and the account, so exports of the same charts agree.
- POA: the CMS code system (Y, N, U, W, 1), as HL7 Terminology and CARIN Blue
  Button use it; HL7's example system has no "1" (exempt from POA reporting).
- The MS-DRG is Claim.diagnosis.packageCode on the principal diagnosis, with
  the grouper version as the Coding version.
"""

from __future__ import annotations

import csv
import io
import json
import uuid
from dataclasses import asdict

from db.abstract import MAX_PROCEDURES, MAX_SECONDARY
from db.records import Record, get_record
from db.reference import Reference
from db.reports import Committed, committed_work
from db.store import Store, current_user, now_iso
from db.textnorm import display_cm

ICD10CM = "http://hl7.org/fhir/sid/icd-10-cm"
ICD10PCS = "http://www.cms.gov/Medicare/Coding/ICD10"
POA_SYSTEM = "https://www.cms.gov/Medicare/Medicare-Fee-for-Service-Payment/HospitalAcqCond/Coding"
MS_DRG = "https://www.cms.gov/Medicare/Medicare-Fee-for-Service-Payment/AcuteInpatientPPS/MS-DRG-Classifications-and-Software"
DIAGNOSIS_TYPE = "http://terminology.hl7.org/CodeSystem/ex-diagnosistype"
PROCEDURE_TYPE = "http://terminology.hl7.org/CodeSystem/ex-procedure-type"
NUBC = "https://www.nubc.org/CodeSystem/"
ACCOUNT_SYSTEM = "urn:chartkey:account"
FACILITY = "ChartKey Demonstration Hospital (synthetic)"
_IDS = uuid.uuid5(uuid.NAMESPACE_URL, "urn:chartkey")
_PRIORITY = {"1": "EM", "2": "UR", "3": "EL"}  # UB-04 admission type -> v3 ActPriority, as db.importer reads it
_SEX = {"M": "male", "F": "female", "U": "unknown"}

# UB-04 paper form: 17 other diagnoses (FL67A-Q) and 5 other procedures (FL74a-e);
# the electronic claim (837I) takes the rest, so the CSV has room for all of them.
PAPER_OTHER_DIAGNOSES = 17
PAPER_OTHER_PROCEDURES = 5
PAPER_EXTERNAL_CAUSES = 3  # FL72 a-c


def _work(store: Store, since: str | None, actor: str | None) -> tuple[str, list[tuple[Committed, Record]]]:
    actor = actor or current_user()
    store.require_coder(actor)
    return actor, [(c, get_record(store, c.record_id)) for c in committed_work(store, since)]


def _audit(store: Store, actor: str, fmt: str, count: int, since: str | None) -> None:
    with store.write() as w:
        w.audit(actor, "export", None, None, {"format": fmt, "count": count, "since": since})


# -- FHIR ------------------------------------------------------------------------

def export_fhir(store: Store, ref: Reference, since: str | None = None, *, actor: str | None = None) -> dict:
    """A FHIR R4 collection Bundle: per committed chart a Claim, with its Patient
    (once per MRN) and Encounter. `since` is a date or an ISO timestamp of commit."""
    actor, work = _work(store, since, actor)
    entries, patients = [], set()
    for c, record in work:
        patient_url, encounter_url = _urn("Patient", record.mrn), _urn("Encounter", record.account)
        if patient_url not in patients:
            patients.add(patient_url)
            entries.append({"fullUrl": patient_url, "resource": _patient(record, patient_url)})
        entries.append({"fullUrl": encounter_url, "resource": _encounter(record, encounter_url, patient_url)})
        claim_url = _urn("Claim", record.account)
        entries.append({"fullUrl": claim_url, "resource": _claim(c, record, ref, claim_url, patient_url, encounter_url)})
    bundle = {"resourceType": "Bundle", "type": "collection", "timestamp": now_iso(store.clock), "entry": entries}
    _audit(store, actor, "fhir", len(work), since)
    return bundle


def _urn(kind: str, key: str) -> str:
    return f"urn:uuid:{uuid.uuid5(_IDS, f'{kind}/{key}')}"


def _coding(system: str, code: str, display: str | None = None) -> dict:
    return {"system": system, "code": code, **({"display": display} if display else {})}


def _patient(r: Record, url: str) -> dict:
    family, _, given = r.patient_name.partition(",")
    name = {"family": family.strip(), **({"given": given.split()} if given.strip() else {})}
    return {"resourceType": "Patient", "id": url.rsplit(":", 1)[1],
            "identifier": [{"type": {"coding": [_coding("http://terminology.hl7.org/CodeSystem/v2-0203", "MR")]},
                            "value": r.mrn}],
            "name": [name], "gender": _SEX.get(r.sex, "unknown"), "birthDate": r.birth_date}


def _encounter(r: Record, url: str, patient_url: str) -> dict:
    encounter = {
        "resourceType": "Encounter", "id": url.rsplit(":", 1)[1],
        "identifier": [{"system": ACCOUNT_SYSTEM, "value": r.account}], "status": "finished",
        "class": _coding("http://terminology.hl7.org/CodeSystem/v3-ActCode", "IMP", "inpatient encounter"),
        "subject": {"reference": patient_url}, "period": {"start": r.admit_date, "end": r.discharge_date},
        "hospitalization": {
            "admitSource": {"coding": [_coding(NUBC + "PointOfOrigin", r.point_of_origin)]},
            "dischargeDisposition": {"coding": [_coding(NUBC + "PatDischargeStatus", r.discharge_disposition)]},
        },
    }
    if r.admission_type in _PRIORITY:
        encounter["priority"] = {"coding": [_coding("http://terminology.hl7.org/CodeSystem/v3-ActPriority",
                                                    _PRIORITY[r.admission_type])]}
    if r.service_line:
        encounter["serviceType"] = {"text": r.service_line}
    if r.attending:
        encounter["participant"] = [{"type": [{"coding": [_coding(
            "http://terminology.hl7.org/CodeSystem/v3-ParticipationType", "ATND", "attender")]}],
            "individual": {"display": r.attending}}]
    return encounter


def _claim(c: Committed, r: Record, ref: Reference, url: str, patient_url: str, encounter_url: str) -> dict:
    a = c.abstract()
    diagnoses = []
    first_external = len(a.diagnoses()) - len(a.external)
    for i, d in enumerate(a.diagnoses()):
        entry = {"sequence": len(diagnoses) + 1,
                 "diagnosisCodeableConcept": {"coding": [_coding(ICD10CM, display_cm(d.code), _title(ref, "cm", d.code))]},
                 "type": [{"coding": [_coding(DIAGNOSIS_TYPE, "principal" if i == 0 else "secondary")]}]}
        if i >= first_external:
            entry["type"].append({"text": "external cause of injury"})
        if d.poa:
            entry["onAdmission"] = {"coding": [_coding(POA_SYSTEM, d.poa)]}
        if i == 0 and c.drg:
            version = c.grouper_version
            entry["packageCode"] = {"coding": [{
                **_coding(MS_DRG, c.drg["drg"], c.drg.get("title") or None),
                **({"version": f"{version // 10}.{version % 10}"} if version else {})}]}
        diagnoses.append(entry)
    if a.admit_dx:
        diagnoses.append({"sequence": len(diagnoses) + 1,
                          "diagnosisCodeableConcept": {"coding": [
                              _coding(ICD10CM, display_cm(a.admit_dx), _title(ref, "cm", a.admit_dx))]},
                          "type": [{"coding": [_coding(DIAGNOSIS_TYPE, "admitting")]}]})
    procedures = []
    for i, p in enumerate(a.procedures):
        entry = {"sequence": i + 1, "type": [{"coding": [_coding(PROCEDURE_TYPE, "primary" if i == 0 else "secondary")]}],
                 "procedureCodeableConcept": {"coding": [_coding(ICD10PCS, p.code, _title(ref, "pcs", p.code))]}}
        if p.date:
            entry["date"] = p.date
        procedures.append(entry)
    money = {"value": round(r.total_charges, 2), "currency": "USD"}
    item = {"sequence": 1,
            "revenue": {"coding": [_coding(NUBC + "RevenueCodes", "0001", "Total charge")]},
            "productOrService": {"text": "Inpatient stay"},
            "servicedPeriod": {"start": r.admit_date, "end": r.discharge_date}, "net": money,
            "encounter": [{"reference": encounter_url}],
            "diagnosisSequence": [d["sequence"] for d in diagnoses]}
    if procedures:
        item["procedureSequence"] = [p["sequence"] for p in procedures]
    payer = r.payer or "Unknown payer"
    claim = {
        "resourceType": "Claim", "id": url.rsplit(":", 1)[1],
        "identifier": [{"system": ACCOUNT_SYSTEM, "value": r.account}],
        "status": "active",
        "type": {"coding": [_coding("http://terminology.hl7.org/CodeSystem/claim-type", "institutional")]},
        "use": "claim", "patient": {"reference": patient_url},
        "billablePeriod": {"start": r.admit_date, "end": r.discharge_date},
        "created": c.committed_at, "provider": {"display": FACILITY}, "insurer": {"display": payer},
        "priority": {"coding": [_coding("http://terminology.hl7.org/CodeSystem/processpriority", "normal")]},
        "diagnosis": diagnoses,
        "insurance": [{"sequence": 1, "focal": True, "coverage": {"display": payer}}],
        "item": [item], "total": money,
    }
    if procedures:
        claim["procedure"] = procedures
    return claim


def _title(ref: Reference, system: str, key: str) -> str | None:
    found = ref.code(system, key)
    return found.title if found else None


# -- UB-04 CSV ---------------------------------------------------------------------

def csv_columns() -> list[str]:
    """The CSV header, in UB-04 order: FL3a account, FL8 name, FL3b MRN, FL12 admission
    date, FL6 through date, FL17 status, FL67 principal diagnosis and POA, FL67A-Q
    (and the 837I's further) other diagnoses each with POA, FL69 admitting diagnosis,
    FL72 external causes of injury each with POA, FL74 principal procedure, its date and
    (FL77) operating physician, FL74a-e (and further) other procedures, FL71 DRG."""
    columns = ["account", "patient_name", "mrn", "admit_date", "discharge_date", "disposition",
               "principal_dx", "principal_dx_poa"]
    for n in range(1, MAX_SECONDARY + 1):
        columns += [f"other_dx_{n}", f"other_dx_{n}_poa"]
    columns += ["admitting_dx"]
    for n in range(1, PAPER_EXTERNAL_CAUSES + 1):
        columns += [f"external_cause_{n}", f"external_cause_{n}_poa"]
    columns += ["principal_proc", "principal_proc_date", "operating_physician"]
    for n in range(1, MAX_PROCEDURES):
        columns += [f"other_proc_{n}", f"other_proc_{n}_date"]
    return columns + ["drg"]


def export_csv(store: Store, ref: Reference, since: str | None = None, *,
               actor: str | None = None) -> tuple[str, list[str]]:
    """(CSV text, warnings): one row per committed chart, codes without dots as on the
    claim; a warning for each chart that does not fit on the paper UB-04."""
    actor, work = _work(store, since, actor)
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(csv_columns())
    warnings = []
    for c, r in work:
        a = c.abstract()
        row = [r.account, r.patient_name, r.mrn, r.admit_date, r.discharge_date, r.discharge_disposition,
               a.pdx.code if a.pdx else "", (a.pdx.poa or "") if a.pdx else ""]
        for n in range(MAX_SECONDARY):
            d = a.sdx[n] if n < len(a.sdx) else None
            row += [d.code, d.poa or ""] if d else ["", ""]
        row.append(a.admit_dx or "")
        for n in range(PAPER_EXTERNAL_CAUSES):
            d = a.external[n] if n < len(a.external) else None
            row += [d.code, d.poa or ""] if d else ["", ""]
        first = a.procedures[0] if a.procedures else None
        row += [first.code, first.date or "", first.physician or ""] if first else ["", "", ""]
        for n in range(1, MAX_PROCEDURES):
            p = a.procedures[n] if n < len(a.procedures) else None
            row += [p.code, p.date or ""] if p else ["", ""]
        writer.writerow(row + [c.drg["drg"] if c.drg else ""])
        if len(a.sdx) > PAPER_OTHER_DIAGNOSES:
            warnings.append(f"{r.account}: {len(a.sdx)} other diagnoses; the paper UB-04 has room for "
                            f"{PAPER_OTHER_DIAGNOSES} (FL67A-Q): bill it electronically")
        if len(a.external) > PAPER_EXTERNAL_CAUSES:
            warnings.append(f"{r.account}: {len(a.external)} external cause codes; the UB-04 has room for "
                            f"{PAPER_EXTERNAL_CAUSES} (FL72a-c): the CSV holds the first {PAPER_EXTERNAL_CAUSES}")
        if len(a.procedures) - 1 > PAPER_OTHER_PROCEDURES:
            warnings.append(f"{r.account}: {len(a.procedures) - 1} other procedures; the paper UB-04 has room for "
                            f"{PAPER_OTHER_PROCEDURES} (FL74a-e): bill it electronically")
    _audit(store, actor, "csv", len(work), since)
    return out.getvalue(), warnings


# -- JSON lines --------------------------------------------------------------------

def export_jsonl(store: Store, ref: Reference, since: str | None = None, *, actor: str | None = None) -> str:
    """One JSON object a line per committed chart: the record, the abstract, the DRG
    with its grouper version, and a summary of the chart's audit trail."""
    actor, work = _work(store, since, actor)
    lines = []
    for c, r in work:
        # the coder's comment is an internal note: it never leaves the store
        record = {k: v for k, v in asdict(r).items() if k not in ("lease_holder", "lease_expires", "coder_comment")}
        lines.append(json.dumps({
            "account": r.account, "record": record, "abstract": json.loads(c.content),
            "drg": {**c.drg, "grouper_version": c.grouper_version} if c.drg else None,
            "committed_by": c.coder, "committed_at": c.committed_at, "audit": _audit_summary(store, r.id),
        }, ensure_ascii=False, sort_keys=True))
    _audit(store, actor, "jsonl", len(work), since)
    return "".join(line + "\n" for line in lines)


def _audit_summary(store: Store, record_id: int) -> dict:
    """The coding work on the chart (its import and time records aside): how many
    changes, who made them, the first claim and every commit."""
    with store.read() as con:
        rows = con.execute("SELECT at, coder, action FROM audit WHERE record_id = ?"
                           " AND action NOT IN ('import', 'import_update', 'chart_time') ORDER BY id",
                           (record_id,)).fetchall()
    return {"changes": len(rows), "coders": sorted({who for _, who, _ in rows}),
            "first_claim": next((at for at, _, action in rows if action == "claim"), None),
            "commits": [at for at, _, action in rows if action == "commit"]}
