"""What a bill's payments mean: outstanding, settled date, overdue days, the overdue fee, and record expiry.

Only payments dated on or before ``today`` count, so a "what if" run with an earlier ``--today`` sees the account
as it was that day. A payment on the due date is on time; the overdue fee accrues for each day after the due
date on the amount still outstanding at the start of that day, up to and including the settled date (or today).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from huabei_tui.domain import cycle
from huabei_tui.domain.bill_instalments import BillInstalment
from huabei_tui.domain.dates import Month, add_days, add_years
from huabei_tui.domain.money import Fen, fen_from_decimal

#: 征信业管理条例 art. 16: negative information is kept five years from the day the bad behaviour ends.
RECORD_YEARS = 5

#: ``minimum_paid``: at least the minimum was paid by the due date, the rest accrues interest until the next
#: statement date; ``carried``: that rest has moved into the next bill; ``instalment``: converted into parts.
STATUSES = ("paid", "paid_late", "unpaid", "overdue", "minimum_paid", "carried", "instalment")


@dataclass(frozen=True)
class Bill:
    month: Month
    amount: Fen
    #: "manual" when the user typed the amount, "import" when it was summed from imported purchases.
    source: str = "manual"


@dataclass(frozen=True)
class Payment:
    id: str
    month: Month
    amount: Fen
    on: date
    source: str = "manual"
    order_no: str | None = None


@dataclass(frozen=True)
class BillState:
    """Everything the screens, the CLI and the exports show about one bill on one day.

    ``amount`` is the total to repay (Alipay's 本期应还): ``spending + carried_in + interest_in + instalment_due``.
    ``settled_on`` is the day nothing was outstanding any more: the payment that cleared it, the statement date
    its remainder moved into the next bill (``carried``) or the day it was converted (``instalment``).
    """

    month: Month
    statement_date: date
    due_date: date
    amount: Fen
    paid: Fen
    outstanding: Fen
    status: str
    overdue_days: int
    fee: Fen
    fee_per_day: Fen
    settled_on: date | None
    record_expires_on: date | None
    days_to_due: int
    issued: bool
    source: str = "manual"
    #: What was typed or imported for this cycle (purchases − refunds); the other three parts come from rules.
    spending: Fen = 0
    #: Principal moved in from the previous bill after a minimum payment, and the interest moved with it.
    carried_in: Fen = 0
    interest_in: Fen = 0
    #: Principal + fee of instalment parts landing on this bill.
    instalment_due: Fen = 0
    #: The least to pay by the due date to stay clean; ``minimum_overridden`` when it is Alipay's typed figure.
    minimum: Fen = 0
    minimum_overridden: bool = False
    #: Interest accrued so far on the remainder after a minimum payment, and what one more day adds.
    interest: Fen = 0
    interest_per_day: Fen = 0
    #: The bill the remainder (and the interest) moved into, and the principal that moved.
    carried_to: Month | None = None
    carried_out: Fen = 0
    #: The conversion into instalments, when this bill was split.
    instalment: BillInstalment | None = None
    #: Repayments beyond ``amount`` (``paid`` never shows more than the amount).
    overpaid: Fen = 0
    #: The repayments counted for this bill, by date: its own, and those that followed a remainder moved into it.
    payments: tuple[Payment, ...] = ()
    #: Whether each further day adds to the overdue fee (something outstanding at a fee rate above 0), even when
    #: ``fee_per_day`` rounds to 0 fen; with a zero fee rate nothing grows, however large the bill.
    fee_grows: bool = False

    @property
    def minimum_left(self) -> Fen:
        """What is still to pay by the due date to stay clean ("pay at least ¥X"); 0 once the minimum is paid."""
        return max(min(self.minimum, self.amount) - self.paid, 0)

    @property
    def went_overdue(self) -> bool:
        return self.overdue_days > 0

    @property
    def overdue_end(self) -> date | None:
        """Last day counted as overdue (settled date or today), or None when never overdue."""
        if not self.went_overdue:
            return None
        return self.settled_on or add_days(self.due_date, self.overdue_days)

    def record_days_left(self, today: date) -> int | None:
        return (self.record_expires_on - today).days if self.record_expires_on else None

    def record_gone(self, today: date) -> bool:
        """The record has reached its five years and is deleted from the credit report (on the expiry day)."""
        return self.record_expires_on is not None and self.record_expires_on <= today


def payments_until(payments: Iterable[Payment], today: date) -> list[Payment]:
    return sorted((p for p in payments if p.on <= today), key=lambda p: (p.on, p.id))


def settled_on(amount: Fen, payments: list[Payment]) -> date | None:
    """Date of the payment that brings the outstanding to zero (``payments`` sorted by date)."""
    total = 0
    for payment in payments:
        total += payment.amount
        if total >= amount:
            return payment.on
    return None


def overdue_fee_exact(amount: Fen, payments: list[Payment], due: date, end: date, rate_percent: Decimal) -> Decimal:
    """Unrounded fee in fen for the overdue days ``due+1 .. end``; constant runs between payments are summed at once."""
    if end <= due:
        return Decimal(0)
    fen_days = 0
    outstanding = amount
    day = due  # the last day already accounted for
    for payment in payments:
        if payment.on >= end:
            break
        if payment.on > day:
            # Days day+1 .. payment.on start with `outstanding` (a payment reduces it from the next day on).
            fen_days += max(outstanding, 0) * (payment.on - day).days
            day = payment.on
        outstanding -= payment.amount
    fen_days += max(outstanding, 0) * (end - day).days
    return Decimal(fen_days) * rate_percent / Decimal(100)


def evaluate_bill(
    bill: Bill,
    payments: Iterable[Payment],
    *,
    statement_day: int,
    due_day: int,
    fee_rate: Decimal,
    today: date,
    parts: Mapping[str, Any] | None = None,
) -> BillState:
    """The paid / unpaid / overdue rules for one bill. ``parts`` sets the fields the bill's amount is made of and
    its minimum (``billing`` knows them); without it the whole amount is spending."""
    counted = payments_until(payments, today)
    paid = sum(p.amount for p in counted)
    outstanding = max(bill.amount - paid, 0)
    statement = cycle.statement_date(bill.month, statement_day)
    due = cycle.due_date(bill.month, statement_day, due_day)
    settled = settled_on(bill.amount, counted) if bill.amount > 0 else None
    end = settled if settled else today
    overdue_days = max((end - due).days, 0) if (settled or outstanding > 0) else 0
    if outstanding == 0:
        status = "paid_late" if overdue_days > 0 else "paid"
    else:
        status = "overdue" if today > due else "unpaid"
    fee = fen_from_decimal(overdue_fee_exact(bill.amount, counted, due, end, fee_rate)) if overdue_days else 0
    fee_per_day = fen_from_decimal(Decimal(outstanding) * fee_rate / Decimal(100)) if outstanding else 0
    expires = add_years(settled, RECORD_YEARS) if settled and overdue_days > 0 else None
    return BillState(
        month=bill.month,
        statement_date=statement,
        due_date=due,
        amount=bill.amount,
        paid=min(paid, bill.amount) if bill.amount else paid,
        outstanding=outstanding,
        status=status,
        overdue_days=overdue_days,
        fee=fee,
        fee_per_day=fee_per_day,
        settled_on=settled,
        record_expires_on=expires,
        days_to_due=(due - today).days,
        issued=statement <= today,
        source=bill.source,
        overpaid=max(paid - bill.amount, 0),
        payments=tuple(counted),
        fee_grows=outstanding > 0 and fee_rate > 0,
        **(parts if parts is not None else {"spending": bill.amount}),
    )
