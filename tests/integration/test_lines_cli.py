"""Two credit lines, one person, through the command line: choosing a line, status over both, import routing."""

from __future__ import annotations

import json

from support.alipay_files import build_app2023, purchase, repayment

# 花呗 and 信用购 bought the same April; both lines have statement day 1 and due day 10, so bill 2025-05 of each is
# due on 2025-05-10.
HUABEI_ROWS = [purchase(1, time="2025-04-03 09:05:07", amount="25.80"),
               repayment(2, "2025-04", "10.00", "2025-04-08 06:00:00")]
CREDIT_ROWS = [purchase(3, time="2025-04-05 12:00:00", amount="300.00", method="信用购(兴业银行)", description="冰箱"),
               purchase(4, time="2025-04-06 12:00:00", amount="100.00", method="信用购"),
               purchase(5, time="2025-04-07 12:00:00", amount="9.00", method="余额宝")]


def two_lines(huabei) -> None:
    huabei.ok("account", "set", "--limit", "8000")
    huabei.ok("line", "add", "信用购", "--limit", "5000")


def test_a_data_file_starts_with_one_line_and_commands_work_as_before(huabei) -> None:
    huabei.ok("bill", "add", "2025-05", "100")
    out = huabei.ok("line", "list").out
    assert "花呗" in out and "信用购" not in out
    status = json.loads(huabei.ok("status", "--json").out)
    assert [line["name"] for line in status["lines"]] == ["花呗"]
    assert "lines_total" not in status
    assert status["lines"][0]["next_bill"] == status["next_bill"]


def test_with_two_lines_a_change_must_name_its_line_and_nothing_is_saved_otherwise(huabei) -> None:
    two_lines(huabei)
    before = huabei.snapshot()
    result = huabei("bill", "add", "2025-05", "100")
    assert result.code == 2
    assert result.err_lines == ["error: credit line: there are several credit lines (花呗 / 信用购): say which one "
                                "to change with --line NAME (or HUABEI_LINE)"]
    assert huabei.snapshot() == before
    assert huabei("--line", "借呗", "bill", "add", "2025-05", "100").code == 2
    assert huabei.snapshot() == before
    huabei.ok("--line", "信用购", "bill", "add", "2025-05", "100")
    assert huabei.bills() == {}  # reading without --line shows the first line
    assert [b["month"] for b in json.loads(huabei.ok("--line", "信用购", "bill", "list", "--json").out)] == ["2025-05"]


def test_huabei_line_variable_picks_the_line(huabei, monkeypatch) -> None:
    two_lines(huabei)
    monkeypatch.setenv("HUABEI_LINE", "信用购")
    huabei.ok("bill", "add", "2025-05", "100")
    monkeypatch.delenv("HUABEI_LINE")
    assert huabei.bills() == {}
    assert json.loads(huabei.ok("--line", "信用购", "bill", "list", "--json").out)[0]["amount"] == "100.00"


def test_two_lines_with_bills_due_the_same_day(huabei) -> None:
    two_lines(huabei)
    huabei.ok("--line", "花呗", "bill", "add", "2025-05", "2000")
    huabei.ok("--line", "信用购", "bill", "add", "2025-05", "300")
    status = json.loads(huabei.ok("status", "--json").out)
    # the top level stays the first line's, for the scripts written before lines
    assert (status["next_bill"]["outstanding"], status["account"]["limit"]) == ("2000.00", "8000.00")
    assert [(line["name"], line["next_bill"]["due_date"], line["next_bill"]["outstanding"], line["account"]["limit"])
            for line in status["lines"]] == [("花呗", "2025-05-10", "2000.00", "8000.00"),
                                             ("信用购", "2025-05-10", "300.00", "5000.00")]
    assert set(status["lines"][1]) >= {"name", "account", "next_bill", "bills", "overdue", "grid"}
    total = status["lines_total"]
    assert [(item["line"], item["due_date"]) for item in total["due_next"]] == [("花呗", "2025-05-10"),
                                                                             ("信用购", "2025-05-10")]
    assert (total["used"], total["limit"], total["available"]) == ("2300.00", "13000.00", "10700.00")
    text = huabei.ok("status").out
    assert "Due next on 2025-05-10 (due in 1 day): 花呗 ¥2,000.00, 信用购 ¥300.00; ¥2,300.00 in all" in text
    assert "In all: ¥2,300.00 used of ¥13,000.00, ¥10,700.00 available" in text
    assert "== 花呗 ==" in text and "== 信用购 ==" in text
    one = json.loads(huabei.ok("--line", "信用购", "status", "--json").out)
    assert one["next_bill"]["outstanding"] == "300.00" and [line["name"] for line in one["lines"]] == ["信用购"]
    zh = huabei.ok("status", lang="zh").out
    assert "下一个到期日 2025-05-10" in zh and "花呗 ¥2,000.00、信用购 ¥300.00" in zh


def test_an_overdue_on_the_second_line_is_in_the_total_and_in_remind(huabei) -> None:
    two_lines(huabei)
    huabei.ok("--line", "信用购", "bill", "add", "2025-04", "50")
    huabei.ok("--line", "花呗", "bill", "add", "2025-05", "20")
    status = json.loads(huabei.ok("status", "--json").out)
    assert [(i["line"], i["month"], i["overdue_days"]) for i in status["lines_total"]["overdue"]] == [
        ("信用购", "2025-04", 29)]
    assert status["overdue"] == []  # the first line is clean
    remind = huabei("remind", "--within", "3")
    assert remind.code == 4, "an overdue on any line wins"
    assert remind.out.splitlines() == [  # the overdue first, whichever line it is on: it costs every day
        "信用购 bill 2025-04 is 29 days overdue: ¥50.00 outstanding, fee ¥0.73 (+¥0.03/day)",
        "花呗 bill 2025-05 due in 1 day: pay at least ¥2.00 by 2025-05-10 to stay clean (full: ¥20.00)"]
    assert huabei("--line", "花呗", "remind").code == 3


def test_rename_and_remove(huabei) -> None:
    two_lines(huabei)
    huabei.ok("--line", "信用购", "bill", "add", "2025-05", "100")
    huabei.ok("line", "rename", "信用购", "兴业信用购")
    assert "兴业信用购" in huabei.ok("line", "list").out
    assert huabei("line", "rename", "兴业信用购", "花呗").code == 2
    before = huabei.snapshot()
    refused = huabei("line", "remove", "兴业信用购")
    assert refused.code == 2 and "--force" in refused.err
    assert huabei.snapshot() == before
    first = huabei("line", "remove", "花呗")
    assert first.code == 2 and "cannot be removed" in first.err
    removed = huabei.ok("line", "remove", "兴业信用购", "--force")
    assert "backups" in removed.out
    assert "兴业信用购" not in huabei.ok("line", "list").out
    backups = sorted((huabei.db.parent / f"{huabei.db.name}.backups").iterdir())
    assert any("line2_bills" in json.loads(path.read_text(encoding="utf-8")) for path in backups)
    huabei.ok("bill", "add", "2025-05", "100")  # one line again: no --line needed


def test_an_import_routes_each_row_to_its_line_in_one_save(huabei, write) -> None:
    two_lines(huabei)
    path = write("alipay.csv", build_app2023(HUABEI_ROWS + CREDIT_ROWS))
    backups = len(huabei.snapshot()[1])
    result = huabei.ok("import", "alipay", str(path))
    assert "Credit line “花呗”:" in result.out and "Credit line “信用购”:" in result.out
    assert len(huabei.snapshot()[1]) == backups + 1
    assert huabei.bills()["2025-05"]["amount"] == "25.80"
    credit = json.loads(huabei.ok("--line", "信用购", "bill", "list", "--json").out)
    assert [(b["month"], b["amount"]) for b in credit] == [("2025-05", "400.00")]
    # each line's imported rows are a part of their own beside the data file, read back for its bills
    parts = sorted(p.name.split(".")[0] for p in (huabei.db.parent / f"{huabei.db.name}.parts").iterdir())
    assert parts == ["line2_purchases", "purchases"]


def test_a_method_no_line_takes_is_asked_once_by_an_option(huabei, write) -> None:
    huabei.ok("bill", "add", "2025-05", "1")
    path = write("alipay.csv", build_app2023(HUABEI_ROWS + CREDIT_ROWS))
    before = huabei.snapshot()
    result = huabei("import", "alipay", str(path))
    assert result.code == 2
    assert result.err_lines[-1] == ("error: route (--route): 2 rows are paid with “信用购” and no credit line takes "
                                    "“信用购”: add --route 信用购=NAME (or --route 信用购=skip to leave them out), or "
                                    "first run huabei line add 信用购")
    assert huabei.snapshot() == before
    skipped = huabei.ok("import", "alipay", "--dry-run", "--route", "信用购=skip", str(path)).out
    assert "paid with a method no line takes (left out as asked): 2" in skipped
    assert huabei.snapshot() == before
    huabei.ok("line", "add", "兴业")
    huabei.ok("import", "alipay", "--route", "信用购=兴业", str(path))
    assert json.loads(huabei.ok("--line", "兴业", "bill", "list", "--json").out)[0]["amount"] == "400.00"
    # remembered: the next export goes to the same line without asking
    later = write("later.csv", build_app2023([purchase(9, time="2025-04-20 12:00:00", amount="1.00",
                                                       method="信用购")]))
    huabei.ok("import", "alipay", str(later))
    assert json.loads(huabei.ok("--line", "兴业", "bill", "list", "--json").out)[0]["amount"] == "401.00"
    assert "信用购" in huabei.ok("line", "list").out.splitlines()[-1]


def test_a_bad_route_is_refused_before_any_file_is_read(huabei, tmp_path) -> None:
    result = huabei("import", "alipay", "--route", "信用购=nowhere", str(tmp_path / "missing.csv"))
    assert result.code == 2 and "no credit line named “nowhere”" in result.err


def test_the_readme_two_line_example(huabei) -> None:
    """The commands and the status block of the README's “Two credit lines” section, as printed."""
    from pathlib import Path

    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    section = readme.split("### Two credit lines", 1)[1]
    block = section.split("```text\n", 1)[1].split("\n…", 1)[0].splitlines()
    huabei.ok("account", "set", "--limit", "8000", today="2025-09-01")
    huabei.ok("bill", "add", "2025-09", "2000", today="2025-09-01")
    huabei.ok("line", "add", "信用购", "--limit", "5000")
    huabei.ok("--line", "信用购", "bill", "add", "2025-09", "300", today="2025-09-01")
    assert huabei("bill", "add", "2025-09", "300", today="2025-09-01").code == 2
    assert huabei.ok("status", today="2025-09-05").out.splitlines()[:len(block)] == block


def test_line_list_json_and_an_unknown_line_for_reading(huabei) -> None:
    two_lines(huabei)
    listed = json.loads(huabei.ok("line", "list", "--json").out)
    assert [(line["name"], line["account"]["limit"], line["imports"]) for line in listed] == [
        ("花呗", "8000.00", ["花呗"]), ("信用购", "5000.00", ["信用购"])]
    for args in (("status",), ("bill", "list"), ("remind",), ("tui",)):
        result = huabei("--line", "借呗", *args)
        assert (result.code, result.err_lines) == (2, ["error: credit line: no credit line named “借呗” (there are: "
                                                       "花呗 / 信用购)"]), args


def test_a_line_name_is_cleaned_and_checked_before_anything_is_saved(huabei) -> None:
    huabei.ok("bill", "add", "2025-05", "1")
    before = huabei.snapshot()
    for name in ("", "skip", "a=b", "花呗", "一二三四五六七八九"):
        assert huabei("line", "add", name).code == 2, name
    assert huabei("line", "add", "x", "--limit", "abc").code == 2
    assert huabei.snapshot() == before
    huabei.ok("line", "add", "\x1b]52;c;aGk=\x07[bold]B[/]")
    assert [line["name"] for line in json.loads(huabei.ok("line", "list", "--json").out)] == ["花呗", "[bold]B[/]"]


def test_an_export_says_which_line_it_is_of(huabei) -> None:
    huabei.ok("bill", "add", "2025-05", "100")
    assert "Credit line" not in huabei.ok("export").out  # one line: the export as before
    assert huabei.data()["line"] == "花呗"
    two_lines(huabei)
    assert "Credit line: 信用购 (of 花呗 / 信用购;" in huabei.ok("--line", "信用购", "export").out
    assert json.loads(huabei.ok("--line", "信用购", "export", "--format", "json").out)["line"] == "信用购"


def test_the_line_option_before_lang_is_not_taken_for_the_command(huabei) -> None:
    two_lines(huabei)
    result = huabei.bare("--db", str(huabei.db), "--today", "2025-05-09", "--line", "借呗", "--lang", "zh", "status")
    assert result.code == 2 and result.err.startswith("错误: 信用账户：没有名为“借呗”的信用账户")


def test_each_line_has_its_own_calendar_events(huabei) -> None:
    """Two lines' calendars imported side by side: the same bill month must not share a UID (one would replace the
    other's due date); the first line keeps the UIDs it always had, and a rename keeps a line's UIDs."""
    import icalendar

    def events(*line: str) -> dict[str, str]:
        text = huabei.ok(*line, "export", "--format", "ics", today="2025-05-02").out
        calendar = icalendar.Calendar.from_ical(text)
        return {str(e["uid"]): str(e["summary"]) for e in calendar.walk("VEVENT")}

    huabei.ok("bill", "add", "2025-05", "2000")
    alone = events()
    assert list(alone) == ["huabei-bill-2025-05@huabei-tui"] and "信用购" not in next(iter(alone.values()))
    two_lines(huabei)
    huabei.ok("--line", "信用购", "bill", "add", "2025-05", "300")
    first, second = events("--line", "花呗"), events("--line", "信用购")
    assert list(first) == list(alone)  # unchanged by the second line
    assert len(second) == 1 and not set(second) & set(first)
    assert next(iter(second.values())).endswith("· 信用购")
    huabei.ok("line", "rename", "信用购", "兴业信用购")
    assert list(events("--line", "兴业信用购")) == list(second)


def test_with_two_lines_a_reading_command_says_which_line_it_shows(huabei) -> None:
    """``plan``, ``grid``, ``account`` and ``bill list`` showed the first line's figures with two lines in the
    file and never said whose they were (the export did); JSON and a file with one line are unchanged."""
    huabei.ok("bill", "add", "2025-05", "100")
    assert not huabei.ok("plan").out.startswith("Credit line")
    two_lines(huabei)
    huabei.ok("--line", "信用购", "bill", "add", "2025-05", "300")
    for command in (["plan"], ["grid"], ["account"], ["bill", "list"]):
        assert huabei.ok(*command).out.splitlines()[0] == "Credit line: 花呗 (of 花呗 / 信用购; another with --line)"
        first = huabei.ok("--line", "信用购", *command, lang="zh").out.splitlines()[0]
        assert first == "信用账户：信用购（共有：花呗 / 信用购；其他账户用 --line 查看）"
    assert json.loads(huabei.ok("bill", "list", "--json").out)[0]["amount"] == "100.00"
