"""CMS "order" files (icd10cm_order_YYYY.txt, icd10pcs_order_YYYY.txt): every
code and header in tabular order with its billable flag and both titles, in
fixed-width columns. They are the only CMS files that carry the 60-character
short titles printed on claims."""

from __future__ import annotations

from dataclasses import dataclass

from db.cms.detect import ORDER_LINE, CmsFileError
from db.cms.xmlstream import Source, source_name
from db.textnorm import code_key


@dataclass(frozen=True)
class OrderEntry:
    code: str  # stored form
    billable: bool
    short_title: str
    long_title: str


def read_order_file(source: Source) -> list[OrderEntry]:
    """Every line as an entry; a line off the layout is refused with its number.

    Layout: columns 1-5 order number, 7-13 code (left-justified), 15 billable
    flag 0/1, 17-76 short title, 78 onwards long title. UTF-8, else cp1252.
    """
    name = source_name(source)
    text = _decode(name, _read(source))
    entries = []
    for number, line in enumerate(text.splitlines(), 1):
        line = line.rstrip()
        if not line:
            continue
        m = ORDER_LINE.fullmatch(line)
        if not m:
            raise CmsFileError(f"{name}: line {number} is not in the CMS order-file layout: {line[:40]!r}")
        entries.append(OrderEntry(code_key(m.group(2)), m.group(3) == "1", m.group(4).rstrip(), m.group(5)))
    if not entries:
        raise CmsFileError(f"{name}: empty order file")
    return entries


def _read(source: Source) -> bytes:
    if hasattr(source, "read"):
        return source.read()
    with open(source, "rb") as f:
        return f.read()


def _decode(name: str, data: bytes) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError as err:
        raise CmsFileError(f"{name}: neither UTF-8 nor cp1252 text (byte {err.start})") from None
