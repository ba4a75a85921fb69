"""Driving the real app in tests: a demo store, and waiting for workers."""

from __future__ import annotations

from pathlib import Path

from db.demo import create_demo_store
from tui.app import ChartKeyApp

CODER = "coder1"
FIXED_NOW = 1_795_000_000.0  # 2026-11-18: a fixed clock keeps timers and ages still


def demo_store(path: Path, records: int = 12) -> Path:
    store = create_demo_store(path, CODER, records, clock=lambda: FIXED_NOW)
    store.close()
    return path


def make_app(reference_path: Path, store_path: Path, **kwargs) -> ChartKeyApp:
    return ChartKeyApp(codes=reference_path, db=store_path, coder=CODER, clock=lambda: FIXED_NOW, **kwargs)


async def wait_for(pilot, predicate, timeout: float = 10.0, what: str = "condition") -> None:
    steps = int(timeout / 0.02)
    for _ in range(steps):
        await pilot.pause(0.02)
        if predicate():
            return
    raise AssertionError(f"timed out waiting for {what}")


async def type_text(pilot, text: str) -> None:
    await pilot.press(*[{" ": "space", ".": "full_stop"}.get(c, c) for c in text])
