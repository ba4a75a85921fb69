"""Exports: FHIR R4 Claims that validate, the UB-04 CSV layout and its paper-form
warnings, JSON lines of committed work only, and the audit of every export.

FHIR validation uses fhir.resources' R4B models: no release of the library
with R4 (4.0.1) models runs on pydantic 2, and the resources used here (Bundle,
Claim, Patient, Encounter) did not change from R4 to R4B.
"""

import csv
import io
import json

import pytest
from fhir.resources.R4B.bundle import Bundle
from pydantic import ValidationError

from db import queue
from db.abstract import parse_abstract
from db.exports import PAPER_OTHER_DIAGNOSES, csv_columns, export_csv, export_fhir, export_jsonl
from db.importer import import_files
from db.records import get_record
from db.review import return_chart
from db.store import NotACoder
from tests.store_helpers import GOOD_ABSTRACT, MANAGER, make_store
from tests.test_reports import coded_store, code, run

# 18 other diagnoses and 6 other procedures: too many for the paper UB-04
SECONDARIES = ["E11.9", "E78.5", "Z79.4", "F17.210", "K21.9", "M19.90", "G47.33", "E66.9", "D64.9", "J44.9", "F32.A",
               "Z95.5", "Z79.01", "I48.91", "E03.9", "G89.29", "R53.83", "Z86.73"]
PROCEDURES = ["02703DZ", "B2111ZZ", "5A1955Z", "0BH17EZ", "30233N1", "4A023N7", "B211YZZ"]


def big_abstract(secondaries: int, procedures: int) -> dict:
    return {"pdx": {"code": "I50.23", "poa": "Y"}, "admit_dx": "R06.02",
            "sdx": [{"code": c, "poa": "Y"} for c in SECONDARIES[:secondaries]],
            "procedures": [{"code": c, "date": "2026-11-0%d" % (i % 3 + 1)} for i, c in enumerate(PROCEDURES[:procedures])]}


@pytest.fixture
def store(tmp_path, ref):
    """The six charts of tests.test_reports, plus: T00007 with a draft only,
    T00008 committed with a procedure, T00009 committed then returned by a reviewer."""
    s = coded_store(tmp_path / "store.sqlite", ref, records=9)
    s.con.execute("UPDATE records SET (mrn, patient_name, sex, birth_date) = (SELECT mrn, patient_name, sex, birth_date"
                  " FROM records WHERE account = 'T00001') WHERE account = 'T00002'")  # one patient, two stays
    claimed = queue.claim(s, "bob", "T00007")
    queue.save_draft(s, "bob", claimed.id, parse_abstract(GOOD_ABSTRACT), claimed.version)
    code(s, ref, "alice", "T00008", GOOD_ABSTRACT, "2026-11-13T10:00:00")
    returned = code(s, ref, "carol", "T00009", GOOD_ABSTRACT, "2026-11-13T11:00:00")
    return_chart(s, "rita", returned, "procedure date")
    yield s
    s.close()


HF_MCC_STORED = {"admit_dx": None, "pdx": {"code": "I5021", "poa": "Y"}, "procedures": [],
                 "sdx": [{"code": "J9601", "poa": "Y"}], "external": []}  # T00001 as stored
COMMITTED = ["T00001", "T00002", "T00003", "T00004", "T00005", "T00006", "T00008"]  # by commit time


def exports_audited(store) -> list[dict]:
    return [json.loads(a) for (a,) in store.con.execute("SELECT after FROM audit WHERE action = 'export' ORDER BY id")]


# -- FHIR ------------------------------------------------------------------------

def test_fhir_bundle_validates_and_holds_one_claim_per_committed_chart(store, ref):
    bundle = export_fhir(store, ref, actor=MANAGER)
    Bundle.model_validate(bundle)
    kinds = [e["resource"]["resourceType"] for e in bundle["entry"]]
    assert bundle["type"] == "collection" and kinds.count("Claim") == 7 and kinds.count("Encounter") == 7
    assert kinds.count("Patient") == 6  # T00001 and T00002 share an MRN
    urls = [e["fullUrl"] for e in bundle["entry"]]
    assert len(set(urls)) == len(urls)
    claims = [e["resource"] for e in bundle["entry"] if e["resource"]["resourceType"] == "Claim"]
    assert [c["identifier"][0]["value"] for c in claims] == COMMITTED
    by_url = {e["fullUrl"]: e["resource"] for e in bundle["entry"]}
    first = claims[0]
    assert (first["status"], first["use"], first["type"]["coding"][0]["code"]) == ("active", "claim", "institutional")
    assert by_url[first["patient"]["reference"]]["identifier"][0]["value"] == "M00001"
    assert by_url[first["item"][0]["encounter"][0]["reference"]]["identifier"][0]["value"] == "T00001"
    pdx, sdx = first["diagnosis"]
    assert pdx["diagnosisCodeableConcept"]["coding"][0] == {
        "system": "http://hl7.org/fhir/sid/icd-10-cm", "code": "I50.21",
        "display": pdx["diagnosisCodeableConcept"]["coding"][0]["display"]}
    assert pdx["type"][0]["coding"][0]["code"] == "principal" and sdx["type"][0]["coding"][0]["code"] == "secondary"
    assert pdx["onAdmission"]["coding"][0]["code"] == "Y"
    drg = pdx["packageCode"]["coding"][0]
    assert (drg["code"], drg["version"]) == ("291", "44.0") and "MS-DRG" in drg["system"]
    assert "packageCode" not in sdx
    assert first["total"] == {"value": 10001.0, "currency": "USD"}
    with_procedure = claims[-1]
    assert with_procedure["procedure"] == [{
        "sequence": 1, "type": [{"coding": [{"system": "http://terminology.hl7.org/CodeSystem/ex-procedure-type",
                                             "code": "primary"}]}],
        "procedureCodeableConcept": {"coding": [{"system": "http://www.cms.gov/Medicare/Coding/ICD10", "code": "02703DZ",
                                                 "display": with_procedure["procedure"][0]["procedureCodeableConcept"]
                                                 ["coding"][0]["display"]}]},
        "date": "2026-11-01"}]


def test_fhir_admitting_diagnosis_and_a_broken_bundle_does_not_validate(store, ref):
    code(store, ref, "bob", "T00007", big_abstract(2, 1), "2026-11-14T10:00:00")
    bundle = export_fhir(store, ref, since="2026-11-14", actor=MANAGER)
    claim = next(e["resource"] for e in bundle["entry"] if e["resource"]["resourceType"] == "Claim")
    assert claim["diagnosis"][-1]["type"][0]["coding"][0]["code"] == "admitting"
    assert claim["diagnosis"][-1]["diagnosisCodeableConcept"]["coding"][0]["code"] == "R06.02"
    Bundle.model_validate(bundle)
    broken = json.loads(json.dumps(bundle))
    del claim["patient"]
    with pytest.raises(ValidationError):
        Bundle.model_validate(bundle)  # Claim.patient is required
    broken_entry = next(e["resource"] for e in broken["entry"] if e["resource"]["resourceType"] == "Claim")
    broken_entry["diagnosis"][0]["sequence"] = 0
    with pytest.raises(ValidationError):
        Bundle.model_validate(broken)  # sequence is a positiveInt


def test_fhir_export_imports_back_as_the_same_stays(store, ref, tmp_path):
    path = tmp_path / "claims.json"
    path.write_text(json.dumps(export_fhir(store, ref, actor=MANAGER)))
    other = make_store(tmp_path / "other.sqlite", records=0)
    (report,) = import_files(other, MANAGER, [path])
    assert report.ok and report.imported == 7, report.errors
    for account in COMMITTED:
        a, b = get_record(store, account), get_record(other, account)
        assert (a.mrn, a.patient_name, a.birth_date, a.sex, a.admit_date, a.discharge_date,
                a.discharge_disposition, a.admission_type, a.point_of_origin, a.attending, a.service_line) == (
            b.mrn, b.patient_name, b.birth_date, b.sex, b.admit_date, b.discharge_date,
            b.discharge_disposition, b.admission_type, b.point_of_origin, b.attending, b.service_line)
    other.close()


# -- CSV ---------------------------------------------------------------------------

def test_csv_layout(store, ref):
    text, warnings = export_csv(store, ref, actor=MANAGER)
    rows = list(csv.reader(io.StringIO(text)))
    header = rows[0]
    assert header[:8] == ["account", "patient_name", "mrn", "admit_date", "discharge_date", "disposition",
                          "principal_dx", "principal_dx_poa"]
    assert header[8:10] == ["other_dx_1", "other_dx_1_poa"] and "other_dx_24_poa" in header
    assert header.index("admitting_dx") == header.index("other_dx_24_poa") + 1
    assert header[-1] == "drg" and header[-3:-1] == ["other_proc_24", "other_proc_24_date"]
    assert header == csv_columns() and all(len(r) == len(header) for r in rows)
    assert [r[0] for r in rows[1:]] == COMMITTED and warnings == []
    first = dict(zip(header, rows[1]))
    assert (first["principal_dx"], first["principal_dx_poa"], first["other_dx_1"], first["other_dx_1_poa"],
            first["other_dx_2"], first["drg"]) == ("I5021", "Y", "J9601", "Y", "", "291")
    last = dict(zip(header, rows[-1]))
    assert (last["principal_proc"], last["principal_proc_date"], last["other_proc_1"]) == ("02703DZ", "2026-11-01", "")


def test_csv_warns_when_the_paper_ub04_is_too_small(store, ref):
    code(store, ref, "bob", "T00007", big_abstract(PAPER_OTHER_DIAGNOSES + 1, 7), "2026-11-14T10:00:00")
    text, warnings = export_csv(store, ref, since="2026-11-14", actor=MANAGER)
    header, row = list(csv.reader(io.StringIO(text)))
    row = dict(zip(header, row))
    assert row["other_dx_18"] == "Z8673" and row["other_dx_18_poa"] == "Y" and row["admitting_dx"] == "R0602"
    assert row["other_proc_6"] == "B211YZZ" and row["other_proc_6_date"] == "2026-11-01"
    assert warnings == [
        "T00007: 18 other diagnoses; the paper UB-04 has room for 17 (FL67A-Q): bill it electronically",
        "T00007: 6 other procedures; the paper UB-04 has room for 5 (FL74a-e): bill it electronically",
    ]


def test_csv_no_warning_at_the_paper_limits(store, ref):
    code(store, ref, "bob", "T00007", big_abstract(PAPER_OTHER_DIAGNOSES, 6), "2026-11-14T10:00:00")
    assert export_csv(store, ref, since="2026-11-14", actor=MANAGER)[1] == []


# -- JSON lines ----------------------------------------------------------------------

def test_jsonl_is_committed_work_only_with_drg_and_audit_summary(store, ref):
    lines = [json.loads(line) for line in export_jsonl(store, ref, actor=MANAGER).splitlines()]
    assert [x["account"] for x in lines] == COMMITTED  # no draft (T00007), no returned chart (T00009)
    first = lines[0]
    assert first["abstract"] == HF_MCC_STORED
    assert first["drg"]["drg"] == "291" and first["drg"]["grouper_version"] == 440 and first["drg"]["weight"] == 1.2838
    assert first["record"]["discharge_date"] == "2026-11-02" and "lease_holder" not in first["record"]
    assert "coder_comment" not in first["record"]  # the coder's own note never leaves the store
    assert first["committed_by"] == "alice" and first["committed_at"] == "2026-11-10T10:00:00.000Z"
    assert first["audit"] == {"changes": 2, "coders": ["alice"], "first_claim": "2026-11-10T10:00:00.000Z",
                              "commits": ["2026-11-10T10:00:00.000Z"]}
    since = [json.loads(line)["account"] for line in export_jsonl(store, ref, "2026-11-12", actor=MANAGER).splitlines()]
    assert since == ["T00005", "T00006", "T00008"]
    later = export_jsonl(store, ref, "2026-11-12T10:30:00.000Z", actor=MANAGER).splitlines()
    assert [json.loads(line)["account"] for line in later] == ["T00006", "T00008"]


# -- audit and access ------------------------------------------------------------------

def test_every_export_is_audited_and_needs_a_coder(store, ref):
    export_csv(store, ref, actor="alice")
    export_jsonl(store, ref, since="2026-11-12", actor="alice")
    export_fhir(store, ref, since="2026-11-30", actor="alice")
    assert exports_audited(store) == [{"format": "csv", "count": 7, "since": None},
                                      {"format": "jsonl", "count": 3, "since": "2026-11-12"},
                                      {"format": "fhir", "count": 0, "since": "2026-11-30"}]
    assert {c for (c,) in store.con.execute("SELECT coder FROM audit WHERE action = 'export'")} == {"alice"}
    with pytest.raises(NotACoder):
        export_csv(store, ref, actor="mallory")
    assert len(exports_audited(store)) == 3


# -- the command -------------------------------------------------------------------------

def test_export_command(store, reference_path, tmp_path, monkeypatch, capsys, ref):
    code(store, ref, "bob", "T00007", big_abstract(PAPER_OTHER_DIAGNOSES + 1, 2), "2026-11-14T10:00:00")
    store.close()
    base = (store.path, reference_path, "alice", "export")
    exit_code, out, err = run(monkeypatch, capsys, *base, "--format", "csv")
    assert exit_code == 0 and out.startswith("account,patient_name,mrn,")
    assert err.strip() == ("chartkey: warning: T00007: 18 other diagnoses; the paper UB-04 has room for 17 "
                           "(FL67A-Q): bill it electronically")
    exit_code, out, _ = run(monkeypatch, capsys, *base, "--format", "jsonl", "--since", "2026-11-13")
    assert exit_code == 0 and [json.loads(line)["account"] for line in out.splitlines()] == ["T00008", "T00007"]
    target = tmp_path / "bundle.json"
    exit_code, out, _ = run(monkeypatch, capsys, *base, "--format", "fhir", "--out", str(target))
    assert exit_code == 0 and out.strip() == f"Exported 8 chart(s) as fhir to {target}."
    Bundle.model_validate(json.loads(target.read_text()))
    assert run(monkeypatch, capsys, *base, "--format", "xml")[0] == 2
    assert run(monkeypatch, capsys, *base)[0] == 2  # --format is required
    exit_code, _, err = run(monkeypatch, capsys, *base, "--format", "csv", "--since", "last week")
    assert exit_code == 2 and "not a date" in err
    exit_code, _, err = run(monkeypatch, capsys, *base, "--format", "csv", "--out", str(tmp_path / "no" / "x.csv"))
    assert exit_code == 1 and "cannot write" in err
