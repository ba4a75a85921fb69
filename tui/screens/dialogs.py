"""Small modal dialogs: a one-line prompt, hold/query, commit confirmation.

Every dialog confirms with Enter or F10 and cancels with Esc or ctrl+g, so
nothing depends on Esc alone (which tmux and SSH can delay or swallow).
"""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Static, TextArea

from tui import bindings
from tui.text import plain

class TextPrompt(ModalScreen[str | None]):
    BINDINGS = bindings.PROMPT

    def __init__(self, title: str, placeholder: str = "", value: str = "") -> None:
        super().__init__()
        self.title_text, self.placeholder, self.value = title, placeholder, value

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(Text(self.title_text, style="bold"))
            yield Input(self.value, placeholder=self.placeholder, id="prompt")
            yield Static(Text("Enter to accept, Esc or ctrl+g to cancel", style="dim"))

    def on_mount(self) -> None:
        self.query_one(Input).cursor_blink = False

    @on(Input.Submitted)
    def _submit(self, event: Input.Submitted) -> None:
        self.dismiss(event.value)

    def action_cancel(self) -> None:
        self.dismiss(None)


class HoldScreen(ModalScreen[tuple[str, str] | None]):
    """Put the chart on hold: a reason and, for a physician query, the query text."""

    BINDINGS = bindings.HOLD

    def __init__(self, account: str) -> None:
        super().__init__()
        self.account = account

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(Text(f"Hold {self.account}", style="bold"))
            yield Input(placeholder="Reason (e.g. physician query, missing op note)", id="hold-reason")
            yield TextArea("", id="hold-query", soft_wrap=True)
            yield Static(Text("Query text above. F10 or ctrl+s holds the chart; Esc or ctrl+g cancels.", style="dim"))

    def on_mount(self) -> None:
        self.query_one(Input).cursor_blink = False
        self.query_one(TextArea).cursor_blink = False

    @on(Input.Submitted)
    def _next(self) -> None:
        self.query_one(TextArea).focus()

    def action_save(self) -> None:
        reason = self.query_one(Input).value.strip()
        if not reason:
            self.notify("A hold needs a reason.", severity="warning", timeout=3)
            self.query_one(Input).focus()
            return
        self.dismiss((reason, self.query_one(TextArea).text))

    def action_cancel(self) -> None:
        self.dismiss(None)


class CommitScreen(ModalScreen[bool]):
    """What a commit would send: problems and Code Editor errors block it, warnings need a key."""

    BINDINGS = bindings.COMMIT

    def __init__(self, account: str, problems: list[str], result, notes: list = (), checks: list = (),
                 verb: str = "Commit") -> None:
        """`notes`: instructional-note findings; `checks`: db.abstract_checks findings (errors block)."""
        super().__init__()
        self.account, self.problems, self.result, self.verb = account, problems, result, verb
        errors = [e for e in (result.edits if result else []) if e.level == "error"]
        self.blocking = problems + [c.message for c in checks if c.level == "error"] \
            + [f"Code Editor: {e.code or 'claim'}: {e.message}" for e in errors]
        self.warnings = [f"{e.code or 'claim'}: {e.message}" for e in (result.edits if result else [])
                         if e.level == "warning"] + [f"{n.code}: {n.message}" for n in notes] \
            + [c.message for c in checks if c.level != "error"]

    def compose(self) -> ComposeResult:
        t = Text()
        t.append(f"{self.verb} {self.account}\n", style="bold")
        r = self.result
        if r is not None:
            weight = f"{r.weight:.4f}" if r.weight is not None else "-"
            t.append(f"MS-DRG {r.drg} {plain(r.drg_title)}  weight {weight}\n")
            if not r.edits_available:
                t.append(plain(r.edits_note) + "\n", style="yellow")
        if self.blocking:
            t.append("\nThese must be fixed first:\n", style="bold red")
            for p in self.blocking:
                t.append(f"  - {plain(p)}\n", style="red")
            t.append("\nEsc or ctrl+g goes back to the chart.", style="dim")
        else:
            if self.warnings:
                t.append("\nWarnings (commit anyway?):\n", style="bold yellow")
                for w in self.warnings:
                    t.append(f"  - {plain(w)}\n", style="yellow")
            else:
                t.append("\nNo edits.\n", style="green")
            then = "records it" if self.verb != "Commit" else "commits and opens the next chart"
            t.append(f"\ny, Enter or F10 {then}; Esc or ctrl+g goes back.", style="dim")
        with Vertical(classes="dialog"):
            yield Static(t, id="commit-summary")

    def action_confirm(self) -> None:
        if self.blocking:
            self.notify("Fix the problems listed first.", severity="error", timeout=3)
            return
        self.dismiss(True)

    def action_cancel(self) -> None:
        self.dismiss(False)
