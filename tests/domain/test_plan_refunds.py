"""Refunds of 花呗分期 purchases: a full refund cancels the unbilled parts, a partial one lowers them pro rata.

The rule is pure (``installments.refund_schedule``); the ledger applies it to refunds whose order number points at
a plan's purchase (``<original>_<suffix>``), so bills, the unbilled principal and the calendar all follow it.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from huabei_tui.domain import calendar as cal
from huabei_tui.domain.account import Account
from huabei_tui.domain.dates import Month
from huabei_tui.domain.installments import (
    PERIOD_CHOICES,
    InstallmentPlan,
    refund_schedule,
    refund_target,
    schedule,
)
from huabei_tui.domain.ledger import Ledger, Purchase, imported_charges, plan_schedules, unbilled_installment_principal

MAY = Month(2025, 5)
ORDER = "2025041522001400001"


def phone(principal: int = 300_000, periods: int = 3, rate: str = "2.3", first: Month = MAY) -> InstallmentPlan:
    return InstallmentPlan(id=ORDER, principal=principal, periods=periods, fee_percent=Decimal(rate),
                           first_bill=first, description="手机", order_no=ORDER)


def test_refund_target_reads_alipays_refund_numbers() -> None:
    assert refund_target(f"{ORDER}_77") == ORDER
    assert refund_target(ORDER) is None
    assert refund_target("_77") is None and refund_target(f"{ORDER}_") is None and refund_target("") is None


def test_full_refund_before_anything_is_billed_cancels_every_part() -> None:
    periods, credits, (effect,) = refund_schedule(phone(), [(MAY, 300_000)])
    assert periods == [] and credits == {}
    assert (effect.cancelled, effect.lowered, effect.credited, effect.after) == (3, 0, 0, 0)
    assert effect.before == 300_000 + 6_900


def test_full_refund_after_one_part_was_billed_cancels_the_rest_and_credits_the_billed_principal() -> None:
    # Bill 2025-05 (1000 + 23 fee) was issued; the refund happens while 2025-06 accumulates.
    periods, credits, (effect,) = refund_schedule(phone(), [(Month(2025, 6), 300_000)])
    assert [(p.number, p.bill, p.principal, p.fee) for p in periods] == [(1, MAY, 100_000, 2_300)]
    assert credits == {Month(2025, 6): 100_000}  # the billed part's principal comes back on the refund's bill
    assert (effect.cancelled, effect.credited) == (2, 100_000)


def test_partial_refund_lowers_the_unbilled_parts_pro_rata_leftover_on_the_first() -> None:
    # ¥3,000 in 3 (fee ¥69): ¥1,000.01 refunded before any bill → ¥1,999.99 left over 3 parts.
    periods, credits, (effect,) = refund_schedule(phone(), [(MAY, 100_001)])
    assert credits == {}
    assert [p.principal for p in periods] == [66_667, 66_666, 66_666]  # 199_999 = 66_667 + 2 × 66_666
    # fee 6_900 × 199_999 / 300_000 = 4_599.977 → 4_600 (half up, once), split 1_534 + 1_533 + 1_533
    assert [p.fee for p in periods] == [1_534, 1_533, 1_533]
    assert [p.bill for p in periods] == [MAY, Month(2025, 6), Month(2025, 7)]
    assert (effect.lowered, effect.cancelled, effect.after) == (3, 0, 199_999 + 4_600)


def test_partial_refund_reaches_only_parts_not_billed_yet() -> None:
    periods, _credits, _ = refund_schedule(phone(120_000, 12, "7.5"), [(Month(2025, 11), 30_000)])
    billed, reached = periods[:6], periods[6:]
    assert [p.amount for p in billed] == [p.amount for p in schedule(phone(120_000, 12, "7.5"))[:6]]
    assert sum(p.principal for p in reached) == 60_000 - 30_000
    assert sum(p.fee for p in reached) == 2_250  # 4_500 × 30_000 / 60_000
    assert reached[0].bill == Month(2025, 11)


def test_refund_after_the_last_part_is_all_credit() -> None:
    periods, credits, (effect,) = refund_schedule(phone(), [(Month(2025, 9), 50_000)])
    assert len(periods) == 3 and credits == {Month(2025, 9): 50_000}
    assert (effect.cancelled, effect.lowered, effect.credited) == (0, 0, 50_000)


def test_two_partial_refunds_add_up_to_a_full_one() -> None:
    periods, credits, effects = refund_schedule(phone(), [(Month(2025, 6), 100_000), (MAY, 200_000)])
    assert [e.bill for e in effects] == [MAY, Month(2025, 6)]  # applied in cycle order
    # May: ¥2,000 of ¥3,000 → three parts of ¥333.34/¥333.33 (fee 2_300 → 768 + 766 + 766). June: ¥1,000 reaches
    # parts 2 and 3 (¥666.66): cancelled, and the ¥333.34 of part 1 (billed in May) comes back on June's bill.
    assert [(p.number, p.principal, p.fee) for p in periods] == [(1, 33_334, 768)]
    assert credits == {Month(2025, 6): 33_334}  # in all: ¥3,000 back, only part 1's fee paid


def test_refund_across_the_year_end() -> None:
    plan = phone(first=Month(2025, 12))
    periods, _, _ = refund_schedule(plan, [(Month(2026, 1), 300_000)])
    assert [p.bill for p in periods] == [Month(2025, 12)]


@settings(max_examples=200, deadline=None)
@given(
    principal=st.integers(min_value=100, max_value=5_000_000),
    periods=st.sampled_from(PERIOD_CHOICES),
    at=st.integers(min_value=0, max_value=26),
    share=st.integers(min_value=1, max_value=1000),
)
def test_refund_never_creates_money(principal: int, periods: int, at: int, share: int) -> None:
    plan = phone(principal, periods, "4.5")
    amount = max(1, principal * share // 1000)
    bill = MAY.shift(at)
    before = schedule(plan)
    after, credits, (effect,) = refund_schedule(plan, [(bill, amount)])
    billed_before = [p for p in before if p.bill < bill]
    assert after[: len(billed_before)] == billed_before  # parts already billed never change
    reached_principal = sum(p.principal for p in after if p.bill >= bill)
    unbilled = sum(p.principal for p in before if p.bill >= bill)
    assert reached_principal + amount - sum(credits.values()) == unbilled
    assert all(p.principal >= 0 and p.fee >= 0 for p in after)
    assert sum(p.fee for p in after if p.bill >= bill) <= sum(p.fee for p in before if p.bill >= bill)
    principals = [p.principal for p in after if p.bill >= bill]
    assert not principals or all(principals[0] >= x for x in principals)  # leftover fen on the first part
    assert effect.amount == amount


# -- through the ledger -------------------------------------------------------------------------------------------


def ledger_with(*refunds: tuple[str, datetime, int]) -> Ledger:
    purchase = Purchase(order_no=ORDER, time=datetime(2025, 4, 15, 20, 0), amount=300_000, description="手机",
                        installments=3)
    refund_rows = tuple(Purchase(order_no=order, time=when, amount=fen, refund=True) for order, when, fen in refunds)
    return Ledger(account=Account(), purchases=(purchase, *refund_rows), plans=(phone(),))


def test_ledger_full_refund_shown_closed_leaves_no_bill_at_all() -> None:
    ledger = ledger_with((f"{ORDER}_1", datetime(2025, 4, 18, 10, 0), 300_000))
    assert imported_charges(ledger, date(2025, 8, 20)) == {}
    assert plan_schedules(ledger, date(2025, 8, 20)) == {ORDER: []}
    assert unbilled_installment_principal(ledger, date(2025, 4, 20)) == 0


def test_ledger_refund_in_june_cancels_june_and_july_and_credits_june() -> None:
    ledger = ledger_with((f"{ORDER}_1", datetime(2025, 5, 20, 10, 0), 300_000))
    charges = imported_charges(ledger, date(2025, 8, 20))
    # May: 1000 + 23; June: the 1000 billed in May comes back (nothing left, no negative bill); July: nothing.
    assert charges == {MAY: 102_300}


def test_ledger_refund_not_made_yet_changes_nothing() -> None:
    ledger = ledger_with((f"{ORDER}_1", datetime(2025, 6, 20, 10, 0), 300_000))
    # 2025-06-19 is in the cycle of bill 2025-07: all three parts are counted, the refund of the 20th is not yet.
    assert imported_charges(ledger, date(2025, 6, 19)) == {MAY: 102_300, Month(2025, 6): 102_300,
                                                           Month(2025, 7): 102_300}
    assert len(plan_schedules(ledger, date(2025, 6, 19))[ORDER]) == 3


def test_ledger_partial_refund_lowers_the_calendar_parts_too() -> None:
    ledger = ledger_with((f"{ORDER}_1", datetime(2025, 4, 20, 10, 0), 150_000))
    today = date(2025, 7, 20)
    charges = imported_charges(ledger, today)
    assert sum(charges.values()) == 150_000 + 3_450
    dues = cal.installment_dues(ledger.plans, 1, 10, plan_schedules(ledger, today))
    assert [d.principal for d in dues] == [50_000] * 3 and [d.fee for d in dues] == [1_150] * 3


def test_a_refund_of_another_purchase_is_an_ordinary_refund() -> None:
    ledger = ledger_with(("2025041522001499999_1", datetime(2025, 4, 20, 10, 0), 5_000))
    charges = imported_charges(ledger, date(2025, 5, 20))
    assert charges[MAY] == 102_300 - 5_000
