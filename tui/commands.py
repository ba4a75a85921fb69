"""Command palette: ChartKey's actions, and code search from the palette."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator

from textual.app import SystemCommand
from textual.command import Hit, Hits, Provider


def chartkey_commands(app, screen) -> Iterator[SystemCommand]:
    from tui.screens.chart import ChartScreen
    from tui.screens.queue import QueueScreen

    yield SystemCommand("Help: keys", "Show every key of the active keymap", app.action_help)
    if isinstance(screen, QueueScreen):
        yield SystemCommand("Claim next chart", "Lease the highest-priority free record", screen.action_claim_next)
        yield SystemCommand("Filter by status", "Cycle the status filter", screen.action_cycle_status)
        yield SystemCommand("Only my charts", "Toggle showing only charts you hold", screen.action_toggle_mine)
    if isinstance(screen, ChartScreen):
        yield SystemCommand("Commit chart", "Check and commit the abstract", screen.action_commit)
        yield SystemCommand("What-if", "DRG without each diagnosis, each as principal, the family", screen.action_what_if)
        yield SystemCommand("Hold / query", "Put the chart on hold with a physician query", screen.action_hold)
        yield SystemCommand("Release chart", "Give the chart back to the queue (draft kept)", screen.action_release)
        yield SystemCommand("Find in document", "Find words in the document", screen.action_find)


class CodeSearchProvider(Provider):
    """Type a code or words in the palette; on the chart, choosing a code posts it."""

    async def search(self, query: str) -> Hits:
        from db.search import search

        app = self.app
        if app.reference is None or len(query.strip()) < 2:
            return
        found = await asyncio.to_thread(search, query, "all", 15, app.reference)
        matcher = self.matcher(query)
        for r in found:
            label = f"{r.code}  {r.description}"
            yield Hit(max(matcher.match(label), 0.5), matcher.highlight(label), lambda r=r: self._chosen(r),
                      help=r.match)

    def _chosen(self, result) -> None:
        from tui.screens.chart import ChartScreen
        from tui.screens.code_detail import CodeDetailScreen

        screen = self.app.screen
        if isinstance(screen, ChartScreen):
            screen._post(result, principal=False)
        else:
            self.app.push_screen(CodeDetailScreen(result.system, result.code.replace(".", "")))
