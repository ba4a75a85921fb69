"""A document viewer that renders only the visible lines (Textual's line API).

Record text is data: each line is drawn as plain segments, control characters
shown as visible escapes, so neither terminal escape sequences nor Rich markup
in a document can do anything. A cursor line and find-in-document give the
coder something to send to the code search.
"""

from __future__ import annotations

import textwrap

from rich.segment import Segment
from rich.style import Style
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from tui import bindings
from tui.text import plain


class DocumentView(ScrollView, can_focus=True):
    """Wrapped document text with a cursor line and find highlights."""

    COMPONENT_CLASSES = {"document-view--cursor", "document-view--match"}
    DEFAULT_CSS = """
    DocumentView { background: $surface; }
    DocumentView > .document-view--cursor { background: $boost; text-style: bold; }
    DocumentView > .document-view--match { background: $warning 40%; text-style: bold; }
    """
    BINDINGS = bindings.DOCUMENT

    cursor = reactive(0)

    class SendToSearch(Message):
        """The coder sent a phrase (the find match) or the cursor line to the code search."""

        def __init__(self, text: str) -> None:
            super().__init__()
            self.text = text

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self._text = ""
        self._lines: list[str] = []
        self._wrapped_for = 0
        self.find_term = ""
        self._matches: list[tuple[int, int]] = []  # (line, column)
        self._match_index = -1

    # -- content -----------------------------------------------------------

    def set_document(self, text: str) -> None:
        self._text = plain(text.expandtabs(4).replace("\r\n", "\n"))
        self._wrapped_for = 0
        self.cursor = 0
        self._rewrap()
        self.scroll_to(0, 0, animate=False)

    def _rewrap(self) -> None:
        width = max(20, self.scrollable_content_region.width - 1 or 80)
        if width == self._wrapped_for:
            return
        self._wrapped_for = width
        lines: list[str] = []
        for para in self._text.split("\n"):
            lines += textwrap.wrap(para, width, replace_whitespace=False, drop_whitespace=True) or [""]
        self._lines = lines
        self.virtual_size = Size(width, len(lines))
        self._find(self.find_term)
        self.cursor = min(self.cursor, max(0, len(lines) - 1))

    def on_resize(self) -> None:
        self._rewrap()

    @property
    def lines(self) -> list[str]:
        return self._lines

    # -- rendering ---------------------------------------------------------

    def render_line(self, y: int) -> Strip:
        scroll_x, scroll_y = self.scroll_offset
        index = scroll_y + y
        width = self.scrollable_content_region.width
        if index >= len(self._lines):
            return Strip.blank(width, self.rich_style)
        line = self._lines[index]
        base = self.rich_style
        if index == self.cursor and self.has_focus:
            base = base + self.get_component_rich_style("document-view--cursor")
        segments = self._highlight(line, index, base)
        return Strip(segments).crop(scroll_x, scroll_x + width).extend_cell_length(width, base)

    def _highlight(self, line: str, index: int, base: Style) -> list[Segment]:
        if not self.find_term:
            return [Segment(line, base)]
        match_style = base + self.get_component_rich_style("document-view--match")
        segments, start, n = [], 0, len(self.find_term)
        low = line.lower()
        at = low.find(self.find_term)
        while at >= 0:
            segments += [Segment(line[start:at], base), Segment(line[at:at + n], match_style)]
            start = at + n
            at = low.find(self.find_term, start)
        segments.append(Segment(line[start:], base))
        return segments

    def watch_cursor(self, old: int, new: int) -> None:
        self.refresh_lines(old - self.scroll_offset.y)
        self.refresh_lines(new - self.scroll_offset.y)
        top = self.scroll_offset.y
        height = self.scrollable_content_region.height
        if new < top:
            self.scroll_to(y=new, animate=False)
        elif height and new >= top + height:
            self.scroll_to(y=new - height + 1, animate=False)

    def on_focus(self) -> None:
        self.refresh()

    def on_blur(self) -> None:
        self.refresh()

    # -- actions -----------------------------------------------------------

    def action_cursor(self, delta: int) -> None:
        self.cursor = max(0, min(len(self._lines) - 1, self.cursor + delta))

    def action_page(self, direction: int) -> None:
        self.action_cursor(direction * max(1, self.scrollable_content_region.height - 1))

    def action_to_start(self) -> None:
        self.cursor = 0

    def action_to_end(self) -> None:
        self.cursor = max(0, len(self._lines) - 1)

    def find(self, term: str) -> int:
        """Highlight every match of `term` and move to the first one at or after the cursor; returns the count."""
        self._find(term)
        if self._matches:
            after = [i for i, (line, _) in enumerate(self._matches) if line >= self.cursor]
            self._match_index = after[0] if after else 0
            self.cursor = self._matches[self._match_index][0]
        self.refresh()
        return len(self._matches)

    def _find(self, term: str) -> None:
        self.find_term = term.strip().lower()
        self._matches, self._match_index = [], -1
        if not self.find_term:
            return
        for i, line in enumerate(self._lines):
            at = line.lower().find(self.find_term)
            while at >= 0:
                self._matches.append((i, at))
                at = line.lower().find(self.find_term, at + 1)

    def action_next_match(self, step: int) -> None:
        if not self._matches:
            return
        self._match_index = (self._match_index + step) % len(self._matches)
        self.cursor = self._matches[self._match_index][0]

    def selected_text(self) -> str:
        """The current find match (the phrase as written in the document), else the cursor line."""
        if self._matches and 0 <= self._match_index < len(self._matches):
            line, col = self._matches[self._match_index]
            return self._lines[line][col:col + len(self.find_term)]
        return self._lines[self.cursor].strip() if self._lines else ""

    def action_send(self) -> None:
        text = self.selected_text()
        if text:
            self.post_message(self.SendToSearch(text))
