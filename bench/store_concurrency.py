"""Concurrent coders on one store: 2, 8 and 32 processes claim and commit
until the queue is empty. Prints commits per second, p50/p99 commit latency
and lock errors that reached a caller.

Two loads: "stress", where every process claims and commits back to back
with no time between (each commit queues behind every other process's
claim and commit), and "paced", where each process spends an exponentially
distributed 100 ms "coding" between claim and commit (32 processes then
offer about 300 charts/s; a real team of 32 commits a few charts a minute).

    python -m bench.store_concurrency [--records-per-process 25]
"""

from __future__ import annotations

import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from db.reference import open_reference
from tests.store_helpers import GOOD_ABSTRACT, make_store

WORKER = """
import json, random, sys, time
from db import queue
from db.abstract import parse_abstract
from db.reference import open_reference
from db.store import Store
path, codes, coder, think = sys.argv[1:4] + [float(sys.argv[5])]
store, ref = Store.open(path), open_reference(codes)
abstract = parse_abstract(json.loads(sys.argv[4]))
timings, errors = [], []
queue.validate(abstract, ref)  # warm: the first lookups read the reference database from disk
sys.stdin.readline()  # every process is loaded: go
while True:
    try:
        claimed = queue.claim_next(store, coder)
        if claimed is None:
            break
        if think:
            time.sleep(random.expovariate(1 / think))
        t = time.perf_counter()
        queue.commit(store, coder, claimed.id, abstract, ref, claimed.version)
        timings.append(time.perf_counter() - t)
    except Exception as exc:
        errors.append(repr(exc))
print(json.dumps({"timings": timings, "errors": errors}))
"""


def pct(values, p):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


def run(processes: int, per_process: int, codes: Path, think: float) -> str:
    with tempfile.TemporaryDirectory() as tmp:
        store = make_store(Path(tmp) / "store.sqlite", records=processes * per_process,
                           coders=[f"coder{i}" for i in range(processes)])
        store.close()
        procs = [subprocess.Popen([sys.executable, "-c", WORKER, str(Path(tmp) / "store.sqlite"), str(codes),
                                   f"coder{i}", json.dumps(GOOD_ABSTRACT), str(think)],
                                  stdin=subprocess.PIPE, stdout=subprocess.PIPE)
                 for i in range(processes)]
        time.sleep(2 + processes * 0.15)  # let every process import and open the store before the start
        started = time.perf_counter()
        for p in procs:
            p.stdin.write(b"go\n")
            p.stdin.flush()
        timings, errors = [], []
        for p in procs:
            out = json.loads(p.communicate()[0])
            timings += out["timings"]
            errors += out["errors"]
        wall = time.perf_counter() - started
    ms = [t * 1000 for t in timings]
    locked = sum("locked" in e or "busy" in e for e in errors)
    return (f"{processes:>3} processes  {len(ms):>5} commits  {len(ms) / wall:7.1f} commits/s (wall {wall:5.1f} s)"
            f"  p50 {statistics.median(ms):6.2f} ms  p99 {pct(ms, 99):6.2f} ms  "
            f"max {max(ms):6.2f} ms  lock errors {locked}  other errors {len(errors) - locked}")


def main() -> int:
    per_process = int(sys.argv[sys.argv.index("--records-per-process") + 1]) if "--records-per-process" in sys.argv else 25
    codes = open_reference().path
    for label, think in (("stress", 0.0), ("paced", 0.1)):
        print(f"{label}:")
        for n in (2, 8, 32):
            print(run(n, per_process, codes, think), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
