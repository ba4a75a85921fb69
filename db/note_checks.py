"""The tabular's instructional notes checked against the whole abstract.

Excludes1 means "never together": both codes on one abstract is a warning
naming the note. "Code first", "use additional code" and "code also" are
reminders when the abstract holds none of the codes the note names. Notes
count wherever they stand on the code's chain: code, subcategory, category,
block and chapter.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from db.abstract import Abstract
from db.reference import Reference
from db.textnorm import code_key, display_cm

_CODE = r"[A-Z][0-9][0-9A-Z](?:\.[0-9A-Z]{1,4})?"
_REFERENCE = re.compile(rf"({_CODE})\s*-\s*({_CODE})|({_CODE})(?:\.?-)?")
_PARENTHESES = re.compile(r"\(([^()]*)\)")
_REMINDERS = {"code_first": "code first", "use_additional": "use additional code", "code_also": "code also"}


@dataclass(frozen=True)
class NoteFinding:
    code: str  # the diagnosis whose note speaks (as displayed)
    kind: str  # excludes1 | code_first | use_additional | code_also
    level: str  # warning | reminder
    message: str
    other: str = ""  # the other code on the abstract the note is about


def references(note: str) -> list[tuple[str, str]]:
    """Code ranges a note names in parentheses, as (low, high) stored-form prefixes.

    "(I46.-)" -> [("I46", "I46")]; "(D50.0-D64.9)" -> [("D500", "D649")].
    """
    found = []
    for inside in _PARENTHESES.findall(note):
        for m in _REFERENCE.finditer(inside.upper()):
            if m.group(1):
                found.append((code_key(m.group(1)), code_key(m.group(2))))
            else:
                found.append((code_key(m.group(3)), code_key(m.group(3))))
    return found


def _matches(code: str, ranges: list[tuple[str, str]]) -> bool:
    return any(low <= code[: len(low)] and code[: len(high)] <= high for low, high in ranges)


def _chain_notes(ref: Reference, code: str) -> list[tuple[str, str, str]]:
    """(kind, text, source display) of every note on the code's chain."""
    out, node = [], ref.code("cm", code)
    with ref.lock:
        while node is not None:
            for kind, text in ref.con.execute(
                "SELECT kind, text FROM notes WHERE system = 'cm' AND code = ? AND kind IN"
                " ('excludes1', 'code_first', 'use_additional', 'code_also') ORDER BY seq", (node.code,)
            ):
                out.append((kind, text, node.display))
            node = ref.code("cm", node.parent) if node.parent else None
    return out


def check_notes(ref: Reference, abstract: Abstract) -> list[NoteFinding]:
    """Excludes1 conflicts and missing companion codes, for every diagnosis on the abstract."""
    codes = [d.code for d in abstract.diagnoses()]
    findings: list[NoteFinding] = []
    seen_pairs: set[frozenset] = set()
    for position, code in enumerate(codes):
        shown = display_cm(code)
        for kind, text, source in _chain_notes(ref, code):
            ranges = references(text)
            if not ranges:
                continue
            others = [c for c in codes if c != code and _matches(c, ranges)]
            where = "" if source == shown else f" (note at {source})"
            if kind == "excludes1":
                for other in others:
                    pair = frozenset((code, other))
                    if pair not in seen_pairs:
                        seen_pairs.add(pair)
                        findings.append(NoteFinding(shown, kind, "warning",
                                                    f"Excludes1: {text}{where}; {display_cm(other)} is also coded",
                                                    display_cm(other)))
            elif not others:
                findings.append(NoteFinding(shown, kind, "reminder", f"{_REMINDERS[kind]}: {text}{where}"))
            elif kind == "code_first" and all(codes.index(o) > position for o in others):
                findings.append(NoteFinding(shown, kind, "warning",
                                            f"code first: {text}{where}; sequence {display_cm(others[0])} before {shown}",
                                            display_cm(others[0])))
    return findings
