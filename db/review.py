"""Second-level review: a reviewer draws a sample of committed charts, codes each
one again (blind: from scratch; open: from the coder's abstract), and the two
abstracts are compared code by code and DRG by DRG. Charts with errors can be
returned to their coder with a reason.

A sample records its seed, so the same draw can be shown to an auditor again.
The comparison is against the abstract as committed when the sample was drawn.
"""

from __future__ import annotations

import json
import random
import secrets
from collections import Counter
from dataclasses import asdict, dataclass, field
from datetime import date
from difflib import SequenceMatcher

from db.abstract import Abstract, parse_abstract, validate
from db.queue import ValidationFailed
from db.records import QUEUE_ORDER, get_record
from db.reference import Reference
from db.reports import Committed, committed_work, period_sql
from db.store import Forbidden, NotFound, Store, StoreError

REVIEWERS = ("reviewer", "manager")
MODES = ("blind", "open")
RULES = ("drg", "payer", "min_weight")


# -- the sample -----------------------------------------------------------------

@dataclass(frozen=True)
class SampleItem:
    record_id: int
    account: str
    coder: str
    mode: str
    status: str
    reviewer: str | None


@dataclass(frozen=True)
class Sample:
    id: int
    created_by: str
    created_at: str
    method: str  # random | rule
    seed: int
    rule: dict | None
    period_from: str | None
    period_to: str | None
    items: list[SampleItem] = field(default_factory=list)


def draw_sample(store: Store, reviewer: str, per_coder: int, date_from: str | None, date_to: str | None,
                seed: int | None = None, rule: dict | None = None) -> Sample:
    """Up to `per_coder` charts per coder, drawn at random (with `seed`, or a new one
    that is recorded) from the charts committed in the period and not yet reviewed;
    a `rule` narrows the draw: {"drg": "291"}, {"payer": "Medicare"}, {"min_weight": 2.0}."""
    store.require_role(reviewer, *REVIEWERS)
    if per_coder < 1:
        raise StoreError("a sample needs at least one chart per coder")
    rule = _check_rule(rule)
    seed = secrets.randbelow(2**31) if seed is None else int(seed)
    with store.write() as w:
        # chosen inside the write transaction: two reviewers drawing at once never share a chart
        pending = {r for (r,) in store.con.execute("SELECT record_id FROM review_items WHERE status = 'pending'")}
        by_coder: dict[str, list[Committed]] = {}
        for c in committed_work(store, date_from, date_to):
            if c.status == "coded" and c.record_id not in pending and _matches(c, rule):
                by_coder.setdefault(c.coder, []).append(c)
        if not by_coder:
            raise StoreError("no committed charts awaiting review match: widen the period or the rule")
        rng = random.Random(seed)
        drawn = [c for coder in sorted(by_coder) for c in
                 sorted(rng.sample(by_coder[coder], min(per_coder, len(by_coder[coder]))), key=lambda c: c.record_id)]
        method = "rule" if rule else "random"
        sample_id = store.con.execute(
            "INSERT INTO review_samples (created_by, created_at, method, seed, rule, period_from, period_to)"
            " VALUES (?, ?, ?, ?, ?, ?, ?)",
            (reviewer, w.at, method, seed, json.dumps(rule) if rule else None, date_from, date_to)).lastrowid
        store.con.executemany(
            "INSERT INTO review_items (sample_id, record_id, coder, original_content) VALUES (?, ?, ?, ?)",
            [(sample_id, c.record_id, c.coder, c.content) for c in drawn])
        w.audit(reviewer, "review_sample", None, None,
                {"sample_id": sample_id, "method": method, "seed": seed, "rule": rule, "per_coder": per_coder,
                 "from": date_from, "to": date_to, "accounts": [c.account for c in drawn]})
    return get_sample(store, sample_id)


def _check_rule(rule: dict | None) -> dict | None:
    if not rule:
        return None
    unknown = set(rule) - set(RULES)
    if unknown:
        raise StoreError(f"unknown sampling rule {', '.join(sorted(unknown))}; use {', '.join(RULES)}")
    out = dict(rule)
    if "drg" in out:
        if not str(out["drg"]).isdigit():
            raise StoreError(f"DRG {out['drg']!r} is not a DRG number")
        out["drg"] = str(out["drg"]).zfill(3)
    if "min_weight" in out:
        try:
            out["min_weight"] = float(out["min_weight"])
        except (TypeError, ValueError):
            raise StoreError(f"minimum weight {out['min_weight']!r} is not a number") from None
    return out


def _matches(c: Committed, rule: dict | None) -> bool:
    if not rule:
        return True
    if "drg" in rule and (not c.drg or c.drg["drg"] != rule["drg"]):
        return False
    if "payer" in rule and c.payer.casefold() != str(rule["payer"]).casefold():
        return False
    return "min_weight" not in rule or (c.weight is not None and c.weight >= rule["min_weight"])


def latest_sample_id(store: Store) -> int | None:
    """The most recent sample, the one a reviewer usually works through."""
    with store.read() as con:
        row = con.execute("SELECT MAX(id) FROM review_samples").fetchone()
    return row[0] if row else None


def get_sample(store: Store, sample_id: int) -> Sample:
    with store.read() as con:
        row = con.execute("SELECT id, created_by, created_at, method, seed, rule, period_from, period_to"
                          " FROM review_samples WHERE id = ?", (sample_id,)).fetchone()
        if row is None:
            raise NotFound(f"no review sample {sample_id}")
        items = con.execute(
            "SELECT i.record_id, r.account, i.coder, i.mode, i.status, i.reviewer FROM review_items i"
            " JOIN records r ON r.id = i.record_id WHERE i.sample_id = ? ORDER BY i.coder, r.account",
            (sample_id,)).fetchall()
    return Sample(*row[:5], json.loads(row[5]) if row[5] else None, row[6], row[7], [SampleItem(*i) for i in items])


# -- reviewing one chart ----------------------------------------------------------

@dataclass(frozen=True)
class CodeChange:
    """One difference between the coder's abstract and the reviewer's.

    `code` is the coder's code (the reviewer's for an addition); `before` and
    `after` are what changed: the code (changed, principal), the POA indicator
    (poa) or the 1-based position in its list (resequenced)."""

    kind: str  # added | deleted | changed | principal | poa | resequenced
    role: str  # diagnosis | admitting | procedure
    code: str
    before: str | None = None
    after: str | None = None

    @property
    def errors(self) -> int:
        return 2 if self.kind == "principal" else 1


@dataclass(frozen=True)
class Findings:
    changes: list[CodeChange]
    codes_reviewed: int  # codes on either abstract, each counted once
    drg_before: str | None
    drg_after: str | None
    weight_before: float | None
    weight_after: float | None

    @property
    def errors(self) -> int:
        return sum(c.errors for c in self.changes)

    @property
    def drg_changed(self) -> bool:
        return self.drg_before != self.drg_after

    @property
    def weight_change(self) -> float:
        if self.weight_before is None or self.weight_after is None:
            return 0.0
        return round(self.weight_after - self.weight_before, 4)

    def of(self, kind: str) -> list[CodeChange]:
        return [c for c in self.changes if c.kind == kind]

    def to_dict(self) -> dict:
        return {**asdict(self), "errors": self.errors, "drg_changed": self.drg_changed,
                "weight_change": self.weight_change}

    @classmethod
    def from_dict(cls, data: dict) -> Findings:
        return cls([CodeChange(**c) for c in data["changes"]], data["codes_reviewed"], data["drg_before"],
                   data["drg_after"], data["weight_before"], data["weight_after"])


def findings(original: Abstract, reviewed: Abstract, grouping_before, grouping_after) -> Findings:
    """What the review changed. Diagnoses and procedures are compared as sequences:
    a code on one side only is added or deleted, unless the other side has a code of
    its own at the same position (changed, one error); a different principal
    diagnosis is two errors (the wrong principal out, the right one in); codes on
    both sides out of their relative order are resequenced; a diagnosis on both
    sides with another POA indicator is a POA change. Groupings are
    db.grouping results (or None when a stay cannot be grouped)."""
    changes = _sequence("diagnosis", [d.code for d in original.diagnoses()], [d.code for d in reviewed.diagnoses()],
                        principal=True)
    theirs = {d.code: d.poa for d in reviewed.diagnoses()}
    changes += [CodeChange("poa", "diagnosis", d.code, d.poa, theirs[d.code])
                for d in original.diagnoses() if d.code in theirs and theirs[d.code] != d.poa]
    changes += _sequence("admitting", [c for c in [original.admit_dx] if c], [c for c in [reviewed.admit_dx] if c])
    ours_px, theirs_px = [p.code for p in original.procedures], [p.code for p in reviewed.procedures]
    changes += _sequence("procedure", ours_px, theirs_px)
    codes = (len({d.code for d in original.diagnoses()} | set(theirs))
             + len({original.admit_dx, reviewed.admit_dx} - {None})
             + sum((Counter(ours_px) | Counter(theirs_px)).values()))
    return Findings(changes, codes,
                    grouping_before.drg if grouping_before else None, grouping_after.drg if grouping_after else None,
                    grouping_before.weight if grouping_before else None,
                    grouping_after.weight if grouping_after else None)


def _sequence(role: str, ours: list[str], theirs: list[str], principal: bool = False) -> list[CodeChange]:
    changes: list[CodeChange] = []
    used_ours: set[int] = set()
    used_theirs: set[int] = set()
    if principal and ours and theirs and ours[0] != theirs[0]:
        # the two errors cover where the old and new principal went as well
        changes.append(CodeChange("principal", role, ours[0], ours[0], theirs[0]))
        used_ours |= {0} | ({ours.index(theirs[0])} if theirs[0] in ours else set())
        used_theirs |= {0} | ({theirs.index(ours[0])} if ours[0] in theirs else set())
    left_ours = Counter(c for i, c in enumerate(ours) if i not in used_ours)
    left_theirs = Counter(c for i, c in enumerate(theirs) if i not in used_theirs)
    only_ours, only_theirs = left_ours - left_theirs, left_theirs - left_ours
    for i in range(min(len(ours), len(theirs))):
        a, b = ours[i], theirs[i]
        if i not in used_ours and i not in used_theirs and only_ours[a] > 0 and only_theirs[b] > 0:
            changes.append(CodeChange("changed", role, a, a, b))
            only_ours[a] -= 1
            only_theirs[b] -= 1
            used_ours.add(i)
            used_theirs.add(i)
    for i, a in enumerate(ours):
        if i not in used_ours and only_ours[a] > 0:
            changes.append(CodeChange("deleted", role, a))
            only_ours[a] -= 1
            used_ours.add(i)
    for j, b in enumerate(theirs):
        if j not in used_theirs and only_theirs[b] > 0:
            changes.append(CodeChange("added", role, b))
            only_theirs[b] -= 1
            used_theirs.add(j)
    # what is left is on both sides: codes outside the longest common order moved
    rest_ours = [(i, c) for i, c in enumerate(ours) if i not in used_ours]
    rest_theirs = [(j, c) for j, c in enumerate(theirs) if j not in used_theirs]
    matcher = SequenceMatcher(None, [c for _, c in rest_ours], [c for _, c in rest_theirs], autojunk=False)
    kept = {k for block in matcher.get_matching_blocks() for k in range(block.a, block.a + block.size)}
    kept_theirs = {k for block in matcher.get_matching_blocks() for k in range(block.b, block.b + block.size)}
    free = [j for k, (j, _) in enumerate(rest_theirs) if k not in kept_theirs]
    for k, (i, code) in enumerate(rest_ours):
        if k not in kept:
            j = next(j for j in free if theirs[j] == code)
            free.remove(j)
            changes.append(CodeChange("resequenced", role, code, str(i + 1), str(j + 1)))
    return changes


def review_start(store: Store, reviewer: str, sample_id: int, record_id: int, mode: str = "blind") -> Abstract:
    """The abstract a reviewer starts from: empty when blind, the coder's when open."""
    store.require_role(reviewer, *REVIEWERS)
    item = _item(store, sample_id, record_id)
    if mode not in MODES:
        raise StoreError(f"review mode must be blind or open, not {mode!r}")
    return parse_abstract(item["original_content"]) if mode == "open" else Abstract()


def record_review(store: Store, reviewer: str, sample_id: int, record_id: int, abstract: Abstract, *,
                  ref: Reference, mode: str = "blind") -> Findings:
    """Store the reviewer's abstract for a sampled chart and its findings against the
    coder's; the chart becomes reviewed. Recording again replaces the earlier review."""
    from db.grouping import GroupingError, default_grouper, stay_of

    store.require_role(reviewer, *REVIEWERS)
    if mode not in MODES:
        raise StoreError(f"review mode must be blind or open, not {mode!r}")
    item = _item(store, sample_id, record_id)
    if item["coder"] == reviewer:
        raise Forbidden("a chart cannot be reviewed by the coder who committed it")
    record = get_record(store, record_id)
    problems = validate(abstract, ref, date.fromisoformat(record.discharge_date))
    if problems:
        raise ValidationFailed(problems)
    original = parse_abstract(item["original_content"])
    stay = stay_of(record)
    grouped = []
    for a in (original, abstract):  # both regrouped now, so like is compared with like
        try:
            grouped.append(default_grouper(ref).group(a, stay, what_if=False))
        except GroupingError:
            grouped.append(None)
    found = findings(original, abstract, *grouped)
    with store.write() as w:
        store.con.execute(
            "UPDATE review_items SET mode = ?, reviewer = ?, status = 'done', review_content = ?, findings = ?,"
            " reviewed_at = ? WHERE sample_id = ? AND record_id = ?",
            (mode, reviewer, abstract.to_json(), json.dumps(found.to_dict()), w.at, sample_id, record_id))
        store.con.execute("UPDATE records SET status = 'reviewed', version = version + 1, change_seq = ?"
                          " WHERE id = ? AND status = 'coded'", (w.seq, record_id))
        w.audit(reviewer, "review", record_id, json.loads(item["findings"]) if item["findings"] else None,
                {"sample_id": sample_id, "mode": mode, "coder": item["coder"], "errors": found.errors,
                 "drg_before": found.drg_before, "drg_after": found.drg_after})
    return found


def _item(store: Store, sample_id: int, record_id: int) -> dict:
    with store.read() as con:
        row = con.execute("SELECT coder, original_content, findings FROM review_items"
                          " WHERE sample_id = ? AND record_id = ?", (sample_id, record_id)).fetchone()
    if row is None:
        raise NotFound(f"record {record_id} is not in review sample {sample_id}")
    return dict(zip(("coder", "original_content", "findings"), row))


# -- accuracy -------------------------------------------------------------------

@dataclass(frozen=True)
class Accuracy:
    coder: str
    charts: int
    codes: int
    errors: int
    drg_changed: int
    weight_change: float
    errors_by_kind: dict[str, int]

    @property
    def code_level(self) -> float | None:
        """1 - errors / codes reviewed (not below 0: POA and order errors can outnumber codes)."""
        return max(0.0, 1 - self.errors / self.codes) if self.codes else None

    @property
    def drg_level(self) -> float | None:
        return 1 - self.drg_changed / self.charts if self.charts else None


def coder_accuracy(store: Store, date_from: str | None = None, date_to: str | None = None,
                   coder: str | None = None) -> list[Accuracy]:
    """Accuracy per coder over the reviews done in the period (by review date), by coder name."""
    window, params = period_sql("reviewed_at", date_from, date_to, "coder", coder)
    with store.read() as con:
        rows = con.execute(f"SELECT coder, findings FROM review_items WHERE status = 'done' {window}"
                           " ORDER BY coder", params).fetchall()
    by_coder: dict[str, list[Findings]] = {}
    for name, data in rows:
        by_coder.setdefault(name, []).append(Findings.from_dict(json.loads(data)))
    out = []
    for name, found in by_coder.items():
        kinds = Counter()
        for change in (c for f in found for c in f.changes):
            kinds[change.kind] += change.errors
        out.append(Accuracy(name, len(found), sum(f.codes_reviewed for f in found), sum(f.errors for f in found),
                            sum(f.drg_changed for f in found), round(sum(f.weight_change for f in found), 4),
                            dict(kinds)))
    return out


# -- returning a chart ------------------------------------------------------------

@dataclass(frozen=True)
class ReturnedChart:
    record_id: int
    account: str
    patient_name: str
    discharge_date: str
    status: str
    reason: str
    returned_by: str


def return_chart(store: Store, reviewer: str, record_id: int, reason: str) -> str:
    """Send a committed chart back to the coder who committed it, with the reason:
    it is ready again and flagged in that coder's queue (returned_charts) until
    they commit it again. Returns the coder's name."""
    store.require_role(reviewer, *REVIEWERS)
    if not reason.strip():
        raise StoreError("returning a chart needs a reason for its coder")
    with store.write() as w:
        row = store.con.execute("SELECT r.status, a.committed_by FROM records r LEFT JOIN abstracts a"
                                " ON a.record_id = r.id WHERE r.id = ?", (record_id,)).fetchone()
        if row is None:
            raise NotFound(f"no record {record_id}")
        status, coder = row
        if status not in ("coded", "reviewed") or coder is None:
            raise StoreError(f"record {record_id} is {status.replace('_', ' ')}; only a committed chart can be returned")
        store.con.execute(
            "UPDATE records SET status = 'ready', lease_holder = NULL, lease_expires = NULL, returned_reason = ?,"
            " returned_by = ?, version = version + 1, change_seq = ? WHERE id = ?",
            (reason.strip(), reviewer, w.seq, record_id))
        w.audit(reviewer, "return", record_id, {"status": status},
                {"status": "ready", "returned_reason": reason.strip(), "returned_by": reviewer, "coder": coder})
    return coder


def returned_charts(store: Store, coder: str) -> list[ReturnedChart]:
    """Charts returned to `coder` and not yet committed again, in queue order."""
    with store.read() as con:
        rows = con.execute(
            "SELECT r.id, r.account, r.patient_name, r.discharge_date,"
            " CASE WHEN r.status = 'in_progress' AND r.lease_expires < :now THEN 'ready' ELSE r.status END,"
            " r.returned_reason, r.returned_by FROM records r JOIN abstracts a ON a.record_id = r.id"
            " WHERE r.returned_reason IS NOT NULL AND a.committed_by = :coder"
            f" AND r.status IN ('ready', 'in_progress', 'on_hold') ORDER BY {QUEUE_ORDER}",
            {"coder": coder, "now": store.clock()}).fetchall()
    return [ReturnedChart(*r) for r in rows]
