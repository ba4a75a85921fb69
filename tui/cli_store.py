"""Subcommands on the shared store: demo, queue, claim, commit, hold, release,
reopen, import, coder."""

from __future__ import annotations

import dataclasses
import sys

from tui.cli_base import ArgumentParser, CliError, positive_int, print_json
from tui.text import plain

# exit codes scripts rely on
EXIT_NOTHING_FREE = 3
EXIT_CONFLICT = 4
EXIT_INVALID = 5


def register(sub, parents) -> None:
    def add(name: str, help_text: str, handler, description: str | None = None) -> ArgumentParser:
        p = sub.add_parser(name, parents=parents, help=help_text, description=description or help_text)
        p.set_defaults(handler=handler)
        return p

    p = add("demo", "create a demo store of synthetic inpatient records", cmd_demo)
    p.add_argument("--records", type=positive_int, default=200, help="how many records (default: 200)")
    p.add_argument("--force", action="store_true", help="replace an existing store file")

    p = add("queue", "show the work queue: records by status", cmd_queue)
    p.add_argument("--json", action="store_true", help="print {status: count}")

    p = add("claim", "claim the next free record, or the named one", cmd_claim,
            "Lease the highest-priority free record (or ACCOUNT) to you. Exit 3 when nothing is free.")
    p.add_argument("account", nargs="?", metavar="ACCOUNT")
    p.add_argument("--json", action="store_true", help="print the claimed record as JSON")

    p = add("commit", "commit a coded abstract for a record you hold", cmd_commit,
            "Exit 0 committed, 4 conflict (lease lost, version moved), 5 validation failed.")
    p.add_argument("account", metavar="ACCOUNT")
    p.add_argument("--abstract", required=True, metavar="FILE", help="abstract JSON file, or - for stdin")

    p = add("hold", "put a record you hold on hold with a reason and a physician query", cmd_hold)
    p.add_argument("account", metavar="ACCOUNT")
    p.add_argument("--reason", required=True)
    p.add_argument("--query", default="", help="the query text for the physician")

    p = add("release", "give a record you hold back to the queue (its draft stays)", cmd_release)
    p.add_argument("account", metavar="ACCOUNT")

    p = add("unhold", "return a record on hold to the queue (the query is answered)", cmd_unhold)
    p.add_argument("account", metavar="ACCOUNT")

    p = add("reopen", "send a coded record back to the queue (reviewer or manager)", cmd_reopen)
    p.add_argument("account", metavar="ACCOUNT")

    p = add("import", "import records: JSONL, CSV or FHIR R4 Bundle files", cmd_import,
            "Each file imports completely or not at all; problems are listed with their line.")
    p.add_argument("files", nargs="+", metavar="FILE")
    p.add_argument("--update", action="store_true", help="update records whose account exists (default: skip them)")
    p.add_argument("--documents", metavar="DIR", help="folder of text documents named by account (CSV imports)")

    p = add("coder", "list coders, or add one (managers)", cmd_coder)
    p.add_argument("action", choices=("list", "add"))
    p.add_argument("name", nargs="?", metavar="NAME")
    p.add_argument("--role", choices=("coder", "reviewer", "manager"), default="coder")


def open_store(args, create_as: str | None = None):
    """The store named by --db / CHARTKEY_DB (or the demo store), with its warnings shown."""
    from db import paths
    from db.store import Store, StoreError

    try:
        store = Store.open(paths.store_path(getattr(args, "db", None)), create_as=create_as)
    except StoreError as exc:
        raise CliError(str(exc)) from None
    for warning in store.warnings:
        print(f"chartkey: warning: {warning}", file=sys.stderr)
    return store


def _me(store) -> str:
    from db.store import StoreError, current_user

    user = current_user()
    try:
        store.require_coder(user)
    except StoreError as exc:
        raise CliError(str(exc)) from None
    return user


def _record(store, account: str):
    from db.records import get_record
    from db.store import NotFound

    try:
        return get_record(store, account)
    except NotFound as exc:
        raise CliError(str(exc)) from None


def _run(action):
    """Map store failures to the documented exit codes."""
    from db.queue import ValidationFailed
    from db.store import Conflict, StoreError

    try:
        return action()
    except ValidationFailed as exc:
        for problem in exc.problems:
            print(plain(problem), file=sys.stderr)
        raise CliError("validation failed; nothing was committed", EXIT_INVALID) from None
    except Conflict as exc:
        raise CliError(plain(str(exc)), EXIT_CONFLICT) from None
    except StoreError as exc:
        raise CliError(plain(str(exc))) from None


def cmd_demo(args) -> int:
    from db import paths
    from db.demo import create_demo_store
    from db.store import StoreError, current_user

    path = paths.store_path(args.db)
    if path.exists() and not args.force:
        raise CliError(f"{path} exists; use --force to replace it")
    try:
        store = create_demo_store(path, current_user(), args.records, replace=args.force,
                                  progress=lambda done, total: _progress("demo records", done, total))
    except StoreError as exc:
        raise CliError(str(exc)) from None
    print(f"Created the demo store {path} with {args.records} records; you ({current_user()}) are its manager.")
    store.close()
    return 0


def _progress(label: str, done: int, total: int) -> None:
    if sys.stderr.isatty():
        width = 30
        filled = width * done // max(1, total)
        end = "\n" if done >= total else ""
        print(f"\r{label}: [{'#' * filled}{'.' * (width - filled)}] {done}/{total}", end=end, file=sys.stderr, flush=True)


def cmd_queue(args) -> int:
    from db.records import queue_counts

    store = open_store(args)
    counts = _run(lambda: queue_counts(store))
    if args.json:
        print_json(counts)
    else:
        for status, n in counts.items():
            print(f"{status.replace('_', ' '):<12} {n:>6}")
    return 0


def cmd_claim(args) -> int:
    from db import queue

    store = open_store(args)
    me = _me(store)
    claimed = _run(lambda: queue.claim(store, me, args.account) if args.account else queue.claim_next(store, me))
    if claimed is None:
        print("Nothing is free to claim.", file=sys.stderr)
        return EXIT_NOTHING_FREE
    if args.json:
        print_json({**dataclasses.asdict(claimed.record), "lease_expires": claimed.lease_expires})
    else:
        r = claimed.record
        print(plain(f"{r.account}  {r.patient_name}  {r.service_line}  discharged {r.discharge_date}  version {r.version}"))
    return 0


def cmd_commit(args) -> int:
    from db import queue
    from db.abstract import AbstractFormatError, parse_abstract
    from db.reference import ReferenceError, open_reference

    try:
        text = sys.stdin.read() if args.abstract == "-" else open(args.abstract, encoding="utf-8").read()
    except OSError as exc:
        raise CliError(f"cannot read {args.abstract}: {exc.strerror}") from None
    try:
        abstract = parse_abstract(text)
    except AbstractFormatError as exc:
        print(plain(str(exc)), file=sys.stderr)
        raise CliError("validation failed; nothing was committed", EXIT_INVALID) from None
    store = open_store(args)
    me = _me(store)
    record = _record(store, args.account)
    try:
        ref = open_reference(args.codes)
    except ReferenceError as exc:
        raise CliError(str(exc)) from None
    version = _run(lambda: queue.commit(store, me, record.id, abstract, ref))
    print(f"Committed {record.account} (version {version}).")
    return 0


def _change_record(args, action: str, outcome: str, *extra) -> int:
    """Apply db.queue.`action` to the named record as the current coder and say what came of it."""
    from db import queue

    store = open_store(args)
    me = _me(store)
    record = _record(store, args.account)
    _run(lambda: getattr(queue, action)(store, me, record.id, *extra))
    print(f"{record.account} {outcome}")
    return 0


def cmd_hold(args) -> int:
    return _change_record(args, "hold", "is on hold.", args.reason, args.query)


def cmd_release(args) -> int:
    return _change_record(args, "release", "is back in the queue.")


def cmd_unhold(args) -> int:
    return _change_record(args, "unhold", "is back in the queue.")


def cmd_reopen(args) -> int:
    return _change_record(args, "reopen", "is back in the queue.")


def cmd_import(args) -> int:
    from pathlib import Path

    from db.importer import import_files

    store = open_store(args)
    me = _me(store)
    docs = Path(args.documents) if args.documents else None
    reports = _run(lambda: import_files(store, me, [Path(f) for f in args.files], update=args.update,
                                        documents_dir=docs, progress=lambda d, t: _progress("importing", d, t)))
    failed = 0
    for r in reports:
        if r.ok:
            print(plain(f"{r.path}: {r.imported} imported, {r.updated} updated, {len(r.skipped)} skipped (account exists)"))
        else:
            failed += 1
            print(plain(f"{r.path}: nothing imported; {len(r.errors)} problem(s):"), file=sys.stderr)
            for line, message in r.errors:
                print(plain(f"  line {line}: {message}" if line else f"  {message}"), file=sys.stderr)
        for line, message in r.warnings:
            print(plain(f"  warning, entry {line}: {message}"), file=sys.stderr)
    return 1 if failed else 0


def cmd_coder(args) -> int:
    store = open_store(args)
    if args.action == "list":
        for c in _run(store.coders):
            print(f"{c.username:<20} {c.role:<9} {'' if c.active else '(inactive)'}")
        return 0
    if not args.name:
        raise CliError("coder add needs a NAME", 2)
    me = _me(store)
    added = _run(lambda: store.add_coder(me, args.name, args.role))
    print(f"{added.username} is a {added.role} on {store.path}.")
    return 0
