"""The JSON shape and the plain-text summaries built from one Summary (no file, no CLI)."""

from __future__ import annotations

import json
import re
from datetime import UTC
from decimal import Decimal

import pytest

from huabei_tui.domain.account import Account
from huabei_tui.domain.dates import Month
from huabei_tui.domain.demo import demo_ledger
from huabei_tui.domain.ledger import Checklist, Ledger
from huabei_tui.domain.summary import summarize
from huabei_tui.io import json_view
from huabei_tui.session import Snapshot
from huabei_tui.textwidth import cell_width
from huabei_tui.views import text_report
from huabei_tui.views.blocks import plain_lines
from huabei_tui.views.phrases import due_phrase
from huabei_tui.views.recovery import episode_table
from huabei_tui.views.status import status_page

from .helpers import d, m, pay

MONEY = re.compile(r"^-?\d+\.\d{2}$")
DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")

BILL_KEYS = {"month", "statement_date", "due_date", "amount", "paid", "outstanding", "status", "overdue_days", "fee",
             "fee_per_day", "settled_on", "record_expires_on", "days_to_due", "issued", "source",
             "spending", "carried_in", "interest_in", "instalment_due", "minimum", "interest", "carried_to"}
ACCOUNT_KEYS = {"limit", "used", "available", "statement_day", "due_day", "auto_repay", "balance",
                "balance_checked_on", "credit_reporting", "opened", "fee_rate_percent_per_day",
                "min_rate_percent", "interest_rate_percent_per_day", "unbilled_installments"}


def examples_ledger() -> Ledger:
    return Ledger(
        account=Account(opened=d("2024-01-01"), limit=300_000, balance=50_000, balance_checked_on=d("2025-08-30")),
        manual_bills={m("2025-07"): 150_000, m("2025-08"): 80_000, m("2025-09"): 12_345},
        payments=(pay("2025-07", "1000", "2025-07-13"), pay("2025-07", "500", "2025-07-15")),
    )


def cells(line: str) -> list[str]:
    """One entry per terminal cell; the second cell of a wide character is ``""``."""
    out: list[str] = []
    for ch in line:
        width = cell_width(ch)
        if width == 0:
            continue
        out.append(ch)
        out.extend([""] * (width - 1))
    return out


def assert_tables_aligned(text: str) -> int:
    """Every table (header, dashes, rows of bills) keeps its column gaps blank on every line; returns how many."""
    lines = text.splitlines()
    found = 0
    for i, line in enumerate(lines):
        if not re.fullmatch(r"-+( +-+)+", line):
            continue
        found += 1
        separator = cells(line)
        gaps = [c for c, ch in enumerate(separator) if ch == " "]
        block = [lines[i - 1]]
        for row in lines[i + 1:]:
            if not re.match(r"\d{4}-\d{2}\b|\+ |▶ |Pay in |Minimum|Split in |\d+ days? late|全额还款|最低还款|分 \d|逾期 \d", row):  # a bill, an episode, an instalment, an option
                break
            block.append(row)
        assert len(block) >= 2, "a table without rows"
        for row in block:
            row_cells = cells(row)
            assert len(row_cells) <= len(separator), row
            for gap in gaps:
                if gap < len(row_cells):
                    assert row_cells[gap] == " ", f"column gap at cell {gap} broken in {row!r}"
    return found


# -- JSON --------------------------------------------------------------------------------------------------------

def test_status_json_contract() -> None:
    data = json_view.status_json(summarize(examples_ledger(), d("2025-09-01")))
    json.dumps(data)  # serialisable as is
    assert {"today", "account", "next_bill", "bills", "overdue", "grid", "clean_streak_months", "fees_total",
            "warnings"} <= set(data)
    assert data["today"] == "2025-09-01"
    assert set(data["account"]) == ACCOUNT_KEYS
    assert data["account"]["limit"] == "3000.00"
    assert data["account"]["fee_rate_percent_per_day"] == "0.05"
    assert data["account"]["auto_repay"] is None
    for bill in data["bills"]:
        assert set(bill) == BILL_KEYS
        for key in ("amount", "paid", "outstanding", "fee", "fee_per_day"):
            assert MONEY.match(bill[key]), (key, bill[key])
        for key in ("statement_date", "due_date"):
            assert DATE.match(bill[key])
    bills = {b["month"]: b for b in data["bills"]}
    assert bills["2025-07"]["fee"] == "2.75"
    assert bills["2025-07"]["record_expires_on"] == "2030-07-15"
    assert bills["2025-08"]["fee"] == "8.80"
    assert bills["2025-08"]["record_expires_on"] is None
    assert bills["2025-08"]["settled_on"] is None
    assert bills["2025-09"]["amount"] == "123.45"
    assert data["next_bill"] == {"month": "2025-09", "due_date": "2025-09-10", "amount": "123.45", "paid": "0.00",
                                 "outstanding": "123.45", "minimum": "12.35", "days_to_due": 9, "shortfall": "0.00"}
    assert [b["month"] for b in data["overdue"]] == ["2025-07", "2025-08"]
    assert len(data["grid"]) == 24
    assert data["grid"][-1] == {"month": "2025-09", "code": "1"}
    assert data["fees_total"] == "11.55"
    # What to pay now is the overdue bill, not the next one, and the ¥500 balance does not cover it.
    to_pay = data["bill_to_pay"]
    assert (to_pay["month"], to_pay["days_to_due"], to_pay["overdue_days"]) == ("2025-08", -22, 22)
    assert (to_pay["fee"], to_pay["fee_per_day"], to_pay["shortfall"]) == ("8.80", "0.40", "300.00")
    assert data["warnings"] == ["warn.overdue", "warn.shortfall"]


def test_status_json_unknowns_are_null() -> None:
    data = json_view.status_json(summarize(Ledger(), d("2025-09-01")))
    account = data["account"]
    for key in ("limit", "available", "auto_repay", "balance", "balance_checked_on", "opened"):
        assert account[key] is None, key
    assert account["used"] == "0.00"
    assert account["credit_reporting"] == "unknown"
    assert data["next_bill"] is None
    assert data["clean_streak_months"] is None
    assert data["bills"] == [] and data["overdue"] == []
    assert {c["code"] for c in data["grid"]} == {"?"}  # no opening date, no bill: unknown, not "not opened"


def test_full_json_holds_the_records() -> None:
    ledger = demo_ledger(d("2025-09-01"))
    data = json_view.full_json(summarize(ledger, d("2025-09-01")), ledger)
    json.dumps(data, ensure_ascii=False)
    assert len(data["payments"]) == len(ledger.payments)
    assert [p["on"] for p in data["payments"]] == sorted(p["on"] for p in data["payments"])
    assert all(MONEY.match(p["amount"]) for p in data["payments"])
    assert data["installment_plans"][0]["fee_percent"] == str(Decimal("4.5"))
    assert data["purchases"][0]["installments"] == 6
    assert data["authorization_check"]["answer"] == "found"
    assert set(data["recovery_steps"]) == {"contact_service", "repay_all"}
    assert data["contacts"][0]["topic"] == "deferral"


# -- text -------------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("lang", ["zh", "en"])
def test_status_text_of_the_worked_examples(lang: str) -> None:
    text = text_report.status_text(Snapshot.of(examples_ledger(), d("2025-09-01")), lang)
    assert "2025-09-01" in text
    assert "¥2.75" in text and "¥8.80" in text
    assert "2030-07-15" in text
    assert "¥0.40" in text  # the fee per extra day of the unsettled overdue
    assert "¥123.45" in text
    assert assert_tables_aligned(text) == 1
    if lang == "zh":
        assert "2025-08 账单已逾期 22 天：请立即还清 ¥800.00，每多一天多 ¥0.40 逾期费" in text
        assert "[逾期账单]" in text and "之后" in text and "9 天后到期" in text and "未还清" in text
        assert "连续 0 个月无逾期" in text  # the status screen's words
    else:
        assert "Bill 2025-08 is 22 days overdue: repay ¥800.00 now; each day adds ¥0.40" in text
        assert "[Overdue bill]" in text and "Then" in text and "due in 9 days" in text and "unpaid" in text
        assert "0 clean months in a row" in text  # the status screen's words


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("today", ["2025-09-01", "2025-09-10", "2024-02-29"])
def test_every_text_export_lines_up(lang: str, today: str) -> None:
    snapshot = Snapshot.of(demo_ledger(d(today)), d(today))
    full = text_report.full_text(snapshot, lang)
    month_tables = 2  # the bills and the instalments of the month
    assert assert_tables_aligned(full) == month_tables + 3  # + the planner, every bill and the overdue history
    assert assert_tables_aligned(text_report.screen_text(snapshot, lang, "recovery")) == 1
    assert assert_tables_aligned(text_report.screen_text(snapshot, lang, "calendar")) == month_tables + 1
    for text in (full, text_report.screen_text(snapshot, lang, "checklist"),
                 text_report.screen_text(snapshot, lang, "status")):
        assert text.endswith("\n")
        assert all(line == line.rstrip() for line in text.splitlines())


def test_key_value_blocks_line_up_in_chinese() -> None:
    snapshot = Snapshot.of(demo_ledger(d("2025-09-01")), d("2025-09-01"))
    summary = snapshot.summary
    for lines in (text_report.account_lines(summary, "zh"),
                  plain_lines(status_page(snapshot, "zh").to_pay.lines())):
        starts = set()
        for line in lines:
            label = line.split("  ", 1)[0]
            value_at = len(line) - len(line[len(label):].lstrip())
            starts.add(cell_width(line[:value_at]))
        assert len(starts) == 1, lines


@pytest.mark.parametrize(("days", "en", "zh"), [(3, "due in 3 days", "3 天后到期"), (0, "due today", "今天到期"),
                                                (-2, "2 days overdue", "已逾期 2 天")])
def test_due_phrase(days: int, en: str, zh: str) -> None:
    today = d("2025-07-10").fromordinal(d("2025-07-10").toordinal() - days)
    bill = summarize(Ledger(manual_bills={m("2025-07"): 100}), today).bill(m("2025-07"))
    assert bill is not None and bill.days_to_due == days
    assert due_phrase(bill, "en") == en
    assert due_phrase(bill, "zh") == zh


def test_grid_lines() -> None:
    """``huabei grid``: the recovery screen's grid, a row per year and a column per month, 60 months."""
    summary = summarize(examples_ledger(), d("2025-09-01"), 60)
    lines = text_report.repayment_grid_lines(summary.grid, Month(2025, 9), "en")
    assert lines[0] == "Repayment grid (an estimate: the PBOC report counts)"
    assert lines[1].split()[:12] == [str(n) for n in range(1, 13)]
    rows = {line[:4]: line[4:4 + 36] for line in lines[2:] if line[:4].isdigit()}
    assert list(rows) == ["2020", "2021", "2022", "2023", "2024", "2025"]  # 2020-10 … 2025-09
    assert rows["2020"][:27].strip() == "" and len(rows["2020"].split()) == 3  # from 2020-10 on
    assert rows["2025"].split()[-4:] == ["*", "1", "1", "1"]  # 2025-06 nothing due, then the worked examples
    assert rows["2025"][27:].strip() == ""  # nothing after 2025-09
    assert "".join("".join(row.split()) for row in rows.values()) == "".join(c.code for c in summary.grid)
    assert "N  normal" in lines[1]  # the legend beside the rows, as on screen


def test_checklist_text_marks_ticks_and_answer() -> None:
    ledger = Ledger(auth_check=Checklist(ticks={"open_alipay": d("2025-08-01")}, answer="not_found",
                                         answered_on=d("2025-08-02")))
    text = text_report.checklist_text(Snapshot.of(ledger, d("2025-09-01")), "en")
    ticked = next(line for line in text.splitlines() if line.startswith("[x] 1. Open the Alipay app"))
    assert ticked.endswith("  2025-08-01")  # the date in its column, as on screen
    assert "[ ] 2." in text
    assert "Not found" in text and "2025-08-02" in text
    assert "Credit reporting: not reported" in text
    assert "Revoking only stops new reports" in text


def test_full_json_lists_purchases_stored_with_and_without_an_offset_in_shanghai_order() -> None:
    """A file may hold both kinds (typed by hand, an older import): they sort as Shanghai wall time."""
    from datetime import datetime, timedelta, timezone

    from huabei_tui.domain.ledger import Purchase

    purchases = (
        Purchase("A", datetime(2025, 8, 20, 9, 0), 1000),  # naive: Shanghai wall time
        Purchase("B", datetime(2025, 8, 20, 0, 30, tzinfo=UTC), 2000),  # 08:30 in Shanghai
        Purchase("C", datetime(2025, 8, 20, 9, 30, tzinfo=timezone(timedelta(hours=8))), 3000),
    )
    ledger = Ledger(purchases=purchases)
    data = json_view.full_json(summarize(ledger, d("2025-09-01")), ledger)
    assert [p["order_no"] for p in data["purchases"]] == ["B", "A", "C"]
    assert data["purchases"][0]["time"] == "2025-08-20T00:30:00+00:00"  # stored as given, not rewritten


def test_overdue_table_says_deleted_once_a_record_is_past_its_five_years() -> None:
    """Examples ledger: 2025-07 settled late on 2025-07-15 → its record expires 2030-07-15."""
    ledger = examples_ledger()
    for today, left in (("2030-07-14", "1 d"), ("2030-07-15", "deleted"), ("2031-01-01", "deleted")):
        summary = summarize(ledger, d(today))
        row = episode_table(summary.overdue_episodes, summary.today, "en").rows[0]
        assert row[0] == "2025-07"
        assert row[-1] == left, (today, row)
        assert "-" not in row[-1]  # never a negative count of days
    summary = summarize(ledger, d("2031-01-01"))
    assert episode_table(summary.overdue_episodes, summary.today, "zh").rows[0][-1] == "已删除"
    text = text_report.screen_text(Snapshot.of(ledger, d("2031-01-01")), "zh", "recovery")
    assert next(line for line in text.splitlines() if line.startswith("2025-07")).endswith("已删除")


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_fee_that_grows_by_less_than_a_fen_a_day_is_not_shown_as_zero(lang: str) -> None:
    """A bill of ¥8.43 left unpaid grows by ¥0.0042 a day: rounded, "+¥0.00 a day" read as "no more fee". Every
    place that says what a day adds says "<¥0.01" instead, while the bill is unpaid; a paid one says nothing."""
    from huabei_tui.views.calendar import day_panel, month_view
    from huabei_tui.views.phrases import UNDER_A_FEN, fee_growth, per_day_fee, warning_lines

    ledger = Ledger(manual_bills={m("2026-02"): 843})
    snapshot = Snapshot.of(ledger, d("2026-11-29"))
    bill = snapshot.summary.overdue_unpaid[0]
    assert bill.outstanding == 843 and bill.fee_per_day == 0 and bill.fee > 0
    assert per_day_fee(bill) == UNDER_A_FEN == "<¥0.01"
    assert f"+{UNDER_A_FEN}/" in fee_growth(bill, lang)
    warning = warning_lines(snapshot.summary, lang)[0]
    assert UNDER_A_FEN in warning and "¥0.00" not in warning
    table = "\n".join(plain_lines(episode_table(snapshot.summary.overdue_episodes, snapshot.today, lang).lines()))
    assert f"+{UNDER_A_FEN}" in table
    view = month_view(snapshot, m("2026-02"))
    due_day = next(cell for cell in view.days if cell.dues)
    panel = "\n".join("".join(p.text for p in line) for line in day_panel(snapshot, due_day, lang).lines)
    assert f"+{UNDER_A_FEN}" in panel
    text = text_report.status_text(snapshot, lang)
    assert UNDER_A_FEN in text and "¥0.00 逾期费" not in text and "adds ¥0.00" not in text

    paid = Snapshot.of(Ledger(manual_bills={m("2026-02"): 843}, payments=(pay("2026-02", "8.43", "2026-03-01"),)),
                       d("2026-11-29"))
    settled = paid.summary.bills[0]
    assert settled.outstanding == 0 and per_day_fee(settled) == "¥0.00"


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize(("made", "today"), [("2025-09-01", "2025-09-01"), ("2025-09-01", "2025-09-15"),
                                             ("2025-09-01", "2025-12-01"), ("2024-02-29", "2024-02-29")])
def test_the_text_export_fits_80_columns(lang: str, made: str, today: str) -> None:
    """The export is laid out for 80 columns and ``bill list`` prints its table to a terminal: the every-bill table
    was 82 (zh) / 83 (en) cells wide, so each of its rows wrapped, and "No clean option is left: …" was 81."""
    snapshot = Snapshot.of(demo_ledger(d(made)), d(today))
    too_wide = [line for line in text_report.full_text(snapshot, lang).splitlines() if cell_width(line) > 80]
    assert too_wide == []


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_with_a_zero_fee_rate_an_unpaid_bill_adds_nothing_a_day(lang: str) -> None:
    """``account set --fee-rate 0`` is allowed (a waived fee): nothing grows, so "<¥0.01 a day" would be false."""
    from huabei_tui.views.phrases import UNDER_A_FEN, per_day_fee

    ledger = Ledger(account=Account(fee_rate=Decimal(0)), manual_bills={m("2026-02"): 999_999_999})
    snapshot = Snapshot.of(ledger, d("2026-11-29"))
    bill = snapshot.summary.overdue_unpaid[0]
    assert bill.outstanding == 999_999_999 and bill.fee == 0
    assert per_day_fee(bill) == "¥0.00"
    assert UNDER_A_FEN not in text_report.status_text(snapshot, lang)
    assert UNDER_A_FEN not in text_report.screen_text(snapshot, lang, "recovery")


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_bills_table_of_bills_over_ten_thousand_fits_80_columns(lang: str) -> None:
    """¥12,345.67 owed, ¥1,000.00 paid and a fee over ¥1,000 made the eight columns 81-82 cells wide; the table
    closes its gaps to one cell when two do not fit."""
    ledger = Ledger(account=Account(limit=5_000_000),
                    manual_bills={m("2025-08"): 2_345_678, m("2025-09"): 1_234_567},
                    payments=(pay("2025-08", "23456.78", "2025-08-20"), pay("2025-09", "1000", "2025-09-12")))
    snapshot = Snapshot.of(ledger, d("2026-02-01"))
    rows = text_report.bills_lines(snapshot.summary.bills, lang)
    assert "¥11,345.67" in rows[-1] and "¥23,456.78" in rows[-2]
    assert max(cell_width(row) for row in rows) <= 80, rows
    from huabei_tui.views.export import text_summary

    assert [row for row in text_summary(snapshot, lang).splitlines() if cell_width(row) > 80] == []
    small = text_report.bills_lines(Snapshot.of(Ledger(manual_bills={m("2025-09"): 10_000}), d("2025-09-05"))
                                     .summary.bills, lang)
    assert "  " + "-" * 10 + "  " in small[1]  # a table that fits keeps its two-cell gaps
