"""The Neoplasm Table and the Table of Drugs and Chemicals (when imported):
find the row by its words, then take the column's code."""

from __future__ import annotations

import json
from dataclasses import dataclass

from db.reference import Reference
from db.textnorm import meaningful

KINDS = {"neoplasm": "cm_neoplasm", "drug": "cm_drug"}


@dataclass(frozen=True)
class TableHit:
    path: str  # "Neoplasm, neoplastic > abdomen, abdominal > cavity"
    cells: tuple[str | None, ...]  # stored-form codes per column; a trailing "-" marks an incomplete code
    see: str


def headings(ref: Reference, table: str) -> list[str]:
    """The column headings, or [] when that table is not imported."""
    if not ref.has_table("table_heads"):
        return []
    with ref.lock:
        row = ref.con.execute("SELECT headings FROM table_heads WHERE kind = ?", (KINDS[table],)).fetchone()
    return json.loads(row[0]) if row else []


def search_table(ref: Reference, table: str, query: str, limit: int = 50) -> list[TableHit]:
    """Rows whose path holds every query word (as word prefixes), shortest paths first."""
    tokens = [w for w in meaningful(query) if len(w) >= 2][:8]
    if not tokens or not headings(ref, table):
        return []
    match = " AND ".join(f'"{w}"*' for w in tokens)
    with ref.lock:
        rows = ref.con.execute(
            "SELECT r.path, r.cells, r.see FROM fts_tables f JOIN table_rows r ON r.id = f.rowid"
            " WHERE fts_tables MATCH ? AND r.kind = ? ORDER BY length(r.path) LIMIT ?",
            (match, KINDS[table], limit),
        ).fetchall()
    return [TableHit(path, tuple(json.loads(cells)), see) for path, cells, see in rows]
