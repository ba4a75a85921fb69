"""The abstract being coded: principal and secondary diagnoses with POA and
CC/MCC markers, external causes (E1..), an admitting diagnosis not otherwise
listed, then procedures with dates and physicians, the principal first. One key
per edit."""

from __future__ import annotations

from rich.text import Text
from textual.message import Message
from textual.widgets import DataTable

from tui import bindings
from tui.text import plain


class AbstractTable(DataTable):
    """Rows are ("dx", index) for diagnoses (0 = principal), ("adm", 0) for an admitting
    diagnosis not listed among them, and ("px", index) for procedures."""

    BINDINGS = bindings.ABSTRACT

    class Edit(Message):
        """The coder asked for an edit of the highlighted row."""

        def __init__(self, row: tuple[str, int], what: str, value: str | None = None) -> None:
            super().__init__()
            self.row = row
            self.what = what
            self.value = value

    def __init__(self, **kwargs) -> None:
        super().__init__(cursor_type="row", zebra_stripes=False, **kwargs)
        self.keys: list[tuple[str, int]] = []

    def on_mount(self) -> None:
        for label, key, width in (("", "role", 4), ("Code", "code", 9), ("POA", "poa", 3), ("CC", "cc", 4),
                                  ("Title", "title", None)):
            self.add_column(label, key=key, width=width)

    def show(self, abstract, titles: dict[str, str], impacts: dict[str, tuple[str, bool, bool]],
             flagged: set[str] = frozenset()) -> None:
        """Redraw: `titles` by code key, `impacts` by code key -> (severity, excluded, affects DRG),
        `flagged`: codes with an instructional-note warning (marked "!")."""
        from db.textnorm import display_cm

        keep = self.cursor_row
        self.clear()
        self.keys = []
        coded = len(abstract.diagnoses()) - len(abstract.external)
        for i, d in enumerate(abstract.diagnoses()):
            severity, excluded, affects = impacts.get(d.code, ("", False, False))
            marker = "" if severity in ("", "NONE") else ("x" if excluded else "") + severity + ("*" if affects else "")
            marker = ("!" if d.code in flagged else "") + marker
            style = "bold" if i == 0 else ""
            role = "PDX" if i == 0 else f"{i:>3}" if i < coded else f" E{i - coded + 1}"
            title = plain(titles.get(d.code, "")) + (" (admitting)" if d.code == abstract.admit_dx else "")
            self.add_row(Text(role, style=style), Text(display_cm(d.code), style=style),
                         Text(d.poa or "?", style="" if d.poa else "bold red"), Text(marker), Text(title))
            self.keys.append(("dx", i))
        if abstract.admit_dx and not abstract.has_diagnosis(abstract.admit_dx):
            self.add_row(Text("ADM"), Text(display_cm(abstract.admit_dx)), Text(""), Text(""),
                         Text(plain(titles.get(abstract.admit_dx, "")) + " (admitting only)"))
            self.keys.append(("adm", 0))
        for i, p in enumerate(abstract.procedures):
            title = plain(titles.get(p.code, "")) + (f" - {plain(p.physician)}" if p.physician else "")
            flag = "!" if p.code in flagged else ""
            self.add_row(Text("PX" if i == 0 else f"px{i + 1}", style="bold" if i == 0 else ""), Text(p.code),
                         Text(flag, style="bold red"), Text(p.date or "?", style="" if p.date else "bold red"),
                         Text(title))
            self.keys.append(("px", i))
        if self.keys:
            self.move_cursor(row=min(keep, len(self.keys) - 1))

    def current(self) -> tuple[str, int] | None:
        if not self.keys or self.cursor_row >= len(self.keys):
            return None
        return self.keys[self.cursor_row]

    def action_poa(self, value: str) -> None:
        row = self.current()
        if row and row[0] == "dx":
            self.post_message(self.Edit(row, "poa", value))

    def action_edit(self, what: str) -> None:
        row = self.current()
        if row:
            self.post_message(self.Edit(row, what))
