"""The parser's fast paths read exactly what ``csv`` reads.

Lines without a quote are split by hand and lines without 花呗 are only counted (``alipay._read_rows``). A line
with a quote always goes to ``csv``, so quoting every cell of a file (which changes nothing a spreadsheet would
see) sends every line the slow way: both readings must give the same rows, the same skipped rows with the same
lines and reasons, and the same error, whatever the mix of rows and quirks.
"""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from huabei_tui.io.alipay import AlipayImportError, parse_alipay_export
from support.alipay_files import Quirks, build_app2021, build_app2023, purchase

ROWS = [
    purchase(1, amount="25.80"),
    purchase(2, method="花呗分期(3期)", amount="300.00"),
    purchase(3, method="余额宝"),
    purchase(4, method="招商银行储蓄卡(1234)", status="交易关闭"),
    purchase(5, category="信用借还", counterparty="花呗", description="自动还款-花呗2025年04月账单",
             direction="不计收支", amount="500.00", method="余额宝", status="还款成功"),
    purchase(6, status="等待确认收货"),
    purchase(7, method="余额", description=" 前面有空格的商品"),
    purchase(8, method="余额", description="说明里有，全角逗号"),
    purchase(9, method="花呗", status="交易关闭"),
    purchase(10, category="退款", description="退款-外卖", direction="不计收支", amount="25.80", status="退款成功",
             order_no="2025040322001400009_2025040500001"),
]


def quote_every_cell(data: bytes, encoding: str) -> bytes:
    """The same export with every cell of every data line quoted (what Excel writes): csv reads it the same."""
    text = data.decode(encoding)
    lines = text.splitlines(keepends=True)
    out = []
    for line in lines:
        body = line.rstrip("\r\n")
        end = line[len(body):]
        if body and "," in body and '"' not in body and not body.startswith("---"):
            body = ",".join(f'"{cell}"' for cell in body.split(","))
        out.append(body + end)
    return "".join(out).encode(encoding)


def read(data: bytes) -> tuple:
    try:
        parsed = parse_alipay_export(data)
    except AlipayImportError as error:
        return ("error", error.key, error.params)
    return (parsed.rows, [(row.line, row.reason) for row in parsed.skipped], parsed.rows_read, parsed.layout)


@settings(max_examples=60, deadline=None)
@given(
    st.lists(st.sampled_from(range(len(ROWS))), min_size=1, max_size=25),
    st.sampled_from(["\n", "\r\n"]),
    st.booleans(),
    st.booleans(),
    st.sampled_from(["app2023", "app2021"]),
    st.sampled_from([None, "blank", "short", "padded", "spaces"]),
)
def test_hand_split_lines_read_like_csv(picks: list[int], newline: str, pad: bool, trailing: bool, layout: str,
                                        odd: str | None) -> None:
    quirks = Quirks(newline=newline, pad=pad, trailing_comma=trailing)
    build = build_app2023 if layout == "app2023" else build_app2021
    data = build([ROWS[i] for i in picks], quirks)
    if odd is not None:  # one odd line in the middle of the rows: an empty one, a short one, extra cells
        lines = data.decode("gbk").split(newline)
        middle = next(i for i, line in enumerate(lines) if line.count(",") > 5) + len(picks) // 2
        if odd == "blank":
            lines.insert(middle, "")
        elif odd == "short":
            lines[middle] = ",".join(lines[middle].split(",")[:4])
        elif odd == "padded":
            lines[middle] = lines[middle] + ",,,"
        else:
            lines.insert(middle, "   ,   ,   ")
        data = newline.join(lines).encode("gbk")
    assert read(data) == read(quote_every_cell(data, "gbk"))


def test_a_quoted_cell_with_a_line_break_among_fast_lines() -> None:
    data = build_app2023([ROWS[2], ROWS[0], ROWS[2]], Quirks(pad=False))
    text = data.decode("gbk")
    text = text.replace("余额宝", '"余额\n宝"', 1)  # a cell over two lines, as Excel may write one
    parsed = parse_alipay_export(text.encode("gbk"))
    assert [row.order_no for row in parsed.rows] == ["2025040322001400001"]
    first = parsed.rows[0].line
    assert [(row.line - first, row.reason) for row in parsed.skipped] == [(-2, "skip.not_huabei"),
                                                                          (1, "skip.not_huabei")]
