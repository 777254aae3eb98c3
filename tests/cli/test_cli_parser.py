"""``main`` builds only the parser of the command it runs; these check that this never changes an answer.

For each command line the one-command parser must give exactly the namespace, or exactly the error, of the
parser that knows every command, and whatever ``command_in`` cannot read safely must get the whole parser.
"""

from __future__ import annotations

import argparse

import pytest

from huabei_tui.cli.parser import ALL, COMMANDS, UsageError, build_parser, command_in

LINES = [
    [],
    ["--db", "x.json"],
    ["--db=x.json", "--today", "2026-02-29"],
    ["--lang", "en", "--demo"],
    ["--db"],
    ["--db", "-x.json", "status"],
    ["status"],
    ["status", "--json"],
    ["--db", "status", "status", "--json"],
    ["status", "--bogus"],
    ["status", "extra"],
    ["export", "--format", "csv", "-o", "out.csv", "--screen", "recovery"],
    ["export", "--screen", "nowhere"],
    ["pay", "2026-10", "¥1,234.50", "--on", "2026-11-01"],
    ["pay", "2026-10"],
    ["bill", "add", "2026-10", "12"],
    ["bill"],
    ["bill", "list", "--json"],
    ["account", "set", "--limit", "5000", "--auto-repay", "off"],
    ["account"],
    ["check", "tick", "2", "--list", "revoke", "--off"],
    ["contact", "add", "--topic", "deferral"],
    ["import", "alipay", "a.csv", "b.csv", "--dry-run"],
    ["import"],
    ["grid", "--months", "60"],
    ["restore"],
    ["remind", "--within", "7"],
    ["backups"],
    ["tui"],
    ["demo", "--force"],
    ["serve", "--public", "--port", "9000"],
]


def _parse(parser: argparse.ArgumentParser, argv: list[str]) -> tuple[str, object]:
    try:
        return "ok", vars(parser.parse_args(argv))
    except UsageError as error:
        return "error", str(error)


@pytest.mark.parametrize("argv", LINES, ids=" ".join)
def test_the_one_command_parser_answers_as_the_whole_parser_does(argv: list[str]) -> None:
    only = command_in(argv)
    assert only is not ALL, "these lines are all ones main should parse with a one-command parser"
    assert _parse(build_parser("en", only), argv) == _parse(build_parser("en"), argv)


@pytest.mark.parametrize("argv", [
    ["-h"], ["--help"], ["--version"], ["--to", "2026-01-01", "status"], ["--", "status"],
    ["stat"], ["nonsense"], ["--lang", "en", "-x"],
])
def test_what_it_cannot_read_safely_gets_the_whole_parser(argv: list[str]) -> None:
    assert command_in(argv) is ALL


def test_the_commands_list_is_the_parsers() -> None:
    parser = build_parser("zh")
    sub = next(action for action in parser._actions if isinstance(action, argparse._SubParsersAction))
    assert tuple(sub.choices) == COMMANDS


def test_every_command_name_is_read() -> None:
    for name in COMMANDS:
        assert command_in(["--db", "x.json", name, "--anything"]) == name
    assert command_in(["--lang=zh", "--demo"]) == ""


def _every_parser(parser: argparse.ArgumentParser, path: str = "huabei"):
    """``parser`` and every parser under it, with the command words that reach it."""
    yield path, parser
    for action in parser._actions:  # argparse has no public walk over its subparsers
        if isinstance(action, argparse._SubParsersAction):
            for name, child in action.choices.items():
                yield from _every_parser(child, f"{path} {name}")


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_option_says_what_it_does_in_both_languages(lang: str) -> None:
    """``huabei grid --help`` once listed ``--months 24|60`` with no word on what it does (also ``bill list
    --json``, ``check tick --list``, every ``contact add`` option): a help page must explain each option."""
    missing = [f"{path} {action.option_strings[-1]}"
               for path, parser in _every_parser(build_parser(lang))
               for action in parser._actions
               if action.option_strings and not action.help]
    assert missing == []


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_argument_and_command_says_what_it_is_in_both_languages(lang: str) -> None:
    """``huabei pay --help`` listed ``AMOUNT`` with no word on it (nor how an amount may be typed), and so did
    ``bill remove``'s MONTH, ``restore``'s BACKUP, ``import alipay``'s FILE, the line commands' names and ``check
    answer``'s value; and no command's own help page said what the command does (only ``huabei --help`` did)."""
    parsers = list(_every_parser(build_parser(lang)))
    missing = [f"{path} {action.metavar or action.dest}"
               for path, parser in parsers
               for action in parser._actions
               if not action.option_strings and not isinstance(action, argparse._SubParsersAction)
               and not action.help]
    assert missing == []
    assert [path for path, parser in parsers[1:] if not parser.description] == []
