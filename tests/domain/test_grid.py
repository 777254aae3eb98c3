"""The credit-report style repayment grid and the clean streak."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from huabei_tui.domain.dates import Month
from huabei_tui.domain.grid import (
    GRID_CODES,
    UNKNOWN,
    blank_code,
    clean_streak,
    grid_cell,
    overdue_code,
    repayment_grid,
)

from .helpers import d, pay, state

OPENED = date(2024, 1, 1)


def codes(states, today: str, opened: date | None = OPENED, months: int = 24) -> dict[str, str]:
    return {str(c.month): c.code for c in repayment_grid(states, d(today), opened, months)}


@pytest.mark.parametrize(
    ("days", "code"),
    [(1, "1"), (30, "1"), (31, "2"), (60, "2"), (61, "3"), (90, "3"), (91, "4"), (120, "4"), (121, "5"),
     (150, "5"), (151, "6"), (180, "6"), (181, "7"), (365, "7"), (2000, "7")],
)
def test_overdue_code_boundaries(days: int, code: str) -> None:
    assert overdue_code(days) == code


@pytest.mark.parametrize(("days", "code"), [(30, "1"), (31, "2"), (60, "2"), (61, "3"), (180, "6"), (181, "7")])
def test_grid_code_for_a_late_payment(days: int, code: str) -> None:
    """Bill 2025-01 (due 01-10) settled ``days`` late: the month of settlement shows the worst reached."""
    paid_on = date(2025, 1, 10) + timedelta(days=days)
    s = state("2025-01", "100", [pay("2025-01", "100", paid_on.isoformat())], today="2025-12-31")
    assert s.overdue_days == days
    cell = grid_cell([s], Month.of(paid_on), date(2025, 12, 31), OPENED)
    assert cell.code == code
    assert cell.worst_overdue_days == days
    # and the month after settlement is clean again
    after = grid_cell([s], Month.of(paid_on).shift(1), date(2025, 12, 31), OPENED)
    assert after.code == "*"


@pytest.mark.parametrize(("days", "code"), [(30, "1"), (31, "2"), (60, "2"), (61, "3"), (180, "6"), (181, "7")])
def test_grid_code_for_an_unpaid_bill_in_todays_month(days: int, code: str) -> None:
    today = date(2025, 1, 10) + timedelta(days=days)
    s = state("2025-01", "100", today=today.isoformat())
    assert s.overdue_days == days
    grid = repayment_grid([s], today, OPENED)
    assert grid[-1].month == Month.of(today)
    assert grid[-1].code == code


def test_worked_example_grid() -> None:
    states = [
        state("2025-07", "1500", [pay("2025-07", "1000", "2025-07-13"), pay("2025-07", "500", "2025-07-15")],
              today="2025-09-01"),
        state("2025-08", "800", today="2025-09-01"),
    ]
    got = codes(states, "2025-09-01")
    assert [got["2025-07"], got["2025-08"], got["2025-09"]] == ["1", "1", "1"]
    assert got["2025-06"] == "*"  # opened, nothing due
    assert got["2024-01"] == "*"  # the month it opened
    assert got["2023-12"] == "/"  # before it opened
    assert clean_streak(states, d("2025-09-01"), OPENED) == 0


def test_unpaid_overdue_climbs_month_by_month() -> None:
    s = state("2025-07", "100", today="2025-09-15")  # due 07-10: 21 days by 07-31, 52 by 08-31, 67 on 09-15
    got = codes([s], "2025-09-15")
    assert [got["2025-07"], got["2025-08"], got["2025-09"]] == ["1", "2", "3"]


def test_normal_month_when_a_bill_falls_due_and_is_paid_on_time() -> None:
    s = state("2025-07", "100", [pay("2025-07", "100", "2025-07-10")], today="2025-09-01")
    got = codes([s], "2025-09-01")
    assert (got["2025-06"], got["2025-07"], got["2025-08"]) == ("*", "N", "*")


def test_issued_unpaid_bill_is_normal_in_its_statement_month() -> None:
    """Statement day 25, due day 15: bill 2025-01 is issued in January and due in February."""
    unpaid = state("2025-01", "100", [pay("2025-01", "100", "2025-02-15")], today="2025-03-01",
                   statement_day=25, due_day=15)
    got = codes([unpaid], "2025-03-01")
    assert (got["2024-12"], got["2025-01"], got["2025-02"], got["2025-03"]) == ("*", "N", "N", "*")
    # paid before it was issued: nothing was owed in January
    prepaid = state("2025-01", "100", [pay("2025-01", "100", "2025-01-20")], today="2025-03-01",
                    statement_day=25, due_day=15)
    got = codes([prepaid], "2025-03-01")
    assert (got["2025-01"], got["2025-02"]) == ("*", "N")


def test_bill_not_yet_issued_is_not_normal() -> None:
    # today 2025-08-20: bill 2025-09 (statement 09-01) is accumulating, not issued
    s = state("2025-09", "100", today="2025-08-20")
    assert codes([s], "2025-08-20")["2025-08"] == "*"


def test_worst_of_several_bills_wins() -> None:
    states = [
        state("2025-06", "100", [pay("2025-06", "100", "2025-07-20")], today="2025-07-31"),  # 40 days → 2
        state("2025-07", "100", [pay("2025-07", "100", "2025-07-12")], today="2025-07-31"),  # 2 days → 1
    ]
    cell = grid_cell(states, Month(2025, 7), date(2025, 7, 31), OPENED)
    assert (cell.code, cell.worst_overdue_days) == ("2", 40)


def test_before_opened_and_unknown_opening() -> None:
    assert set(codes([], "2025-09-01", opened=None).values()) == {"?"}
    got = codes([], "2025-09-01", opened=date(2025, 3, 31))
    assert got["2025-02"] == "/"
    assert got["2025-03"] == "*"
    assert got["2025-09"] == "*"


# -- months nobody knows about: no opening date (issue 14, the first run) ------------------------------------------
def test_no_opening_date_and_no_bill_is_unknown_every_month_at_any_length() -> None:
    for months in (24, 60):
        for today in ("2024-02-29", "2025-12-31", "2026-01-01"):
            grid = repayment_grid([], d(today), None, months)
            assert {c.code for c in grid} == {UNKNOWN}, today


def test_no_opening_date_unknown_before_the_first_bill_s_cycle_then_as_usual() -> None:
    first = state("2025-03", "100", [pay("2025-03", "100", "2025-03-05")], today="2025-09-01")
    got = codes([first], "2025-09-01", opened=None)
    assert got["2025-01"] == UNKNOWN
    assert got["2025-02"] == "*"  # the first bill's cycle: the account was open, nothing was due yet
    assert got["2025-03"] == "N"
    assert got["2025-04"] == "*"  # after the first bill, an empty month is "nothing due" as usual
    assert got["2023-10"] == UNKNOWN  # the oldest month shown
    assert "/" not in got.values()  # never "not opened" without an opening date


def test_no_opening_date_keeps_every_known_code() -> None:
    late = state("2025-06", "100", [pay("2025-06", "100", "2025-07-20")], today="2025-09-01")
    unpaid = state("2025-08", "100", [], today="2025-09-01")
    got = codes([late, unpaid], "2025-09-01", opened=None)
    assert (got["2025-04"], got["2025-05"], got["2025-06"], got["2025-07"]) == (UNKNOWN, "*", "1", "2")
    assert (got["2025-08"], got["2025-09"]) == ("1", "1")


def test_first_bill_in_january_reaches_back_over_the_year_end() -> None:
    first = state("2025-01", "100", [pay("2025-01", "100", "2025-01-05")], today="2025-03-01")
    got = codes([first], "2025-03-01", opened=None)
    assert (got["2024-11"], got["2024-12"], got["2025-01"], got["2025-02"]) == (UNKNOWN, "*", "N", "*")


def test_an_opening_date_wins_over_the_first_bill() -> None:
    first = state("2025-03", "100", [pay("2025-03", "100", "2025-03-05")], today="2025-09-01")
    got = codes([first], "2025-09-01", opened=date(2024, 2, 29))
    assert (got["2024-01"], got["2024-02"], got["2025-01"]) == ("/", "*", "*")
    assert UNKNOWN not in got.values()


@pytest.mark.parametrize(("month", "opened", "known_from", "code"), [
    ("2025-01", None, None, "?"),
    ("2025-01", None, "2025-02", "?"),
    ("2025-02", None, "2025-02", "*"),
    ("2024-12", date(2025, 1, 31), "2024-06", "/"),  # the opening date is what counts when it is set
    ("2025-01", date(2025, 1, 31), None, "*"),
    ("2024-02", date(2024, 2, 29), None, "*"),
])
def test_blank_code(month: str, opened: date | None, known_from: str | None, code: str) -> None:
    def as_month(text: str) -> Month:
        return Month(int(text[:4]), int(text[5:]))

    assert blank_code(as_month(month), opened, as_month(known_from) if known_from else None) == code


def test_unknown_is_one_of_the_grid_codes_and_not_a_bureau_one() -> None:
    assert UNKNOWN == "?" and UNKNOWN in GRID_CODES
    assert overdue_code(1) != UNKNOWN


@pytest.mark.parametrize("months", [24, 60])
@pytest.mark.parametrize("today", ["2025-09-01", "2025-01-31", "2024-02-29", "2025-12-31"])
def test_grid_length_and_order(months: int, today: str) -> None:
    grid = repayment_grid([], d(today), OPENED, months)
    assert len(grid) == months
    assert grid[-1].month == Month.of(d(today))
    assert grid[0].month == Month.of(d(today)).shift(-(months - 1))
    assert [c.month for c in grid] == sorted(c.month for c in grid)
    assert len({c.month for c in grid}) == months
    assert all(c.code in GRID_CODES for c in grid)


def test_clean_streak() -> None:
    late = state("2024-11", "100", [pay("2024-11", "100", "2024-11-19")], today="2025-09-01")
    on_time = [state(str(Month(2024, 12).shift(i)), "100",
                     [pay(str(Month(2024, 12).shift(i)), "100", Month(2024, 12).shift(i).day(5).isoformat())],
                     today="2025-09-01") for i in range(10)]
    assert clean_streak([late, *on_time], d("2025-09-01"), OPENED) == 10  # 2024-12 .. 2025-09
    assert clean_streak(on_time, d("2025-09-01"), date(2025, 1, 15)) == 9  # 2025-01 .. 2025-09
    assert clean_streak([], d("2025-09-01"), None) is None
    assert clean_streak([], d("2025-09-01"), date(2025, 9, 1)) == 1
    # without an opening date, counting starts with the first bill's cycle (2024-11 .. 2025-09)
    assert clean_streak(on_time, d("2025-09-01"), None) == 11
