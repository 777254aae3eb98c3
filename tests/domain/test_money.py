"""Money rules: yuan with two decimals held exactly as integer fen; what people type is accepted or refused."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from huabei_tui.domain.errors import InputError
from huabei_tui.domain.money import (
    MAX_FEN,
    fen_from_decimal,
    format_money,
    format_yuan,
    parse_money,
    parse_rate_percent,
)


@pytest.mark.parametrize(
    ("text", "fen"),
    [
        ("¥1,234.50", 123450),
        ("￥1,234.50", 123450),  # full-width yen sign
        ("1234.5", 123450),
        ("１２３４．５", 123450),  # full-width digits and point
        ("１２３４.５", 123450),
        ("1,234.5", 123450),
        (" 12元 ", 1200),
        ("RMB 12", 1200),
        ("rmb12", 1200),
        ("CNY 12.3", 1230),
        ("12 CNY", 1200),
        ("0.01", 1),
        (".5", 50),
        ("5.", 500),
        ("+7", 700),
        ("1,000,000", 100_000_000),
        ("１，２３４。５", 123450),  # full-width comma and ideographic full stop
        ("\u300012\u3000", 1200),  # ideographic spaces
        ("99999999.99", MAX_FEN - 1),
        ("1 234", 123400),  # thousands parted by spaces, as SI and many locales write them
        ("¥ 1 234 567.50", 123456750),
        ("1\u00a0234", 123400),  # a no-break space, as a pasted number often has
    ],
)
def test_parse_money_accepts(text: str, fen: int) -> None:
    assert parse_money(text) == fen


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("-5", "money.negative"),
        ("−5", "money.negative"),  # minus sign
        ("¥-5", "money.negative"),
        ("-¥5.00", "money.negative"),
        ("0", "money.zero"),
        ("0.00", "money.zero"),
        ("¥0", "money.zero"),
        ("-0", "money.zero"),
        ("12.345", "money.too_precise"),
        ("1.230", "money.too_precise"),
        ("abc", "money.malformed"),
        ("1e9", "money.malformed"),
        ("1,23", "money.malformed"),
        ("1,2345", "money.malformed"),
        ("12,34.5", "money.malformed"),
        ("0,500", "money.malformed"),  # a European 0.5, never ¥500
        ("000,123", "money.malformed"),
        ("1 2 3", "money.malformed"),  # spaces where no thousands group is: a typo, not ¥123
        ("12 34", "money.malformed"),
        ("1 234,567", "money.malformed"),
        ("1.2.3", "money.malformed"),
        (".", "money.malformed"),
        ("¥", "money.malformed"),
        ("5-", "money.malformed"),
        ("NaN", "money.malformed"),
        ("Infinity", "money.malformed"),
        ("100000000", "money.too_large"),
        ("1" + "0" * 40, "money.too_large"),
        ("", "money.empty"),
        ("   ", "money.empty"),
    ],
)
def test_parse_money_refuses(text: str, key: str) -> None:
    with pytest.raises(InputError) as caught:
        parse_money(text, field="limit")
    assert caught.value.key == key
    assert caught.value.field == "limit"


def test_parse_money_none_is_empty() -> None:
    with pytest.raises(InputError) as caught:
        parse_money(None)  # type: ignore[arg-type]
    assert (caught.value.field, caught.value.key) == ("amount", "money.empty")


def test_parse_money_zero_allowed_when_meaningful() -> None:
    assert parse_money("0", allow_zero=True) == 0
    assert parse_money("¥0.00", field="balance", allow_zero=True) == 0


def test_parse_money_custom_maximum() -> None:
    assert parse_money("99.99", maximum=10_000) == 9999
    with pytest.raises(InputError) as caught:
        parse_money("100", maximum=10_000)
    assert caught.value.key == "money.too_large"
    assert caught.value.params == {"maximum": "¥100.00"}


def test_refusal_params_carry_the_typed_text() -> None:
    with pytest.raises(InputError) as caught:
        parse_money(" 12.345 ")
    assert caught.value.params == {"value": "12.345"}


@pytest.mark.parametrize(
    ("fen", "plain", "yuan"),
    [
        (0, "0.00", "¥0.00"),
        (1, "0.01", "¥0.01"),
        (10, "0.10", "¥0.10"),
        (123450, "1234.50", "¥1,234.50"),
        (100_000_000, "1000000.00", "¥1,000,000.00"),
        (-275, "-2.75", "-¥2.75"),
        (-123456, "-1234.56", "-¥1,234.56"),
    ],
)
def test_format_money_and_yuan(fen: int, plain: str, yuan: str) -> None:
    assert format_money(fen) == plain
    assert format_yuan(fen) == yuan


@pytest.mark.parametrize(
    ("exact", "fen"),
    [
        (Decimal("0.5"), 1),  # half up, not half even
        (Decimal("1.5"), 2),
        (Decimal("2.5"), 3),
        (Decimal("2.4999"), 2),
        (Decimal("274.5"), 275),
        (Decimal("0"), 0),
    ],
)
def test_fen_from_decimal_rounds_half_up(exact: Decimal, fen: int) -> None:
    assert fen_from_decimal(exact) == fen


@pytest.mark.parametrize(
    ("text", "rate"),
    [
        ("0.05", Decimal("0.05")),
        ("0.05%", Decimal("0.05")),
        (" 0.05 % ", Decimal("0.05")),
        ("０．０５％", Decimal("0.05")),
        ("0", Decimal("0")),
        ("5", Decimal("5")),
        ("0.000001", Decimal("0.000001")),
    ],
)
def test_parse_rate_accepts(text: str, rate: Decimal) -> None:
    assert parse_rate_percent(text) == rate


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("", "rate.malformed"),
        ("%", "rate.malformed"),
        ("abc", "rate.malformed"),
        ("1e-3", "rate.malformed"),
        ("-0.05", "rate.negative"),
        ("5.01", "rate.too_large"),
        ("0.0000001", "rate.too_precise"),
    ],
)
def test_parse_rate_refuses(text: str, key: str) -> None:
    with pytest.raises(InputError) as caught:
        parse_rate_percent(text)
    assert (caught.value.field, caught.value.key) == ("fee_rate", key)


# -- properties --------------------------------------------------------------------------------------------------

_FULLWIDTH = str.maketrans("0123456789.,", "０１２３４５６７８９．，")

amounts = st.integers(min_value=1, max_value=MAX_FEN - 1)


def _spellings(fen: int) -> list[str]:
    plain = format_money(fen)  # 1234.50
    grouped = format_yuan(fen)[1:]  # 1,234.50
    short = plain.rstrip("0").rstrip(".") if "." in plain else plain  # 1234.5 / 1234
    return [
        plain,
        short,
        f"¥{grouped}",
        f"￥{grouped}",
        grouped,
        plain.translate(_FULLWIDTH),
        f"￥{grouped.translate(_FULLWIDTH)}",
        f" {plain}元 ",
        f"RMB {short}",
        f"CNY{grouped}",
    ]


@settings(max_examples=200, deadline=None)
@given(amounts)
def test_every_spelling_round_trips_exactly(fen: int) -> None:
    for text in _spellings(fen):
        assert parse_money(text) == fen, text
    assert parse_money(format_money(fen)) == fen
    assert Decimal(format_money(fen)) * 100 == fen


@settings(max_examples=200, deadline=None)
@given(st.decimals(min_value=Decimal("0.01"), max_value=Decimal("99999999.99"), places=2))
def test_decimals_with_two_places_round_trip(value: Decimal) -> None:
    fen = int(value * 100)
    assert parse_money(str(value)) == fen
    assert parse_money(f"{value:,}") == fen
    assert Decimal(format_money(fen)) == value


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_arbitrary_text_only_ever_raises_input_error(text: str) -> None:
    for allow_zero in (False, True):
        try:
            fen = parse_money(text, allow_zero=allow_zero)
        except InputError as error:
            assert error.field == "amount"
            assert error.key.startswith("money.") or error.key == "number.not_digit"
        else:
            assert 0 <= fen < MAX_FEN
    try:
        parse_rate_percent(text)
    except InputError as error:
        assert error.key.startswith("rate.") or error.key == "number.not_digit"


@settings(max_examples=200, deadline=None)
@given(st.from_regex(r"\A[ ¥￥+\-−0-9０-９.,，元RMB]{0,14}\Z"))
def test_money_like_text_only_ever_raises_input_error(text: str) -> None:
    try:
        fen = parse_money(text)
    except InputError as error:
        assert error.key.startswith("money.")
    else:
        assert 0 < fen < MAX_FEN
