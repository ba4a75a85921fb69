"""Subcommands on coded work: report, export and summary (any coder on the store), review (reviewers, managers)."""

from __future__ import annotations

import argparse
import csv
import io
import json
import sys
from datetime import date, datetime, timezone

from tui.cli_base import ArgumentParser, CliError, positive_int
from tui.cli_store import _me, _record, _run, open_store
from tui.text import plain

RULE_KEYS = {"drg": "drg", "payer": "payer", "min-weight": "min_weight"}


class _ReportNames:
    """The report names, read from db.reports only when a command needs them:
    importing it costs 80 ms that `chartkey search` should not pay."""

    def __iter__(self):
        from db.reports import REPORTS

        return iter(REPORTS)

    def __contains__(self, name) -> bool:
        from db.reports import REPORTS

        return name in REPORTS


def register(sub, parents) -> None:
    def add(where, name: str, help_text: str, handler=None, description: str | None = None) -> ArgumentParser:
        p = where.add_parser(name, parents=parents, help=help_text, description=description or help_text)
        if handler:
            p.set_defaults(handler=handler)
        return p

    p = add(sub, "report", "print a management report", cmd_report,
            "Print a report on the store as a table, CSV or JSON. Dates are YYYY-MM-DD, both included.")
    p.add_argument("name", choices=_ReportNames(), metavar="NAME", help="one of: %(choices)s")
    _period(p)
    p.add_argument("--coder", metavar="NAME", help="only this coder's work")
    p.add_argument("--format", choices=("table", "csv", "json"), default="table")

    p = add(sub, "export", "export committed abstracts: UB-04 CSV, JSON lines or a FHIR R4 Bundle", cmd_export,
            "Committed charts only, by commit time. Exports are audited. Warnings go to stderr.")
    p.add_argument("--format", choices=("csv", "jsonl", "fhir"), required=True)
    p.add_argument("--since", type=_since, metavar="DATE", help="only charts committed on or after DATE (or a timestamp)")
    p.add_argument("--out", metavar="PATH", help="write to PATH instead of standard output")

    p = add(sub, "summary", "print the coding summary of a chart", cmd_summary,
            "The coding summary of one chart (its committed abstract, else its draft): demographics, disposition,"
            " codes with titles, POA and CC/MCC, procedures, the MS-DRG and payment estimate, edits and checks.")
    p.add_argument("account", metavar="ACCOUNT")
    p.add_argument("--format", choices=("text", "json"), default="text")

    p = add(sub, "review", "second-level review: draw a sample, return a chart to its coder")
    actions = p.add_subparsers(dest="review_action", metavar="ACTION", required=True, parser_class=ArgumentParser)
    s = add(actions, "sample", "draw charts to review: N per coder, at random or by a rule", cmd_review_sample,
            "Draw up to N committed, not yet reviewed charts per coder; the seed is printed and stored.")
    s.add_argument("--per-coder", type=positive_int, required=True, metavar="N")
    _period(s)
    s.add_argument("--seed", type=int, help="repeat an earlier draw (default: a new seed)")
    s.add_argument("--rule", type=_rule, action="append", metavar="KEY=VALUE",
                   help="drg=291, payer=Medicare or min-weight=2.0 (repeat to combine)")
    r = add(actions, "return", "send a committed chart back to its coder with a reason", cmd_review_return)
    r.add_argument("account", metavar="ACCOUNT")
    r.add_argument("--reason", required=True)


def _period(p: ArgumentParser) -> None:
    p.add_argument("--from", dest="date_from", type=_day, metavar="DATE", help="first day (YYYY-MM-DD)")
    p.add_argument("--to", dest="date_to", type=_day, metavar="DATE", help="last day (YYYY-MM-DD)")


def _day(text: str) -> str:
    try:
        return date.fromisoformat(text).isoformat()
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {text!r}") from None


def _since(text: str) -> str:
    """A date as is, or a timestamp in the store's form (UTC, milliseconds, Z) so that it compares as text."""
    try:
        when = datetime.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date or timestamp: {text!r}") from None
    if len(text) == 10:
        return when.date().isoformat()
    when = when.replace(tzinfo=when.tzinfo or timezone.utc).astimezone(timezone.utc)
    return when.isoformat(timespec="milliseconds").replace("+00:00", "Z")


def _rule(text: str) -> tuple[str, str]:
    key, sep, value = text.partition("=")
    if not sep or key not in RULE_KEYS or not value:
        raise argparse.ArgumentTypeError(f"a rule is drg=NNN, payer=NAME or min-weight=N, not {text!r}")
    if key == "drg" and not value.isdigit():
        raise argparse.ArgumentTypeError(f"not a DRG number: {value!r}")
    if key == "min-weight":
        try:
            float(value)
        except ValueError:
            raise argparse.ArgumentTypeError(f"not a number: {value!r}") from None
    return RULE_KEYS[key], value


def _reference(args):
    from db.reference import ReferenceError, open_reference

    try:
        return open_reference(args.codes)
    except ReferenceError as exc:
        raise CliError(str(exc)) from None


# -- report -------------------------------------------------------------------------

def cmd_report(args) -> int:
    from db.reports import REPORTS

    store = open_store(args)
    _me(store)
    ref = _reference(args)
    report = _run(lambda: REPORTS[args.name](store, ref, args.date_from, args.date_to, args.coder))
    if args.format == "json":
        _emit(json.dumps({"name": report.name, "title": report.title, "columns": report.columns,
                          "rows": [list(r) for r in report.rows], "notes": report.notes}, ensure_ascii=False) + "\n")
    elif args.format == "csv":
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(report.columns)
        writer.writerows([["" if v is None else v for v in r] for r in report.rows])
        _emit(out.getvalue())
    else:
        print(plain(_table(report)))
    return 0


def _emit(text: str) -> None:
    """Data for a script as it is; on a terminal, control characters made visible (tui.text.plain)."""
    sys.stdout.write(plain(text) if sys.stdout.isatty() else text)
    sys.stdout.flush()


def _table(report) -> str:
    """Aligned columns, numbers to the right; then the notes."""
    cells = [report.columns] + [[_cell(v) for v in r] for r in report.rows]
    numeric = [all(isinstance(r[i], (int, float)) or r[i] is None for r in report.rows) for i in range(len(report.columns))]
    widths = [max(len(row[i]) for row in cells) for i in range(len(report.columns))]
    lines = [report.title, ""]
    for row in cells:
        lines.append("  ".join(v.rjust(w) if num else v.ljust(w) for v, w, num in zip(row, widths, numeric)).rstrip())
    if not report.rows:
        lines.append("(nothing in the period)")
    return "\n".join(lines + [""] + report.notes)


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:.4f}".rstrip("0").rstrip(".")
    return str(value)


# -- export -------------------------------------------------------------------------

def cmd_export(args) -> int:
    from db import exports

    store = open_store(args)
    me = _me(store)
    ref = _reference(args)
    warnings: list[str] = []
    if args.format == "csv":
        text, warnings = _run(lambda: exports.export_csv(store, ref, args.since, actor=me))
        count = len(list(csv.reader(io.StringIO(text)))) - 1  # rows, less the header
    elif args.format == "jsonl":
        text = _run(lambda: exports.export_jsonl(store, ref, args.since, actor=me))
        count = text.count("\n")
    else:
        bundle = _run(lambda: exports.export_fhir(store, ref, args.since, actor=me))
        text = json.dumps(bundle, ensure_ascii=False, indent=1) + "\n"
        count = sum(e["resource"]["resourceType"] == "Claim" for e in bundle["entry"])
    for warning in warnings:
        print(plain(f"chartkey: warning: {warning}"), file=sys.stderr)
    if args.out:
        try:
            with open(args.out, "w", encoding="utf-8", newline="") as out:
                out.write(text)
        except OSError as exc:
            raise CliError(f"cannot write {args.out}: {exc.strerror}") from None
        print(plain(f"Exported {count} chart(s) as {args.format} to {args.out}."))
    else:
        _emit(text)
    return 0


# -- summary ------------------------------------------------------------------------

def cmd_summary(args) -> int:
    from db.grouping import default_grouper
    from db.queue import base_rate
    from db.summary import coding_summary, summary_text

    store = open_store(args)
    _me(store)
    record = _record(store, args.account)
    ref = _reference(args)
    summary = _run(lambda: coding_summary(store, ref, record.account, default_grouper(ref), base_rate(store)))
    if args.format == "json":
        _emit(json.dumps(summary.to_dict(), ensure_ascii=False, indent=1) + "\n")
    else:  # printable text: record text never carries a control character to the printer or terminal
        sys.stdout.write(plain(summary_text(summary)))
    return 0


# -- review -------------------------------------------------------------------------

def cmd_review_sample(args) -> int:
    from db.review import draw_sample

    store = open_store(args)
    me = _me(store)
    rule = dict(args.rule) if args.rule else None
    sample = _run(lambda: draw_sample(store, me, args.per_coder, args.date_from, args.date_to, args.seed, rule))
    print(f"Review sample {sample.id}: {len(sample.items)} chart(s), {sample.method}, seed {sample.seed}")
    for item in sample.items:
        print(plain(f"  {item.account}  {item.coder}"))
    return 0


def cmd_review_return(args) -> int:
    from db.review import return_chart

    store = open_store(args)
    me = _me(store)
    record = _record(store, args.account)
    coder = _run(lambda: return_chart(store, me, record.id, args.reason))
    print(plain(f"{record.account} is back in {coder}'s queue, flagged: {args.reason.strip()}"))
    return 0
