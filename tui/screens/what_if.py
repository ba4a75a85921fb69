"""What-if: which secondary diagnosis carries the DRG, each diagnosis as principal,
and the DRG family with the documentation question that would reach each member."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from tui import bindings
from tui.text import plain


def _w(weight) -> str:
    return f"{weight:.4f}" if weight is not None else "-"


class WhatIfScreen(ModalScreen[None]):
    BINDINGS = bindings.WHAT_IF

    def __init__(self, result, notes: list = ()) -> None:
        super().__init__()
        self.result, self.notes = result, notes

    def compose(self) -> ComposeResult:
        r = self.result
        t = Text()
        t.append(f"MS-DRG {r.drg} {plain(r.drg_title)}  weight {_w(r.weight)}\n", style="bold")
        w = r.what_if
        if w is None:
            t.append("No what-if for this result.\n")
        else:
            t.append("\nWithout each secondary diagnosis\n", style="bold")
            for a in w.without or []:
                mark = "  <- carries the DRG" if a.changes_drg else ""
                t.append(f"  {a.code:<9} DRG {a.drg} {plain(a.title)[:50]:<50} {_w(a.weight)}")
                t.append(mark + "\n", style="bold cyan")
            if not w.without:
                t.append("  (no secondary diagnoses)\n", style="dim")
            t.append("\nEach diagnosis as principal\n", style="bold")
            for a in w.as_principal or []:
                t.append(f"  {a.code:<9} DRG {a.drg} {plain(a.title)[:50]:<50} {_w(a.weight)}\n",
                         style="" if a.changes_drg else "dim")
            t.append("\nThe DRG family\n", style="bold")
            for m in w.family:
                t.append(f"  DRG {m.drg} {plain(m.title)[:56]:<56} {_w(m.weight)}  needs {m.needs}"
                         f"{'  (this chart)' if m.current else ''}\n", style="bold" if m.current else "")
                if m.question:
                    t.append(f"     {plain(m.question)}\n", style="cyan")
            if not w.family:
                t.append("  This DRG does not split on CC/MCC.\n", style="dim")
        if self.notes:
            t.append("\nInstructional notes\n", style="bold")
            for n in self.notes:
                t.append(f"  {n.code:<9} {plain(n.message)}\n", style="yellow" if n.level == "warning" else "")
        t.append("\nEsc, ctrl+g or F5 closes.", style="dim")
        with VerticalScroll(classes="dialog wide"):
            yield Static(t)

    def action_close(self) -> None:
        self.dismiss(None)
