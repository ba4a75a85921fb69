"""The data layer never loads the UI: `db` must import without Textual."""

import pkgutil
import subprocess
import sys

import db
from tests.conftest import ROOT


def test_importing_every_db_module_does_not_load_textual():
    modules = [f"db.{m.name}" for m in pkgutil.iter_modules(db.__path__)]
    assert "db.search" in modules
    code = (
        "import importlib, sys\n"
        f"for m in {modules!r}: importlib.import_module(m)\n"
        "bad = sorted(m for m in sys.modules if m == 'textual' or m.startswith(('textual.', 'rich')))\n"
        "print(','.join(bad))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True)
    assert out.stdout.strip() == ""


def test_search_command_does_not_load_textual_either():
    code = "import sys, tui.cli, tui.cli_codes; print('textual' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True)
    assert out.stdout.strip() == "False"
