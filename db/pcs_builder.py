"""Building an ICD-10-PCS code one character (axis) at a time.

Each step offers only the characters that lead to a valid code, given the
ones already chosen: they are read from the code set itself (a prefix range
on the codes table), so the builder can never offer an invalid value. When
the official PCS tables are installed, each value carries its axis label and
the root operation, approach and device definitions.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field

from db.reference import Reference

AXES = ("Section", "Body System", "Root Operation", "Body Part", "Approach", "Device", "Qualifier")


@dataclass(frozen=True)
class Choice:
    char: str
    label: str  # the axis value's name, or an example title without the tables
    definition: str = ""


@dataclass
class Step:
    prefix: str  # characters chosen so far
    axis: str  # the axis being chosen (AXES[len(prefix)]), "" when complete
    choices: list[Choice] = field(default_factory=list)
    complete: bool = False
    title: str = ""  # the finished code's title


def step(ref: Reference, prefix: str) -> Step:
    """The choices for the next character after `prefix` (upper case, no spaces)."""
    prefix = prefix.upper()
    if len(prefix) == 7:
        found = ref.code("pcs", prefix)
        return Step(prefix, "", [], found is not None and found.billable, found.title if found else "")
    with ref.lock:
        stored = ref.con.execute("SELECT choices FROM pcs_steps WHERE prefix = ?", (prefix,)).fetchone()
        if stored:  # the first steps are stored at build time
            rows = sorted(json.loads(stored[0]).items())
        else:
            rows = ref.con.execute(
                "SELECT substr(code, ?, 1) AS c, MIN(title) FROM codes WHERE system = 'pcs' AND code >= ?"
                " AND code < ? AND length(code) = 7 GROUP BY c ORDER BY c",
                (len(prefix) + 1, prefix, prefix + "\x7f"),
            ).fetchall()
        labels = dict(ref.con.execute(
            "SELECT char, label FROM pcs_labels WHERE prefix = ?", (prefix,)
        ).fetchall()) if ref.has_table("pcs_labels") else {}
        definitions = dict(ref.con.execute(
            "SELECT term, definition FROM pcs_definitions WHERE section = ? AND axis = ?",
            (prefix[:1], len(prefix) + 1),
        ).fetchall()) if prefix and ref.has_table("pcs_definitions") else {}
    choices = []
    for char, example in rows:
        label = labels.get(char) or f"e.g. {example}"
        choices.append(Choice(char, label, definitions.get(labels.get(char, ""), "")))
    return Step(prefix, AXES[len(prefix)], choices)
