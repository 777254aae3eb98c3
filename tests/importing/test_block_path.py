"""The parser's block path reads exactly what its line-by-line path reads.

``alipay._read_rows`` takes most of a file a decoded block (a few hundred lines) at a time: when every line of a
block is plain (``_plain_lines``: no quote or NUL, the header's cell count, the trailing comma, no odd first
character), the lines without 花呗 or 信用购 (``_credit_lines``) are recorded as skipped at once and only the others
are split. Any other block goes line by line, as every block did before. Here the blocks are made a few lines
long, so one file mixes both kinds, and every reading is compared with the same file read line by line only:
the same rows, the same skipped lines and reasons, the same count, or the same error on the same line.
"""

from __future__ import annotations

import codecs
import io
import random
from contextlib import ExitStack
from unittest import mock

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from huabei_tui.io import alipay
from huabei_tui.io.alipay import AlipayImportError, parse_alipay_export
from support.alipay_files import APP2023_COLUMNS, Quirks, build_app2021, build_app2023, purchase, refund

ROWS = [
    purchase(1, amount="25.80"),
    purchase(2, method="花呗分期(3期)", amount="300.00"),
    purchase(3, method="余额宝"),
    purchase(4, method="招商银行储蓄卡(1234)", status="交易关闭"),
    purchase(5, category="信用借还", counterparty="花呗", description="自动还款-花呗2025年04月账单",
             direction="不计收支", amount="500.00", method="余额宝", status="还款成功"),
    purchase(6, status="等待确认收货"),
    purchase(7, method="余额", description=" 前面有空格的商品"),
    purchase(8, method="余额", description="说明里有，全角逗号和全角空格　"),
    purchase(9, method="花呗", status="交易关闭"),
    refund(10, purchase(9, method="花呗"), "25.80", "2025-04-05 10:00:00"),
    purchase(11, method="信用购"),
    purchase(12, method="余额", description="花呗红包：说明里提到花呗的余额支付"),
    purchase(13, method="余额", description="信用卡还款"),
    purchase(14, method="余额", counterparty="信用社"),
    purchase(15, method="信用购分期(6期)", amount="600.00"),
    purchase(16, method="花呗&红包", amount="0.00"),
]

#: Lines put among the rows: each is read the slow way, and its block with it.
ODD = {
    "blank": "",
    "spaces": "   ,   ,   ",
    "quoted comma": None,  # a row whose description is quoted and holds a comma
    "quoted break": None,  # a row whose description is quoted and holds a line break
    "padded": None,  # a row with three more empty cells (Excel's padding)
    "short": None,  # a row with four cells: the file is damaged
    "pair": None,  # a row with a cell too many (not empty) next to one with a cell too few: the commas add up
    "nul": None,  # a NUL in a row that is not Huabei's
    "vertical tab": None,  # \x0b in a description: not a line end for csv
    "line separator": None,  # U+2028 in a description: not a line end for csv
}


def read(data: bytes, *, chunk: int | None, blocks: bool = True) -> tuple:
    """The export as parsed: rows, skipped (line, reason), rows read and layout, or the error's key and line."""
    with ExitStack() as stack:
        if chunk is not None:
            stack.enter_context(mock.patch.object(alipay, "_CHUNK_BYTES", chunk))
        if not blocks:
            stack.enter_context(mock.patch.object(alipay, "_plain_lines", lambda _text, _width: None))
        try:
            parsed = parse_alipay_export(data)
        except AlipayImportError as error:
            return ("error", error.key, error.line)
    return (parsed.rows, [(row.line, row.reason) for row in parsed.skipped], parsed.rows_read, parsed.layout)


def with_odd_line(data: bytes, encoding: str, newline: str, odd: str, where: int) -> bytes:
    """``data`` with one odd line (``ODD``) at data line ``where`` (counted from the first data row)."""
    text = data.decode(encoding)
    lines = text.split(newline)
    first = next(i for i, line in enumerate(lines) if line.count(",") > 5) + 1  # after the header
    at = min(first + where, len(lines) - 1)
    row = next(line for line in [*lines[first:], lines[first - 1]] if line.count(",") > 5 and '"' not in line)
    cells = row.split(",")
    if odd in ("blank", "spaces"):
        lines.insert(at, ODD[odd] or "")
    elif odd == "quoted comma":
        cells[4] = '"一个,带逗号的说明"'
        lines.insert(at, ",".join(cells))
    elif odd == "quoted break":
        cells[4] = '"两行' + newline + '的说明"'
        lines.insert(at, ",".join(cells))
    elif odd == "padded":
        lines.insert(at, row + ",,,")
    elif odd == "short":
        lines.insert(at, ",".join(cells[:4]))
    elif odd == "pair":
        lines.insert(at, ",".join([*cells[:2], "多一格", *cells[2:]]))
        lines.insert(at + 1, ",".join(cells[:2] + cells[3:]))
    elif odd == "nul":
        lines.insert(at, row.replace("余额", "余\x00额", 1) if "余额" in row else row + "\x00")
    elif odd == "vertical tab":
        cells[4] = cells[4] + "\x0b"
        lines.insert(at, ",".join(cells))
    else:
        cells[4] = cells[4] + "\u2028"
        lines.insert(at, ",".join(cells))
    try:
        return newline.join(lines).encode(encoding)
    except UnicodeEncodeError:  # U+2028 has no GBK form
        return data


@settings(max_examples=120, deadline=None)
@given(
    st.lists(st.sampled_from(range(len(ROWS))), min_size=1, max_size=40),
    st.sampled_from(["gbk", "gb18030", "utf-8", "utf-8-sig"]),
    st.sampled_from(["\n", "\r\n"]),
    st.booleans(),
    st.booleans(),
    st.sampled_from(["app2023", "app2021", "app2023 reordered"]),
    st.lists(st.tuples(st.sampled_from(sorted(ODD)), st.integers(0, 45)), max_size=3),
    st.sampled_from([None, 97, 160, 311, 700]),
)
def test_blocks_read_like_lines(picks: list[int], encoding: str, newline: str, pad: bool, trailing: bool,
                                layout: str, odd: list[tuple[str, int]], chunk: int | None) -> None:
    quirks = Quirks(encoding=encoding, newline=newline, pad=pad, trailing_comma=trailing)
    rows = [ROWS[i] for i in picks]
    if layout == "app2021":
        data = build_app2021(rows, quirks)
    else:
        columns = list(APP2023_COLUMNS)
        if layout == "app2023 reordered":  # the payment-method column elsewhere, as a re-saved file may have it
            random.Random(len(picks)).shuffle(columns)
        data = build_app2023(rows, quirks, columns)
    text_encoding = "utf-8-sig" if encoding == "utf-8-sig" else encoding
    for name, where in odd:
        data = with_odd_line(data, text_encoding, newline, name, where)
    if encoding == "gb18030":  # a four-byte GB18030 character in a description, split across small chunks
        data = data.decode("gb18030").replace("商品", "商品\U00020000", 1).encode("gb18030")
    assert read(data, chunk=chunk) == read(data, chunk=chunk, blocks=False)


def test_a_big_file_mixes_blocks_read_whole_and_line_by_line() -> None:
    """Default 64 KiB blocks: a quoted cell, a blank line and Excel's padding each send their block line by line."""
    rows = [ROWS[i % len(ROWS)] for i in range(4000)]
    data = build_app2023(rows)
    text = data.decode("gbk")
    lines = text.split("\n")
    for at, odd in ((900, "quoted"), (2100, "blank"), (3300, "padded")):
        cells = lines[at].split(",")
        if odd == "quoted":
            cells[4] = '"带,逗号"'
            lines[at] = ",".join(cells)
        elif odd == "blank":
            lines.insert(at, "")
        else:
            lines[at] += ",,,"
    data = "\n".join(lines).encode("gbk")
    fast = read(data, chunk=None)
    assert fast == read(data, chunk=None, blocks=False)
    assert fast[2] == 4000 and len(fast[0]) > 1000


@pytest.mark.parametrize("chunk", [None, 128])
def test_a_damaged_row_is_reported_on_its_line_either_way(chunk: int | None) -> None:
    rows = [ROWS[2]] * 300 + [ROWS[0]] * 300
    lines = build_app2023(rows).decode("gbk").split("\n")
    lines[200] = ",".join(lines[200].split(",")[:5])  # a non-Huabei row cut short
    data = "\n".join(lines).encode("gbk")
    result = read(data, chunk=chunk)
    assert result == ("error", "alipay.cell_count", 201)
    assert result == read(data, chunk=chunk, blocks=False)


def test_a_bom_and_a_crlf_file_take_the_block_path() -> None:
    """The usual shapes are read a block at a time: the block path is not an exception taken only in tests."""
    for quirks in (Quirks(), Quirks(newline="\r\n"), Quirks(encoding="utf-8-sig"), Quirks(trailing_comma=False)):
        data = build_app2023([ROWS[2]] * 50 + [ROWS[0]] * 50, quirks)
        calls: list[int] = []
        real = alipay._plain_lines

        def spy(text: str, width: int, calls: list[int] = calls, real=real) -> list[str] | None:
            lines = real(text, width)
            calls.append(-1 if lines is None else len(lines))
            return lines

        with mock.patch.object(alipay, "_plain_lines", spy):
            parsed = parse_alipay_export(data)
        assert parsed.rows_read == 100 and len(parsed.rows) == 50
        assert calls and all(count > 0 for count in calls), (quirks, calls)


@given(st.lists(st.sampled_from(["花呗", "信用购", "呗", "花", "信", "信用", "用购", "x", ",", "\n", "购物"]),
                max_size=60))
def test_credit_lines_are_the_lines_that_name_a_credit_line(pieces: list[str]) -> None:
    text = "".join(pieces) + "\n"
    lines = text.split("\n")[:-1]
    assert alipay._credit_lines(text) == [i for i, line in enumerate(lines) if "花呗" in line or "信用购" in line]


def test_a_nul_byte_is_noticed_by_the_guard() -> None:
    data = build_app2023([ROWS[2], ROWS[0]])
    guard = alipay._Guard(io.BytesIO(data))
    while guard.read1():
        pass
    assert not guard.nul
    guard = alipay._Guard(io.BytesIO(data.replace("余额宝".encode("gbk"), b"\x00", 1)))
    while guard.read1():
        pass
    assert guard.nul


def test_the_codecs_never_make_a_nul_from_other_bytes() -> None:
    """Why the guard may look for NUL in bytes: in the export's encodings only the byte 0 decodes to U+0000."""
    for encoding in ("utf-8", "gb18030"):
        decoder = codecs.getincrementaldecoder(encoding)(errors="replace")
        text = "".join(decoder.decode(bytes([first, second])) for first in range(1, 256) for second in range(1, 256))
        assert "\x00" not in text


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 300), st.sampled_from([b"\n", b"\r\n", b"\r", b""])), min_size=1,
                max_size=30),
       st.integers(64, 400))
def test_the_guard_names_the_same_over_long_line_counting_late_or_as_it_reads(lines: list[tuple[int, bytes]],
                                                                              limit: int) -> None:
    """The main pass counts line ends only when a line is too long (reading the start again); the count must be
    the one a count kept while reading gives, whichever of the two checks refuses the line."""
    data = b"".join(b"x" * length + end for length, end in lines)

    def refusal(reopen: bool) -> tuple[int | None, int] | None:
        guard = alipay._Guard(io.BytesIO(data), (lambda: io.BytesIO(data)) if reopen else None)
        try:
            while guard.read1():
                pass
        except AlipayImportError as error:
            return error.line, guard.size
        return None

    with mock.patch.object(alipay, "MAX_LINE_BYTES", limit), mock.patch.object(alipay, "_CHUNK_BYTES", 50):
        assert refusal(True) == refusal(False)
