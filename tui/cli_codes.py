"""Subcommands about code sets: `search` and `codeset build|info`."""

from __future__ import annotations

import dataclasses
import sys

from tui.cli_base import ArgumentParser, CliError, positive_int, print_json
from tui.text import plain


def register(sub, parents) -> None:
    p = sub.add_parser("search", parents=parents, help="search ICD-10-CM / ICD-10-PCS codes", description=(
        "Search codes by code, words, abbreviations or misspellings. "
        "QUERY '-' reads one query per line from stdin and answers each with one JSON line."))
    p.add_argument("query", metavar="QUERY", help="what to search for, or - for queries on stdin")
    p.add_argument("--system", choices=("cm", "pcs", "all"), default="all", help="code system (default: all)")
    p.add_argument("--limit", type=positive_int, default=20, help="most results (default: 20)")
    p.add_argument("--json", action="store_true", help="print a JSON array")
    p.set_defaults(handler=cmd_search)

    cs = sub.add_parser("codeset", help="build or describe the reference code-set database")
    cs_sub = cs.add_subparsers(dest="codeset_command", metavar="ACTION", required=True, parser_class=ArgumentParser)
    b = cs_sub.add_parser("build", parents=parents, help="(re)build the reference database from the packaged code sets")
    b.set_defaults(handler=cmd_codeset_build)
    i = cs_sub.add_parser("info", parents=parents, help="show the installed code sets, their sources and fiscal years")
    i.add_argument("--json", action="store_true", help="print JSON")
    i.set_defaults(handler=cmd_codeset_info)


def _reference(args):
    from db.reference import ReferenceError, open_reference

    def progress(msg: str) -> None:
        print(f"chartkey: building the reference database: {msg}", file=sys.stderr, flush=True)

    try:
        return open_reference(args.codes, progress=progress)
    except ReferenceError as exc:
        raise CliError(str(exc)) from None


def cmd_search(args) -> int:
    from db.search import search

    ref = _reference(args)
    if args.query == "-":
        stdin = sys.stdin.buffer
        for raw in stdin:
            query = raw.decode("utf-8", errors="replace").rstrip("\r\n")
            found = search(query, args.system, args.limit, ref=ref)
            print_json([dataclasses.asdict(r) for r in found])
        return 0
    found = search(args.query, args.system, args.limit, ref=ref)
    if args.json:
        print_json([dataclasses.asdict(r) for r in found])
        return 0
    if not found:
        print("No codes match.")
        return 0
    width = max(len(r.code) for r in found)
    for r in found:
        mark = "*" if r.billable else "7" if r.needs_seventh else " "
        print(f"{r.code:<{width}}  {r.system:<3} {mark} {plain(r.description)}   [{plain(r.match)}]")
    print("\n* billable   7 needs a 7th character   (blank: header, not billable)")
    return 0


def cmd_codeset_build(args) -> int:
    from db import paths
    from db.codeset_build import build_reference
    from db.reference import ReferenceError

    path = paths.reference_path(args.codes)
    try:
        report = build_reference(path, progress=lambda m: print(f"  {m}", file=sys.stderr, flush=True))
    except (OSError, ReferenceError) as exc:
        raise CliError(f"cannot build {path}: {exc}") from None
    counts = ", ".join(f"{k.replace('_', ' ')} {v:,}" for k, v in report.counts.items())
    print(f"Built {report.path} in {report.seconds:.1f} s: {counts}")
    return 0


def cmd_codeset_info(args) -> int:
    ref = _reference(args)
    systems = ref.systems()
    if args.json:
        print_json({"path": str(ref.path), "built_at": ref.built_at(), "systems": [dataclasses.asdict(s) for s in systems],
                    "expansions": ref.expansion_counts()})
        return 0
    print(f"Reference database: {ref.path} (built {ref.built_at()})")
    for s in systems:
        print(f"  {s.name}: {s.fiscal_year}")
        print(f"    {s.codes:,} codes, {s.billable:,} billable")
        print(f"    source: {s.source}")
    counts = ref.expansion_counts()
    print(f"  Search expansions: {counts.get('abbreviation', 0)} abbreviations, {counts.get('synonym', 0)} synonyms")
    return 0
