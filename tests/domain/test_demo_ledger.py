"""The demo ledger: deterministic for a given today, always one late episode and one partly paid bill."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from huabei_tui.domain import cycle
from huabei_tui.domain.cycle import statement_date
from huabei_tui.domain.dates import Month
from huabei_tui.domain.demo import DEMO_MONTHS, demo_ledger
from huabei_tui.domain.ledger import Ledger, resolve_bills
from huabei_tui.domain.summary import Summary, summarize

TODAYS = [
    "2025-09-01", "2025-09-10", "2025-09-11", "2025-01-01", "2025-12-31", "2024-02-29", "2028-02-29", "2025-02-28",
    "2025-03-01", "2025-01-31", "2025-04-30", "2025-07-10", "2025-07-11", "2026-01-01", "2024-12-31",
]


def check_demo(today: date) -> None:
    ledger = demo_ledger(today)
    s = summarize(ledger, today)
    went = [b for b in s.bills if b.went_overdue]
    assert len(went) == 1, [str(b.month) for b in went]
    late = went[0]
    assert late.status == "paid_late"
    assert late.record_expires_on is not None and late.record_expires_on > today
    assert late.fee > 0
    partial = [b for b in s.bills if 0 < b.paid < b.amount]
    assert s.next_bill is not None
    if s.next_bill.issued:  # from its statement date to its due date: partly paid
        assert partial == [s.next_bill]
    else:  # after the last bill's due date: the one accumulating, nothing paid before its statement date
        assert partial == [] and s.next_bill.paid == 0 and s.next_bill.spending > 0
    assert s.overdue_unpaid == []
    assert s.next_bill is not None and s.next_bill.days_to_due >= 0
    assert s.shortfall and s.shortfall > 0  # the balance falls short
    assert s.balance_stale
    assert s.credit_reporting == "reported"
    assert all(p.on <= today for p in ledger.payments)
    assert all(p.amount > 0 for p in ledger.payments)
    months = [b.month for b in resolve_bills(ledger, today)]
    # Two years of bills: typed for every issued one, plus the one accumulating when that is the one to pay next.
    assert len(ledger.manual_bills) + (0 if s.next_bill.issued else 1) == DEMO_MONTHS
    check_possible(ledger, s, today)
    assert len(months) == len(set(months))
    assert s.available is not None and s.available > 0
    grid = [c.code for c in s.grid]
    assert len(grid) == 24
    assert sum(code in "1234567" for code in grid) == 1
    assert s.clean_streak is not None and 8 <= s.clean_streak <= 11


def check_possible(ledger: Ledger, s: Summary, today: date) -> None:
    """A history that could have happened by ``today``: nothing dated after it, no bill typed before its statement
    date, no payment before the statement date of the bill it pays, and the next bill not paid before its own."""
    statement_day = ledger.account.statement_day
    for month in ledger.manual_bills:
        assert statement_date(month, statement_day) <= today, month
    for payment in ledger.payments:
        assert statement_date(payment.month, statement_day) <= payment.on <= today, payment
    for purchase in ledger.purchases:
        assert purchase.day <= today, purchase
    for bill in s.bills:
        assert bill.issued == (bill.statement_date <= today)
        if not bill.issued:
            assert bill.paid == 0 and bill.source != "manual" and bill.status == "unpaid", bill.month
    next_bill = s.next_bill
    assert next_bill is not None
    assert next_bill.paid == 0 or next_bill.statement_date <= min(p.on for p in ledger.payments_for(next_bill.month))
    assert next_bill.due_date >= today and next_bill.month in (cycle.bill_for_day(today, statement_day),
                                                               cycle.bill_for_day(today, statement_day).shift(-1))
    ticks = [*ledger.auth_check.ticks.values(), *ledger.recovery.ticks.values()]
    assert all(day <= today for day in [*ticks, *(c.on for c in ledger.contacts)])
    assert ledger.account.balance_checked_on is not None and ledger.account.balance_checked_on <= today
    assert ledger.auth_check.answered_on is not None and ledger.auth_check.answered_on <= today


def every_day(first: date, last: date) -> list[date]:
    return [first + timedelta(days=n) for n in range((last - first).days + 1)]


def test_demo_is_possible_on_every_day_of_two_whole_years() -> None:
    """2027 and 2028 (a leap year): every month end, 02-29, 12-31, each statement and due day and the days
    between them."""
    days = every_day(date(2027, 1, 1), date(2028, 12, 31))
    assert date(2028, 2, 29) in days and date(2027, 12, 31) in days and len(days) == 731
    for day in days:
        check_demo(day)


@pytest.mark.parametrize("today", ["2026-12-31", "2028-02-29", "2026-11-29", "2027-02-28", "2026-12-11",
                                   "2026-12-10", "2026-12-01", "2029-12-31", "2100-02-28"])
def test_the_next_bill_at_month_ends_and_around_the_due_day(today: str) -> None:
    day = date.fromisoformat(today)
    s = summarize(demo_ledger(day), day)
    assert s.next_bill is not None
    if s.next_bill.issued:  # statement day to due day: the newest issued bill, ¥200 paid since its statement date
        assert day.day <= 10 and s.next_bill.paid == 20_000 and s.next_bill.month == Month.of(day)
    else:  # after the due day: next month's bill, nothing paid, purchases since the 1st and the instalment part
        assert day.day > 10 and s.next_bill.paid == 0 and s.next_bill.month == Month.of(day).shift(1)
        assert s.next_bill.statement_date == Month.of(day).shift(1).first_day
        assert (s.next_bill.spending, s.next_bill.instalment_due) == (175_300, 62_700)
    assert s.next_bill.amount == 238_000


@pytest.mark.parametrize("today", TODAYS)
def test_demo_ledger_shape(today: str) -> None:
    check_demo(date.fromisoformat(today))


def test_demo_ledger_shape_every_day_of_a_leap_year() -> None:
    day = date(2027, 12, 25)
    while day <= date(2029, 1, 5):
        check_demo(day)
        day += timedelta(days=1)


@pytest.mark.parametrize("today", ["2025-09-01", "2024-02-29", "2026-01-01"])
def test_demo_ledger_is_deterministic(today: str) -> None:
    day = date.fromisoformat(today)
    assert demo_ledger(day) == demo_ledger(day)
    assert summarize(demo_ledger(day), day) == summarize(demo_ledger(day), day)


def test_demo_ledger_changes_with_today() -> None:
    assert demo_ledger(date(2025, 9, 1)) != demo_ledger(date(2025, 10, 1))
