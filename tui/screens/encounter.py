"""The encounter data of the chart (UB-04 fields around the codes), each with the
checks that concern it; Enter or e edits the highlighted field: a pick list for
coded fields, a prompt for dates, hours and names. Every change is saved at once
and regroups the chart."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import DataTable, Static

from tui import bindings
from tui.text import plain

ADMITTING = "admit_dx"
# rows that show the patient, for the sex- and age-specific code checks; not edited here
PATIENT = ("sex", "age")
LEVEL_STYLE = {"error": "bold red", "warning": "yellow", "note": "cyan"}


class EncounterScreen(ModalScreen[None]):
    BINDINGS = bindings.ENCOUNTER

    def __init__(self, chart) -> None:
        super().__init__()
        self.chart = chart
        self.rows: list[str] = []
        self.details: list[Text] = []  # per row: the full value and every check, for narrow terminals

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog wide"):
            yield Static(Text(f"Encounter of {self.chart.record.account}", style="bold"), id="encounter-title")
            yield DataTable(id="encounter-fields", cursor_type="row")
            yield Static(id="encounter-detail")
            yield Static(Text("Enter or e edits (saved at once, regroups).  F9 closes.", style="dim"))

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        for label, width in (("Field", 26), ("Value", 42), ("Check", None)):
            table.add_column(label, width=width)
        self.chart.encounter_view = self
        self.refresh_rows()
        table.focus()

    def on_unmount(self) -> None:
        if self.chart.encounter_view is self:
            self.chart.encounter_view = None

    def refresh_rows(self) -> None:
        """Redraw from the chart's record, abstract and latest checks."""
        from db.encounter import FIELDS, describe
        from db.textnorm import display_cm

        r, abstract = self.chart.record, self.chart.abstract
        by_field: dict[str, list] = {}
        for c in self.chart.checks:
            by_field.setdefault(c.field, []).append(c)
        rows = [(f.name, f"{f.label} {f.locator}".strip(), describe(f.name, getattr(r, f.name), r.admission_type))
                for f in FIELDS]
        admitting = abstract.admit_dx
        rows.append((ADMITTING, "Admitting diagnosis FL69",
                     f"{display_cm(admitting)} {self.chart.titles.get(admitting, '')}" if admitting else ""))
        rows += [("sex", "Patient's sex", r.sex), ("age", "Patient's age", f"{r.age} (born {r.birth_date})")]
        table = self.query_one(DataTable)
        keep = table.cursor_row
        table.clear()
        self.rows, self.details = [], []
        for name, label, value in rows:
            found = by_field.get(name, []) + (by_field.get("discharge_hour", []) if name == "discharge_date" else [])
            worst = found[0].level if found else ""
            check = Text(plain("; ".join(c.message for c in found)), style=LEVEL_STYLE.get(worst, ""))
            table.add_row(Text(label), Text(plain(value)), check)
            self.rows.append(name)
            extra = " (kept with the record, never exported)" if name == "coder_comment" else ""
            self.details.append(Text.assemble((f"{label}{extra}: ", "bold"), plain(value) or "-",
                                              *[("\n" + plain(c.message), LEVEL_STYLE[c.level]) for c in found]))
        table.move_cursor(row=min(keep, len(self.rows) - 1))
        self._show_detail()

    @on(DataTable.RowHighlighted)
    def _show_detail(self) -> None:
        row = self.query_one(DataTable).cursor_row
        if 0 <= row < len(self.details):
            self.query_one("#encounter-detail", Static).update(self.details[row])

    @on(DataTable.RowSelected)
    def _selected(self) -> None:
        self.action_edit()

    def action_edit(self) -> None:
        from db.encounter import BY_NAME, choices
        from tui.screens.dialogs import TextPrompt
        from tui.screens.pick import PickScreen

        name = self.rows[self.query_one(DataTable).cursor_row]
        r = self.chart.record
        if name in PATIENT:
            self.notify("The patient's sex and birth date come from registration; they are not coded here.", timeout=4)
            return
        if name == ADMITTING:
            current = self.chart.abstract.admit_dx or ""
            self.app.push_screen(TextPrompt("Admitting diagnosis (FL69): an ICD-10-CM code, empty to remove",
                                            "e.g. R07.9", current), self._admitting)
            return
        field = BY_NAME[name]
        value = getattr(r, name) or ""

        def done(answer: str | None) -> None:
            if answer is not None and answer != value:
                self.chart.set_encounter(name, answer)

        if field.kind == "code":
            self.app.push_screen(PickScreen(f"{field.label} ({field.locator})", choices(name, r.admission_type), value),
                                 done)
        else:
            hint = {"date": "YYYY-MM-DD", "hour": "00 to 23, 99 when unknown"}.get(field.kind, "")
            self.app.push_screen(TextPrompt(field.label, hint, value), done)

    def _admitting(self, answer: str | None) -> None:
        if answer is not None:
            self.chart.set_admitting(answer)

    def action_close(self) -> None:
        self.dismiss(None)
