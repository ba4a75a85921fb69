"""Recognising CMS/CDC release files by their content, so that a coder can hand
over the downloaded zips (or a folder of them) without renaming anything."""

from __future__ import annotations

import re
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import BinaryIO

KINDS = (
    "cm_tabular", "cm_index", "cm_eindex", "cm_neoplasm", "cm_drug", "cm_order",
    "pcs_tables", "pcs_index", "pcs_definitions", "pcs_order", "table5", "cm_poa_exempt",
)
HEAD_BYTES = 4096
# Schemas, manuals, read-me files and spreadsheet copies that CMS ships next to
# the data in its zips: passed over inside zips and directories.
_AUXILIARY = (".xsd", ".dtd", ".pdf", ".doc", ".docx", ".rtf", ".htm", ".html", ".md", ".xls", ".xlsx")
# Beside the full POA-exempt list CMS ships its changes from the previous list
# and a read-me: passed over too, as only the full list is imported.
_POA_CHANGES = re.compile(r"POAexempt(?:Add|Delete|Revise)Codes", re.I)
_POA_COMPANIONS = re.compile(_POA_CHANGES.pattern + r"|ReadMePOAexempt", re.I)

_XML_ROOTS = {
    "ICD10CM.tabular": "cm_tabular",
    "ICD10PCS.tabular": "pcs_tables",
    "ICD10PCS.index": "pcs_index",
    "ICD10PCS.definitions": "pcs_definitions",
}
_TABLE_HEADS = {"neoplasm": "cm_neoplasm", "substance": "cm_drug"}
_PROLOG = re.compile(r"<\?.*?\?>|<!--.*?-->|<!DOCTYPE[^>]*>", re.S)
_ROOT = re.compile(r"<([A-Za-z_][\w.\-]*)")
_VERSION = re.compile(r"<version>\s*(\d{4})\s*</version>")
_FIRST_HEAD = re.compile(r"<indexHeading>\s*<head\b[^>]*>\s*([^<]*)")
_TITLE = re.compile(r"<title>([^<]*)")
_NAME_YEAR = re.compile(r"(?<!\d)((?:19|20)\d\d)(?!\d)")
# CMS order-file line: order number, code padded to 7, billable flag, 60-char short title, long title.
ORDER_LINE = re.compile(r"(\d{5}) (?=[0-9A-Z]{3,7} * [01] )(.{7}) ([01]) (.{60}) (\S.*)")
_CM_CODE = re.compile(r"[A-Z][0-9][0-9A-Z]{1,5}")
_PCS_CODE = re.compile(r"[0-9A-HJ-NP-Z]{3}(?:[0-9A-HJ-NP-Z]{4})?")
_TABLE5_YEAR = re.compile(r"FY\s*(\d{4})")
# Header of the full POA-exempt list; the order column is named for its release ("Order25", "OrdApr23").
POA_HEADER = re.compile(r"(Ord\w*)\tPOAexemptCode\tDescription", re.I)
_POA_YEAR = re.compile(r"(?:FY|Apr|Ord(?:er)?)(\d\d)(?!\d)|" + _NAME_YEAR.pattern, re.I)


class CmsFileError(ValueError):
    """A file is not the CMS/CDC release file it should be, or is cut short."""


@dataclass(frozen=True)
class CmsFile:
    kind: str  # one of KINDS
    fiscal_year: int  # from the content, else the file name
    name: str  # member or file name
    opener: Callable[[], BinaryIO]  # opens the bytes (plain file or zip member)


def fiscal_year(version: str | None, name: str) -> int:
    """The fiscal year from a `<version>` text, else from 4 digits in the file name."""
    if version and version.strip().isdigit() and len(version.strip()) == 4:
        return int(version)
    found = _NAME_YEAR.search(Path(name).name)
    if not found:
        raise CmsFileError(f"{name}: no fiscal year in the file (<version>) nor in its name")
    return int(found.group(1))


def detect(name: str, head: bytes) -> tuple[str, int] | None:
    """(kind, fiscal year) of a file from its first ~4 KB and its name, None if
    unknown; CmsFileError for a known kind without a fiscal year."""
    text = head[:HEAD_BYTES].removeprefix(b"\xef\xbb\xbf").decode("latin-1")
    kind = _xml_kind(text) if text.lstrip().startswith("<") else _text_kind(text)
    if kind is None:
        return None
    if kind == "table5":
        return kind, int(_TABLE5_YEAR.search(text).group(1))
    if kind == "cm_poa_exempt":
        return kind, _poa_list_year(name, text)
    version = _VERSION.search(text)
    return kind, fiscal_year(version.group(1) if version else None, name)


def poa_year(text: str) -> int | None:
    """The fiscal year named in a POA-exempt header or file name ("Order25",
    "Order2021", "FY25", "OrdApr23"), None if none is. An April update belongs
    to the fiscal year begun the October before, so Apr23 is FY2023."""
    found = _POA_YEAR.search(text)
    if not found:
        return None
    short, full = found.groups()
    return 2000 + int(short) if short else int(full)


def _poa_list_year(name: str, text: str) -> int:
    header = POA_HEADER.fullmatch(text.partition("\n")[0].rstrip())
    if not header or _POA_CHANGES.search(Path(name).name):
        raise CmsFileError(f"{name}: changes to the POA-exempt list, not the list itself; "
                           "import the full POAexemptCodes list instead")
    year = poa_year(header.group(1)) or poa_year(Path(name).name)
    if year is None:
        raise CmsFileError(f"{name}: no fiscal year in the header ({header.group(1)}) nor in the file name")
    return year


def _xml_kind(text: str) -> str | None:
    root = _ROOT.search(_PROLOG.sub("", text))
    if not root:
        return None
    tag = root.group(1)
    if tag != "ICD10CM.index":
        return _XML_ROOTS.get(tag)
    head = _FIRST_HEAD.search(text)
    if head:
        return _TABLE_HEADS.get(head.group(1).strip().lower())
    title = _TITLE.search(text)
    return "cm_eindex" if title and "EXTERNAL CAUSE" in title.group(1).upper() else "cm_index"


def _text_kind(text: str) -> str | None:
    if "poaexemptcode" in text.partition("\n")[0].strip().lower().split("\t"):
        return "cm_poa_exempt"  # the full list or one of its change lists (refused by detect)
    upper = text.upper()
    if "MS-DRG" in upper and ("RELATIVE WEIGHT" in upper or "WEIGHTS" in upper) and _TABLE5_YEAR.search(text):
        return "table5"
    lines = text.splitlines()[:-1] or text.splitlines()  # the last line may be cut by the 4 KB limit
    matches = [ORDER_LINE.fullmatch(line.rstrip()) for line in lines[:20] if line.strip()]
    if not matches or not all(matches):
        return None
    codes = [m.group(2).strip() for m in matches]
    # CM codes are a letter then a digit ("A000", "S72001A"); PCS codes and
    # table prefixes use the PCS alphabet (no I or O) and mostly start with a digit.
    if all(_CM_CODE.fullmatch(c) for c in codes):
        return "cm_order"
    return "pcs_order" if all(_PCS_CODE.fullmatch(c) for c in codes) else None


def find_cms_files(paths: list[Path]) -> list[CmsFile]:
    """Every release file in `paths`: files, zips (read member by member, never
    extracted) and directories (searched recursively). Schemas, manuals,
    spreadsheets and the POA-exempt change lists inside zips and directories are
    passed over; any other unknown file is refused, all of them named in one message."""
    found: list[CmsFile] = []
    unknown: list[str] = []
    for path in map(Path, paths):
        if path.is_dir():
            for child in sorted(p for p in path.rglob("*") if p.is_file()):
                _add(child, found, unknown, contained=True)
        elif path.is_file():
            _add(path, found, unknown, contained=False)
        else:
            raise CmsFileError(f"{path}: no such file or directory")
    if unknown:
        raise CmsFileError(f"not a recognised CMS/CDC release file: {', '.join(unknown)}")
    return found


def _add(path: Path, found: list[CmsFile], unknown: list[str], contained: bool) -> None:
    if contained and _passed_over(path.name):
        return
    if path.suffix.lower() != ".zip":
        with path.open("rb") as stream:
            kind = detect(path.name, stream.read(HEAD_BYTES))
        if kind:
            found.append(CmsFile(kind[0], kind[1], path.name, partial(path.open, "rb")))
        else:
            unknown.append(str(path))
        return
    try:
        archive = zipfile.ZipFile(path)
    except zipfile.BadZipFile:
        raise CmsFileError(f"{path}: not a readable zip file") from None
    with archive:
        for member in archive.infolist():
            if member.is_dir() or _passed_over(member.filename):
                continue
            with archive.open(member) as stream:
                kind = detect(member.filename, stream.read(HEAD_BYTES))
            if kind:
                found.append(CmsFile(kind[0], kind[1], member.filename, partial(_open_member, path, member.filename)))
            else:
                unknown.append(f"{path.name}:{member.filename}")


def _passed_over(name: str) -> bool:
    return name.lower().endswith(_AUXILIARY) or bool(_POA_COMPANIONS.search(Path(name).name))


def _open_member(archive: Path, member: str) -> BinaryIO:
    # The open member keeps the archive's file handle alive until it is closed.
    return zipfile.ZipFile(archive).open(member)
