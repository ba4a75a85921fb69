"""A demo store: synthetic inpatient stays generated from the clinical
scenarios in `db.demo_scenarios`, with an answer key per record.

Patients are obviously fictional (surname "Zztest", as hospitals name test
patients) and dates are relative to today, so the queue always looks current.
"""

from __future__ import annotations

import json
import random
import time
from collections.abc import Callable
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

from db.demo_scenarios import SCENARIOS, Scenario
from db.importer import check_document, write_record
from db.store import Store

FIRST_NAMES = (
    "Avery Blair Casey Dana Ellis Finley Gray Harper Indigo Jules Kai Lane Morgan Noel Oakley Parker Quinn Reese "
    "Sawyer Tatum Umber Vale Wren Yael Zephyr Marigold Clover Juniper Rowan Sage"
).split()
SURNAME = "Zztest"
PHYSICIANS = ("Dr. Ada Example", "Dr. Ben Sample", "Dr. Cleo Mockwell", "Dr. Dev Placeholder", "Dr. Eve Fictive",
              "Dr. Faye Testwood")
SURGEONS = ("Dr. Gil Scalpelton", "Dr. Hana Suture", "Dr. Ivo Clampwell", "Dr. Jo Retractor")


def create_demo_store(path: Path, creator: str, records: int = 200, *, replace: bool = False, seed: int = 2026,
                      clock: Callable[[], float] = time.time,
                      progress: Callable[[int, int], None] | None = None) -> Store:
    """Create a store at `path` holding `records` synthetic stays; `creator` becomes its manager."""
    if replace:
        for suffix in ("", "-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
    store = Store.open(path, create_as=creator, clock=clock)
    rng = random.Random(seed)
    today = datetime.fromtimestamp(clock(), timezone.utc).date()
    with store.write() as w:
        for n in range(1, records + 1):
            scenario = SCENARIOS[(n - 1) % len(SCENARIOS)]
            fields, docs, expected = demo_stay(scenario, n, rng, today)
            record_id = write_record(store, w, creator, fields, docs, None, source="demo")
            store.con.execute("INSERT INTO answer_key VALUES (?, ?, ?)", (record_id, scenario.key, expected))
            if progress and (n % 50 == 0 or n == records):
                progress(n, records)
    return store


def demo_stay(s: Scenario, n: int, rng: random.Random, today: date) -> tuple[dict, list[dict], str]:
    """One synthetic stay: record fields, documents and the answer key (JSON)."""
    sex = rng.choice(s.sexes)
    age = rng.randint(*s.ages)
    los = rng.randint(*s.los)
    discharge = today - timedelta(days=rng.randint(0, 35))
    admit = discharge - timedelta(days=los)
    born = admit - timedelta(days=age * 365 + rng.randint(10, 350))
    charges = round(rng.uniform(*s.charges), 2)
    days_waiting = (today - discharge).days
    first = rng.choice(FIRST_NAMES)
    attending = rng.choice(PHYSICIANS)
    surgeon = rng.choice(SURGEONS)
    proc_dates = [(code, (admit + timedelta(days=min(offset, los))).isoformat()) for code, offset in s.procedures]
    fields = {
        "account": f"DEMO{n:06d}",
        "mrn": f"DM{100000 + n * 7:06d}",
        "patient_name": f"{SURNAME}, {first}",
        "birth_date": born.isoformat(),
        "sex": sex,
        "admit_date": admit.isoformat(),
        "discharge_date": discharge.isoformat(),
        "admission_type": s.admission_type,
        "point_of_origin": s.point_of_origin,
        "discharge_disposition": rng.choice(s.dispositions),
        "payer": rng.choice(s.payers),
        "attending": attending,
        "service_line": s.service_line,
        "total_charges": charges,
        "priority": 2 if charges >= 100_000 else 1 if days_waiting > 14 else 0,
    }
    words = {
        "patient": f"{first} {SURNAME}", "age": age, "sex_word": {"M": "man", "F": "woman"}[sex],
        "he_she": {"M": "he", "F": "she"}[sex], "his_her": {"M": "his", "F": "her"}[sex],
        "admit_date": admit.isoformat(), "discharge_date": discharge.isoformat(), "los": los,
        "attending": attending, "surgeon": surgeon, "mrn": fields["mrn"],
        "procedure_date": proc_dates[0][1] if proc_dates else admit.isoformat(),
    }
    docs = [{"type": "discharge summary", "author": attending, "written_at": f"{discharge.isoformat()}T14:00",
             "text": s.summary.format(**words)}]
    if s.op_note:
        docs.insert(0, {"type": "operative note", "author": surgeon, "written_at": f"{words['procedure_date']}T11:30",
                        "text": s.op_note.format(**words)})
    docs = [check_document(d) for d in docs]
    expected = json.dumps({
        "pdx": {"code": s.pdx[0], "poa": s.pdx[1]},
        "sdx": [{"code": c, "poa": p} for c, p in s.sdx],
        "procedures": [{"code": c, "date": d} for c, d in proc_dates],
    })
    return fields, docs, expected
