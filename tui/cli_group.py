"""`chartkey group`: the MS-DRG grouper, Code Editor and what-if from the command line."""

from __future__ import annotations

import dataclasses
import json
import sys

from tui.cli_base import CliError, print_json
from tui.text import plain

EXIT_INVALID = 5


def register(sub, parents) -> None:
    p = sub.add_parser("group", parents=parents, help="group a claim to an MS-DRG (with edits and what-if)",
                       description="Group one claim given by flags, or a JSON claim on stdin; with - read JSON "
                                   "claims line by line and answer each with one JSON line. Exit 5 on bad input.")
    p.add_argument("stdin_lines", nargs="?", choices=["-"], help="- to read JSON claims line by line")
    p.add_argument("--json", action="store_true", help="print JSON")
    p.add_argument("--version", type=int, help="force an MS-DRG version (400..440) instead of the discharge date's")
    p.add_argument("--pdx", metavar="CODE[:POA]")
    p.add_argument("--sdx", metavar="CODE[:POA]", action="append", default=[])
    p.add_argument("--proc", metavar="CODE[:DATE]", action="append", default=[])
    p.add_argument("--admit-dx", metavar="CODE")
    p.add_argument("--age", type=int)
    p.add_argument("--sex", choices=["M", "F", "U"], type=str.upper)
    p.add_argument("--disposition", metavar="NN", default="01", help="UB-04 discharge status (default 01)")
    p.add_argument("--discharge-date", metavar="YYYY-MM-DD")
    p.set_defaults(handler=cmd_group)


def _split(value: str) -> tuple[str, str | None]:
    code, _, rest = value.partition(":")
    return code, rest or None


def _claim_from_flags(args) -> dict:
    return {
        "age": args.age, "sex": args.sex, "discharge_disposition": args.disposition,
        "discharge_date": args.discharge_date, "version": args.version,
        "pdx": dict(zip(("code", "poa"), _split(args.pdx))),
        "sdx": [dict(zip(("code", "poa"), _split(s))) for s in args.sdx],
        "procedures": [dict(zip(("code", "date"), _split(p))) for p in args.proc],
        "admit_dx": args.admit_dx,
    }


def _base_rate(args) -> float | None:
    """The store's base rate when a store is configured and exists (payment is an estimate)."""
    from db import paths
    from db.queue import base_rate
    from db.store import Store, StoreError

    path = paths.store_path(getattr(args, "db", None))
    if not path.exists():
        return None
    try:
        store = Store.open(path)
    except StoreError:
        return None
    try:
        return base_rate(store)
    finally:
        store.close()


def _answer(data, ref, grouper, rate, forced_version) -> tuple[dict, list[str]]:
    from db.grouping import GroupingError, claim_from_json

    if isinstance(data, dict) and forced_version is not None and data.get("version") is None:
        data = {**data, "version": forced_version}
    abstract, stay, version, problems = claim_from_json(data, ref)
    if problems:
        return {"problems": problems}, problems
    try:
        result = grouper.group(abstract, stay, version=version, base_rate=rate)
    except GroupingError as exc:
        return {"problems": [str(exc)]}, [str(exc)]
    return dataclasses.asdict(result), []


def cmd_group(args) -> int:
    from db.grouping import default_grouper
    from db.reference import ReferenceError, open_reference

    try:
        ref = open_reference(args.codes)
    except ReferenceError as exc:
        raise CliError(str(exc)) from None
    grouper = default_grouper(ref)
    rate = _base_rate(args)
    if args.stdin_lines == "-":
        for raw in sys.stdin.buffer:
            line = raw.decode("utf-8", errors="replace").strip()
            if not line:
                continue
            try:
                data = json.loads(line)
            except json.JSONDecodeError as exc:
                print_json({"problems": [f"not JSON: {exc.msg}"]})
                continue
            print_json(_answer(data, ref, grouper, rate, args.version)[0])
        return 0
    if args.pdx:
        data = _claim_from_flags(args)
    else:
        try:
            data = json.loads(sys.stdin.read())
        except json.JSONDecodeError as exc:
            print(f"not JSON: {exc.msg}", file=sys.stderr)
            return EXIT_INVALID
    answer, problems = _answer(data, ref, grouper, rate, args.version)
    if problems:
        for p in problems:
            print(plain(p), file=sys.stderr)
        return EXIT_INVALID
    if args.json:
        print_json(answer)
    else:
        _print_result(answer)
    return 0


def _print_result(r: dict) -> None:
    weight = f"{r['weight']:.4f}" if r["weight"] is not None else "-"
    print(f"MS-DRG {r['drg']}  {r['drg_title']}  ({r['type']}, MDC {r['mdc']}, grouper v{r['version']})")
    if r["return_message"]:
        print(f"  {r['return_message']}")
    print(f"  weight {weight}  GMLOS {r['gmlos']}  AMLOS {r['amlos']}  [{r['weight_source']}]")
    if r["estimated_payment"] is not None:
        print(f"  estimated payment ${r['estimated_payment']:,.2f} (weight x base rate ${r['base_rate']:,.2f}; an estimate)")
    for d in r["diagnoses"]:
        marks = [d["severity"]] if d["severity"] != "NONE" else []
        marks += ["excluded by the principal diagnosis"] if d["excluded"] else []
        marks += ["affects the DRG"] if d["affects_drg"] else []
        marks += [f"HAC {h}" for h in d["hac"]]
        print(f"  {'PDX' if d['role'] == 'principal' else 'SDX'} {d['code']:<9} POA {d['poa'] or '-'}  {', '.join(marks)}")
    for p in r["procedures"]:
        print(f"  PX  {p['code']:<9} {'OR' if p['operating_room'] else 'non-OR'}{', affects the DRG' if p['affects_drg'] else ''}")
    if not r["edits_available"]:
        print(f"  Code Editor: {r['edits_note']}")
    for e in r["edits"]:
        print(plain(f"  {e['level'].upper()}: {e['code'] or 'claim'}: {e['message']} ({e['edit']})"))
    what_if = r["what_if"] or {}
    for alt in what_if.get("without", []) + what_if.get("as_principal", []):
        if alt["changes_drg"]:
            print(f"  what if {alt['code']} {alt['change']}: DRG {alt['drg']} {alt['title']}"
                  f" (weight {alt['weight'] if alt['weight'] is not None else '-'})")
    for m in what_if.get("family", []):
        if not m["current"]:
            print(f"  {m['question']}")
