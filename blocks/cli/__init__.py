"""The ``npblocks`` command (also ``python -m blocks``): demo, train, predict and check.

Each subcommand is a module with ``add_parser(commands)`` and ``run(args) -> exit status``. A bad argument,
a bad file or data that does not fit is one line on standard error and a non-zero exit status (2 for
usage errors, 1 otherwise), never a traceback.
"""
from __future__ import annotations

import argparse
import os
import sys

from . import check, demo, predict, train
from .common import UsageError, one_line

COMMANDS = (demo, train, predict, check)


class Parser(argparse.ArgumentParser):
    """argparse whose usage errors are one line on standard error, with exit status 2."""

    def error(self, message):
        self.exit(2, f"{self.prog}: error: {message} (see {self.prog} --help)\n")


def build_parser() -> Parser:
    parser = Parser(prog="npblocks", description="Deep neural networks in pure NumPy, samples as columns. "
                    "Run 'npblocks COMMAND --help' for a command's options.")
    parser.add_argument("--version", action="version", version=f"npblocks {version()}",
                        help="print npblocks' version and exit")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for command in COMMANDS:
        command.add_parser(commands)
    return parser


def version() -> str:
    """The installed npblocks' version, or "unknown" when run from a folder that was never installed."""
    from importlib import metadata

    try:
        return metadata.version("npblocks")
    except metadata.PackageNotFoundError:
        return "unknown"


def main(argv=None) -> int:
    """Run ``npblocks`` with ``argv`` (default: the process's arguments); returns the exit status."""
    args = build_parser().parse_args(argv)
    try:
        return args.run(args)
    except BrokenPipeError:  # the reader went away (npblocks predict ... | head): stop quietly
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 1
    except UsageError as exc:
        return _fail(args, exc, 2)
    except (ValueError, TypeError, OSError) as exc:
        return _fail(args, exc, 1)
    except KeyboardInterrupt:
        return _fail(args, "interrupted", 130)


def _fail(args, exc, status: int) -> int:
    message = exc if isinstance(exc, str) else one_line(exc)
    print(f"npblocks {args.command}: error: {message}", file=sys.stderr)
    return status
