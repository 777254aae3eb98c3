"""Everything the user has told us, as immutable values, and the bills it adds up to.

A bill's amount is what the user typed (``huabei bill add``) when they typed one; otherwise it is summed from
imported Huabei purchases, refunds and instalment periods that land on it. A typed amount wins because it is read
off the real Alipay bill, which knows about things an export may miss.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime

from huabei_tui.domain import bill_instalments, cycle
from huabei_tui.domain.account import Account
from huabei_tui.domain.bill_instalments import BillInstalment
from huabei_tui.domain.bills import Bill, Payment
from huabei_tui.domain.dates import Month, shanghai_date
from huabei_tui.domain.installments import InstallmentPlan, Period, refund_schedule, refund_target, schedule
from huabei_tui.domain.money import Fen


@dataclass(frozen=True)
class Purchase:
    """A Huabei purchase (or a refund of one, with ``refund=True``) read from an Alipay export."""

    order_no: str
    time: datetime
    amount: Fen
    description: str = ""
    refund: bool = False
    installments: int | None = None

    @property
    def day(self) -> date:
        return shanghai_date(self.time)


@dataclass(frozen=True)
class Checklist:
    """Ticked steps (step id → date ticked) and the answer of the authorization check."""

    ticks: dict[str, date] = field(default_factory=dict)
    answer: str | None = None
    answered_on: date | None = None

    def is_done(self, step_id: str, since: date | None = None) -> bool:
        """Ticked, and after ``since`` when given: the recovery steps of an earlier overdue were done for that
        one; while a new overdue is unpaid (``Summary.recovery_since``) they are to be done again."""
        day = self.ticks.get(step_id)
        return day is not None and (since is None or day > since)


@dataclass(frozen=True)
class ContactEntry:
    """One conversation with customer service (article §3.4): what was asked and what came of it."""

    id: str
    on: date
    topic: str
    outcome: str
    note: str = ""


@dataclass(frozen=True)
class Ledger:
    account: Account = field(default_factory=Account)
    manual_bills: dict[Month, Fen] = field(default_factory=dict)
    payments: tuple[Payment, ...] = ()
    purchases: tuple[Purchase, ...] = ()
    plans: tuple[InstallmentPlan, ...] = ()
    auth_check: Checklist = field(default_factory=Checklist)
    recovery: Checklist = field(default_factory=Checklist)
    revoke: Checklist = field(default_factory=Checklist)
    contacts: tuple[ContactEntry, ...] = ()
    #: Alipay's own minimum payment typed for a bill (``bill set MONTH --minimum``): it wins over the rule.
    minimums: dict[Month, Fen] = field(default_factory=dict)
    #: Bills converted into instalments (账单分期), at most one per bill.
    bill_instalments: tuple[BillInstalment, ...] = ()

    def is_empty(self) -> bool:
        """Nothing the user typed: no records, default settings, no checklist ticks or answers."""
        if self.manual_bills or self.payments or self.purchases or self.plans or self.contacts:
            return False
        if self.minimums or self.bill_instalments:
            return False
        return self.account == Account() and all(
            c == Checklist() for c in (self.auth_check, self.recovery, self.revoke)
        )

    def payments_for(self, month: Month) -> list[Payment]:
        return [p for p in self.payments if p.month == month]

    def bill_instalment_for(self, month: Month) -> BillInstalment | None:
        return next((s for s in self.bill_instalments if s.month == month), None)


def current_cycle_bill(account: Account, today: date) -> Month:
    """The bill today's purchases land on (issued at the next statement date)."""
    return cycle.bill_for_day(today, account.statement_day)


def imported_charges(ledger: Ledger, today: date) -> dict[Month, Fen]:
    """Per bill: imported purchases − refunds + instalment periods, up to the bill now accumulating.

    With years of imports this is most of the work of a summary; ``session.ChargesMemo`` keeps the last answer
    for the purchases it came from, so a save that did not touch them does not sum them again.
    """
    statement_day = ledger.account.statement_day
    last_bill = current_cycle_bill(ledger.account, today)
    # Thousands of purchases fall on a few thousand days over a few hundred months: sum per day first (a
    # ``date`` hashes far faster than a ``Month``), then find each day's bill with one statement date per month.
    # Days keep the order of their first purchase, so the bills do too.
    plan_orders = {plan.order_no for plan in ledger.plans if plan.order_no}
    per_day: dict[date, Fen] = defaultdict(int)
    plan_refunds: dict[str, list[tuple[date, Fen]]] = defaultdict(list)
    for purchase in ledger.purchases:
        if purchase.installments:
            continue  # instalment purchases reach bills through their plan's periods
        time = purchase.time
        day = time.date() if time.tzinfo is None else purchase.day  # naive: Shanghai wall time already
        if day > today:
            continue
        if purchase.refund:
            if plan_orders and (target := refund_target(purchase.order_no)) in plan_orders:
                plan_refunds[target].append((day, purchase.amount))  # reaches the plan's unbilled parts
                continue
            per_day[day] -= purchase.amount
        else:
            per_day[day] += purchase.amount
    charges: dict[Month, Fen] = defaultdict(int)
    bill_of = cycle.bill_finder(statement_day)
    for day, total in per_day.items():
        charges[bill_of(day)] += total
    for plan in ledger.plans:
        refunds = [(bill_of(day), amount) for day, amount in plan_refunds.get(plan.order_no or "", ())]
        periods, credits, _effects = refund_schedule(plan, refunds)
        for period in periods:
            if period.bill <= last_bill:
                charges[period.bill] += period.amount
        for month, credit in credits.items():
            charges[month] -= credit
    return {month: max(total, 0) for month, total in charges.items() if total > 0}


def plan_schedules(ledger: Ledger, today: date) -> dict[str, list[Period]]:
    """Each plan's periods (by plan id) after the refunds of its purchase made by ``today``.

    A refunded plan's cancelled parts are gone and lowered parts are smaller (``installments.refund_schedule``);
    the calendar, the unbilled principal and the minimum read the same periods the bills are summed from. Refunds
    are few: they are picked out first (one C-speed pass), so a plan without one costs what ``schedule`` costs.
    """
    plans = {plan.order_no: plan for plan in ledger.plans if plan.order_no}
    refunds: dict[str, list[tuple[Month, Fen]]] = defaultdict(list)
    if plans:
        bill_of = cycle.bill_finder(ledger.account.statement_day)
        for purchase in [purchase for purchase in ledger.purchases if purchase.refund]:
            if (target := refund_target(purchase.order_no)) in plans:
                time = purchase.time
                day = time.date() if time.tzinfo is None else purchase.day
                if day <= today:
                    refunds[target].append((bill_of(day), purchase.amount))
    return {plan.id: refund_schedule(plan, refunds[plan.order_no])[0] if plan.order_no in refunds else schedule(plan)
            for plan in ledger.plans}


def unbilled_installment_principal(ledger: Ledger, today: date) -> Fen:
    """Instalment principal on bills after the one now accumulating, of purchase plans and of bills split into
    instalments by ``today``: still owed, counts against the limit."""
    last_bill = current_cycle_bill(ledger.account, today)
    splits = bill_instalments.in_force(ledger.bill_instalments, today).values()
    return (sum(p.principal for periods in plan_schedules(ledger, today).values() for p in periods
                if p.bill > last_bill)
            + bill_instalments.unbilled_principal(splits, last_bill))


def plan_parts_by_bill(ledger: Ledger, today: date) -> dict[Month, Fen]:
    """Principal + fee of purchase-plan periods per bill, up to the bill now accumulating: the part of an imported
    bill that is instalments rather than spending (the whole of it counts in the minimum payment). Refunds of a
    plan's purchase have cancelled or lowered its parts (``plan_schedules``)."""
    last_bill = current_cycle_bill(ledger.account, today)
    parts: dict[Month, Fen] = defaultdict(int)
    for periods in plan_schedules(ledger, today).values():
        for period in periods:
            if period.bill <= last_bill:
                parts[period.bill] += period.amount
    return dict(parts)


#: How the imported charges are found: ``imported_charges`` itself, or a memo of it (``session.ChargesMemo``).
ChargesOf = Callable[[Ledger, date], dict[Month, Fen]]


def resolve_bills(ledger: Ledger, today: date, charges_of: ChargesOf = imported_charges) -> list[Bill]:
    """All bills, oldest first: typed amounts win over amounts summed from imports."""
    bills = {month: Bill(month, amount, "import") for month, amount in charges_of(ledger, today).items()}
    bills.update({month: Bill(month, amount, "manual") for month, amount in ledger.manual_bills.items()})
    return [bills[month] for month in sorted(bills)]
