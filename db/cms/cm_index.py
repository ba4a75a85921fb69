"""ICD-10-CM Index to Diseases and Injuries and External Cause of Injuries
Index (CDC/CMS XML), flattened into one entry per term that leads somewhere:
a code, a "see" or a "see also"."""

from __future__ import annotations

from dataclasses import dataclass

from db.cms.index_terms import read_terms
from db.cms.detect import CmsFileError
from db.cms.xmlstream import Source, source_name
from db.textnorm import code_key


@dataclass(frozen=True)
class IndexEntry:
    path: tuple[str, ...]  # main term then subterms, nonessential modifiers removed
    modifiers: tuple[str, ...]  # every nonessential modifier along the path, without parentheses
    code: str | None  # stored form without a trailing "-"; None when the entry only cross-references
    incomplete: bool  # the index code ends with "-" (needs more characters)
    see: str | None
    see_also: str | None
    manifestation: str | None  # the <manif> code (bracketed second code), stored form


def read_cm_index(source: Source) -> tuple[int, list[IndexEntry]]:
    """(fiscal year, entries in file order).

    A <subcat> ("Lightning T75.0-") or <seecat> ("see category T71") counts as
    an incomplete code: the coder must pick a code under it in the tabular.
    """
    year, headings, terms = read_terms(source, "ICD10CM.index")
    if headings:
        raise CmsFileError(f"{source_name(source)}: a table ({headings[0]}), not an index; read it with read_cm_table")
    entries = []
    for term in terms:
        f = term.fields
        raw = f.get("code")
        incomplete = bool(raw and raw.endswith("-"))
        if not raw and (f.get("subcat") or f.get("seecat")):
            raw, incomplete = f.get("subcat") or f.get("seecat"), True
        if not (raw or f.get("see") or f.get("seeAlso")):
            continue
        entries.append(IndexEntry(
            path=term.path,
            modifiers=term.modifiers,
            code=code_key(raw).rstrip("-") if raw else None,
            incomplete=incomplete,
            see=f.get("see") or None,
            see_also=f.get("seeAlso") or None,
            manifestation=code_key(f["manif"]) if f.get("manif") else None,
        ))
    return year, entries
