"""Reading records and their documents: the queue table, one chart, counts.

A record whose lease has run out counts as ready again, whatever its stored
status says; the queries compute that "effective" status with the caller's clock.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timezone

from db.store import NotFound, Store

STATUSES = ("ready", "in_progress", "on_hold", "coded", "reviewed")
_EFFECTIVE = "CASE WHEN status = 'in_progress' AND lease_expires < :now THEN 'ready' ELSE status END"
_HOLDER = "CASE WHEN status = 'in_progress' AND lease_expires >= :now THEN lease_holder END"


@dataclass(frozen=True)
class Record:
    id: int
    account: str
    mrn: str
    patient_name: str
    birth_date: str
    sex: str
    admit_date: str
    discharge_date: str
    admission_type: str
    point_of_origin: str
    discharge_disposition: str
    payer: str
    attending: str
    service_line: str
    total_charges: float
    priority: int
    status: str  # effective: an expired lease reads as ready
    lease_holder: str | None
    lease_expires: float | None
    hold_reason: str | None
    hold_query: str | None
    version: int
    returned_reason: str | None  # why a reviewer sent the committed chart back (db.review.return_chart)
    returned_by: str | None
    admit_hour: str | None  # UB-04 FL13 / FL16: "00" to "23", "99" unknown
    discharge_hour: str | None
    coder_comment: str  # the coder's own note on the chart: never exported

    @property
    def age(self) -> int:
        """Age in whole years on the admission date."""
        born, admitted = date.fromisoformat(self.birth_date), date.fromisoformat(self.admit_date)
        return admitted.year - born.year - ((admitted.month, admitted.day) < (born.month, born.day))

    @property
    def length_of_stay(self) -> int:
        return (date.fromisoformat(self.discharge_date) - date.fromisoformat(self.admit_date)).days


@dataclass(frozen=True)
class QueueRow:
    """One line of the work queue."""

    id: int
    account: str
    patient_name: str
    discharge_date: str
    service_line: str
    total_charges: float
    priority: int
    status: str
    holder: str | None
    change_seq: int
    returned: bool  # a reviewer sent it back to its coder (see db.review.return_chart)

    def days_since_discharge(self, today: date) -> int:
        return (today - date.fromisoformat(self.discharge_date)).days


@dataclass(frozen=True)
class Document:
    id: int
    doc_type: str
    author: str
    written_at: str
    text: str


_RECORD_COLUMNS = (
    "id, account, mrn, patient_name, birth_date, sex, admit_date, discharge_date, admission_type,"
    " point_of_origin, discharge_disposition, payer, attending, service_line, total_charges, priority,"
    f" {_EFFECTIVE}, {_HOLDER}, lease_expires, hold_reason, hold_query, version,"
    " returned_reason, returned_by, admit_hour, discharge_hour, coder_comment"
)
_QUEUE_COLUMNS = (
    f"id, account, patient_name, discharge_date, service_line, total_charges, priority, {_EFFECTIVE}, {_HOLDER},"
    " change_seq, returned_reason IS NOT NULL"
)
QUEUE_ORDER = "priority DESC, discharge_date ASC, total_charges DESC, id"


def get_record(store: Store, key: int | str) -> Record:
    """A record by id or by account number."""
    column = "id" if isinstance(key, int) else "account"
    with store.read() as con:
        row = con.execute(f"SELECT {_RECORD_COLUMNS} FROM records WHERE {column} = :key",
                          {"key": key, "now": store.clock()}).fetchone()
    if row is None:
        raise NotFound(f"no record with account {key}" if column == "account" else f"no record {key}")
    return Record(*row)


def documents(store: Store, record_id: int) -> list[Document]:
    with store.read() as con:
        rows = con.execute(
            "SELECT id, doc_type, author, written_at, text FROM documents WHERE record_id = ? ORDER BY written_at, id",
            (record_id,),
        ).fetchall()
    return [Document(*r) for r in rows]


def queue_counts(store: Store) -> dict[str, int]:
    """Records by effective status, every status present."""
    with store.read() as con:
        rows = con.execute(f"SELECT {_EFFECTIVE} AS s, COUNT(*) FROM records GROUP BY s", {"now": store.clock()})
        counts = dict(rows.fetchall())
    return {s: counts.get(s, 0) for s in STATUSES}


def queue_rows(store: Store, since_seq: int = -1) -> list[QueueRow]:
    """Every record in queue order, or only those changed after change number `since_seq`."""
    with store.read() as con:
        rows = con.execute(
            f"SELECT {_QUEUE_COLUMNS} FROM records WHERE change_seq > :since ORDER BY {QUEUE_ORDER}",
            {"since": since_seq, "now": store.clock()},
        ).fetchall()
    return [QueueRow(*r) for r in rows]


def utc_today(store: Store) -> date:
    return datetime.fromtimestamp(store.clock(), timezone.utc).date()
