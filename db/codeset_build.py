"""Build the read-only reference database of code sets.

The database is written to a temporary file beside the target and renamed
over it, so a coder starting at the same moment sees either no database or a
complete one, never half of one. A lock file keeps two processes from
building at once; the second one finds the finished file and uses it.
"""

from __future__ import annotations

import csv
import fcntl
import json
import os
import sqlite3
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from db import sources
from db.table5 import parse_table5
from db.tabular import block_display, read_tabular
from db.textnorm import content_words, core_words, display_cm, words

SCHEMA_VERSION = 4
# Search terms are indexed in three FTS5 tables so that a query reads only
# the postings it needs: ICD-10-CM, the ICD-10-CM 7th-character variants
# (which repeat their header's words up to 16 times), and ICD-10-PCS.
PARTITIONS = {"cm": "fts_cm", "cm7": "fts_cm7", "pcs": "fts_pcs"}
SEVENTH_TRIGGER_DF = 100  # an extension word rarer than this outside variants calls them up

SCHEMA = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE code_systems (
    system TEXT PRIMARY KEY, name TEXT NOT NULL, source TEXT NOT NULL,
    fiscal_year TEXT NOT NULL, codes INTEGER NOT NULL, billable INTEGER NOT NULL);
CREATE TABLE codes (
    system TEXT NOT NULL, code TEXT NOT NULL, display TEXT NOT NULL, kind TEXT NOT NULL,
    title TEXT NOT NULL, billable INTEGER NOT NULL, parent TEXT, needs_seventh INTEGER NOT NULL,
    ord INTEGER NOT NULL, PRIMARY KEY (system, code)) WITHOUT ROWID;
CREATE TABLE notes (
    system TEXT NOT NULL, code TEXT NOT NULL, seq INTEGER NOT NULL, kind TEXT NOT NULL,
    text TEXT NOT NULL, PRIMARY KEY (system, code, seq)) WITHOUT ROWID;
CREATE TABLE seventh_chars (
    code TEXT NOT NULL, char TEXT NOT NULL, meaning TEXT NOT NULL,
    PRIMARY KEY (code, char)) WITHOUT ROWID;
CREATE TABLE expansions (
    term TEXT NOT NULL, expansion TEXT NOT NULL, kind TEXT NOT NULL,
    PRIMARY KEY (term, expansion)) WITHOUT ROWID;
CREATE TABLE drg_weights (
    fiscal_year INTEGER NOT NULL, drg TEXT NOT NULL, mdc TEXT NOT NULL, type TEXT NOT NULL, title TEXT NOT NULL,
    weight REAL, gmlos REAL, amlos REAL, post_acute INTEGER NOT NULL, special_pay INTEGER NOT NULL,
    source TEXT NOT NULL, PRIMARY KEY (fiscal_year, drg)) WITHOUT ROWID;
CREATE TABLE pcs_steps (prefix TEXT PRIMARY KEY, choices TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE vocab (
    word TEXT PRIMARY KEY, cm INTEGER NOT NULL, cm7 INTEGER NOT NULL, pcs INTEGER NOT NULL) WITHOUT ROWID;
CREATE TABLE terms (
    id INTEGER PRIMARY KEY, part TEXT NOT NULL, code TEXT NOT NULL,
    source TEXT NOT NULL, text TEXT NOT NULL, norm TEXT NOT NULL, core TEXT NOT NULL,
    postable INTEGER NOT NULL);
""" + "".join(
    f"CREATE VIRTUAL TABLE {table} USING fts5(text, code, content='',"
    " tokenize='unicode61 remove_diacritics 2', prefix='2 3 4 5');\n"
    for table in PARTITIONS.values()
)


@dataclass(frozen=True)
class BuildReport:
    path: Path
    seconds: float
    counts: dict[str, int]


Progress = Callable[[str], None]


def build_reference(path: Path, progress: Progress | None = None) -> BuildReport:
    """Build the reference database at `path` from the packaged code sets, atomically."""
    say = progress or (lambda _msg: None)
    path.parent.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    tmp = path.with_name(f".{path.name}.{os.getpid()}.building")
    tmp.unlink(missing_ok=True)
    con = sqlite3.connect(tmp)
    try:
        con.executescript("PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF; PRAGMA page_size=8192;")
        con.executescript(SCHEMA)
        counts = _load(con, say)
        say("indexing for search")
        for table in PARTITIONS.values():
            con.execute(f"INSERT INTO {table}({table}) VALUES ('optimize')")
        con.execute("INSERT INTO meta VALUES ('schema_version', ?)", (str(SCHEMA_VERSION),))
        con.execute("INSERT INTO meta VALUES ('built_at', ?)", (time.strftime("%Y-%m-%dT%H:%M:%S%z"),))
        con.commit()
        con.execute("ANALYZE")
        con.execute("VACUUM")
        con.close()
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        con.close()
        tmp.unlink(missing_ok=True)
        raise
    return BuildReport(path, time.perf_counter() - started, counts)


def build_if_missing(path: Path, is_current: Callable[[Path], bool], progress: Progress | None = None) -> bool:
    """Build under a lock unless another process already produced a current file.

    Returns True when this call built the database.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path.with_name(path.name + ".lock"), "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if path.exists() and is_current(path):
            return False
        build_reference(path, progress)
        return True


def _load(con: sqlite3.Connection, say: Progress) -> dict[str, int]:
    vocab: dict[str, Counter[str]] = {part: Counter() for part in PARTITIONS}  # rows containing each word
    terms: list[tuple[str, str, str, str, int, int]] = []  # partition, code, source, text, rank class, ord

    tab_src = sources.cm_tabular()
    say(f"reading ICD-10-CM tabular {tab_src.path.name}")
    tabular = read_tabular(tab_src.path)
    code_rows, note_rows, seventh_rows = [], [], []
    for ord_, e in enumerate(tabular.entries):
        display = {"chapter": e.code, "block": block_display(e.code)}.get(e.kind) or display_cm(e.code)
        code_rows.append(("cm", e.code, display, e.kind, e.title, int(e.billable), e.parent, int(e.needs_seventh), ord_))
        for seq, (kind, text) in enumerate(e.notes):
            note_rows.append(("cm", e.code, seq, kind, text))
        seventh_rows.extend((e.code, c, m) for c, m in e.seventh)
        if e.kind in ("chapter", "block"):
            continue
        # Rank class: codes a coder can post (billable, or a header that only
        # lacks its 7th character) first, other headers next, and the
        # 7th-character variants last: they repeat their header and are only
        # wanted when the query names the encounter ("initial", "sequela").
        rank_class = 2 if e.seventh_variant else 0 if e.billable or e.needs_seventh else 1
        part = "cm7" if e.seventh_variant else "cm"
        terms.append((part, e.code, "title", e.title, rank_class, ord_))
        terms.extend((part, e.code, "inclusion", t, rank_class, ord_) for k, t in e.notes if k == "inclusion")
    con.executemany("INSERT INTO codes VALUES (?,?,?,?,?,?,?,?,?)", code_rows)
    con.executemany("INSERT INTO notes VALUES (?,?,?,?,?)", note_rows)
    con.executemany("INSERT INTO seventh_chars VALUES (?,?,?)", seventh_rows)
    cm_billable = sum(r[5] for r in code_rows)
    con.execute(
        "INSERT INTO code_systems VALUES ('cm', 'ICD-10-CM', ?, ?, ?, ?)",
        (
            f"CDC ICD-10-CM Tabular List {tab_src.path.name} (from {tab_src.package} {tab_src.version})",
            sources.release_label(tab_src.path.name, tabular.version),
            len(code_rows),
            cm_billable,
        ),
    )

    pcs_src = sources.pcs_descriptions()
    say(f"reading ICD-10-PCS descriptions {pcs_src.path.name}")
    with open(pcs_src.path, newline="", encoding="utf-8") as f:
        pcs = [(row[0].strip().upper(), row[1].strip()) for row in csv.reader(f) if len(row) >= 2 and row[0].strip()]
    con.executemany(
        "INSERT INTO codes VALUES ('pcs', ?, ?, 'code', ?, 1, NULL, 0, ?)",
        ((code, code, title, i) for i, (code, title) in enumerate(pcs)),
    )
    terms.extend(("pcs", code, "title", title, 0, i) for i, (code, title) in enumerate(pcs))
    con.executemany("INSERT INTO pcs_steps VALUES (?, ?)", pcs_steps(pcs))
    con.execute(
        "INSERT INTO code_systems VALUES ('pcs', 'ICD-10-PCS', ?, ?, ?, ?)",
        (
            f"{pcs_src.package} {pcs_src.version} package data ({pcs_src.path.parent.name}/{pcs_src.path.name})",
            "fiscal year not stated by the package",
            len(pcs),
            len(pcs),
        ),
    )

    say("indexing terms")
    # Rowids follow a static quality order (rank class, then shorter text,
    # then tabular order), so an FTS query that stops after N rows has
    # already seen the N best candidates.
    terms.sort(key=lambda t: (t[0], t[4], len(t[3]), t[5]))
    rows = []
    for rowid, (part, code, source, text, rank_class, _ord) in enumerate(terms, 1):
        postable = int(rank_class != 1)
        rows.append((rowid, part, code, source, text, content_words(text), core_words(text), postable))
        vocab[part].update(set(words(text)))
    con.executemany("INSERT INTO terms VALUES (?,?,?,?,?,?,?,?)", rows)
    for part, table in PARTITIONS.items():
        con.execute(f"INSERT INTO {table}(rowid, text, code) SELECT id, text, code FROM terms WHERE part = ?", (part,))
    con.execute("INSERT INTO meta VALUES ('seventh_words', ?)", (json.dumps(_seventh_trigger_words(con, seventh_rows)),))
    partition_rows = {part: sum(1 for r in rows if r[1] == part) for part in PARTITIONS}
    con.execute("INSERT INTO meta VALUES ('partition_rows', ?)", (json.dumps(partition_rows),))
    every_word = set().union(*vocab.values())
    con.executemany(
        "INSERT INTO vocab VALUES (?, ?, ?, ?)", ((w, *(vocab[p][w] for p in PARTITIONS)) for w in every_word)
    )

    weights_src = sources.drg_weights()
    say(f"reading MS-DRG weights {weights_src.path.name}")
    year, weights = parse_table5(weights_src.path.read_bytes())
    label = f"CMS Table 5 FY{year} (from {weights_src.package} {weights_src.version})"
    con.executemany(
        "INSERT INTO drg_weights VALUES (?,?,?,?,?,?,?,?,?,?,?)",
        ((year, w.drg, w.mdc, w.type, w.title, w.weight, w.gmlos, w.amlos, int(w.post_acute), int(w.special_pay), label)
         for w in weights),
    )

    abbreviations = load_expansions(sources.ABBREVIATIONS)
    synonyms = load_expansions(sources.SYNONYMS)
    con.executemany("INSERT OR IGNORE INTO expansions VALUES (?, ?, 'abbreviation')", abbreviations)
    con.executemany("INSERT OR IGNORE INTO expansions VALUES (?, ?, 'synonym')", synonyms)
    return {
        "cm_codes": len(code_rows),
        "cm_billable": cm_billable,
        "pcs_codes": len(pcs),
        "terms": len(rows),
        "drg_weights": len(weights),
        "abbreviations": len({a for a, _ in abbreviations}),
        "synonyms": len({a for a, _ in synonyms}),
    }


def pcs_steps(pcs: list[tuple[str, str]], depth: int = 3) -> list[tuple[str, str]]:
    """For each prefix of up to `depth` characters, the next characters with an example title (JSON):
    the PCS builder's first steps would otherwise scan tens of thousands of codes."""
    steps: dict[str, dict[str, str]] = {}
    for code, title in sorted(pcs):
        for n in range(depth + 1):
            steps.setdefault(code[:n], {}).setdefault(code[n], title)
    return [(prefix, json.dumps(choices)) for prefix, choices in steps.items()]


def _seventh_trigger_words(con: sqlite3.Connection, seventh_rows) -> list[str]:
    """Words of 7th-character meanings ("initial", "sequela", "nonunion") that are
    rare outside the variants: a query naming one is after a full 7th-character code."""
    found = set()
    for _code, _char, meaning in seventh_rows:
        for w in words(meaning):
            if len(w) >= 3 and not w.isdigit():
                found.add(w)
    return sorted(
        w for w in found
        if con.execute("SELECT COUNT(*) FROM fts_cm WHERE fts_cm MATCH ?", (f'text : "{w}"',)).fetchone()[0]
        < SEVENTH_TRIGGER_DF
    )


def load_expansions(path: Path) -> list[tuple[str, str]]:
    """(term, expansion) pairs from one of the project's tab-separated data files."""
    pairs = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        term, sep, expansion = line.partition("\t")
        if not sep or not term.strip() or not expansion.strip():
            raise ValueError(f"{path}:{n}: expected TERM<TAB>expansion")
        pairs.append((term.strip(), expansion.strip()))
    return pairs
