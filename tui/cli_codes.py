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
    im = cs_sub.add_parser("import", parents=parents, help="import official CMS/CDC code-set files (zips, files, folders)",
                           description="Import CMS/CDC release files of any fiscal year: ICD-10-CM tabular, index, "
                                       "external cause index, neoplasm and drug tables, order files; ICD-10-PCS "
                                       "tables, index, definitions, order files; the ICD-10-CM POA-exempt code list; "
                                       "IPPS Table 5. Each file is checked "
                                       "whole first: a wrong or truncated file changes nothing.")
    im.add_argument("paths", nargs="+", metavar="PATH")
    im.set_defaults(handler=cmd_codeset_import)
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


def cmd_codeset_import(args) -> int:
    from pathlib import Path

    from db import paths
    from db.codeset_import import ImportFailed, import_codesets

    target = paths.reference_path(args.codes)
    missing = [p for p in args.paths if not Path(p).exists()]
    if missing:
        raise CliError(f"no such file: {', '.join(missing)}")
    try:
        imported, report = import_codesets(target, [Path(p) for p in args.paths],
                                           progress=lambda m: print(f"  {plain(m)}", file=sys.stderr, flush=True))
    except ImportFailed as exc:
        raise CliError(f"nothing imported: {plain(str(exc))}") from None
    for item in imported:
        print(plain(f"Imported {item.original}: {item.kind.replace('_', ' ')} FY{item.fiscal_year}"))
    print(f"Rebuilt {report.path} in {report.seconds:.1f} s; running coders switch to it on their next chart.")
    return 0


def cmd_codeset_info(args) -> int:
    ref = _reference(args)
    systems = ref.systems()
    if args.json:
        print_json({"path": str(ref.path), "built_at": ref.built_at(), "systems": [dataclasses.asdict(s) for s in systems],
                    "expansions": ref.expansion_counts(), "weight_years": ref.weight_years(),
                    "code_set_years": {s: ref.installed_years(s) for s in ("cm", "pcs")},
                    "imports": [dict(zip(("kind", "fiscal_year", "file", "imported_at"), i)) for i in ref.imports()]})
        return 0
    print(f"Reference database: {ref.path} (built {ref.built_at()})")
    for s in systems:
        print(f"  {s.name}: {s.fiscal_year}")
        print(f"    {s.codes:,} codes, {s.billable:,} billable")
        print(f"    source: {s.source}")
    for system, name in (("cm", "ICD-10-CM"), ("pcs", "ICD-10-PCS")):
        years = ref.installed_years(system)
        if years:
            print(f"  {name} code sets checked by discharge date: " + ", ".join(f"FY{y}" for y in years))
    print("  MS-DRG weights: " + ", ".join(f"FY{y}" for y in ref.weight_years()))
    imports = ref.imports()
    if imports:
        print("  Imported CMS files:")
        for kind, year, original, at in imports:
            print(plain(f"    {kind.replace('_', ' '):<16} FY{year}  {original}  ({at})"))
    else:
        print("  No CMS files imported: packaged defaults only (chartkey codeset import PATH... adds them)")
    counts = ref.expansion_counts()
    print(f"  Search expansions: {counts.get('abbreviation', 0)} abbreviations, {counts.get('synonym', 0)} synonyms")
    return 0
