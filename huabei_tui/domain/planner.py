"""The planner: for one bill on one day, every way to deal with it, what each costs and what it does to the record.

It answers the seed article's question for a tight month: *what do I do, this month, that costs least and keeps my
record clean?* The options:

* ``full``: pay what is outstanding by the due date; costs nothing; clean.
* ``minimum``: pay up to the minimum by the due date; costs the interest the remainder accrues until the next
  statement date if nothing more is paid; clean; remainder + interest move into the next bill.
* ``instalment`` for each period count offered: pay nothing now; costs the total fee; clean.
* ``late`` by 1, 7 and 30 days (or from today, once overdue): pay the whole bill then; costs the overdue fee;
  leaves a grid code and a record that expires five years after that day.

``best`` is the cheapest clean option the recorded repayment balance covers, or, with no balance recorded, the
cheapest clean option (the plan then says the balance is unknown). What is no longer possible is listed in
``unavailable`` with the reason. Every figure comes from the same rules the bills are evaluated with.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date

from huabei_tui.domain.account import Account
from huabei_tui.domain.bill_instalments import (
    BILL_INSTALMENT_PERIODS,
    BillInstalment,
    first_part_issued_on,
    instalment_window,
    offered_periods,
)
from huabei_tui.domain.billing import interest_days, next_statement_date, remainder_interest
from huabei_tui.domain.bills import RECORD_YEARS, BillState, overdue_fee_exact
from huabei_tui.domain.dates import Month, add_days, add_years
from huabei_tui.domain.grid import overdue_code
from huabei_tui.domain.money import Fen, fen_from_decimal
from huabei_tui.domain.summary import Summary

KINDS = ("full", "minimum", "instalment", "late")
#: Days past the due date the ``late`` options show: a day, a week, a month.
LATE_DAYS = (1, 7, 30)

#: Why an option is left out (``Unavailable.reason``); ``params`` name the dates and months the sentence needs.
REASONS = (
    "past_due",  # the due date has passed: {due}
    "not_issued",  # a bill can be split from its statement date: {start}
    "already_split",  # split into instalments: {on}, {periods}
    "carried",  # the remainder moved into the next bill: {month}
    "minimum_paid",  # the minimum was paid on time; the rest moves into the next bill on {on}
    "nothing_outstanding",  # nothing left to pay
    "minimum_is_full",  # the minimum is the whole amount outstanding
    "no_rate",  # the fee table has no rate for {periods}
    "minimum_covered",  # paid at least the minimum already: the bill can no longer go overdue
)


@dataclass(frozen=True)
class PlanOption:
    kind: str
    #: What to pay (now, or by ``pay_by``); 0 for instalments.
    pay_now: Fen
    #: Fees or interest it costs, in fen.
    cost: Fen
    #: No overdue: nothing reaches the credit report as late.
    clean: bool
    #: The last day to pay ``pay_now`` (the due date), or for ``late`` the day the bill is paid.
    pay_by: date | None = None
    periods: int | None = None
    days: int | None = None
    #: Instalments: the first part (principal + fee; it takes the leftover fen, so it is the largest) and all parts.
    per_part: Fen | None = None
    parts: tuple[Fen, ...] = ()
    #: The bill each part lands on (``parts[k]`` on ``part_bills[k]``).
    part_bills: tuple[Month, ...] = ()
    #: Instalments: the last day the split can still be undone (the day before its first part is issued).
    cancel_until: date | None = None
    #: ``late``: the repayment-grid code the month gets and the day the record leaves the credit report.
    grid_code: str | None = None
    record_expires_on: date | None = None
    #: ``minimum``: remainder + interest moving into ``next_bill`` at its statement date.
    carried_to_next: Fen | None = None
    next_bill: Month | None = None

    @property
    def key(self) -> tuple[str, int | None]:
        """What names an option: its kind, with the period count of an instalment (``best`` in JSON)."""
        return self.kind, self.periods


@dataclass(frozen=True)
class Unavailable:
    kind: str
    reason: str
    periods: int | None = None
    params: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Plan:
    bill: BillState
    today: date
    #: The recorded repayment balance; None when never recorded.
    balance: Fen | None
    options: tuple[PlanOption, ...]
    unavailable: tuple[Unavailable, ...]
    best: PlanOption | None

    @property
    def month(self) -> Month:
        return self.bill.month

    @property
    def due_date(self) -> date:
        return self.bill.due_date

    @property
    def balance_known(self) -> bool:
        return self.balance is not None

    @property
    def cheapest_clean(self) -> PlanOption | None:
        return _cheapest(o for o in self.options if o.clean)

    @property
    def shortfall(self) -> Fen | None:
        """With a balance recorded that covers no clean option: what it lacks for the cheapest clean one."""
        cheapest = self.cheapest_clean
        if self.best is not None or self.balance is None or cheapest is None:
            return None
        return cheapest.pay_now - self.balance

    def option(self, kind: str, periods: int | None = None, *, days: int | None = None) -> PlanOption | None:
        """The option of ``kind`` (with that period count, or that many days late), if it is offered."""
        return next((o for o in self.options if (o.kind, o.periods, o.days) == (kind, periods, days)), None)


def _order(option: PlanOption) -> tuple[int, int, int]:
    return KINDS.index(option.kind), option.periods or 0, option.days or 0


def _cheapest(options: Iterable[PlanOption]) -> PlanOption | None:
    return min(options, key=lambda o: (o.cost, _order(o)), default=None)


def _closed(bill: BillState, account: Account) -> tuple[str, dict[str, str]] | None:
    """Why nothing can be chosen any more for this bill, or None while something can."""
    if bill.instalment is not None:
        return "already_split", {"on": bill.instalment.on.isoformat(), "periods": str(bill.instalment.periods)}
    if bill.status == "carried" and bill.carried_to is not None:
        return "carried", {"month": str(bill.carried_to)}
    if bill.outstanding <= 0:
        return "nothing_outstanding", {}
    if bill.status == "minimum_paid":
        return "minimum_paid", {"on": next_statement_date(bill.month, account.statement_day).isoformat()}
    return None


def plan_bill(bill: BillState, account: Account, today: date) -> Plan:
    """Every option for ``bill`` on ``today`` (``bill`` evaluated on ``today``), and the best one."""
    options: list[PlanOption] = []
    unavailable: list[Unavailable] = []
    closed = _closed(bill, account)
    if closed is not None:
        reason, params = closed
        unavailable = [Unavailable(kind, reason, params=params) for kind in KINDS]
    else:
        _full_and_minimum(bill, account, today, options, unavailable)
        _instalments(bill, account, today, options, unavailable)
        _late(bill, account, today, options, unavailable)
    balance = account.balance
    clean = [o for o in options if o.clean]
    best = _cheapest(o for o in clean if balance is None or o.pay_now <= balance)
    return Plan(bill=bill, today=today, balance=balance, options=tuple(options), unavailable=tuple(unavailable),
                best=best)


def _full_and_minimum(bill: BillState, account: Account, today: date, options: list[PlanOption],
                      unavailable: list[Unavailable]) -> None:
    due = bill.due_date
    if today > due:
        unavailable += [Unavailable(kind, "past_due", params={"due": due.isoformat()}) for kind in ("full", "minimum")]
        return
    options.append(PlanOption("full", pay_now=bill.outstanding, cost=0, clean=True, pay_by=due))
    pay_now = max(bill.minimum - bill.paid, 0)
    remainder = bill.outstanding - pay_now
    if remainder <= 0:
        unavailable.append(Unavailable("minimum", "minimum_is_full"))
        return
    days = interest_days(bill.month, account.statement_day, account.due_day)
    interest = remainder_interest(remainder, days, account.interest_rate)
    options.append(PlanOption("minimum", pay_now=pay_now, cost=interest, clean=True, pay_by=due,
                              carried_to_next=remainder + interest, next_bill=bill.month.shift(1)))


def _instalments(bill: BillState, account: Account, today: date, options: list[PlanOption],
                 unavailable: list[Unavailable]) -> None:
    start, end = instalment_window(bill.month, account.statement_day, account.due_day)
    offered = offered_periods(account.installment_rates)
    for periods in BILL_INSTALMENT_PERIODS:
        if periods not in offered:
            unavailable.append(Unavailable("instalment", "no_rate", periods, {"periods": str(periods)}))
        elif today < start:
            unavailable.append(Unavailable("instalment", "not_issued", periods, {"start": start.isoformat()}))
        elif today > end:
            unavailable.append(Unavailable("instalment", "past_due", periods, {"due": end.isoformat()}))
        else:
            split = BillInstalment(id="plan", month=bill.month, periods=periods, principal=bill.outstanding,
                                   fee_percent=account.installment_rates[periods], on=today)
            schedule = split.parts()
            parts = tuple(part.amount for part in schedule)
            options.append(PlanOption("instalment", pay_now=0, cost=split.total_fee, clean=True, periods=periods,
                                      per_part=parts[0], parts=parts, part_bills=tuple(p.bill for p in schedule),
                                      next_bill=split.first_bill,
                                      cancel_until=add_days(first_part_issued_on(split, account.statement_day), -1)))


def _late(bill: BillState, account: Account, today: date, options: list[PlanOption],
          unavailable: list[Unavailable]) -> None:
    due = bill.due_date
    paid_by_due = sum(p.amount for p in bill.payments if p.on <= due)
    if paid_by_due >= bill.minimum:
        unavailable.append(Unavailable("late", "minimum_covered"))
        return
    late_now = max((today - due).days, 0)
    days_list = sorted({days for days in LATE_DAYS if days >= late_now} | ({late_now} if late_now else set()))
    for days in days_list:
        paid_on = add_days(due, days)
        # The whole outstanding is paid on ``paid_on``: the fee runs on what is outstanding up to that day.
        fee = fen_from_decimal(overdue_fee_exact(bill.amount, list(bill.payments), due, paid_on, account.fee_rate))
        options.append(PlanOption("late", pay_now=bill.outstanding, cost=fee, clean=False, pay_by=paid_on, days=days,
                                  grid_code=overdue_code(days), record_expires_on=add_years(paid_on, RECORD_YEARS)))


def plan_for(summary: Summary, month: Month | None = None) -> Plan | None:
    """The plan for bill ``month``, or by default for the bill to pay now (else the bill left at its minimum, whose
    plan says what happens to its remainder rather than "nothing to plan"); None when there is no such bill."""
    bill = summary.bill(month) if month is not None else (summary.most_urgent_bill or summary.carrying)
    if bill is None:
        return None
    return plan_bill(bill, summary.account, summary.today)
