"""ICD-10-PCS Definitions (CMS XML): the meaning of each operation, approach
and (in other sections) type or qualifier value, plus the Body Part, Device
and Substance keys that map everyday names onto PCS values."""

from __future__ import annotations

from dataclasses import dataclass

from db.cms.detect import CmsFileError, fiscal_year
from db.cms.xmlstream import Source, events, source_name, text_of

ROOT = "ICD10PCS.definitions"


@dataclass(frozen=True)
class PcsDefinition:
    section: str  # section code, e.g. "0"
    axis: int  # the character position the term is a value of: 3 operation, 4 body part, 5 approach, 6 device
    term: str  # e.g. "Bypass"
    definition: str  # "" for key entries, which only list what they include
    explanation: str | None
    includes: tuple[str, ...]  # one item per <includes>: "Hallux", or "Face lift, breast augmentation"


def read_pcs_definitions(source: Source) -> tuple[int, list[PcsDefinition]]:
    """(fiscal year, definitions in file order).

    Every <terms> with a title and some text (definition, explanation or
    includes) is kept; a <terms> with several titles (the Body Part Key's
    "1st Toe, Left" and "1st Toe, Right") gives one definition per title. The
    Device Aggregation table (aggregate/device/operation/bodySys/parent) is
    skipped: it maps devices onto device values per operation and body system,
    which is not a definition of a term.
    """
    name = source_name(source)
    version: str | None = None
    section = ""
    axis = 0
    out: list[PcsDefinition] = []
    for event, elem, parent in events(source, ROOT):
        tag = elem.tag
        if event == "start":
            if tag == "section":
                section = elem.get("code", "")
            elif tag == "axis":
                axis = int(elem.get("pos", "0"))
            continue
        if tag == "terms":
            titles = [text_of(t) for t in elem.findall("title")]
            definition = text_of(elem.find("definition"))
            explanation = text_of(elem.find("explanation")) or None
            includes = tuple(text_of(i) for i in elem.findall("includes"))
            if definition or explanation or includes:
                out += [PcsDefinition(section, axis, t, definition, explanation, includes) for t in titles if t]
            elem.clear()
        elif tag in ("section", "deviceAggregation"):
            elem.clear()
        elif tag == "version" and parent == ROOT:
            version = text_of(elem)
    if not out:
        raise CmsFileError(f"{name}: no <terms> definitions; is the file cut short?")
    return fiscal_year(version, name), out
