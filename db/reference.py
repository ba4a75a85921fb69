"""Opening the shared, read-only reference database, building it on first use.

Every coder process opens the same file read-only; SQLite's page cache and
the OS share its pages, so a process stays small however large the code
sets are.
"""

from __future__ import annotations

import os
import sqlite3
import threading
from dataclasses import dataclass
from pathlib import Path

from db import paths
from db.codeset_build import SCHEMA_VERSION, Progress, build_if_missing
from db.sources import SourceMissing


class ReferenceError(RuntimeError):
    """The reference database cannot be used; the message says what to do."""


@dataclass(frozen=True)
class CodeSystemInfo:
    system: str
    name: str
    source: str
    fiscal_year: str
    codes: int
    billable: int


@dataclass(frozen=True)
class Code:
    system: str
    code: str  # stored key, no dot
    display: str  # as coders write it: I50.23
    kind: str
    title: str
    billable: bool
    parent: str | None
    needs_seventh: bool


def _schema_version(path: Path) -> int | None:
    """The schema version recorded in a reference file, or None when it is not one of ours."""
    try:
        con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            row = con.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
        finally:
            con.close()
    except sqlite3.DatabaseError:
        return None
    return int(row[0]) if row else None


class Reference:
    """A read-only connection to the reference database plus the lookups on it."""

    def __init__(self, path: Path):
        self.path = path
        try:
            self.con = sqlite3.connect(f"file:{path}?mode=ro&immutable=1", uri=True, check_same_thread=False)
            # a small private page cache: the OS caches the file once for every coder on the host
            self.con.execute("PRAGMA cache_size = -512")
            version = self.con.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
        except sqlite3.DatabaseError as exc:
            raise ReferenceError(
                f"{path} is not a usable ChartKey reference database ({exc}); "
                f"rebuild it with: chartkey codeset build --codes {path}"
            ) from None
        if not version or int(version[0]) != SCHEMA_VERSION:
            raise ReferenceError(
                f"{path} was built by another ChartKey version; rebuild it with: chartkey codeset build --codes {path}"
            )
        self.lock = threading.Lock()
        self._identity = _identity(path)
        self._weights: dict[int, tuple[dict[str, tuple], str]] = {}
        self._tables: dict[str, bool] = {}
        self._poa_years: dict[int, int | None] = {}

    def close(self) -> None:
        self.con.close()

    def is_stale(self) -> bool:
        """Whether an import or rebuild has replaced the file since it was opened."""
        return _identity(self.path) != self._identity

    def systems(self) -> list[CodeSystemInfo]:
        rows = self.con.execute(
            "SELECT system, name, source, fiscal_year, codes, billable FROM code_systems ORDER BY system"
        ).fetchall()
        return [CodeSystemInfo(*r) for r in rows]

    def built_at(self) -> str:
        row = self.con.execute("SELECT value FROM meta WHERE key = 'built_at'").fetchone()
        return row[0] if row else "unknown"

    def expansion_counts(self) -> dict[str, int]:
        """Abbreviations and synonyms the search expands, by kind."""
        return dict(self.con.execute("SELECT kind, COUNT(DISTINCT term) FROM expansions GROUP BY kind"))

    def has_table(self, name: str) -> bool:
        """Whether the database holds `name` (tables of imported CMS files are optional)."""
        if name not in self._tables:
            self._tables[name] = self.con.execute(
                "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", (name,)).fetchone() is not None
        return self._tables[name]

    def weight_years(self) -> list[int]:
        return [y for (y,) in self.con.execute("SELECT DISTINCT fiscal_year FROM drg_weights ORDER BY fiscal_year")]

    def drg_weights(self, fiscal_year: int) -> tuple[dict[str, tuple], str]:
        """({drg: (drg, mdc, type, title, weight, gmlos, amlos, post_acute, special_pay)}, source label) for one year."""
        if fiscal_year not in self._weights:
            rows = self.con.execute(
                "SELECT drg, mdc, type, title, weight, gmlos, amlos, post_acute, special_pay, source FROM drg_weights"
                " WHERE fiscal_year = ?", (fiscal_year,),
            ).fetchall()
            source = rows[0][9] if rows else f"no FY{fiscal_year} weights"
            self._weights[fiscal_year] = ({r[0]: r[:9] for r in rows}, source)
        return self._weights[fiscal_year]

    def installed_years(self, system: str) -> list[int]:
        """Fiscal years whose code set is installed for `system`, so codes can be checked against them."""
        with self.lock:
            return [y for (y,) in self.con.execute(
                "SELECT DISTINCT fiscal_year FROM code_years WHERE system = ? ORDER BY fiscal_year", (system,))]

    def valid_in(self, system: str, key: str, fiscal_year: int) -> bool:
        with self.lock:
            return self.con.execute("SELECT 1 FROM code_years WHERE system = ? AND code = ? AND fiscal_year = ?",
                                    (system, key, fiscal_year)).fetchone() is not None

    def poa_exempt_year(self, fiscal_year: int) -> int | None:
        """The installed POA-exempt list for discharges in `fiscal_year`: its own, else the
        nearest earlier one (the list changes little from year to year), else the nearest
        later one; None when no list is installed."""
        if fiscal_year not in self._poa_years:
            with self.lock:
                row = self.con.execute("SELECT fiscal_year FROM poa_exempt WHERE fiscal_year <= ?"
                                       " ORDER BY fiscal_year DESC LIMIT 1", (fiscal_year,)).fetchone()
                if row is None:
                    row = self.con.execute("SELECT MIN(fiscal_year) FROM poa_exempt").fetchone()
            self._poa_years[fiscal_year] = row[0]
        return self._poa_years[fiscal_year]

    def is_poa_exempt(self, key: str, list_year: int) -> bool:
        """Whether code `key` is on the POA-exempt list of `list_year` (see poa_exempt_year)."""
        with self.lock:
            return self.con.execute("SELECT 1 FROM poa_exempt WHERE fiscal_year = ? AND code = ?",
                                    (list_year, key)).fetchone() is not None

    def imports(self) -> list[tuple[str, int, str, str]]:
        """(kind, fiscal year, file name, imported at) of every imported CMS file."""
        with self.lock:
            return self.con.execute("SELECT kind, fiscal_year, original, imported_at FROM installed"
                                    " ORDER BY kind, fiscal_year").fetchall()

    def code(self, system: str, key: str) -> Code | None:
        row = self.con.execute(
            "SELECT system, code, display, kind, title, billable, parent, needs_seventh FROM codes"
            " WHERE system = ? AND code = ?",
            (system, key),
        ).fetchone()
        return _code(row) if row else None


def _identity(path: Path) -> tuple[int, int]:
    try:
        st = os.stat(path)
    except OSError:
        return (0, 0)
    return (st.st_ino, st.st_mtime_ns)


def _code(row) -> Code:
    system, code, display, kind, title, billable, parent, needs_seventh = row
    return Code(system, code, display, kind, title, bool(billable), parent, bool(needs_seventh))


def open_reference(explicit: str | os.PathLike | None = None, progress: Progress | None = None) -> Reference:
    """Open the reference database, building it first when it is missing.

    A file that exists but is damaged is never silently replaced: the caller
    gets a ReferenceError naming the file and the command that rebuilds it.
    """
    path = paths.reference_path(explicit)
    if not path.exists():
        try:
            build_if_missing(path, lambda p: _schema_version(p) == SCHEMA_VERSION, progress)
        except OSError as exc:
            raise ReferenceError(f"cannot build the reference database at {path}: {exc.strerror or exc}") from None
        except SourceMissing as exc:
            raise ReferenceError(f"cannot build the reference database at {path}: {exc}") from None
    return Reference(path)


_default: Reference | None = None
_default_lock = threading.Lock()


def default_reference() -> Reference:
    """The process-wide reference database (opened once, kept)."""
    global _default
    with _default_lock:
        if _default is None:
            _default = open_reference()
        return _default
