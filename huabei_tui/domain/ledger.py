"""Everything the user has told us, as immutable values, and the bills it adds up to.

A bill's amount is what the user typed (``huabei bill add``) when they typed one; otherwise it is summed from
imported Huabei purchases, refunds and instalment periods that land on it. A typed amount wins because it is read
off the real Alipay bill, which knows about things an export may miss.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import cached_property

from huabei_tui.domain import bill_instalments, cycle
from huabei_tui.domain.account import Account
from huabei_tui.domain.bill_instalments import BillInstalment
from huabei_tui.domain.bills import Bill, Payment
from huabei_tui.domain.dates import Month, days_in_month, shanghai_date
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
class ImportedTotals:
    """What the bills need from the imported purchases, without the purchases: their net per calendar day, and
    the refunds that reach an instalment plan.

    ``months`` maps a calendar month to the net of each of its days (index 0 is the 1st): purchases minus refunds
    that day, in fen, Shanghai days, leaving out instalment purchases (their plan's periods reach the bills
    instead) and refunds of them (``plan_refunds``: each ``(plan's order number, day, amount)``, which cancel or
    lower the plan's unbilled parts, ``installments.refund_schedule``). Per *day*, not per bill, because the bill a
    day lands on depends on the statement day, a setting the user may change after importing, and because a day
    after "today" must not count yet (``--today`` in the past). Ten years of purchases, however many, are 120 rows
    of at most 31 numbers: the store keeps these totals in the data file beside the rows, and no bill ever needs a
    row decoded. Which refunds reach a plan depends on the plans there are: ``of``/``plus`` are told their order
    numbers, and ``with_plan_refunds`` moves refunds counted by day before their plan arrived.
    """

    months: Mapping[Month, tuple[Fen, ...]] = field(default_factory=dict)
    plan_refunds: tuple[tuple[str, date, Fen], ...] = ()

    @classmethod
    def of(cls, purchases: Iterable[Purchase], plan_orders: Collection[str] = ()) -> ImportedTotals:
        return cls().plus(purchases, plan_orders)

    def plus(self, purchases: Iterable[Purchase], plan_orders: Collection[str] = ()) -> ImportedTotals:
        """These totals with ``purchases`` added (an import adds its new rows to what is stored); a refund whose
        order number points at one of ``plan_orders`` (``installments.refund_target``) reaches that plan."""
        per_day: dict[date, Fen] = defaultdict(int)
        plan_refunds = list(self.plan_refunds)
        for purchase in purchases:
            if purchase.installments:
                continue  # instalment purchases reach bills through their plan's periods
            time = purchase.time  # (``_day`` inline: an import adds hundreds of thousands)
            day = time.date() if time.tzinfo is None else purchase.day
            if purchase.refund:
                if plan_orders and (target := refund_target(purchase.order_no)) in plan_orders:
                    plan_refunds.append((target, day, purchase.amount))
                else:
                    per_day[day] -= purchase.amount
            else:
                per_day[day] += purchase.amount
        return ImportedTotals(_add_days(self.months, per_day), tuple(plan_refunds))

    def plus_days(self, per_day: Mapping[date, Fen]) -> ImportedTotals:
        """These totals with each day's amount added: what ``plus`` adds for purchases that are neither refunds
        nor instalment purchases, summed per day by whoever had them (an import streamed to disk)."""
        return ImportedTotals(_add_days(self.months, per_day), self.plan_refunds) if per_day else self

    def with_plan_refunds(self, refunds: Iterable[Purchase], plan_orders: Collection[str]) -> ImportedTotals:
        """These totals with ``refunds`` (already counted per day) moved to the plans they point at: a plan that
        arrives after a refund of its purchase (overlapping exports imported out of order) gets it back."""
        per_day: dict[date, Fen] = defaultdict(int)
        plan_refunds = list(self.plan_refunds)
        for refund in refunds:
            target = refund_target(refund.order_no)
            if refund.refund and not refund.installments and target in plan_orders:
                day = _day(refund)
                per_day[day] += refund.amount
                plan_refunds.append((target, day, refund.amount))
        return ImportedTotals(_add_days(self.months, per_day), tuple(plan_refunds))

    def days(self) -> dict[date, Fen]:
        """Every day with a net other than zero (for tests and exports; bills use ``by_bill``)."""
        return {month.day(i + 1): total for month, totals in self.months.items()
                for i, total in enumerate(totals) if total}

    def by_bill(self, statement_day: int, today: date) -> dict[Month, Fen]:
        """Net per bill of the days up to ``today``: each calendar month splits at its statement date, the days
        before it on the bill named by the month, the rest on the next (``cycle.bill_for_day``)."""
        charges: dict[Month, Fen] = defaultdict(int)
        this_month = Month(today.year, today.month)
        for month, totals in self.months.items():
            if month > this_month:
                continue
            if month == this_month:
                totals = totals[:today.day]
            split = cycle.statement_date(month, statement_day).day - 1
            before, after = sum(totals[:split]), sum(totals[split:])
            if before:
                charges[month] += before
            if after:
                charges[month.shift(1)] += after
        return charges

    def refunds_by_plan(self, statement_day: int, today: date) -> dict[str, list[tuple[Month, Fen]]]:
        """The plan refunds made by ``today``, per plan order number, as ``(bill of the refund's cycle, amount)``."""
        found: dict[str, list[tuple[Month, Fen]]] = defaultdict(list)
        if self.plan_refunds:
            bill_of = cycle.bill_finder(statement_day)
            for target, day, amount in self.plan_refunds:
                if day <= today:
                    found[target].append((bill_of(day), amount))
        return found


def _day(purchase: Purchase) -> date:
    time = purchase.time
    return time.date() if time.tzinfo is None else purchase.day  # naive: Shanghai wall time already


def _add_days(months: Mapping[Month, tuple[Fen, ...]], per_day: Mapping[date, Fen]) -> dict[Month, tuple[Fen, ...]]:
    """``months`` with each day's amount in ``per_day`` added; months in calendar order, none that nets to
    nothing on every day (so the same rows give the same totals, in whatever order they were added)."""
    if not per_day:
        return dict(months)
    # Keyed by (year, month) while adding: a ``Month`` made and hashed (a dataclass: Python code each time) per
    # day was most of an import's save (ten years are 3,650 days, added three times).
    found = {(month.year, month.month): list(days) for month, days in months.items()}
    for day, total in per_day.items():
        key = (day.year, day.month)
        days = found.get(key)
        if days is None:
            days = found[key] = [0] * days_in_month(day.year, day.month)
        days[day.day - 1] += total
    return {Month(*key): tuple(found[key]) for key in sorted(found) if any(found[key])}


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
    """Everything stored, as values.

    ``purchases`` may be a tuple or, read from the store, a lazy sequence that decodes rows only when iterated or
    indexed (a page at a time): bills never need the rows, only ``imported`` (their per-day totals, kept by the
    store beside them). A ledger built in memory (the demo, tests) leaves ``imported`` out and gets it summed from
    its purchases on first use, so both kinds answer every question the same way.
    """

    account: Account = field(default_factory=Account)
    manual_bills: dict[Month, Fen] = field(default_factory=dict)
    payments: tuple[Payment, ...] = ()
    purchases: Sequence[Purchase] = ()
    plans: tuple[InstallmentPlan, ...] = ()
    auth_check: Checklist = field(default_factory=Checklist)
    recovery: Checklist = field(default_factory=Checklist)
    revoke: Checklist = field(default_factory=Checklist)
    contacts: tuple[ContactEntry, ...] = ()
    #: Alipay's own minimum payment typed for a bill (``bill set MONTH --minimum``): it wins over the rule.
    minimums: dict[Month, Fen] = field(default_factory=dict)
    #: Bills converted into instalments (账单分期), at most one per bill.
    bill_instalments: tuple[BillInstalment, ...] = ()
    #: The purchases' per-day totals as stored; None: sum them from ``purchases`` (``imported_totals``).
    imported: ImportedTotals | None = field(default=None, repr=False)

    @cached_property
    def imported_totals(self) -> ImportedTotals:
        """The purchases' per-day totals: as stored, or summed once from the purchases of an in-memory ledger."""
        if self.imported is not None:
            return self.imported
        return ImportedTotals.of(self.purchases, self.plan_orders())

    def plan_orders(self) -> set[str]:
        """Order numbers of the instalment plans' purchases: the refunds that point at one reach the plan."""
        return {plan.order_no for plan in self.plans if plan.order_no}

    def purchase_order_numbers(self) -> set[str]:
        """The order numbers of the purchases (what an import is checked against so nothing is added twice).

        Stored purchases read them straight from their documents (``field_values``), without building a
        ``Purchase`` per row: an import into a million stored rows needs only this of them.
        """
        scan = getattr(self.purchases, "field_values", None)
        if scan is not None:
            return set(scan("order_no"))
        return {p.order_no for p in self.purchases}

    def purchase_amounts(self) -> dict[str, tuple[Fen, bool]]:
        """Order number → (amount, is a refund) of every purchase, read like ``purchase_order_numbers``: what an
        import compares its rows with (the same order number with another amount is worth a word)."""
        scan = getattr(self.purchases, "fields", None)
        if scan is not None:
            return {order_no: (amount, refund) for order_no, amount, refund in scan("order_no", "amount", "refund")}
        return {p.order_no: (p.amount, p.refund) for p in self.purchases}

    def refunds(self) -> list[Purchase]:
        """The refunds among the purchases (a few in a hundred), decoding no other row of a stored ledger."""
        where = getattr(self.purchases, "where", None)
        if where is not None:
            return list(where("refund", True))
        return [p for p in self.purchases if p.refund]

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
    # Purchases come summed per day (``ImportedTotals``, kept by the store beside the rows); refunds of a plan's
    # purchase reach its unbilled parts instead.
    totals = ledger.imported_totals
    charges = totals.by_bill(statement_day, today)
    plan_refunds = totals.refunds_by_plan(statement_day, today)
    for plan in ledger.plans:
        refunds = plan_refunds.get(plan.order_no or "")
        if refunds:
            periods, credits, _effects = refund_schedule(plan, refunds)
        else:
            periods, credits = schedule(plan), {}
        for period in periods:
            if period.bill <= last_bill:
                charges[period.bill] += period.amount
        for month, credit in credits.items():
            charges[month] -= credit
    return {month: charges[month] for month in sorted(charges) if charges[month] > 0}


def plan_schedules(ledger: Ledger, today: date) -> dict[str, list[Period]]:
    """Each plan's periods (by plan id) after the refunds of its purchase made by ``today``.

    A refunded plan's cancelled parts are gone and lowered parts are smaller (``installments.refund_schedule``);
    the calendar, the unbilled principal and the minimum read the same periods the bills are summed from. The
    refunds come from the stored totals (``ImportedTotals.plan_refunds``): no purchase is read.
    """
    refunds = ledger.imported_totals.refunds_by_plan(ledger.account.statement_day, today)
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
