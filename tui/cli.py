"""The `chartkey` command: subcommands for scripts, the app when run bare.

Kept free of Textual imports so that `chartkey search` starts in a fraction
of a second; the app is imported only when it is opened.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence

from tui import cli_codes, cli_group, cli_reports, cli_store
from tui.cli_base import ArgumentParser, CliError


def build_parser() -> ArgumentParser:
    parser = ArgumentParser(
        prog="chartkey",
        description="Keyboard-only encoder for medical coders. Run with no command to open the app.",
    )
    codes_help = "reference code-set database (default: $CHARTKEY_CODES, else the cache directory)"
    db_help = "shared store (default: $CHARTKEY_DB, else the demo store in the data directory)"
    parser.add_argument("--codes", metavar="PATH", help=codes_help)
    parser.add_argument("--db", metavar="PATH", help=db_help)
    parser.add_argument("--keymap", metavar="NAME|PATH", help="key preset (default, vim, fkeys) or a keymap TOML file")
    parser.add_argument("--no-mouse", action="store_true", help="do not ask the terminal for mouse reports")
    # Subcommands accept the same options after their name; SUPPRESS keeps an
    # option given before the subcommand from being reset by its default.
    common = ArgumentParser(add_help=False)
    common.add_argument("--codes", metavar="PATH", default=argparse.SUPPRESS, help=codes_help)
    common.add_argument("--db", metavar="PATH", default=argparse.SUPPRESS, help=db_help)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=ArgumentParser)
    cli_codes.register(sub, [common])
    cli_store.register(sub, [common])
    cli_group.register(sub, [common])
    cli_reports.register(sub, [common])
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        if args.command is None:
            # Textual paints at most 60 frames a second, so a search result can wait
            # 16 ms for its frame; frames are only drawn when something changed, so a
            # higher ceiling costs nothing at rest. Set before Textual is imported.
            os.environ.setdefault("TEXTUAL_FPS", "120")
            # open the databases while Textual is imported (the first frame never waits for them)
            from tui.services import Prefetch

            prefetch = Prefetch(args.codes, args.db).start()
            from tui.app import run_app

            return run_app(args, prefetch)
        return args.handler(args)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # The reader went away (e.g. `| head`); nothing left to say.
        sys.stderr.close()
        return 0
    except CliError as exc:
        print(f"chartkey: error: {exc}", file=sys.stderr)
        return exc.code


if __name__ == "__main__":
    raise SystemExit(main())
