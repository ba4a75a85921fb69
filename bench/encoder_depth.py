"""Encoder depth: importing a full fiscal year of CMS files, search with the
Alphabetic Index in the mix, and the PCS builder's steps.

    python -m bench.encoder_depth [--shared ../shared/cms]
"""

from __future__ import annotations

import random
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

from bench.search_cases import load_cases, typing_prefixes
from db.codeset_import import import_codesets
from db.pcs_builder import step
from db.reference import Reference, open_reference
from db.search import search

FILES = ("icd10c-tabular-April-1-2026.xml", "icd-10-cm-eindex-2025.xml", "icd-10-cm-neoplasm-2025.xml",
         "icd-10-cm-drug-2025.xml", "icd10pcs_tables_2025.xml", "icd10pcs_index_2025.xml",
         "icd10pcs_definitions_2025.xml", "table5_fy2026.txt")


def pct(values, p):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


def main() -> int:
    shared = Path(sys.argv[sys.argv.index("--shared") + 1]) if "--shared" in sys.argv else \
        Path(__file__).resolve().parents[2] / "shared" / "cms"
    if not shared.exists():
        print(f"{shared} not found: the real CMS files are needed")
        return 1
    base = open_reference()
    with tempfile.TemporaryDirectory() as tmp:
        target = Path(tmp) / "reference.sqlite"
        shutil.copy(base.path, target)
        files = [shared / name for name in FILES]
        size = sum(f.stat().st_size for f in files) / 1e6
        started = time.perf_counter()
        imported, report = import_codesets(target, files)
        elapsed = time.perf_counter() - started
        print(f"import of {len(imported)} CMS files ({size:.1f} MB: tabular, external cause index, neoplasm and drug "
              f"tables, PCS tables, index and definitions, Table 5), validation and rebuild: {elapsed:.1f} s")
        ref = Reference(target)
        cases = load_cases()
        work = [(c.system, q) for c in cases for q in (*typing_prefixes(c.query), c.query)]
        work += [("cm", q) for q in ("accident automobile", "bare foot water skiier", "struck by airbag",
                                     "fall from ladder", "dog bite", "burn hot water")]
        for system, q in work[:200]:
            search(q, system, 50, ref=ref)
        timings = []
        for system, q in work:
            t = time.perf_counter()
            search(q, system, 50, ref=ref)
            timings.append((time.perf_counter() - t) * 1000)
        print(f"search with the index (n={len(timings)}): median {statistics.median(timings):.2f} ms, "
              f"p95 {pct(timings, 95):.2f} ms, p99 {pct(timings, 99):.2f} ms")
        rng = random.Random(5)
        steps = []
        for _ in range(300):
            prefix = ""
            while len(prefix) < 7:
                t = time.perf_counter()
                found = step(ref, prefix)
                steps.append((time.perf_counter() - t) * 1000)
                prefix += rng.choice(found.choices).char
        print(f"PCS builder step (n={len(steps)}, random walks to a full code): median "
              f"{statistics.median(steps):.3f} ms, p95 {pct(steps, 95):.3f} ms, max {max(steps):.3f} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
