"""Single-line widgets that repaint only themselves.

`Static.update` asks for a new layout on every change, which repaints far
more of the screen than the line; status lines that change on every
keystroke or every second use this instead.
"""

from __future__ import annotations

from rich.text import Text
from textual.widget import Widget
from textual.widgets import Input

from tui.text import plain


class TextLine(Widget):
    DEFAULT_CSS = "TextLine { height: 1; }"

    def __init__(self, text: str = "", **kwargs) -> None:
        super().__init__(**kwargs)
        self._text = Text(plain(text))

    def set(self, text: str | Text) -> None:
        new = text if isinstance(text, Text) else Text(plain(text))
        if new != self._text:
            self._text = new
            self.refresh()

    @property
    def text(self) -> str:
        return self._text.plain

    def render(self) -> Text:
        return self._text


class QueryInput(Input):
    """An input whose typing repaints only its own line.

    Textual's Input sets its virtual width to the text's width on every
    keystroke, and a changed virtual size asks for a new layout of the whole
    screen. Reporting at least the widget's own width keeps the virtual size
    still while the text fits, so a keystroke costs one line of output.
    """

    @property
    def content_width(self) -> int:
        return max(super().content_width, self.size.width)
