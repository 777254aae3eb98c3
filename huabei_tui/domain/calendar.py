"""The repayment calendar as data: which bills are issued and fall due on each day of a month, and moving around.

The calendar screen only draws what this module computes, so every date rule lives here and is tested without a
terminal: weeks start on Monday; a month view lists the weeks that hold any of its days (4 to 6); a day carries
the bills issued that day (statement date), the bills and instalment periods falling due that day, and whether the
account's statement or due day falls on it even before a bill is recorded. Instalment periods are those of
purchase plans and the parts of bills split into instalments (账单分期, in force on the view's day); a statement
date on which a remainder left after a minimum payment moves into the new bill says so (``carried_arrivals``). Moving by months keeps the day of the
month when it can and clamps it when it cannot (Jan 31 + 1 month is Feb 28, or Feb 29 in a leap year).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from huabei_tui.domain import bill_instalments, cycle
from huabei_tui.domain.bill_instalments import BillInstalment
from huabei_tui.domain.billing import next_statement_date
from huabei_tui.domain.bills import BillState, Payment
from huabei_tui.domain.checks import MAX_MONTHS_AHEAD
from huabei_tui.domain.dates import Month
from huabei_tui.domain.installments import InstallmentPlan, Period, schedule
from huabei_tui.domain.ledger import Ledger, plan_schedules
from huabei_tui.domain.money import Fen
from huabei_tui.domain.summary import Summary

DAYS_IN_WEEK = 7

#: From least to most worrying; a day with several bills due shows the most worrying one.
STATUS_SEVERITY = {"paid": 0, "instalment": 0, "carried": 0, "paid_late": 1, "minimum_paid": 1, "unpaid": 2,
                   "overdue": 3}


@dataclass(frozen=True)
class InstallmentDue:
    """One period of an instalment plan, placed on the due date of the bill it lands on."""

    plan_id: str
    description: str
    number: int
    periods: int
    bill: Month
    due_date: date
    principal: Fen
    fee: Fen
    #: The bill this is a part of when it comes from a bill split into instalments (账单分期), else None.
    split_of: Month | None = None

    @property
    def amount(self) -> Fen:
        return self.principal + self.fee


@dataclass(frozen=True)
class DayCell:
    """One day of the grid and everything that falls on it."""

    date: date
    in_month: bool
    is_today: bool
    days_from_today: int
    #: Bills whose statement date is this day.
    statements: tuple[BillState, ...] = ()
    #: Bills whose due date is this day.
    dues: tuple[BillState, ...] = ()
    #: Instalment periods whose bill falls due this day.
    installments: tuple[InstallmentDue, ...] = ()
    #: The account's statement / due day falls here (also when no bill is recorded for it yet).
    is_statement_day: bool = False
    is_due_day: bool = False
    #: The bill that a purchase made this day lands on.
    purchases_bill: Month | None = None
    #: Repayments recorded on this day, in the order they were recorded.
    payments: tuple[Payment, ...] = ()

    @property
    def weekday(self) -> int:
        """0 for Monday … 6 for Sunday (the grid's column)."""
        return self.date.weekday()

    @property
    def worst_due(self) -> BillState | None:
        """The most worrying bill due this day (a day normally has at most one)."""
        return max(self.dues, key=lambda b: STATUS_SEVERITY.get(b.status, 0), default=None)

    @property
    def carried_arrivals(self) -> tuple[BillState, ...]:
        """Bills issued this day that took in a remainder (and its interest) left after a minimum payment."""
        return tuple(b for b in self.statements if b.carried_in or b.interest_in)

    @property
    def has_events(self) -> bool:
        return bool(self.statements or self.dues or self.installments or self.is_statement_day or self.is_due_day
                    or self.payments)


@dataclass(frozen=True)
class MonthView:
    month: Month
    today: date
    #: Monday-first weeks holding at least one day of ``month``; days of the neighbouring months fill the edges.
    weeks: tuple[tuple[DayCell, ...], ...]
    #: Bills issued or falling due in ``month``, oldest first.
    bills: tuple[BillState, ...]
    #: Instalment periods whose bill falls due in ``month``.
    installments: tuple[InstallmentDue, ...]

    def cell(self, day: date) -> DayCell | None:
        return next((c for week in self.weeks for c in week if c.date == day), None)

    @property
    def days(self) -> list[DayCell]:
        """The cells of the month's own days, in order."""
        return [c for week in self.weeks for c in week if c.in_month]


# -- the shape of a month ----------------------------------------------------------------------------------------
def week_start(day: date) -> date:
    """The Monday on or before ``day``."""
    return day - timedelta(days=day.weekday())


def weeks_of(month: Month) -> list[list[date]]:
    """The Monday-first weeks that hold any day of ``month`` (4 when a 28-day February starts on a Monday, up to 6)."""
    weeks: list[list[date]] = []
    start = week_start(month.first_day)
    while start <= month.last_day:
        weeks.append([start + timedelta(days=i) for i in range(DAYS_IN_WEEK)])
        start += timedelta(days=DAYS_IN_WEEK)
    return weeks


# -- what falls in a month ---------------------------------------------------------------------------------------
def bills_in_view(bills: Iterable[BillState], month: Month) -> list[BillState]:
    """The bills issued (statement date) or falling due in ``month``, oldest first."""
    chosen = [b for b in bills if Month.of(b.statement_date) == month or Month.of(b.due_date) == month]
    return sorted(chosen, key=lambda b: b.month)


def installment_dues(plans: Iterable[InstallmentPlan], statement_day: int, due_day: int,
                     schedules: Mapping[str, list[Period]] | None = None,
                     splits: Iterable[BillInstalment] = ()) -> list[InstallmentDue]:
    """Every period of every plan and every part of every split bill, dated by the due date of the bill it lands
    on.

    ``schedules`` (plan id → periods, from ``ledger.plan_schedules``) leaves out what refunds cancelled.
    """
    found: list[InstallmentDue] = []
    sources: list[tuple[InstallmentPlan, list[Period], Month | None]] = [
        (plan, schedules[plan.id] if schedules is not None and plan.id in schedules else schedule(plan), None)
        for plan in plans]
    sources += [(split.plan, split.parts(), split.month) for split in splits]
    for plan, periods, split_of in sources:
        for period in periods:
            found.append(InstallmentDue(
                plan_id=plan.id,
                description=plan.description or plan.order_no or plan.id,
                number=period.number,
                periods=plan.periods,
                bill=period.bill,
                due_date=cycle.due_date(period.bill, statement_day, due_day),
                principal=period.principal,
                fee=period.fee,
                split_of=split_of,
            ))
    return sorted(found, key=lambda p: (p.due_date, p.description, p.number))


def installments_in_month(dues: Iterable[InstallmentDue], month: Month) -> list[InstallmentDue]:
    return [p for p in dues if Month.of(p.due_date) == month]


def is_statement_day(day: date, statement_day: int) -> bool:
    return day == cycle.statement_date(Month.of(day), statement_day)


def is_due_day(day: date, statement_day: int, due_day: int) -> bool:
    bill = cycle.bill_due_in(Month.of(day), statement_day, due_day)
    return day == cycle.due_date(bill, statement_day, due_day)


def month_view(summary: Summary, ledger: Ledger, month: Month) -> MonthView:
    """Everything the calendar shows for ``month``, computed from the day's summary and the recorded plans."""
    account = summary.account
    statement_day, due_day, today = account.statement_day, account.due_day, summary.today
    by_statement: dict[date, list[BillState]] = {}
    by_due: dict[date, list[BillState]] = {}
    for bill in summary.bills:
        by_statement.setdefault(bill.statement_date, []).append(bill)
        by_due.setdefault(bill.due_date, []).append(bill)
    splits = bill_instalments.in_force(ledger.bill_instalments, today).values()
    periods = installment_dues(ledger.plans, statement_day, due_day, plan_schedules(ledger, today), splits)
    periods_by_day: dict[date, list[InstallmentDue]] = {}
    for period in periods:
        periods_by_day.setdefault(period.due_date, []).append(period)
    opened = summary.opened
    payments_by_day: dict[date, list[Payment]] = {}
    for payment in ledger.payments:
        payments_by_day.setdefault(payment.on, []).append(payment)

    def make(day: date) -> DayCell:
        scheduled = opened is None or day >= opened
        return DayCell(
            date=day,
            in_month=Month.of(day) == month,
            is_today=day == today,
            days_from_today=(day - today).days,
            statements=tuple(by_statement.get(day, ())),
            dues=tuple(by_due.get(day, ())),
            installments=tuple(periods_by_day.get(day, ())),
            is_statement_day=scheduled and is_statement_day(day, statement_day),
            is_due_day=scheduled and is_due_day(day, statement_day, due_day),
            purchases_bill=cycle.bill_for_day(day, statement_day),
            payments=tuple(payments_by_day.get(day, ())),
        )

    weeks = tuple(tuple(make(day) for day in week) for week in weeks_of(month))
    return MonthView(
        month=month,
        today=today,
        weeks=weeks,
        bills=tuple(bills_in_view(summary.bills, month)),
        installments=tuple(installments_in_month(periods, month)),
    )


# -- where a rest left after a minimum payment goes ------------------------------------------------------------
def carried_from(bill: BillState) -> Month:
    """The bill the rest in ``bill.carried_in`` came from: the one before it (a rest moves one bill on)."""
    return bill.month.shift(-1)


def carry_of(bill: BillState, statement_day: int) -> tuple[Month, date]:
    """Where and when the rest of a bill whose minimum was paid moves: the next bill, on its statement date."""
    return bill.month.shift(1), next_statement_date(bill.month, statement_day)


# -- moving the selection ----------------------------------------------------------------------------------------
def move_day(day: date, days: int) -> date:
    """``day`` moved by ``days`` calendar days (a week is 7); stays put at the ends of the calendar."""
    try:
        return day + timedelta(days=days)
    except OverflowError:
        return day


def move_month(day: date, months: int, anchor_day: int | None = None) -> date:
    """The same day of the month ``months`` away, clamped to that month's length.

    ``anchor_day`` is the day of the month the user last chose: moving Jan 31 → Feb 28 → Mar keeps aiming for the
    31st instead of drifting to the 28th.
    """
    target = Month.of(day).shift(months)
    if not date.min.year <= target.year <= date.max.year:
        return day
    return target.day(anchor_day or day.day)


# -- what a key press on a day should pre-fill -------------------------------------------------------------------
def bill_issued_by(day: date, statement_day: int) -> Month:
    """The newest bill whose statement date is on or before ``day`` (the one "in force" that day).

    A bill's due date always comes before the next statement date, so on a due date this is the bill falling due.
    """
    return cycle.bill_for_day(day, statement_day).shift(-1)


def bill_month_for_day(day: date, statement_day: int, today: date) -> Month | None:
    """The bill to offer when adding a bill from ``day``, or None when that bill could not be recorded yet."""
    month = bill_issued_by(day, statement_day)
    if month - Month.of(today) > MAX_MONTHS_AHEAD:
        return None
    return month


def nearest_owing_bill(bills: Sequence[BillState], day: date) -> BillState | None:
    """The bill with money outstanding whose due date is nearest to ``day`` (earlier one on a tie), if any."""
    owing = [b for b in bills if b.outstanding > 0]
    if not owing:
        return None
    return min(owing, key=lambda b: (abs((b.due_date - day).days), b.due_date))
