"""``huabei export``: CSV for spreadsheets, iCalendar for calendars, JSON for programs, text for people."""

from __future__ import annotations

import csv
import io
import json
import re
from datetime import date, timedelta
from pathlib import Path

import icalendar
import pytest

from huabei_tui.domain.dates import Month
from huabei_tui.storage.repository import Repository
from huabei_tui.storage.store import Store
from huabei_tui.textwidth import cell_width
from support.alipay_files import build_app2023, purchase

TODAY = "2025-09-01"


@pytest.fixture
def ledger(huabei):
    """Four bills (default statement day 1, due day 10): June and August paid, July overdue (¥34.50 paid on time
    is less than its ¥123.45 minimum payment), September due soon.

    September's amount has a thousands separator, so titles carry a comma that iCalendar must escape."""
    for args in (("bill", "add", "2025-06", "800"), ("pay", "2025-06", "800", "--on", "2025-06-09"),
                 ("bill", "add", "2025-07", "1234.50"), ("pay", "2025-07", "34.50", "--on", "2025-07-09"),
                 ("bill", "add", "2025-08", "99"), ("pay", "2025-08", "99", "--on", "2025-08-10"),
                 ("bill", "add", "2025-09", "12345.67")):
        huabei.ok(*args, today=TODAY)
    return huabei


def export(huabei, tmp_path: Path, fmt: str, *extra: str, today: str = TODAY, lang: str = "en") -> bytes:
    path = tmp_path / f"out-{today}-{lang}.{fmt}"
    result = huabei("export", "--format", fmt, "-o", str(path), *extra, today=today, lang=lang)
    assert result.code == 0, result.err
    assert result.out == ""
    assert str(path) in result.err  # "Exported to …" goes to stderr, so stdout stays clean for pipes
    return path.read_bytes()


# -- CSV ---------------------------------------------------------------------------------------------------------
ZH_HEADER = ["类型", "账单", "日期", "金额", "已还", "待还", "状态", "逾期天数", "逾期费", "还清日期", "记录到期", "来源"]
EN_HEADER = ["type", "bill", "date", "amount", "paid", "outstanding", "status", "overdue_days", "fee", "settled_on",
             "record_expires_on", "source"]


@pytest.mark.parametrize(("lang", "header"), [("zh", ZH_HEADER), ("en", EN_HEADER)])
def test_csv_has_a_bom_and_reads_with_the_csv_module(ledger, tmp_path: Path, lang: str, header: list[str]) -> None:
    data = export(ledger, tmp_path, "csv", lang=lang)
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))
    assert rows[0] == header
    body = rows[1:]
    assert len(body) == 4 + 3  # four bills, three payments
    assert all(len(row) == len(header) for row in body)
    september = next(row for row in body if row[1] == "2025-09" and row[3] == "12345.67")
    assert september[2] == "2025-09-10" and september[5] == "12345.67"
    july = next(row for row in body if row[1] == "2025-07" and row[4])
    assert (july[3], july[4], july[5], july[7]) == ("1234.50", "34.50", "1200.00", "53")
    assert [row[2] for row in body] == sorted(row[2] for row in body)  # in date order


def test_csv_on_stdout_starts_with_a_bom_too(ledger) -> None:
    out = ledger.ok("export", "--format", "csv", today=TODAY).out
    assert out.startswith("\ufeff")


# -- iCalendar ---------------------------------------------------------------------------------------------------
def events(data: bytes) -> list[icalendar.Event]:
    calendar = icalendar.Calendar.from_ical(data)
    return [part for part in calendar.walk("VEVENT")]


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_ics_has_one_all_day_event_per_unpaid_bill_on_its_due_date(ledger, tmp_path: Path, lang: str) -> None:
    found = events(export(ledger, tmp_path, "ics", lang=lang))
    by_uid = {str(event["UID"]): event for event in found}
    assert set(by_uid) == {"huabei-bill-2025-07@huabei-tui", "huabei-bill-2025-09@huabei-tui"}
    september = by_uid["huabei-bill-2025-09@huabei-tui"]
    start, end = september.decoded("DTSTART"), september.decoded("DTEND")
    assert type(start) is date and start == date(2025, 9, 10)  # a date, not a time: an all-day event
    assert end == start + timedelta(days=1)
    assert "12,345.67" in str(september["SUMMARY"])  # the amount is in the title
    assert by_uid["huabei-bill-2025-07@huabei-tui"].decoded("DTSTART") == date(2025, 7, 10)
    assert "1,200.00" in str(by_uid["huabei-bill-2025-07@huabei-tui"]["SUMMARY"])


@pytest.mark.parametrize("days", [1, 3, 7])
def test_ics_alarms_n_days_before_and_on_the_day(ledger, tmp_path: Path, days: int) -> None:
    for event in events(export(ledger, tmp_path, "ics", "--remind-days", str(days))):
        triggers = sorted(alarm.decoded("TRIGGER") for alarm in event.walk("VALARM"))
        assert len(triggers) == 2
        assert triggers[0] == timedelta(days=-days)
        assert timedelta(0) <= triggers[1] < timedelta(days=1)  # on the due day itself
        assert all(str(alarm["ACTION"]) == "DISPLAY" for alarm in event.walk("VALARM"))


def test_ics_default_alarm_is_three_days_before_and_zero_means_only_on_the_day(ledger, tmp_path: Path) -> None:
    default = events(export(ledger, tmp_path, "ics"))
    assert min(alarm.decoded("TRIGGER") for alarm in default[0].walk("VALARM")) == timedelta(days=-3)
    only_day = events(export(ledger, tmp_path, "ics", "--remind-days", "0", today="2025-09-02"))
    assert [len(event.walk("VALARM")) for event in only_day] == [1, 1]


def test_ics_uids_are_stable_so_a_newer_export_updates_the_events(ledger, tmp_path: Path) -> None:
    first = events(export(ledger, tmp_path, "ics", today="2025-09-01"))
    later = events(export(ledger, tmp_path, "ics", today="2025-09-05"))
    assert [str(e["UID"]) for e in first] == [str(e["UID"]) for e in later]
    assert all(int(b["SEQUENCE"]) > int(a["SEQUENCE"]) for a, b in zip(first, later, strict=True))


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_ics_is_well_formed_text(ledger, tmp_path: Path, lang: str) -> None:
    data = export(ledger, tmp_path, "ics", lang=lang)
    assert data.endswith(b"\r\n")
    assert b"\n" not in data.replace(b"\r\n", b"")  # CRLF everywhere, no bare LF
    lines = data.split(b"\r\n")[:-1]
    assert lines[0] == b"BEGIN:VCALENDAR" and lines[-1] == b"END:VCALENDAR"
    assert all(len(line) <= 75 for line in lines)
    assert any(line.startswith(b" ") for line in lines)  # long lines were folded, not cut
    for line in lines:
        line.decode("utf-8")  # folding never splits a UTF-8 character
    unfolded = data.replace(b"\r\n ", b"").decode("utf-8")
    summaries = [line for line in unfolded.split("\r\n") if line.startswith("SUMMARY:")]
    assert summaries and all("\\," in line for line in summaries)
    assert not any(re.search(r"[^\\],", line) for line in summaries)  # every comma is escaped


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_ics_never_shows_a_minimum_paid_bill_as_due(huabei, tmp_path: Path, lang: str) -> None:
    """Bill 2025-09 of ¥2,000.00, its ¥200.00 minimum paid on the due date: on 09-15 it is not due any more.
    Its event (same UID as the "due" one it replaces) says the minimum is paid and where the rest goes, with no
    alarm; on 10-01 the remainder has moved into bill 2025-10, whose event carries it."""
    huabei.ok("bill", "add", "2025-09", "2000", today="2025-09-01")
    huabei.ok("pay", "2025-09", "200", "--on", "2025-09-10", today="2025-09-10")
    before = {str(e["UID"]): e for e in events(export(huabei, tmp_path, "ics", today="2025-09-08", lang=lang))}
    due = before["huabei-bill-2025-09@huabei-tui"]
    assert len(due.walk("VALARM")) == 2  # before the due date it is still a bill to pay in full
    after = {str(e["UID"]): e for e in events(export(huabei, tmp_path, "ics", today="2025-09-15", lang=lang))}
    september = after["huabei-bill-2025-09@huabei-tui"]
    assert september.walk("VALARM") == []
    title = str(september["SUMMARY"])
    assert "2025-10" in title and "1,800.00" in title
    assert ("minimum paid" in title) if lang == "en" else ("已还最低" in title)
    assert "OVERDUE" not in title and "逾期" not in title
    assert "2025-10-01" in str(september["DESCRIPTION"]) and "0.90" in str(september["DESCRIPTION"])
    carried = {str(e["UID"]): e for e in events(export(huabei, tmp_path, "ics", today="2025-10-02", lang=lang))}
    assert set(carried) == {"huabei-bill-2025-10@huabei-tui"}  # 2025-09 is carried: nothing left on it
    assert "1,818.00" in str(carried["huabei-bill-2025-10@huabei-tui"]["SUMMARY"])  # ¥1,800.00 + ¥18.00 interest


def test_ics_description_names_the_minimum_of_a_bill_still_due(ledger, tmp_path: Path) -> None:
    found = {str(e["UID"]): e for e in events(export(ledger, tmp_path, "ics"))}
    september = str(found["huabei-bill-2025-09@huabei-tui"]["DESCRIPTION"])
    assert "at least ¥1,234.57" in september  # 10% of ¥12,345.67, half up
    july = str(found["huabei-bill-2025-07@huabei-tui"]["DESCRIPTION"])
    assert "at least" not in july  # overdue: the minimum no longer helps


def test_ics_leaves_out_a_bill_split_into_instalments(huabei, tmp_path: Path) -> None:
    huabei.ok("bill", "add", "2025-09", "600", today="2025-09-01")
    Repository(Store(huabei.db)).add_bill_instalment(Month(2025, 9), 6, date(2025, 9, 5), date(2025, 9, 5))
    found = {str(e["UID"]) for e in events(export(huabei, tmp_path, "ics", today="2025-09-06"))}
    assert "huabei-bill-2025-09@huabei-tui" not in found


# -- JSON and text -----------------------------------------------------------------------------------------------
def test_json_has_everything(ledger, write, tmp_path: Path) -> None:
    alipay_file = build_app2023([purchase(1, time="2025-08-20 10:00:00")])
    ledger.ok("import", "alipay", str(write("a.csv", alipay_file)), today=TODAY)
    ledger.ok("contact", "add", "--topic", "deferral", "--outcome", "同意延期", today=TODAY)
    data = json.loads(export(ledger, tmp_path, "json").decode("utf-8"))
    for key in ("today", "account", "next_bill", "bills", "overdue", "grid", "warnings", "payments", "purchases",
                "installment_plans", "authorization_check", "recovery_steps", "revoke_steps", "contacts"):
        assert key in data, key
    assert data["today"] == TODAY
    assert [b["month"] for b in data["bills"]] == ["2025-06", "2025-07", "2025-08", "2025-09"]
    assert len(data["payments"]) == 3
    assert [p["order_no"] for p in data["purchases"]] == [purchase(1).order_no]
    assert data["contacts"][0]["outcome"] == "同意延期"


def _cells(text: str) -> list[str]:
    """One entry per terminal cell (a wide character takes two: itself and an empty filler)."""
    cells: list[str] = []
    for char in text:
        cells += [char] + [""] * (cell_width(char) - 1)
    return cells


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_text_tables_line_up_by_terminal_cells(ledger, lang: str) -> None:
    lines = ledger.ok("export", today=TODAY, lang=lang).out.splitlines()
    rules = [i for i, line in enumerate(lines) if re.fullmatch(r"-+( {2}-+)+", line)]
    assert len(rules) >= 2  # the overdue table and the bill table at least
    for i in rules:
        rule = lines[i]
        columns = [(m.start(), m.end()) for m in re.finditer(r"-+", rule)]
        table = [lines[i - 1]]
        for line in lines[i + 1:i + 12]:  # the rows right under the rule (another table may follow)
            if not re.match(r"\d{4}-\d{2}  |▶ |Pay in |Minimum|Split in |\d+ days? late|全额还款|最低还款|分 \d|逾期 \d", line):  # bills, or the planner's options
                break
            table.append(line)
        assert len(table) >= 2
        for line in table:
            assert cell_width(line) <= len(rule), line
            cells = _cells(line)
            # Cut at the rule's columns by terminal cells: each piece must be exactly one whole value.
            pieces = ["".join(cells[start:end]).strip() for start, end in columns]
            assert pieces == re.split(r" {2,}", line.strip()), (rule, line)
        if lang == "zh":
            assert cell_width(lines[i - 1]) != len(lines[i - 1])  # the header really has wide characters


def test_text_on_stdout_by_default(ledger) -> None:
    result = ledger.ok("export", today=TODAY, lang="zh")
    assert "花呗" in result.out and result.err == ""


@pytest.mark.parametrize("fmt", ["pdf", "", "ICSX"])
def test_bad_format_exits_2(ledger, fmt: str) -> None:
    result = ledger("export", "--format", fmt, today=TODAY)
    assert result.code == 2
    assert "is not a format" in result.err


@pytest.mark.parametrize("days", ["-1", "x", "366", "1.5"])
def test_bad_remind_days_exits_2(ledger, days: str, tmp_path: Path) -> None:
    target = tmp_path / "never.ics"
    result = ledger("export", "--format", "ics", "--remind-days", days, "-o", str(target), today=TODAY)
    assert result.code == 2
    assert "0–365" in result.err
    assert not target.exists()


def test_unwritable_output_exits_2(ledger, tmp_path: Path) -> None:
    result = ledger("export", "--format", "csv", "-o", str(tmp_path / "no-such-folder" / "x.csv"), today=TODAY)
    assert result.code == 2
    assert "cannot write" in result.err
