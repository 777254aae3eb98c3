"""How bills follow one another: the parts of each bill, its minimum payment, what a minimum payment carries into
the next bill, bills split into instalments, and so each bill's state on a day.

A bill's ``amount`` (Alipay's 本期应还) is the sum of four parts: ``spending`` (typed, or imported purchases −
refunds), ``carried_in`` and ``interest_in`` (what the previous bill moved in after a minimum payment) and
``instalment_due`` (parts of instalment plans landing on it). With nothing carried and nothing split, the amount
is exactly what was typed or imported, and every rule of ``bills.evaluate_bill`` applies unchanged.

At the end of the due date, with *paid* the repayments dated on or before it:

* *paid* ≥ amount: paid on time;
* minimum ≤ *paid* < amount: ``minimum_paid``, never overdue. Interest accrues on the remainder outstanding at the
  start of each day from the day after the due date to the day before the next bill's statement date (summed
  exactly, rounded once). On that statement date remainder and interest move into the next bill, which exists
  from then on even without spending; this bill becomes ``carried``. A payment dated before that day still pays
  this bill; one dated on or after it pays the bill it moved into;
* *paid* < minimum: overdue on the whole outstanding, exactly as ``bills.evaluate_bill`` says.

Bills are evaluated oldest first because a bill's parts depend on the one before it.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable
from dataclasses import replace
from datetime import date
from decimal import Decimal
from typing import NamedTuple

from huabei_tui.domain import bill_instalments, cycle
from huabei_tui.domain.account import Account
from huabei_tui.domain.bill_instalments import BillInstalment
from huabei_tui.domain.bills import (
    Bill,
    BillState,
    Payment,
    evaluate_bill,
    overdue_fee_exact,
    settled_on,
)
from huabei_tui.domain.dates import Month, add_days
from huabei_tui.domain.ledger import (
    ChargesOf,
    Ledger,
    current_cycle_bill,
    imported_charges,
    plan_parts_by_bill,
    resolve_bills,
)
from huabei_tui.domain.money import Fen, fen_from_decimal

#: ``BillState.source`` of a bill that exists only because the rules put money on it (carried in, instalments).
DERIVED = "derived"


class BillParts(NamedTuple):
    """The four parts of a bill's amount (a named tuple: thousands are made for a long history, and cheaply)."""

    month: Month
    spending: Fen = 0
    carried_in: Fen = 0
    interest_in: Fen = 0
    instalment_due: Fen = 0
    #: Where ``spending`` came from: "manual", "import", or ``DERIVED`` when there is none.
    source: str = "manual"

    @property
    def amount(self) -> Fen:
        return self.spending + self.carried_in + self.interest_in + self.instalment_due


def minimum_payment(parts: BillParts, min_rate: Decimal) -> Fen:
    """``min_rate`` % of the principal (spending + carried-in principal), rounded half up to the fen, plus all
    interest moved in and all instalment parts; never more than the amount, and at least one fen of a bill that
    is not zero (a ¥0.04 bill's 10% rounds to nothing, and a minimum of nothing would make leaving it unpaid
    "clean")."""
    amount = parts.amount
    if amount <= 0:
        return 0
    principal_share = fen_from_decimal(Decimal(parts.spending + parts.carried_in) * min_rate / Decimal(100))
    return min(max(principal_share + parts.interest_in + parts.instalment_due, 1), amount)


def next_statement_date(month: Month, statement_day: int) -> date:
    """The day a remainder after a minimum payment moves into the next bill: that bill's statement date."""
    return cycle.statement_date(month.shift(1), statement_day)


def interest_days(month: Month, statement_day: int, due_day: int) -> int:
    """Days of interest on a remainder left unpaid: the day after the due date to the day before the next
    statement date (20 days for a bill due on the 10th with statement day 1 in a 30-day month)."""
    due = cycle.due_date(month, statement_day, due_day)
    return (next_statement_date(month, statement_day) - due).days - 1


class CarryForecast(NamedTuple):
    """What a bill left at its minimum will move into the next bill if nothing more is paid before ``on``."""

    on: date
    into: Month
    principal: Fen
    interest: Fen

    @property
    def total(self) -> Fen:
        return self.principal + self.interest


def carry_forecast(state: BillState, account: Account) -> CarryForecast | None:
    """For a ``minimum_paid`` bill still owing: the day its remainder moves on, the bill it moves into, and the
    principal and interest that move if nothing more is paid (the interest summed to the day before that date,
    rounded once, exactly as ``_after_minimum`` will compute it then). None for any other bill.

    Between the due date and the next statement date nothing is due, so the status screen would otherwise show
    "nothing to pay" while interest runs every day; this is what it shows instead."""
    if state.status != "minimum_paid" or state.outstanding <= 0:
        return None
    carry_on = next_statement_date(state.month, account.statement_day)
    exact = overdue_fee_exact(state.amount, list(state.payments), state.due_date, add_days(carry_on, -1),
                              account.interest_rate)
    return CarryForecast(carry_on, state.month.shift(1), state.outstanding, fen_from_decimal(exact))


def remainder_interest(remainder: Fen, days: int, rate_percent: Decimal) -> Fen:
    """Interest on ``remainder`` left outstanding for ``days`` whole days, rounded once, half up."""
    if remainder <= 0 or days <= 0:
        return 0
    return fen_from_decimal(Decimal(remainder) * days * rate_percent / Decimal(100))


def evaluate_parts(
    parts: BillParts,
    payments: Iterable[Payment],
    account: Account,
    today: date,
    *,
    minimum_override: Fen | None = None,
    split: BillInstalment | None = None,
) -> BillState:
    """One bill's state on ``today`` from its parts, the payments that reach it, and a split made by ``today``."""
    month, amount = parts.month, parts.amount
    rule_minimum = minimum_payment(parts, account.min_rate)
    minimum = rule_minimum if minimum_override is None else min(minimum_override, amount)
    plain = evaluate_bill(
        Bill(month, amount, parts.source),
        payments,
        statement_day=account.statement_day,
        due_day=account.due_day,
        fee_rate=account.fee_rate,
        today=today,
        parts={
            "spending": parts.spending,
            "carried_in": parts.carried_in,
            "interest_in": parts.interest_in,
            "instalment_due": parts.instalment_due,
            "minimum": minimum,
            "minimum_overridden": minimum_override is not None,
        },
    )
    if split is not None:
        # Repaid by conversion: nothing outstanding, never late, closed on the day it was split.
        return replace(plain, status="instalment", outstanding=0, overdue_days=0, fee=0, fee_per_day=0,
                       fee_grows=False, settled_on=split.on, record_expires_on=None, instalment=split)
    due = plain.due_date
    if today <= due:
        return plain
    counted = list(plain.payments)
    paid_by_due = sum(p.amount for p in counted if p.on <= due)
    if paid_by_due >= amount or paid_by_due < minimum:
        return plain  # paid in full on time, or overdue on the whole outstanding: the rules of evaluate_bill
    return _after_minimum(plain, counted, account, today)


def _after_minimum(state: BillState, counted: list[Payment], account: Account, today: date) -> BillState:
    """The minimum was paid on time: interest instead of an overdue, then the move into the next bill."""
    month, amount, due = state.month, state.amount, state.due_date
    carry_on = next_statement_date(month, account.statement_day)
    kept = [p for p in counted if p.on < carry_on]  # later payments pay the bill the remainder moved into
    paid = sum(p.amount for p in kept)
    remainder = max(amount - paid, 0)
    last_interest_day = min(today, add_days(carry_on, -1))
    interest = fen_from_decimal(overdue_fee_exact(amount, kept, due, last_interest_day, account.interest_rate))
    settled = settled_on(amount, kept)
    carried_to: Month | None = None
    if today >= carry_on and (remainder > 0 or interest > 0):
        carried_to = month.shift(1)
        status = "carried" if remainder else "paid"
        settled = settled or carry_on
        outstanding = 0
    else:
        status = "minimum_paid" if remainder else "paid"
        outstanding = remainder
    per_day = fen_from_decimal(Decimal(outstanding) * account.interest_rate / Decimal(100)) if outstanding else 0
    return replace(
        state,
        paid=min(paid, amount),
        outstanding=outstanding,
        status=status,
        overdue_days=0,
        fee=0,
        fee_per_day=0,
        fee_grows=False,
        settled_on=settled,
        record_expires_on=None,
        interest=interest,
        interest_per_day=per_day,
        carried_to=carried_to,
        carried_out=remainder if carried_to else 0,
        overpaid=max(paid - amount, 0),
        payments=tuple(kept),
    )


def _parts(bill: Bill | None, month: Month, plan_parts: dict[Month, Fen], split_parts: dict[Month, Fen],
           carried: tuple[Fen, Fen]) -> BillParts:
    """The parts of ``month``: its spending, what was ``carried`` in (principal, interest) and instalment parts."""
    split_due = split_parts.get(month, 0)
    if bill is None:
        return BillParts(month, 0, carried[0], carried[1], split_due, DERIVED)
    if bill.source == "import":
        # An imported total holds purchase-plan periods too: they are instalment parts, not spending.
        from_plans = min(plan_parts.get(month, 0), bill.amount)
        return BillParts(month, bill.amount - from_plans, carried[0], carried[1], from_plans + split_due, bill.source)
    # A typed amount is the bill's spending as the user read it; it already holds any purchase-plan periods.
    return BillParts(month, bill.amount, carried[0], carried[1], split_due, bill.source)


def evaluate_bills(ledger: Ledger, today: date, charges_of: ChargesOf = imported_charges) -> list[BillState]:
    """Every bill's state on ``today``, oldest first, with money carried from bill to bill and splits applied;
    ``charges_of`` may be a memo of ``imported_charges`` (``session.ChargesMemo``)."""
    account = ledger.account
    last_bill = current_cycle_bill(account, today)
    base = {bill.month: bill for bill in resolve_bills(ledger, today, charges_of)}
    plan_parts = plan_parts_by_bill(ledger, today) if any(b.source == "import" for b in base.values()) else {}
    splits = bill_instalments.in_force(ledger.bill_instalments, today)
    split_parts = bill_instalments.parts_by_bill(splits.values(), last_bill)
    payments: dict[Month, list[Payment]] = {}
    for payment in ledger.payments:
        if payment.on <= today:
            payments.setdefault(payment.month, []).append(payment)
    known = set(base) | set(split_parts)
    months = sorted(known)
    carried: dict[Month, tuple[Fen, Fen]] = {}
    states: list[BillState] = []
    index = 0
    while index < len(months):
        month = months[index]
        index += 1
        parts = _parts(base.get(month), month, plan_parts, split_parts, carried.get(month, (0, 0)))
        own = payments.get(month, [])
        state = evaluate_parts(parts, own, account, today, minimum_override=ledger.minimums.get(month),
                               split=splits.get(month))
        states.append(state)
        if state.carried_to is not None:
            target = state.carried_to
            carried[target] = (state.carried_out, state.interest)
            carry_on = next_statement_date(month, account.statement_day)
            moved = [p for p in own if p.on >= carry_on]
            if moved:
                payments[target] = payments.get(target, []) + moved
            if target not in known:
                known.add(target)
                bisect.insort(months, target)
    return states


def paying_bill(states: Iterable[BillState], month: Month, on: date, statement_day: int) -> Month:
    """The bill a repayment to ``month`` dated ``on`` really pays: once a remainder has moved into the next bill,
    payments from that day on pay the bill it moved into (following the moves as far as they go)."""
    by_month = {s.month: s for s in states}
    target = month
    while (state := by_month.get(target)) is not None and state.carried_to is not None:
        if on < next_statement_date(target, statement_day):
            break
        target = state.carried_to
    return target
