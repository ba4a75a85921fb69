"""The work queue: claim, lease, draft, commit, hold, release, reopen.

Every operation is one short `BEGIN IMMEDIATE` transaction that re-reads the
record inside the lock, so two coders can never hold one chart: the second
claimant finds the lease already taken. Version numbers catch a coder whose
view of the record is stale (a second terminal, an expired lease).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date
from dataclasses import dataclass

from db.abstract import Abstract, parse_abstract, validate
from db.records import QUEUE_ORDER, Record, get_record
from db.reference import Reference
from db.store import Conflict, NotFound, Store, StoreError

# Test hook: called inside the commit transaction just before COMMIT, so a
# test can kill the process mid-commit. None in normal use.
before_commit: Callable[[], None] | None = None


class ValidationFailed(StoreError):
    def __init__(self, problems: list[str]):
        super().__init__("the abstract cannot be committed:\n" + "\n".join(f"  - {p}" for p in problems))
        self.problems = problems


@dataclass(frozen=True)
class Claim:
    record: Record
    lease_expires: float

    @property
    def id(self) -> int:
        return self.record.id

    @property
    def account(self) -> str:
        return self.record.account

    @property
    def version(self) -> int:
        return self.record.version


def lease_seconds(store: Store) -> float:
    return float(store.setting("lease_minutes") or 30) * 60


def _lease_state(store: Store, record_id: int) -> dict:
    row = store.con.execute(
        "SELECT status, lease_holder, lease_expires, version, hold_reason FROM records WHERE id = ?", (record_id,)
    ).fetchone()
    if row is None:
        raise NotFound(f"no record {record_id}")
    return dict(zip(("status", "lease_holder", "lease_expires", "version", "hold_reason"), row))


def _take(store: Store, w, coder: str, record_id: int, before: dict, action: str) -> float:
    expires = store.clock() + lease_seconds(store)
    store.con.execute(
        "UPDATE records SET status = 'in_progress', lease_holder = ?, lease_expires = ?, version = version + 1,"
        " change_seq = ? WHERE id = ?",
        (coder, expires, w.seq, record_id),
    )
    w.audit(coder, action, record_id, before, {"status": "in_progress", "lease_holder": coder, "version": before["version"] + 1})
    return expires


def _next_free(store: Store) -> tuple | None:
    """The first free record in queue order: the best ready one or the best
    with an expired lease. Two indexed queries, so the cost does not grow
    with the number of records already coded."""
    key = "priority, discharge_date, total_charges, id"
    candidates = [
        store.con.execute(f"SELECT id, {key} FROM records WHERE status = 'ready' ORDER BY {QUEUE_ORDER} LIMIT 1").fetchone(),
        store.con.execute(
            f"SELECT id, {key} FROM records WHERE status = 'in_progress' AND lease_expires < ? ORDER BY {QUEUE_ORDER} LIMIT 1",
            (store.clock(),),
        ).fetchone(),
    ]
    found = [c for c in candidates if c]
    return min(found, key=lambda r: (-r[1], r[2], -r[3], r[4])) if found else None


def claim_next(store: Store, coder: str) -> Claim | None:
    """Lease the highest-priority free record to `coder`; None when nothing is free."""
    store.require_coder(coder)
    with store.write() as w:
        row = _next_free(store)
        if row is None:
            return None
        before = _lease_state(store, row[0])
        expires = _take(store, w, coder, row[0], before, "claim")
    return Claim(get_record(store, row[0]), expires)


def claim(store: Store, coder: str, account: str) -> Claim:
    """Lease one named record, if it is free (or already this coder's: the lease is renewed)."""
    store.require_coder(coder)
    with store.write() as w:
        found = store.con.execute("SELECT id FROM records WHERE account = ?", (account,)).fetchone()
        if found is None:
            raise NotFound(f"no record with account {account}")
        before = _lease_state(store, found[0])
        live = before["status"] == "in_progress" and before["lease_expires"] >= store.clock()
        if live and before["lease_holder"] != coder:
            raise Conflict(f"{account} is being coded by {before['lease_holder']}")
        if before["status"] in ("on_hold", "coded", "reviewed"):
            raise StoreError(f"{account} is {before['status'].replace('_', ' ')}; it cannot be claimed")
        expires = _take(store, w, coder, found[0], before, "renew" if live else "claim")
    return Claim(get_record(store, found[0]), expires)


def _require_lease(store: Store, coder: str, record_id: int, expected_version: int | None) -> dict:
    state = _lease_state(store, record_id)
    if state["status"] != "in_progress" or state["lease_holder"] != coder or state["lease_expires"] < store.clock():
        raise Conflict(f"record {record_id} is no longer leased to {coder}; claim it again to go on")
    if expected_version is not None and state["version"] != expected_version:
        raise Conflict(
            f"record {record_id} changed since you opened it (version {expected_version}, now {state['version']}); reopen it"
        )
    return state


def renew(store: Store, coder: str, record_id: int, expected_version: int | None = None) -> float:
    """Extend the caller's lease (activity on the chart); the version does not move."""
    with store.write():
        _require_lease(store, coder, record_id, expected_version)
        expires = store.clock() + lease_seconds(store)
        store.con.execute("UPDATE records SET lease_expires = ? WHERE id = ?", (expires, record_id))
    return expires


def save_draft(store: Store, coder: str, record_id: int, abstract: Abstract, expected_version: int) -> int:
    """Save the abstract in progress at once (and renew the lease); returns the new version."""
    with store.write() as w:
        state = _require_lease(store, coder, record_id, expected_version)
        before = store.con.execute("SELECT content FROM drafts WHERE record_id = ?", (record_id,)).fetchone()
        content = abstract.to_json()
        store.con.execute(
            "INSERT INTO drafts VALUES (?, ?, ?, ?) ON CONFLICT(record_id) DO UPDATE SET"
            " content = excluded.content, saved_by = excluded.saved_by, saved_at = excluded.saved_at",
            (record_id, content, coder, w.at),
        )
        version = state["version"] + 1
        store.con.execute(
            "UPDATE records SET version = ?, lease_expires = ?, change_seq = ? WHERE id = ?",
            (version, store.clock() + lease_seconds(store), w.seq, record_id),
        )
        w.audit(coder, "draft", record_id, json.loads(before[0]) if before else None, abstract.to_dict())
    return version


def update_encounter(store: Store, coder: str, record_id: int, changes: dict[str, str | None],
                     expected_version: int | None = None) -> Record:
    """Change encounter fields (db.encounter) of a chart the coder holds, at once and
    audited like a draft; returns the record as it now is (with its new version)."""
    from db.encounter import normalize

    record = get_record(store, record_id)
    admission_type = changes.get("admission_type", record.admission_type)
    values = {name: normalize(name, value, admission_type) for name, value in changes.items()}
    with store.write() as w:
        state = _require_lease(store, coder, record_id, expected_version)
        columns = ", ".join(values)
        before = dict(zip(values, store.con.execute(f"SELECT {columns} FROM records WHERE id = ?",
                                                    (record_id,)).fetchone()))
        assignments = ", ".join(f"{name} = :{name}" for name in values)
        store.con.execute(
            f"UPDATE records SET {assignments}, version = :version, lease_expires = :expires, change_seq = :seq"
            " WHERE id = :id",
            {**values, "version": state["version"] + 1, "expires": store.clock() + lease_seconds(store),
             "seq": w.seq, "id": record_id})
        w.audit(coder, "encounter", record_id, before, values)
    return get_record(store, record_id)


def load_abstract(store: Store, record_id: int) -> Abstract | None:
    """The draft in progress, else the committed abstract, else None."""
    with store.read() as con:
        row = con.execute("SELECT content FROM drafts WHERE record_id = ?", (record_id,)).fetchone() or con.execute(
            "SELECT content FROM abstracts WHERE record_id = ?", (record_id,)
        ).fetchone()
    return parse_abstract(row[0]) if row else None


def commit(store: Store, coder: str, record_id: int, abstract: Abstract, ref: Reference,
           expected_version: int | None = None) -> int:
    """Validate and group, then store the abstract with its DRG, mark the record
    coded and end the lease, in one transaction. Code Editor errors block it."""
    from db.abstract_checks import check_abstract, errors
    from db.grouping import default_grouper

    record = get_record(store, record_id)
    problems = validate(abstract, ref, date.fromisoformat(record.discharge_date))
    if problems:
        raise ValidationFailed(problems)
    grouped = _grouping(store, ref, record_id, abstract)
    problems = errors(check_abstract(abstract, record, ref, grouped, default_grouper(ref)))
    if grouped is not None:
        problems += [f"Code Editor: {e.code}: {e.message}" if e.code else f"Code Editor: {e.message}"
                     for e in grouped.errors]
    if problems:
        raise ValidationFailed(problems)
    with store.write() as w:
        state = _require_lease(store, coder, record_id, expected_version)
        before = store.con.execute("SELECT content FROM abstracts WHERE record_id = ?", (record_id,)).fetchone()
        version = state["version"] + 1
        store.con.execute(
            "INSERT OR REPLACE INTO abstracts (record_id, content, committed_by, committed_at, record_version, drg,"
            " grouper_version) VALUES (?, ?, ?, ?, ?, ?, ?)",
            (record_id, abstract.to_json(), coder, w.at, version, _drg_json(grouped),
             grouped.version if grouped else None),
        )
        store.con.execute("DELETE FROM abstract_codes WHERE record_id = ?", (record_id,))
        store.con.executemany("INSERT INTO abstract_codes VALUES (?, ?, ?, ?, ?, ?, ?)", _code_rows(record_id, abstract))
        store.con.execute("DELETE FROM drafts WHERE record_id = ?", (record_id,))
        # a recommit answers a reviewer's return: the flag goes (db.review.return_chart)
        store.con.execute(
            "UPDATE records SET status = 'coded', lease_holder = NULL, lease_expires = NULL, version = ?,"
            " change_seq = ?, returned_reason = NULL, returned_by = NULL WHERE id = ?",
            (version, w.seq, record_id),
        )
        w.audit(coder, "commit", record_id, json.loads(before[0]) if before else None, abstract.to_dict())
        if before_commit is not None:
            before_commit()
    return version


def _grouping(store: Store, ref: Reference, record_id: int, abstract: Abstract):
    """The DRG the abstract groups to, or None when the discharge date is outside every grouper version."""
    from db.grouping import GroupingError, default_grouper, stay_of

    try:
        return default_grouper(ref).group(abstract, stay_of(get_record(store, record_id)),
                                          base_rate=base_rate(store), what_if=False)
    except GroupingError:
        return None


def base_rate(store: Store) -> float | None:
    value = store.setting("base_rate")
    return float(value) if value else None


def _drg_json(grouped) -> str | None:
    if grouped is None:
        return None
    return json.dumps({"drg": grouped.drg, "title": grouped.drg_title, "mdc": grouped.mdc, "type": grouped.type,
                       "weight": grouped.weight, "weight_source": grouped.weight_source,
                       "estimated_payment": grouped.estimated_payment, "return_code": grouped.return_code})


def _code_rows(record_id: int, a: Abstract) -> list[tuple]:
    rows = [(record_id, "pdx", 0, a.pdx.code, a.pdx.poa, None, None)] if a.pdx else []
    rows += [(record_id, "sdx", i, d.code, d.poa, None, None) for i, d in enumerate(a.sdx, 1)]
    rows += [(record_id, "ecode", i, d.code, d.poa, None, None) for i, d in enumerate(a.external, 1)]
    rows += [(record_id, "admit", 0, a.admit_dx, None, None, None)] if a.admit_dx else []
    rows += [(record_id, "proc", i, p.code, None, p.date, p.physician) for i, p in enumerate(a.procedures, 1)]
    return rows


def _set_status(store: Store, actor: str, record_id: int, action: str, status: str, *,
                allowed_from: tuple[str, ...], need_lease: bool, reason: str | None = None,
                query: str | None = None, expected_version: int | None = None) -> int:
    with store.write() as w:
        state = _require_lease(store, actor, record_id, expected_version) if need_lease else _lease_state(store, record_id)
        if state["status"] not in allowed_from:
            raise StoreError(f"record {record_id} is {state['status'].replace('_', ' ')}; cannot {action} it")
        version = state["version"] + 1
        store.con.execute(
            "UPDATE records SET status = ?, lease_holder = NULL, lease_expires = NULL, hold_reason = ?,"
            " hold_query = ?, version = ?, change_seq = ? WHERE id = ?",
            (status, reason, query, version, w.seq, record_id),
        )
        w.audit(actor, action, record_id, {"status": state["status"], "hold_reason": state["hold_reason"]},
                {"status": status, "hold_reason": reason, "hold_query": query})
    return version


def hold(store: Store, coder: str, record_id: int, reason: str, query: str = "",
         expected_version: int | None = None) -> int:
    """Put a chart on hold (a physician query, missing documentation); the lease ends."""
    if not reason.strip():
        raise StoreError("a hold needs a reason")
    return _set_status(store, coder, record_id, "hold", "on_hold", allowed_from=("in_progress",), need_lease=True,
                       reason=reason.strip(), query=query.strip(), expected_version=expected_version)


def release(store: Store, coder: str, record_id: int, expected_version: int | None = None) -> int:
    """Give a leased chart back to the queue; its draft stays."""
    return _set_status(store, coder, record_id, "release", "ready", allowed_from=("in_progress",), need_lease=True,
                       expected_version=expected_version)


def unhold(store: Store, coder: str, record_id: int) -> int:
    """The query is answered: the chart goes back to the queue."""
    store.require_coder(coder)
    return _set_status(store, coder, record_id, "unhold", "ready", allowed_from=("on_hold",), need_lease=False)


def reopen(store: Store, actor: str, record_id: int) -> int:
    """A reviewer or manager sends a coded chart back to the queue."""
    store.require_role(actor, "reviewer", "manager")
    return _set_status(store, actor, record_id, "reopen", "ready", allowed_from=("coded", "reviewed", "on_hold"),
                       need_lease=False)
