"""The CMS list of ICD-10-CM codes exempt from present-on-admission reporting
(POAexemptCodesFY25.txt and kin): on those codes the POA indicator is "1" or
blank, so the abstract must not ask the coder for Y/N/U/W."""

from __future__ import annotations

import re
from typing import BinaryIO

from db.cms.detect import POA_HEADER, CmsFileError, poa_year
from db.cms.xmlstream import Source, source_name
from db.textnorm import code_key

# order number (text, leading zeros), code with or without its dot, long title
_LINE = re.compile(r"([0-9]+)\t *([A-Z][0-9][0-9A-Z](?:\.?[0-9A-Z]{1,4})?) *\t([^\t]+)", re.I)


def read_poa_exempt(source: Source) -> tuple[int | None, list[str]]:
    """(fiscal year named in the header or None, code keys) of a full POA-exempt list.

    Tab-delimited, a header line then one code per line; read line by line and
    every line checked, so a damaged or cut-short file is refused with its line
    number. Titles are not kept, so bytes are read as latin-1, which takes
    cp1252 and UTF-8 files alike.
    """
    if hasattr(source, "read"):
        return _read(source_name(source), source)
    with open(source, "rb") as stream:
        return _read(source_name(source), stream)


def _read(name: str, stream: BinaryIO) -> tuple[int | None, list[str]]:
    year, codes = None, []
    for number, raw in enumerate(stream, 1):
        line = raw.removeprefix(b"\xef\xbb\xbf").decode("latin-1").rstrip()
        if number == 1:
            header = POA_HEADER.fullmatch(line)
            if not header:
                raise CmsFileError(f"{name}: line 1 is not the POA-exempt header "
                                   f"(Order<TAB>POAexemptCode<TAB>Description): {line[:40]!r}")
            year = poa_year(header.group(1))
            continue
        if not line:
            continue
        m = _LINE.fullmatch(line)
        if not m:
            raise CmsFileError(f"{name}: line {number} is not order<TAB>code<TAB>description: {line[:40]!r}")
        codes.append(code_key(m.group(2)))
    if not codes:
        raise CmsFileError(f"{name}: no codes in the POA-exempt list")
    return year, codes
