"""Minimum payment (最低还款): the minimum, interest on the remainder, the move into the next bill, and where
payments go before and after it. Product brief, worked example "Minimum payment", computed by hand below."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta
from decimal import Decimal

import pytest

from huabei_tui.domain.account import DEFAULT_INTEREST_RATE, DEFAULT_MIN_RATE, Account
from huabei_tui.domain.billing import (
    DERIVED,
    BillParts,
    evaluate_bills,
    interest_days,
    minimum_payment,
    next_statement_date,
    paying_bill,
    remainder_interest,
)
from huabei_tui.domain.bills import BillState, Payment
from huabei_tui.domain.errors import InputError
from huabei_tui.domain.ledger import Ledger
from huabei_tui.domain.money import parse_min_rate
from huabei_tui.domain.summary import summarize

from .helpers import d, m, pay


def fen(yuan: str) -> int:
    return int(Decimal(yuan) * 100)


def ledger(bills: dict[str, str], payments: list[Payment] | tuple[Payment, ...] = (), **account: object) -> Ledger:
    return Ledger(
        account=Account(opened=date(2024, 1, 1), **account),  # type: ignore[arg-type]
        manual_bills={m(month): fen(yuan) for month, yuan in bills.items()},
        payments=tuple(payments),
    )


def bills_on(book: Ledger, today: str) -> dict[str, BillState]:
    return {str(s.month): s for s in evaluate_bills(book, d(today))}


def grid_of(book: Ledger, today: str) -> dict[str, str]:
    return {str(c.month): c.code for c in summarize(book, d(today)).grid}


# -- the settings -----------------------------------------------------------------------------------------------
def test_defaults_are_the_public_figures() -> None:
    assert Account().min_rate == DEFAULT_MIN_RATE == Decimal("10")
    assert Account().interest_rate == DEFAULT_INTEREST_RATE == Decimal("0.05")


@pytest.mark.parametrize(("text", "rate"), [("10", "10"), ("10%", "10"), (" 12.5 ", "12.5"), ("１０", "10"),
                                            ("１０．５％", "10.5"), ("100", "100"), ("0.01", "0.01")])
def test_min_rate_parses(text: str, rate: str) -> None:
    assert parse_min_rate(text) == Decimal(rate)


@pytest.mark.parametrize(("text", "key"), [("", "min_rate.malformed"), ("abc", "min_rate.malformed"),
                                           ("²", "number.not_digit"), ("⑩", "number.not_digit"),
                                           ("1²", "number.not_digit"), ("-5", "min_rate.malformed"),
                                           ("10.123", "min_rate.malformed"), ("0", "min_rate.range"),
                                           ("0.00", "min_rate.range"), ("100.01", "min_rate.range"),
                                           ("250", "min_rate.range")])
def test_min_rate_refuses(text: str, key: str) -> None:
    with pytest.raises(InputError) as caught:
        parse_min_rate(text)
    assert (caught.value.field, caught.value.key) == ("min_rate", key)


# -- the minimum --------------------------------------------------------------------------------------------------
def test_minimum_is_the_rate_of_the_principal_plus_interest_and_instalments() -> None:
    parts = BillParts(m("2025-10"), spending=30_000, carried_in=180_000, interest_in=1_800, instalment_due=10_450)
    assert parts.amount == 222_250
    assert minimum_payment(parts, Decimal("10")) == 21_000 + 1_800 + 10_450


@pytest.mark.parametrize(("spending", "rate", "minimum"), [
    (12_345, "10", 1_235),  # 1234.5 fen rounds half up
    (12_344, "10", 1_234),  # 1234.4 fen rounds down
    (100_000, "5", 5_000),
    (100_000, "100", 100_000),
    (4, "10", 1),  # 0.4 fen: at least one fen of a bill that is not zero
    (1, "10", 1),
])
def test_minimum_rounds_half_up_once(spending: int, rate: str, minimum: int) -> None:
    assert minimum_payment(BillParts(m("2025-09"), spending=spending), Decimal(rate)) == minimum


def test_minimum_of_nothing_is_nothing_and_never_more_than_the_amount() -> None:
    assert minimum_payment(BillParts(m("2025-09")), Decimal("10")) == 0
    only_parts = BillParts(m("2025-10"), instalment_due=10_450)
    assert minimum_payment(only_parts, Decimal("10")) == 10_450


def test_min_rate_setting_flows_into_the_bills() -> None:
    assert bills_on(ledger({"2025-09": "2000"}, min_rate=Decimal("5")), "2025-09-05")["2025-09"].minimum == 10_000


def test_override_wins_and_is_capped_at_the_amount() -> None:
    book = ledger({"2025-09": "1000"}, [pay("2025-09", "50", "2025-09-10")])
    assert bills_on(book, "2025-09-11")["2025-09"].status == "overdue"  # ¥50 < the rule's ¥100
    typed = replace(book, minimums={m("2025-09"): 5_000})
    state = bills_on(typed, "2025-09-11")["2025-09"]
    assert (state.minimum, state.minimum_overridden, state.status) == (5_000, True, "minimum_paid")
    too_big = replace(book, minimums={m("2025-09"): 500_000})
    assert bills_on(too_big, "2025-09-05")["2025-09"].minimum == 100_000
    assert not bills_on(book, "2025-09-05")["2025-09"].minimum_overridden


# -- the worked example ---------------------------------------------------------------------------------------------
EXAMPLE = {"2025-09": "2000"}


def example(*more: Payment, bills: dict[str, str] | None = None) -> Ledger:
    return ledger(bills or EXAMPLE, [pay("2025-09", "200", "2025-09-10"), *more])


def test_worked_example_minimum_paid_on_the_due_date() -> None:
    """¥2,000.00 bill, minimum ¥200.00 paid on 09-10: not overdue, no fee, grid N."""
    before = bills_on(ledger(EXAMPLE, [pay("2025-09", "50", "2025-09-03")]), "2025-09-05")["2025-09"]
    assert before.minimum_left == 15_000  # "pay at least ¥150.00 by 09-10 to stay clean"
    on_due = bills_on(example(), "2025-09-10")["2025-09"]
    assert (on_due.status, on_due.minimum, on_due.outstanding, on_due.minimum_left) == ("unpaid", 20_000, 180_000, 0)
    after = bills_on(example(), "2025-09-11")["2025-09"]
    assert after.status == "minimum_paid"
    assert (after.overdue_days, after.fee, after.fee_per_day, after.record_expires_on) == (0, 0, 0, None)
    assert (after.outstanding, after.interest, after.interest_per_day) == (180_000, 90, 90)
    assert not after.went_overdue
    assert bills_on(example(), "2025-09-20")["2025-09"].interest == 900  # 10 days × 1,800 × 0.05%
    last = bills_on(example(), "2025-09-30")["2025-09"]
    assert (last.status, last.interest, last.carried_to) == ("minimum_paid", 1_800, None)
    s = summarize(example(), d("2025-09-20"))
    assert s.overdue_episodes == [] and s.overdue_unpaid == [] and s.fees_total == 0
    assert "warn.overdue" not in s.warnings()
    assert s.used == 180_000


def test_worked_example_carried_into_the_next_bill() -> None:
    """Interest 09-11 … 09-30 = 20 days × 1,800 × 0.05% = ¥18.00; on 10-01 bill 2025-10 takes ¥1,800.00 + ¥18.00;
    with ¥300.00 of spending its amount is ¥2,118.00 and its minimum 10% × 2,100 + 18 = ¥228.00."""
    assert interest_days(m("2025-09"), 1, 10) == 20
    assert next_statement_date(m("2025-09"), 1) == d("2025-10-01")
    states = bills_on(example(bills={"2025-09": "2000", "2025-10": "300"}), "2025-10-01")
    old, new = states["2025-09"], states["2025-10"]
    assert (old.status, old.outstanding, old.interest, old.carried_to, old.carried_out) == (
        "carried", 0, 1_800, m("2025-10"), 180_000)
    assert old.settled_on == d("2025-10-01") and old.record_expires_on is None and old.paid == 20_000
    assert (new.spending, new.carried_in, new.interest_in, new.instalment_due) == (30_000, 180_000, 1_800, 0)
    assert (new.amount, new.minimum, new.outstanding, new.status) == (211_800, 22_800, 211_800, "unpaid")
    assert grid_of(example(), "2025-10-01")["2025-09"] == "N"


def test_a_next_bill_without_spending_exists_from_the_statement_date() -> None:
    assert set(bills_on(example(), "2025-09-30")) == {"2025-09"}
    new = bills_on(example(), "2025-10-01")["2025-10"]
    assert (new.spending, new.amount, new.minimum, new.source) == (0, 181_800, 18_000 + 1_800, DERIVED)
    assert new.statement_date == d("2025-10-01") and new.due_date == d("2025-10-10")
    # A later `bill add` for that month sets its spending.
    typed = replace(example(), manual_bills={m("2025-09"): 200_000, m("2025-10"): 30_000})
    assert bills_on(typed, "2025-10-01")["2025-10"].amount == 211_800
    assert bills_on(typed, "2025-10-01")["2025-10"].source == "manual"


def test_the_carried_remainder_is_grid_N_and_the_next_bill_follows_its_own_rules() -> None:
    book = example(bills={"2025-09": "2000", "2025-10": "300"})
    grid = grid_of(book, "2025-10-20")
    assert (grid["2025-09"], grid["2025-10"]) == ("N", "1")  # 2025-10 was not paid at all: overdue from 10-11
    late = bills_on(book, "2025-10-20")["2025-10"]
    assert (late.status, late.overdue_days) == ("overdue", 10)
    assert late.fee == fen_from_rate(211_800, 10)


def fen_from_rate(amount: int, days: int, rate: str = "0.05") -> int:
    exact = Decimal(amount) * days * Decimal(rate) / 100
    return int(exact.quantize(Decimal(1), rounding="ROUND_HALF_UP"))


def test_minimum_paid_one_day_late_is_an_overdue_of_the_whole_bill() -> None:
    book = ledger(EXAMPLE, [pay("2025-09", "200", "2025-09-11")])
    state = bills_on(book, "2025-09-12")["2025-09"]
    assert (state.status, state.overdue_days, state.outstanding) == ("overdue", 2, 180_000)
    assert state.fee == 100 + 90  # 2,000 × 0.05% (09-11) + 1,800 × 0.05% (09-12)
    assert state.interest == 0 and state.carried_to is None
    later = bills_on(book, "2025-10-05")
    assert later["2025-09"].status == "overdue" and "2025-10" not in later  # nothing moves on
    assert grid_of(book, "2025-09-12")["2025-09"] == "1"


@pytest.mark.parametrize(("paid", "status"), [("199.99", "overdue"), ("200", "minimum_paid"),
                                              ("1999.99", "minimum_paid"), ("2000", "paid")])
def test_paid_by_the_due_date_against_the_minimum(paid: str, status: str) -> None:
    book = ledger(EXAMPLE, [pay("2025-09", paid, "2025-09-03")])
    assert bills_on(book, "2025-09-11")["2025-09"].status == status


def test_several_payments_by_the_due_date_add_up_to_the_minimum() -> None:
    book = ledger(EXAMPLE, [pay("2025-09", "120", "2025-09-02"), pay("2025-09", "80", "2025-09-10")])
    assert bills_on(book, "2025-09-11")["2025-09"].status == "minimum_paid"


# -- payments after the due date, before and after the move ---------------------------------------------------------
def test_a_partial_payment_after_the_due_date_lowers_the_interest_and_what_moves() -> None:
    """¥800 more on 09-15: 1,800 × 0.05% × 5 days (09-11 … 09-15) + 1,000 × 0.05% × 15 days = ¥4.50 + ¥7.50."""
    book = example(pay("2025-09", "800", "2025-09-15"))
    before = bills_on(book, "2025-09-20")["2025-09"]
    assert (before.status, before.outstanding, before.interest_per_day) == ("minimum_paid", 100_000, 50)
    states = bills_on(book, "2025-10-01")
    assert states["2025-09"].interest == 1_200 and states["2025-09"].carried_out == 100_000
    assert (states["2025-10"].carried_in, states["2025-10"].interest_in) == (100_000, 1_200)


def test_paying_the_rest_before_the_move_stops_the_interest_and_only_interest_moves() -> None:
    book = example(pay("2025-09", "1800", "2025-09-15"))
    mid = bills_on(book, "2025-09-20")["2025-09"]
    assert (mid.status, mid.outstanding, mid.interest, mid.settled_on) == ("paid", 0, 450, d("2025-09-15"))
    states = bills_on(book, "2025-10-01")
    old = states["2025-09"]
    assert (old.status, old.carried_to, old.carried_out, old.settled_on) == ("paid", m("2025-10"), 0, d("2025-09-15"))
    assert (states["2025-10"].carried_in, states["2025-10"].interest_in) == (0, 450)


def test_a_tiny_remainder_with_no_interest_moves_nothing() -> None:
    book = ledger({"2025-09": "0.10"}, [pay("2025-09", "0.09", "2025-09-10")])
    states = bills_on(book, "2025-10-02")
    assert states["2025-09"].interest == 0  # 1 fen × 0.05% × 20 days = 0.01 fen
    # The fen itself still moves: nothing outstanding stays behind on an old bill.
    assert states["2025-09"].status == "carried" and states["2025-10"].carried_in == 1


def test_the_last_day_before_the_statement_date_still_pays_the_old_bill() -> None:
    """A payment on 09-30 lowers what moves; the interest of 09-30 is on what was outstanding at its start."""
    book = example(pay("2025-09", "1000", "2025-09-30"))
    states = bills_on(book, "2025-10-01")
    assert states["2025-09"].interest == 1_800 and states["2025-09"].carried_out == 80_000
    assert (states["2025-10"].carried_in, states["2025-10"].paid) == (80_000, 0)


@pytest.mark.parametrize("on", ["2025-10-01", "2025-10-05"])
def test_from_the_statement_date_a_payment_to_the_old_bill_pays_the_new_one(on: str) -> None:
    book = example(pay("2025-09", "500", on), bills={"2025-09": "2000", "2025-10": "300"})
    states = bills_on(book, "2025-10-05")
    assert states["2025-09"].paid == 20_000 and states["2025-09"].carried_out == 180_000
    assert states["2025-10"].paid == 50_000 and states["2025-10"].outstanding == 211_800 - 50_000
    assert [p.on for p in states["2025-10"].payments] == [d(on)]
    assert paying_bill(states.values(), m("2025-09"), d(on), 1) == m("2025-10")
    assert paying_bill(states.values(), m("2025-09"), d("2025-09-30"), 1) == m("2025-09")
    assert paying_bill(states.values(), m("2025-10"), d(on), 1) == m("2025-10")


def test_the_new_bill_paid_in_full_after_the_move() -> None:
    book = example(pay("2025-10", "2118", "2025-10-08"), bills={"2025-09": "2000", "2025-10": "300"})
    new = bills_on(book, "2025-10-20")["2025-10"]
    assert (new.status, new.outstanding, new.settled_on) == ("paid", 0, d("2025-10-08"))


def test_a_remainder_can_move_twice() -> None:
    """2025-10 (¥2,118.00, minimum ¥228.00) is again paid at its minimum: ¥1,890.00 left, 21 days (10-11 … 10-31)
    × 1,890 × 0.05% = ¥19.845 → ¥19.85, moved into 2025-11 with its minimum 10% × 1,890 + 19.85 = ¥208.85."""
    book = example(pay("2025-10", "228", "2025-10-10"), bills={"2025-09": "2000", "2025-10": "300"})
    states = bills_on(book, "2025-11-01")
    assert states["2025-10"].status == "carried"
    nov = states["2025-11"]
    assert (nov.carried_in, nov.interest_in, nov.amount, nov.minimum) == (189_000, 1_985, 190_985, 20_885)
    # A payment to 2025-09 dated in November follows both moves.
    assert paying_bill(states.values(), m("2025-09"), d("2025-11-03"), 1) == m("2025-11")


def test_interest_is_summed_exactly_and_rounded_once() -> None:
    """¥10.00 left for 20 days: 0.5 fen a day, ¥0.10 in all (rounding each day would give ¥0.20)."""
    book = ledger({"2025-09": "100"}, [pay("2025-09", "90", "2025-09-10")])
    assert bills_on(book, "2025-10-01")["2025-09"].interest == 10
    assert remainder_interest(1_000, 20, Decimal("0.05")) == 10
    assert remainder_interest(333, 3, Decimal("0.05")) == 0  # 0.4995 fen
    assert remainder_interest(0, 20, Decimal("0.05")) == 0
    assert remainder_interest(1_000, 0, Decimal("0.05")) == 0


def test_interest_rate_setting_flows_into_the_interest() -> None:
    book = replace(example(), account=Account(opened=date(2024, 1, 1), interest_rate=Decimal("0.1")))
    assert bills_on(book, "2025-10-01")["2025-10"].interest_in == 3_600


# -- calendars: due day before statement day, month ends, Feb 29, year end ----------------------------------------
def test_due_day_before_the_statement_day() -> None:
    """Statement 25, due 15: bill 2025-01 is due 2025-02-15 and moves into 2025-02 on its statement date 02-25;
    interest 02-16 … 02-24 = 9 days × 900 × 0.05% = ¥4.05."""
    book = ledger({"2025-01": "1000"}, [pay("2025-01", "100", "2025-02-15")], statement_day=25, due_day=15)
    assert interest_days(m("2025-01"), 25, 15) == 9
    assert bills_on(book, "2025-02-16")["2025-01"].status == "minimum_paid"
    states = bills_on(book, "2025-02-25")
    assert states["2025-01"].status == "carried" and states["2025-01"].interest == 405
    assert states["2025-02"].statement_date == d("2025-02-25") and states["2025-02"].due_date == d("2025-03-15")
    assert (states["2025-02"].carried_in, states["2025-02"].interest_in) == (90_000, 405)
    assert bills_on(book, "2025-02-24")["2025-01"].status == "minimum_paid"


@pytest.mark.parametrize(("year", "days"), [(2024, 1), (2025, 0)])
def test_feb_29_is_one_more_day_of_interest(year: int, days: int) -> None:
    """Statement day 1, due day 28: bill YEAR-02 is due 02-28 and moves on 03-01; a leap year has 02-29 between."""
    book = ledger({f"{year}-02": "1000"}, [pay(f"{year}-02", "100", f"{year}-02-28")], due_day=28)
    assert interest_days(m(f"{year}-02"), 1, 28) == days
    states = bills_on(book, f"{year}-03-01")
    assert states[f"{year}-02"].interest == 45 * days
    assert states[f"{year}-03"].carried_in == 90_000
    assert states[f"{year}-02"].status == "carried"


def test_at_a_month_end_statement_day() -> None:
    """Statement day 28, due day 20: bill 2025-01 (issued 01-28) is due 02-20 and moves on 02-28 (7 days)."""
    assert interest_days(m("2025-01"), 28, 20) == 7
    book = ledger({"2025-01": "1000"}, [pay("2025-01", "100", "2025-02-20")], statement_day=28, due_day=20)
    assert bills_on(book, "2025-02-28")["2025-02"].interest_in == fen_from_rate(90_000, 7)


def test_across_the_year_end() -> None:
    """Bill 2025-12 due 12-10: 21 days of interest (12-11 … 12-31), moved into 2026-01 on 2026-01-01."""
    book = ledger({"2025-12": "1000"}, [pay("2025-12", "100", "2025-12-10")])
    states = bills_on(book, "2026-01-01")
    assert states["2025-12"].carried_to == m("2026-01")
    assert states["2026-01"].interest_in == fen_from_rate(90_000, 21)
    assert grid_of(book, "2026-01-01")["2025-12"] == "N"


def test_every_day_of_a_leap_year_keeps_the_books_balanced() -> None:
    """Whatever the day, money is never lost or created: what moved plus what was paid is what was owed."""
    book = ledger({"2028-01": "1000", "2028-02": "500"}, [pay("2028-01", "100", "2028-01-10"),
                                                         pay("2028-02", "300", "2028-02-10")], due_day=10)
    day = date(2028, 1, 1)
    while day <= date(2028, 12, 31):
        for state in evaluate_bills(book, day):
            assert state.amount == state.spending + state.carried_in + state.interest_in + state.instalment_due
            if state.status == "carried":
                assert state.paid + state.carried_out == state.amount and state.outstanding == 0
            elif state.status in ("minimum_paid", "unpaid", "overdue"):
                assert state.paid + state.outstanding == state.amount
        day += timedelta(days=1)


def test_an_earlier_today_sees_the_account_as_it_was() -> None:
    book = example(bills={"2025-09": "2000", "2025-10": "300"})
    assert bills_on(book, "2025-09-30")["2025-10"].carried_in == 0
    assert bills_on(book, "2025-10-01")["2025-10"].carried_in == 180_000


# -- the summary ------------------------------------------------------------------------------------------------------
def test_summary_counts_the_remainder_as_used_and_never_as_an_overdue() -> None:
    book = replace(example(bills={"2025-09": "2000", "2025-10": "300"}), account=Account(limit=500_000))
    s = summarize(book, d("2025-10-05"))
    assert s.used == 211_800 and s.available == 500_000 - 211_800
    assert s.next_bill is not None and s.next_bill.month == m("2025-10") and s.next_bill.minimum == 22_800
    assert s.overdue_episodes == [] and s.clean_streak is not None and s.clean_streak >= 2
    assert s.most_urgent_bill == s.next_bill


# -- the forecast: what moves on, seen before the move ----------------------------------------------------------
def test_the_summary_names_the_bill_left_at_its_minimum_and_what_will_move() -> None:
    """Between the due date and the next statement date nothing is due (``most_urgent_bill`` is None), but the
    remainder costs interest every day: ``carrying`` and ``carry`` say which bill, when and how much moves."""
    s = summarize(example(), d("2025-09-20"))
    assert s.most_urgent_bill is None and s.carrying is not None and s.carrying.month == m("2025-09")
    assert s.carry is not None
    assert (s.carry.on, s.carry.into, s.carry.principal, s.carry.interest, s.carry.total) == (
        d("2025-10-01"), m("2025-10"), 180_000, 1_800, 181_800)
    assert summarize(example(), d("2025-09-10")).carrying is None  # the due date itself: still "unpaid"
    assert summarize(example(), d("2025-10-01")).carrying is None  # moved: the new bill is the one to pay


@pytest.mark.parametrize("more", [(), (pay("2025-09", "800", "2025-09-15"),), (pay("2025-09", "1799.99", "2025-09-29"),)])
def test_the_forecast_on_every_day_of_the_window_is_what_moves(more: tuple[Payment, ...]) -> None:
    """Whatever day it is asked (a payment already made counts, none after it is assumed), the forecast equals the
    carried_in + interest_in the next bill gets on its statement date."""
    book = example(*more)
    moved = bills_on(book, "2025-10-01")["2025-10"]
    day = d("2025-09-11")
    while day < d("2025-10-01"):
        s = summarize(book, day)
        later = [p for p in more if p.on > day]
        if s.carry is not None and not later:
            assert (s.carry.principal, s.carry.interest) == (moved.carried_in, moved.interest_in), day
        elif later:
            assert s.carry is not None and s.carry.principal > moved.carried_in  # the payment is not known yet
        day += timedelta(days=1)


def test_the_forecast_across_feb_29_and_the_year_end() -> None:
    leap = ledger({"2024-02": "1000"}, [pay("2024-02", "100", "2024-02-28")], due_day=28)
    s = summarize(leap, d("2024-02-29"))
    assert s.carry is not None and (s.carry.on, s.carry.interest) == (d("2024-03-01"), 45)
    year_end = ledger({"2025-12": "1000"}, [pay("2025-12", "100", "2025-12-10")])
    s = summarize(year_end, d("2025-12-31"))
    assert s.carry is not None and (s.carry.on, s.carry.into) == (d("2026-01-01"), m("2026-01"))
    assert s.carry.interest == fen_from_rate(90_000, 21)
