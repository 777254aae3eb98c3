"""What a bill's payments mean: status, overdue days, the overdue fee and the record's expiry date."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from huabei_tui.domain.bills import Bill, Payment, evaluate_bill, overdue_fee_exact, settled_on
from huabei_tui.domain.dates import Month

from .helpers import d, pay, state


def test_worked_example_1() -> None:
    s = state("2025-07", "1500", [pay("2025-07", "1000", "2025-07-13"), pay("2025-07", "500", "2025-07-15")],
              today="2025-09-01")
    assert s.due_date == date(2025, 7, 10)
    assert s.statement_date == date(2025, 7, 1)
    assert s.overdue_days == 5
    assert s.fee == 275  # 1500 × 0.05% × 3 + 500 × 0.05% × 2
    assert s.settled_on == date(2025, 7, 15)
    assert s.record_expires_on == date(2030, 7, 15)
    assert s.status == "paid_late"
    assert (s.amount, s.paid, s.outstanding, s.fee_per_day) == (150000, 150000, 0, 0)
    assert s.went_overdue
    assert s.overdue_end == date(2025, 7, 15)
    assert s.record_days_left(date(2025, 9, 1)) == (date(2030, 7, 15) - date(2025, 9, 1)).days
    assert s.issued


def test_worked_example_1_midway() -> None:
    """On 07-14 the bill is still overdue: 1500 × 3 days + 500 × 1 day so far, ¥0.25 per extra day."""
    s = state("2025-07", "1500", [pay("2025-07", "1000", "2025-07-13"), pay("2025-07", "500", "2025-07-15")],
              today="2025-07-14")
    assert s.status == "overdue"
    assert s.overdue_days == 4
    assert s.fee == 250
    assert s.fee_per_day == 25
    assert s.outstanding == 50000
    assert s.settled_on is None
    assert s.record_expires_on is None  # never invented before the overdue ends
    assert s.overdue_end == date(2025, 7, 14)
    assert s.record_days_left(date(2025, 7, 14)) is None


def test_worked_example_3() -> None:
    s = state("2025-08", "800", today="2025-09-01")
    assert s.due_date == date(2025, 8, 10)
    assert s.overdue_days == 22
    assert s.fee == 880
    assert s.fee_per_day == 40
    assert s.settled_on is None
    assert s.record_expires_on is None
    assert s.status == "overdue"
    assert s.days_to_due == -22
    assert s.overdue_end == date(2025, 9, 1)


def test_payment_on_the_due_date_is_on_time() -> None:
    s = state("2025-07", "1500", [pay("2025-07", "1500", "2025-07-10")], today="2025-09-01")
    assert s.status == "paid"
    assert s.overdue_days == 0
    assert s.fee == 0
    assert s.settled_on == date(2025, 7, 10)
    assert s.record_expires_on is None
    assert not s.went_overdue
    assert s.overdue_end is None


def test_payment_the_day_after_the_due_date_is_one_day_late() -> None:
    s = state("2025-07", "1500", [pay("2025-07", "1500", "2025-07-11")], today="2025-07-11")
    assert s.status == "paid_late"
    assert s.overdue_days == 1
    assert s.fee == 75  # the whole amount was outstanding at the start of 07-11
    assert s.record_expires_on == date(2030, 7, 11)


def test_due_today_is_unpaid_not_overdue() -> None:
    s = state("2025-07", "1500", today="2025-07-10")
    assert s.days_to_due == 0
    assert s.status == "unpaid"
    assert s.overdue_days == 0
    assert s.fee == 0
    assert s.fee_per_day == 75  # what a day late would cost


def test_day_after_due_is_overdue() -> None:
    s = state("2025-07", "1500", today="2025-07-11")
    assert (s.days_to_due, s.status, s.overdue_days, s.fee) == (-1, "overdue", 1, 75)


def test_before_issue_and_before_due() -> None:
    s = state("2025-08", "300", today="2025-07-20")
    assert s.issued is False
    assert s.status == "unpaid"
    assert s.days_to_due == 21
    issued = state("2025-08", "300", today="2025-08-01")
    assert issued.issued is True
    assert issued.days_to_due == 9


def test_payments_after_today_are_ignored() -> None:
    payments = [pay("2025-07", "500", "2025-07-05"), pay("2025-07", "1000", "2025-07-20")]
    s = state("2025-07", "1500", payments, today="2025-07-15")
    assert s.paid == 50000
    assert s.outstanding == 100000
    assert s.status == "overdue"
    assert s.overdue_days == 5
    assert s.fee == 250  # 1000 × 0.05% × 5
    assert s.settled_on is None
    later = state("2025-07", "1500", payments, today="2025-07-25")
    assert later.settled_on == date(2025, 7, 20)
    assert later.overdue_days == 10
    assert later.fee == 500


def test_settled_on_feb_29_expires_feb_28() -> None:
    s = state("2028-02", "100", [pay("2028-02", "100", "2028-02-29")], today="2028-03-05")
    assert s.overdue_days == 19
    assert s.settled_on == date(2028, 2, 29)
    assert s.record_expires_on == date(2033, 2, 28)


def test_fee_is_summed_exactly_then_rounded_once_half_up() -> None:
    # ¥10.10 × 0.05% = 0.505 fen a day: rounding each day would give 1 + 1 + 1 = 3 fen; once, 1.515 → 2 fen.
    s = state("2025-07", "10.10", today="2025-07-13")
    assert s.overdue_days == 3
    assert s.fee == 2
    assert s.fee_per_day == 1  # 0.505 rounds half up
    # ¥10.00 for one day is exactly half a fen: half up gives 1 (half-even would give 0)
    assert state("2025-07", "10", today="2025-07-11").fee == 1
    # ¥10.00 for two days is exactly one fen
    assert state("2025-07", "10", today="2025-07-12").fee == 1
    # ¥10.10 for one day: 0.505 → 1
    assert state("2025-07", "10.10", today="2025-07-11").fee == 1


def test_fee_with_a_different_rate() -> None:
    s = state("2025-08", "800", today="2025-09-01", rate=Decimal("0.1"))
    assert s.fee == 1760
    assert s.fee_per_day == 80
    zero = state("2025-08", "800", today="2025-09-01", rate=Decimal("0"))
    assert zero.fee == 0
    assert zero.overdue_days == 22
    assert zero.status == "overdue"


def test_multiple_partial_payments() -> None:
    payments = [
        pay("2025-07", "200", "2025-07-05"),  # before the due date: on time, lowers what is overdue
        pay("2025-07", "300", "2025-07-12"),
        pay("2025-07", "250", "2025-07-20", pid="a"),
        pay("2025-07", "250", "2025-07-20", pid="b"),  # two payments on the settling day
    ]
    s = state("2025-07", "1000", payments, today="2025-08-01")
    # 800 × 2 days (07-11, 07-12) + 500 × 8 days (07-13 .. 07-20) = 5600 yuan-days × 0.05% = ¥2.80
    assert s.fee == 280
    assert s.overdue_days == 10
    assert s.settled_on == date(2025, 7, 20)
    assert s.record_expires_on == date(2030, 7, 20)
    assert s.status == "paid_late"
    assert s.paid == 100000


def test_partial_payment_before_due_leaves_an_unpaid_bill() -> None:
    s = state("2025-07", "1000", [pay("2025-07", "400", "2025-07-03")], today="2025-07-05")
    assert (s.status, s.paid, s.outstanding, s.settled_on) == ("unpaid", 40000, 60000, None)


def test_paid_before_the_statement_date() -> None:
    s = state("2025-07", "1000", [pay("2025-07", "1000", "2025-06-20")], today="2025-07-20")
    assert s.status == "paid"
    assert s.settled_on == date(2025, 6, 20)


def test_zero_bill_is_paid() -> None:
    s = state("2025-07", "0", today="2025-09-01")
    assert (s.status, s.overdue_days, s.fee, s.settled_on) == ("paid", 0, 0, None)


def test_due_before_statement_day_settings() -> None:
    """Statement day 25, due day 15: bill 2025-01 falls due 2025-02-15."""
    s = state("2025-01", "100", today="2025-02-20", statement_day=25, due_day=15)
    assert s.due_date == date(2025, 2, 15)
    assert s.overdue_days == 5
    assert s.fee == 25


def test_settled_on_helper() -> None:
    payments = [pay("2025-07", "10", "2025-07-01"), pay("2025-07", "5", "2025-07-03")]
    assert settled_on(1500, payments) == date(2025, 7, 3)
    assert settled_on(1600, payments) is None
    assert settled_on(1000, payments) == date(2025, 7, 1)


def test_overdue_fee_exact_is_zero_when_not_late() -> None:
    assert overdue_fee_exact(100000, [], d("2025-07-10"), d("2025-07-10"), Decimal("0.05")) == 0
    assert overdue_fee_exact(100000, [], d("2025-07-10"), d("2025-07-01"), Decimal("0.05")) == 0


# -- property: the fee equals a plain day-by-day sum, rounded once ----------------------------------------------

def _reference_fee(amount: int, payments: list[Payment], due: date, end: date, rate: Decimal) -> int:
    total = Decimal(0)
    day = due + timedelta(days=1)
    while day <= end:
        outstanding = amount - sum(p.amount for p in payments if p.on < day)
        total += Decimal(max(outstanding, 0)) * rate / 100
        day += timedelta(days=1)
    return int(total.quantize(Decimal(1), rounding=ROUND_HALF_UP))


@settings(max_examples=150, deadline=None)
@given(
    amount=st.integers(min_value=1, max_value=5_000_000),
    parts=st.lists(st.tuples(st.integers(min_value=-15, max_value=60), st.integers(min_value=1, max_value=100)),
                   max_size=5),
    today_offset=st.integers(min_value=-5, max_value=90),
    rate=st.sampled_from([Decimal("0.05"), Decimal("0.1"), Decimal("0.033"), Decimal("0")]),
)
def test_fee_matches_day_by_day_reference(
    amount: int, parts: list[tuple[int, int]], today_offset: int, rate: Decimal
) -> None:
    month = Month(2025, 7)
    due = date(2025, 7, 10)
    today = due + timedelta(days=today_offset)
    payments, left = [], amount
    for i, (offset, share) in enumerate(parts):
        fen = min(left, max(1, amount * share // 100))
        if fen <= 0:
            break
        payments.append(Payment(f"p{i}", month, fen, due + timedelta(days=offset)))
        left -= fen
    s = evaluate_bill(Bill(month, amount), payments, statement_day=1, due_day=10, fee_rate=rate, today=today)
    counted = [p for p in payments if p.on <= today]
    paid = sum(p.amount for p in counted)
    settled = settled_on(amount, sorted(counted, key=lambda p: p.on))
    end = settled or today
    assert s.paid == paid
    assert s.outstanding == amount - paid
    assert s.overdue_days == max((end - due).days, 0)
    assert s.fee == _reference_fee(amount, counted, due, end, rate)
    if s.outstanding == 0:
        assert s.status == ("paid_late" if s.overdue_days else "paid")
    else:
        assert s.status == ("overdue" if today > due else "unpaid")
    if s.overdue_days and settled:
        assert s.record_expires_on is not None
        assert s.record_expires_on.year == settled.year + 5
    else:
        assert s.record_expires_on is None


@pytest.mark.parametrize("amount", ["0.01", "1", "999.99", "99999.99"])
def test_fee_per_day_is_rate_of_outstanding(amount: str) -> None:
    s = state("2025-07", amount, today="2025-07-20")
    fen = int(Decimal(amount) * 100)
    expected = int((Decimal(fen) * Decimal("0.05") / 100).quantize(Decimal(1), rounding=ROUND_HALF_UP))
    assert s.fee_per_day == expected


def test_record_is_deleted_on_its_expiry_day_not_before() -> None:
    """Settled 2028-02-29 → expires 2033-02-28: still there on the 27th, deleted from the 28th on."""
    payments = [pay("2028-02", "100", "2028-02-29")]
    settled = state("2028-02", "100", payments, today="2030-01-01")
    assert (settled.record_gone(d("2033-02-27")), settled.record_days_left(d("2033-02-27"))) == (False, 1)
    assert (settled.record_gone(d("2033-02-28")), settled.record_days_left(d("2033-02-28"))) == (True, 0)
    never_late = state("2028-02", "100", [pay("2028-02", "100", "2028-02-10")], today="2040-01-01")
    assert not never_late.record_gone(d("2040-01-01"))
    unpaid = state("2028-02", "100", today="2040-01-01")  # unsettled: no expiry yet, so not gone
    assert unpaid.record_expires_on is None and not unpaid.record_gone(d("2040-01-01"))
