"""Every class that declares bindings: the keymap validator and the help screen read them here."""

from __future__ import annotations

def binding_owners() -> list[type]:
    from tui.app import ChartKeyApp
    from tui.screens.chart import ChartScreen
    from tui.screens.dialogs import CommitScreen, HoldScreen, TextPrompt
    from tui.screens.help import HelpScreen
    from tui.screens.code_detail import CodeDetailScreen
    from tui.screens.queue import QueueScreen
    from tui.screens.what_if import WhatIfScreen
    from tui.widgets.abstract_table import AbstractTable
    from tui.widgets.code_search import CodeSearch
    from tui.widgets.document_view import DocumentView

    return [ChartKeyApp, QueueScreen, ChartScreen, CodeSearch, DocumentView, AbstractTable, CodeDetailScreen,
            WhatIfScreen, HoldScreen, CommitScreen, TextPrompt, HelpScreen]
