"""A realistic two-year history for trying the app without touching real data.

It is built relative to ``today`` so the demo always shows a live situation: a bill to pay next, more than the
balance (checked too long ago) covers, auto-repay off, and one late payment about ten months back whose record
still has years to run. Amounts come from a seeded generator, so the same ``today`` always gives the same data
(snapshots depend on it).

It must be a history that could have happened by ``today``: no bill is typed for a cycle that has not closed (its
statement date after today: its amount is not known yet), and no payment is dated after today or before the
statement date of the bill it pays. So the bill to pay next depends on where today falls in the month:

* from the statement date to the due date of the newest issued bill, it is that bill, partly paid (less than its
  minimum: left as it is it would go overdue);
* after that due date (every issued bill paid), it is the bill now accumulating: the purchases made since the
  statement date and the phone's instalment part, nothing paid yet, issued at the next statement date.

(Before, the second case typed an amount for the accumulating bill and paid part of it: on 2026-12-31 the status
showed bill 2027-01 paid ¥200 on 12-28, before its statement date 2027-01-01.)
"""

from __future__ import annotations

import random
from datetime import date, datetime

from huabei_tui.domain import cycle
from huabei_tui.domain.account import Account
from huabei_tui.domain.bills import Payment
from huabei_tui.domain.dates import Month, add_days
from huabei_tui.domain.installments import InstallmentPlan
from huabei_tui.domain.ledger import Checklist, ContactEntry, Ledger, Purchase

DEMO_MONTHS = 24
#: The bill to pay next, when it is issued: typed as read off the bill (the instalment part included).
UPCOMING_AMOUNT = 238_000
#: What was bought since the last statement date when the bill to pay next is the one accumulating: with the
#: phone's instalment part (¥627.00) it comes to the same ¥2,380.00 as an issued bill to pay next.
CYCLE_PURCHASES = (
    ("超市 / groceries", 46_850),
    ("外卖 / food delivery", 8_960),
    ("加油 / fuel", 30_000),
    ("网购 / online shopping", 62_490),
    ("话费 / phone top-up", 10_000),
    ("电影 / cinema", 17_000),
)


def cycle_purchases(bill: Month, statement_day: int, today: date) -> list[Purchase]:
    """``CYCLE_PURCHASES`` spread over the days from ``bill``'s cycle start to ``today`` (both included), at
    midday Shanghai time: each lands on ``bill``, none after today."""
    start = cycle.cycle_start(bill, statement_day)
    span = (today - start).days
    found = []
    for i, (description, amount) in enumerate(CYCLE_PURCHASES):
        day = add_days(start, span * i // (len(CYCLE_PURCHASES) - 1))
        found.append(Purchase(f"demo-order-{bill}-{i + 1}", datetime(day.year, day.month, day.day, 12, 30), amount,
                              description))
    return found


def demo_ledger(today: date) -> Ledger:
    rng = random.Random(20250401)
    account = Account(
        limit=800_000,
        statement_day=1,
        due_day=10,
        auto_repay=False,
        balance=120_000,
        balance_checked_on=add_days(today, -9),
        opened=Month.of(today).shift(-DEMO_MONTHS - 2).first_day,
    )
    latest = cycle.bill_for_day(today, account.statement_day).shift(-1)  # newest issued bill
    # The bill the user is paying now: the newest issued one while it is not yet due, else the one accumulating.
    upcoming = latest
    if cycle.due_date(latest, account.statement_day, account.due_day) < today:
        upcoming = latest.shift(1)
    bills: dict[Month, int] = {}
    payments: list[Payment] = []
    late_month = upcoming.shift(-10)
    for offset in range(DEMO_MONTHS - 1, -1, -1):
        month = upcoming.shift(-offset)
        due = cycle.due_date(month, account.statement_day, account.due_day)
        statement = cycle.statement_date(month, account.statement_day)
        if month == upcoming:
            if month != latest:
                continue  # not issued yet: its amount is what the purchases below add up to, nothing paid on it
            # Issued and not yet due: partly paid since its statement date, less than the ¥238.00 minimum payment;
            # the rest is more than the (stale) balance covers, the minimum is not, so left as it is the bill
            # would go overdue.
            bills[month] = UPCOMING_AMOUNT
            paid_on = max(statement, add_days(today, -3))
            payments.append(Payment(f"demo-{month}-1", month, 20_000, paid_on))
            continue
        amount = rng.randrange(60_000, 260_000, 10)
        bills[month] = amount
        if month == late_month:
            # The one slip: a little paid on time, but less than the minimum payment (10%), so the whole bill
            # went overdue; the rest nine days late.
            payments.append(Payment(f"demo-{month}-1", month, amount // 20, max(statement, add_days(due, -1))))
            payments.append(Payment(f"demo-{month}-2", month, amount - amount // 20, add_days(due, 9)))
            continue
        payments.append(Payment(f"demo-{month}-1", month, amount,
                                max(statement, add_days(due, -rng.randrange(0, 6)))))
    late_due = cycle.due_date(late_month, account.statement_day, account.due_day)
    plan_bill = upcoming.shift(-2)
    plan = InstallmentPlan(
        id="demo-plan-1",
        principal=360_000,
        periods=6,
        fee_percent=account.installment_rates[6],
        first_bill=plan_bill,
        description="手机 / phone",
        order_no="demo-order-phone",
    )
    purchase_day = cycle.cycle_start(plan_bill, account.statement_day)
    purchases = (
        Purchase("demo-order-phone", datetime(purchase_day.year, purchase_day.month, purchase_day.day, 20, 15),
                 360_000, "手机 / phone", installments=6),
        *([] if upcoming == latest else cycle_purchases(upcoming, account.statement_day, today)),
    )
    ticked = add_days(today, -40)
    return Ledger(
        account=account,
        manual_bills=bills,
        payments=tuple(payments),
        purchases=purchases,
        plans=(plan,),
        auth_check=Checklist(
            ticks={step: ticked for step in ("open_alipay", "open_huabei", "tap_mine", "open_contracts",
                                             "find_authorization")},
            answer="found",
            answered_on=ticked,
        ),
        recovery=Checklist(ticks={"contact_service": add_days(late_due, 2), "repay_all": add_days(late_due, 9)}),
        contacts=(
            ContactEntry("demo-contact-1", add_days(late_due, 2), "deferral",
                         "客服说不能延期，建议尽快还清 / no deferral; repay as soon as possible"),
        ),
    )
