"""First come, first served turns for the processes writing one store.

SQLite's busy handler retries with sleeps of up to 100 ms, and a kernel
file lock wakes every waiter at once: either way, with thirty coders'
processes writing, some wait far longer than others. This queue hands out
tickets instead: each writer locks one byte of a lock file named by its
ticket and waits only for the byte of the ticket before it, so turns pass
in order and each wake-up goes to exactly one process. The kernel releases
the locks of a process that dies. It orders writers; SQLite's own locking
still guarantees correctness, so a writer that gives up waiting just falls
back to it.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import struct
import threading
from collections.abc import Iterator
from pathlib import Path

_COUNTER = struct.Struct("<Q")
_SLOTS = 4096  # byte offset where ticket locks start (the counter lives at 0)


class WriterQueue:
    def __init__(self, path: Path):
        self.fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o660)
        try:
            os.fchmod(self.fd, 0o660)
        except OSError:
            pass  # someone else's file: its mode is theirs to set

    def close(self) -> None:
        os.close(self.fd)

    def _ticket(self) -> int:
        fcntl.flock(self.fd, fcntl.LOCK_EX)
        try:
            raw = os.pread(self.fd, _COUNTER.size, 0)
            ticket = (_COUNTER.unpack(raw)[0] if len(raw) == _COUNTER.size else 0) + 1
            os.pwrite(self.fd, _COUNTER.pack(ticket), 0)
            fcntl.lockf(self.fd, fcntl.LOCK_EX | fcntl.LOCK_NB, 1, _SLOTS + ticket)
            return ticket
        finally:
            fcntl.flock(self.fd, fcntl.LOCK_UN)

    def _wait_for(self, ticket: int, timeout: float) -> bool:
        """Wait until the writer holding `ticket` is done; False on timeout."""
        try:
            fcntl.lockf(self.fd, fcntl.LOCK_EX | fcntl.LOCK_NB, 1, _SLOTS + ticket)
        except OSError:
            done = threading.Event()

            def wait() -> None:
                fcntl.lockf(self.fd, fcntl.LOCK_EX, 1, _SLOTS + ticket)
                fcntl.lockf(self.fd, fcntl.LOCK_UN, 1, _SLOTS + ticket)
                done.set()

            threading.Thread(target=wait, daemon=True).start()
            return done.wait(timeout)
        fcntl.lockf(self.fd, fcntl.LOCK_UN, 1, _SLOTS + ticket)
        return True

    @contextlib.contextmanager
    def turn(self, timeout: float) -> Iterator[None]:
        """Wait for this writer's turn (at most `timeout` seconds), then hold it."""
        ticket = self._ticket()
        try:
            self._wait_for(ticket - 1, timeout)
            yield
        finally:
            fcntl.lockf(self.fd, fcntl.LOCK_UN, 1, _SLOTS + ticket)
