"""The term tree shared by the index files: the ICD-10-CM Index to Diseases,
External Cause Index, Neoplasm Table and Table of Drugs and Chemicals (one
schema) and the ICD-10-PCS Index (the same mainTerm/term nesting). One walker,
one reading of titles and nonessential modifiers."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from dataclasses import dataclass, field

from db.cms.detect import CmsFileError, fiscal_year
from db.cms.xmlstream import Source, events, source_name, text_of

_TERMS = {"mainTerm", "term"}


@dataclass
class Term:
    """One mainTerm or term, with the titles of its ancestors."""

    path: tuple[str, ...]
    modifiers: tuple[str, ...]
    fields: dict[str, str] = field(default_factory=dict)  # child tag (see, code, ...) -> text
    cells: dict[int, str] = field(default_factory=dict)  # column number -> text


def read_terms(source: Source, root: str) -> tuple[int, list[str], list[Term]]:
    """(fiscal year, column headings (tables only), every term in file order).

    A term's child elements become its fields, by tag, with the text of their
    own children left out ("Resection, Uterus<codes>0UT9</codes>" gives
    see="Resection, Uterus"); those nested children become fields as well
    (codes="0UT9") unless the term has that field itself.
    """
    name = source_name(source)
    version: str | None = None
    heads: dict[int, str] = {}
    terms: list[Term] = []
    stack: list[Term] = []
    for event, elem, parent in events(source, root):
        tag = elem.tag
        if event == "start":
            if tag == root and elem.get("isAddenda") == "true":
                raise CmsFileError(f"{name}: an addenda file (changes only), not the full index")
            if tag in _TERMS:
                outer = stack[-1] if stack else Term((), ())
                stack.append(Term(outer.path, outer.modifiers))
                terms.append(stack[-1])
            continue
        if tag in _TERMS:
            stack.pop()
            elem.clear()
        elif parent in _TERMS:
            term = stack[-1]
            if tag == "title":
                title, modifiers = split_title(elem)
                term.path += (title,)
                term.modifiers += modifiers
            elif tag == "cell":
                term.cells[int(elem.get("col", "0"))] = text_of(elem)
            else:
                own = (elem.text or "") + "".join(child.tail or "" for child in elem)
                term.fields[tag] = " ".join(own.split())
                for child in elem:
                    term.fields.setdefault(child.tag, text_of(child))
            elem.clear()
        elif tag == "version" and parent == root:
            version = text_of(elem)
        elif tag == "head":
            heads[int(elem.get("col", "0"))] = text_of(elem)
        elif tag == "letter":
            elem.clear()
    if not terms:
        raise CmsFileError(f"{name}: no index terms; is the file cut short?")
    return fiscal_year(version, name), [heads[col] for col in sorted(heads)], terms


def split_title(elem: ET.Element) -> tuple[str, tuple[str, ...]]:
    """(visible title, nonessential modifiers) of a <title>: the parenthesised
    groups of its <nemod> children leave the title and become modifiers.

    "Abandonment<nemod>(causing exposure) (with intent)</nemod> NEC" gives
    ("Abandonment NEC", ("causing exposure", "with intent")). CMS sometimes tags
    essential words as nemod too ("Complication<nemod>(delayed) of or following
    (medical or surgical procedure)</nemod>"); only the groups are removed, and a
    group glued to a word ("cigarette(s)", "(-ortho-)cresol") stays in the title.
    """
    visible = [elem.text or ""]
    modifiers: list[str] = []
    for child in elem:
        if child.tag == "nemod":
            kept, found = _split_nemod("".join(child.itertext()))
            visible.append(kept)
            modifiers += found
        else:
            visible.append("".join(child.itertext()))
        visible.append(child.tail or "")
    return " ".join("".join(visible).split()), tuple(modifiers)


def _split_nemod(text: str) -> tuple[str, list[str]]:
    kept: list[str] = []
    modifiers: list[str] = []
    start = 0
    for begin, end in _groups(text):
        glued = (begin > 0 and not text[begin - 1].isspace()) or text[end + 1:end + 2].isalnum()
        if glued:
            continue
        kept += [text[start:begin], " "]
        modifier = " ".join(text[begin + 1:end].split())
        if modifier:
            modifiers.append(modifier)
        start = end + 1
    kept.append(text[start:])
    return "".join(kept), modifiers


def _groups(text: str):
    """(open, close) positions of the outermost balanced parentheses."""
    depth = begin = 0
    for i, ch in enumerate(text):
        if ch == "(":
            if depth == 0:
                begin = i
            depth += 1
        elif ch == ")" and depth:
            depth -= 1
            if depth == 0:
                yield begin, i
