"""Every table of the text export lines up by terminal cells, in Chinese and in English (issue 14).

The export is read as a person would see it in a terminal: each line cut into cells with the project's
``cell_width`` (a Chinese character takes two), then every kind of table it holds is found and measured:

* tables with a line of dashes under their titles (bills, episodes, instalments): nothing crosses the gaps the
  dashes leave, and in every column the cells all start at the column's first cell or all end at its last;
* checklists (``[x] 1. text  date``): the text, its wrapped lines and caveats start at one cell, and the dates
  (or other right-hand words) start at one cell;
* label/value blocks (the status panels, the contact log): every value starts at one cell;
* the repayment grid: each code stands under its month's number, the legend beside it starts at one cell.

Each kind is counted, so the test cannot pass by finding nothing.
"""

from __future__ import annotations

import re
from datetime import date

import pytest

from huabei_tui.domain.demo import demo_ledger
from huabei_tui.session import Snapshot
from huabei_tui.textwidth import cell_width
from huabei_tui.views import text_report

DEMO_DAYS = (date(2026, 11, 29), date(2026, 12, 15))  # the demo's day, and a day its December bill is late
RULE = re.compile(r"-+( +-+)+")
TABLE_ROW = re.compile(r"\d{4}-\d{2}\b|\+ |▶ |Pay in |Minimum|Split in |\d+ days? late|全额还款|最低还款|分 \d|逾期 \d")  # a bill, an episode, an instalment, a planner option
MARK = re.compile(r"(\[x\]|\[ \]|\(\*\)|\( \)) ")
TITLE = re.compile(r"\[.+\]")
NOTE_WORDS = ("注意", "Note")  # a caveat under a step


def cells(line: str) -> list[str]:
    """One entry per terminal cell; the second cell of a wide character is ``""``."""
    out: list[str] = []
    for char in line:
        width = cell_width(char)
        if width:
            out += [char] + [""] * (width - 1)
    return out


def runs(line: str, min_gap: int) -> list[tuple[int, int]]:
    """(first cell, end cell) of each stretch of text, stretches being separated by ``min_gap`` spaces or more."""
    found: list[tuple[int, int]] = []
    row = cells(line)
    start = None
    blanks = 0
    for index, cell in enumerate(row + [" "] * min_gap):
        if cell == " ":
            blanks += 1
            if start is not None and blanks >= min_gap:
                found.append((start, index - blanks + 1))
                start = None
        else:
            if start is None:
                start = index
            blanks = 0
    return found


def blocks(lines: list[str]) -> list[list[str]]:
    """Stretches of non-blank lines."""
    found, current = [], []
    for line in [*lines, ""]:
        if line.strip():
            current.append(line)
        elif current:
            found.append(current)
            current = []
    return found


def check_dashed_tables(lines: list[str]) -> int:
    count = 0
    for i, line in enumerate(lines):
        if not RULE.fullmatch(line):
            continue
        count += 1
        columns = runs(line, 1)
        table = [lines[i - 1]]
        for row in lines[i + 1:]:
            if not TABLE_ROW.match(row):
                break
            table.append(row)
        assert len(table) >= 2, f"a table without rows under {lines[i - 1]!r}"
        gaps = {c for c in range(columns[-1][1]) if not any(a <= c < b for a, b in columns)}
        for row in table:
            row_cells = cells(row)
            assert len(row_cells) <= columns[-1][1], f"{row!r} is wider than its table"
            assert all(row_cells[c] == " " for c in gaps if c < len(row_cells)), f"{row!r} crosses a column gap"
        for first, end in columns:
            pieces = []  # (first, end) cell of the text of this column on each line
            for row in table:
                used = [c for c, cell in enumerate(cells(row)[first:end], start=first) if cell != " "]
                if used:
                    pieces.append((used[0], used[-1] + 1))
            starts_aligned = all(a == first for a, _ in pieces)
            ends_aligned = all(b == end for _, b in pieces)
            assert starts_aligned or ends_aligned, (lines[i - 1], first, end, pieces)
    return count


def check_checklists(lines: list[str]) -> int:
    count = 0
    for block in blocks(lines):
        i = 0
        while i < len(block):
            if not MARK.match(block[i]):
                i += 1
                continue
            count += 1
            text_starts, aside_starts, follow_starts = set(), set(), set()
            while i < len(block) and (MARK.match(block[i]) or block[i].startswith(" ")):
                line = block[i]
                mark = MARK.match(line)
                if mark:
                    # the mark, then "1. " when the steps are numbered, then the text
                    number = re.match(r"\d+\. ", line[mark.end():])
                    text_starts.add(cell_width(line[:mark.end() + (number.end() if number else 0)]))
                    wide = runs(line, 2)
                    if len(wide) > 1:
                        aside_starts.add(wide[-1][0])
                else:
                    follow_starts.add(len(line) - len(line.lstrip(" ")))
                    wide = runs(line, 2)
                    if len(wide) > 1 and not line.lstrip().startswith(NOTE_WORDS):
                        aside_starts.add(wide[-1][0])
                i += 1
            assert len(text_starts) == 1, f"checklist text starts at cells {text_starts}"
            assert follow_starts <= text_starts, f"wrapped lines start at {follow_starts}, the text at {text_starts}"
            assert len(aside_starts) <= 1, f"the dates of one checklist start at cells {aside_starts}"
    return count


def check_label_values(lines: list[str]) -> int:
    """Blocks under a ``[title]`` whose first line is ``label  value``: the values start at one cell."""
    count = 0
    for block in blocks(lines):
        if not TITLE.fullmatch(block[0]) or len(block) < 2:
            continue
        body = block[1:]
        first = body[0]
        if first.startswith(" ") or MARK.match(first) or any(RULE.fullmatch(line) for line in body):
            continue
        if len(runs(first, 2)) != 2:
            continue  # sentences (the day panel), not label/value rows
        count += 1
        starts = set()
        for line in body:
            stretches = runs(line, 2)
            starts.add(stretches[0][0] if line.startswith(" ") else stretches[1][0])
        assert len(starts) == 1, f"the values under {block[0]} start at cells {starts}"
    return count


def check_grids(lines: list[str]) -> int:
    count = 0
    for i, line in enumerate(lines):
        if line.split()[:12] != [str(n) for n in range(1, 13)]:
            continue
        count += 1
        month_ends = [b for _, b in runs(line, 1)][:12]
        legend_starts = set()
        for row in [line, *lines[i + 1:]]:
            if not row.strip():
                break
            stretches = runs(row, 1)
            grid = [(a, b) for a, b in stretches if b <= month_ends[-1]]
            if row is not line and row[:4].isdigit():
                assert all(b in month_ends for _, b in grid[1:]), f"a code off its month in {row!r}"
            legend = runs(row, 3)
            if len(legend) > 1 or row.startswith(" " * 12):
                legend_starts.add(legend[-1][0])
        assert len(legend_starts) == 1, f"the grid's legend starts at cells {legend_starts}"
    return count


def check_export(text: str) -> dict[str, int]:
    lines = text.splitlines()
    return {"dashed": check_dashed_tables(lines), "checklists": check_checklists(lines),
            "label_values": check_label_values(lines), "grids": check_grids(lines)}


@pytest.mark.parametrize("today", DEMO_DAYS, ids=str)
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_table_of_the_full_export_lines_up(lang: str, today: date) -> None:
    found = check_export(text_report.full_text(Snapshot.of(demo_ledger(DEMO_DAYS[0]), today), lang))
    # the planner's options, the month's bills and instalments, every bill, the episodes
    assert found["dashed"] == 5
    # the authorization steps, the answers, the revoke steps, the recovery steps
    assert found["checklists"] == 4
    # the bill to pay, the limit and account, the account details, the contact log
    assert found["label_values"] == 4
    assert found["grids"] == 1


@pytest.mark.parametrize("screen", text_report.SCREENS)
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_table_of_each_screen_export_lines_up(lang: str, screen: str) -> None:
    today = DEMO_DAYS[1]
    found = check_export(text_report.screen_text(Snapshot.of(demo_ledger(DEMO_DAYS[0]), today), lang, screen))
    assert sum(found.values()) >= 2, found


def test_the_checks_catch_a_ragged_column() -> None:
    """The old checklist export put the date right after each step's text (issue 14): that is refused."""
    ragged = "\n".join(["[x] 1. 打开支付宝 App  已完成 2026-10-20", "[x] 3. 点击右下角的“我的”  已完成 2026-10-20"])
    with pytest.raises(AssertionError, match="dates of one checklist"):
        check_checklists(ragged.splitlines())
    shifted = "\n".join(["账单     金额", "-------  -------", "2025-01  ¥1.00", "2025-02    ¥10.00"])
    with pytest.raises(AssertionError):
        check_dashed_tables(shifted.splitlines())
    values = "\n".join(["[额度与账户]", "额度  ¥1.00", "已用额度  ¥2.00"])
    with pytest.raises(AssertionError, match="values under"):
        check_label_values(values.splitlines())
