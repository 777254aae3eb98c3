"""Lining text up by terminal cells: Chinese characters take two cells."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from huabei_tui.textwidth import cell_width, pad, table, truncate
from huabei_tui.views.blocks import pair, pair_lines, plain_lines


def column_starts(line: str) -> list[int]:
    """Cell offsets where runs of non-space text start (columns are separated by at least two spaces)."""
    starts, offset, previous = [], 0, " "
    gap = 2
    for ch in line:
        if ch != " " and (previous == " " and gap >= 2):
            starts.append(offset)
        gap = gap + 1 if ch == " " else 0
        previous = ch
        offset += cell_width(ch)
    return starts


@pytest.mark.parametrize(
    ("text", "width"),
    [("", 0), ("abc", 3), ("花呗", 4), ("花呗2025年04月账单", 18), ("¥1,234.50", 9), ("ｱ", 1), ("１２", 4),
     ("e\u0301", 1), ("\x07a", 1), ("《授权书》", 10)],
)
def test_cell_width(text: str, width: int) -> None:
    assert cell_width(text) == width


@pytest.mark.parametrize("text", ["花呗", "ab", "还款账户余额", "Due", "逾期天数x", ""])
@pytest.mark.parametrize("align", ["left", "right", "center"])
def test_pad_reaches_the_same_cell_width(text: str, align: str) -> None:
    padded = pad(text, 12, align)
    assert cell_width(padded) == 12
    assert padded.strip() == text
    if align == "left":
        assert padded.startswith(text)
    elif align == "right":
        assert padded.endswith(text)


def test_pad_never_cuts() -> None:
    assert pad("还款账户余额", 4) == "还款账户余额"


def test_truncate_never_splits_a_wide_character() -> None:
    assert truncate("花呗账单", 8) == "花呗账单"
    assert truncate("花呗账单", 5) == "花呗…"
    assert truncate("花呗账单", 4) == "花…"
    assert cell_width(truncate("花呗账单", 4)) <= 4
    assert truncate("abcdef", 4) == "abc…"


@settings(max_examples=100, deadline=None)
@given(st.text(alphabet=st.sampled_from("ab1 花呗账单¥，"), max_size=20), st.integers(min_value=1, max_value=20))
def test_truncate_fits(text: str, width: int) -> None:
    assert cell_width(truncate(text, width)) <= max(width, 1)


def test_table_columns_line_up_with_cjk() -> None:
    headers = ["账单", "到期日", "金额", "状态"]
    rows = [
        ["2025-07", "2025-07-10", "¥1,500.00", "逾期后还清"],
        ["2025-08", "2025-08-10", "¥800.00", "逾期"],
        ["2025-09", "2025-09-10", "¥12.00", "待还"],
    ]
    lines = table(headers, rows, ["left", "left", "right", "left"])
    assert len(lines) == 2 + len(rows)
    # every line's column 2 (and 4) starts at the same cell offset
    second = [cell_width(line[: line.index(cell)]) for line, cell in
              zip(lines, ["到期日", "-", "2025-07-10", "2025-08-10", "2025-09-10"], strict=True)]
    assert second[0] == second[2] == second[3] == second[4]
    fourth = [cell_width(line[: line.rindex(cell)]) for line, cell in
              zip([lines[0], *lines[2:]], ["状态", "逾期后还清", "逾期", "待还"], strict=True)]
    assert len(set(fourth)) == 1
    # right-aligned amounts end at the same cell offset
    ends = [cell_width(line[: line.index(cell) + len(cell)]) for line, cell in
            zip([lines[0], *lines[2:]], ["金额", "¥1,500.00", "¥800.00", "¥12.00"], strict=True)]
    assert len(set(ends)) == 1
    # the separator's dashes span exactly each column
    assert [len(run) for run in lines[1].split("  ")] == [7, 10, 9, 10]
    assert all(line == line.rstrip() for line in lines)


def test_table_column_starts_match_the_separator() -> None:
    headers = ["Bill", "逾期天数", "Fee"]
    rows = [["2025-07", "5", "¥2.75"], ["2025-08", "22", "¥8.80"], ["花呗", "181", "¥1,000.00"]]
    lines = table(headers, rows, ["left", "right", "right"])
    separator_starts = column_starts(lines[1])
    for line in lines:
        assert cell_width(line) <= cell_width(lines[1])
    # right-aligned last column: every line is exactly as wide as the separator
    assert {cell_width(line) for line in lines} == {cell_width(lines[1])}
    assert column_starts(lines[0])[0] == separator_starts[0]


def key_values(pairs: list[tuple[str, str]]) -> list[str]:
    return plain_lines(pair_lines([pair(label, value) for label, value in pairs]))


def test_key_values_line_up() -> None:
    lines = key_values([("额度", "¥8,000.00"), ("还款账户余额", "¥1,200.00"), ("Due", "2025-09-10"), ("空", "")])
    offsets = {cell_width(line[: line.index(value)]) for line, value in
               zip(lines[:3], ["¥8,000.00", "¥1,200.00", "2025-09-10"], strict=True)}
    assert offsets == {cell_width("还款账户余额") + 2}
    assert lines[3] == "空"  # trailing spaces trimmed
    assert key_values([]) == []
