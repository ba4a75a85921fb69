"""Shared fixtures: one reference database built per test session."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from db.reference import open_reference

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(autouse=True)
def private_dirs(tmp_path_factory, monkeypatch):
    """Tests never touch the user's real cache, data or config directories."""
    home = tmp_path_factory.mktemp("xdg")
    for var in ("XDG_DATA_HOME", "XDG_CACHE_HOME", "XDG_CONFIG_HOME"):
        monkeypatch.setenv(var, str(home / var.lower()))
    monkeypatch.delenv("CHARTKEY_DB", raising=False)
    monkeypatch.delenv("CHARTKEY_CODES", raising=False)


@pytest.fixture(scope="session")
def reference_path(tmp_path_factory) -> Path:
    """A reference database built from the packaged code sets, the way first use builds it."""
    path = tmp_path_factory.mktemp("codes") / "reference.sqlite"
    open_reference(path).close()
    return path


@pytest.fixture(scope="session")
def ref(reference_path):
    r = open_reference(reference_path)
    yield r
    r.close()


def run_cli(*args: str, stdin: bytes | None = None, env: dict | None = None, timeout: float = 60):
    """Run the installed `chartkey` entry point as a fresh process."""
    full_env = {**os.environ, **(env or {})}
    return subprocess.run(
        [sys.executable, "-m", "tui.cli", *args],
        input=stdin,
        capture_output=True,
        env=full_env,
        timeout=timeout,
        cwd=ROOT,
    )
