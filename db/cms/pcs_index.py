"""ICD-10-PCS Index (CMS XML): one entry per term that points somewhere, a
partial code to build from, a "see" or a "use" instruction."""

from __future__ import annotations

from dataclasses import dataclass

from db.cms.index_terms import read_terms
from db.cms.xmlstream import Source

# Where the index points into the tables: a full code, a partial code ("0UT9")
# or a table ("0QB"), directly or inside a see/use.
_CODE_FIELDS = ("code", "codes", "tab")


@dataclass(frozen=True)
class PcsIndexEntry:
    path: tuple[str, ...]  # main term then subterms (a term without a title keeps its parent's path)
    codes: str | None  # the <codes>, <code> or <tab> text: "0UT9", "10A07ZX", "0QB"
    see: str | None  # see target text, without the codes
    use: str | None  # <use> text (a body part / device value to use), without the table


def read_pcs_index(source: Source) -> tuple[int, list[PcsIndexEntry]]:
    """(fiscal year, entries in file order)."""
    year, _, terms = read_terms(source, "ICD10PCS.index")
    entries = []
    for term in terms:
        f = term.fields
        codes = next((f[tag] for tag in _CODE_FIELDS if f.get(tag)), None)
        if codes or f.get("see") or f.get("use"):
            entries.append(PcsIndexEntry(term.path, codes, f.get("see") or None, f.get("use") or None))
    return year, entries
