"""Every ``huabei`` command, in-process, on a temporary database with a fixed ``--today``."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from huabei_tui.textwidth import cell_width
from support.huabei_cli import Huabei

from .helpers import TODAY

MONEY = re.compile(r"^-?\d+\.\d{2}$")


def status(huabei: Huabei, **kwargs: object) -> dict:
    return json.loads(huabei.ok("status", "--json", **kwargs).out)  # type: ignore[arg-type]


def worked_examples(huabei: Huabei) -> None:
    huabei.ok("account", "set", "--opened", "2024-01-01")
    huabei.ok("bill", "add", "2025-07", "1500")
    huabei.ok("pay", "2025-07", "1000", "--on", "2025-07-13")
    huabei.ok("pay", "2025-07", "500", "--on", "2025-07-15")
    huabei.ok("bill", "add", "2025-08", "800")


# -- demo ------------------------------------------------------------------------------------------------------

def test_demo_fills_an_empty_database(huabei: Huabei, db: Path) -> None:
    result = huabei.ok("demo")
    assert "Demo data written" in result.out and str(db) in result.out
    data = status(huabei)
    assert len(data["bills"]) >= 24
    assert len([b for b in data["overdue"]]) == 1
    assert data["account"]["credit_reporting"] == "reported"
    assert data["next_bill"]["paid"] != "0.00"


def test_demo_refuses_data_without_force(huabei: Huabei, db: Path) -> None:
    huabei.ok("bill", "add", "2025-08", "12")
    before = db.read_bytes()
    result = huabei("demo")
    assert result.code == 2
    assert len(result.err_lines) == 1 and "--force" in result.err
    assert db.read_bytes() == before


def test_demo_refuses_typed_settings_without_force(huabei: Huabei, db: Path) -> None:
    huabei.ok("account", "set", "--limit", "3000")
    before = db.read_bytes()
    assert huabei("demo").code == 2
    assert db.read_bytes() == before


def test_demo_force_replaces(huabei: Huabei) -> None:
    huabei.ok("bill", "add", "2015-03", "12")
    huabei.ok("demo", "--force")
    months = [b["month"] for b in status(huabei)["bills"]]
    assert "2015-03" not in months
    assert len(months) >= 24


def test_demo_is_the_same_for_the_same_today(huabei: Huabei, tmp_path: Path) -> None:
    other = tmp_path / "other.json"
    huabei.ok("demo")
    huabei.ok("demo", db=other)
    a = json.loads(huabei.ok("export", "--format", "json").out)
    b = json.loads(huabei.ok("export", "--format", "json", db=other).out)
    for data in (a, b):
        for payment in data["payments"]:
            payment.pop("id")
    assert a == b


# -- account ---------------------------------------------------------------------------------------------------

def test_account_shows_defaults(huabei: Huabei, db: Path) -> None:
    out = huabei.ok("account").out
    assert re.search(r"Statement day\s+1$", out, re.M)
    assert re.search(r"Due day\s+10$", out, re.M)
    assert re.search(r"Limit\s+unknown$", out, re.M)
    assert not db.exists()  # looking leaves no file behind


@pytest.mark.parametrize(
    ("option", "value", "key", "expected"),
    [
        ("--limit", "¥3,000", "limit", "3000.00"),
        ("--limit", "１２３４．５", "limit", "1234.50"),
        ("--statement-day", "25", "statement_day", 25),
        ("--due-day", "28", "due_day", 28),
        ("--auto-repay", "on", "auto_repay", True),
        ("--auto-repay", "off", "auto_repay", False),
        ("--balance", "1,200.50", "balance", "1200.50"),
        ("--balance", "0", "balance", "0.00"),
        ("--opened", "2023-02-28", "opened", "2023-02-28"),
        ("--fee-rate", "0.1", "fee_rate_percent_per_day", "0.1"),
        ("--fee-rate", "0.05%", "fee_rate_percent_per_day", "0.05"),
    ],
)
def test_account_set_each_option(huabei: Huabei, option: str, value: str, key: str, expected: object) -> None:
    result = huabei.ok("account", "set", option, value)
    assert "Settings saved" in result.out
    assert status(huabei)["account"][key] == expected


def test_account_set_balance_records_today(huabei: Huabei) -> None:
    huabei.ok("account", "set", "--balance", "800", today="2025-08-20")
    account = status(huabei)["account"]
    assert (account["balance"], account["balance_checked_on"]) == ("800.00", "2025-08-20")
    out = huabei.ok("account").out
    assert "(checked 2025-08-20)" in out


def test_account_set_several_options_at_once(huabei: Huabei) -> None:
    huabei.ok("account", "set", "--statement-day", "25", "--due-day", "15", "--limit", "5000", "--auto-repay", "yes")
    account = status(huabei)["account"]
    assert (account["statement_day"], account["due_day"], account["limit"], account["auto_repay"]) == (
        25, 15, "5000.00", True)


def test_account_set_without_options_changes_nothing(huabei: Huabei, db: Path) -> None:
    result = huabei.ok("account", "set")
    assert "Settings saved" not in result.out
    assert not db.exists()


# -- bills and payments ----------------------------------------------------------------------------------------

def test_bill_add_set_remove_list(huabei: Huabei) -> None:
    assert "Bill 2025-08 of ¥1,234.50 added" in huabei.ok("bill", "add", "2025-08", "¥1,234.50").out
    assert "Bill 2025-08 set to ¥99.00" in huabei.ok("bill", "set", "2025-08", "99").out
    huabei.ok("bill", "add", "2025-09", "10")
    bills = json.loads(huabei.ok("bill", "list", "--json").out)
    assert [(b["month"], b["amount"], b["source"]) for b in bills] == [("2025-08", "99.00", "manual"),
                                                                     ("2025-09", "10.00", "manual")]
    text = huabei.ok("bill", "list").out
    assert "2025-08" in text and "¥99.00" in text and "overdue" in text
    assert "Bill 2025-09 removed" in huabei.ok("bill", "remove", "2025-09").out
    assert [b["month"] for b in json.loads(huabei.ok("bill", "list", "--json").out)] == ["2025-08"]


def test_bill_list_empty(huabei: Huabei) -> None:
    assert "No bills yet" in huabei.ok("bill", "list").out
    assert json.loads(huabei.ok("bill", "list", "--json").out) == []


def test_bill_set_creates_or_replaces(huabei: Huabei) -> None:
    huabei.ok("bill", "set", "2025-08", "5")
    huabei.ok("bill", "set", "2025-08", "6")
    assert [b["amount"] for b in status(huabei)["bills"]] == ["6.00"]


def test_pay_defaults_to_today(huabei: Huabei) -> None:
    huabei.ok("bill", "add", "2025-09", "300")
    result = huabei.ok("pay", "2025-09", "100")
    assert "¥100.00 paid on 2025-09-01 to bill 2025-09 (¥200.00 still outstanding)" in result.out
    data = json.loads(huabei.ok("export", "--format", "json").out)
    assert [(p["month"], p["amount"], p["on"]) for p in data["payments"]] == [("2025-09", "100.00", TODAY)]


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_paying_a_bill_carried_into_the_next_says_where_the_payment_went(huabei: Huabei, lang: str) -> None:
    """After the minimum, the rest of bill 2025-09 moves into bill 2025-10 on 10-01; "pay 2025-09" then pays bill
    2025-10 (the rule), but only the month in the confirmation said so: the user typed 2025-09."""
    huabei.ok("bill", "add", "2025-09", "2000", today="2025-09-01")
    huabei.ok("pay", "2025-09", "200", today="2025-09-10")
    paid = huabei.ok("pay", "2025-09", "100", today="2025-10-05", lang=lang)
    if lang == "en":
        assert paid.out.splitlines() == [
            "Recorded ¥100.00 paid on 2025-10-05 to bill 2025-10 (¥1,718.00 still outstanding)",
            "Bill 2025-09 was carried into bill 2025-10, so the payment goes on 2025-10"]
    else:
        assert paid.out.splitlines()[1] == "2025-09 账单的余款已转入 2025-10 账单，这笔还款记在 2025-10 账单上"
    assert len(huabei.ok("pay", "2025-10", "100", today="2025-10-05").out.splitlines()) == 1  # the bill it names


def test_pay_on_a_date(huabei: Huabei) -> None:
    huabei.ok("bill", "add", "2025-08", "300")
    huabei.ok("pay", "2025-08", "300", "--on", "2025/8/9")
    bill = status(huabei)["bills"][0]
    assert (bill["status"], bill["settled_on"], bill["paid"], bill["outstanding"]) == ("paid", "2025-08-09",
                                                                                      "300.00", "0.00")


def test_worked_examples_through_the_cli(huabei: Huabei) -> None:
    worked_examples(huabei)
    data = status(huabei)
    bills = {b["month"]: b for b in data["bills"]}
    july, august = bills["2025-07"], bills["2025-08"]
    assert (july["due_date"], july["overdue_days"], july["fee"], july["settled_on"], july["record_expires_on"],
            july["status"]) == ("2025-07-10", 5, "2.75", "2025-07-15", "2030-07-15", "paid_late")
    assert (august["overdue_days"], august["fee"], august["fee_per_day"], august["record_expires_on"],
            august["status"]) == (22, "8.80", "0.40", None, "overdue")
    grid = {g["month"]: g["code"] for g in data["grid"]}
    assert [grid["2025-07"], grid["2025-08"], grid["2025-09"]] == ["1", "1", "1"]


def test_worked_example_2_through_the_cli(huabei: Huabei) -> None:
    huabei.ok("account", "set", "--statement-day", "25", "--due-day", "15", today="2025-03-01")
    huabei.ok("bill", "add", "2025-01", "10", today="2025-03-01")
    bill = status(huabei, today="2025-03-01")["bills"][0]
    assert (bill["statement_date"], bill["due_date"]) == ("2025-01-25", "2025-02-15")
    huabei.ok("pay", "2025-01", "10", "--on", "2024-12-25", today="2025-03-01")  # the cycle's first day


# -- status ----------------------------------------------------------------------------------------------------

ACCOUNT_KEYS = {"limit", "used", "available", "statement_day", "due_day", "auto_repay", "balance",
                "balance_checked_on", "credit_reporting", "opened", "fee_rate_percent_per_day",
                "min_rate_percent", "interest_rate_percent_per_day", "unbilled_installments"}
BILL_KEYS = {"month", "statement_date", "due_date", "amount", "paid", "outstanding", "status", "overdue_days", "fee",
             "fee_per_day", "settled_on", "record_expires_on", "days_to_due", "issued", "source",
             # issue 12: the parts of the amount, the minimum payment, interest and where a remainder moved
             "spending", "carried_in", "interest_in", "instalment_due", "minimum", "interest", "carried_to"}
NEXT_BILL_KEYS = {"month", "due_date", "amount", "paid", "outstanding", "minimum", "days_to_due", "shortfall"}


def test_status_json_contract(huabei: Huabei) -> None:
    huabei.ok("demo")
    data = status(huabei)
    assert {"today", "account", "next_bill", "bills", "overdue", "grid", "clean_streak_months", "fees_total",
            "warnings"} <= set(data)
    assert data["today"] == TODAY
    assert set(data["account"]) == ACCOUNT_KEYS
    assert set(data["next_bill"]) == NEXT_BILL_KEYS
    for bill in data["bills"] + data["overdue"]:
        assert set(bill) == BILL_KEYS
        for key in ("amount", "paid", "outstanding", "fee", "fee_per_day", "spending", "carried_in", "interest_in",
                    "instalment_due", "minimum", "interest"):
            assert isinstance(bill[key], str) and MONEY.match(bill[key]), (key, bill[key])
    for key in ("limit", "used", "available", "balance", "unbilled_installments"):
        assert MONEY.match(data["account"][key]), key
    for key in ("amount", "paid", "outstanding", "minimum", "shortfall"):
        assert MONEY.match(data["next_bill"][key]), key
    assert MONEY.match(data["fees_total"])
    assert len(data["grid"]) == 24 and data["grid"][-1]["month"] == "2025-09"
    assert data["warnings"] == ["warn.shortfall", "warn.balance_stale", "warn.auto_repay_off"]


def test_status_json_nulls_for_unknowns(huabei: Huabei) -> None:
    huabei.ok("bill", "add", "2025-09", "100.5")
    data = status(huabei)
    for key in ("limit", "available", "auto_repay", "balance", "balance_checked_on", "opened"):
        assert data["account"][key] is None, key
    assert data["next_bill"]["shortfall"] is None
    assert data["next_bill"]["days_to_due"] == 9
    assert data["bills"][0]["amount"] == "100.50"
    assert data["bills"][0]["settled_on"] is None


def _assert_aligned(lines: list[str]) -> None:
    """The lines of one table: the gaps shown by the dashes line are blank on every line."""
    separator = lines[1]
    gaps = [i for i, ch in enumerate(separator) if ch == " "]
    for line in lines:
        flat: list[str] = []
        for ch in line:
            flat += [ch] + [""] * (cell_width(ch) - 1)
        for gap in gaps:
            assert gap >= len(flat) or flat[gap] == " ", line


def _tables(text: str) -> list[list[str]]:
    lines = text.splitlines()
    found = []
    for i, line in enumerate(lines):
        if re.fullmatch(r"-+( +-+)+", line):
            rows = [lines[i - 1], line]
            for row in lines[i + 1:]:
                if not re.match(r"\d{4}-\d{2}\b|\+ |▶ |Pay in |Minimum|Split in |\d+ days? late|全额还款|最低还款|分 \d|逾期 \d", row):  # a bill, an episode, an instalment, an option
                    break
                rows.append(row)
            found.append(rows)
    return found


def test_status_text_en(huabei: Huabei) -> None:
    worked_examples(huabei)
    huabei.ok("account", "set", "--balance", "100", "--auto-repay", "off", today="2025-08-20")
    out = huabei.ok("status").out
    assert out.startswith("Today: 2025-09-01\n")
    assert "! Bill 2025-08 is 22 days overdue: repay ¥800.00 now; each day adds ¥0.40" in out
    assert "! Balance last checked 12 days ago" in out
    assert "! Auto-repay is off" in out
    assert "2030-07-15" in out and "unpaid" in out
    assert "¥8.80 (+¥0.40/day)" in out
    assert "0 clean months in a row" in out  # the status screen's words
    tables = _tables(out)
    assert len(tables) == 1
    _assert_aligned(tables[0])


def test_status_text_zh(huabei: Huabei) -> None:
    worked_examples(huabei)
    out = huabei.ok("status", lang="zh").out
    assert out.startswith("今天：2025-09-01\n")
    assert "! 2025-08 账单已逾期 22 天" in out
    assert "还款日" in out and "出账日" in out
    assert "¥8.80（+¥0.40/天）" in out
    assert "未还清的逾期还没有记录到期日" in out
    assert "连续 0 个月无逾期" in out  # the status screen's words
    tables = _tables(out)
    assert len(tables) == 1
    _assert_aligned(tables[0])
    # the key/value blocks line up too: every value of [额度与账户] starts at the same cell
    block = out.split("[额度与账户]\n", 1)[1].split("\n\n", 1)[0].splitlines()
    starts = set()
    for line in block:
        label = line.split("  ", 1)[0]
        rest = line[len(label):]
        starts.add(cell_width(label) + len(rest) - len(rest.lstrip(" ")))
    assert len(starts) == 1


def test_status_on_an_empty_database(huabei: Huabei, db: Path) -> None:
    out = huabei.ok("status").out
    assert "Nothing to pay" in out
    assert not db.exists()


# -- export ----------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("lang", ["en", "zh"])
def test_export_text(huabei: Huabei, lang: str) -> None:
    huabei.ok("demo")
    out = huabei.ok("export", lang=lang).out
    title = "Huabei account summary" if lang == "en" else "花呗账户摘要"
    assert out.startswith(title + "\n")
    tables = _tables(out)
    assert len(tables) == 5  # the planner, the month's bills and instalments, every bill, the overdue history
    for table in tables:
        _assert_aligned(table)
    assert out == huabei.ok("export", "--format", "text", lang=lang).out


@pytest.mark.parametrize("screen", ["status", "calendar", "checklist", "recovery"])
def test_export_one_screen(huabei: Huabei, screen: str) -> None:
    huabei.ok("demo")
    out = huabei.ok("export", "--screen", screen).out
    assert out.startswith("Huabei account summary\nGenerated 2025-09-01\n")
    for table in _tables(out):
        _assert_aligned(table)


def test_export_json(huabei: Huabei) -> None:
    huabei.ok("demo")
    data = json.loads(huabei.ok("export", "--format", "JSON").out)
    assert {"payments", "purchases", "installment_plans", "authorization_check", "contacts"} <= set(data)
    assert data["bills"] == status(huabei)["bills"]


@pytest.mark.parametrize("fmt", ["text", "json"])
def test_export_to_a_file(huabei: Huabei, tmp_path: Path, fmt: str) -> None:
    huabei.ok("demo")
    target = tmp_path / f"summary.{fmt}"
    result = huabei.ok("export", "--format", fmt, "-o", str(target))
    assert result.out == ""
    assert f"Exported to {target}" in result.err
    assert target.read_text(encoding="utf-8") == huabei.ok("export", "--format", fmt).out


# -- grid ------------------------------------------------------------------------------------------------------

@pytest.mark.parametrize(("months", "years"), [("24", 3), ("60", 6)])
def test_grid(huabei: Huabei, months: str, years: int) -> None:
    """The recovery screen's grid: month numbers, then a row per year (2023-10 … 2025-09 for 24 months)."""
    worked_examples(huabei)
    lines = huabei.ok("grid", "--months", months).out.splitlines()
    assert lines[0].startswith("Repayment grid (an estimate")
    assert lines[1].split()[:12] == [str(n) for n in range(1, 13)]
    rows = [line for line in lines[2:] if line[:4].isdigit()]
    assert len(rows) == years and len(lines) == years + 2  # the legend stands beside the rows
    codes = " ".join(row[4:40] for row in rows).split()
    assert len(codes) == int(months)
    assert codes[-3:] == ["1", "1", "1"]
    assert rows[-1].startswith("2025") and rows[0].startswith(str(2025 - years + 1))


def test_grid_default_is_24(huabei: Huabei) -> None:
    lines = huabei.ok("grid").out.splitlines()
    assert len(lines) == 6  # title, month numbers, 2023, 2024, 2025, the legend's last line under them
    # a new file has no opening date: every month is unknown, and the legend says what "?" means
    assert lines[3].startswith("2024  ?  ?") and lines[-1].strip() == "?  unknown (no opening date)"
    huabei.ok("account", "set", "--opened", "2024-01-01")
    assert len(huabei.ok("grid").out.splitlines()) == 5  # "/" and "*" only: no legend line for "?"


# -- checklists and contacts -----------------------------------------------------------------------------------

def test_check_tick_and_answer(huabei: Huabei) -> None:
    out = huabei.ok("check", "tick", "1").out
    assert "Ticked: Open the Alipay app" in out
    ticked = next(line for line in out.splitlines() if line.startswith("[x] 1. Open the Alipay app"))
    assert ticked.endswith("  2025-09-01")  # the date in its column, as on screen
    out = huabei.ok("check", "tick", "find_authorization").out
    assert "[x] 5." in out
    out = huabei.ok("check", "answer", "found").out
    assert "Answer recorded: found" in out
    assert status(huabei)["account"]["credit_reporting"] == "reported"
    huabei.ok("check", "answer", "not-found")
    assert status(huabei)["account"]["credit_reporting"] == "not_reported"
    out = huabei.ok("check", "tick", "1", "--off").out
    assert "Unticked" in out and "[ ] 1." in out
    data = json.loads(huabei.ok("export", "--format", "json").out)
    assert data["authorization_check"] == {"ticks": {"find_authorization": TODAY}, "answer": "not_found",
                                           "answered_on": TODAY}


def test_check_other_lists(huabei: Huabei) -> None:
    huabei.ok("check", "tick", "2", "--list", "recovery")
    huabei.ok("check", "tick", "close_huabei", "--list", "revoke")
    data = json.loads(huabei.ok("export", "--format", "json").out)
    assert data["recovery_steps"] == {"repay_all": TODAY}
    assert data["revoke_steps"] == {"close_huabei": TODAY}
    assert "[ ] 1. Open the Alipay app" in huabei.ok("check").out



def test_ticking_a_recovery_step_shows_the_recovery_steps(huabei: Huabei) -> None:
    """``check tick --list recovery 2`` said “Ticked: …” and then printed the authorization and revoke lists, where
    the step just ticked is not: the user could not see it ticked."""
    for lang, title in (("en", "Recovery steps (article §4)"), ("zh", "修复步骤（文章第四节）")):
        out = huabei.ok("check", "tick", "2", "--list", "recovery", lang=lang).out
        assert title in out, out
        step = out[out.index("[x] 2."):].split("[ ] 3.")[0]  # the step, wrapped or not, with its date
        assert step.rstrip().endswith(TODAY), out

def test_contact_add(huabei: Huabei) -> None:
    out = huabei.ok("contact", "add", "--topic", "deferral", "--outcome", "不能延期 / no", "--note", "call 2",
                    "--on", "2025-08-30").out
    assert "Contact logged" in out
    assert "2025-08-30  asked for deferral: 不能延期 / no (call 2)" in out
    huabei.ok("contact", "add", "--topic", "Instalments", "--outcome", "ok")
    data = json.loads(huabei.ok("export", "--format", "json").out)
    assert [(c["on"], c["topic"]) for c in data["contacts"]] == [("2025-08-30", "deferral"), (TODAY, "instalments")]
    assert "客服沟通记录" in huabei.ok("contact", lang="zh").out


# -- backups ---------------------------------------------------------------------------------------------------

def test_backups(huabei: Huabei) -> None:
    assert "No usable backup found" in huabei.ok("backups").out
    huabei.ok("bill", "add", "2025-08", "1")
    huabei.ok("bill", "set", "2025-08", "2")
    huabei.ok("bill", "set", "2025-08", "3")
    lines = huabei.ok("backups").out.splitlines()
    assert lines[0] == "Backups (newest first):"
    listed = [Path(line.strip()) for line in lines[1:]]
    assert len(listed) >= 2
    assert all(path.exists() for path in listed)



def test_restore_over_a_healthy_file_does_not_call_it_damaged(huabei: Huabei, db: Path) -> None:
    """Going back to a backup on a good file kept that file as ``.damaged-…`` and said “the damaged file is
    kept”: the user's healthy file was called damaged. The copy is kept, and the message says what it is."""
    huabei.ok("bill", "add", "2025-08", "1")
    huabei.ok("bill", "set", "2025-08", "2")
    for lang, damaged in (("en", "damaged file"), ("zh", "损坏")):
        out = huabei.ok("restore", lang=lang).out
        assert damaged not in out, out  # (the copy's own name, ``.damaged-<time>``, is the documented one)
    assert "the file it replaced is kept as" in huabei.ok("restore").out


def test_restore_of_a_backup_that_does_not_exist_is_bad_input(huabei: Huabei, db: Path) -> None:
    """``huabei restore typo`` exited 1 with “Could not read the data file typo”: it is not the data file, and
    a mistyped name is bad input (exit 2, one line pointing at ``huabei backups``), the file left as it was."""
    huabei.ok("bill", "add", "2025-08", "1")
    huabei.ok("bill", "set", "2025-08", "2")
    before = huabei.snapshot()
    for lang in ("en", "zh"):
        result = huabei("restore", str(db.parent / "typo.json"), lang=lang)
        assert result.code == 2, result
        assert len(result.err_lines) == 1 and "huabei backups" in result.err
        assert "data file" not in result.err and "数据文件" not in result.err
    assert huabei.snapshot() == before

# -- issue 12: the hard month -------------------------------------------------------------------------------------

def test_the_minimum_paid_on_the_due_date_is_not_an_overdue(huabei: Huabei) -> None:
    """Issue 12's report: bill 2026-06 of ¥1,000, ¥100 (the minimum) paid on 06-10 was called overdue with ¥4.50
    of fee by 06-20. It is minimum_paid: no fee, no record; 10 days × 900 × 0.05% = ¥4.50 is interest instead."""
    huabei.ok("account", "set", "--opened", "2024-01-01", today="2026-06-05")
    huabei.ok("bill", "add", "2026-06", "1000", today="2026-06-05")
    huabei.ok("pay", "2026-06", "100", "--on", "2026-06-10", today="2026-06-10")
    data = status(huabei, today="2026-06-20")
    june = data["bills"][0]
    assert (june["status"], june["fee"], june["overdue_days"], june["record_expires_on"]) == (
        "minimum_paid", "0.00", 0, None)
    assert (june["minimum"], june["interest"], june["outstanding"]) == ("100.00", "4.50", "900.00")
    assert data["overdue"] == [] and data["fees_total"] == "0.00"
    assert {g["month"]: g["code"] for g in data["grid"]}["2026-06"] == "N"
    july = status(huabei, today="2026-07-01")["bills"][1]
    assert (july["month"], july["carried_in"], july["interest_in"], july["amount"]) == (
        "2026-07", "900.00", "9.00", "909.00")  # 06-11 … 06-30: 20 days × 900 × 0.05% = ¥9.00
    # Paid to June after the move, the money pays July, and the message names the bill it paid.
    out = huabei.ok("pay", "2026-06", "100", "--on", "2026-07-02", today="2026-07-02").out
    assert "to bill 2026-07" in out and "¥809.00 still outstanding" in out
