"""What ``huabei remind`` says about a bill due soon: the least that keeps the record clean, and the whole bill."""

from __future__ import annotations

from decimal import Decimal

import pytest

from huabei_tui.domain.account import Account
from huabei_tui.domain.ledger import Ledger
from huabei_tui.domain.reminders import DUE_WORDINGS, due_wording, reminders, stay_clean_amount
from huabei_tui.domain.summary import summarize

from .helpers import d, m, pay


def summary_on(today: str, bills: dict[str, str], payments=(), minimums: dict[str, str] | None = None):
    book = Ledger(
        account=Account(),
        manual_bills={m(k): int(Decimal(v) * 100) for k, v in bills.items()},
        payments=tuple(payments),
        minimums={m(k): int(Decimal(v) * 100) for k, v in (minimums or {}).items()},
    )
    return summarize(book, d(today))


def test_a_bill_due_soon_asks_for_its_minimum_and_names_the_whole() -> None:
    # Bill 2025-09 of ¥2,000.00 (minimum 10% = ¥200.00), due 2025-09-10.
    bill = summary_on("2025-09-08", {"2025-09": "2000"}).bill(m("2025-09"))
    assert bill is not None
    assert (stay_clean_amount(bill), bill.outstanding) == (20000, 200000)
    assert due_wording(bill) == "minimum"


def test_a_partial_payment_lowers_what_is_left_of_the_minimum() -> None:
    bill = summary_on("2025-09-08", {"2025-09": "2000"}, [pay("2025-09", "150", "2025-09-05")]).bill(m("2025-09"))
    assert bill is not None
    assert stay_clean_amount(bill) == 5000  # ¥200.00 − ¥150.00
    assert due_wording(bill) == "minimum"


def test_minimum_paid_before_the_due_date_is_only_a_matter_of_interest() -> None:
    bill = summary_on("2025-09-09", {"2025-09": "2000"}, [pay("2025-09", "200", "2025-09-05")]).bill(m("2025-09"))
    assert bill is not None
    assert stay_clean_amount(bill) == 0 and bill.outstanding == 180000
    assert due_wording(bill) == "minimum_paid"


def test_a_minimum_of_the_whole_bill_asks_for_the_whole_bill() -> None:
    bill = summary_on("2025-09-09", {"2025-09": "2000"}, minimums={"2025-09": "2000"}).bill(m("2025-09"))
    assert bill is not None
    assert stay_clean_amount(bill) == bill.outstanding == 200000
    assert due_wording(bill) == "full"


@pytest.mark.parametrize("today", ["2025-09-10", "2025-09-07"])  # due today, and three days ahead
def test_due_window_edges_keep_the_wording(today: str) -> None:
    summary = summary_on(today, {"2025-09": "2000"})
    found = reminders(summary, 3)
    assert [b.month for b in found.due_soon] == [m("2025-09")]
    assert due_wording(found.due_soon[0]) in DUE_WORDINGS


def test_a_bill_after_a_minimum_payment_is_neither_due_nor_overdue() -> None:
    # ¥200 on the due date: minimum paid; the next day the remainder accrues interest but nothing is late.
    summary = summary_on("2025-09-11", {"2025-09": "2000"}, [pay("2025-09", "200", "2025-09-10")])
    found = reminders(summary, 3)
    assert (found.overdue, found.due_soon, found.exit_status) == ([], [], 0)
