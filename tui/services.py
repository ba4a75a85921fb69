"""Opening what the app needs (reference database, shared store, the coder, the
first page of the queue), off the UI thread.

`chartkey` starts this in a plain thread before Textual is even imported, so
the data is usually ready by the first frame; the app never waits for it on
the UI thread either way.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field


@dataclass
class Services:
    reference: object = None
    store: object = None
    coder: object = None
    rows: list = field(default_factory=list)  # the queue, as db.records.QueueRow
    marker: int = -1  # the store's change number the rows are as of
    messages: list[tuple[str, str]] = field(default_factory=list)  # (severity, text) to show
    failed: bool = False


def open_services(codes, db, coder_name: str | None, clock: Callable[[], float],
                  progress: Callable[[str], None] | None = None) -> Services:
    from db import paths
    from db.reference import ReferenceError, open_reference
    from db.store import Store, StoreError, current_user

    found = Services()
    try:
        found.reference = open_reference(codes, progress=progress)
    except ReferenceError as exc:
        found.messages.append(("error", str(exc)))
        found.failed = True
        return found
    path = paths.store_path(db)
    user = coder_name or current_user()
    try:
        if not path.exists() and db is None and path == paths.store_path(None) and path.parent == paths.data_dir():
            from db.demo import create_demo_store

            store = create_demo_store(path, user, clock=clock)
            found.messages.append(("information", f"No store yet: created a demo store with 200 synthetic records at {path}"))
        else:
            store = Store.open(path, clock=clock)
        found.coder = store.require_coder(user)
    except StoreError as exc:
        found.messages.append(("error", str(exc)))
        found.failed = True
        return found
    found.store = store
    found.messages += [("warning", w) for w in store.warnings]
    from db.records import queue_rows

    found.marker = store.change_marker()
    found.rows = queue_rows(store)
    return found


class Prefetch:
    """open_services in a background thread, started as early as possible."""

    def __init__(self, codes, db, coder_name: str | None = None, clock: Callable[[], float] = time.time):
        self._args = (codes, db, coder_name, clock)
        self._result: Services | None = None
        self._thread = threading.Thread(target=self._run, name="chartkey-prefetch", daemon=True)

    def start(self) -> Prefetch:
        self._thread.start()
        return self

    def _run(self) -> None:
        self._result = open_services(*self._args)

    def result(self) -> Services:
        self._thread.join()
        return self._result
