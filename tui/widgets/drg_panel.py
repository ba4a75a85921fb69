"""The live MS-DRG panel: DRG, weight, lengths of stay, payment estimate, edits,
and the abstract's checks against the encounter."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

from tui.text import plain


CHECK_STYLE = {"error": ("ERROR", "bold red"), "warning": ("CHECK", "yellow"), "note": ("NOTE ", "cyan")}


class DrgPanel(Static):
    def show_message(self, message: str, style: str = "", checks: list = ()) -> None:
        t = Text(plain(message) + "\n", style=style)
        _append_checks(t, checks)
        self.update(t)

    def show(self, r, notes: list = (), checks: list = ()) -> None:
        """Render a db.grouping.GroupingResult and the instructional-note findings."""
        t = Text()
        t.append(f"MS-DRG {r.drg}", style="bold")
        t.append(f"  {plain(r.drg_title)}\n")
        if r.return_message:
            t.append(plain(r.return_message) + "\n", style="bold red")
        weight = f"{r.weight:.4f}" if r.weight is not None else "-"
        t.append(f"Weight {weight}   GMLOS {r.gmlos if r.gmlos is not None else '-'}   "
                 f"AMLOS {r.amlos if r.amlos is not None else '-'}   {r.type} MDC {r.mdc}   v{r.version}\n")
        if r.estimated_payment is not None:
            t.append(f"Est. payment ${r.estimated_payment:,.2f} (estimate: weight x base rate ${r.base_rate:,.2f})\n")
        t.append(plain(r.weight_source) + "\n", style="dim")
        if not r.edits_available:
            t.append(plain(r.edits_note) + "\n", style="yellow")
        for e in r.edits:
            style = "bold red" if e.level == "error" else "yellow"
            t.append(f"{'ERROR' if e.level == 'error' else 'WARN '} {e.code or 'claim'}: {plain(e.message)}\n", style=style)
        warnings = [n for n in notes if n.level == "warning"]
        for n in warnings:
            t.append(f"NOTE  {n.code}: {plain(n.message)}\n", style="yellow")
        _append_checks(t, checks)
        reminders = len(notes) - len(warnings)
        if reminders:
            t.append(f"{reminders} note reminder{'s' if reminders != 1 else ''} (code first / use additional / "
                     "code also): F5\n", style="dim")
        if r.what_if:
            carriers = [a.code for a in r.what_if.without if a.changes_drg]
            if carriers:
                t.append(f"Carried by: {', '.join(carriers)}   ", style="cyan")
            t.append("F5 what-if", style="dim")
        self.update(t)


def _append_checks(t: Text, checks: list) -> None:
    """db.abstract_checks findings, errors first (they block the commit)."""
    for c in sorted(checks, key=lambda c: list(CHECK_STYLE).index(c.level)):
        label, style = CHECK_STYLE[c.level]
        t.append(f"{label} {plain(c.message)}\n", style=style)
