"""A code's full tabular entry; for a code that needs a 7th character, pick it with one key."""

from __future__ import annotations

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from tui import bindings
from tui.text import plain


class CodeDetailScreen(ModalScreen[tuple[str, str] | None]):
    BINDINGS = bindings.CODE_DETAIL

    def __init__(self, system: str, code: str, choose: bool = False) -> None:
        super().__init__()
        self.system, self.code, self.choose = system, code, choose
        self.detail = None

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="dialog wide"):
            yield Static("Loading...", id="detail-body")

    def on_mount(self) -> None:
        self._load()

    @work(thread=True)
    def _load(self) -> None:
        from db.code_detail import code_detail

        detail = code_detail(self.app.reference, self.system, self.code)
        self.app.call_from_thread(self._show, detail)

    def _show(self, detail) -> None:
        from db.code_detail import NOTE_TITLES

        self.detail = detail
        body = self.query_one("#detail-body", Static)
        if detail is None:
            body.update(Text(f"{self.code}: not in the installed code set"))
            return
        c = detail.code
        t = Text()
        t.append(f"{c.display}  ", style="bold")
        t.append(plain(c.title) + "\n", style="bold")
        state = "billable" if c.billable else "needs a 7th character" if c.needs_seventh else "header (not billable)"
        t.append(f"{'ICD-10-CM' if c.system == 'cm' else 'ICD-10-PCS'}, {state}\n", style="dim")
        for p in detail.parents:
            t.append(f"  in {p.display}  {plain(p.title)}\n", style="dim")
        kinds: dict[str, list] = {}
        for n in detail.notes:
            kinds.setdefault(n.kind, []).append(n)
        for kind, notes in kinds.items():
            t.append(f"\n{NOTE_TITLES.get(kind, kind)}\n", style="bold")
            for n in notes:
                source = "" if n.source == c.display else f"  (from {n.source})"
                t.append(f"  - {plain(n.text)}", style="")
                t.append(source + "\n", style="dim")
        if detail.seventh:
            t.append("\n7th character" + (": press it to post the full code\n" if self.choose else "\n"), style="bold")
            for char, meaning in detail.seventh:
                t.append(f"  {char}  {plain(meaning)}\n")
        t.append("\nEsc, ctrl+g or F4 closes.", style="dim")
        body.update(t)

    def on_key(self, event) -> None:
        """With a 7th character to choose, its key picks it (A, D, S, 0-9...)."""
        if not (self.choose and self.detail and self.detail.seventh and event.character):
            return
        char = event.character.upper()
        for c, meaning in self.detail.seventh:
            if c == char:
                from db.code_detail import with_seventh

                event.stop()
                self.dismiss((with_seventh(self.detail.code, c), f"{self.detail.code.title}, {meaning}"))
                return

    def action_close(self) -> None:
        self.dismiss(None)
