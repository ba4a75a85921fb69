"""Streaming reader of the ICD-10-CM Tabular List XML (CDC/CMS schema).

Reads the file with `iterparse` (never the whole tree, never the
simple-icd-10-cm library) and yields every chapter, block, category and code
in tabular order, then expands 7th-character categories into the full billable
codes, placeholder X included, exactly as CMS lists them.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Iterator
from dataclasses import dataclass, field
from os import PathLike

from db.textnorm import code_key

# Tabular element -> note kind stored in the reference database.
NOTE_KINDS = {
    "inclusionTerm": "inclusion",
    "includes": "includes",
    "excludes1": "excludes1",
    "excludes2": "excludes2",
    "codeFirst": "code_first",
    "useAdditionalCode": "use_additional",
    "codeAlso": "code_also",
    "notes": "note",
    "sevenChrNote": "seventh_note",
}
_CONTAINERS = {"chapter", "section", "diag"}


@dataclass
class TabularEntry:
    """One node of the tabular: chapter, block, category, or code."""

    code: str  # stored key: "9", "I30-I5A", "I50", "I5023", "S020XXA"
    kind: str  # chapter | block | category | code
    title: str = ""
    parent: str | None = None
    notes: list[tuple[str, str]] = field(default_factory=list)  # (kind, text)
    seventh: list[tuple[str, str]] = field(default_factory=list)  # (char, meaning)
    leaf: bool = True
    billable: bool = False
    needs_seventh: bool = False  # a header whose codes need a 7th character
    seventh_variant: bool = False  # generated from such a header: S72.001 -> S72.001A


@dataclass
class Tabular:
    version: str
    entries: list[TabularEntry]


def block_key(block_id: str) -> str:
    """Blocks are keyed as ranges; a one-category block "B20" becomes "B20-B20"
    so it never collides with the category of the same name."""
    return block_id if "-" in block_id else f"{block_id}-{block_id}"


def block_display(key: str) -> str:
    """The block as the tabular names it: "B20-B20" -> "B20"."""
    first, _, last = key.partition("-")
    return first if first == last else key


def read_tabular(path: str | PathLike) -> Tabular:
    """Parse the whole tabular into entries in tabular order, 7th-character codes included."""
    version = ""
    entries: list[TabularEntry] = []
    stack: list[TabularEntry] = []
    note_kind: str | None = None
    for event, elem in ET.iterparse(path, events=("start", "end")):
        tag = elem.tag
        if event == "start":
            if tag in _CONTAINERS:
                parent = stack[-1] if stack else None
                if parent is not None:
                    parent.leaf = False
                kind = {"chapter": "chapter", "section": "block"}.get(tag, "code")
                entry = TabularEntry(code="", kind=kind, parent=parent.code if parent else None)
                if tag == "section":
                    entry.code = block_key(elem.get("id", ""))
                entries.append(entry)
                stack.append(entry)
            elif tag in NOTE_KINDS:
                note_kind = NOTE_KINDS[tag]
            continue
        # end events
        if tag in _CONTAINERS:
            stack.pop()
            elem.clear()
        elif tag == "version" and not stack:
            version = (elem.text or "").strip()
        elif not stack:
            if tag == "introduction":
                elem.clear()
        elif tag == "name" and stack[-1].kind != "block" and not stack[-1].code:
            stack[-1].code = code_key(elem.text or "")
        elif tag == "desc" and not stack[-1].title:
            stack[-1].title = " ".join((elem.text or "").split())
        elif tag == "note" and note_kind:
            stack[-1].notes.append((note_kind, " ".join("".join(elem.itertext()).split())))
        elif tag == "extension":
            stack[-1].seventh.append((elem.get("char", ""), " ".join((elem.text or "").split())))
        elif tag in NOTE_KINDS:
            note_kind = None
    return Tabular(version=version, entries=_finish(entries))


def _finish(entries: list[TabularEntry]) -> list[TabularEntry]:
    """Fix parents of codes, set billable flags and add the 7th-character codes."""
    by_code = {e.code: e for e in entries}
    out: list[TabularEntry] = []
    for e in entries:
        if e.kind == "code" and by_code[e.parent].kind == "block":
            e.kind = "category"
        out.append(e)
        if e.kind not in ("code", "category") or not e.leaf:
            continue
        seventh = _seventh_for(e, by_code)
        if not seventh:
            e.billable = True
            continue
        e.needs_seventh = True
        base = e.code.ljust(6, "X")
        if e.code.startswith("S06") and base[5] in "78":
            # Category note: "7th characters D and S do not apply to codes in
            # category S06 with 6th character 7 [or] 8" (death before consciousness).
            seventh = [s for s in seventh if s[0] == "A"]
        for char, meaning in seventh:
            out.append(
                TabularEntry(
                    code=base + char,
                    kind="code",
                    title=f"{e.title}, {meaning}",
                    parent=e.code,
                    billable=True,
                    seventh_variant=True,
                )
            )
    return out


def _seventh_for(entry: TabularEntry, by_code: dict[str, TabularEntry]) -> list[tuple[str, str]]:
    """The 7th-character definitions nearest to `entry` (its own, else an ancestor's)."""
    node: TabularEntry | None = entry
    while node is not None and node.kind in ("code", "category"):
        if node.seventh:
            return node.seventh
        node = by_code.get(node.parent) if node.parent else None
    return []


def iter_codes(tabular: Tabular) -> Iterator[TabularEntry]:
    """Only the diagnosis codes and categories (no chapters or blocks)."""
    return (e for e in tabular.entries if e.kind in ("code", "category"))
