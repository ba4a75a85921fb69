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
from db.codeset_import import ImportedFile
from db.table5 import parse_table5
from db.tabular import block_display, read_tabular
from db.textnorm import content_words, core_words, display_cm, words

SCHEMA_VERSION = 6
# Search terms are indexed in separate FTS5 tables so that a query reads only
# the postings it needs: ICD-10-CM, the ICD-10-CM 7th-character variants
# (which repeat their header's words up to 16 times), ICD-10-PCS, and the
# Alphabetic Index paths of each (when imported).
PARTITIONS = {"cm": "fts_cm", "cm7": "fts_cm7", "pcs": "fts_pcs", "cmindex": "fts_cmindex",
              "pcsindex": "fts_pcsindex"}
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
CREATE TABLE poa_exempt (fiscal_year INTEGER NOT NULL, code TEXT NOT NULL,
    PRIMARY KEY (fiscal_year, code)) WITHOUT ROWID;
CREATE TABLE pcs_steps (prefix TEXT PRIMARY KEY, choices TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE code_years (system TEXT NOT NULL, code TEXT NOT NULL, fiscal_year INTEGER NOT NULL,
    PRIMARY KEY (system, code, fiscal_year)) WITHOUT ROWID;
CREATE TABLE installed (kind TEXT NOT NULL, fiscal_year INTEGER NOT NULL, original TEXT NOT NULL,
    imported_at TEXT NOT NULL);
CREATE TABLE table_heads (kind TEXT PRIMARY KEY, fiscal_year INTEGER NOT NULL, headings TEXT NOT NULL);
CREATE TABLE table_rows (id INTEGER PRIMARY KEY, kind TEXT NOT NULL, path TEXT NOT NULL, cells TEXT NOT NULL,
    see TEXT NOT NULL, norm TEXT NOT NULL);
CREATE VIRTUAL TABLE fts_tables USING fts5(text, content='', tokenize='unicode61 remove_diacritics 2',
    prefix='2 3 4 5');
CREATE TABLE pcs_labels (prefix TEXT NOT NULL, pos INTEGER NOT NULL, char TEXT NOT NULL, label TEXT NOT NULL,
    PRIMARY KEY (prefix, pos, char)) WITHOUT ROWID;
CREATE TABLE pcs_definitions (section TEXT NOT NULL, axis INTEGER NOT NULL, term TEXT NOT NULL,
    definition TEXT NOT NULL, explanation TEXT NOT NULL, PRIMARY KEY (section, axis, term)) WITHOUT ROWID;
CREATE TABLE vocab (word TEXT PRIMARY KEY, """ + ", ".join(f"{p} INTEGER NOT NULL" for p in PARTITIONS) + """)
    WITHOUT ROWID;
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


def build_reference(path: Path, progress: Progress | None = None, imports_folder: Path | None = None) -> BuildReport:
    """Build the reference database at `path` from the packaged code sets and the imported
    CMS files (`imports_folder`, by default the one beside `path`), atomically."""
    from db.codeset_import import imports_dir, read_manifest

    say = progress or (lambda _msg: None)
    folder = imports_folder or imports_dir(path)
    imports = read_manifest(folder)
    path.parent.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    tmp = path.with_name(f".{path.name}.{os.getpid()}.building")
    tmp.unlink(missing_ok=True)
    con = sqlite3.connect(tmp)
    try:
        con.executescript("PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF; PRAGMA page_size=8192;")
        con.executescript(SCHEMA)
        counts = _load(con, say, imports, folder)
        say("indexing for search")
        for table in [*PARTITIONS.values(), "fts_tables"]:
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


class _Terms:
    """Searchable texts collected from every source, indexed at the end of the build."""

    def __init__(self) -> None:
        self.rows: list[tuple[str, str, str, str, int, int]] = []  # partition, code, source, text, rank class, ord

    def add(self, part: str, code: str, source: str, text: str, rank_class: int, order: int,
            core: str | None = None) -> None:
        self.rows.append((part, code, source, text, rank_class, order, core))


def _load(con: sqlite3.Connection, say: Progress, imports: list[ImportedFile], folder: Path | None) -> dict[str, int]:
    """Every table of the reference database: packaged code sets first, imported files on top."""
    terms = _Terms()
    by_kind: dict[str, list[ImportedFile]] = {}
    for item in sorted(imports, key=lambda i: i.fiscal_year):
        by_kind.setdefault(item.kind, []).append(item)

    def newest(kind: str) -> ImportedFile | None:
        return by_kind[kind][-1] if by_kind.get(kind) else None

    counts = _load_cm(con, say, terms, newest("cm_tabular"), folder)
    counts |= _load_pcs(con, say, terms, newest("pcs_order"), newest("pcs_tables"), folder)
    _load_code_years(con, say, by_kind, folder)
    counts |= _load_indexes(con, say, terms, newest("cm_index"), newest("cm_eindex"), newest("pcs_index"), folder)
    _load_tables(con, say, [newest("cm_neoplasm"), newest("cm_drug")], folder)
    _load_pcs_details(con, say, newest("pcs_tables"), newest("pcs_definitions"), folder)
    counts["drg_weights"] = _load_weights(con, say, by_kind.get("table5", []), folder)
    counts["poa_exempt"] = _load_poa_exempt(con, say, by_kind.get("cm_poa_exempt", []), folder)
    counts["terms"] = _index_terms(con, say, terms)
    con.executemany(
        "INSERT INTO installed VALUES (?, ?, ?, ?)",
        ((i.kind, i.fiscal_year, i.original, i.imported_at) for i in imports),
    )
    abbreviations = load_expansions(sources.ABBREVIATIONS)
    synonyms = load_expansions(sources.SYNONYMS)
    con.executemany("INSERT OR IGNORE INTO expansions VALUES (?, ?, 'abbreviation')", abbreviations)
    con.executemany("INSERT OR IGNORE INTO expansions VALUES (?, ?, 'synonym')", synonyms)
    counts["abbreviations"] = len({a for a, _ in abbreviations})
    counts["synonyms"] = len({a for a, _ in synonyms})
    return counts


def _load_cm(con, say: Progress, terms: _Terms, imported: ImportedFile | None, folder: Path | None) -> dict[str, int]:
    """ICD-10-CM from the newest tabular: the packaged one unless an import is newer."""
    tab_src = sources.cm_tabular()
    packaged = read_tabular(tab_src.path)
    if imported and imported.fiscal_year >= int(packaged.version or 0):
        say(f"reading ICD-10-CM tabular {imported.original}")
        tabular = read_tabular(folder / imported.file)
        source = f"CDC ICD-10-CM Tabular List {imported.original} (imported {imported.imported_at})"
        label = sources.release_label(imported.original, tabular.version)
    else:
        say(f"reading ICD-10-CM tabular {tab_src.path.name}")
        tabular = packaged
        source = f"CDC ICD-10-CM Tabular List {tab_src.path.name} (from {tab_src.package} {tab_src.version})"
        label = sources.release_label(tab_src.path.name, tabular.version)
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
        terms.add(part, e.code, "title", e.title, rank_class, ord_)
        for kind, text in e.notes:
            if kind == "inclusion":
                terms.add(part, e.code, "inclusion", text, rank_class, ord_)
    con.executemany("INSERT INTO codes VALUES (?,?,?,?,?,?,?,?,?)", code_rows)
    con.executemany("INSERT INTO notes VALUES (?,?,?,?,?)", note_rows)
    con.executemany("INSERT INTO seventh_chars VALUES (?,?,?)", seventh_rows)
    billable = sum(r[5] for r in code_rows)
    con.execute("INSERT INTO code_systems VALUES ('cm', 'ICD-10-CM', ?, ?, ?, ?)",
                (source, label, len(code_rows), billable))
    con.execute("INSERT INTO meta VALUES ('seventh_words', ?)", (json.dumps(_seventh_trigger_words(seventh_rows, terms)),))
    # the packaged year's codes count as valid for it (an imported year adds its own)
    con.executemany("INSERT OR IGNORE INTO code_years VALUES ('cm', ?, ?)",
                    ((e.code, int(packaged.version)) for e in packaged.entries if e.billable))
    return {"cm_codes": len(code_rows), "cm_billable": billable}


def _load_pcs(con, say: Progress, terms: _Terms, order: ImportedFile | None, tables: ImportedFile | None,
              folder: Path | None) -> dict[str, int]:
    """ICD-10-PCS codes and titles: an imported order file (official long titles), else the
    `drg` package's list, with codes of newer imported tables added under built titles."""
    from db.cms.order_file import read_order_file
    from db.cms.pcs_tables import expand_codes, read_pcs_tables

    if order:
        say(f"reading ICD-10-PCS order file {order.original}")
        pcs = {e.code: e.long_title for e in read_order_file(folder / order.file) if e.billable}
        source, label = f"CMS ICD-10-PCS order file {order.original} (imported {order.imported_at})", f"FY{order.fiscal_year}"
    else:
        src = sources.pcs_descriptions()
        say(f"reading ICD-10-PCS descriptions {src.path.name}")
        with open(src.path, newline="", encoding="utf-8") as f:
            pcs = {row[0].strip().upper(): row[1].strip() for row in csv.reader(f) if len(row) >= 2 and row[0].strip()}
        source = f"{src.package} {src.version} package data ({src.path.parent.name}/{src.path.name})"
        label = "fiscal year not stated by the package"
    if tables and (not order or tables.fiscal_year > order.fiscal_year):
        _, parsed = read_pcs_tables(folder / tables.file)
        added = 0
        for table in parsed:
            for code, title in expand_codes(table):
                if code not in pcs:
                    pcs[code], added = title, added + 1
        if added:
            label += f"; {added:,} codes added from the FY{tables.fiscal_year} tables"
    listed = sorted(pcs.items())
    con.executemany("INSERT INTO codes VALUES ('pcs', ?, ?, 'code', ?, 1, NULL, 0, ?)",
                    ((code, code, title, i) for i, (code, title) in enumerate(listed)))
    for i, (code, title) in enumerate(listed):
        terms.add("pcs", code, "title", title, 0, i)
    con.executemany("INSERT INTO pcs_steps VALUES (?, ?)", pcs_steps(listed))
    con.execute("INSERT INTO code_systems VALUES ('pcs', 'ICD-10-PCS', ?, ?, ?, ?)", (source, label, len(pcs), len(pcs)))
    return {"pcs_codes": len(pcs)}


def _load_code_years(con, say: Progress, by_kind: dict[str, list[ImportedFile]], folder: Path | None) -> None:
    """Which codes each imported fiscal year holds: a code is checked against its discharge's year."""
    from db.cms.order_file import read_order_file
    from db.cms.pcs_tables import expand_codes, read_pcs_tables

    for item in by_kind.get("cm_tabular", []):
        say(f"codes valid in FY{item.fiscal_year}: {item.original}")
        entries = read_tabular(folder / item.file).entries
        con.executemany("INSERT OR IGNORE INTO code_years VALUES ('cm', ?, ?)",
                        ((e.code, item.fiscal_year) for e in entries if e.billable))
    for kind, system in (("cm_order", "cm"), ("pcs_order", "pcs")):
        for item in by_kind.get(kind, []):
            say(f"codes valid in FY{item.fiscal_year}: {item.original}")
            con.executemany("INSERT OR IGNORE INTO code_years VALUES (?, ?, ?)",
                            ((system, e.code, item.fiscal_year) for e in read_order_file(folder / item.file)
                             if e.billable))
    for item in by_kind.get("pcs_tables", []):
        say(f"codes valid in FY{item.fiscal_year}: {item.original}")
        _, parsed = read_pcs_tables(folder / item.file)
        con.executemany("INSERT OR IGNORE INTO code_years VALUES ('pcs', ?, ?)",
                        ((code, item.fiscal_year) for t in parsed for code, _ in expand_codes(t)))


def _load_indexes(con, say: Progress, terms: _Terms, cm_index: ImportedFile | None, eindex: ImportedFile | None,
                  pcs_index: ImportedFile | None, folder: Path | None) -> dict[str, int]:
    """Alphabetic Index paths as search texts: "see" references are followed to their codes."""
    from db.cms.cm_index import read_cm_index
    from db.cms.pcs_index import read_pcs_index

    count = 0
    for item in (cm_index, eindex):
        if item is None:
            continue
        say(f"reading the {'External Cause ' if item is eindex else ''}Index {item.original}")
        _, entries = read_cm_index(folder / item.file)
        coded = {_path_key(e.path): e for e in entries if e.code}
        for i, e in enumerate(entries):
            target = e if e.code else coded.get(_path_key(tuple(_split_see(e.see)))) if e.see else None
            if target is None:
                continue
            label = " > ".join(e.path)
            if e.modifiers:
                label += f" ({', '.join(e.modifiers)})"
            if target is not e:
                label += f" (see {e.see})"
            terms.add("cmindex", target.code, "index", label, 0, i, core=core_words(" ".join(e.path)))
            count += 1
    if pcs_index:
        say(f"reading the ICD-10-PCS Index {pcs_index.original}")
        _, entries = read_pcs_index(folder / pcs_index.file)
        for i, e in enumerate(entries):
            if not e.codes:
                continue
            path = " > ".join(e.path + ((e.see,) if e.see else ()))
            terms.add("pcsindex", e.codes, "index", path, 0, i, core=core_words(" ".join(e.path)))
            count += 1
    return {"index_entries": count}


def _path_key(path: tuple[str, ...]) -> str:
    return " ".join(words(" ".join(path)))


def _split_see(see: str) -> list[str]:
    """A "see" target names a path with commas between levels."""
    return [part.strip() for part in see.split(",")]


def _load_tables(con, say: Progress, items: list[ImportedFile | None], folder: Path | None) -> None:
    """The Neoplasm Table and the Table of Drugs and Chemicals: rows by path, a code per column."""
    from db.cms.cm_tables import read_cm_table

    for item in items:
        if item is None:
            continue
        say(f"reading the {'Neoplasm Table' if item.kind == 'cm_neoplasm' else 'Table of Drugs'} {item.original}")
        _, headings, rows = read_cm_table(folder / item.file)
        con.execute("INSERT INTO table_heads VALUES (?, ?, ?)", (item.kind, item.fiscal_year, json.dumps(headings)))
        con.executemany(
            "INSERT INTO table_rows (kind, path, cells, see, norm) VALUES (?, ?, ?, ?, ?)",
            ((item.kind, " > ".join(r.path), json.dumps(r.cells), r.see or r.see_also or "",
              content_words(" ".join(r.path + r.modifiers))) for r in rows),
        )
    con.execute("INSERT INTO fts_tables(rowid, text) SELECT id, norm FROM table_rows")


def _load_pcs_details(con, say: Progress, tables: ImportedFile | None, definitions: ImportedFile | None,
                      folder: Path | None) -> None:
    """Axis labels from the PCS tables and definitions, for the PCS builder."""
    from db.cms.pcs_definitions import read_pcs_definitions
    from db.cms.pcs_tables import read_pcs_tables

    if tables:
        say(f"reading ICD-10-PCS table labels {tables.original}")
        labels = set()
        for t in read_pcs_tables(folder / tables.file)[1]:
            for v in t.axes:
                labels.add((t.prefix[: v.pos - 1], v.pos, v.char, v.label))
            for row in t.rows:
                for values in row:
                    for v in values:
                        labels.add((t.prefix, v.pos, v.char, v.label))
        con.executemany("INSERT OR IGNORE INTO pcs_labels VALUES (?, ?, ?, ?)", labels)
    if definitions:
        say(f"reading ICD-10-PCS definitions {definitions.original}")
        con.executemany(
            "INSERT OR IGNORE INTO pcs_definitions VALUES (?, ?, ?, ?, ?)",
            ((d.section, d.axis, d.term, d.definition, d.explanation or "")
             for d in read_pcs_definitions(folder / definitions.file)[1]),
        )


def _load_weights(con, say: Progress, imported: list[ImportedFile], folder: Path | None) -> int:
    """Table 5: the packaged FY2026, and any imported year (an import wins for its own year)."""
    src = sources.drg_weights()
    year, weights = parse_table5(src.path.read_bytes())
    tables = {year: (weights, f"CMS Table 5 FY{year} (from {src.package} {src.version})")}
    for item in imported:
        say(f"reading MS-DRG weights {item.original}")
        year, weights = parse_table5((folder / item.file).read_bytes())
        tables[year] = (weights, f"CMS Table 5 FY{year} (imported {item.original})")
    for year, (weights, label) in tables.items():
        con.executemany(
            "INSERT INTO drg_weights VALUES (?,?,?,?,?,?,?,?,?,?,?)",
            ((year, w.drg, w.mdc, w.type, w.title, w.weight, w.gmlos, w.amlos, int(w.post_acute), int(w.special_pay),
              label) for w in weights),
        )
    return sum(len(w) for w, _ in tables.values())


def _load_poa_exempt(con, say: Progress, imported: list[ImportedFile], folder: Path | None) -> int:
    """Every imported year's POA-exempt list, side by side: a stay is checked against its discharge year's list."""
    from db.cms.poa_exempt import read_poa_exempt

    for item in imported:
        say(f"reading the FY{item.fiscal_year} POA-exempt list {item.original}")
        _, codes = read_poa_exempt(folder / item.file)
        con.executemany("INSERT OR IGNORE INTO poa_exempt VALUES (?, ?)", ((item.fiscal_year, c) for c in codes))
    return con.execute("SELECT COUNT(*) FROM poa_exempt").fetchone()[0]


def _index_terms(con, say: Progress, terms: _Terms) -> int:
    say("indexing terms")
    # Rowids follow a static quality order (rank class, then shorter text,
    # then source order), so an FTS query that stops after N rows has
    # already seen the N best candidates.
    terms.rows.sort(key=lambda t: (t[0], t[4], len(t[3]), t[5]))
    vocab: dict[str, Counter[str]] = {part: Counter() for part in PARTITIONS}  # rows containing each word
    rows = []
    for rowid, (part, code, source, text, rank_class, _ord, core) in enumerate(terms.rows, 1):
        rows.append((rowid, part, code, source, text, content_words(text), core or core_words(text),
                     int(rank_class != 1)))
        vocab[part].update(set(words(text)))
    con.executemany("INSERT INTO terms VALUES (?,?,?,?,?,?,?,?)", rows)
    for part, table in PARTITIONS.items():
        con.execute(f"INSERT INTO {table}(rowid, text, code) SELECT id, norm, code FROM terms WHERE part = ?", (part,))
    partition_rows = {part: sum(1 for r in rows if r[1] == part) for part in PARTITIONS}
    con.execute("INSERT INTO meta VALUES ('partition_rows', ?)", (json.dumps(partition_rows),))
    every_word = set().union(*vocab.values())
    con.executemany(f"INSERT INTO vocab VALUES (?{', ?' * len(PARTITIONS)})",
                    ((w, *(vocab[p][w] for p in PARTITIONS)) for w in every_word))
    return len(rows)


def pcs_steps(pcs: list[tuple[str, str]], depth: int = 3) -> list[tuple[str, str]]:
    """For each prefix of up to `depth` characters, the next characters with an example title (JSON):
    the PCS builder's first steps would otherwise scan tens of thousands of codes."""
    steps: dict[str, dict[str, str]] = {}
    for code, title in sorted(pcs):
        for n in range(depth + 1):
            steps.setdefault(code[:n], {}).setdefault(code[n], title)
    return [(prefix, json.dumps(choices)) for prefix, choices in steps.items()]


def _seventh_trigger_words(seventh_rows, terms: _Terms) -> list[str]:
    """Words of 7th-character meanings ("initial", "sequela", "nonunion") that are
    rare outside the variants: a query naming one is after a full 7th-character code."""
    found = {w for _code, _char, meaning in seventh_rows for w in words(meaning) if len(w) >= 3 and not w.isdigit()}
    outside: Counter[str] = Counter()
    for part, _code, _source, text, *_ in terms.rows:
        if part == "cm":
            outside.update(w for w in set(words(text)) if w in found)
    return sorted(w for w in found if outside[w] < SEVENTH_TRIGGER_DF)


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
