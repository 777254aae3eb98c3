"""The calendar's date rules: the shape of a month, what falls on each day, and moving the selection."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from huabei_tui.domain import calendar as cal
from huabei_tui.domain.account import Account
from huabei_tui.domain.bill_instalments import BillInstalment
from huabei_tui.domain.dates import Month
from huabei_tui.domain.installments import InstallmentPlan
from huabei_tui.domain.ledger import Ledger
from huabei_tui.domain.summary import summarize

from .helpers import d, m, pay, state


def ledger_with(bills: dict[str, str], payments=(), *, statement_day: int = 1, due_day: int = 10,
                plans=(), opened: date | None = None) -> Ledger:
    account = Account(statement_day=statement_day, due_day=due_day, opened=opened)
    return Ledger(
        account=account,
        manual_bills={m(month): int(Decimal(yuan) * 100) for month, yuan in bills.items()},
        payments=tuple(payments),
        plans=tuple(plans),
    )


def view_of(ledger: Ledger, month: str, today: str) -> cal.MonthView:
    return cal.month_view(summarize(ledger, d(today)), ledger, m(month))


# -- the shape of a month ----------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("month", "weeks", "first", "last"),
    [
        ("2021-02", 4, "2021-02-01", "2021-02-28"),  # 28-day February starting on a Monday: exactly 4 weeks
        ("2026-06", 5, "2026-06-01", "2026-07-05"),  # starts on a Monday
        ("2026-03", 6, "2026-02-23", "2026-04-05"),  # starts on a Sunday, 31 days: 6 weeks
        ("2024-02", 5, "2024-01-29", "2024-03-03"),  # leap February: 29 days
        ("2025-02", 5, "2025-01-27", "2025-03-02"),
        ("2026-12", 5, "2026-11-30", "2027-01-03"),  # across the year end
        ("2027-01", 5, "2026-12-28", "2027-01-31"),
    ],
)
def test_weeks_start_on_monday(month: str, weeks: int, first: str, last: str) -> None:
    grid = cal.weeks_of(m(month))
    assert len(grid) == weeks
    assert grid[0][0] == d(first) and grid[-1][-1] == d(last)
    assert all(len(week) == 7 and week[0].weekday() == 0 for week in grid)
    days = [day for week in grid for day in week]
    assert days == sorted(days) and len(set(days)) == len(days)
    in_month = [day for day in days if Month.of(day) == m(month)]
    assert in_month[0] == m(month).first_day and in_month[-1] == m(month).last_day


def test_view_cells_mark_the_month_and_today() -> None:
    view = view_of(ledger_with({}), "2026-03", "2026-03-01")
    assert view.weeks[0][6].date == d("2026-03-01") and view.weeks[0][6].is_today
    assert view.weeks[0][6].weekday == 6
    assert not view.weeks[0][0].in_month and view.weeks[0][0].date == d("2026-02-23")
    assert [c.date.day for c in view.days] == list(range(1, 32))
    assert sum(c.is_today for week in view.weeks for c in week) == 1
    assert view.cell(d("2026-03-10")).days_from_today == 9
    assert view.cell(d("2026-05-01")) is None


# -- what falls on each day --------------------------------------------------------------------------------------
def test_statement_and_due_days_carry_their_bills_and_states() -> None:
    ledger = ledger_with(
        {"2026-09": "100", "2026-10": "200", "2026-11": "300"},
        [pay("2026-09", "100", "2026-09-05"), pay("2026-10", "200", "2026-10-12"), pay("2026-11", "20", "2026-11-02")],
    )  # ¥20 of ¥300 is less than the ¥30 minimum payment: the bill goes overdue on the whole outstanding
    sept = view_of(ledger, "2026-09", "2026-11-20")
    assert [c.date.day for c in sept.days if c.statements] == [1]
    assert sept.cell(d("2026-09-10")).worst_due.status == "paid"
    october = view_of(ledger, "2026-10", "2026-11-20")
    assert october.cell(d("2026-10-10")).worst_due.status == "paid_late"
    november = view_of(ledger, "2026-11", "2026-11-20")
    due = november.cell(d("2026-11-10"))
    assert due.worst_due.status == "overdue" and due.worst_due.outstanding == 28_000
    assert due.is_due_day and not due.is_statement_day
    assert november.cell(d("2026-11-01")).statements[0].month == m("2026-11")
    assert [b.month for b in november.bills] == [m("2026-11")]
    unpaid = view_of(ledger, "2026-11", "2026-11-05").cell(d("2026-11-10")).worst_due
    assert unpaid.status == "unpaid"


def test_statement_day_after_due_day_spreads_a_bill_over_two_months() -> None:
    """Worked example 2: statement day 25, due day 15 → bill 2025-01 is issued Jan 25 and due Feb 15."""
    ledger = ledger_with({"2024-12": "10", "2025-01": "20"}, statement_day=25, due_day=15)
    january = view_of(ledger, "2025-01", "2025-01-20")
    assert [b.month for b in january.bills] == [m("2024-12"), m("2025-01")]
    assert january.cell(d("2025-01-15")).dues[0].month == m("2024-12")
    assert january.cell(d("2025-01-25")).statements[0].month == m("2025-01")
    february = view_of(ledger, "2025-02", "2025-01-20")
    assert [b.month for b in february.bills] == [m("2025-01")]
    assert february.cell(d("2025-02-15")).dues[0].month == m("2025-01")


@pytest.mark.parametrize(
    ("month", "statement_day", "due_day", "statement", "due"),
    [
        ("2025-02", 1, 28, "2025-02-01", "2025-02-28"),
        ("2024-02", 1, 28, "2024-02-01", "2024-02-28"),  # leap year: day 28 is not the last day
        ("2024-02", 28, 5, "2024-02-28", "2024-03-05"),
        ("2025-12", 28, 27, "2025-12-28", "2026-01-27"),  # statement day 28, due across the year end
    ],
)
def test_day_28(month: str, statement_day: int, due_day: int, statement: str, due: str) -> None:
    ledger = ledger_with({month: "88"}, statement_day=statement_day, due_day=due_day)
    summary = summarize(ledger, d("2026-06-01"))
    issued = cal.month_view(summary, ledger, m(month))
    assert [c.date for c in issued.days if c.statements] == [d(statement)]
    assert [c.date for c in issued.days if c.is_statement_day] == [d(statement)]
    due_view = cal.month_view(summary, ledger, Month.of(d(due)))
    assert [c.date for c in due_view.days if c.dues] == [d(due)]
    assert d(due) in [c.date for c in due_view.days if c.is_due_day]


def test_schedule_marks_without_bills_only_after_opening() -> None:
    ledger = ledger_with({}, statement_day=5, due_day=20, opened=d("2026-04-15"))
    april = view_of(ledger, "2026-04", "2026-04-30")
    assert [c.date.day for c in april.days if c.is_statement_day] == []  # the 5th is before opening
    assert [c.date.day for c in april.days if c.is_due_day] == [20]
    may = view_of(ledger, "2026-05", "2026-04-30")
    assert [c.date.day for c in may.days if c.is_statement_day] == [5]
    assert not any(c.dues or c.statements for c in may.days)


def test_purchases_bill_follows_the_cycle() -> None:
    view = view_of(ledger_with({}, statement_day=25, due_day=15), "2024-12", "2024-12-01")
    assert view.cell(d("2024-12-24")).purchases_bill == m("2024-12")
    assert view.cell(d("2024-12-25")).purchases_bill == m("2025-01")


def test_installment_periods_fall_on_their_bills_due_dates() -> None:
    plan = InstallmentPlan("p1", principal=60_000, periods=3, fee_percent=Decimal("2.3"), first_bill=m("2026-11"),
                           description="phone")
    ledger = ledger_with({}, statement_day=25, due_day=15, plans=[plan])
    december = view_of(ledger, "2026-12", "2026-11-29")
    assert [(p.number, p.periods, p.bill, p.due_date) for p in december.installments] == [
        (1, 3, m("2026-11"), d("2026-12-15"))]
    period = december.cell(d("2026-12-15")).installments[0]
    assert period.description == "phone" and period.amount == 20_000 + 460
    total = sum(p.amount for p in cal.installment_dues([plan], 25, 15))
    assert total == 60_000 + plan.total_fee
    march = view_of(ledger, "2027-03", "2026-11-29")  # the last period: bill 2027-01 due 2027-02-15
    assert march.installments == ()
    assert [p.number for p in view_of(ledger, "2027-02", "2026-11-29").installments] == [3]


def test_parts_of_a_split_bill_fall_on_the_due_dates_of_the_bills_they_land_on() -> None:
    """Bill 2025-09 of ¥600.00 split into 6 on 09-05 at 4.5 %: parts of ¥104.50 due 2025-10-10 … 2026-03-10."""
    split = BillInstalment("s1", m("2025-09"), 6, 60_000, Decimal("4.5"), d("2025-09-05"))
    ledger = Ledger(account=Account(), manual_bills={m("2025-09"): 60_000}, bill_instalments=(split,))
    october = view_of(ledger, "2025-10", "2025-09-20")
    part = october.cell(d("2025-10-10")).installments[0]
    assert (part.number, part.periods, part.bill, part.amount, part.split_of) == (1, 6, m("2025-10"), 10_450,
                                                                                 m("2025-09"))
    assert [p.due_date for p in view_of(ledger, "2026-03", "2025-09-20").installments] == [d("2026-03-10")]
    assert view_of(ledger, "2026-04", "2025-09-20").installments == ()
    # A "what if" on a day before the split does not see it.
    assert view_of(ledger, "2025-10", "2025-09-04").installments == ()


@pytest.mark.parametrize(("statement_day", "due_day", "arrives"), [(1, 10, "2025-10-01"), (25, 15, "2025-10-25")])
def test_the_statement_date_a_carried_rest_arrives_on_says_so(statement_day: int, due_day: int, arrives: str) -> None:
    # Bill 2025-09 of ¥2,000.00, its ¥200.00 minimum paid on its due date: the rest moves into bill 2025-10.
    due = "2025-09-10" if due_day > statement_day else "2025-10-15"
    ledger = ledger_with({"2025-09": "2000"}, [pay("2025-09", "200", due)], statement_day=statement_day,
                         due_day=due_day)
    view = view_of(ledger, "2025-10", "2025-11-05")
    cell = view.cell(d(arrives))
    assert [b.month for b in cell.carried_arrivals] == [m("2025-10")]
    assert cell.carried_arrivals[0].carried_in == 180_000
    assert not any(c.carried_arrivals for c in view.days if c.date != d(arrives))
    # Before it arrives there is nothing to mark.
    assert not any(c.carried_arrivals for c in view_of(ledger, "2025-10", due).days)


def test_worst_due_prefers_overdue() -> None:
    overdue = state("2025-08", "800", today="2025-09-01")
    paid = state("2025-08", "800", [pay("2025-08", "800", "2025-08-02")], today="2025-09-01")
    cell = cal.DayCell(date=d("2025-08-10"), in_month=True, is_today=False, days_from_today=-22, dues=(paid, overdue))
    assert cell.worst_due is overdue and cell.has_events
    assert not cal.DayCell(date=d("2025-08-11"), in_month=True, is_today=False, days_from_today=0).has_events


# -- moving around -----------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("day", "days", "expected"),
    [
        ("2026-11-29", 1, "2026-11-30"),
        ("2026-11-30", 1, "2026-12-01"),
        ("2026-12-31", 1, "2027-01-01"),  # year end
        ("2027-01-01", -1, "2026-12-31"),
        ("2024-02-28", 1, "2024-02-29"),  # leap day
        ("2025-02-28", 1, "2025-03-01"),
        ("2026-12-28", 7, "2027-01-04"),
        ("2026-03-03", -7, "2026-02-24"),
    ],
)
def test_move_day(day: str, days: int, expected: str) -> None:
    assert cal.move_day(d(day), days) == d(expected)


@pytest.mark.parametrize(
    ("day", "months", "anchor", "expected"),
    [
        ("2026-01-31", 1, None, "2026-02-28"),
        ("2024-01-31", 1, None, "2024-02-29"),  # leap year
        ("2024-02-29", 12, None, "2025-02-28"),
        ("2026-03-31", -1, None, "2026-02-28"),
        ("2026-12-15", 1, None, "2027-01-15"),  # year end
        ("2027-01-15", -1, None, "2026-12-15"),
        ("2026-02-28", 1, 31, "2026-03-31"),  # the anchor stops Jan 31 → Feb 28 → Mar 28 drifting
        ("2026-11-29", -24, None, "2024-11-29"),
    ],
)
def test_move_month_clamps(day: str, months: int, anchor: int | None, expected: str) -> None:
    assert cal.move_month(d(day), months, anchor) == d(expected)


def test_moves_stop_at_the_ends_of_the_calendar() -> None:
    assert cal.move_day(date.max, 1) == date.max
    assert cal.move_month(date(9999, 12, 5), 1) == date(9999, 12, 5)
    assert cal.move_month(date(1, 1, 5), -1) == date(1, 1, 5)


# -- what the keys pre-fill --------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("day", "statement_day", "today", "expected"),
    [
        ("2026-11-29", 1, "2026-11-29", "2026-11"),
        ("2026-11-01", 1, "2026-11-29", "2026-11"),  # a statement date belongs to the bill it issues
        ("2026-12-01", 1, "2026-11-29", "2026-12"),  # one month ahead may be recorded
        ("2027-01-01", 1, "2026-11-29", None),  # too far ahead to be issued
        ("2025-02-15", 25, "2025-03-01", "2025-01"),  # due date of bill 2025-01 (statement 25, due 15)
        ("2025-01-24", 25, "2025-03-01", "2024-12"),
    ],
)
def test_bill_month_for_day(day: str, statement_day: int, today: str, expected: str | None) -> None:
    found = cal.bill_month_for_day(d(day), statement_day, d(today))
    assert (str(found) if found else None) == expected


def test_nearest_owing_bill_picks_the_nearest_bill_still_owing() -> None:
    paid = state("2026-10", "100", [pay("2026-10", "100", "2026-10-02")], today="2026-11-20")
    overdue = state("2026-09", "100", today="2026-11-20")
    upcoming = state("2026-11", "100", today="2026-11-05")
    bills = [overdue, paid, upcoming]
    assert cal.nearest_owing_bill(bills, d("2026-11-09")) is upcoming
    assert cal.nearest_owing_bill(bills, d("2026-10-10")) is overdue  # bill 2026-10, due that day, is paid: skipped
    assert cal.nearest_owing_bill([paid], d("2026-10-10")) is None
    later = state("2026-12", "100", today="2026-11-05")  # due 12-10: 15 days after 11-25, as 11-10 is before it
    assert cal.nearest_owing_bill([later, upcoming], d("2026-11-25")) is upcoming  # a tie goes to the earlier due date



def test_payment_days_carry_their_payments() -> None:
    ledger = ledger_with({"2025-07": "1500"}, (pay("2025-07", "1000", "2025-07-13"), pay("2025-07", "500", "2025-07-13"),
                                               pay("2025-07", "1", "2025-08-02")))
    view = view_of(ledger, "2025-07", "2025-08-05")
    day = view.cell(d("2025-07-13"))
    assert [p.amount for p in day.payments] == [100_000, 50_000]
    assert day.has_events
    assert view.cell(d("2025-07-14")).payments == ()
    assert view.cell(d("2025-08-02")).payments[0].amount == 100  # the spill-over days of the next month too
