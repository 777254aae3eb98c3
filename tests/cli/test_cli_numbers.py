"""Every numeric option of every command refuses other Unicode digits: exit 2, one line, the file untouched.

Superscripts, circled digits, Arabic-Indic and mathematical digits are "numeric" to Unicode, and NFKC or ``int()``
used to turn them into digits (``account set --fee-rate ²`` was read as 2 % a day) or into a traceback
(``remind --within ²`` ended with "Unexpected error"). ``X`` in each command line is where the character goes;
with an ASCII digit there, the same command line is accepted.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from support.huabei_cli import Huabei

from .test_cli_errors import snapshot

#: Characters that look like digits and are not 0–9 or full-width ０–９.
NOT_DIGITS = {"superscript": "²", "circled": "①", "arabic-indic": "٣", "math-bold": "𝟐"}

#: Every numeric argument or option of every command (the data is the demo's, today 2025-09-01).
NUMERIC_ARGS: dict[str, list[str]] = {
    "account --limit": ["account", "set", "--limit", "X000"],
    "account --statement-day": ["account", "set", "--statement-day", "X"],
    "account --due-day": ["account", "set", "--due-day", "1X"],
    "account --balance": ["account", "set", "--balance", "X00"],
    "account --fee-rate": ["account", "set", "--fee-rate", "0.0X"],
    "account --opened": ["account", "set", "--opened", "2024-01-0X"],
    "bill add MONTH": ["bill", "add", "2025-1X", "100"],
    "bill add AMOUNT": ["bill", "add", "2025-10", "X00"],
    "bill set AMOUNT": ["bill", "set", "2025-09", "X000"],
    "bill remove MONTH": ["bill", "remove", "2025-0X"],
    "pay MONTH": ["pay", "2025-0X", "10"],
    "pay AMOUNT": ["pay", "2025-09", "X"],
    "pay --on": ["pay", "2025-09", "10", "--on", "2025-08-2X"],
    "export --remind-days": ["export", "--format", "ics", "--remind-days", "X"],
    "grid --months": ["grid", "--months", "X4"],
    "check tick": ["check", "tick", "X"],
    "check tick --list recovery": ["check", "tick", "X", "--list", "recovery"],
    "remind --within": ["remind", "--within", "X"],
    "contact add --on": ["contact", "add", "--topic", "other", "--outcome", "x", "--on", "2025-08-0X"],
    "serve --port": ["serve", "--port", "80X0"],
    "serve --max-connections": ["serve", "--max-connections", "X"],
    "--today": ["--today", "2025-09-0X", "status"],
}


#: Options whose own message says what they take (the reading is the same: ``domain.numbers``).
OWN_MESSAGE = {"serve --port": "is not a port (1–65535)", "serve --max-connections": "is not a whole number from 1"}


@pytest.fixture
def filled(huabei: Huabei) -> Huabei:
    huabei.ok("demo")
    return huabei


@pytest.mark.parametrize("name", NUMERIC_ARGS)
@pytest.mark.parametrize("char", NOT_DIGITS.values(), ids=NOT_DIGITS.keys())
def test_every_numeric_option_refuses_unicode_digits(filled: Huabei, db: Path, name: str, char: str) -> None:
    args = [arg.replace("X", char) for arg in NUMERIC_ARGS[name]]
    before = snapshot(db.parent)
    result = filled(*args, today=None if "--today" in args else ...)
    assert result.code == 2, result
    assert result.out == ""
    assert len(result.err_lines) == 1, result.err
    line = result.err_lines[0]
    assert OWN_MESSAGE.get(name, f"“{char}” is not a digit, use 0–9") in line, line
    assert char in line
    assert "Traceback" not in result.err and "Unexpected" not in result.err
    assert snapshot(db.parent) == before


@pytest.mark.parametrize("name", [n for n in NUMERIC_ARGS if not n.startswith("serve")])  # serve would serve
def test_the_same_command_lines_with_ascii_or_full_width_digits_are_numbers(filled: Huabei, name: str) -> None:
    for digit in ("2", "２"):
        args = [arg.replace("X", digit) for arg in NUMERIC_ARGS[name]]
        result = filled(*args, today=None if "--today" in args else ...)
        assert "is not a digit" not in result.err, (args, result.err)
        assert "Unexpected" not in result.err, (args, result.err)


def test_the_message_names_the_field_in_chinese_too(filled: Huabei) -> None:
    result = filled("account", "set", "--fee-rate", "²", lang="zh")
    assert result.code == 2
    assert result.err_lines == ["错误: 逾期费率：“²”中的“²”不是数字：请用 0–9"]
