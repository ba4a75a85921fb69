"""Many coder processes on one store: no double claims, no lost commits, no lock errors;
a process killed mid-commit leaves the store whole."""

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time

from db.records import queue_counts
from db.store import Store
from tests.conftest import ROOT
from tests.store_helpers import GOOD_ABSTRACT, MANAGER, make_store

WORKER = """
import json, sys
from db import queue
from db.abstract import parse_abstract
from db.reference import open_reference
from db.store import Store
path, codes, coder = sys.argv[1:4]
store, ref = Store.open(path), open_reference(codes)
abstract = parse_abstract(json.loads(sys.argv[4]))
while True:
    try:
        claimed = queue.claim_next(store, coder)
        if claimed is None:
            break
        queue.commit(store, coder, claimed.id, abstract, ref, claimed.version)
        print(json.dumps({"account": claimed.account}), flush=True)
    except Exception as exc:
        print(json.dumps({"error": repr(exc)}), flush=True)
        break
"""


def test_eight_processes_claim_and_commit_until_the_queue_is_empty(tmp_path, reference_path):
    records, workers = 96, 8
    store = make_store(tmp_path / "store.sqlite", records=records, coders=[f"coder{i}" for i in range(workers)])
    procs = [
        subprocess.Popen([sys.executable, "-c", WORKER, str(store.path), str(reference_path), f"coder{i}",
                          json.dumps(GOOD_ABSTRACT)], stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=ROOT)
        for i in range(workers)
    ]
    results = []
    for p in procs:
        out, err = p.communicate(timeout=240)
        assert p.returncode == 0, err.decode()
        results += [json.loads(line) for line in out.decode().splitlines()]
    errors = [r["error"] for r in results if "error" in r]
    assert errors == []  # no "database is locked" (or anything else) reached a caller
    committed = [r["account"] for r in results]
    assert len(committed) == records and len(set(committed)) == records
    assert queue_counts(store) == {"ready": 0, "in_progress": 0, "on_hold": 0, "coded": records, "reviewed": 0}
    actions = dict(store.con.execute(
        "SELECT action, COUNT(*) FROM audit WHERE record_id IS NOT NULL GROUP BY action").fetchall())
    assert actions == {"import": records, "claim": records, "commit": records}
    per_record = store.con.execute(
        "SELECT COUNT(DISTINCT record_id), COUNT(DISTINCT coder) FROM audit WHERE action = 'claim'").fetchone()
    assert per_record[0] == records and per_record[1] > 1  # every process took a share


KILLED = """
import sys, time
from db import queue
from db.abstract import parse_abstract
from db.reference import open_reference
from db.store import Store
path, codes = sys.argv[1:3]
store, ref = Store.open(path), open_reference(codes)
claimed = queue.claim_next(store, "alice")
def stall():
    print("in commit", flush=True)
    time.sleep(60)
queue.before_commit = stall
queue.commit(store, "alice", claimed.id, parse_abstract({"pdx": {"code": "I50.9", "poa": "Y"}}), ref)
"""


def test_a_process_killed_mid_commit_leaves_the_store_whole(tmp_path, reference_path):
    store = make_store(tmp_path / "store.sqlite", records=3)
    store.set_setting(MANAGER, "lease_minutes", str(1.5 / 60))  # 1.5 s leases keep the test fast
    child = subprocess.Popen([sys.executable, "-c", KILLED, str(store.path), str(reference_path)],
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=ROOT)
    assert child.stdout.readline().decode().strip() == "in commit"
    os.kill(child.pid, signal.SIGKILL)
    child.wait(timeout=10)
    con = sqlite3.connect(store.path)
    assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert con.execute("SELECT COUNT(*) FROM abstracts").fetchone()[0] == 0  # all or nothing: nothing
    assert con.execute("SELECT COUNT(*) FROM audit WHERE action = 'commit'").fetchone()[0] == 0
    fresh = Store.open(store.path)
    assert queue_counts(fresh)["in_progress"] == 1
    time.sleep(1.6)  # the lease runs out: the record is back in the queue
    assert queue_counts(fresh) == {"ready": 3, "in_progress": 0, "on_hold": 0, "coded": 0, "reviewed": 0}
