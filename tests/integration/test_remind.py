"""``huabei remind``: silent when all is well, one line per bill otherwise, and exit codes scripts can branch on.

Exit codes (documented in the README): 0 nothing due, 3 due within DAYS, 4 overdue, 2 bad input, 1 data file.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from huabei_tui.domain.dates import Month
from huabei_tui.storage.repository import Repository
from huabei_tui.storage.store import Store

# Bill 2025-09 (default statement day 1, due day 10): issued 2025-09-01, due 2025-09-10.
DUE = "2025-09-10"


@pytest.fixture
def one_bill(huabei):
    huabei.ok("bill", "add", "2025-09", "1234.50", today="2025-09-01")
    return huabei


def test_nothing_at_all_is_silent(huabei) -> None:
    result = huabei("remind", today="2025-09-01")
    assert (result.code, result.out, result.err) == (0, "", "")


@pytest.mark.parametrize(("today", "within", "code"), [
    ("2025-09-06", "3", 0),  # 4 days left: outside the default window
    ("2025-09-07", "3", 3),  # exactly 3 days left: inside
    ("2025-09-06", "4", 3),
    ("2025-09-06", "0", 0),
    ("2025-09-10", "0", 3),  # due today: 0 means today, still on time
    ("2025-09-01", "365", 3),
])
def test_due_within_days_boundary(one_bill, today: str, within: str, code: int) -> None:
    result = one_bill("remind", "--within", within, today=today)
    assert result.code == code, result
    assert result.err == ""
    if code == 0:
        assert result.out == ""
    else:
        assert result.out.count("\n") == 1
        assert "2025-09" in result.out and DUE in result.out and "¥1,234.50" in result.out


def test_default_window_is_three_days(one_bill) -> None:
    assert one_bill("remind", today="2025-09-07").code == 3
    assert one_bill("remind", today="2025-09-06").code == 0


@pytest.mark.parametrize(("lang", "due", "overdue"), [
    ("zh", "花呗 2025-09 账单", "花呗 2025-09 账单已逾期 1 天：待还 ¥1,234.50"),
    ("en", "Huabei bill 2025-09", "Huabei bill 2025-09 is 1 days overdue"),
])
def test_both_languages(one_bill, lang: str, due: str, overdue: str) -> None:
    soon = one_bill("remind", today="2025-09-08", lang=lang)
    assert soon.code == 3 and soon.out.startswith(due)
    late = one_bill("remind", today="2025-09-11", lang=lang)
    assert late.code == 4
    assert late.out.startswith(overdue[: len(due)])
    if lang == "zh":
        assert overdue in late.out
    else:
        assert "overdue" in late.out and "¥1,234.50" in late.out


def test_overdue_wins_and_every_bill_gets_a_line(huabei) -> None:
    huabei.ok("bill", "add", "2025-08", "100", today="2025-09-01")  # due 2025-08-10: overdue
    huabei.ok("bill", "add", "2025-09", "200", today="2025-09-01")  # due 2025-09-10
    result = huabei("remind", "--within", "10", today="2025-09-01")
    assert result.code == 4
    lines = result.out.splitlines()
    assert len(lines) == 2 and "2025-08" in lines[0] and "2025-09" in lines[1]


def test_paid_bills_are_silent(one_bill) -> None:
    one_bill.ok("pay", "2025-09", "1234.50", today="2025-09-05")
    for today in ("2025-09-08", "2025-09-10", "2025-09-20"):
        result = one_bill("remind", "--within", "30", today=today)
        assert (result.code, result.out) == (0, "")


@pytest.mark.parametrize("within", ["-1", "x", "366", "", "3.5"])
def test_bad_within_exits_2(one_bill, within: str) -> None:
    result = one_bill("remind", "--within", within, today="2025-09-08")
    assert result.code == 2
    assert result.out == ""
    assert "0–365" in result.err


def test_a_damaged_data_file_exits_1(huabei, db: Path) -> None:
    db.write_text("{not json", encoding="utf-8")
    result = huabei("remind", today="2025-09-08")
    assert result.code == 1
    assert str(db) in result.err


@pytest.mark.parametrize(("lang", "line"), [
    ("zh", "花呗 2025-09 账单，2 天后到期：2025-09-10 前至少还 ¥123.45 即可保持记录良好（全额 ¥1,234.50）\n"),
    ("en", "Huabei bill 2025-09 due in 2 days: pay at least ¥123.45 by 2025-09-10 to stay clean (full: ¥1,234.50)\n"),
])
def test_due_soon_says_the_least_that_keeps_the_record_clean(one_bill, lang: str, line: str) -> None:
    # The minimum is 10% of ¥1,234.50 = ¥123.45.
    result = one_bill("remind", today="2025-09-08", lang=lang)
    assert (result.code, result.out) == (3, line)


@pytest.mark.parametrize(("lang", "line"), [
    ("zh", "花呗 2025-09 账单，今天到期：最低还款已还，记录良好；2025-09-10 前还清余下的 ¥1,034.50 可免利息\n"),
    ("en", "Huabei bill 2025-09 due today: minimum paid, record clean; pay the other ¥1,034.50 by 2025-09-10 "
           "to avoid interest\n"),
])
def test_minimum_already_paid_is_said_so(one_bill, lang: str, line: str) -> None:
    one_bill.ok("pay", "2025-09", "200", "--on", "2025-09-05", today="2025-09-05")
    result = one_bill("remind", today="2025-09-10", lang=lang)
    assert (result.code, result.out) == (3, line)


def test_a_minimum_of_the_whole_bill_asks_for_it_all(one_bill) -> None:
    # Alipay's own minimum typed in as the whole bill: there is no cheaper clean choice to name.
    Repository(Store(one_bill.db)).set_minimum(Month(2025, 9), 123450, date(2025, 9, 5))
    result = one_bill("remind", today="2025-09-08", lang="en")
    assert (result.code, result.out) == (3, "Huabei bill 2025-09 due in 2 days (2025-09-10): ¥1,234.50 to pay\n")


def test_after_a_minimum_payment_nothing_is_due_or_overdue(one_bill) -> None:
    one_bill.ok("pay", "2025-09", "123.45", "--on", "2025-09-10", today="2025-09-10")
    result = one_bill("remind", "--within", "3", today="2025-09-11")
    assert (result.code, result.out) == (0, "")
