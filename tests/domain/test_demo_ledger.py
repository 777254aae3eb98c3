"""The demo ledger: deterministic for a given today, always one late episode and one partly paid bill."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from huabei_tui.domain.demo import DEMO_MONTHS, demo_ledger
from huabei_tui.domain.ledger import resolve_bills
from huabei_tui.domain.summary import summarize

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
    assert len(partial) == 1
    assert partial[0] == s.next_bill
    assert s.overdue_unpaid == []
    assert s.next_bill is not None and s.next_bill.days_to_due >= 0
    assert s.shortfall and s.shortfall > 0  # the balance falls short
    assert s.balance_stale
    assert s.credit_reporting == "reported"
    assert all(p.on <= today for p in ledger.payments)
    assert all(p.amount > 0 for p in ledger.payments)
    months = [b.month for b in resolve_bills(ledger, today)]
    assert len(ledger.manual_bills) == DEMO_MONTHS
    assert len(months) == len(set(months))
    assert s.available is not None and s.available > 0
    grid = [c.code for c in s.grid]
    assert len(grid) == 24
    assert sum(code in "1234567" for code in grid) == 1
    assert s.clean_streak is not None and 8 <= s.clean_streak <= 11


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
