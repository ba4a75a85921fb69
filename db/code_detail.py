"""A code's full tabular entry: title, parents, inclusion terms, every note
(with those inherited from its category, block and chapter), 7th characters."""

from __future__ import annotations

from dataclasses import dataclass, field

from db.reference import Code, Reference

NOTE_TITLES = {
    "inclusion": "Inclusion terms", "includes": "Includes", "excludes1": "Excludes1", "excludes2": "Excludes2",
    "code_first": "Code first", "use_additional": "Use additional code", "code_also": "Code also",
    "note": "Note", "seventh_note": "7th character",
}


@dataclass(frozen=True)
class Note:
    kind: str
    text: str
    source: str  # the code (or block, chapter) whose entry carries the note, as displayed


@dataclass
class CodeDetail:
    code: Code
    parents: list[Code] = field(default_factory=list)  # nearest first: subcategory ... chapter
    notes: list[Note] = field(default_factory=list)  # the code's own first, then inherited
    seventh: list[tuple[str, str]] = field(default_factory=list)  # (character, meaning) when it needs one


def code_detail(ref: Reference, system: str, key: str) -> CodeDetail | None:
    code = ref.code(system, key)
    if code is None:
        return None
    detail = CodeDetail(code)
    chain = [code]
    node = code
    while node.parent:
        node = ref.code(system, node.parent)
        if node is None:
            break
        chain.append(node)
        detail.parents.append(node)
    with ref.lock:
        for entry in chain:
            for kind, text in ref.con.execute(
                "SELECT kind, text FROM notes WHERE system = ? AND code = ? ORDER BY seq", (system, entry.code)
            ):
                detail.notes.append(Note(kind, text, entry.display))
        if code.needs_seventh:
            # the characters this code really takes (S06 death codes take only A), with their meanings
            valid = {c for (c,) in ref.con.execute(
                "SELECT substr(code, 7, 1) FROM codes WHERE system = 'cm' AND parent = ?", (code.code,))}
            for entry in chain:
                rows = ref.con.execute("SELECT char, meaning FROM seventh_chars WHERE code = ? ORDER BY char",
                                       (entry.code,)).fetchall()
                if rows:
                    detail.seventh = [(c, m) for c, m in rows if c in valid]
                    break
    return detail


def with_seventh(code: Code, char: str) -> str:
    """The full code key for a header and a 7th character, placeholders X included: S02.0 + A -> S020XXA."""
    return code.code.ljust(6, "X") + char
