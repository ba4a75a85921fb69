"""The ICD-10-PCS builder: one key per axis, only valid values offered."""

from __future__ import annotations

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from tui import bindings
from tui.text import plain


class PcsBuilderScreen(ModalScreen[tuple[str, str] | None]):
    """Dismisses with (code, title) when a finished code is posted with Enter."""

    BINDINGS = bindings.PCS_BUILDER

    def __init__(self, prefix: str = "") -> None:
        super().__init__()
        self.prefix = prefix.upper().replace(".", "")[:7]
        self.current = None  # db.pcs_builder.Step

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="dialog wide"):
            yield Static("Loading...", id="builder-body")

    def on_mount(self) -> None:
        self._load(self.prefix)

    @work(thread=True, exclusive=True)
    def _load(self, prefix: str) -> None:
        from db.pcs_builder import step

        found = step(self.app.reference, prefix)
        if not found.choices and not found.complete and prefix:
            found = step(self.app.reference, "")  # not a valid start: begin at the section
        self.app.call_from_thread(self._show, found)

    def _show(self, found) -> None:
        from db.pcs_builder import AXES

        self.current = found
        t = Text()
        code = found.prefix.ljust(7, "_")
        t.append("ICD-10-PCS builder   ", style="bold")
        t.append(" ".join(code) + "\n", style="bold cyan")
        t.append("  ".join(f"{a[:4]}" for a in AXES) + "\n\n", style="dim")
        if found.complete:
            t.append(f"{found.prefix}  {plain(found.title)}\n\n", style="bold green")
            t.append("Enter posts this code; Backspace goes back one axis; Esc or ctrl+g cancels.", style="dim")
        else:
            t.append(f"{found.axis}: press a character\n", style="bold")
            for c in found.choices:
                t.append(f"  {c.char}  ", style="bold")
                t.append(plain(c.label)[:100] + "\n")
                if c.definition:
                    t.append(f"       {plain(c.definition)[:110]}\n", style="dim")
            t.append("\nBackspace goes back one axis; Esc or ctrl+g cancels.", style="dim")
        self.query_one("#builder-body", Static).update(t)

    def on_key(self, event) -> None:
        if self.current is None:
            return
        if event.key == "backspace":
            event.stop()
            self._load(self.current.prefix[:-1])
        elif event.key == "enter" and self.current.complete:
            event.stop()
            self.dismiss((self.current.prefix, self.current.title))
        elif event.character and not self.current.complete:
            char = event.character.upper()
            if any(c.char == char for c in self.current.choices):
                event.stop()
                self._load(self.current.prefix + char)

    def action_cancel(self) -> None:
        self.dismiss(None)
