"""Search results drawn line by line: only visible rows are rendered and, when
results change, only the rows that differ are repainted. Each row is one or
two segments, so a keystroke costs the terminal about a line's worth of bytes
per changed row (the budget over SSH is 2 KB per keystroke)."""

from __future__ import annotations

from rich.segment import Segment
from textual.geometry import Region, Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip


class ResultsList(ScrollView, can_focus=False):
    COMPONENT_CLASSES = {"results-list--cursor", "results-list--header"}
    DEFAULT_CSS = """
    ResultsList > .results-list--cursor { background: $accent 50%; text-style: bold; }
    ResultsList > .results-list--header { text-style: bold; color: $text-muted; }
    ResultsList { scrollbar-size-vertical: 0; overflow-x: hidden; }
    """
    HEADER = " Code       CC   Title"

    cursor = reactive(0, always_update=True)

    class Highlighted(Message):
        def __init__(self, index: int) -> None:
            super().__init__()
            self.index = index

    def __init__(self, capacity: int = 50, **kwargs) -> None:
        super().__init__(**kwargs)
        self.rows: list[str] = []
        self.capacity = capacity  # the most rows ever shown: a fixed virtual size never forces a new layout

    def on_resize(self) -> None:
        self.virtual_size = Size(self.size.width, self.capacity + 1)

    def set_rows(self, rows: list[str]) -> None:
        """Show new rows (one string each), repainting only the lines that changed."""
        old = self.rows
        self.rows = rows[: self.capacity]
        rows = self.rows
        top = self.scroll_offset.y
        if self.cursor != 0:
            self.cursor = 0
            self.scroll_to(y=0, animate=False)
            self.refresh()
            return
        for i in range(max(len(old), len(rows))):
            if (old[i] if i < len(old) else None) != (rows[i] if i < len(rows) else None):
                y = i + 1 - top
                if 0 <= y < self.size.height:
                    self.refresh(Region(0, y, self.size.width, 1))
        self.post_message(self.Highlighted(0))

    def render_line(self, y: int) -> Strip:
        width = self.size.width
        if y == 0:
            return Strip([Segment(self.HEADER[:width], self.get_component_rich_style("results-list--header"))]) \
                .extend_cell_length(width, self.rich_style)
        index = self.scroll_offset.y + y - 1
        if index >= len(self.rows):
            return Strip.blank(width, self.rich_style)
        style = self.rich_style
        if index == self.cursor:
            style = style + self.get_component_rich_style("results-list--cursor")
        return Strip([Segment(self.rows[index][:width].ljust(width), style)])

    def watch_cursor(self, old: int, new: int) -> None:
        top = self.scroll_offset.y
        for index in (old, new):
            y = index + 1 - top
            if 0 < y < self.size.height:
                self.refresh(Region(0, y, self.size.width, 1))
        visible = self.size.height - 1
        if new < top:
            self.scroll_to(y=new, animate=False)
            self.refresh()
        elif visible > 0 and new >= top + visible:
            self.scroll_to(y=new - visible + 1, animate=False)
            self.refresh()
        self.post_message(self.Highlighted(new))

    def move(self, step: int) -> None:
        if self.rows:
            self.cursor = max(0, min(len(self.rows) - 1, self.cursor + step))
