"""The npblocks command itself: its subcommands, a help text for every option, both ways to start it."""
import argparse
from importlib import metadata

import pytest

from blocks.cli import build_parser, main
from tests.cli_helpers import command, run_all


def subparsers(parser):
    action = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    return action.choices


def test_every_subcommand_and_every_option_has_a_help_text():
    parser = build_parser()
    commands = subparsers(parser)
    assert list(commands) == ["demo", "train", "predict", "check", "export"]
    for name, sub in commands.items():
        for action in sub._actions:
            assert action.help, f"npblocks {name}: {action.option_strings or action.dest} has no help text"


def test_help_lists_the_commands(capsys):
    with pytest.raises(SystemExit) as exit_:
        main(["--help"])
    assert exit_.value.code == 0
    out = capsys.readouterr().out
    assert all(f"    {name}" in out for name in ("demo", "train", "predict", "check"))


def test_the_console_script_and_python_dash_m_are_the_same_main(tmp_path):
    (script,) = metadata.entry_points(group="console_scripts", name="npblocks")
    assert script.value == "blocks.cli:main" and script.load() is main
    result = run_all({"help": command("train", "--help")}, cwd=tmp_path)["help"]
    assert result.returncode == 0 and result.stdout.startswith("usage: npblocks train [-h]")
    assert "--layers SIZES" in result.stdout and "example: npblocks train iris.csv" in result.stdout
