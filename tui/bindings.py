"""Every key binding ChartKey declares, by context, each with its binding id.

Kept in one light module so that the keymap can be validated, and the help
screen generated, without importing the screens (and what they import)
before the first frame.
"""

from __future__ import annotations

from textual.binding import Binding

CANCEL = Binding("escape,ctrl+g", "cancel", "Cancel", id="dialog.cancel")

APP = [
    Binding("ctrl+q", "quit", "Quit", id="app.quit", priority=True),
    Binding("f1", "help", "Help", id="app.help"),
    Binding("question_mark", "help", "Help", show=False, id="app.help_alt"),
]

QUEUE = [
    Binding("c", "claim_next", "Claim next", id="queue.claim_next"),
    Binding("enter", "open", "Open", id="queue.open"),
    Binding("f", "cycle_status", "Status", id="queue.filter_status"),
    Binding("s", "cycle_service", "Service", id="queue.filter_service"),
    Binding("m", "toggle_mine", "Mine", id="queue.mine"),
    Binding("o", "cycle_sort", "Sort", id="queue.sort"),
    Binding("u", "unhold", "Unhold", id="queue.unhold"),
    Binding("r", "reports", "Reports", id="queue.reports"),
    Binding("v", "review", "Review", id="queue.review"),
    Binding("i", "summary", "Summary", show=False, id="queue.summary"),
    Binding("j", "cursor(1)", "Down", show=False, id="queue.down"),
    Binding("k", "cursor(-1)", "Up", show=False, id="queue.up"),
]

CHART = [
    Binding("f2", "focus_search", "Search", id="chart.search"),
    Binding("slash", "focus_search", "Search", show=False, id="chart.search_alt"),
    Binding("f3", "post_principal", "Principal", id="chart.principal"),
    Binding("f4", "detail", "Detail", id="chart.detail"),
    Binding("f5", "what_if", "What-if", id="chart.what_if"),
    Binding("f6", "hold", "Hold", id="chart.hold"),
    Binding("f7", "documents", "Docs", id="chart.documents"),
    Binding("f8", "focus_abstract", "Abstract", id="chart.abstract"),
    Binding("f9", "back", "Queue", id="chart.queue"),
    Binding("f10,ctrl+s", "commit", "Commit", id="chart.commit"),
    Binding("ctrl+r", "release", "Release", show=False, id="chart.release"),
    Binding("ctrl+f", "find", "Find", show=False, id="chart.find"),
    Binding("ctrl+n", "next_document", "Next doc", show=False, id="chart.next_document"),
    Binding("ctrl+t", "pcs_builder", "PCS builder", show=False, id="chart.pcs_builder"),
    Binding("ctrl+o", "tables", "Neoplasm/Drug table", show=False, id="chart.tables"),
    Binding("ctrl+l", "encounter", "Encounter", show=False, id="chart.encounter"),
    Binding("ctrl+y", "summary", "Summary", show=False, id="chart.summary"),
]

SEARCH = [
    Binding("down", "move(1)", "Next result", show=False, id="search.next"),
    Binding("up", "move(-1)", "Previous result", show=False, id="search.previous"),
    Binding("pagedown", "page(1)", "Page down", show=False, id="search.page_down"),
    Binding("pageup", "page(-1)", "Page up", show=False, id="search.page_up"),
    Binding("enter", "choose", "Post", id="search.choose"),
]

DOCUMENT = [
    Binding("down", "cursor(1)", "Down", show=False, id="document.down"),
    Binding("up", "cursor(-1)", "Up", show=False, id="document.up"),
    Binding("pagedown", "page(1)", "Page down", show=False, id="document.page_down"),
    Binding("pageup", "page(-1)", "Page up", show=False, id="document.page_up"),
    Binding("home", "to_start", "Top", show=False, id="document.top"),
    Binding("end", "to_end", "Bottom", show=False, id="document.bottom"),
    Binding("n", "next_match(1)", "Next match", show=False, id="document.next_match"),
    Binding("N", "next_match(-1)", "Previous match", show=False, id="document.previous_match"),
    Binding("s", "send", "Send to search", id="document.send"),
]

ABSTRACT = [
    Binding("y", "poa('Y')", "POA Y", id="abstract.poa_y"),
    Binding("n", "poa('N')", "POA N", id="abstract.poa_n"),
    Binding("u", "poa('U')", "POA U", show=False, id="abstract.poa_u"),
    Binding("w", "poa('W')", "POA W", show=False, id="abstract.poa_w"),
    Binding("1", "poa('1')", "POA exempt", show=False, id="abstract.poa_exempt"),
    Binding("p", "edit('principal')", "Make principal", id="abstract.principal"),
    Binding("left_square_bracket", "edit('up')", "Move up", id="abstract.up"),
    Binding("right_square_bracket", "edit('down')", "Move down", id="abstract.down"),
    Binding("d,delete", "edit('delete')", "Delete", id="abstract.delete"),
    Binding("e", "edit('date')", "Date", show=False, id="abstract.date"),
    Binding("o", "edit('physician')", "Operating physician", show=False, id="abstract.physician"),
    Binding("a", "edit('admitting')", "As admitting dx", show=False, id="abstract.admitting"),
    Binding("j", "cursor_down", "Down", show=False, id="abstract.cursor_down"),
    Binding("k", "cursor_up", "Up", show=False, id="abstract.cursor_up"),
]

CODE_DETAIL = [Binding("escape,ctrl+g,f4", "close", "Close", id="detail.close")]
WHAT_IF = [Binding("escape,ctrl+g,f5", "close", "Close", id="what_if.close")]
HOLD = [Binding("f10,ctrl+s", "save", "Hold", id="hold.save"), CANCEL]
COMMIT = [Binding("f10,enter,y", "confirm", "Commit", id="commit.confirm"), CANCEL]
PROMPT = [CANCEL]
PCS_BUILDER = [CANCEL]
TABLES = [Binding("ctrl+n", "switch_table", "Other table", id="tables.switch"), CANCEL]
REPORTS = [
    *(Binding(str(n), f"show({n})", name, show=False, id=f"reports.{name}") for n, name in enumerate(
        ("productivity", "dnfb", "cmi", "cc_capture", "holds", "accuracy"), 1)),
    Binding("f9,q", "back", "Queue", id="reports.back"),
]
REVIEW = [
    Binding("n", "draw", "New sample", id="review.draw"),
    Binding("b", "review('blind')", "Blind", id="review.blind"),
    Binding("o", "review('open')", "Open", id="review.open"),
    Binding("x", "return", "Return to coder", id="review.return"),
    Binding("f9,q", "back", "Queue", id="review.back"),
]
PICK = [
    Binding("down", "move(1)", "Next", show=False, id="pick.next"),
    Binding("up", "move(-1)", "Previous", show=False, id="pick.previous"),
    Binding("enter", "choose", "Choose", id="pick.choose"),
    CANCEL,
]
ENCOUNTER = [
    Binding("e", "edit", "Edit field", id="encounter.edit"),
    Binding("escape,ctrl+g,f9", "close", "Close", id="encounter.close"),
]
SUMMARY = [Binding("escape,ctrl+g,f9", "close", "Close", id="summary.close")]
HELP = [Binding("escape,ctrl+g,f1", "close", "Close", id="help.close")]

# context name (as the help screen shows it) -> bindings
CONTEXTS: dict[str, list[Binding]] = {
    "Everywhere": APP, "Work queue": QUEUE, "Chart": CHART, "Code search": SEARCH, "Document": DOCUMENT,
    "Abstract": ABSTRACT, "Code detail": CODE_DETAIL, "What-if": WHAT_IF, "Hold": HOLD, "Commit": COMMIT,
    "Prompt": PROMPT, "PCS builder": PCS_BUILDER, "Tables": TABLES, "Pick list": PICK, "Encounter": ENCOUNTER,
    "Summary": SUMMARY, "Reports": REPORTS, "Review": REVIEW, "Help": HELP,
}
