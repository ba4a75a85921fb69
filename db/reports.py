"""Management reports on the shared store: productivity, DNFB, case mix, CC/MCC
capture, holds and queries, coding accuracy.

Every report is a function (store, ref, date_from, date_to, coder) -> Report:
plain rows that the command line prints as a table, CSV or JSON and the app
shows as a screen. Dates are YYYY-MM-DD, both ends included, compared with the
store's UTC timestamps. Which date a report filters on is the one its
managers ask about: the commit day for productivity, the discharge day for the
unbilled list and the case mix (finance reports by discharge month), the hold
day for holds, the review day for accuracy.

"Committed work" is a chart whose committed abstract stands: status coded or
reviewed. A chart a reviewer returned is back in the queue and does not count
until its coder commits it again.
"""

from __future__ import annotations

import json
import math
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, timezone

from db.abstract import Abstract, parse_abstract
from db.records import get_record, utc_today
from db.reference import Reference
from db.store import Store, StoreError

AGE_BUCKETS = ((3, "0-3"), (7, "4-7"), (14, "8-14"), (30, "15-30"), (None, "30+"))  # (most days, label)
CAPTURED = ("MCC", "CC", "CC or MCC")  # what a with-CC or with-MCC family member needs (db.grouping)


@dataclass
class Report:
    name: str
    title: str
    columns: list[str]
    rows: list[tuple]
    notes: list[str] = field(default_factory=list)
    series: dict[str, list[tuple[str, float]]] = field(default_factory=dict)  # small trend charts


@dataclass(frozen=True)
class Committed:
    """One chart's committed abstract with the record fields the reports need."""

    record_id: int
    account: str
    coder: str
    committed_at: str
    status: str
    discharge_date: str
    service_line: str
    payer: str
    total_charges: float
    content: str  # the abstract's JSON
    drg: dict | None  # as db.queue.commit stored it
    grouper_version: int | None

    @property
    def weight(self) -> float | None:
        return self.drg.get("weight") if self.drg else None

    def abstract(self) -> Abstract:
        return parse_abstract(self.content)


def committed_work(store: Store, date_from: str | None = None, date_to: str | None = None,
                   coder: str | None = None, *, by: str = "commit") -> list[Committed]:
    """Committed charts by commit time then account; `by` picks the date the
    period applies to: "commit" (a full timestamp works as `date_from` too) or "discharge"."""
    column = {"commit": "a.committed_at", "discharge": "r.discharge_date"}[by]
    window, params = period_sql(column, date_from, date_to, "a.committed_by", coder)
    with store.read() as con:
        rows = con.execute(
            "SELECT r.id, r.account, a.committed_by, a.committed_at, r.status, r.discharge_date, r.service_line,"
            " r.payer, r.total_charges, a.content, a.drg, a.grouper_version FROM abstracts a"
            f" JOIN records r ON r.id = a.record_id WHERE r.status IN ('coded', 'reviewed') {window}"
            " ORDER BY a.committed_at, r.account", params,
        ).fetchall()
    return [Committed(*r[:10], json.loads(r[10]) if r[10] else None, r[11]) for r in rows]


def period_sql(column: str, date_from: str | None, date_to: str | None,
            coder_column: str | None = None, coder: str | None = None) -> tuple[str, dict]:
    """SQL conditions (each starting with AND) for a period and a coder."""
    sql, params = "", {}
    if date_from:
        sql += f" AND {column} >= :date_from"
        params["date_from"] = date_from
    if date_to:
        sql += f" AND substr({column}, 1, 10) <= :date_to"
        params["date_to"] = date_to
    if coder and coder_column:
        sql += f" AND {coder_column} = :coder"
        params["coder"] = coder
    return sql, params


def record_chart_time(store: Store, coder: str, record_id: int, seconds: float, started_at: str) -> None:
    """Store `seconds` of active work on a chart, as the app measured it (idle time left out):
    the productivity report divides charts by this time."""
    store.require_coder(coder)
    if not isinstance(seconds, (int, float)) or not math.isfinite(seconds) or seconds < 0:
        raise StoreError(f"chart time must be a number of seconds, not {seconds!r}")
    try:
        datetime.fromisoformat(started_at)
    except (TypeError, ValueError):
        raise StoreError(f"chart time start {started_at!r} is not an ISO timestamp") from None
    get_record(store, record_id)  # NotFound for an unknown record
    with store.write() as w:
        store.con.execute("INSERT INTO chart_time (record_id, coder, started_at, seconds) VALUES (?, ?, ?, ?)",
                          (record_id, coder, started_at, float(seconds)))
        w.audit(coder, "chart_time", record_id, None, {"started_at": started_at, "seconds": float(seconds)})


# -- productivity -------------------------------------------------------------

def productivity(store: Store, ref: Reference, date_from: str | None = None, date_to: str | None = None,
                 coder: str | None = None) -> Report:
    """Charts committed per coder per day (every commit counts, reworks too: they are
    work done), against the active chart time the app recorded that day."""
    commit_window, commit_params = period_sql("at", date_from, date_to, "coder", coder)
    time_window, time_params = period_sql("started_at", date_from, date_to, "coder", coder)
    with store.read() as con:
        charts = {(d, c): n for d, c, n in con.execute(
            f"SELECT substr(at, 1, 10) AS d, coder, COUNT(*) FROM audit WHERE action = 'commit' {commit_window}"
            " GROUP BY d, coder", commit_params)}
        seconds = {(d, c): s for d, c, s in con.execute(
            f"SELECT substr(started_at, 1, 10) AS d, coder, SUM(seconds) FROM chart_time WHERE 1 {time_window}"
            " GROUP BY d, coder", time_params)}
    rows = []
    coder_charts, coder_seconds, daily = Counter(), Counter(), Counter()
    for d, c in sorted(set(charts) | set(seconds)):
        n, s = charts.get((d, c), 0), seconds.get((d, c), 0.0)
        rows.append((d, c, n, *_rates(n, s)))
        coder_charts[c] += n
        coder_seconds[c] += s
        daily[d] += n
    rows += [("all", c, coder_charts[c], *_rates(coder_charts[c], coder_seconds[c])) for c in sorted(coder_charts)]
    total = sum(charts.values())
    notes = [f"{total} charts committed; {_rates(total, sum(seconds.values()))[0]} hours of active chart time",
             "days are UTC days; active time is time on any chart opened, held and released ones too"]
    return Report("productivity", "Coder productivity",
                  ["day", "coder", "charts", "active_hours", "charts_per_hour", "avg_minutes_per_chart"],
                  rows, notes, {"charts per day": [(d, n) for d, n in sorted(daily.items()) if n]})


def _rates(charts: int, seconds: float) -> tuple[float, float | None, float | None]:
    """(active hours, charts per active hour, average active minutes per chart)."""
    hours = round(seconds / 3600, 2)
    per_hour = round(charts * 3600 / seconds, 2) if seconds else None
    minutes = round(seconds / 60 / charts, 1) if charts and seconds else None
    return hours, per_hour, minutes


# -- discharged, not final billed --------------------------------------------

def dnfb(store: Store, ref: Reference, date_from: str | None = None, date_to: str | None = None,
         coder: str | None = None) -> Report:
    """Discharged stays not yet coded (every status but coded and reviewed): the
    money waiting on coding, by days since discharge, status and hold reason."""
    today = utc_today(store)
    window, params = period_sql("discharge_date", date_from, date_to)
    with store.read() as con:
        rows = con.execute(
            "SELECT discharge_date, total_charges, CASE WHEN status = 'in_progress' AND lease_expires < :now"
            " THEN 'ready' ELSE status END, hold_reason FROM records"
            f" WHERE status NOT IN ('coded', 'reviewed') AND discharge_date <= :today {window}",
            {**params, "now": store.clock(), "today": today.isoformat()},
        ).fetchall()
    groups: dict[tuple[str, str], list[float]] = defaultdict(list)
    for discharged, charges, status, reason in rows:
        groups[("total", "")].append(charges)
        groups[("age", _bucket((today - date.fromisoformat(discharged)).days))].append(charges)
        groups[("status", status.replace("_", " "))].append(charges)
        if status == "on_hold":
            groups[("hold", reason or "")].append(charges)
    keys = [("total", "")] + [("age", label) for _, label in AGE_BUCKETS if ("age", label) in groups]
    keys += sorted(k for k in groups if k[0] == "status")
    keys += sorted((k for k in groups if k[0] == "hold"), key=lambda k: (-len(groups[k]), k[1]))
    table = [(s, g, len(groups[(s, g)]), round(sum(groups[(s, g)]), 2)) for s, g in keys]
    notes = [f"as of {today} (UTC); days since discharge: 30+ means more than 30"]
    if coder:
        notes.append("an unbilled stay belongs to no coder yet: the coder filter does not apply")
    return Report("dnfb", "Discharged, not final billed", ["section", "group", "records", "charges"], table, notes,
                  {"records by days since discharge": [(g, len(groups[(s, g)])) for s, g in keys if s == "age"]})


def _bucket(days: int) -> str:
    return next(label for most, label in AGE_BUCKETS if most is None or days <= most)


# -- case mix -----------------------------------------------------------------

def cmi(store: Store, ref: Reference, date_from: str | None = None, date_to: str | None = None,
        coder: str | None = None) -> Report:
    """Case-mix index (mean MS-DRG relative weight of committed charts) by discharge
    month and by service line, and the DRG distribution."""
    work = committed_work(store, date_from, date_to, coder, by="discharge")
    weighted = [c for c in work if c.weight is not None]
    titles = {c.drg["drg"]: c.drg.get("title") or "" for c in weighted}
    rows = _mix_rows("month", _by(weighted, lambda c: c.discharge_date[:7]), len(weighted), sort_by_key=True)
    rows += _mix_rows("service line", _by(weighted, lambda c: c.service_line), len(weighted))
    rows += _mix_rows("drg", _by(weighted, lambda c: c.drg["drg"]), len(weighted), titles)
    overall = sum(c.weight for c in weighted) / len(weighted) if weighted else None
    notes = [f"CMI {overall:.4f} over {len(weighted)} charts" if weighted else "no committed charts in the period"]
    if len(work) > len(weighted):
        notes.append(f"{len(work) - len(weighted)} committed chart(s) have no MS-DRG weight (discharge outside the "
                     "grouper's versions, or no Table 5 weight) and are left out")
    return Report("cmi", "Case-mix index", ["by", "group", "title", "charts", "total_weight", "cmi", "share"],
                  rows, notes, {"CMI by discharge month": [(r[1], r[5]) for r in rows if r[0] == "month"]})


def _by(items: list, key: Callable) -> dict[str, list]:
    out: dict[str, list] = defaultdict(list)
    for item in items:
        out[key(item)].append(item)
    return out


def _mix_rows(label: str, groups: dict[str, list[Committed]], total: int, titles: dict[str, str] | None = None,
              sort_by_key: bool = False) -> list[tuple]:
    keys = sorted(groups) if sort_by_key else sorted(groups, key=lambda k: (-len(groups[k]), k))
    rows = []
    for k in keys:
        weight = sum(c.weight for c in groups[k])
        rows.append((label, k, (titles or {}).get(k, ""), len(groups[k]), round(weight, 4),
                     round(weight / len(groups[k]), 4), round(len(groups[k]) / total, 4)))
    return rows


# -- CC/MCC capture -----------------------------------------------------------

def cc_capture(store: Store, ref: Reference, date_from: str | None = None, date_to: str | None = None,
               coder: str | None = None) -> Report:
    """Of the committed charts in a DRG family split by CC/MCC, the share that
    grouped to a with-CC or with-MCC member: by family, by coder, by month."""
    family = _families(ref)
    split = [(c, f) for c in committed_work(store, date_from, date_to, coder, by="discharge")
             if (f := family(c)) is not None]
    titles = {f[0]: f[1] for _, f in split}
    rows = (_capture_rows("family", _by(split, lambda p: p[1][0]), titles)
            + _capture_rows("coder", _by(split, lambda p: p[0].coder)))
    months = _by(split, lambda p: p[0].discharge_date[:7])
    captured = sum(f[2] in CAPTURED for _, f in split)
    notes = [f"{captured} of {len(split)} charts in CC/MCC-split families grouped with a CC or MCC"
             + (f" ({captured / len(split):.1%})" if split else ""),
             "a family is a base DRG's neighbours in the same MDC whose Table 5 titles share the stem"]
    return Report("cc_capture", "CC/MCC capture",
                  ["by", "group", "title", "charts", "with_mcc", "with_cc", "captured", "capture_rate"], rows, notes,
                  {"capture rate by discharge month": [(m, round(sum(f[2] in CAPTURED for _, f in v) / len(v), 4))
                                                       for m, v in sorted(months.items())]})


def _families(ref: Reference) -> Callable[[Committed], tuple[str, str, str] | None]:
    """(base DRG, family stem, what the chart's DRG needs) of a committed chart, or
    None when its DRG is not in a CC/MCC-split family. The family is the one the
    chart screen shows (db.grouping), looked up once per fiscal year and DRG."""
    from db.grouping import FISCAL_YEAR, default_grouper, drg_family
    from db.table5 import severity_split

    grouper = default_grouper(ref)
    cache: dict[tuple[int, str], tuple[str, str, str] | None] = {}

    def family(c: Committed) -> tuple[str, str, str] | None:
        if not c.drg or c.grouper_version not in FISCAL_YEAR:
            return None
        key = (FISCAL_YEAR[c.grouper_version], c.drg["drg"])
        if key not in cache:
            weights, _ = grouper.weights_for(key[0])
            members = drg_family(key[1], c.weight, weights)
            current = next((m for m in members if m.current), None)
            cache[key] = (members[0].drg, severity_split(members[0].title)[0], current.needs) if current else None
        return cache[key]

    return family


def _capture_rows(label: str, groups: dict[str, list[tuple]], titles: dict[str, str] | None = None) -> list[tuple]:
    rows = []
    for k in sorted(groups, key=lambda k: (-len(groups[k]), k)):
        needs = [f[2] for _, f in groups[k]]
        mcc, cc = needs.count("MCC"), sum(n in ("CC", "CC or MCC") for n in needs)
        rows.append((label, k, (titles or {}).get(k, ""), len(needs), mcc, cc, mcc + cc,
                     round((mcc + cc) / len(needs), 4)))
    return rows


# -- holds and queries --------------------------------------------------------

@dataclass
class _Hold:
    record_id: int
    held_at: str
    held_by: str
    reason: str
    draft: dict | None  # the last draft saved before the hold
    answered_at: str | None = None


def holds(store: Store, ref: Reference, date_from: str | None = None, date_to: str | None = None,
          coder: str | None = None) -> Report:
    """Open holds with their days on hold, and answered queries (hold, then unhold)
    with their turnaround and DRG impact: the weight of the last draft before the
    hold, regrouped, against the weight the chart was committed with after it."""
    found = _hold_history(store)
    window_from, window_to = date_from or "", date_to or "9999"
    found = [h for h in found if window_from <= h.held_at and h.held_at[:10] <= window_to
             and (not coder or h.held_by == coder)]
    with store.read() as con:
        info = {rid: (account, committed_at, json.loads(drg) if drg else None)
                for rid, account, committed_at, drg in con.execute(
                    "SELECT r.id, r.account, a.committed_at, a.drg FROM records r"
                    " LEFT JOIN abstracts a ON a.record_id = r.id"
                    " WHERE r.id IN (SELECT record_id FROM audit WHERE action = 'hold')")}
    now = datetime.fromtimestamp(store.clock(), timezone.utc)
    rows, reasons, turnaround, impact = [], Counter(), [], []
    for h in found:
        account, committed_at, drg = info[h.record_id]
        if h.answered_at is None:  # only an unhold or a reopen ends a hold: still on hold
            rows.append(("open", account, h.reason, h.held_by, h.held_at[:10], "", _days(h.held_at, now),
                         None, None, None, None, None))
            reasons[h.reason] += 1
            continue
        days = _days(h.held_at, datetime.fromisoformat(h.answered_at))
        turnaround.append(days)
        before = _draft_drg(store, ref, h)
        after = (drg["drg"], drg.get("weight")) if drg and committed_at >= h.answered_at else (None, None)
        change = round(after[1] - before[1], 4) if None not in (before[1], after[1]) else None
        if change is not None:
            impact.append(change)
        rows.append(("answered", account, h.reason, h.held_by, h.held_at[:10], h.answered_at[:10], days,
                     *before, *after, change))
    rows.sort(key=lambda r: (r[0] != "open", r[4], r[1]))
    notes = [f"open holds: {sum(reasons.values())}" + "".join(f"; {r} {n}" for r, n in reasons.most_common())]
    if turnaround:
        notes.append(f"answered queries: {len(turnaround)}, mean turnaround {sum(turnaround) / len(turnaround):.1f} days")
    if impact:
        notes.append(f"weight change after answered queries: {sum(impact):+.4f} over {len(impact)} committed charts, "
                     f"{sum(1 for x in impact if x)} of them changed")
    return Report("holds", "Holds and physician queries",
                  ["status", "account", "reason", "held_by", "held_on", "answered_on", "days", "drg_before",
                   "weight_before", "drg_after", "weight_after", "weight_change"], rows, notes)


def _hold_history(store: Store) -> list[_Hold]:
    """Every hold from the audit log, paired with the action that ended it (an
    unhold, or a reopen from on hold), each with the draft saved before it."""
    with store.read() as con:
        rows = con.execute(
            "SELECT record_id, at, coder, action, before, after FROM audit"
            " WHERE action IN ('hold', 'unhold', 'reopen', 'draft')"
            " AND record_id IN (SELECT record_id FROM audit WHERE action = 'hold') ORDER BY id").fetchall()
    found, open_by_record, drafts = [], {}, {}
    for record_id, at, who, action, before, after in rows:
        if action == "draft":
            drafts[record_id] = json.loads(after) if after else None
        elif action == "hold":
            reason = (json.loads(after) if after else {}).get("hold_reason") or ""
            open_by_record[record_id] = _Hold(record_id, at, who, reason, drafts.get(record_id))
            found.append(open_by_record[record_id])
        elif record_id in open_by_record and (json.loads(before) if before else {}).get("status") == "on_hold":
            open_by_record.pop(record_id).answered_at = at
    return found


def _draft_drg(store: Store, ref: Reference, h: _Hold) -> tuple[str | None, float | None]:
    """(DRG, weight) the draft before the hold groups to; (None, None) without one that groups."""
    from db.grouping import GroupingError, default_grouper, stay_of

    if not h.draft:
        return None, None
    try:
        result = default_grouper(ref).group(parse_abstract(h.draft), stay_of(get_record(store, h.record_id)),
                                            what_if=False)
    except GroupingError:
        return None, None
    return result.drg, result.weight


def _days(start: str, end: datetime) -> float:
    return round((end - datetime.fromisoformat(start)).total_seconds() / 86400, 1)


# -- accuracy -----------------------------------------------------------------

def accuracy(store: Store, ref: Reference, date_from: str | None = None, date_to: str | None = None,
             coder: str | None = None) -> Report:
    """Second-level review results per coder (db.review): code-level accuracy
    1 - errors / codes reviewed, DRG-level accuracy the share of charts whose DRG held."""
    from db.review import coder_accuracy

    found = coder_accuracy(store, date_from, date_to, coder)
    rows = [(a.coder, a.charts, a.codes, a.errors, _round(a.code_level), a.drg_changed, _round(a.drg_level),
             round(a.weight_change, 4)) for a in found]
    kinds = Counter()
    for a in found:
        kinds.update(a.errors_by_kind)
    notes = ["errors by kind: " + ", ".join(f"{k} {n}" for k, n in sorted(kinds.items())) if kinds
             else "no completed reviews in the period",
             "a principal diagnosis change counts as two errors"]
    return Report("accuracy", "Coding accuracy (second-level review)",
                  ["coder", "charts", "codes", "errors", "code_accuracy", "drg_changed", "drg_accuracy",
                   "weight_change"], rows, notes)


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 4)


REPORTS: dict[str, Callable[..., Report]] = {
    "productivity": productivity,
    "dnfb": dnfb,
    "cmi": cmi,
    "cc_capture": cc_capture,
    "holds": holds,
    "accuracy": accuracy,
}
