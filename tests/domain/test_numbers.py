"""The one reading of typed numbers: ASCII and full-width digits only, whatever the field."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from huabei_tui.domain.dates import parse_date, parse_day_of_month, parse_month
from huabei_tui.domain.errors import InputError
from huabei_tui.domain.money import parse_min_rate, parse_money, parse_rate_percent
from huabei_tui.domain.numbers import number_text, parse_whole_number
from huabei_tui.domain.reminders import parse_days

#: Characters Unicode calls digits or numbers that people do not mean as digits (NFKC or int() would take them).
NOT_DIGITS = {
    "superscript two": "²",
    "subscript two": "₂",
    "circled one": "①",
    "parenthesized one": "⑴",
    "digit one full stop": "⒈",
    "mathematical bold two": "𝟐",
    "arabic-indic three": "٣",
    "extended arabic-indic three": "۳",
    "devanagari three": "३",
    "kharosthi one": "\U00010a40",
    "vulgar fraction half": "½",
    "roman numeral two": "Ⅱ",
    "cjk three": "三",
    "circled twenty-one": "㉑",
}

#: Every parser of typed numbers, with text that it accepts when ``X`` is an ASCII digit.
PARSERS = {
    "money": (lambda t: parse_money(t), "1X.50"),
    "rate": (lambda t: parse_rate_percent(t), "0.0X"),
    "minimum rate": (lambda t: parse_min_rate(t), "1X"),
    "date": (lambda t: parse_date(t), "2025-07-1X"),
    "month": (lambda t: parse_month(t), "2025-0X"),
    "day of month": (lambda t: parse_day_of_month(t, field="due_day"), "1X"),
    "days": (lambda t: parse_days(t), "X"),
    "whole number": (lambda t: parse_whole_number(t, field="step", low=0, high=99), "X"),
}


@pytest.mark.parametrize("char", NOT_DIGITS.values(), ids=NOT_DIGITS.keys())
def test_number_text_refuses_every_other_kind_of_digit(char: str) -> None:
    with pytest.raises(InputError) as caught:
        number_text(f"1{char}0", field="limit")
    assert caught.value.field == "limit"
    assert caught.value.key == "number.not_digit"
    assert caught.value.params == {"value": f"1{char}0", "char": char}


@pytest.mark.parametrize("name", PARSERS)
@pytest.mark.parametrize("char", NOT_DIGITS.values(), ids=NOT_DIGITS.keys())
def test_every_parser_refuses_other_digits_where_an_ascii_one_is_accepted(name: str, char: str) -> None:
    parse, template = PARSERS[name]
    parse(template.replace("X", "2"))  # the same text with an ASCII digit is good
    parse(template.replace("X", "２"))  # and with a full-width one
    with pytest.raises(InputError) as caught:
        parse(template.replace("X", char))
    assert caught.value.key == "number.not_digit"


@pytest.mark.parametrize(("text", "expected"), [
    ("１２３４．５", "1234.5"),
    ("　１２　", "12"),  # ideographic spaces around
    ("０.０５％", "0.05%"),
    ("２０２５年７月１３日", "2025年7月13日"),
    ("￥1,234", "¥1,234"),
    ("abc", "abc"),  # not a number at all: the caller's own check says so
    ("", ""),
    (None, ""),
])
def test_number_text_keeps_ascii_and_full_width_digits(text: str | None, expected: str) -> None:
    assert number_text(text, field="amount") == expected


@pytest.mark.parametrize(("text", "value"), [("0", 0), ("7", 7), (" 42 ", 42), ("０４２", 42), ("365", 365),
                                             ("0000000000001", 1)])
def test_parse_whole_number_accepts(text: str, value: int) -> None:
    assert parse_whole_number(text, field="days", low=0, high=365) == value


@pytest.mark.parametrize(("text", "key"), [
    ("366", "range"), ("-1", "whole"), ("1.5", "whole"), ("", "whole"), ("1e3", "whole"), ("1_000", "whole"),
    ("+3", "whole"), ("9" * 5000, "range"), ("²", "not_digit"), ("٣", "not_digit"),
])
def test_parse_whole_number_refuses(text: str, key: str) -> None:
    with pytest.raises(InputError) as caught:
        parse_whole_number(text, field="days", low=0, high=365, malformed="whole", out_of_range="range")
    assert caught.value.field == "days"
    assert caught.value.key == {"not_digit": "number.not_digit"}.get(key, key)


def test_parse_whole_number_names_the_range_in_its_default_message() -> None:
    with pytest.raises(InputError) as caught:
        parse_whole_number("99", field="months", low=1, high=60)
    assert caught.value.key == "number.whole"
    assert caught.value.params == {"value": "99", "low": 1, "high": 60}


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_anything_either_parses_to_ascii_digits_or_is_refused(text: str) -> None:
    try:
        value = parse_whole_number(text, field="days", low=0, high=10**6)
    except InputError as error:
        assert error.field == "days"
    else:
        digits = "".join(c for c in text if not c.isspace())
        assert all("0" <= c <= "9" or "０" <= c <= "９" for c in digits)
        assert 0 <= value <= 10**6


@given(st.text(alphabet=st.characters(max_codepoint=127)))
def test_ascii_text_is_only_stripped_as_the_character_by_character_reading_would(text: str) -> None:
    """``number_text`` takes ASCII text in one step (stored dates and months are read with it: 566 a ten-year
    file); the character-by-character reading, forced here by a non-ASCII letter at each end, keeps every
    ASCII character as it is."""
    assert number_text(text, field="x") == text.strip()
    assert number_text(f"é{text}é", field="x") == f"é{text}é"
