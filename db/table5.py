"""CMS IPPS Table 5: MS-DRG relative weights, geometric and arithmetic mean
length of stay, post-acute and special-pay flags, as CMS publishes it
(tab-separated text, cp1252, quoted titles, '.' for DRGs 998 and 999)."""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass


@dataclass(frozen=True)
class DrgWeight:
    drg: str  # three digits
    mdc: str  # "05", "PRE", or "" for 998/999
    type: str  # MED, SURG, or "" for 998/999
    title: str
    weight: float | None
    gmlos: float | None
    amlos: float | None
    post_acute: bool
    special_pay: bool


class Table5Error(ValueError):
    """The file is not a CMS Table 5 (or is cut short)."""


def parse_table5(data: bytes) -> tuple[int, list[DrgWeight]]:
    """(fiscal year, rows) of a Table 5 file."""
    text = data.decode("cp1252")
    year = re.search(r"FY\s*(\d{4})", text[:2000])
    if not year or "MS-DRG" not in text[:2000]:
        raise Table5Error("not a CMS Table 5 file (no 'MS-DRG' header with a fiscal year)")
    rows = list(csv.reader(io.StringIO(text), delimiter="\t"))
    header = next((i for i, r in enumerate(rows) if r and r[0].strip().upper().startswith("MS-DRG")), None)
    if header is None:
        raise Table5Error("no header row starting with MS-DRG")
    out = []
    for r in rows[header + 1:]:
        if not r or not r[0].strip():
            continue
        if len(r) < 10 or not r[0].strip().isdigit():
            raise Table5Error(f"unexpected row: {'|'.join(r)[:80]!r}")
        out.append(DrgWeight(
            drg=r[0].strip().zfill(3), mdc=r[3].strip(), type=r[4].strip().strip("*"),
            title=" ".join(r[5].replace('"', " ").split()), weight=_number(r[7]), gmlos=_number(r[8]),
            amlos=_number(r[9]), post_acute=r[1].strip().lower() == "yes", special_pay=r[2].strip().lower() == "yes",
        ))
    if len(out) < 700 or out[-1].drg != "999":
        raise Table5Error(f"only {len(out)} MS-DRGs, ending at {out[-1].drg if out else 'none'}: the file looks cut short")
    return int(year.group(1)), out


def _number(text: str) -> float | None:
    text = text.strip()
    return float(text) if text and text != "." else None


SEVERITY = re.compile(r"\b(WITH|WITHOUT) (MCC|CC/MCC|CC)\b")


def severity_split(title: str) -> tuple[str, str] | None:
    """(family stem, severity marker) of a title that splits on CC/MCC, else None.

    "HEART FAILURE AND SHOCK WITH CC" -> ("HEART FAILURE AND SHOCK", "WITH CC").
    """
    found = list(SEVERITY.finditer(title))
    if not found:
        return None
    m = found[-1]
    return title[: m.start()].strip(), m.group(0)
