"""Streaming XML reading shared by the CMS parsers: every release file is read
with `iterparse` (the PCS tables alone are 3 MB, the CM tabular 10 MB), and a
broken or cut-short file becomes one clear CmsFileError instead of a bare
ParseError."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Iterator
from os import PathLike
from typing import BinaryIO

from db.cms.detect import CmsFileError

Source = str | PathLike | BinaryIO


def source_name(source: Source) -> str:
    """The file or member name of a path or an open binary file, for messages."""
    if isinstance(source, (str, PathLike)):
        return str(source)
    return str(getattr(source, "name", "<stream>"))


def text_of(elem: ET.Element | None) -> str:
    """The element's whole text, whitespace collapsed ("" for None)."""
    return "" if elem is None else " ".join("".join(elem.itertext()).split())


def events(source: Source, root: str) -> Iterator[tuple[str, ET.Element, str]]:
    """("start" | "end", element, parent tag) for every element under `root`.

    The parent tag is "" for the root itself. Callers clear what they have
    consumed; an element whose tail they still need is cleared with its parent.
    """
    name = source_name(source)
    stack: list[str] = []
    try:
        for event, elem in ET.iterparse(source, events=("start", "end")):
            if event == "start":
                if not stack and elem.tag != root:
                    raise CmsFileError(f"{name}: root element <{elem.tag}>, expected <{root}>")
                stack.append(elem.tag)
                yield event, elem, stack[-2] if len(stack) > 1 else ""
            else:
                stack.pop()
                yield event, elem, stack[-1] if stack else ""
    except ET.ParseError as err:
        line, column = err.position
        reason = str(err).split(":")[0]
        raise CmsFileError(f"{name}: broken XML at line {line}, column {column} ({reason}); is the file cut short?") from None
