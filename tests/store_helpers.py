"""Building small stores for tests: synthetic records without the demo scenarios."""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path

from db.importer import import_files
from db.store import Store

MANAGER = "manager1"


def record_json(n: int, **overrides) -> dict:
    discharge = date(2026, 11, 1) + timedelta(days=n % 20)
    data = {
        "account": f"T{n:05d}", "mrn": f"M{n:05d}", "patient_name": f"Zztest, Patient{n}",
        "birth_date": "1950-03-04", "sex": "F" if n % 2 else "M",
        # every stay holds 2026-11-01, the procedure date of GOOD_ABSTRACT
        "admit_date": min(discharge - timedelta(days=3), date(2026, 11, 1)).isoformat(),
        "discharge_date": discharge.isoformat(),
        "admission_type": "1", "point_of_origin": "1", "discharge_disposition": "01",
        "payer": "Medicare", "attending": "Dr. Ada Example", "service_line": "Cardiology",
        "total_charges": 10000 + n, "priority": 0,
        "documents": [{"type": "discharge summary", "author": "Dr. Ada Example", "written_at": "2026-11-02T14:00",
                       "text": f"Synthetic discharge summary {n}: acute on chronic heart failure."}],
    }
    data.update(overrides)
    return data


def make_store(path: Path, records: int = 10, coders=("alice", "bob"), **record_overrides) -> Store:
    store = Store.open(path, create_as=MANAGER)
    for name in coders:
        store.add_coder(MANAGER, name)
    if records:
        src = path.with_suffix(".jsonl")
        src.write_text("\n".join(json.dumps(record_json(n, **record_overrides)) for n in range(1, records + 1)))
        (report,) = import_files(store, MANAGER, [src])
        assert report.ok, report.errors
    return store


GOOD_ABSTRACT = {"pdx": {"code": "I50.23", "poa": "Y"}, "sdx": [{"code": "N18.4", "poa": "Y"}],
                 "procedures": [{"code": "02703DZ", "date": "2026-11-01"}]}
