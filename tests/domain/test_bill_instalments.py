"""Bill instalments (账单分期): when a bill can be split, the fee and the parts, where they land, cancel, and a bill
holding both carried-in money and instalment parts. Product brief, worked example "Bill instalments"."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime
from decimal import Decimal

import pytest

from huabei_tui.domain.account import DEFAULT_INSTALLMENT_RATES, Account
from huabei_tui.domain.bill_instalments import (
    BILL_INSTALMENT_PERIODS,
    BillInstalment,
    first_part_issued_on,
    in_force,
    instalment_window,
    offered_periods,
    parts_by_bill,
    unbilled_principal,
)
from huabei_tui.domain.billing import evaluate_bills
from huabei_tui.domain.bills import BillState, Payment
from huabei_tui.domain.checks import (
    check_bill_instalment,
    check_cancel_bill_instalment,
    check_new_bill,
    check_payment,
    check_remove_bill,
)
from huabei_tui.domain.errors import InputError
from huabei_tui.domain.installments import InstallmentPlan
from huabei_tui.domain.ledger import Ledger, Purchase
from huabei_tui.domain.summary import summarize

from .helpers import d, m, pay


def split(month: str, periods: int, principal: int, on: str, rate: str = "4.5") -> BillInstalment:
    return BillInstalment(id=f"split-{month}", month=m(month), periods=periods, principal=principal,
                          fee_percent=Decimal(rate), on=d(on))


def book(bills: dict[str, int], payments: tuple[Payment, ...] = (), splits: tuple[BillInstalment, ...] = (),
         **account: object) -> Ledger:
    return Ledger(account=Account(opened=date(2024, 1, 1), **account),  # type: ignore[arg-type]
                  manual_bills={m(k): v for k, v in bills.items()}, payments=payments, bill_instalments=splits)


def states(ledger: Ledger, today: str) -> dict[str, BillState]:
    return {str(s.month): s for s in evaluate_bills(ledger, d(today))}


def refused(call, field: str, key: str) -> InputError:
    with pytest.raises(InputError) as caught:
        call()
    assert (caught.value.field, caught.value.key) == (field, key)
    return caught.value


EXAMPLE = split("2025-09", 6, 60_000, "2025-09-05")


# -- the worked example ---------------------------------------------------------------------------------------------
def test_worked_example_fee_and_parts() -> None:
    """¥600.00 in 6 at 4.5%: fee ¥27.00; parts of ¥100.00 + ¥4.50 on bills 2025-10 … 2026-03."""
    assert EXAMPLE.total_fee == 2_700
    parts = EXAMPLE.parts()
    assert [(str(p.bill), p.principal, p.fee, p.amount) for p in parts] == [
        (f"{month}", 10_000, 450, 10_450) for month in ("2025-10", "2025-11", "2025-12", "2026-01", "2026-02",
                                                          "2026-03")]
    assert (EXAMPLE.first_bill, EXAMPLE.last_bill) == (m("2025-10"), m("2026-03"))


def test_worked_example_the_bill_counts_as_repaid() -> None:
    ledger = book({"2025-09": 60_000}, splits=(EXAMPLE,))
    now = states(ledger, "2025-09-05")
    bill = now["2025-09"]
    assert (bill.status, bill.outstanding, bill.overdue_days, bill.fee, bill.settled_on) == (
        "instalment", 0, 0, 0, d("2025-09-05"))
    assert bill.instalment == EXAMPLE and bill.record_expires_on is None
    # The first part is on the bill now accumulating (2025-10), the other five are not billed yet.
    assert now["2025-10"].instalment_due == 10_450 and now["2025-10"].minimum == 10_450
    s = summarize(ledger, d("2025-09-05"))
    assert s.unbilled_installments == 5 * 10_000
    assert s.used == 10_450 + 50_000  # "used" keeps counting the unbilled principal
    later = summarize(ledger, d("2025-11-20"))
    assert {c.month: c.code for c in later.grid}[m("2025-09")] == "N"
    assert later.bill(m("2025-09")).status == "instalment"
    assert all(b.month != m("2025-09") for b in later.overdue_episodes)


def test_before_the_split_the_bill_is_an_ordinary_bill() -> None:
    ledger = book({"2025-09": 60_000}, splits=(EXAMPLE,))
    assert states(ledger, "2025-09-04")["2025-09"].status == "unpaid"
    assert "2025-10" not in states(ledger, "2025-09-04")


def test_parts_land_as_their_bills_come() -> None:
    ledger = book({"2025-09": 60_000}, splits=(EXAMPLE,))
    months = [str(s.month) for s in evaluate_bills(ledger, d("2026-02-15"))]
    assert months == ["2025-09", "2025-10", "2025-11", "2025-12", "2026-01", "2026-02", "2026-03"]
    assert summarize(ledger, d("2026-02-15")).unbilled_installments == 0
    assert parts_by_bill([EXAMPLE], m("2025-11")) == {m("2025-10"): 10_450, m("2025-11"): 10_450}
    assert unbilled_principal([EXAMPLE], m("2025-11")) == 40_000


def test_fee_rounds_half_up_and_leftover_fen_go_on_the_first_part() -> None:
    """¥333.33 in 3 at 2.3%: fee 33,333 × 2.3% = 766.659 fen → ¥7.67; principal 11,111 each, fee 257 + 255 + 255."""
    odd = split("2025-09", 3, 33_333, "2025-09-05", rate="2.3")
    assert odd.total_fee == 767
    assert [(p.principal, p.fee) for p in odd.parts()] == [(11_111, 257), (11_111, 255), (11_111, 255)]
    assert sum(p.amount for p in odd.parts()) == 33_333 + 767
    half = split("2025-09", 3, 10_000, "2025-09-05", rate="2.305")  # 230.5 fen exactly
    assert half.total_fee == 231


def test_offered_periods_follow_the_fee_table() -> None:
    assert BILL_INSTALMENT_PERIODS == (3, 6, 9, 12)
    assert offered_periods(DEFAULT_INSTALLMENT_RATES) == (3, 6, 9, 12)  # 24 is for purchases only
    assert offered_periods({3: Decimal("2"), 12: Decimal("7"), 24: Decimal("15")}) == (3, 12)


def test_in_force_hides_later_splits() -> None:
    assert in_force([EXAMPLE], d("2025-09-04")) == {}
    assert in_force([EXAMPLE], d("2025-09-05")) == {m("2025-09"): EXAMPLE}


# -- when a bill can be split ---------------------------------------------------------------------------------------
TODAY = d("2025-09-20")


def test_window_is_statement_date_to_due_date() -> None:
    assert instalment_window(m("2025-09"), 1, 10) == (d("2025-09-01"), d("2025-09-10"))
    assert instalment_window(m("2025-01"), 25, 15) == (d("2025-01-25"), d("2025-02-15"))  # due day < statement day


@pytest.mark.parametrize("on", ["2025-09-01", "2025-09-05", "2025-09-10"])
def test_split_allowed_from_the_statement_date_to_the_due_date(on: str) -> None:
    made = check_bill_instalment(book({"2025-09": 60_000}), m("2025-09"), 6, d(on), TODAY)
    assert (made.month, made.periods, made.principal, made.fee_percent, made.on) == (
        m("2025-09"), 6, 60_000, Decimal("4.5"), d(on))
    assert made.id


@pytest.mark.parametrize("on", ["2025-08-31", "2025-09-11", "2025-09-20"])
def test_split_refused_outside_the_window_says_when_it_is_allowed(on: str) -> None:
    err = refused(lambda: check_bill_instalment(book({"2025-09": 60_000}), m("2025-09"), 6, d(on), TODAY), "on",
                  "instalment.window")
    assert err.params == {"month": "2025-09", "start": "2025-09-01", "end": "2025-09-10"}


def test_split_with_due_day_before_statement_day() -> None:
    ledger = book({"2025-01": 60_000}, statement_day=25, due_day=15)
    check_bill_instalment(ledger, m("2025-01"), 3, d("2025-02-15"), d("2025-02-15"))
    refused(lambda: check_bill_instalment(ledger, m("2025-01"), 3, d("2025-02-16"), d("2025-02-16")), "on",
            "instalment.window")
    parts = split("2025-01", 3, 60_000, "2025-02-15").parts()
    assert [str(p.bill) for p in parts] == ["2025-02", "2025-03", "2025-04"]


def test_split_takes_what_is_outstanding_that_day() -> None:
    ledger = book({"2025-09": 60_000}, payments=(pay("2025-09", "100", "2025-09-03"),))
    assert check_bill_instalment(ledger, m("2025-09"), 3, d("2025-09-05"), TODAY).principal == 50_000


def test_split_refusals() -> None:
    ledger = book({"2025-09": 60_000})
    refused(lambda: check_bill_instalment(ledger, m("2025-09"), 6, d("2025-09-21"), TODAY), "on",
            "instalment.in_future")
    refused(lambda: check_bill_instalment(ledger, m("2025-07"), 6, d("2025-07-05"), TODAY), "month",
            "instalment.unknown_bill")
    err = refused(lambda: check_bill_instalment(ledger, m("2025-09"), 24, d("2025-09-05"), TODAY), "periods",
                  "instalment.periods")
    assert err.params["choices"] == "3/6/9/12"
    no_nine = replace(ledger, account=Account(installment_rates={3: Decimal("2.3"), 6: Decimal("4.5"),
                                                                 12: Decimal("7.5")}))
    err = refused(lambda: check_bill_instalment(no_nine, m("2025-09"), 9, d("2025-09-05"), TODAY), "periods",
                  "instalment.periods")
    assert err.params["choices"] == "3/6/12"
    already = replace(ledger, bill_instalments=(EXAMPLE,))
    err = refused(lambda: check_bill_instalment(already, m("2025-09"), 3, d("2025-09-06"), TODAY), "month",
                  "instalment.already")
    assert err.params == {"month": "2025-09", "on": "2025-09-05", "periods": 6}
    paid = replace(ledger, payments=(pay("2025-09", "600", "2025-09-02"),))
    refused(lambda: check_bill_instalment(paid, m("2025-09"), 3, d("2025-09-05"), TODAY), "month",
            "instalment.nothing")
    paid_later = replace(ledger, payments=(pay("2025-09", "100", "2025-09-08"),))
    refused(lambda: check_bill_instalment(paid_later, m("2025-09"), 3, d("2025-09-05"), TODAY), "on",
            "instalment.paid_after")


def test_a_bill_not_issued_yet_says_from_when_it_can_be_split() -> None:
    ledger = book({"2025-09": 60_000})
    err = refused(lambda: check_bill_instalment(ledger, m("2025-10"), 3, TODAY, TODAY), "month",
                  "instalment.not_issued")
    assert err.params == {"month": "2025-10", "start": "2025-10-01", "end": "2025-10-10"}


def test_an_overdue_bill_cannot_be_split() -> None:
    """Overdue means past the due date: the window has closed (and says when it was open)."""
    ledger = book({"2025-08": 60_000})
    assert states(ledger, TODAY.isoformat())["2025-08"].status == "overdue"
    refused(lambda: check_bill_instalment(ledger, m("2025-08"), 3, TODAY, TODAY), "on", "instalment.window")


# -- cancel -----------------------------------------------------------------------------------------------------------
def test_cancel_until_the_first_part_is_issued() -> None:
    ledger = book({"2025-09": 60_000}, splits=(EXAMPLE,))
    assert first_part_issued_on(EXAMPLE, 1) == d("2025-10-01")
    assert check_cancel_bill_instalment(ledger, m("2025-09"), d("2025-09-30")) == EXAMPLE
    err = refused(lambda: check_cancel_bill_instalment(ledger, m("2025-09"), d("2025-10-01")), "month",
                  "instalment.first_issued")
    assert err.params == {"month": "2025-09", "first": "2025-10", "on": "2025-10-01"}
    refused(lambda: check_cancel_bill_instalment(ledger, m("2025-08"), d("2025-09-30")), "month", "instalment.none")
    # Undone, the bill is an ordinary bill again: on 09-30 it has been overdue since 09-11.
    undone = replace(ledger, bill_instalments=())
    assert states(undone, "2025-09-30")["2025-09"].status == "overdue"


# -- a split bill takes no more changes -------------------------------------------------------------------------------
def test_a_split_bill_takes_no_payment_and_no_new_amount() -> None:
    ledger = book({"2025-09": 60_000}, splits=(EXAMPLE,))
    err = refused(lambda: check_payment(ledger, m("2025-09"), 100, d("2025-09-06"), TODAY), "month", "pay.split")
    assert err.params == {"month": "2025-09", "on": "2025-09-05"}
    refused(lambda: check_new_bill(ledger, m("2025-09"), 70_000, TODAY, replace=True), "month", "bill.split")
    refused(lambda: check_remove_bill(ledger, m("2025-09")), "month", "bill.split")
    # The parts are paid with the bills they land on.
    check_payment(ledger, m("2025-10"), 10_450, TODAY, TODAY)


# -- parts of a bill ---------------------------------------------------------------------------------------------------
def test_a_bill_with_both_carried_in_money_and_instalment_parts() -> None:
    """2025-08 (¥300.00) split into 3 on 08-05 at 2.3%: fee ¥6.90, parts ¥102.30 on 2025-09, ¥102.30 on 2025-10,
    ¥102.30 on 2025-11. 2025-09 = ¥1,000.00 spending + ¥102.30 part; its minimum 10% × 1,000 + 102.30 = ¥202.30,
    paid on 09-10: ¥900.00 left, 20 days × 900 × 0.05% = ¥9.00 interest. On 10-01 bill 2025-10 = ¥500.00 spending
    + ¥900.00 carried + ¥9.00 interest + ¥102.30 part = ¥1,511.30; minimum 10% × 1,400 + 9 + 102.30 = ¥251.30."""
    three = split("2025-08", 3, 30_000, "2025-08-05", rate="2.3")
    assert [p.amount for p in three.parts()] == [10_230, 10_230, 10_230]
    ledger = book({"2025-08": 30_000, "2025-09": 100_000, "2025-10": 50_000},
                  payments=(pay("2025-09", "202.30", "2025-09-10"),), splits=(three,))
    sept = states(ledger, "2025-09-05")["2025-09"]
    assert (sept.spending, sept.instalment_due, sept.amount, sept.minimum) == (100_000, 10_230, 110_230, 20_230)
    now = states(ledger, "2025-10-01")
    assert now["2025-09"].status == "carried" and now["2025-09"].interest == 900
    octo = now["2025-10"]
    assert (octo.spending, octo.carried_in, octo.interest_in, octo.instalment_due) == (50_000, 90_000, 900, 10_230)
    assert (octo.amount, octo.minimum) == (151_130, 25_130)
    assert now["2025-11"].instalment_due == 10_230 and now["2025-11"].spending == 0


def test_a_bill_with_carried_in_money_can_itself_be_split() -> None:
    ledger = book({"2025-09": 200_000}, payments=(pay("2025-09", "200", "2025-09-10"),))
    made = check_bill_instalment(ledger, m("2025-10"), 3, d("2025-10-05"), d("2025-10-05"))
    assert made.principal == 181_800
    after = replace(ledger, bill_instalments=(made,))
    assert states(after, "2025-10-20")["2025-10"].status == "instalment"


def test_imported_purchase_plans_count_in_full_in_the_minimum() -> None:
    """An imported bill's purchase-plan periods are instalment parts, not spending (and its amount is unchanged)."""
    plan = InstallmentPlan(id="p", principal=360_000, periods=6, fee_percent=Decimal("4.5"), first_bill=m("2025-08"))
    ledger = Ledger(purchases=(Purchase("phone", datetime(2025, 7, 3, 12), 360_000, installments=6),
                               Purchase("tea", datetime(2025, 7, 4, 12), 2_000)), plans=(plan,))
    aug = states(ledger, "2025-08-05")["2025-08"]
    assert (aug.amount, aug.spending, aug.instalment_due, aug.source) == (64_700, 2_000, 62_700, "import")
    assert aug.minimum == 200 + 62_700


@pytest.mark.parametrize(("today", "issued"), [
    ("2024-12-31", ["2024-12"]),  # the year's last day: the parts' first bill (2025-01) is issued tomorrow
    ("2025-01-01", ["2024-12", "2025-01"]),  # its statement day: issued
    ("2025-01-31", ["2024-12", "2025-01"]),  # a month end: 2025-02 still to come
    ("2025-02-01", ["2024-12", "2025-01", "2025-02"]),
])
def test_issued_bills_leave_out_later_bills_that_only_hold_instalment_parts(today: str, issued: list[str]) -> None:
    # Bill 2024-12 split in 3 on 2024-12-05: its parts land on 2025-01, 2025-02 and 2025-03, so the next bill
    # exists before it is issued. The bills' history (the status screen's chart) shows issued bills only.
    ledger = book({"2024-12": 120000}, splits=(split("2024-12", 3, 120000, "2024-12-05"),))
    summary = summarize(ledger, d(today))
    assert not summary.bills[-1].issued, "the bill after the last issued one exists, holding a part"
    assert [str(b.month) for b in summary.issued_bills] == issued


def test_issued_bills_on_a_leap_day_statement_cycle() -> None:
    # Statement day 28 in a leap February: bill 2024-02 is issued on 02-28, and 02-29 does not make 2024-03 issued.
    ledger = book({"2024-01": 60000}, splits=(split("2024-01", 3, 60000, "2024-01-30"),), statement_day=28,
                  due_day=8)
    assert [str(b.month) for b in summarize(ledger, d("2024-02-27")).issued_bills] == ["2024-01"]
    assert [str(b.month) for b in summarize(ledger, d("2024-02-29")).issued_bills] == ["2024-01", "2024-02"]
