"""ICD-10-CM Neoplasm Table and Table of Drugs and Chemicals (CDC/CMS XML):
one row per term with table cells or a cross-reference, one cell per column."""

from __future__ import annotations

from dataclasses import dataclass

from db.cms.index_terms import read_terms
from db.cms.detect import CmsFileError
from db.cms.xmlstream import Source, source_name
from db.textnorm import code_key


@dataclass(frozen=True)
class TableRow:
    path: tuple[str, ...]  # ("Neoplasm, neoplastic", "abdomen, abdominal", "cavity")
    modifiers: tuple[str, ...]
    cells: tuple[str | None, ...]  # per data column: stored-form code ("C798-" keeps its "-"), None for "-"/"--"/absent
    see: str | None
    see_also: str | None


def read_cm_table(source: Source) -> tuple[int, list[str], list[TableRow]]:
    """(fiscal year, column headings after the first, rows in file order).

    Terms with neither cells nor a cross-reference (sub-headings, the notes in
    the Neoplasm Table) are left out: their titles live on in their rows' paths.
    """
    year, headings, terms = read_terms(source, "ICD10CM.index")
    if len(headings) < 2:
        raise CmsFileError(f"{source_name(source)}: no <indexHeading> columns; not a Neoplasm or Drug table")
    columns = range(2, len(headings) + 1)
    rows = [
        TableRow(
            path=term.path,
            modifiers=term.modifiers,
            cells=tuple(_cell(term.cells.get(col)) for col in columns),
            see=term.fields.get("see") or None,
            see_also=term.fields.get("seeAlso") or None,
        )
        for term in terms
        if term.cells or term.fields.get("see") or term.fields.get("seeAlso")
    ]
    return year, headings[1:], rows


def _cell(text: str | None) -> str | None:
    return code_key(text) if text and text.strip("-") else None
