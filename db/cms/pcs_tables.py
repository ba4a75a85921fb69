"""ICD-10-PCS tables (CMS XML): each table fixes the first three characters
and lists, row by row, the values allowed for characters 4 to 7. The valid
codes are exactly the row-wise products, so they are expanded here rather than
read from a second file."""

from __future__ import annotations

import itertools
import math
from collections.abc import Iterator
from dataclasses import dataclass

from db.cms.detect import CmsFileError, fiscal_year
from db.cms.xmlstream import Source, events, source_name, text_of

ROOT = "ICD10PCS.tabular"
# Labels that say an axis has no value; they add nothing to a title.
EMPTY_LABELS = frozenset({"No Device", "No Qualifier", "None"})


@dataclass(frozen=True)
class PcsAxisValue:
    pos: int  # 1..7
    char: str  # the code character
    label: str


@dataclass(frozen=True)
class PcsTable:
    prefix: str  # first three characters, e.g. "0SR"
    axes: tuple[PcsAxisValue, ...]  # the fixed axes 1-3
    definition: str | None  # the operation's definition (axis 3)
    rows: tuple[tuple[tuple[PcsAxisValue, ...], ...], ...]  # per pcsRow: axes 4..7, each the allowed values
    axis_titles: tuple[str, ...]  # titles of axes 1..7


Values = tuple[PcsAxisValue, ...]
Axis = tuple[str, Values, str | None]  # (title, values, definition) as read from one <axis>


def read_pcs_tables(source: Source) -> tuple[int, list[PcsTable]]:
    """(fiscal year, tables in file order). Each row's `codes` count is checked
    against its axes, so a damaged file is refused rather than half-read."""
    name = source_name(source)
    version: str | None = None
    tables: list[PcsTable] = []
    fixed: list[Axis] = []  # axes 1-3 of the open table
    rows: list[tuple[Values, ...]] = []
    row_axes: list[Axis] = []  # axes 4-7 of the open row
    row_titles: tuple[str, ...] = ()
    for event, elem, parent in events(source, ROOT):
        if event == "start":
            continue
        tag = elem.tag
        if tag == "axis":
            pos = int(elem.get("pos", "0"))
            values = tuple(PcsAxisValue(pos, label.get("code", ""), text_of(label)) for label in elem.iter("label"))
            axis = (text_of(elem.find("title")), values, text_of(elem.find("definition")) or None)
            (row_axes if parent == "pcsRow" else fixed).append(axis)
            elem.clear()
        elif tag == "pcsRow":
            rows.append(_row(name, elem.get("codes"), row_axes))
            row_titles = row_titles or tuple(title for title, _, _ in row_axes)
            row_axes = []
            elem.clear()
        elif tag == "pcsTable":
            tables.append(_table(name, fixed, rows, row_titles))
            fixed, rows, row_titles = [], [], ()
            elem.clear()
        elif tag == "version" and parent == ROOT:
            version = text_of(elem)
    if not tables:
        raise CmsFileError(f"{name}: no <pcsTable>; is the file cut short?")
    return fiscal_year(version, name), tables


def _row(name: str, codes: str | None, axes: list[Axis]) -> tuple[Values, ...]:
    values = tuple(v for _, v, _ in axes)
    if [v[0].pos if v else 0 for v in values] != [4, 5, 6, 7]:
        raise CmsFileError(f"{name}: a <pcsRow> without values for axes 4-7")
    count = math.prod(len(v) for v in values)
    if codes != str(count):
        raise CmsFileError(f"{name}: a <pcsRow> announces {codes} codes but its axes give {count}")
    return values


def _table(name: str, fixed: list[Axis], rows: list[tuple[Values, ...]], row_titles: tuple[str, ...]) -> PcsTable:
    axes = tuple(v for _, values, _ in fixed for v in values)
    if [a.pos for a in axes] != [1, 2, 3] or not rows:
        raise CmsFileError(f"{name}: a <pcsTable> without one value for each of axes 1-3 and at least one row")
    return PcsTable(
        prefix="".join(a.char for a in axes),
        axes=axes,
        definition=fixed[2][2],
        rows=tuple(rows),
        axis_titles=tuple(title for title, _, _ in fixed) + row_titles,
    )


def expand_codes(table: PcsTable) -> Iterator[tuple[str, str]]:
    """Every valid (code, title) of the table, in row order.

    CMS's own long titles follow per-section wording rules that the XML does
    not carry, so the title is the axis labels read in order:
    "{operation} {body part}, {approach}, {device}, {qualifier}", leaving out
    the labels that say an axis is empty ("No Device", "No Qualifier", "None").
    "0SR9019" gives "Replacement Hip Joint, Right, Open, Synthetic Substitute,
    Metal, Cemented".
    """
    operation = table.axes[2].label
    for row in table.rows:
        for values in itertools.product(*row):
            labels = ", ".join(v.label for v in values if v.label not in EMPTY_LABELS)
            yield table.prefix + "".join(v.char for v in values), f"{operation} {labels}".rstrip()
