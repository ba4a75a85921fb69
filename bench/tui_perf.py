"""The TUI in a real pseudo-terminal (pyte reads what the app writes):

- start to a usable work queue, against a bare Textual app in the same run;
- keystroke to updated search results, and bytes written per search keystroke, at 120x36;
- resident memory after coding 3 demo charts;
- keystrokes to code each chart end to end, not counting the letters of search words.

    python -m bench.tui_perf          (needs: pip install -e '.[bench]')
"""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import statistics
import sys
import tempfile
import time
from pathlib import Path

from bench.pty_term import KEYS, Term
from db.demo import create_demo_store
from db.reference import open_reference
from db.search import search
from db.store import current_user

RUNS = 5
COLS, ROWS = 120, 36


def pct(values, p):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


def chartkey_argv(db: Path) -> list[str]:
    return [shutil.which("chartkey") or "chartkey", "--db", str(db)]


def startup(argv, marker: str, env) -> list[float]:
    times = []
    for _ in range(RUNS):
        term = Term(argv, COLS, ROWS, env)
        try:
            times.append(term.wait_for(lambda lines: any(marker in line for line in lines)))
            term.pump(0.2)
        finally:
            term.close()
    return times


def results_top(lines: list[str]) -> str:
    """The first result row of the code search (the right-hand pane)."""
    for i, line in enumerate(lines):
        pane = line.split("│")[-1]
        if " Code " in pane and "Title" in pane:
            return lines[i + 1].split("│")[-1] if i + 1 < len(lines) else ""
    return ""


class Coding:
    def __init__(self, term: Term, ref):
        self.term, self.ref = term, ref
        self.latency: list[float] = []
        self.bytes: list[int] = []
        self.previous_top: str | None = None

    def type_query(self, query: str) -> None:
        """Type a query one key at a time, timing each keystroke until the terminal has been
        sent its new results (the top result's row, or the no-match line); then check the
        screen really shows them."""
        for i in range(1, len(query) + 1):
            prefix = query[:i]
            expected = search(prefix, "all", 50, ref=self.ref)
            want = expected[0].code if expected else None
            self.term.pump(0.05)  # quiet: nothing from the previous keystroke is still arriving
            before = self.term.bytes
            self.term.mark()
            self.term.send(query[i - 1])
            if want == self.previous_top:
                needle = prefix.encode()  # same top result: the update is the echo of the key
            else:
                needle = (f" {want:<9}" if want else "No codes match").encode()
            self.previous_top = want
            try:
                self.latency.append(self.term.wait_for_bytes(needle, timeout=3))
            except TimeoutError:
                self.latency.append(3.0)
            self.term.pump(0.03)
            self.bytes.append(self.term.bytes - before)

    def key(self, name: str, settle: float = 0.05) -> int:
        self.term.send(KEYS.get(name, name))
        self.term.pump(settle)
        return 1


def code_chart(c: Coding, answer: dict) -> int:
    """Code one chart from its answer key; returns the keystrokes used besides search-word letters."""
    keys = 0
    diagnoses = [answer["pdx"]] + answer["sdx"]
    for i, dx in enumerate(diagnoses):
        c.type_query(dx["code"])
        keys += c.key("f3" if i == 0 else "enter", 0.4)
    for px in answer["procedures"]:
        c.type_query(px["code"])
        keys += c.key("enter", 0.4)
    keys += c.key("f8", 0.2)
    for dx in diagnoses:
        keys += c.key(dx["poa"].lower(), 0.15)
    keys += c.key("f10", 0.3)
    c.term.wait_for(lambda lines: any("Commit DEMO" in line for line in lines), timeout=5)
    keys += c.key("y", 0.1)
    return keys


def main() -> int:
    ref = open_reference()
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "demo.sqlite"
        create_demo_store(db, current_user(), 30).close()
        env = {"CHARTKEY_CODES": str(ref.path), "PYTHONDONTWRITEBYTECODE": "1"}
        bare = startup([sys.executable, str(Path(__file__).with_name("bare_app.py"))], "bare app ready", env)
        ours = startup(chartkey_argv(db), "DEMO0000", env)
        print(f"start to usable screen ({RUNS} runs, median): chartkey work queue {statistics.median(ours):.3f} s "
              f"(min {min(ours):.3f}); bare Textual app {statistics.median(bare):.3f} s (min {min(bare):.3f})")

        term = Term(chartkey_argv(db), COLS, ROWS, env)
        bare_term = Term([sys.executable, str(Path(__file__).with_name("bare_app.py"))], COLS, ROWS, env)
        try:
            bare_term.wait_for(lambda lines: any("bare app ready" in line for line in lines))
            term.wait_for(lambda lines: any("DEMO0000" in line for line in lines))
            con = sqlite3.connect(db)
            answers = {acct: json.loads(exp) for acct, exp in con.execute(
                "SELECT r.account, a.expected FROM answer_key a JOIN records r ON r.id = a.record_id")}
            c = Coding(term, ref)
            counts = {}
            c.key("c", 0.1)
            for n in range(3):
                term.wait_for(lambda lines: lines[0].strip().startswith("DEMO"), timeout=10)
                account = term.screen.display[0].split()[0]
                keys = code_chart(c, answers[account])
                counts[account] = keys + (1 if n == 0 else 0)  # the first chart was claimed with "c"
                term.wait_for(lambda lines, a=account: lines[0].strip().startswith("DEMO")
                              and not lines[0].strip().startswith(a), timeout=10)
            term.pump(0.5)
            rss, bare_rss = term.rss_mb(), bare_term.rss_mb()
            parts = {f: term.rss_mb(f) for f in ("RssAnon", "RssFile", "RssShmem")}
        finally:
            term.close()
            bare_term.close()
    lat = [x * 1000 for x in c.latency]
    print(f"keystroke to updated search results at {COLS}x{ROWS}: n={len(lat)} median {statistics.median(lat):.1f} ms "
          f"p95 {pct(lat, 95):.1f} ms p99 {pct(lat, 99):.1f} ms")
    print(f"bytes written per search keystroke: mean {statistics.mean(c.bytes):.0f} B, median "
          f"{statistics.median(c.bytes):.0f} B, p95 {pct(c.bytes, 95):.0f} B")
    print(f"resident memory after coding 3 charts: {rss:.1f} MB ("
          + ", ".join(f"{k} {v:.1f}" for k, v in parts.items()) + f"); bare Textual app: {bare_rss:.1f} MB")
    for account, keys in counts.items():
        print(f"keystrokes to code {account} ({len(answers[account]['sdx']) + 1} diagnoses, "
              f"{len(answers[account]['procedures'])} procedures), not counting search letters: {keys}")
    return 0


if __name__ == "__main__":
    os.environ.setdefault("CHARTKEY_CODES", "")
    sys.exit(main())
