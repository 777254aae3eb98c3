"""``huabei export --all-lines``: every credit line in one document, in each format, and what it refuses."""

from __future__ import annotations

import csv
import io
import json

import icalendar
import pytest

from huabei_tui.textwidth import cell_width


def two_lines_with_bills(huabei) -> None:
    huabei.ok("account", "set", "--limit", "8000")
    huabei.ok("line", "add", "信用购", "--limit", "5000")
    huabei.ok("--line", "花呗", "bill", "add", "2025-05", "2000")
    huabei.ok("--line", "信用购", "bill", "add", "2025-05", "300")
    huabei.ok("--line", "信用购", "pay", "2025-05", "100", "--on", "2025-05-02")


def test_the_text_has_the_lines_block_then_each_line_under_its_heading(huabei) -> None:
    two_lines_with_bills(huabei)
    out = huabei.ok("export", "--all-lines", today="2025-05-03").out
    assert "Credit lines: all (花呗 / 信用购)" in out
    assert "Credit line: 花呗 (of" not in out  # not the one-line note
    assert "In all: ¥2,200.00 used of ¥13,000.00, ¥10,800.00 available" in out
    first, second = out.index("== 花呗 =="), out.index("== 信用购 ==")
    assert out.index("[Every credit line (2)]") < first < second
    assert out[first:second].count("== 1 · Account status") == 1
    assert "¥2,000.00" in out[first:second] and "¥200.00" in out[second:]  # each line's own figures
    for name in ("2 · Repayment calendar", "3 · Authorization checklist", "4 · Overdue recovery"):
        assert out[first:second].count(name) == 1 and out[second:].count(name) == 1


def test_the_chinese_text_lines_up_by_cell_width(huabei) -> None:
    two_lines_with_bills(huabei)
    out = huabei.ok("export", "--all-lines", today="2025-05-03", lang="zh").out
    assert "信用账户：全部（花呗 / 信用购）" in out
    block = out[out.index("[全部信用账户"):].split("\n\n")[0].splitlines()[1:4]
    assert len({cell_width(row) for row in block}) == 1, block  # header, rule and rows as wide as each other


def test_one_screen_of_every_line(huabei) -> None:
    two_lines_with_bills(huabei)
    out = huabei.ok("export", "--all-lines", "--screen", "status", today="2025-05-03").out
    assert "== 花呗 ==" in out and "== 信用购 ==" in out
    assert "Account status" not in out.split("== 花呗 ==")[0]
    assert "Overdue recovery" not in out and "== 1 ·" not in out


def test_json_lists_each_line_as_its_own_export_and_the_total(huabei) -> None:
    two_lines_with_bills(huabei)
    data = json.loads(huabei.ok("export", "--all-lines", "--format", "json", today="2025-05-03").out)
    assert data["today"] == "2025-05-03"
    assert [line["line"] for line in data["lines"]] == ["花呗", "信用购"]
    one = json.loads(huabei.ok("--line", "信用购", "export", "--format", "json", today="2025-05-03").out)
    assert data["lines"][1] == one  # the same document as the one-line export
    assert (data["lines_total"]["used"], data["lines_total"]["limit"]) == ("2200.00", "13000.00")


def test_csv_names_the_line_on_every_row(huabei) -> None:
    two_lines_with_bills(huabei)
    text = huabei.ok("export", "--all-lines", "--format", "csv", today="2025-05-03").out
    assert text.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))
    assert rows[0][:3] == ["line", "type", "bill"]
    assert [(r[0], r[1], r[4]) for r in rows[1:]] == [("花呗", "bill", "2000.00"), ("信用购", "payment", "100.00"),
                                                      ("信用购", "bill", "300.00")]
    zh = list(csv.reader(io.StringIO(huabei.ok("export", "--all-lines", "--format", "csv", today="2025-05-03",
                                               lang="zh").out.lstrip("\ufeff"))))
    assert zh[0][:2] == ["信用账户", "类型"]


def test_the_calendar_holds_every_line_with_the_one_line_uids(huabei) -> None:
    two_lines_with_bills(huabei)

    def uids(*args: str) -> dict[str, str]:
        text = huabei.ok(*args, "export", "--format", "ics", today="2025-05-03").out
        return {str(e["uid"]): str(e["summary"]) for e in icalendar.Calendar.from_ical(text).walk("VEVENT")}

    both = {}
    text = huabei.ok("export", "--all-lines", "--format", "ics", today="2025-05-03").out
    for event in icalendar.Calendar.from_ical(text).walk("VEVENT"):
        both[str(event["uid"])] = str(event["summary"])
    assert set(both) == set(uids("--line", "花呗")) | set(uids("--line", "信用购"))
    assert len(both) == 2 and any(s.endswith("· 花呗") for s in both.values())


def test_all_lines_with_a_line_chosen_is_refused_and_writes_nothing(huabei, tmp_path) -> None:
    two_lines_with_bills(huabei)
    out = tmp_path / "both.txt"
    result = huabei("--line", "花呗", "export", "--all-lines", "-o", str(out))
    assert result.code == 2
    assert result.err_lines == ["error: credit line: --all-lines exports every credit line: it cannot go with "
                                "--line (now “花呗”)"]
    assert not out.exists()


def test_written_to_a_file_and_with_one_line(huabei, tmp_path) -> None:
    huabei.ok("bill", "add", "2025-05", "100")
    out = tmp_path / "all.json"
    huabei.ok("export", "--all-lines", "--format", "json", "-o", str(out), today="2025-05-03")
    data = json.loads(out.read_text(encoding="utf-8"))
    assert [line["line"] for line in data["lines"]] == ["花呗"]


def test_with_one_line_the_calendar_is_the_one_line_calendar(huabei) -> None:
    huabei.ok("bill", "add", "2025-05", "100")
    one = huabei.ok("export", "--format", "ics", today="2025-05-03").out
    assert huabei.ok("export", "--all-lines", "--format", "ics", today="2025-05-03").out == one


def test_a_line_name_that_starts_like_a_formula_is_inert_in_the_csv(huabei) -> None:
    # ``=`` is refused in a line's name, but ``+``, ``-`` and ``@`` are not, and Excel runs ``@SUM(A1)`` or
    # ``+1+2`` as a formula when it opens the file (CSV injection): the cell gets a leading ``'``.
    huabei.ok("line", "add", "@SUM(A1)")
    huabei.ok("line", "add", "+1+2")
    huabei.ok("--line", "@SUM(A1)", "bill", "add", "2025-05", "10")
    huabei.ok("--line", "+1+2", "bill", "add", "2025-05", "20")
    text = huabei.ok("export", "--all-lines", "--format", "csv", today="2025-05-03").out
    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))
    assert [r[0] for r in rows[1:]] == ["'@SUM(A1)", "'+1+2"]
    assert all(not cell.startswith(("=", "+", "@")) for row in rows for cell in row)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_with_two_lines_every_text_export_fits_80_columns(huabei, lang: str) -> None:
    # The header naming the line ("Credit line: 花呗 (of 花呗 / 信用购; export another with --line, …)", 111 cells)
    # and the due-next sentence of the lines block (88) ran past the 80 columns the text is laid out for.
    two_lines_with_bills(huabei)
    for args in (["export"], ["export", "--all-lines"], ["--line", "信用购", "export"]):
        out = huabei.ok(*args, today="2025-05-03", lang=lang).out
        wide = [row for row in out.splitlines() if cell_width(row) > 80]
        assert wide == [], (args, wide)
    out = huabei.ok("export", "--all-lines", today="2025-05-03", lang=lang).out
    assert "¥2,200.00" in out and ("信用购 ¥200.00" in out)  # the sentence is wrapped, not cut
