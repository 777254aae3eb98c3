"""Checks that decide whether a change the user asked for is allowed, given everything already recorded.

They run inside the store's locked transaction against the freshly read ledger, so a check and the write it
guards can never be separated by another terminal's change.
"""

from __future__ import annotations

from datetime import date

from huabei_tui.domain import cycle
from huabei_tui.domain.bills import Payment
from huabei_tui.domain.dates import Month
from huabei_tui.domain.errors import InputError
from huabei_tui.domain.guide import ANSWERS, AUTH_STEPS, CONTACT_TOPICS, RECOVERY_STEPS, REVOKE_STEPS
from huabei_tui.domain.ledger import ContactEntry, Ledger, resolve_bills
from huabei_tui.domain.money import Fen, format_yuan

CHECKLISTS = {"auth": AUTH_STEPS, "recovery": RECOVERY_STEPS, "revoke": REVOKE_STEPS}
#: Bills further ahead than this are typos: Huabei issues one bill a month.
MAX_MONTHS_AHEAD = 1


def new_id() -> str:
    import uuid  # here, not at the top: only a change needs an id, and importing uuid costs every command

    return uuid.uuid4().hex[:12]


def check_new_bill(ledger: Ledger, month: Month, amount: Fen, today: date, *, replace: bool = False) -> None:
    if month in ledger.manual_bills and not replace:
        raise InputError("month", "bill.exists", month=str(month))
    if month - Month.of(today) > MAX_MONTHS_AHEAD:
        raise InputError("month", "bill.too_far_ahead", month=str(month))
    paid = sum(p.amount for p in ledger.payments_for(month))
    if amount < paid:
        raise InputError("amount", "bill.below_paid", paid=format_yuan(paid))


def check_remove_bill(ledger: Ledger, month: Month) -> None:
    if month not in ledger.manual_bills:
        raise InputError("month", "bill.unknown", month=str(month))
    if ledger.payments_for(month):
        raise InputError("month", "bill.has_payments", month=str(month))


def check_payment(ledger: Ledger, month: Month, amount: Fen, on: date, today: date) -> Payment:
    """A payment must name a known bill, fall between the bill's cycle start and today, and not overpay."""
    bills = {bill.month: bill for bill in resolve_bills(ledger, max(today, on))}
    bill = bills.get(month)
    if bill is None:
        raise InputError("month", "pay.unknown_bill", month=str(month))
    if on > today:
        raise InputError("on", "pay.in_future", on=on.isoformat(), today=today.isoformat())
    start = cycle.cycle_start(month, ledger.account.statement_day)
    if on < start:
        raise InputError("on", "pay.before_cycle", on=on.isoformat(), start=start.isoformat(), month=str(month))
    outstanding = bill.amount - sum(p.amount for p in ledger.payments_for(month))
    if outstanding <= 0:
        raise InputError("month", "pay.already_paid", month=str(month))
    if amount > outstanding:
        account = ledger.account
        late = today > cycle.due_date(month, account.statement_day, account.due_day)
        # Paid late, people often type what Alipay took: the bill plus the overdue fee. The fee is not part of
        # the bill here (it is shown apart, never added to it), so say which part to record.
        raise InputError("amount", "pay.too_much_late" if late else "pay.too_much",
                         outstanding=format_yuan(outstanding), month=str(month))
    return Payment(id=new_id(), month=month, amount=amount, on=on)


def check_step(checklist: str, step_id: str) -> None:
    steps = CHECKLISTS.get(checklist)
    if steps is None:
        raise InputError("checklist", "checklist.unknown", value=checklist)
    if step_id not in {step.id for step in steps}:
        raise InputError("step", "checklist.unknown_step", value=step_id)


def check_answer(answer: str) -> str:
    value = answer.strip().lower().replace("-", "_")
    if value not in ANSWERS:
        raise InputError("answer", "checklist.answer", value=answer)
    return value


#: Lengths (characters) of a contact-log entry: a line for the outcome, a short paragraph for the note.
MAX_OUTCOME = 200
MAX_NOTE = 500


def check_contact(on: date, topic: str, outcome: str, note: str, today: date) -> ContactEntry:
    if on > today:
        raise InputError("on", "contact.in_future", on=on.isoformat())
    if topic not in CONTACT_TOPICS:
        raise InputError("topic", "contact.topic", value=topic)
    outcome = outcome.strip()
    if not outcome:
        raise InputError("outcome", "contact.outcome_empty")
    if len(outcome) > MAX_OUTCOME:
        raise InputError("outcome", "contact.too_long", max=MAX_OUTCOME)
    note = note.strip()
    if len(note) > MAX_NOTE:
        raise InputError("note", "contact.too_long", max=MAX_NOTE)
    return ContactEntry(id=new_id(), on=on, topic=topic, outcome=outcome, note=note)
