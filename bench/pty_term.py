"""A real pseudo-terminal with a pyte screen: what a coder's terminal would receive."""

from __future__ import annotations

import fcntl
import os
import pty
import select
import signal
import struct
import termios
import time

import pyte


class Term:
    def __init__(self, argv: list[str], cols: int = 120, rows: int = 36, env: dict | None = None):
        self.started = time.perf_counter()
        self.pid, self.fd = pty.fork()
        if self.pid == 0:  # child
            os.execvpe(argv[0], argv, {**os.environ, **(env or {}), "TERM": "xterm-256color",
                                       "COLUMNS": str(cols), "LINES": str(rows)})
        fcntl.ioctl(self.fd, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))
        self.screen = pyte.Screen(cols, rows)
        self.stream = pyte.ByteStream(self.screen)
        self.bytes = 0
        self.raw = bytearray()  # everything read since the last mark()
        self._unfed = bytearray()

    def pump(self, timeout: float, feed: bool = True) -> int:
        """Read whatever the app writes for up to `timeout` seconds; returns bytes read.

        With feed=False the bytes are kept but not yet given to pyte, whose pure
        Python parser would otherwise sit inside a latency measurement."""
        got = 0
        end = time.perf_counter() + timeout
        while True:
            left = end - time.perf_counter()
            if left <= 0:
                return got
            ready, _, _ = select.select([self.fd], [], [], left)
            if not ready:
                return got
            try:
                data = os.read(self.fd, 65536)
            except OSError:
                return got
            got += len(data)
            self.bytes += len(data)
            self.raw += data
            self._unfed += data
            if feed:
                self.flush()

    def wait_for(self, predicate, timeout: float = 20.0) -> float:
        """Seconds until predicate(lines) holds, reading output meanwhile."""
        start = time.perf_counter()
        while time.perf_counter() - start < timeout:
            if predicate(self.screen.display):
                return time.perf_counter() - start
            self.pump(0.005)
        raise TimeoutError("the screen never showed what was expected:\n" + "\n".join(self.screen.display))

    def wait_for_bytes(self, needle: bytes, timeout: float = 5.0) -> float:
        """Seconds until the app has written `needle` since the last mark()."""
        start = time.perf_counter()
        while time.perf_counter() - start < timeout:
            if needle in self.raw:
                elapsed = time.perf_counter() - start
                self.flush()
                return elapsed
            self.pump(0.002, feed=False)
        raise TimeoutError(f"the app never wrote {needle!r}")

    def flush(self) -> None:
        """Give pyte everything read so far."""
        if self._unfed:
            self.stream.feed(bytes(self._unfed))
            self._unfed = bytearray()

    def mark(self) -> None:
        self.raw = bytearray()

    def send(self, data: str | bytes) -> None:
        os.write(self.fd, data.encode() if isinstance(data, str) else data)

    def rss_mb(self, field: str = "VmRSS") -> float:
        """Resident memory in MB (VmRSS; RssAnon is the process's own, RssFile its share of mapped files)."""
        with open(f"/proc/{self.pid}/status") as f:
            for line in f:
                if line.startswith(field + ":"):
                    return int(line.split()[1]) / 1024
        return 0.0

    def close(self) -> None:
        try:
            os.kill(self.pid, signal.SIGTERM)
            os.waitpid(self.pid, 0)
        except (ProcessLookupError, ChildProcessError):
            pass
        os.close(self.fd)


KEYS = {"enter": "\r", "f2": "\x1bOQ", "f3": "\x1bOR", "f4": "\x1bOS", "f5": "\x1b[15~", "f8": "\x1b[19~",
        "f10": "\x1b[21~", "escape": "\x1b", "ctrl+u": "\x15", "down": "\x1b[B"}
