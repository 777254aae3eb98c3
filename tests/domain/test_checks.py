"""Checks that guard every change: payments, bills, checklists and the contact log."""

from __future__ import annotations

from datetime import datetime

import pytest

from huabei_tui.domain.account import Account
from huabei_tui.domain.checks import (
    check_answer,
    check_contact,
    check_new_bill,
    check_payment,
    check_remove_bill,
    check_step,
)
from huabei_tui.domain.errors import InputError
from huabei_tui.domain.ledger import Ledger, Purchase

from .helpers import d, m, pay

TODAY = d("2025-09-01")


def ledger() -> Ledger:
    return Ledger(
        manual_bills={m("2025-07"): 150_000, m("2025-08"): 80_000, m("2025-06"): 10_000},
        payments=(pay("2025-07", "1000", "2025-07-13"), pay("2025-06", "100", "2025-06-05")),
    )


def refused(call, field: str, key: str) -> InputError:
    with pytest.raises(InputError) as caught:
        call()
    assert (caught.value.field, caught.value.key) == (field, key)
    return caught.value


# -- payments --------------------------------------------------------------------------------------------------

def test_payment_accepted() -> None:
    payment = check_payment(ledger(), m("2025-07"), 50_000, d("2025-07-15"), TODAY)
    assert (payment.month, payment.amount, payment.on, payment.source) == (m("2025-07"), 50_000, d("2025-07-15"),
                                                                          "manual")
    assert payment.id
    other = check_payment(ledger(), m("2025-07"), 50_000, d("2025-07-15"), TODAY)
    assert other.id != payment.id


def test_payment_today_and_at_cycle_start() -> None:
    check_payment(ledger(), m("2025-08"), 80_000, TODAY, TODAY)
    check_payment(ledger(), m("2025-08"), 1, d("2025-07-01"), TODAY)  # bill 2025-08's cycle starts 07-01


def test_payment_refused_for_unknown_bill() -> None:
    err = refused(lambda: check_payment(ledger(), m("2025-05"), 100, TODAY, TODAY), "month", "pay.unknown_bill")
    assert err.params == {"month": "2025-05"}


def test_payment_refused_in_the_future() -> None:
    refused(lambda: check_payment(ledger(), m("2025-08"), 100, d("2025-09-02"), TODAY), "on", "pay.in_future")


def test_payment_refused_before_the_cycle_start() -> None:
    err = refused(lambda: check_payment(ledger(), m("2025-08"), 100, d("2025-06-30"), TODAY), "on",
                  "pay.before_cycle")
    assert err.params["start"] == "2025-07-01"


def test_payment_refused_when_it_overpays() -> None:
    # 2025-07 is past its due date on TODAY: the message says to record the bill part only (not the fee too).
    err = refused(lambda: check_payment(ledger(), m("2025-07"), 50_001, TODAY, TODAY), "amount",
                  "pay.too_much_late")
    assert err.params["outstanding"] == "¥500.00"
    check_payment(ledger(), m("2025-07"), 50_000, TODAY, TODAY)  # exactly the rest is fine
    # Before its due date, a plain "more than the outstanding".
    refused(lambda: check_payment(ledger(), m("2025-07"), 50_001, d("2025-07-10"), d("2025-07-10")), "amount",
            "pay.too_much")


def test_payment_refused_when_already_paid() -> None:
    refused(lambda: check_payment(ledger(), m("2025-06"), 1, TODAY, TODAY), "month", "pay.already_paid")


def test_payment_to_an_imported_bill() -> None:
    imported = Ledger(purchases=(Purchase("o1", datetime(2025, 7, 5, 12), 12_300),))
    payment = check_payment(imported, m("2025-08"), 12_300, d("2025-08-09"), TODAY)
    assert payment.amount == 12_300
    # the bill now accumulating is known too, even though it is not issued yet
    current = Ledger(purchases=(Purchase("o2", datetime(2025, 8, 20, 12), 500),))
    check_payment(current, m("2025-09"), 500, TODAY, TODAY)


def test_payment_with_a_late_statement_day() -> None:
    late = Ledger(account=Account(statement_day=25, due_day=15), manual_bills={m("2025-01"): 1_000})
    check_payment(late, m("2025-01"), 1_000, d("2024-12-25"), d("2025-02-20"))
    refused(lambda: check_payment(late, m("2025-01"), 1_000, d("2024-12-24"), d("2025-02-20")), "on",
            "pay.before_cycle")


# -- bills -----------------------------------------------------------------------------------------------------

def test_new_bill_accepted() -> None:
    check_new_bill(ledger(), m("2025-09"), 100, TODAY)
    check_new_bill(ledger(), m("2025-10"), 100, TODAY)  # the bill now accumulating
    check_new_bill(ledger(), m("2020-01"), 100, TODAY)  # history is fine


def test_new_bill_refused_when_it_exists() -> None:
    refused(lambda: check_new_bill(ledger(), m("2025-07"), 100, TODAY), "month", "bill.exists")
    check_new_bill(ledger(), m("2025-07"), 200_000, TODAY, replace=True)


def test_new_bill_refused_too_far_ahead() -> None:
    refused(lambda: check_new_bill(ledger(), m("2025-11"), 100, TODAY), "month", "bill.too_far_ahead")
    refused(lambda: check_new_bill(ledger(), m("2026-09"), 100, TODAY), "month", "bill.too_far_ahead")
    # across the year end
    check_new_bill(Ledger(), m("2026-01"), 100, d("2025-12-31"))
    refused(lambda: check_new_bill(Ledger(), m("2026-02"), 100, d("2025-12-31")), "month", "bill.too_far_ahead")


def test_bill_amount_below_paid_refused() -> None:
    err = refused(lambda: check_new_bill(ledger(), m("2025-07"), 99_999, TODAY, replace=True), "amount",
                  "bill.below_paid")
    assert err.params == {"paid": "¥1,000.00"}
    check_new_bill(ledger(), m("2025-07"), 100_000, TODAY, replace=True)  # equal to what was paid is fine


def test_remove_bill_checks() -> None:
    check_remove_bill(ledger(), m("2025-08"))
    refused(lambda: check_remove_bill(ledger(), m("2025-01")), "month", "bill.unknown")
    refused(lambda: check_remove_bill(ledger(), m("2025-07")), "month", "bill.has_payments")


# -- checklists and contacts ----------------------------------------------------------------------------------

def test_checklist_steps() -> None:
    check_step("auth", "open_alipay")
    check_step("recovery", "repay_all")
    check_step("revoke", "wait_expiry")
    refused(lambda: check_step("nope", "open_alipay"), "checklist", "checklist.unknown")
    refused(lambda: check_step("auth", "repay_all"), "step", "checklist.unknown_step")


@pytest.mark.parametrize(("text", "value"), [("found", "found"), ("not-found", "not_found"), ("NOT_FOUND", "not_found"),
                                             (" unsure ", "unsure")])
def test_check_answer(text: str, value: str) -> None:
    assert check_answer(text) == value


def test_check_answer_refuses() -> None:
    refused(lambda: check_answer("maybe"), "answer", "checklist.answer")


def test_contact_checks() -> None:
    entry = check_contact(d("2025-08-30"), "deferral", "  no deferral  ", " call back ", TODAY)
    assert (entry.on, entry.topic, entry.outcome, entry.note) == (d("2025-08-30"), "deferral", "no deferral",
                                                                  "call back")
    refused(lambda: check_contact(d("2025-09-02"), "other", "x", "", TODAY), "on", "contact.in_future")
    refused(lambda: check_contact(TODAY, "weather", "x", "", TODAY), "topic", "contact.topic")
    refused(lambda: check_contact(TODAY, "other", "   ", "", TODAY), "outcome", "contact.outcome_empty")
    refused(lambda: check_contact(TODAY, "other", "x" * 201, "", TODAY), "outcome", "contact.too_long")
    refused(lambda: check_contact(TODAY, "other", "ok", "n" * 501, TODAY), "note", "contact.too_long")
    assert check_contact(TODAY, "other", "ok", "  n" * 166 + "  ", TODAY).note == ("  n" * 166).strip()
