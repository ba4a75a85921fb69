"""Search quality on the evaluation set: recall@1/5/10 and MRR per kind,
against a naive baseline (rapidfuzz WRatio over every title) in the same run.

    python bench/search_quality.py [--misses]
"""

from __future__ import annotations

import sys
import time
from collections import defaultdict

from rapidfuzz import fuzz, process

from bench.search_cases import load_cases
from db.reference import open_reference
from db.search import search

K = (1, 5, 10)


def rank_of(case, codes: list[str]) -> int | None:
    for i, code in enumerate(codes, 1):
        if case.hit(code):
            return i
    return None


def summarize(ranks: dict[str, list[int | None]]) -> list[str]:
    lines = [f"{'kind':<13}{'n':>4}  " + "  ".join(f"R@{k:<3}" for k in K) + "   MRR"]
    every = [r for rs in ranks.values() for r in rs]
    for kind, rs in [*sorted(ranks.items()), ("all", every)]:
        recall = [sum(1 for r in rs if r is not None and r <= k) / len(rs) for k in K]
        mrr = sum(1 / r for r in rs if r) / len(rs)
        lines.append(f"{kind:<13}{len(rs):>4}  " + "  ".join(f"{x:.3f}" for x in recall) + f"  {mrr:.3f}")
    return lines


def main() -> int:
    show_misses = "--misses" in sys.argv
    ref = open_reference()
    cases = load_cases()
    missing = [c.expected for c in cases for alt in c.expected.split("|")
               if not alt.endswith("*") and not ref.con.execute(
                   "SELECT 1 FROM codes WHERE display = ?", (alt,)).fetchone()]
    if missing:
        print(f"expected codes not in the code set: {missing}")
        return 1
    titles = {
        s: ref.con.execute("SELECT display, title FROM codes WHERE system = ? AND kind IN ('category', 'code')", (s,)).fetchall()
        for s in ("cm", "pcs")
    }
    ours: dict[str, list] = defaultdict(list)
    naive: dict[str, list] = defaultdict(list)
    started = time.perf_counter()
    for case in cases:
        found = [r.code for r in search(case.query, case.system, 10, ref=ref)]
        r = rank_of(case, found)
        ours[case.kind].append(r)
        if show_misses and (r is None or r > 5):
            print(f"  miss {case.kind:<12} {case.query!r:<50} want {case.expected:<12} got {found[:5]}")
    ours_s = time.perf_counter() - started
    started = time.perf_counter()
    for case in cases:
        choices = {d: t for d, t in titles[case.system]}
        best = process.extract(case.query, choices, scorer=fuzz.WRatio, limit=10)
        naive[case.kind].append(rank_of(case, [key for _t, _s, key in best]))
    naive_s = time.perf_counter() - started
    print(f"{len(cases)} cases\n\nChartKey search ({ours_s / len(cases) * 1000:.2f} ms/query)")
    print("\n".join(summarize(ours)))
    print(f"\nNaive baseline: rapidfuzz WRatio over every title ({naive_s / len(cases) * 1000:.0f} ms/query)")
    print("\n".join(summarize(naive)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
