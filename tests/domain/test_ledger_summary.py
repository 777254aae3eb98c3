"""The ledger's bills (typed vs imported) and the one-day summary every screen shows."""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal

import pytest

from huabei_tui.domain.account import Account, parse_on_off
from huabei_tui.domain.errors import InputError
from huabei_tui.domain.installments import InstallmentPlan
from huabei_tui.domain.ledger import (
    Checklist,
    ContactEntry,
    Ledger,
    Purchase,
    current_cycle_bill,
    imported_charges,
    resolve_bills,
    unbilled_installment_principal,
)
from huabei_tui.domain.summary import BALANCE_STALE_DAYS, effective_opened, summarize

from .helpers import d, m, pay


def buy(order: str, when: datetime, fen: int, *, refund: bool = False, installments: int | None = None) -> Purchase:
    return Purchase(order_no=order, time=when, amount=fen, refund=refund, installments=installments)


# -- bills from imports and typed amounts ---------------------------------------------------------------------

def test_imported_purchases_land_by_statement_cycle() -> None:
    ledger = Ledger(purchases=(
        buy("a", datetime(2025, 6, 30, 23, 59), 10_000),  # naive = Shanghai: bill 2025-07
        buy("b", datetime(2025, 6, 30, 16, 30, tzinfo=UTC), 20_000),  # 07-01 00:30 Shanghai: 2025-08
        buy("c", datetime(2025, 7, 1, 0, 0), 5_000),  # the statement day itself: 2025-08
        buy("d", datetime(2025, 7, 31, 23, 59), 1),
    ))
    charges = imported_charges(ledger, d("2025-08-15"))
    assert charges == {m("2025-07"): 10_000, m("2025-08"): 25_001}
    bills = resolve_bills(ledger, d("2025-08-15"))
    assert [(str(b.month), b.amount, b.source) for b in bills] == [("2025-07", 10_000, "import"),
                                                                  ("2025-08", 25_001, "import")]


def test_purchases_land_by_a_late_statement_day() -> None:
    ledger = Ledger(account=Account(statement_day=25, due_day=15), purchases=(
        buy("a", datetime(2024, 12, 25, 0, 0), 100),
        buy("b", datetime(2025, 1, 24, 23, 59), 200),
        buy("c", datetime(2025, 1, 25, 0, 0), 400),
        buy("d", datetime(2024, 12, 24, 23, 59), 800),
    ))
    assert imported_charges(ledger, d("2025-02-20")) == {m("2024-12"): 800, m("2025-01"): 300, m("2025-02"): 400}


def test_refunds_subtract() -> None:
    ledger = Ledger(purchases=(
        buy("a", datetime(2025, 7, 5, 12), 30_000),
        buy("a-r", datetime(2025, 7, 9, 12), 10_000, refund=True),
        buy("b", datetime(2025, 6, 5, 12), 5_000),
        buy("b-r", datetime(2025, 6, 6, 12), 5_000, refund=True),  # fully refunded: no bill at all
    ))
    assert imported_charges(ledger, d("2025-08-15")) == {m("2025-08"): 20_000}


def test_refund_larger_than_the_cycle_leaves_no_negative_bill() -> None:
    ledger = Ledger(purchases=(
        buy("a", datetime(2025, 6, 5, 12), 5_000),
        buy("a-r", datetime(2025, 7, 5, 12), 5_000, refund=True),  # refunded in the next cycle
    ))
    assert imported_charges(ledger, d("2025-08-15")) == {m("2025-07"): 5_000}


def test_purchases_after_today_are_ignored() -> None:
    ledger = Ledger(purchases=(buy("a", datetime(2025, 7, 5, 12), 100), buy("b", datetime(2025, 7, 20, 12), 200)))
    assert imported_charges(ledger, d("2025-07-10")) == {m("2025-08"): 100}


def test_typed_amount_wins_over_imported() -> None:
    ledger = Ledger(
        manual_bills={m("2025-08"): 99_900},
        purchases=(buy("a", datetime(2025, 7, 5, 12), 30_000), buy("b", datetime(2025, 6, 5, 12), 7_000)),
    )
    bills = resolve_bills(ledger, d("2025-08-15"))
    assert [(str(b.month), b.amount, b.source) for b in bills] == [("2025-07", 7_000, "import"),
                                                                  ("2025-08", 99_900, "manual")]


def _phone_plan() -> InstallmentPlan:
    return InstallmentPlan(id="p", principal=360_000, periods=6, fee_percent=Decimal("4.5"), first_bill=m("2025-08"),
                           order_no="phone")


def test_instalments_reach_bills_through_their_plan() -> None:
    ledger = Ledger(
        purchases=(buy("phone", datetime(2025, 7, 3, 12), 360_000, installments=6),
                   buy("tea", datetime(2025, 7, 4, 12), 2_000)),
        plans=(_phone_plan(),),
    )
    today = d("2025-08-15")  # the bill now accumulating is 2025-09
    assert current_cycle_bill(ledger.account, today) == m("2025-09")
    charges = imported_charges(ledger, today)
    assert charges == {m("2025-08"): 62_700 + 2_000, m("2025-09"): 62_700}
    assert unbilled_installment_principal(ledger, today) == 4 * 60_000


def test_summary_used_available_and_unbilled() -> None:
    ledger = Ledger(
        account=Account(limit=500_000),
        manual_bills={m("2025-07"): 100_000},
        payments=(pay("2025-07", "400", "2025-07-05"),),
        purchases=(buy("phone", datetime(2025, 7, 3, 12), 360_000, installments=6),
                   buy("tea", datetime(2025, 7, 20, 12), 2_000),  # on 2025-08
                   buy("cake", datetime(2025, 8, 3, 12), 1_500)),  # not yet billed: on 2025-09
        plans=(_phone_plan(),),
    )
    s = summarize(ledger, d("2025-08-05"))
    # ¥400 of ¥1,000 by 07-10 is more than the minimum: the ¥600 left accrued 21 days of interest (07-11 … 07-31,
    # ¥6.30) and moved into 2025-08 on 08-01. Outstanding: 0 (2025-07, carried) + 600 + 6.30 + 627 + 20 (2025-08)
    # + 627 + 15 (2025-09, accumulating) + 4 × 600 unbilled principal.
    assert s.bill(m("2025-07")).status == "carried"
    assert s.unbilled_installments == 240_000
    assert s.used == 60_000 + 630 + 64_700 + 64_200 + 240_000
    assert s.available == 500_000 - s.used
    assert not s.over_limit
    assert "warn.over_limit" not in s.warnings()


def test_over_the_limit() -> None:
    ledger = Ledger(account=Account(limit=50_000, balance=200_000, balance_checked_on=d("2025-08-01"),
                                    auto_repay=True),
                    manual_bills={m("2025-08"): 80_000})
    s = summarize(ledger, d("2025-08-05"))
    assert s.used == 80_000
    assert s.available == -30_000
    assert s.over_limit
    assert s.warnings() == ["warn.over_limit"]


def test_unknown_limit_means_unknown_available() -> None:
    s = summarize(Ledger(manual_bills={m("2025-08"): 80_000}), d("2025-08-05"))
    assert s.available is None
    assert not s.over_limit


# -- next bill, shortfall, balance, warnings ------------------------------------------------------------------

def _three_bills(**account: object) -> Ledger:
    return Ledger(
        account=Account(**account),  # type: ignore[arg-type]
        manual_bills={m("2025-06"): 10_000, m("2025-07"): 20_000, m("2025-08"): 30_000},
        payments=(pay("2025-06", "100", "2025-06-08"),),
    )


def test_next_bill_is_the_earliest_unpaid_not_yet_past_due() -> None:
    s = summarize(_three_bills(), d("2025-07-05"))
    assert s.next_bill is not None and s.next_bill.month == m("2025-07")
    # on the due date itself it is still the next bill
    assert summarize(_three_bills(), d("2025-07-10")).next_bill.month == m("2025-07")  # type: ignore[union-attr]
    # the day after, 2025-07 is overdue and the next one to pay on time is 2025-08
    later = summarize(_three_bills(), d("2025-07-11"))
    assert later.next_bill is not None and later.next_bill.month == m("2025-08")
    assert [b.month for b in later.overdue_unpaid] == [m("2025-07")]


def test_next_bill_skips_paid_bills() -> None:
    ledger = _three_bills()
    ledger = Ledger(account=ledger.account, manual_bills=ledger.manual_bills,
                    payments=(*ledger.payments, pay("2025-07", "200", "2025-07-02")))
    s = summarize(ledger, d("2025-07-05"))
    assert s.next_bill is not None and s.next_bill.month == m("2025-08")


def test_no_next_bill() -> None:
    s = summarize(Ledger(), d("2025-07-05"))
    assert s.next_bill is None
    assert s.shortfall is None
    assert s.bills == []
    assert s.clean_streak is None
    assert s.warnings() == []


@pytest.mark.parametrize(("balance", "shortfall"), [(5_000, 15_000), (20_000, 0), (25_000, 0), (0, 20_000)])
def test_shortfall(balance: int, shortfall: int) -> None:
    s = summarize(_three_bills(balance=balance, balance_checked_on=d("2025-07-04")), d("2025-07-05"))
    assert s.shortfall == shortfall
    assert ("warn.shortfall" in s.warnings()) == (shortfall > 0)


def test_shortfall_unknown_without_balance() -> None:
    s = summarize(_three_bills(), d("2025-07-05"))
    assert s.shortfall is None
    assert "warn.balance_unknown" in s.warnings()


@pytest.mark.parametrize(("checked", "age", "stale"), [("2025-07-05", 0, False), ("2025-06-28", 7, False),
                                                      ("2025-06-27", 8, True)])
def test_balance_stale_after_seven_days(checked: str, age: int, stale: bool) -> None:
    s = summarize(_three_bills(balance=100_000, balance_checked_on=d(checked)), d("2025-07-05"))
    assert BALANCE_STALE_DAYS == 7
    assert s.balance_age_days == age
    assert s.balance_stale is stale
    assert ("warn.balance_stale" in s.warnings()) is stale


def test_warnings_most_urgent_first() -> None:
    ledger = Ledger(
        account=Account(limit=10_000, balance=1_000, balance_checked_on=d("2025-06-01"), auto_repay=False),
        manual_bills={m("2025-06"): 10_000, m("2025-07"): 20_000},
    )
    s = summarize(ledger, d("2025-07-05"))
    assert s.warnings() == ["warn.overdue", "warn.shortfall", "warn.balance_stale", "warn.auto_repay_off",
                            "warn.over_limit"]


def test_the_most_urgent_bill_is_the_oldest_unpaid_overdue_then_the_next() -> None:
    """A late bill is what to pay now (it costs a fee a day), not the next bill; the shortfall is against it."""
    ledger = Ledger(
        account=Account(balance=15_000, balance_checked_on=d("2025-08-20")),
        manual_bills={m("2025-05"): 5_000, m("2025-06"): 10_000, m("2025-07"): 20_000, m("2025-08"): 30_000,
                      m("2025-09"): 4_000},
        payments=(pay("2025-05", "50", "2025-05-20"), pay("2025-08", "300", "2025-08-09")),
    )
    s = summarize(ledger, d("2025-08-25"))
    assert s.next_bill is not None and str(s.next_bill.month) == "2025-09"
    assert s.most_urgent_bill is not None and str(s.most_urgent_bill.month) == "2025-06"  # settled-late 2025-05 is not it
    assert s.most_urgent_bill.days_to_due < 0
    assert s.shortfall == 0  # 15,000 covers the 10,000 of 2025-06 (not yet the 20,000 of 2025-07 too)
    assert s.warnings()[0] == "warn.overdue"

    fine = summarize(Ledger(manual_bills={m("2025-09"): 4_000}), d("2025-08-25"))
    assert fine.most_urgent_bill is fine.next_bill and fine.most_urgent_bill is not None
    assert summarize(Ledger(), d("2025-08-25")).most_urgent_bill is None


@pytest.mark.parametrize(("answer", "key"), [(None, "reporting.unknown"), ("unsure", "reporting.unsure"),
                                             ("found", "reporting.reported"), ("not_found", "reporting.not_reported")])
def test_an_unsure_answer_reads_differently_from_no_answer(answer: str | None, key: str) -> None:
    summary = summarize(Ledger(auth_check=Checklist(answer=answer)), d("2025-08-25"))
    assert summary.reporting_text_key == key
    assert summary.credit_reporting == ("unknown" if answer in (None, "unsure") else key.split(".")[1])


def test_auto_repay_unknown_or_on_gives_no_warning() -> None:
    for auto in (None, True):
        s = summarize(_three_bills(auto_repay=auto, balance=100_000, balance_checked_on=d("2025-07-05")),
                      d("2025-07-05"))
        assert s.warnings() == []


@pytest.mark.parametrize(("answer", "reporting"), [("found", "reported"), ("not_found", "not_reported"),
                                                   ("unsure", "unknown"), (None, "unknown")])
def test_credit_reporting_follows_the_checklist(answer: str | None, reporting: str) -> None:
    ledger = Ledger(auth_check=Checklist(answer=answer, answered_on=d("2025-07-01") if answer else None))
    assert summarize(ledger, d("2025-07-05")).credit_reporting == reporting


def test_summary_of_the_worked_examples() -> None:
    ledger = Ledger(
        account=Account(opened=d("2024-01-01")),
        manual_bills={m("2025-07"): 150_000, m("2025-08"): 80_000},
        payments=(pay("2025-07", "1000", "2025-07-13"), pay("2025-07", "500", "2025-07-15")),
    )
    s = summarize(ledger, d("2025-09-01"))
    assert [b.month for b in s.overdue_episodes] == [m("2025-07"), m("2025-08")]
    assert [b.month for b in s.overdue_unpaid] == [m("2025-08")]
    assert s.fees_total == 275 + 880
    assert s.next_bill is None
    assert s.bill(m("2025-07")).fee == 275  # type: ignore[union-attr]
    assert s.bill(m("2025-01")) is None
    grid = {str(c.month): c.code for c in s.grid}
    assert [grid["2025-07"], grid["2025-08"], grid["2025-09"]] == ["1", "1", "1"]
    assert s.clean_streak == 0
    assert len(summarize(ledger, d("2025-09-01"), 60).grid) == 60


def test_effective_opened() -> None:
    ledger = Ledger(manual_bills={m("2025-03"): 100})
    s = summarize(ledger, d("2025-07-05"))
    assert s.opened == date(2025, 2, 1)  # the first bill's cycle start
    assert effective_opened(Ledger(), []) is None
    given = Ledger(account=Account(opened=d("2020-05-06")), manual_bills={m("2025-03"): 100})
    assert summarize(given, d("2025-07-05")).opened == date(2020, 5, 6)


def test_fee_rate_setting_flows_into_the_summary() -> None:
    ledger = Ledger(account=Account(fee_rate=Decimal("0.1")), manual_bills={m("2025-08"): 80_000})
    assert summarize(ledger, d("2025-09-01")).fees_total == 1_760


# -- ledger and account basics --------------------------------------------------------------------------------

def test_ledger_is_empty_only_without_anything_typed() -> None:
    assert Ledger().is_empty()
    assert not Ledger(manual_bills={m("2025-07"): 1}).is_empty()
    assert not Ledger(payments=(pay("2025-07", "1", "2025-07-01"),)).is_empty()
    assert not Ledger(contacts=(ContactEntry("c", d("2025-07-01"), "other", "ok"),)).is_empty()
    # settings and checklist answers are things the user typed too
    assert not Ledger(account=Account(limit=100)).is_empty()
    assert not Ledger(auth_check=Checklist(answer="found", answered_on=d("2025-07-01"))).is_empty()
    assert not Ledger(revoke=Checklist(ticks={"close_huabei": d("2025-07-01")})).is_empty()


def test_payments_for() -> None:
    ledger = Ledger(payments=(pay("2025-07", "1", "2025-07-01"), pay("2025-08", "2", "2025-08-01")))
    assert [p.amount for p in ledger.payments_for(m("2025-08"))] == [200]


def test_account_statement_and_due_day_must_differ() -> None:
    with pytest.raises(InputError) as caught:
        Account().with_changes(due_day=1)
    assert (caught.value.field, caught.value.key) == ("due_day", "day.same_as_statement")
    changed = Account().with_changes(statement_day=25, due_day=15)
    assert (changed.statement_day, changed.due_day) == (25, 15)


@pytest.mark.parametrize(("text", "value"), [("on", True), ("ON", True), ("yes", True), ("开", True), ("1", True),
                                             ("off", False), ("no", False), ("关闭", False), ("0", False)])
def test_parse_on_off(text: str, value: bool) -> None:
    assert parse_on_off(text, field="auto_repay") is value


def test_parse_on_off_refuses() -> None:
    with pytest.raises(InputError) as caught:
        parse_on_off("maybe", field="auto_repay")
    assert (caught.value.field, caught.value.key) == ("auto_repay", "onoff.malformed")


def test_last_record_expiry_waits_for_every_overdue_to_be_settled_and_goes_on_its_day() -> None:
    settled = Ledger(account=Account(limit=300_000), manual_bills={m("2025-07"): 150_000},
                     payments=(pay("2025-07", "1500", "2025-07-15"),))
    before = summarize(settled, d("2030-07-14"))
    assert (before.unsettled_overdue, before.last_record_expiry) == (False, d("2030-07-15"))
    assert (before.last_record_days_left, before.records_all_gone) == (1, False)
    on_the_day = summarize(settled, d("2030-07-15"))
    assert (on_the_day.last_record_days_left, on_the_day.records_all_gone) == (0, True)
    unpaid = summarize(Ledger(account=Account(limit=300_000), manual_bills={m("2025-07"): 150_000}), d("2030-07-15"))
    assert unpaid.unsettled_overdue and unpaid.last_record_expiry is None and not unpaid.records_all_gone
    clean = summarize(Ledger(), d("2030-07-15"))
    assert (clean.unsettled_overdue, clean.last_record_expiry, clean.records_all_gone) == (False, None, False)


def test_recovery_since_is_the_missed_due_date_while_an_overdue_is_unpaid() -> None:
    ledger = Ledger(manual_bills={m("2025-06"): 10_000, m("2025-07"): 20_000},
                    payments=(pay("2025-06", "100", "2025-06-20"),))  # June settled late, July unpaid
    assert summarize(ledger, d("2025-07-09")).recovery_since is None  # July not due yet
    assert summarize(ledger, d("2025-07-11")).recovery_since == d("2025-07-10")
    settled = Ledger(manual_bills=ledger.manual_bills, payments=(*ledger.payments, pay("2025-07", "200", "2025-07-12")))
    assert summarize(settled, d("2025-07-20")).recovery_since is None


def test_a_step_is_done_only_if_ticked_after_since() -> None:
    checklist = Checklist(ticks={"repay_all": d("2025-03-27")})
    assert checklist.is_done("repay_all")
    assert checklist.is_done("repay_all", since=d("2025-03-26"))
    assert not checklist.is_done("repay_all", since=d("2025-03-27"))  # ticked on the missed due date: earlier
    assert not checklist.is_done("contact_service")
