"""Importing records: JSONL, CSV, FHIR R4; all-or-nothing per file; clear reasons."""

import base64
import json
from pathlib import Path

import pytest

from db.importer import import_files
from db.records import documents, get_record, queue_counts
from tests.conftest import run_cli
from tests.store_helpers import MANAGER, make_store, record_json

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture
def store(tmp_path):
    s = make_store(tmp_path / "store.sqlite", records=0)
    yield s
    s.close()


def jsonl(tmp_path, rows, name="in.jsonl"):
    path = tmp_path / name
    path.write_text("\n".join(r if isinstance(r, str) else json.dumps(r) for r in rows) + "\n")
    return path


def test_jsonl_imports_records_with_documents(store, tmp_path):
    (report,) = import_files(store, MANAGER, [jsonl(tmp_path, [record_json(1), record_json(2)])])
    assert report.ok and report.imported == 2
    r = get_record(store, "T00001")
    assert (r.sex, r.discharge_disposition, r.status, r.total_charges) == ("F", "01", "ready", 10001.0)
    assert documents(store, r.id)[0].doc_type == "discharge summary"


def test_existing_accounts_are_skipped_or_updated(store, tmp_path):
    import_files(store, MANAGER, [jsonl(tmp_path, [record_json(1)])])
    changed = record_json(1, payer="Medicaid")
    (skip,) = import_files(store, MANAGER, [jsonl(tmp_path, [changed, record_json(2)], "b.jsonl")])
    assert skip.skipped == ["T00001"] and skip.imported == 1
    assert get_record(store, "T00001").payer == "Medicare"
    (upd,) = import_files(store, MANAGER, [jsonl(tmp_path, [changed], "c.jsonl")], update=True)
    assert upd.updated == 1 and get_record(store, "T00001").payer == "Medicaid"


@pytest.mark.parametrize(
    "bad, message",
    [
        ('{"account": "T9", "mrn": ', "not valid JSON"),
        (record_json(9, account=""), "missing account"),
        (record_json(9, admit_date="2026-02-30"), "admit_date '2026-02-30' is not a date"),
        (record_json(9, admit_date="2026-11-20", discharge_date="2026-11-01"), "is before admit date"),
        (record_json(9, sex="X"), "sex 'X' is not M, F or U"),
        (record_json(9, discharge_disposition="99"), "discharge_disposition '99' is not a UB-04 code"),
        (record_json(9, total_charges="lots"), "is not a number"),
        (record_json(9, documents=[{"type": "note", "text": "x" * 5_000_000}]), "5.0 MB of text"),
        ("[1, 2]", "expected a JSON object"),
    ],
)
def test_each_malformed_record_rejects_the_whole_file(store, tmp_path, bad, message):
    path = jsonl(tmp_path, [record_json(1), bad, record_json(3)])
    (report,) = import_files(store, MANAGER, [path])
    assert not report.ok
    assert any(line == 2 and message in text for line, text in report.errors), report.errors
    assert queue_counts(store)["ready"] == 0  # nothing from that file


def test_duplicate_account_in_one_file(store, tmp_path):
    (report,) = import_files(store, MANAGER, [jsonl(tmp_path, [record_json(1), record_json(1)])])
    assert report.errors == [(2, "account T00001 appears twice in this file (first on line 1)")]


def test_escape_sequences_in_a_document_are_stored_verbatim_never_echoed(store, tmp_path):
    evil = "Discharge summary \x1b[2J\x1b]0;owned\x07 [bold red]markup[/] end"
    path = jsonl(tmp_path, [record_json(1, documents=[{"type": "note", "text": evil}])])
    (report,) = import_files(store, MANAGER, [path])
    assert report.ok
    assert documents(store, get_record(store, "T00001").id)[0].text == evil
    bad = jsonl(tmp_path, [record_json(2, patient_name="Zz\x1b[31mred", documents=[{"type": "n", "text": "t"}])], "b.jsonl")
    result = run_cli("import", str(bad), "--db", str(store.path), env={"USER": MANAGER, "LOGNAME": MANAGER})
    assert b"\x1b" not in result.stdout + result.stderr
    assert b"control characters" in result.stderr


def test_csv_with_a_document_column_and_a_folder(store, tmp_path):
    header = "account,mrn,patient_name,birth_date,sex,admit_date,discharge_date,admission_type,point_of_origin," \
             "discharge_disposition,payer,total_charges,document_text\n"
    path = tmp_path / "in.csv"
    path.write_text(header
                    + 'C1,M1,"Zztest, Csv",1960-01-01,M,2026-11-01,2026-11-04,1,1,01,Medicare,1234.5,"Summary, with comma"\n'
                    + 'C2,M2,"Zztest, Csv2",1961-01-01,F,2026-11-02,2026-11-05,3,2,06,Commercial,99,\n')
    folder = tmp_path / "docs"
    (folder / "C2").mkdir(parents=True)
    (folder / "C2" / "operative_note.txt").write_text("Operative note text")
    (folder / "C2__discharge_summary.txt").write_text("Discharge summary text")
    (report,) = import_files(store, MANAGER, [path], documents_dir=folder)
    assert report.ok and report.imported == 2, report.errors
    assert documents(store, get_record(store, "C1").id)[0].text == "Summary, with comma"
    assert sorted(d.doc_type for d in documents(store, get_record(store, "C2").id)) == ["discharge summary", "operative note"]


def test_csv_reports_the_file_line(store, tmp_path):
    path = tmp_path / "bad.csv"
    path.write_text("account,mrn,patient_name,birth_date,sex,admit_date,discharge_date,discharge_disposition\n"
                    "C1,M1,Zz,1960-01-01,M,2026-11-01,2026-11-04,01\n"
                    "C2,M2,Zz,1960-01-01,Q,2026-11-01,2026-11-04,01\n")
    (report,) = import_files(store, MANAGER, [path])
    assert report.errors == [(3, "sex 'Q' is not M, F or U")]


def test_fhir_bundle(store):
    (report,) = import_files(store, MANAGER, [FIXTURES / "fhir_bundle.json"])
    assert report.ok and report.imported == 2, report.errors
    r = get_record(store, "FHIR-ACCT-001")
    assert (r.mrn, r.patient_name, r.sex, r.birth_date) == ("FHIR-MRN-001", "Zztest, Fhirella", "F", "1948-07-15")
    assert (r.admit_date, r.discharge_date, r.admission_type, r.discharge_disposition) == ("2026-11-01", "2026-11-05", "1", "06")
    assert (r.attending, r.service_line) == ("Dr. Ada Example", "Pulmonology")
    (doc,) = documents(store, r.id)
    assert doc.doc_type == "Discharge summary" and "pneumonia" in doc.text
    # the second encounter has no disposition: imported with a warning
    assert get_record(store, "e-2").discharge_disposition == "01"
    assert any("no discharge disposition" in w for _, w in report.warnings)


def test_fhir_broken_base64_rejects_the_file(store, tmp_path):
    bundle = json.loads((FIXTURES / "fhir_bundle.json").read_text())
    bundle["entry"][2]["resource"]["content"][0]["attachment"]["data"] = "not base64!!"
    path = tmp_path / "broken.json"
    path.write_text(json.dumps(bundle))
    (report,) = import_files(store, MANAGER, [path])
    assert any("not valid base64" in m for _, m in report.errors)
    assert queue_counts(store)["ready"] == 0


def test_fhir_document_size_limit(store, tmp_path):
    bundle = json.loads((FIXTURES / "fhir_bundle.json").read_text())
    bundle["entry"][2]["resource"]["content"][0]["attachment"]["data"] = base64.b64encode(b"x" * 5_000_000).decode()
    path = tmp_path / "big.json"
    path.write_text(json.dumps(bundle))
    (report,) = import_files(store, MANAGER, [path])
    assert any("5.0 MB" in m for _, m in report.errors)


def test_unknown_file_kind_and_non_utf8(store, tmp_path):
    odd = tmp_path / "x.txt"
    odd.write_text("hello")
    binary = tmp_path / "y.jsonl"
    binary.write_bytes(b"\xff\xfe\x00")
    r1, r2 = import_files(store, MANAGER, [odd, binary])
    assert "not a JSONL, CSV or FHIR Bundle" in r1.errors[0][1]
    assert "not UTF-8" in r2.errors[0][1]


def test_progress_is_reported(store, tmp_path):
    seen = []
    import_files(store, MANAGER, [jsonl(tmp_path, [record_json(n) for n in range(1, 251)])],
                 progress=lambda done, total: seen.append((done, total)))
    assert seen[-1] == (250, 250) and len(seen) == 3
