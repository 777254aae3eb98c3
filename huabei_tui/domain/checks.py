"""Checks that decide whether a change the user asked for is allowed, given everything already recorded.

They run inside the store's locked transaction against the freshly read ledger, so a check and the write it
guards can never be separated by another terminal's change.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from datetime import date

from huabei_tui.domain import cycle
from huabei_tui.domain.bill_instalments import (
    BillInstalment,
    first_part_issued_on,
    instalment_window,
    offered_periods,
)
from huabei_tui.domain.billing import evaluate_bills, paying_bill
from huabei_tui.domain.bills import BillState, Payment
from huabei_tui.domain.dates import Month
from huabei_tui.domain.errors import InputError
from huabei_tui.domain.guide import ANSWERS, AUTH_STEPS, CONTACT_TOPICS, RECOVERY_STEPS, REVOKE_STEPS
from huabei_tui.domain.installments import InstallmentPlan
from huabei_tui.domain.ledger import ChargesOf, ContactEntry, Ledger, Purchase, imported_charges
from huabei_tui.domain.money import Fen, format_yuan, parse_money
from huabei_tui.domain.numbers import parse_whole_number
from huabei_tui.domain.textsafe import has_controls, sanitize

CHECKLISTS = {"auth": AUTH_STEPS, "recovery": RECOVERY_STEPS, "revoke": REVOKE_STEPS}
#: Bills further ahead than this are typos: Huabei issues one bill a month.
MAX_MONTHS_AHEAD = 1


def new_id() -> str:
    import uuid  # here, not at the top: only a change needs an id, and importing uuid costs every command

    return uuid.uuid4().hex[:12]


def _states(ledger: Ledger, today: date, charges_of: ChargesOf = imported_charges) -> dict[Month, BillState]:
    return {state.month: state for state in evaluate_bills(ledger, today, charges_of)}


def _refuse_if_split(ledger: Ledger, month: Month) -> None:
    split = ledger.bill_instalment_for(month)
    if split is not None:
        raise InputError("month", "bill.split", month=str(month), on=split.on.isoformat())


def check_new_bill(ledger: Ledger, month: Month, amount: Fen, today: date, *, replace: bool = False,
                   charges_of: ChargesOf = imported_charges) -> None:
    """A typed amount is the bill's spending; with what was carried in and instalment parts it must still cover
    what has been paid. A bill split into instalments keeps the amount it was split with (cancel first)."""
    if month in ledger.manual_bills and not replace:
        raise InputError("month", "bill.exists", month=str(month))
    if month - Month.of(today) > MAX_MONTHS_AHEAD:
        raise InputError("month", "bill.too_far_ahead", month=str(month))
    _refuse_if_split(ledger, month)
    current = _states(ledger, today, charges_of).get(month)
    other_parts = current.amount - current.spending if current else 0
    paid = sum(p.amount for p in ledger.payments_for(month))
    if amount + other_parts < paid:
        raise InputError("amount", "bill.below_paid", paid=format_yuan(paid - other_parts))


def check_remove_bill(ledger: Ledger, month: Month) -> None:
    if month not in ledger.manual_bills:
        raise InputError("month", "bill.unknown", month=str(month))
    if ledger.payments_for(month):
        raise InputError("month", "bill.has_payments", month=str(month))
    _refuse_if_split(ledger, month)


def check_payment(ledger: Ledger, month: Month, amount: Fen, on: date, today: date,
                  charges_of: ChargesOf = imported_charges) -> Payment:
    """A payment must name a known bill, fall between the bill's cycle start and today, and not overpay.

    It is recorded against the bill it really pays: once a remainder after a minimum payment has moved into the
    next bill (at that bill's statement date), a later payment pays the next bill. A bill split into instalments
    takes no payment: its parts are paid with the bills they land on.
    """
    # Every recorded payment counts against overpaying, also one dated after a "what if" --today.
    day = max([today, on, *(p.on for p in ledger.payments)])
    states = _states(ledger, day, charges_of)
    if month not in states:
        raise InputError("month", "pay.unknown_bill", month=str(month))
    if on > today:
        raise InputError("on", "pay.in_future", on=on.isoformat(), today=today.isoformat())
    account = ledger.account
    start = cycle.cycle_start(month, account.statement_day)
    if on < start:
        raise InputError("on", "pay.before_cycle", on=on.isoformat(), start=start.isoformat(), month=str(month))
    target = states[paying_bill(states.values(), month, on, account.statement_day)]
    if target.instalment is not None:
        raise InputError("month", "pay.split", month=str(target.month), on=target.instalment.on.isoformat())
    # Paid before the remainder moved on, a payment lowers what moved (and the interest on it).
    limit = target.carried_out if target.status == "carried" else target.outstanding
    if limit <= 0:
        raise InputError("month", "pay.already_paid", month=str(target.month))
    payment = Payment(id=new_id(), month=target.month, amount=amount, on=on)
    if target.status == "carried":
        # The bill it moved into may be partly paid already: what this payment would pay twice is refused.
        before = sum(s.overpaid for s in states.values())
        with_it = replace(ledger, payments=(*ledger.payments, payment))
        after = sum(s.overpaid for s in evaluate_bills(with_it, day, charges_of))
        limit = min(limit, amount - (after - before)) if after > before else limit
    if amount > limit:
        # After a minimum payment nothing is late, and there is no fee to explain.
        late = today > target.due_date and target.status == "overdue"
        # Paid late, people often type what Alipay took: the bill plus the overdue fee. The fee is not part of
        # the bill here (it is shown apart, never added to it), so say which part to record.
        raise InputError("amount", "pay.too_much_late" if late else "pay.too_much",
                         outstanding=format_yuan(limit), month=str(target.month))
    return payment


def parse_minimum(text: str, *, field: str = "minimum") -> Fen | None:
    """Alipay's minimum payment for a bill as typed, or None for ``auto`` (back to the rule)."""
    if str(text).strip().lower() in {"auto", "自动"}:
        return None
    return parse_money(text, field=field)


def check_minimum(ledger: Ledger, month: Month, minimum: Fen | None, today: date) -> None:
    """A typed minimum names a bill and is not more than its amount; ``None`` (auto) is always fine."""
    current = _states(ledger, today).get(month)
    if current is None:
        raise InputError("month", "minimum.unknown_bill", month=str(month))
    check_minimum_of(month, minimum, current.amount)


def check_minimum_of(month: Month, minimum: Fen | None, amount: Fen) -> None:
    """A typed minimum is never more than the bill's amount (the whole bill is the most one can be asked for)."""
    if minimum is not None and minimum > amount:
        raise InputError("minimum", "minimum.above_amount", month=str(month), amount=format_yuan(amount))


def check_bill_instalment(ledger: Ledger, month: Month, periods: int, on: date, today: date) -> BillInstalment:
    """Split bill ``month`` into ``periods`` parts on ``on``: only from its statement date to its due date, when
    not split already, for a period count with a rate in the fee table, and with something outstanding."""
    account = ledger.account
    if on > today:
        raise InputError("on", "instalment.in_future", on=on.isoformat(), today=today.isoformat())
    start, end = instalment_window(month, account.statement_day, account.due_day)
    if month not in _states(ledger, today):
        if start > today:  # not issued yet: say from when it can be split
            raise InputError("month", "instalment.not_issued", month=str(month), start=start.isoformat(),
                             end=end.isoformat())
        raise InputError("month", "instalment.unknown_bill", month=str(month))
    existing = ledger.bill_instalment_for(month)
    if existing is not None:
        raise InputError("month", "instalment.already", month=str(month), on=existing.on.isoformat(),
                         periods=existing.periods)
    if not start <= on <= end:
        raise InputError("on", "instalment.window", month=str(month), start=start.isoformat(), end=end.isoformat())
    offered = offered_periods(account.installment_rates)
    if periods not in offered:
        raise InputError("periods", "instalment.periods", value=periods, choices="/".join(map(str, offered)))
    state = _states(ledger, on)[month]
    if state.outstanding <= 0:
        raise InputError("month", "instalment.nothing", month=str(month))
    if any(p.month == month and on < p.on <= today for p in ledger.payments):
        raise InputError("on", "instalment.paid_after", month=str(month), on=on.isoformat())
    return BillInstalment(id=new_id(), month=month, periods=periods, principal=state.outstanding,
                          fee_percent=account.installment_rates[periods], on=on)


def check_cancel_bill_instalment(ledger: Ledger, month: Month, today: date) -> BillInstalment:
    """A split can be undone until its first part appears on a bill (that bill's statement date)."""
    split = ledger.bill_instalment_for(month)
    if split is None:
        raise InputError("month", "instalment.none", month=str(month))
    issued = first_part_issued_on(split, ledger.account.statement_day)
    if today >= issued:
        raise InputError("month", "instalment.first_issued", month=str(month), first=str(split.first_bill),
                         on=issued.isoformat())
    return split


def step_id(checklist: str, text: str) -> str:
    """The step ``text`` names in ``checklist``: its id, or its number in the list (1 is the first), as
    ``huabei check tick`` takes it; the number is read like every typed number (``²`` is refused)."""
    steps = CHECKLISTS.get(checklist)
    if steps is None:
        raise InputError("checklist", "checklist.unknown", value=checklist)
    text = str(text).strip()
    if any(step.id == text for step in steps):
        return text
    number = parse_whole_number(text, field="step", low=1, high=len(steps), malformed="checklist.unknown_step")
    return steps[number - 1].id


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
    """A contact-log entry as it will be stored: control characters removed (the note may keep its lines)."""
    if on > today:
        raise InputError("on", "contact.in_future", on=on.isoformat())
    topic, outcome, note = sanitize(topic), sanitize(outcome), sanitize(note, multiline=True)
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


def clean_imported(
    purchases: Iterable[Purchase], payments: Iterable[Payment], plans: Iterable[InstallmentPlan]
) -> tuple[list[Purchase], list[Payment], list[InstallmentPlan]]:
    """Imported records with their text (merchant, description, order number) free of control characters.

    A file can hold anything; an OSC 52 sequence in a merchant name would otherwise be stored and later set the
    clipboard of whoever looks at the calendar. Records without such characters are kept as they are (no copy).
    """

    def clean(text: str | None) -> str | None:
        return text if text is None or not has_controls(text) else sanitize(text)

    def cleaned(record, **fields: str | None):
        changed = {name: clean(value) for name, value in fields.items() if value is not None and has_controls(value)}
        return replace(record, **changed) if changed else record

    purchases = list(purchases)
    # One search over all the purchases' text first (an import brings hundreds of thousands, and a file with any
    # control character in them is rare): only then is each record looked at.
    if not has_controls(" ".join(text for p in purchases for text in (p.description, p.order_no))):
        clean_purchases = purchases
    else:
        clean_purchases = [cleaned(p, description=p.description, order_no=p.order_no) for p in purchases]
    return (clean_purchases,
            [cleaned(p, order_no=p.order_no, id=p.id) for p in payments],
            [cleaned(p, description=p.description, order_no=p.order_no, id=p.id) for p in plans])
