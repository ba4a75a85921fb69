"""The shared store: one SQLite file that a coding team uses at once.

WAL mode lets coders read while one writes; every write is a short
`BEGIN IMMEDIATE` transaction that waits (busy timeout) rather than fails;
synchronous=FULL makes a committed abstract survive a power cut. Every
change writes its audit row in the same transaction.
"""

from __future__ import annotations

import contextlib
import functools
import getpass
import json
import os
import sqlite3
import stat
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from db import store_schema
from db.writer_queue import WriterQueue

BUSY_TIMEOUT_S = 30.0
ROLES = ("coder", "reviewer", "manager")
DEFAULT_SETTINGS = {"lease_minutes": "30", "change_seq": "0", "base_rate": "6500.00"}


class StoreError(Exception):
    """A store operation failed; the message says why and what to do."""


class NotACoder(StoreError):
    pass


class Forbidden(StoreError):
    pass


class NotFound(StoreError):
    pass


class Conflict(StoreError):
    """The caller no longer holds the lease, or someone changed the record first."""


class ReadOnlyStore(StoreError):
    pass


@dataclass(frozen=True)
class Coder:
    username: str
    role: str
    active: bool


def current_user() -> str:
    """The operating-system user running this process: coders share one SSH host."""
    return getpass.getuser()


def now_iso(clock: Callable[[], float]) -> str:
    return datetime.fromtimestamp(clock(), timezone.utc).isoformat(timespec="milliseconds").replace("+00:00", "Z")


class Store:
    """A connection to the shared store plus the transaction, audit and coder helpers."""

    def __init__(self, path: Path, con: sqlite3.Connection, clock: Callable[[], float] = time.time):
        self.path = path
        self.con = con
        self.clock = clock
        self.lock = threading.RLock()  # one connection, used by the app's worker threads in turn
        self.warnings: list[str] = []
        self._queue: WriterQueue | bool | None = None

    @functools.cached_property
    def db(self):
        """sqlite-utils on this connection, for bulk inserts (imported when first needed: 60 ms)."""
        import sqlite_utils

        return sqlite_utils.Database(self.con)

    # -- opening -------------------------------------------------------------

    @classmethod
    def open(cls, path: str | os.PathLike, *, create_as: str | None = None,
             clock: Callable[[], float] = time.time) -> Store:
        """Open the store at `path`; with `create_as`, create it first (that user becomes a manager)."""
        path = Path(path).expanduser()
        created = False
        if not path.exists():
            if create_as is None:
                raise NotFound(f"no store at {path}; create one with: chartkey demo --db {path}")
            _create_file(path)
            created = True
        store = cls(path, _connect(path), clock)
        with store.errors():
            store_schema.migrate(store.con)
            if created:
                store._initialize(create_as)
        if stat.S_IMODE(path.stat().st_mode) & 0o007:
            store.warnings.append(
                f"{path} can be read by every user on this host; run: chmod o-rwx {path}"
            )
        return store

    def _initialize(self, creator: str) -> None:
        with self.write() as w:
            for key, value in DEFAULT_SETTINGS.items():
                self.con.execute("INSERT OR IGNORE INTO settings VALUES (?, ?)", (key, value))
            self.con.execute(
                "INSERT INTO coders VALUES (?, 'manager', 1, ?, ?)", (creator, w.at, creator)
            )
            w.audit(creator, "store_create", None, None, {"manager": creator})

    def close(self) -> None:
        """Close the connection and the writer queue's file (safe to call twice)."""
        self.con.close()
        if self._queue:
            self._queue.close()
        self._queue = None

    # -- transactions --------------------------------------------------------

    @contextlib.contextmanager
    def errors(self) -> Iterator[None]:
        """Turn SQLite's failures into messages a coder can act on."""
        try:
            yield
        except sqlite3.OperationalError as exc:
            text = str(exc)
            if "readonly" in text or "read-only" in text:
                raise ReadOnlyStore(
                    f"the store {self.path} is read-only (the disk or file does not allow writing); "
                    "nothing was saved - ask your administrator to make it writable"
                ) from None
            if "locked" in text or "busy" in text:
                raise StoreError(f"the store {self.path} stayed busy for {BUSY_TIMEOUT_S:.0f} s; try again") from None
            if "unable to open" in text or "disk I/O" in text:
                raise StoreError(f"cannot use the store {self.path}: {text}") from None
            raise
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"{self.path} is not a usable ChartKey store ({exc})") from None

    @contextlib.contextmanager
    def write(self) -> Iterator[_Write]:
        """One short write transaction; the audit rows it writes commit with it."""
        with self.lock, self.errors(), self._writer_turn():
            self.con.execute("BEGIN IMMEDIATE")
            try:
                seq = self.con.execute(
                    "UPDATE settings SET value = CAST(value AS INTEGER) + 1 WHERE key = 'change_seq' RETURNING value"
                ).fetchone()
                yield _Write(self, int(seq[0]) if seq else 0, now_iso(self.clock))
                self.con.execute("COMMIT")
            except BaseException:
                if self.con.in_transaction:
                    self.con.execute("ROLLBACK")
                raise

    @contextlib.contextmanager
    def _writer_turn(self) -> Iterator[None]:
        """Queue behind the other processes writing this store (see db.writer_queue)."""
        if self._queue is None:
            try:
                self._queue = WriterQueue(Path(f"{self.path}.lock"))
            except OSError:
                self._queue = False  # read-only disk: SQLite reports the failed write itself
        if not self._queue:
            yield
            return
        with self._queue.turn(BUSY_TIMEOUT_S):
            yield

    @contextlib.contextmanager
    def read(self) -> Iterator[sqlite3.Connection]:
        with self.lock, self.errors():
            yield self.con

    def change_marker(self) -> int:
        """A number that moves whenever anyone commits a change: cheap to poll."""
        with self.read() as con:
            return int(con.execute("SELECT value FROM settings WHERE key = 'change_seq'").fetchone()[0])

    # -- settings and coders ------------------------------------------------

    def setting(self, key: str) -> str | None:
        with self.read() as con:
            row = con.execute("SELECT value FROM settings WHERE key = ?", (key,)).fetchone()
        return row[0] if row else None

    def set_setting(self, actor: str, key: str, value: str) -> None:
        self.require_role(actor, "manager")
        with self.write() as w:
            before = self.con.execute("SELECT value FROM settings WHERE key = ?", (key,)).fetchone()
            self.con.execute("INSERT OR REPLACE INTO settings VALUES (?, ?)", (key, value))
            w.audit(actor, "setting", None, {key: before[0] if before else None}, {key: value})

    def coder(self, username: str) -> Coder | None:
        with self.read() as con:
            row = con.execute("SELECT username, role, active FROM coders WHERE username = ?", (username,)).fetchone()
        return Coder(row[0], row[1], bool(row[2])) if row else None

    def coders(self) -> list[Coder]:
        with self.read() as con:
            rows = con.execute("SELECT username, role, active FROM coders ORDER BY username").fetchall()
        return [Coder(u, r, bool(a)) for u, r, a in rows]

    def require_coder(self, username: str) -> Coder:
        found = self.coder(username)
        if found is None or not found.active:
            raise NotACoder(
                f"{username} is not a coder on this store ({self.path}); "
                f"a manager can add you with: chartkey coder add {username} --db {self.path}"
            )
        return found

    def require_role(self, username: str, *roles: str) -> Coder:
        found = self.require_coder(username)
        if found.role not in roles:
            raise Forbidden(f"{username} is a {found.role}; this needs a {' or '.join(roles)}")
        return found

    def add_coder(self, actor: str, username: str, role: str = "coder") -> Coder:
        self.require_role(actor, "manager")
        if role not in ROLES:
            raise StoreError(f"role must be one of {', '.join(ROLES)}, not {role!r}")
        if not username or not username.replace("-", "").replace("_", "").replace(".", "").isalnum():
            raise StoreError(f"{username!r} is not a user name")
        with self.write() as w:
            before = self.con.execute("SELECT role, active FROM coders WHERE username = ?", (username,)).fetchone()
            self.con.execute(
                "INSERT INTO coders VALUES (?, ?, 1, ?, ?) ON CONFLICT(username) DO UPDATE SET role = excluded.role, active = 1",
                (username, role, w.at, actor),
            )
            w.audit(actor, "coder_add", None, {"role": before[0]} if before else None, {"username": username, "role": role})
        return Coder(username, role, True)


@dataclass
class _Write:
    """Inside a write transaction: its change number, its timestamp, the audit writer."""

    store: Store
    seq: int
    at: str

    def audit(self, coder: str, action: str, record_id: int | None, before, after) -> None:
        self.store.con.execute(
            "INSERT INTO audit (at, coder, action, record_id, before, after) VALUES (?, ?, ?, ?, ?, ?)",
            (self.at, coder, action, record_id, _json(before), _json(after)),
        )


def _json(value) -> str | None:
    return None if value is None else json.dumps(value, sort_keys=True, ensure_ascii=False)


def _create_file(path: Path) -> None:
    """Create an empty store file readable and writable by its group only (0660)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o660)
    except FileExistsError:
        return  # another process created it first; migrate() sorts out the rest
    except OSError as exc:
        raise ReadOnlyStore(f"cannot create the store {path}: {exc.strerror}") from None
    os.fchmod(fd, 0o660)  # whatever the umask says
    os.close(fd)


def _connect(path: Path) -> sqlite3.Connection:
    try:
        con = sqlite3.connect(path, timeout=BUSY_TIMEOUT_S, isolation_level=None, check_same_thread=False)
        con.execute(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT_S * 1000)}")
        mode = con.execute("PRAGMA journal_mode = WAL").fetchone()[0]
        con.execute("PRAGMA synchronous = FULL")
        con.execute("PRAGMA foreign_keys = ON")
        con.execute("PRAGMA cache_size = -1024")  # 1 MB; the OS page cache holds the rest
    except sqlite3.OperationalError as exc:
        if "readonly" in str(exc):
            raise ReadOnlyStore(f"the store {path} is read-only; nothing can be saved to it") from None
        raise StoreError(f"cannot open the store {path}: {exc}") from None
    except sqlite3.DatabaseError as exc:
        raise StoreError(f"{path} is not a usable ChartKey store ({exc})") from None
    if mode != "wal":
        raise StoreError(f"the store {path} cannot use WAL mode (is it on a network file system?)")
    return con
