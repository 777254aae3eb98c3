"""Statement cycles: when a bill is issued and due, and which bill a purchase lands on."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone

import arrow
import pytest

from huabei_tui.domain import cycle
from huabei_tui.domain.dates import Month


def test_defaults() -> None:
    assert (cycle.DEFAULT_STATEMENT_DAY, cycle.DEFAULT_DUE_DAY) == (1, 10)


@pytest.mark.parametrize(
    ("bill", "statement_day", "due_day", "statement", "due"),
    [
        # due day after statement day: due in the bill's own month
        (Month(2025, 7), 1, 10, date(2025, 7, 1), date(2025, 7, 10)),
        (Month(2025, 2), 1, 28, date(2025, 2, 1), date(2025, 2, 28)),  # statement 1, due 28, in February
        (Month(2024, 2), 1, 28, date(2024, 2, 1), date(2024, 2, 28)),
        (Month(2025, 12), 5, 20, date(2025, 12, 5), date(2025, 12, 20)),
        # due day before statement day: due in the next month (worked example 2)
        (Month(2025, 1), 25, 15, date(2025, 1, 25), date(2025, 2, 15)),
        (Month(2025, 12), 25, 15, date(2025, 12, 25), date(2026, 1, 15)),  # across the year end
        (Month(2025, 1), 28, 1, date(2025, 1, 28), date(2025, 2, 1)),
        (Month(2025, 2), 28, 27, date(2025, 2, 28), date(2025, 3, 27)),
        (Month(2025, 1), 20, 28, date(2025, 1, 20), date(2025, 1, 28)),
    ],
)
def test_statement_and_due_dates(bill: Month, statement_day: int, due_day: int, statement: date, due: date) -> None:
    assert cycle.statement_date(bill, statement_day) == statement
    assert cycle.due_date(bill, statement_day, due_day) == due
    assert cycle.bill_due_in(Month.of(due), statement_day, due_day) == bill


def test_worked_example_2_cycle() -> None:
    bill = Month(2025, 1)
    assert cycle.statement_date(bill, 25) == date(2025, 1, 25)
    assert cycle.due_date(bill, 25, 15) == date(2025, 2, 15)
    assert cycle.cycle_start(bill, 25) == date(2024, 12, 25)
    assert cycle.cycle_end(bill, 25) == date(2025, 1, 24)
    assert cycle.bill_for_day(date(2024, 12, 24), 25) == Month(2024, 12)
    assert cycle.bill_for_day(date(2024, 12, 25), 25) == bill
    assert cycle.bill_for_day(date(2025, 1, 24), 25) == bill
    assert cycle.bill_for_day(date(2025, 1, 25), 25) == Month(2025, 2)
    # 2025-01-24 23:59 Shanghai is still on the bill; 00:00 on the 25th is on the next one
    assert cycle.bill_for_moment(datetime(2025, 1, 24, 23, 59), 25) == bill
    assert cycle.bill_for_moment(datetime(2025, 1, 24, 15, 59, tzinfo=UTC), 25) == bill
    assert cycle.bill_for_moment(datetime(2025, 1, 24, 16, 0, tzinfo=UTC), 25) == Month(2025, 2)
    assert cycle.bill_for_moment(datetime(2024, 12, 24, 16, 0, tzinfo=UTC), 25) == bill


@pytest.mark.parametrize(
    ("day", "statement_day", "bill"),
    [
        (date(2025, 7, 1), 1, Month(2025, 8)),  # the statement day itself starts the next cycle
        (date(2025, 6, 30), 1, Month(2025, 7)),
        (date(2025, 7, 31), 1, Month(2025, 8)),
        (date(2025, 12, 1), 1, Month(2026, 1)),  # year end: December's purchases land on next year's January
        (date(2025, 12, 31), 1, Month(2026, 1)),
        (date(2025, 12, 24), 25, Month(2025, 12)),
        (date(2025, 12, 25), 25, Month(2026, 1)),
        (date(2025, 12, 31), 25, Month(2026, 1)),
        (date(2026, 1, 1), 25, Month(2026, 1)),
        (date(2025, 2, 28), 28, Month(2025, 3)),
        (date(2024, 2, 28), 28, Month(2024, 3)),
        (date(2024, 2, 29), 28, Month(2024, 3)),
        (date(2025, 2, 27), 28, Month(2025, 2)),
    ],
)
def test_bill_for_day(day: date, statement_day: int, bill: Month) -> None:
    assert cycle.bill_for_day(day, statement_day) == bill
    assert cycle.cycle_start(bill, statement_day) <= day <= cycle.cycle_end(bill, statement_day)


def test_purchase_at_half_past_midnight_shanghai_on_the_first() -> None:
    # 00:30 on 07-01 in Shanghai is 16:30 on 06-30 in UTC: it is on the statement day, so on bill 2025-08
    utc = datetime(2025, 6, 30, 16, 30, tzinfo=UTC)
    assert cycle.bill_for_moment(utc, 1) == Month(2025, 8)
    assert cycle.bill_for_moment(arrow.get(utc), 1) == Month(2025, 8)
    assert cycle.bill_for_moment(datetime(2025, 7, 1, 0, 30), 1) == Month(2025, 8)  # naive = Shanghai
    assert cycle.bill_for_moment(datetime(2025, 7, 1, 0, 30, tzinfo=timezone(timedelta(hours=8))), 1) == Month(2025, 8)
    # 23:59 on 06-30 Shanghai is still bill 2025-07
    assert cycle.bill_for_moment(datetime(2025, 6, 30, 15, 59, tzinfo=UTC), 1) == Month(2025, 7)


def test_year_end_purchase_in_utc() -> None:
    # 2025-12-31T16:30Z is 2026-01-01 00:30 in Shanghai: with statement day 1 that is bill 2026-02
    assert cycle.bill_for_moment(datetime(2025, 12, 31, 16, 30, tzinfo=UTC), 1) == Month(2026, 2)
    assert cycle.bill_for_moment(datetime(2025, 12, 31, 15, 30, tzinfo=UTC), 1) == Month(2026, 1)


@pytest.mark.parametrize("statement_day", [1, 10, 15, 25, 28])
def test_cycles_tile_the_calendar(statement_day: int) -> None:
    """Consecutive bills' cycles cover every day exactly once, over two years including a leap day."""
    month = Month(2023, 12)
    for _ in range(30):
        following = month.shift(1)
        assert cycle.cycle_end(month, statement_day) + timedelta(days=1) == cycle.cycle_start(following, statement_day)
        month = following
    day = date(2024, 1, 1)
    while day < date(2026, 1, 1):
        bill = cycle.bill_for_day(day, statement_day)
        assert cycle.cycle_start(bill, statement_day) <= day <= cycle.cycle_end(bill, statement_day)
        day += timedelta(days=1)


@pytest.mark.parametrize(("statement_day", "due_day"), [(1, 10), (25, 15), (1, 28), (28, 1), (10, 9)])
def test_due_date_is_after_statement_date(statement_day: int, due_day: int) -> None:
    for offset in range(24):
        bill = Month(2024, 1).shift(offset)
        statement = cycle.statement_date(bill, statement_day)
        due = cycle.due_date(bill, statement_day, due_day)
        assert statement < due
        assert (due - statement).days <= 31


def test_alipay_day_pairs_are_valid_settings() -> None:
    from huabei_tui.domain.account import Account
    from huabei_tui.domain.cycle import ALIPAY_DAY_PAIRS

    assert (1, 10) in ALIPAY_DAY_PAIRS  # the default pair is one of them
    for statement_day, due_day in ALIPAY_DAY_PAIRS:
        Account().with_changes(statement_day=statement_day, due_day=due_day)
        assert 1 <= statement_day <= 28 and 1 <= due_day <= 28
