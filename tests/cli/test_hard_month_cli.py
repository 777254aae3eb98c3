"""Issue 12's commands: ``plan``, ``instalment`` (and ``--cancel``), ``account set --min-rate/--interest-rate`` and
``bill set --minimum``. Bad input exits 2 with one line and leaves the data file byte-for-byte unchanged.

Bill 2025-09 of ¥2,000.00 (statement day 1, due day 10, default rates): minimum ¥200.00; the minimum option costs
1,800 × 0.05 % × 20 days = ¥18.00; splits cost 2.3/4.5/6.5/7.5 % = ¥46.00/¥90.00/¥130.00/¥150.00.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from huabei_tui.textwidth import cell_width
from support.huabei_cli import Huabei


@pytest.fixture
def bill(huabei: Huabei) -> Huabei:
    huabei.ok("bill", "add", "2025-09", "2000", today="2025-09-01")
    return huabei


def status(huabei: Huabei, today: str) -> dict:
    return json.loads(huabei.ok("status", "--json", today=today).out)


def bill_of(huabei: Huabei, month: str, today: str) -> dict:
    return next(b for b in status(huabei, today)["bills"] if b["month"] == month)


def refused(huabei: Huabei, db: Path, *args: str, today: str = "2025-09-05", lang: str = "en") -> str:
    """Run a command that must be refused: exit 2, one line on stderr, nothing on stdout, the file untouched."""
    before = db.read_bytes()
    result = huabei(*args, today=today, lang=lang)
    assert result.code == 2, result
    assert result.out == ""
    assert len(result.err_lines) == 1, result.err
    assert db.read_bytes() == before
    return result.err


# -- plan ------------------------------------------------------------------------------------------------------------

def test_plan_json_is_the_planners_answer(bill: Huabei) -> None:
    bill.ok("account", "set", "--balance", "500", today="2025-09-05")
    data = json.loads(bill.ok("plan", "--json", today="2025-09-05").out)
    assert (data["month"], data["today"], data["due_date"], data["balance"]) == (
        "2025-09", "2025-09-05", "2025-09-10", "500.00")
    assert [(o["kind"], o.get("periods") or o.get("days"), o["pay_now"], o["cost"]) for o in data["options"]] == [
        ("full", None, "2000.00", "0.00"), ("minimum", None, "200.00", "18.00"),
        ("instalment", 3, "0.00", "46.00"), ("instalment", 6, "0.00", "90.00"),
        ("instalment", 9, "0.00", "130.00"), ("instalment", 12, "0.00", "150.00"),
        ("late", 1, "2000.00", "1.00"), ("late", 7, "2000.00", "7.00"), ("late", 30, "2000.00", "30.00")]
    assert data["best"] == {"kind": "minimum"}
    assert data["unavailable"] == []


def test_plan_of_a_named_month(bill: Huabei) -> None:
    bill.ok("bill", "add", "2025-08", "300", today="2025-09-05")  # overdue: the bill to pay is 2025-08
    assert json.loads(bill.ok("plan", "--json", today="2025-09-05").out)["month"] == "2025-08"
    assert json.loads(bill.ok("plan", "2025-09", "--json", today="2025-09-05").out)["month"] == "2025-09"


@pytest.mark.parametrize(("lang", "best", "row"), [
    ("en", "Best: pay the minimum ¥200.00 by 2025-09-10", "Split in 12"),
    ("zh", "最佳：2025-09-10 前还最低还款 ¥200.00", "分 12 期"),
])
def test_plan_text_is_the_planner_table(bill: Huabei, lang: str, best: str, row: str) -> None:
    bill.ok("account", "set", "--balance", "500", today="2025-09-05")
    out = bill.ok("plan", today="2025-09-05", lang=lang).out
    assert best in out
    lines = out.splitlines()
    assert any(row in line and "¥150.00" in line for line in lines)
    table = [line for line in lines if "¥" in line and "  " in line.strip()]
    assert all(cell_width(line) <= 80 for line in lines)
    assert table


def test_plan_with_no_bill_to_pay_says_so(huabei: Huabei) -> None:
    # an empty file: not "nothing to pay" (a new user has simply typed nothing yet) but how to get the bills in
    result = huabei.ok("plan", today="2025-09-05")
    assert result.out.splitlines()[:2] == ["No bills yet: once your bills are in, this compares every way to pay",
                                           "First get your bills in:"]
    assert "huabei import alipay FILE" in result.out
    assert json.loads(huabei.ok("plan", "--json", today="2025-09-05").out) is None
    huabei.ok("bill", "add", "2025-08", "100", today="2025-09-05")
    huabei.ok("pay", "2025-08", "100", "--on", "2025-09-05", today="2025-09-05")
    assert huabei.ok("plan", today="2025-09-05").out.strip() == "No bill to pay: nothing to plan"


def test_plan_of_an_unknown_or_malformed_month_is_refused(bill: Huabei, db: Path) -> None:
    assert "there is no bill 2025-07" in refused(bill, db, "plan", "2025-07")
    assert "2025-13" in refused(bill, db, "plan", "2025-13")


# -- instalment ------------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("on", ["2025-09-01", "2025-09-10"])  # the statement date and the due date: allowed
def test_instalment_splits_the_bill(bill: Huabei, on: str) -> None:
    result = bill.ok("instalment", "2025-09", "6", "--on", on, today="2025-09-10")
    assert "Bill 2025-09 split in 6" in result.out
    assert "fee ¥90.00" in result.out and "2025-10" in result.out and "2026-03" in result.out
    assert "¥348.35" in result.out and "¥348.33" in result.out
    split = bill_of(bill, "2025-09", "2025-09-20")
    assert (split["status"], split["outstanding"], split["overdue_days"]) == ("instalment", "0.00", 0)
    october = bill_of(bill, "2025-10", "2025-10-02")
    assert october["instalment_due"] == "348.35"


def test_instalment_defaults_to_today_and_reads_full_width_digits(bill: Huabei) -> None:
    bill.ok("instalment", "2025-09", "６", today="2025-09-05")
    data = status(bill, "2025-09-05")
    assert bill_of(bill, "2025-09", "2025-09-05")["status"] == "instalment"
    # Split parts still count against the limit: the first part (¥333.35 + ¥15.00 fee) is on bill 2025-10, the
    # one now accumulating, and the principal of the other five (¥1,666.65) is not billed yet.
    assert data["account"]["used"] == "2015.00"


@pytest.mark.parametrize(("today", "words"), [
    ("2025-09-11", "can be split only from 2025-09-01 to 2025-09-10"),  # the day after the due date
    ("2025-08-20", "bill 2025-09 is not issued yet: it can be split from 2025-09-01"),
])
def test_instalment_outside_its_window_says_when_it_is_allowed(huabei: Huabei, db: Path, today: str,
                                                                words: str) -> None:
    huabei.ok("bill", "add", "2025-08", "500", today="2025-08-20")
    huabei.ok("pay", "2025-08", "500", "--on", "2025-08-10", today="2025-08-20")
    if today > "2025-09-01":
        huabei.ok("bill", "add", "2025-09", "2000", today=today)
    assert words in refused(huabei, db, "instalment", "2025-09", "3", today=today)


@pytest.mark.parametrize(("args", "words"), [
    (("instalment", "2025-09", "24"), "choose 3/6/9/12"),
    (("instalment", "2025-09", "abc"), "abc"),
    (("instalment", "2025-09", "3", "--on", "2025-09-06"), "after today"),
    (("instalment", "2025-09"), "PERIODS"),
    (("instalment", "2025-09", "3", "--cancel"), "--cancel"),
    (("instalment", "2025-07", "3"), "there is no bill 2025-07"),
])
def test_bad_instalment_input_is_refused(bill: Huabei, db: Path, args: tuple[str, ...], words: str) -> None:
    assert words in refused(bill, db, *args)


def test_instalment_twice_is_refused(bill: Huabei, db: Path) -> None:
    bill.ok("instalment", "2025-09", "3", today="2025-09-05")
    assert "already split into 3 on 2025-09-05" in refused(bill, db, "instalment", "2025-09", "6")


def test_cancel_undoes_a_split_until_its_first_part_is_issued(bill: Huabei, db: Path) -> None:
    bill.ok("instalment", "2025-09", "3", today="2025-09-05")
    result = bill.ok("instalment", "2025-09", "--cancel", today="2025-09-30", lang="zh")
    assert "已取消 2025-09 账单分期" in result.out
    assert bill_of(bill, "2025-09", "2025-09-30")["status"] == "overdue"  # back to a bill never paid
    bill.ok("instalment", "2025-09", "3", today="2025-09-05")
    assert "can no longer be cancelled" in refused(bill, db, "instalment", "2025-09", "--cancel", today="2025-10-01")
    assert "is not split" in refused(bill, db, "instalment", "2025-08", "--cancel")


# -- account set --min-rate / --interest-rate ------------------------------------------------------------------------

def test_min_rate_and_interest_rate_are_settings(bill: Huabei) -> None:
    out = bill.ok("account", "set", "--min-rate", "12", "--interest-rate", "0.04", today="2025-09-05").out
    assert "12%" in out and "0.04%" in out
    data = status(bill, "2025-09-05")
    assert (data["account"]["min_rate_percent"], data["account"]["interest_rate_percent_per_day"]) == ("12", "0.04")
    assert bill_of(bill, "2025-09", "2025-09-05")["minimum"] == "240.00"  # 12 % of ¥2,000.00


@pytest.mark.parametrize(("option", "value", "words"), [
    ("--min-rate", "0", "more than 0"),
    ("--min-rate", "101", "at most 100"),
    ("--min-rate", "ten", "not a percent"),
    ("--interest-rate", "-1", "negative"),
    ("--interest-rate", "9", "too high"),
])
def test_bad_rates_are_refused(bill: Huabei, db: Path, option: str, value: str, words: str) -> None:
    assert words in refused(bill, db, "account", "set", option, value)


def test_one_bad_option_saves_none(bill: Huabei, db: Path) -> None:
    refused(bill, db, "account", "set", "--min-rate", "15", "--interest-rate", "x")


# -- bill set --minimum ------------------------------------------------------------------------------------------------

def test_a_typed_minimum_wins_and_auto_removes_it(bill: Huabei) -> None:
    out = bill.ok("bill", "set", "2025-09", "--minimum", "150", today="2025-09-05").out
    assert "150.00" in out
    assert bill_of(bill, "2025-09", "2025-09-05")["minimum"] == "150.00"
    bill.ok("pay", "2025-09", "150", "--on", "2025-09-10", today="2025-09-10")
    assert bill_of(bill, "2025-09", "2025-09-11")["status"] == "minimum_paid"
    bill.ok("bill", "set", "2025-09", "--minimum", "auto", today="2025-09-11")
    assert bill_of(bill, "2025-09", "2025-09-11")["status"] == "overdue"  # ¥150 < the rule's ¥200


def test_the_amount_of_bill_set_is_unchanged(bill: Huabei) -> None:
    bill.ok("bill", "set", "2025-09", "2500", today="2025-09-05")
    assert bill_of(bill, "2025-09", "2025-09-05")["amount"] == "2500.00"


def test_amount_and_minimum_together(bill: Huabei) -> None:
    bill.ok("bill", "set", "2025-09", "2500", "--minimum", "300", today="2025-09-05")
    got = bill_of(bill, "2025-09", "2025-09-05")
    assert (got["amount"], got["minimum"]) == ("2500.00", "300.00")


@pytest.mark.parametrize(("args", "words"), [
    (("bill", "set", "2025-09", "--minimum", "2000.01"), "cannot be more than the ¥2,000.00"),
    (("bill", "set", "2025-09", "--minimum", "-5"), "negative"),
    (("bill", "set", "2025-09", "--minimum", "lots"), "not an amount"),
    (("bill", "set", "2025-07", "--minimum", "10"), "there is no bill 2025-07"),
    (("bill", "set", "2025-09"), "a new amount, or its minimum with --minimum"),
    (("bill", "set", "2025-09", "1000", "--minimum", "1500"), "cannot be more than the ¥1,000.00"),
])
def test_bad_minimum_is_refused(bill: Huabei, db: Path, args: tuple[str, ...], words: str) -> None:
    assert words in refused(bill, db, *args)
