"""The planner: every option for a bill on a day, its cost and what it does to the record, and the best one.

Figures for the worked example (bill 2025-09 of ¥2,000.00, statement day 1, due day 10, on 09-05):
full ¥2,000.00 at no cost; minimum ¥200.00 now, 20 days × 1,800 × 0.05% = ¥18.00 interest, ¥1,818.00 into
2025-10; instalments 3/6/9/12 at 2.3/4.5/6.5/7.5% = ¥46.00/¥90.00/¥130.00/¥150.00; late by 1/7/30 days at
2,000 × 0.05% a day = ¥1.00/¥7.00/¥30.00, grid 1, record until 2030-09-11/-17/2030-10-10.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal

import pytest

from huabei_tui.domain.account import Account
from huabei_tui.domain.bill_instalments import BillInstalment
from huabei_tui.domain.bills import Payment
from huabei_tui.domain.ledger import Ledger
from huabei_tui.domain.planner import LATE_DAYS, REASONS, Plan, plan_for
from huabei_tui.domain.summary import summarize

from .helpers import d, m, pay


def book(bills: dict[str, int], payments: tuple[Payment, ...] = (), *, balance: int | None = None,
         **account: object) -> Ledger:
    return Ledger(account=Account(opened=date(2024, 1, 1), balance=balance, **account),  # type: ignore[arg-type]
                  manual_bills={m(k): v for k, v in bills.items()}, payments=payments)


def plan(ledger: Ledger, today: str, month: str | None = None) -> Plan:
    found = plan_for(summarize(ledger, d(today)), m(month) if month else None)
    assert found is not None
    return found


def table(p: Plan) -> list[tuple]:
    return [(o.kind, o.periods or o.days, o.pay_now, o.cost, o.clean) for o in p.options]


def reasons(p: Plan) -> list[tuple]:
    return [(u.kind, u.periods, u.reason) for u in p.unavailable]


EXAMPLE = book({"2025-09": 200_000})


def test_worked_example_every_option() -> None:
    p = plan(EXAMPLE, "2025-09-05")
    assert (p.month, p.due_date, p.today, p.balance, p.balance_known) == (
        m("2025-09"), d("2025-09-10"), d("2025-09-05"), None, False)
    assert table(p) == [
        ("full", None, 200_000, 0, True),
        ("minimum", None, 20_000, 1_800, True),
        ("instalment", 3, 0, 4_600, True),
        ("instalment", 6, 0, 9_000, True),
        ("instalment", 9, 0, 13_000, True),
        ("instalment", 12, 0, 15_000, True),
        ("late", 1, 200_000, 100, False),
        ("late", 7, 200_000, 700, False),
        ("late", 30, 200_000, 3_000, False),
    ]
    assert p.unavailable == ()
    minimum = p.option("minimum")
    assert (minimum.carried_to_next, minimum.next_bill, minimum.pay_by) == (181_800, m("2025-10"), d("2025-09-10"))
    six = p.option("instalment", 6)
    assert (six.per_part, six.parts[-1], len(six.parts), six.next_bill) == (34_835, 34_833, 6, m("2025-10"))
    assert six.part_bills == tuple(m(f"{y}-{mo:02d}") for y, mo in
                                   ((2025, 10), (2025, 11), (2025, 12), (2026, 1), (2026, 2), (2026, 3)))
    assert six.cancel_until == d("2025-09-30")  # its first part is issued with bill 2025-10 on 10-01
    late = [o for o in p.options if o.kind == "late"]
    assert [o.grid_code for o in late] == ["1", "1", "1"]
    assert [o.record_expires_on for o in late] == [d("2030-09-11"), d("2030-09-17"), d("2030-10-10")]
    assert [o.pay_by for o in late] == [d("2025-09-11"), d("2025-09-17"), d("2025-10-10")]
    assert p.best == p.option("full")  # balance unknown: the cheapest clean option


def test_the_instalment_example_per_part() -> None:
    p = plan(book({"2025-09": 60_000}), "2025-09-05")
    six = p.option("instalment", 6)
    assert (six.cost, six.per_part, six.parts) == (2_700, 10_450, (10_450,) * 6)


@pytest.mark.parametrize(("balance", "best", "periods"), [
    (200_000, "full", None),  # covers the whole bill: no cost
    (500_000, "full", None),
    (20_000, "minimum", None),  # covers the minimum: ¥18.00 beats the cheapest instalment's ¥46.00
    (19_999, "instalment", 3),  # nothing to pay now, the cheapest fee
    (0, "instalment", 3),
])
def test_best_is_the_cheapest_clean_option_the_balance_covers(balance: int, best: str, periods: int | None) -> None:
    p = plan(replace(EXAMPLE, account=replace(EXAMPLE.account, balance=balance)), "2025-09-05")
    assert p.best is not None and p.best.key == (best, periods)
    assert p.balance_known and p.shortfall is None


def test_minimum_can_be_cheaper_or_dearer_than_an_instalment() -> None:
    """With interest at 0.5% a day the minimum costs 20 × 1,800 × 0.5% = ¥180.00: the 3-part fee (¥46.00) wins."""
    dear = book({"2025-09": 200_000}, balance=20_000, interest_rate=Decimal("0.5"))
    p = plan(dear, "2025-09-05")
    assert p.option("minimum").cost == 18_000
    assert p.best.key == ("instalment", 3)


def test_after_a_partial_payment_the_options_count_what_was_paid() -> None:
    p = plan(book({"2025-09": 200_000}, (pay("2025-09", "50", "2025-09-03"),)), "2025-09-05")
    assert p.option("full").pay_now == 195_000
    assert p.option("minimum").pay_now == 15_000 and p.option("minimum").cost == 1_800
    assert p.option("instalment", 3).cost == 4_485  # 1,950 × 2.3% = 44.85
    assert [o.cost for o in p.options if o.kind == "late"] == [98, 683, 2_925]  # 1,950 × 0.05% × 1/7/30


def test_once_the_minimum_is_paid_the_bill_cannot_go_overdue() -> None:
    p = plan(book({"2025-09": 200_000}, (pay("2025-09", "300", "2025-09-03"),)), "2025-09-05")
    assert p.option("minimum").pay_now == 0
    assert p.option("minimum").cost == 1_700 * 100 * 20 * 5 // 10_000  # 1,700 × 0.05% × 20 days = ¥17.00
    assert ("late", None, "minimum_covered") in reasons(p)
    assert not any(o.kind == "late" for o in p.options)


def test_a_bill_that_is_all_instalment_parts_has_no_separate_minimum() -> None:
    split = BillInstalment("s", m("2025-08"), 3, 30_000, Decimal("2.3"), d("2025-08-05"))
    ledger = replace(book({"2025-08": 30_000}), bill_instalments=(split,))
    p = plan(ledger, "2025-09-05", "2025-09")
    assert p.bill.minimum == p.bill.amount == 10_230
    assert ("minimum", None, "minimum_is_full") in reasons(p)


def test_an_overdue_bill_has_only_late_options_from_today() -> None:
    """Unpaid since 09-11, on 09-15 the bill is 5 days late: pay today (5), in 7 or 30 days; full, minimum and
    instalments are gone with the due date."""
    p = plan(EXAMPLE, "2025-09-15")
    assert [(o.kind, o.days, o.cost, o.grid_code) for o in p.options] == [
        ("late", 5, 500, "1"), ("late", 7, 700, "1"), ("late", 30, 3_000, "1")]
    assert reasons(p) == [("full", None, "past_due"), ("minimum", None, "past_due")] + [
        ("instalment", n, "past_due") for n in (3, 6, 9, 12)]
    assert p.unavailable[0].params == {"due": "2025-09-10"}
    assert p.best is None and p.cheapest_clean is None and p.shortfall is None


def test_a_long_overdue_bill_shows_its_grid_code() -> None:
    p = plan(EXAMPLE, "2025-10-25")  # 45 days late
    assert [(o.days, o.grid_code) for o in p.options] == [(45, "2")]
    assert p.options[0].cost == 200_000 * 45 * 5 // 10_000
    assert p.options[0].record_expires_on == d("2030-10-25")


def test_a_split_bill_has_nothing_left_to_choose() -> None:
    split = BillInstalment("s", m("2025-09"), 6, 200_000, Decimal("4.5"), d("2025-09-05"))
    p = plan(replace(EXAMPLE, bill_instalments=(split,)), "2025-09-06", "2025-09")
    assert p.options == () and p.best is None
    assert {u.reason for u in p.unavailable} == {"already_split"}
    assert [u.kind for u in p.unavailable] == ["full", "minimum", "instalment", "late"]
    assert p.unavailable[0].params == {"on": "2025-09-05", "periods": "6"}


def test_minimum_paid_and_carried_bills_have_nothing_left_to_choose() -> None:
    ledger = book({"2025-09": 200_000}, (pay("2025-09", "200", "2025-09-10"),))
    during = plan(ledger, "2025-09-20", "2025-09")
    assert {u.reason for u in during.unavailable} == {"minimum_paid"}
    assert during.unavailable[0].params == {"on": "2025-10-01"}
    after = plan(ledger, "2025-10-02", "2025-09")
    assert {u.reason for u in after.unavailable} == {"carried"}
    assert after.unavailable[0].params == {"month": "2025-10"}
    paid = plan(book({"2025-09": 200_000}, (pay("2025-09", "2000", "2025-09-03"),)), "2025-09-05", "2025-09")
    assert {u.reason for u in paid.unavailable} == {"nothing_outstanding"}


def test_a_bill_not_yet_issued_cannot_be_split_yet() -> None:
    """On 09-20 bill 2025-10 (statement 10-01) can be planned, but split only from 10-01."""
    ledger = book({"2025-09": 200_000, "2025-10": 50_000}, (pay("2025-09", "2000", "2025-09-10"),), balance=1_000)
    p = plan(ledger, "2025-09-20")
    assert p.month == m("2025-10")
    assert reasons(p) == [("instalment", n, "not_issued") for n in (3, 6, 9, 12)]
    assert p.unavailable[0].params == {"start": "2025-10-01"}
    # ¥10.00 covers no clean option: best is none, and the cheapest clean one (the ¥50.00 minimum) lacks ¥40.00.
    assert p.best is None
    assert p.cheapest_clean.kind == "full"
    assert p.shortfall == 50_000 - 1_000


def test_missing_rates_are_reported_per_period_count() -> None:
    ledger = book({"2025-09": 200_000}, installment_rates={3: Decimal("2.3"), 6: Decimal("4.5")})
    p = plan(ledger, "2025-09-05")
    assert [o.periods for o in p.options if o.kind == "instalment"] == [3, 6]
    assert reasons(p) == [("instalment", 9, "no_rate"), ("instalment", 12, "no_rate")]


def test_on_the_statement_date_and_the_due_date_instalments_are_offered() -> None:
    for today in ("2025-09-01", "2025-09-10"):
        assert plan(EXAMPLE, today).option("instalment", 12) is not None
    assert plan(EXAMPLE, "2025-09-11").option("instalment", 12) is None


def test_due_day_before_statement_day() -> None:
    """Statement 25, due 15: bill 2025-01 due 02-15, moves on 02-25 → 9 days of interest on the remainder."""
    ledger = book({"2025-01": 100_000}, statement_day=25, due_day=15)
    p = plan(ledger, "2025-02-01")
    assert p.due_date == d("2025-02-15")
    assert p.option("minimum").cost == 90_000 * 9 * 5 // 10_000
    assert p.option("late", days=1).cost == 50 and p.option("late", days=1).pay_by == d("2025-02-16")
    assert p.option("instalment", 3) is not None


def test_default_bill_is_the_most_urgent_bill() -> None:
    s = summarize(book({"2025-08": 10_000, "2025-09": 200_000}), d("2025-09-05"))
    assert s.most_urgent_bill is not None and s.most_urgent_bill.month == m("2025-08")  # overdue first
    assert plan_for(s).month == m("2025-08")
    assert plan_for(s, m("2025-09")).month == m("2025-09")
    assert plan_for(s, m("2025-03")) is None
    assert plan_for(summarize(Ledger(), d("2025-09-05"))) is None


def test_reason_codes_are_the_documented_ones() -> None:
    assert LATE_DAYS == (1, 7, 30)
    seen = set()
    for today in ("2025-09-05", "2025-09-15", "2025-10-02"):
        seen |= {u.reason for u in plan(EXAMPLE, today).unavailable}
    assert seen <= set(REASONS)
