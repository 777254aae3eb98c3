"""The first run's rules (issue 14): when the setup is offered, the day pair a user types, and what to do next."""

from __future__ import annotations

from datetime import date

import pytest

from huabei_tui.domain.account import Account
from huabei_tui.domain.cycle import ALIPAY_DAY_PAIRS
from huabei_tui.domain.errors import InputError
from huabei_tui.domain.first_run import (
    FINISHED,
    LEFT,
    OFFERED_PAIRS,
    DayPair,
    next_steps,
    offers_setup,
    parse_day_pair,
)


@pytest.mark.parametrize(("empty", "remembered", "demo", "offered"), [
    (True, None, False, True),
    (True, "something else", False, True),  # an unknown value counts as never run
    (True, FINISHED, False, False),
    (True, LEFT, False, False),
    (False, None, False, False),  # a file with anything in it: an existing user
    (True, None, True, False),  # never for --demo
])
def test_offers_setup(empty: bool, remembered: object, demo: bool, offered: bool) -> None:
    assert offers_setup(empty, remembered, demo=demo) is offered


@pytest.mark.parametrize(("text", "pair"), [
    ("1/10", (1, 10)), ("5 15", (5, 15)), (" 10 / 20 ", (10, 20)), ("1-8", (1, 8)), ("1,9", (1, 9)),
    ("１／１０", (1, 10)), ("５，１５", (5, 15)), ("1、10", (1, 10)), ("28/1", (28, 1)), ("3\u300013", (3, 13)),
    ("01/09", (1, 9)),
])
def test_day_pairs_as_people_type_them(text: str, pair: tuple[int, int]) -> None:
    assert parse_day_pair(text) == DayPair(*pair)


@pytest.mark.parametrize(("text", "field", "key"), [
    ("", "day_pair", "days.pair_malformed"),
    ("10", "day_pair", "days.pair_malformed"),
    ("1/10/20", "day_pair", "days.pair_malformed"),
    ("1//10", "day_pair", "days.pair_malformed"),
    ("0/10", "statement_day", "day.range"),
    ("1/29", "due_day", "day.range"),
    ("a/10", "statement_day", "day.malformed"),
    ("10/10", "due_day", "day.same_as_statement"),
])
def test_bad_day_pairs(text: str, field: str, key: str) -> None:
    with pytest.raises(InputError) as caught:
        parse_day_pair(text)
    assert (caught.value.field, caught.value.key) == (field, key)


def test_the_offered_pairs_are_alipays() -> None:
    assert [(p.statement_day, p.due_day) for p in OFFERED_PAIRS] == list(ALIPAY_DAY_PAIRS)
    assert str(OFFERED_PAIRS[0]) == "1/8"
    for pair in OFFERED_PAIRS:
        assert parse_day_pair(str(pair)) == pair


def test_next_steps_until_a_bill_exists() -> None:
    assert next_steps(Account(), has_bills=False) == ("import", "add_bill", "limit", "balance", "auto_repay", "opened")
    known = Account(limit=800_000, balance=0, auto_repay=True, opened=date(2023, 5, 1))
    assert next_steps(known, has_bills=False) == ("import", "add_bill")
    assert next_steps(Account(), has_bills=True) == ()
