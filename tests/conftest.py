"""Shared fixtures: one reference database built per test session."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from db.reference import Reference, open_reference

ROOT = Path(__file__).resolve().parent.parent
POA = ROOT / "tests" / "fixtures" / "cms" / "POAexemptCodesFY26.txt"  # CMS's POA-exempt list, 15 of its codes
NICOTINE = b"97799\tZ87.891\tPersonal history of nicotine dependence\r\n"


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


@pytest.fixture(scope="session")
def poa_installed(tmp_path_factory, reference_path):
    """A copy of the session's reference database with the FY2026 fixture POA-exempt
    list and an FY2024 list that lacks Z87.891, imported together:
    (path, imported files, build report, open Reference)."""
    from db.codeset_import import import_codesets

    folder = tmp_path_factory.mktemp("poa")
    target = folder / "reference.sqlite"
    shutil.copy(reference_path, target)
    fy2024 = folder / "POAexemptCodesFY24.txt"
    data = POA.read_bytes()
    assert NICOTINE in data
    fy2024.write_bytes(data.replace(b"Order26", b"Order24").replace(NICOTINE, b""))
    imported, report = import_codesets(target, [POA, fy2024])
    ref = Reference(target)
    yield target, imported, report, ref
    ref.close()


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
