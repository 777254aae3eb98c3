"""The fast paths give the answers of the slow ones they replace.

Day arithmetic without Arrow, Shanghai dates through ``zoneinfo``, one statement date per month for thousands of
purchase days, the repayment grid worked out per bill instead of per bill and month: each is compared here with
the straightforward version (Arrow itself, or the code as it was before) on generated data.
"""

from __future__ import annotations

import calendar
from collections import defaultdict
from datetime import UTC, date, datetime, timedelta, timezone
from decimal import Decimal

import arrow
from hypothesis import given, settings
from hypothesis import strategies as st

from huabei_tui.clock import Clock
from huabei_tui.domain import cycle
from huabei_tui.domain.account import Account
from huabei_tui.domain.bills import Bill, BillState, Payment, evaluate_bill
from huabei_tui.domain.dates import TZ, Month, add_days, add_years, days_in_month, shanghai_date
from huabei_tui.domain.grid import GridCell, clean_streak, overdue_code, repayment_grid
from huabei_tui.domain.installments import InstallmentPlan, schedule
from huabei_tui.domain.ledger import ImportedTotals, Ledger, Purchase, current_cycle_bill, imported_charges

DAYS = st.dates(min_value=date(2000, 1, 1), max_value=date(2100, 12, 31))


# -- dates: the same rules as Arrow ------------------------------------------------------------------------------

@settings(max_examples=300, deadline=None)
@given(DAYS, st.integers(min_value=-20_000, max_value=20_000))
def test_add_days_is_arrows_shift(day: date, days: int) -> None:
    assert add_days(day, days) == arrow.Arrow.fromdate(day, tzinfo=TZ).shift(days=days).date()


@settings(max_examples=300, deadline=None)
@given(DAYS, st.integers(min_value=-50, max_value=50))
def test_add_years_is_arrows_shift(day: date, years: int) -> None:
    assert add_years(day, years) == arrow.Arrow.fromdate(day, tzinfo=TZ).shift(years=years).date()


def test_add_years_from_every_feb_29() -> None:
    for year in range(2000, 2101, 4):
        day = date(year, 2, 29) if calendar.isleap(year) else date(year, 2, 28)
        for years in range(-8, 9):
            assert add_years(day, years) == arrow.Arrow.fromdate(day, tzinfo=TZ).shift(years=years).date()


def test_days_in_month_is_calendars() -> None:
    for year in range(1900, 2201):
        for month in range(1, 13):
            assert days_in_month(year, month) == calendar.monthrange(year, month)[1]


OFFSETS = st.integers(min_value=-14 * 60, max_value=14 * 60).map(lambda minutes: timezone(timedelta(minutes=minutes)))


@settings(max_examples=500, deadline=None)
@given(st.datetimes(min_value=datetime(1970, 1, 2), max_value=datetime(2100, 12, 30)), OFFSETS)
def test_shanghai_date_of_an_aware_moment_is_arrows(wall: datetime, offset: timezone) -> None:
    moment = wall.replace(tzinfo=offset)
    assert shanghai_date(moment) == arrow.get(moment).to(TZ).date()


def test_shanghai_date_around_midnight_in_shanghai() -> None:
    """16:00 UTC is midnight in Shanghai, on every day of a leap year (and through the 1986–91 summer times)."""
    for start in (datetime(2024, 1, 1, 16, tzinfo=UTC), datetime(1988, 1, 1, 16, tzinfo=UTC)):
        for n in range(366):
            midnight = start + timedelta(days=n)
            for moment in (midnight - timedelta(seconds=1), midnight, midnight + timedelta(hours=1)):
                assert shanghai_date(moment) == arrow.get(moment).to(TZ).date()


def test_shanghai_date_of_arrow_values_and_text_still_uses_arrow() -> None:
    assert shanghai_date(arrow.get("2025-06-30T16:30:00+00:00")) == date(2025, 7, 1)
    assert shanghai_date("2025-06-30T16:30Z") == date(2025, 7, 1)


def test_clock_today_is_arrows_today_in_shanghai() -> None:
    before = arrow.now(TZ).date()
    today = Clock().today()
    assert before <= today <= arrow.now(TZ).date()


def test_cycle_end_is_the_day_before_the_statement_date() -> None:
    for year in (2023, 2024):
        for month in range(1, 13):
            for statement_day in range(1, 29):
                bill = Month(year, month)
                expected = arrow.Arrow.fromdate(cycle.statement_date(bill, statement_day)).shift(days=-1).date()
                assert cycle.cycle_end(bill, statement_day) == expected


def test_bill_finder_is_bill_for_day() -> None:
    days = [date(2023, 1, 1) + timedelta(days=n) for n in range(800)]
    for statement_day in (*range(1, 29), 29, 30, 31):
        bill_of = cycle.bill_finder(statement_day)
        for day in (*days, *reversed(days)):  # the second pass is answered from the finder's memory
            assert bill_of(day) == cycle.bill_for_day(day, statement_day)


# -- imported charges: the same totals, in the same order ------------------------------------------------------

def imported_charges_one_by_one(ledger: Ledger, today: date) -> dict[Month, int]:
    """``imported_charges`` as it was: each purchase's bill worked out on its own."""
    statement_day = ledger.account.statement_day
    last_bill = current_cycle_bill(ledger.account, today)
    charges: dict[Month, int] = defaultdict(int)
    for purchase in ledger.purchases:
        day = purchase.day
        if purchase.installments or day > today:
            continue
        charges[cycle.bill_for_day(day, statement_day)] += -purchase.amount if purchase.refund else purchase.amount
    for plan in ledger.plans:
        for period in schedule(plan):
            if period.bill <= last_bill:
                charges[period.bill] += period.amount
    return {month: max(total, 0) for month, total in charges.items() if total > 0}


ZONES = st.sampled_from([None, UTC, timezone(timedelta(hours=8)), timezone(timedelta(hours=-5))])


@st.composite
def purchases(draw: st.DrawFn) -> Purchase:
    wall = draw(st.datetimes(min_value=datetime(2023, 1, 1), max_value=datetime(2025, 12, 31)))
    return Purchase(
        order_no=str(draw(st.integers(0, 10**9))),
        time=wall.replace(tzinfo=draw(ZONES)),
        amount=draw(st.integers(1, 500_000)),
        refund=draw(st.booleans()),
        installments=draw(st.sampled_from([None, None, None, 3, 12])),
    )


@settings(max_examples=150, deadline=None)
@given(
    st.lists(purchases(), max_size=60),
    st.integers(1, 28),
    st.dates(min_value=date(2023, 1, 1), max_value=date(2026, 3, 1)),
    st.booleans(),
)
def test_imported_charges_match_one_by_one(items: list[Purchase], statement_day: int, today: date,
                                           with_plan: bool) -> None:
    plans = (InstallmentPlan("p1", 120_000, 12, Decimal("7.5"), Month(2024, 3)),) if with_plan else ()
    ledger = Ledger(account=Account(statement_day=statement_day, due_day=statement_day % 28 + 1),
                    purchases=tuple(items), plans=plans)
    fast = imported_charges(ledger, today)
    slow = imported_charges_one_by_one(ledger, today)
    assert fast == slow
    assert list(fast) == sorted(fast)  # oldest bill first


# -- the repayment grid and the clean streak -------------------------------------------------------------------

def _worst_overdue_in(state: BillState, first: date, last: date) -> int:
    end = state.overdue_end
    if end is None:
        return 0
    start = max(first, date.fromordinal(state.due_date.toordinal() + 1))
    stop = min(last, end)
    return (stop - state.due_date).days if start <= stop else 0


def _normal_in(state: BillState, month: Month, today: date) -> bool:
    if state.amount <= 0:
        return False
    if Month.of(state.due_date) == month:
        return True
    issued_by = min(month.last_day, today)
    if state.statement_date > issued_by:
        return False
    return state.settled_on is None or state.settled_on >= max(month.first_day, state.statement_date)


def grid_cell(states: list[BillState], month: Month, today: date, opened: date | None) -> GridCell:
    """The grid's rule asked of every bill for one month: the straightforward version of the index."""
    last = min(month.last_day, today)
    worst = max((_worst_overdue_in(s, month.first_day, last) for s in states), default=0)
    if worst > 0:
        return GridCell(month, overdue_code(worst), worst)
    if any(_normal_in(s, month, today) for s in states):
        return GridCell(month, "N")
    if opened is not None:
        return GridCell(month, "/" if month < Month.of(opened) else "*")
    # no opening date: unknown before the first recorded bill's cycle, "nothing due" from it on
    first_known = min(s.month for s in states).shift(-1) if states else None
    return GridCell(month, "*" if first_known is not None and month >= first_known else "?")


def grid_month_by_month(states: list[BillState], today: date, opened: date | None, months: int) -> list[GridCell]:
    end = Month.of(today)
    return [grid_cell(states, end.shift(-offset), today, opened) for offset in range(months - 1, -1, -1)]


def clean_streak_month_by_month(states: list[BillState], today: date, opened: date | None) -> int | None:
    if opened is None and not states:
        return None
    start = Month.of(opened) if opened else min(Month.of(s.statement_date) for s in states).shift(-1)
    month, streak = Month.of(today), 0
    while month >= start:
        if grid_cell(states, month, today, opened).code in "1234567":
            return streak
        streak += 1
        month = month.shift(-1)
    return streak


@st.composite
def histories(draw: st.DrawFn) -> tuple[list[BillState], date, date | None]:
    statement_day = draw(st.integers(1, 28))
    due_day = draw(st.integers(1, 28).filter(lambda day: day != statement_day))
    today = draw(st.dates(min_value=date(2021, 1, 1), max_value=date(2026, 12, 31)))
    first = Month.of(today).shift(-draw(st.integers(0, 40)))
    states = []
    for i in range(draw(st.integers(0, 14))):
        month = first.shift(i * draw(st.integers(1, 3)))
        amount = draw(st.sampled_from([0, 1, 5_000, 100_000]))
        due = cycle.due_date(month, statement_day, due_day)
        payments = [
            Payment(f"{month}-{n}", month, draw(st.integers(1, 120_000)), due + timedelta(days=draw(st.integers(-40, 400))))
            for n in range(draw(st.integers(0, 3)))
        ]
        states.append(evaluate_bill(Bill(month, amount), payments, statement_day=statement_day, due_day=due_day,
                                    fee_rate=Decimal("0.05"), today=today))
    opened = draw(st.one_of(st.none(), st.just(first.shift(-draw(st.integers(-3, 6))).first_day)))
    return states, today, opened


@settings(max_examples=300, deadline=None)
@given(histories(), st.sampled_from([1, 24, 60]))
def test_grid_and_streak_match_month_by_month(history: tuple[list[BillState], date, date | None],
                                              months: int) -> None:
    states, today, opened = history
    assert repayment_grid(states, today, opened, months) == grid_month_by_month(states, today, opened, months)
    assert clean_streak(states, today, opened) == clean_streak_month_by_month(states, today, opened)


# -- imported totals: what the store keeps instead of summing the rows again --------------------------------------

@settings(max_examples=150, deadline=None)
@given(st.lists(purchases(), max_size=60), st.integers(0, 60), st.integers(1, 31),
       st.dates(min_value=date(2023, 1, 1), max_value=date(2026, 3, 1)))
def test_imported_totals_add_up_in_any_batches(items: list[Purchase], cut: int, statement_day: int,
                                               today: date) -> None:
    """Totals of all rows = totals of a first import plus a second (how an import updates the stored ones), and
    their bills are the rows' bills one by one, for any statement day (29–31 clamp to the month's end)."""
    whole = ImportedTotals.of(items)
    assert ImportedTotals.of(items[:cut]).plus(items[cut:]) == whole
    slow: dict[Month, int] = defaultdict(int)
    for purchase in items:
        if not purchase.installments and purchase.day <= today:
            slow[cycle.bill_for_day(purchase.day, statement_day)] += (-purchase.amount if purchase.refund
                                                                     else purchase.amount)
    assert {m: t for m, t in whole.by_bill(statement_day, today).items() if t} == {m: t for m, t in slow.items()
                                                                                  if t}
    assert sum(whole.days().values()) == sum(slow.values()) + sum(
        (-p.amount if p.refund else p.amount) for p in items if not p.installments and p.day > today)
