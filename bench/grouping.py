"""Grouping latency: regroup with weights and edits, and regroup plus the full
what-if, over 1,000+ synthetic charts of realistic size (8 secondary
diagnoses, 1-2 procedures where the scenario has them).

    python -m bench.grouping
"""

from __future__ import annotations

import random
import statistics
import sys
import time
from datetime import date, timedelta

from db.abstract import parse_abstract
from db.demo_scenarios import SCENARIOS
from db.grouping import Stay, default_grouper
from db.reference import open_reference

# common inpatient comorbidities to fill charts up to 8 secondary diagnoses
COMORBIDITIES = ["I10", "E78.5", "E11.9", "Z79.01", "F17.210", "Z87.891", "E87.1", "D64.9", "K21.9", "G47.33",
                 "E66.9", "N18.30", "I48.91", "J44.9", "F32.A", "E03.9", "M19.90", "Z79.4", "E87.6", "I25.10",
                 "N40.0", "G89.29", "Z95.5", "E55.9", "D69.6"]
CHARTS = 1200


def charts(rng: random.Random):
    for n in range(CHARTS):
        s = SCENARIOS[n % len(SCENARIOS)]
        sdx = [c for c, _ in s.sdx]
        for extra in rng.sample(COMORBIDITIES, len(COMORBIDITIES)):
            if len(sdx) >= 8:
                break
            if extra not in sdx and extra != s.pdx[0]:
                sdx.append(extra)
        procs = [c for c, _ in s.procedures][:2]
        abstract = parse_abstract({"pdx": {"code": s.pdx[0], "poa": "Y"},
                                   "sdx": [{"code": c, "poa": rng.choice("YYYYN")} for c in sdx],
                                   "procedures": [{"code": p} for p in procs]})
        stay = Stay(rng.randint(*s.ages), rng.choice(s.sexes), rng.choice(s.dispositions),
                    date(2026, 10, 1) + timedelta(days=rng.randint(0, 150)))
        yield abstract, stay


def pct(values, p):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


def main() -> int:
    grouper = default_grouper(open_reference())
    work = list(charts(random.Random(7)))
    for abstract, stay in work[:100]:
        grouper.group(abstract, stay)
    for label, what_if in (("regroup with weights and edits", False), ("regroup + full what-if", True)):
        timings = []
        for abstract, stay in work:
            t = time.perf_counter()
            grouper.group(abstract, stay, base_rate=6500, what_if=what_if)
            timings.append((time.perf_counter() - t) * 1000)
        print(f"{label:<32} n={len(timings)}  median {statistics.median(timings):.3f} ms  p95 {pct(timings, 95):.3f} ms"
              f"  p99 {pct(timings, 99):.3f} ms")
    sizes = [len(a.sdx) for a, _ in work]
    print(f"charts: {len(work)}, secondary diagnoses per chart: median {statistics.median(sizes)}, "
          f"procedures: {sum(len(a.procedures) for a, _ in work) / len(work):.2f} per chart")
    return 0


if __name__ == "__main__":
    sys.exit(main())
