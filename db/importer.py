"""Importing records to code: JSONL, CSV (documents in a column or a folder)
and FHIR R4 Bundles (Patient, Encounter, DocumentReference).

Each file is checked whole before anything is written, then written in one
transaction: a file imports completely or not at all. Problems are reported
with their line (or Bundle entry) and nothing from that file is kept.
Document text is stored exactly as received; showing it safely is the
screen's job.
"""

from __future__ import annotations

import base64
import binascii
import csv
import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from db import ub04
from db.store import Store

MAX_DOCUMENT_BYTES = 1_000_000  # a discharge summary is tens of KB; megabytes mean a wrong file
MAX_FIELD = 200
SEXES = {"M", "F", "U"}
REQUIRED = ("account", "mrn", "patient_name", "birth_date", "sex", "admit_date", "discharge_date")
_FHIR_SEX = {"male": "M", "female": "F", "other": "U", "unknown": "U"}
_FHIR_PRIORITY = {"EM": "1", "UR": "2", "EL": "3", "R": "3"}
_FHIR_DISPOSITION = {"home": "01", "alt-home": "01", "other-hcf": "05", "hosp": "02", "long": "04", "aadvice": "07",
                     "exp": "20", "psy": "65", "rehab": "62", "snf": "03", "oth": "70"}

Progress = Callable[[int, int], None]


@dataclass
class Incoming:
    """One record read from a file, checked, not yet stored."""

    line: int
    fields: dict
    documents: list[dict]


@dataclass
class ImportReport:
    path: Path
    imported: int = 0
    updated: int = 0
    skipped: list[str] = field(default_factory=list)  # existing accounts left alone
    errors: list[tuple[int, str]] = field(default_factory=list)  # (line or entry, message)
    warnings: list[tuple[int, str]] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors


class _Problems(Exception):
    def __init__(self, messages: list[str]):
        self.messages = messages


def import_files(store: Store, actor: str, paths: list[Path], *, update: bool = False,
                 documents_dir: Path | None = None, progress: Progress | None = None) -> list[ImportReport]:
    """Import each file on its own (all or nothing per file); one report per file."""
    store.require_role(actor, "manager", "reviewer")
    return [import_file(store, actor, Path(p), update=update, documents_dir=documents_dir, progress=progress)
            for p in paths]


def import_file(store: Store, actor: str, path: Path, *, update: bool = False,
                documents_dir: Path | None = None, progress: Progress | None = None) -> ImportReport:
    report = ImportReport(path)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        report.errors.append((0, f"cannot read {path}: {exc.strerror}"))
        return report
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        report.errors.append((0, f"not UTF-8 text (byte {exc.start})"))
        return report
    kind = _kind(path, text)
    readers = {"jsonl": _read_jsonl, "csv": lambda t, r: _read_csv(t, r, documents_dir), "fhir": _read_fhir}
    if kind is None:
        report.errors.append((0, "not a JSONL, CSV or FHIR Bundle file (by its name and content)"))
        return report
    incoming = []
    seen: dict[str, int] = {}
    for item in readers[kind](text, report):
        account = item.fields["account"]
        if account in seen:
            report.errors.append((item.line, f"account {account} appears twice in this file (first on line {seen[account]})"))
            continue
        seen[account] = item.line
        incoming.append(item)
    if report.errors:
        return report
    _write(store, actor, path, incoming, report, update, progress)
    return report


def _kind(path: Path, text: str) -> str | None:
    suffix = path.suffix.lower()
    if suffix in (".jsonl", ".ndjson"):
        return "jsonl"
    if suffix == ".csv":
        return "csv"
    if suffix == ".json":
        try:
            head = json.loads(text)
        except json.JSONDecodeError:
            return None
        return "fhir" if isinstance(head, dict) and head.get("resourceType") == "Bundle" else None
    return None


# -- checking one record -----------------------------------------------------

def check_record(data: dict) -> tuple[dict, list[dict]]:
    """The record's columns and documents, or _Problems listing everything wrong with it."""
    problems = []
    fields = {}
    for name in REQUIRED:
        value = data.get(name)
        if value is None or (isinstance(value, str) and not value.strip()):
            problems.append(f"missing {name}")
        else:
            fields[name] = str(value).strip()
    for name in ("account", "mrn", "patient_name", "payer", "attending", "service_line"):
        value = str(data.get(name) or "")
        if len(value) > MAX_FIELD or any(ord(c) < 32 or ord(c) == 127 for c in value):
            problems.append(f"{name} is longer than {MAX_FIELD} characters or holds control characters")
    dates = {}
    for name in ("birth_date", "admit_date", "discharge_date"):
        if name in fields:
            try:
                dates[name] = date.fromisoformat(fields[name][:10])
                fields[name] = dates[name].isoformat()
            except ValueError:
                problems.append(f"{name} {fields[name]!r} is not a date (YYYY-MM-DD)")
    if {"admit_date", "discharge_date"} <= dates.keys() and dates["discharge_date"] < dates["admit_date"]:
        problems.append(f"discharge date {dates['discharge_date']} is before admit date {dates['admit_date']}")
    if {"birth_date", "admit_date"} <= dates.keys() and dates["birth_date"] > dates["admit_date"]:
        problems.append(f"birth date {dates['birth_date']} is after admit date {dates['admit_date']}")
    if "sex" in fields:
        fields["sex"] = fields["sex"].upper()
        if fields["sex"] not in SEXES:
            problems.append(f"sex {data.get('sex')!r} is not M, F or U")
    for name, codes, default in (("admission_type", ub04.ADMISSION_TYPES, "9"),
                                 ("point_of_origin", ub04.POINTS_OF_ORIGIN, "9"),
                                 ("discharge_disposition", ub04.DISCHARGE_DISPOSITIONS, None)):
        value = str(data.get(name) or default or "").strip().upper()
        if name == "discharge_disposition" and value.isdigit():
            value = value.zfill(2)
        if value not in codes:
            problems.append(f"{name} {data.get(name)!r} is not a UB-04 code" if value else f"missing {name}")
        fields[name] = value
    for name in ("payer", "attending", "service_line"):
        fields[name] = str(data.get(name) or "").strip()
    try:
        fields["total_charges"] = round(float(data.get("total_charges") or 0), 2)
        if fields["total_charges"] < 0:
            problems.append("total_charges is negative")
    except (TypeError, ValueError):
        problems.append(f"total_charges {data.get('total_charges')!r} is not a number")
    try:
        fields["priority"] = int(data.get("priority") or 0)
    except (TypeError, ValueError):
        problems.append(f"priority {data.get('priority')!r} is not a whole number")
    docs = data.get("documents") or []
    if not isinstance(docs, list):
        problems.append("documents must be a list")
        docs = []
    checked_docs = []
    for i, doc in enumerate(docs, 1):
        try:
            checked_docs.append(check_document(doc))
        except _Problems as exc:
            problems += [f"document {i}: {m}" for m in exc.messages]
    if problems:
        raise _Problems(problems)
    return fields, checked_docs


def check_document(doc) -> dict:
    if not isinstance(doc, dict) or not isinstance(doc.get("text"), str):
        raise _Problems(["needs a text"])
    text = doc["text"]
    size = len(text.encode("utf-8"))
    if size > MAX_DOCUMENT_BYTES:
        raise _Problems([f"{size / 1e6:.1f} MB of text; documents over {MAX_DOCUMENT_BYTES / 1e6:.0f} MB are refused"])
    if not text.strip():
        raise _Problems(["is empty"])
    return {
        "doc_type": str(doc.get("type") or doc.get("doc_type") or "document").strip()[:MAX_FIELD],
        "author": str(doc.get("author") or "").strip()[:MAX_FIELD],
        "written_at": str(doc.get("written_at") or doc.get("date") or "").strip()[:40],
        "text": text,
    }


def _checked(line: int, data, report: ImportReport) -> Iterator[Incoming]:
    if not isinstance(data, dict):
        report.errors.append((line, "expected a JSON object for one record"))
        return
    try:
        fields, docs = check_record(data)
    except _Problems as exc:
        report.errors += [(line, m) for m in exc.messages]
        return
    yield Incoming(line, fields, docs)


# -- formats -----------------------------------------------------------------

def _read_jsonl(text: str, report: ImportReport) -> Iterator[Incoming]:
    for line_no, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        try:
            data = json.loads(line)
        except json.JSONDecodeError as exc:
            report.errors.append((line_no, f"not valid JSON ({exc.msg} at column {exc.colno})"))
            continue
        yield from _checked(line_no, data, report)


def _read_csv(text: str, report: ImportReport, documents_dir: Path | None) -> Iterator[Incoming]:
    reader = csv.DictReader(text.splitlines(keepends=True))
    if not reader.fieldnames or "account" not in reader.fieldnames:
        report.errors.append((1, "the header row needs at least an account column"))
        return
    for row in reader:
        line_no = reader.line_num
        data = {k: v for k, v in row.items() if k is not None}
        if None in row:
            report.errors.append((line_no, "more values than header columns"))
            continue
        docs = []
        if data.get("document_text"):
            docs.append({"type": data.get("document_type") or "discharge summary", "author": data.get("document_author"),
                         "written_at": data.get("document_date"), "text": data["document_text"]})
        if documents_dir is not None and data.get("account"):
            docs += _folder_documents(documents_dir, data["account"])
        data["documents"] = docs
        yield from _checked(line_no, data, report)


def _folder_documents(folder: Path, account: str) -> list[dict]:
    """Text files for one account: ACCOUNT.txt, ACCOUNT__type.txt, or ACCOUNT/type.txt."""
    found = sorted(folder.glob(f"{account}.txt")) + sorted(folder.glob(f"{account}__*.txt"))
    if (folder / account).is_dir():
        found += sorted((folder / account).glob("*.txt"))
    docs = []
    for path in found:
        stem = path.stem.split("__", 1)[1] if "__" in path.stem else path.stem if path.parent.name == account else "document"
        docs.append({"type": stem.replace("_", " "), "text": path.read_text(encoding="utf-8", errors="replace")})
    return docs


def _read_fhir(text: str, report: ImportReport) -> Iterator[Incoming]:
    bundle = json.loads(text)
    entries = bundle.get("entry") or []
    if not isinstance(entries, list):
        report.errors.append((0, "Bundle.entry must be a list"))
        return
    by_ref: dict[str, dict] = {}
    for entry in entries:
        resource = (entry or {}).get("resource") or {}
        kind, rid = resource.get("resourceType"), resource.get("id")
        if entry.get("fullUrl"):
            by_ref[entry["fullUrl"]] = resource
        if kind and rid:
            by_ref[f"{kind}/{rid}"] = resource
    encounters = [(i, (e or {}).get("resource") or {}) for i, e in enumerate(entries, 1)]
    encounters = [(i, r) for i, r in encounters if r.get("resourceType") == "Encounter"]
    if not encounters:
        report.errors.append((0, "the Bundle holds no Encounter"))
        return
    docs_by_encounter: dict[str, list[tuple[int, dict]]] = {}
    for i, entry in enumerate(entries, 1):
        resource = (entry or {}).get("resource") or {}
        if resource.get("resourceType") != "DocumentReference":
            continue
        refs = [c.get("reference") for c in (resource.get("context") or {}).get("encounter") or []]
        target = refs[0] if refs else None
        if target is None and len(encounters) == 1:
            target = f"Encounter/{encounters[0][1].get('id')}"
        docs_by_encounter.setdefault(_resolve_key(target, by_ref), []).append((i, resource))
    for entry_no, enc in encounters:
        patient = by_ref.get((enc.get("subject") or {}).get("reference", ""), {})
        data = _fhir_record(enc, patient, report, entry_no)
        docs, problems = [], []
        for doc_entry, doc in docs_by_encounter.get(_resolve_key(f"Encounter/{enc.get('id')}", by_ref), []):
            try:
                docs.append(_fhir_document(doc))
            except _Problems as exc:
                problems += [f"DocumentReference (entry {doc_entry}): {m}" for m in exc.messages]
        if problems:
            report.errors += [(entry_no, m) for m in problems]
            continue
        data["documents"] = docs
        yield from _checked(entry_no, data, report)


def _resolve_key(reference: str | None, by_ref: dict[str, dict]) -> str:
    resource = by_ref.get(reference or "")
    if resource:
        return f"{resource.get('resourceType')}/{resource.get('id')}"
    return reference or ""


def _coding(concept: dict | None) -> list[dict]:
    return (concept or {}).get("coding") or []


def _fhir_record(enc: dict, patient: dict, report: ImportReport, entry_no: int) -> dict:
    identifiers = enc.get("identifier") or []
    account = identifiers[0].get("value") if identifiers else enc.get("id")
    mrn = next((i.get("value") for i in patient.get("identifier") or []
                if any(c.get("code") == "MR" for c in _coding(i.get("type")))), None)
    mrn = mrn or next((i.get("value") for i in patient.get("identifier") or []), None) or patient.get("id")
    name = (patient.get("name") or [{}])[0]
    full_name = ", ".join(p for p in (name.get("family"), " ".join(name.get("given") or [])) if p) or name.get("text")
    period = enc.get("period") or {}
    hospitalization = enc.get("hospitalization") or {}
    disposition = None
    for c in _coding(hospitalization.get("dischargeDisposition")):
        code = str(c.get("code") or "")
        disposition = code.zfill(2) if "nubc" in str(c.get("system", "")).lower() else _FHIR_DISPOSITION.get(code, code)
        break
    if disposition is None:
        disposition = "01"
        report.warnings.append((entry_no, f"Encounter {account}: no discharge disposition; 01 (home) assumed"))
    admission_type = next((_FHIR_PRIORITY.get(c.get("code"), "9") for c in _coding(enc.get("priority"))), "9")
    origin = next((str(c.get("code")) for c in _coding(hospitalization.get("admitSource"))
                   if "nubc" in str(c.get("system", "")).lower()), "9")
    attending = next((p.get("individual", {}).get("display") for p in enc.get("participant") or []
                      if any(c.get("code") in ("ATND", "attender") for t in p.get("type") or [] for c in _coding(t))), "")
    service = (enc.get("serviceType") or {}).get("text") or next(
        (t.get("text") or (_coding(t)[0].get("display") if _coding(t) else "") for t in enc.get("type") or []), "")
    return {
        "account": account, "mrn": mrn, "patient_name": full_name, "birth_date": patient.get("birthDate"),
        "sex": _FHIR_SEX.get(patient.get("gender"), "U") if patient else None,
        "admit_date": period.get("start"), "discharge_date": period.get("end"),
        "admission_type": admission_type, "point_of_origin": origin, "discharge_disposition": disposition,
        "attending": attending, "service_line": service,
    }


def _fhir_document(doc: dict) -> dict:
    texts = []
    for content in doc.get("content") or []:
        attachment = content.get("attachment") or {}
        if "data" not in attachment:
            continue
        if not str(attachment.get("contentType", "text/plain")).startswith("text/"):
            raise _Problems([f"content type {attachment.get('contentType')} is not text"])
        try:
            raw = base64.b64decode(attachment["data"], validate=True)
        except (binascii.Error, ValueError):
            raise _Problems(["attachment data is not valid base64"]) from None
        if len(raw) > MAX_DOCUMENT_BYTES:
            raise _Problems([f"{len(raw) / 1e6:.1f} MB of text; documents over {MAX_DOCUMENT_BYTES / 1e6:.0f} MB are refused"])
        try:
            texts.append(raw.decode("utf-8"))
        except UnicodeDecodeError:
            raise _Problems(["attachment text is not UTF-8"]) from None
    if not texts:
        raise _Problems(["no inline text attachment"])
    concept = doc.get("type") or {}
    kind = concept.get("text") or next((c.get("display") for c in _coding(concept)), "document")
    author = next((a.get("display") for a in doc.get("author") or [] if a.get("display")), "")
    return check_document({"type": kind, "author": author, "written_at": doc.get("date"), "text": "\n\n".join(texts)})


# -- writing -----------------------------------------------------------------

def _write(store: Store, actor: str, path: Path, incoming: list[Incoming], report: ImportReport,
           update: bool, progress: Progress | None) -> None:
    with store.write() as w:
        existing = dict(store.con.execute("SELECT account, id FROM records").fetchall())
        for n, item in enumerate(incoming, 1):
            account = item.fields["account"]
            if account in existing and not update:
                report.skipped.append(account)
            else:
                write_record(store, w, actor, item.fields, item.documents, existing.get(account), source=path.name)
                if account in existing:
                    report.updated += 1
                else:
                    report.imported += 1
            if progress and (n % 100 == 0 or n == len(incoming)):
                progress(n, len(incoming))


def write_record(store: Store, w, actor: str, fields: dict, docs: list[dict], existing_id: int | None,
                 source: str) -> int:
    """Insert (or, given an id, replace the data of) one record and its documents, audited."""
    if existing_id is None:
        cur = store.con.execute(
            f"INSERT INTO records ({', '.join(fields)}, change_seq, imported_at) VALUES"
            f" ({', '.join('?' * len(fields))}, ?, ?)",
            (*fields.values(), w.seq, w.at),
        )
        record_id = cur.lastrowid
        before = None
    else:
        record_id = existing_id
        before = dict(zip(fields, store.con.execute(f"SELECT {', '.join(fields)} FROM records WHERE id = ?",
                                                    (record_id,)).fetchone()))
        store.con.execute(
            f"UPDATE records SET {', '.join(f'{k} = ?' for k in fields)}, version = version + 1, change_seq = ?"
            " WHERE id = ?",
            (*fields.values(), w.seq, record_id),
        )
        store.con.execute("DELETE FROM documents WHERE record_id = ?", (record_id,))
    store.db["documents"].insert_all({"record_id": record_id, **d} for d in docs)
    w.audit(actor, "import" if before is None else "import_update", record_id, before,
            {**fields, "documents": len(docs), "source": source})
    return record_id
