"""The search evaluation set: hand-written and generated cases from the TSV files."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).parent
FILES = (HERE / "search_eval_handwritten.tsv", HERE / "search_eval_generated.tsv")


@dataclass(frozen=True)
class Case:
    kind: str
    system: str
    query: str
    expected: str  # "I50.9", "I50.9|I50.20", or "I82.4*"

    def hit(self, code: str) -> bool:
        for alt in self.expected.split("|"):
            if alt.endswith("*") and code.replace(".", "").startswith(alt[:-1].replace(".", "")):
                return True
            if code == alt:
                return True
        return False


def load_cases() -> list[Case]:
    cases = []
    for path in FILES:
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip() and not line.startswith("#"):
                kind, system, query, expected = line.split("\t")
                cases.append(Case(kind, system, query, expected))
    return cases


def typing_prefixes(query: str) -> list[str]:
    """What the search box holds while a coder types `query`: every prefix from two characters."""
    return [query[:i] for i in range(2, len(query) + 1) if not query[:i].endswith(" ")]
