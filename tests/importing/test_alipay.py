"""Tests for the Alipay export parser.

Test files come from the builders in ``tests/support/alipay_files.py`` (one per layout), so that every quirk seen
in real exports can be switched on and off: encodings, CRLF, padded cells, the tab after order numbers, the
trailing comma, and an Excel re-save (quoted cells, times without seconds, grouped amounts). A synthetic file
shaped like the real exports (``tests/importing/fixtures``) is checked everywhere; the two real exports in
``../shared/samples/alipay`` beside the project are read where they lie when they are there (never copied into
the repository), and their checks are skipped with a reason on a clone that has nothing beside it.
"""

from __future__ import annotations

import io
import re
import subprocess
import sys
from dataclasses import replace
from datetime import datetime
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from huabei_tui.domain.dates import Month
from huabei_tui.i18n import MissingString
from huabei_tui.io import alipay
from huabei_tui.io.alipay import (
    AlipayImportError,
    ParsedExport,
    format_message,
    parse_alipay_export,
    parse_alipay_source,
)
from huabei_tui.strings.imports import STRINGS
from support.alipay_files import (
    APP2023_COLUMNS,
    APP2023_FIRST_DATA_LINE,
    Quirks,
    Tx,
    build_app2021,
    build_app2023,
    build_web,
    purchase,
)

#: The parser's messages: its errors and skip reasons.
MESSAGES = {key: pair for key, pair in STRINGS.items() if key.startswith(("alipay.", "skip."))}

REPO_ROOT = Path(__file__).resolve().parents[2]
SAMPLES = REPO_ROOT / ".." / "shared" / "samples" / "alipay"
#: Our own file in the real exports' shape (24-line preamble, GBK, padded cells, tabs, trailing commas, no Huabei).
FIXTURES = Path(__file__).resolve().parent / "fixtures"
SAMPLE_FILES = [*sorted(FIXTURES.glob("alipay-app2023-*.csv")), *sorted(SAMPLES.glob("*.csv"))]

# ----------------------------------------------------------------------------------------------------
# The mixed export and its expected outcome
# ----------------------------------------------------------------------------------------------------

#: A small export covering every kind of row; the expected outcome is checked in several tests.
MIXED = [
    purchase(1, time="2025-04-03 09:05:07", amount="25.80"),
    purchase(2, method="花呗&红包", amount="1234.50", time="2025-04-04 18:30:00"),
    purchase(3, method="花呗分期(3期)", amount="3000.00", description="手机"),
    purchase(4, method="花呗分期（12期）", amount="6000", description="电脑"),
    purchase(5, category="退款", description="退款-美团订单-午餐", direction="不计收支", amount="25.80",
             status="退款成功", order_no="2025040322001400001_2025040500001"),
    purchase(6, category="信用借还", counterparty="花呗", description="自动还款-花呗2025年04月账单",
             direction="不计收支", amount="500.00", method="余额宝", status="还款成功"),
    purchase(7, category="信用借还", counterparty="花呗", description="主动还款-花呗2025年03月账单",
             direction="不计收支", amount="100.00", method="招商银行储蓄卡(1234)", status="交易成功"),
    purchase(8, method="余额宝"),
    purchase(9, method="交通银行信用卡(7449)", status="交易关闭"),
    purchase(10, status="等待确认收货"),
    purchase(11, status="交易关闭", direction="不计收支"),
    purchase(12, direction="收入", status="交易成功"),
    purchase(13, status="支付失败"),
]
MIXED_SKIPS = {
    8: "skip.not_huabei", 9: "skip.not_huabei", 10: "skip.pending", 11: "skip.closed",
    12: "skip.not_expense", 13: "skip.not_successful",
}


def check_mixed(result: ParsedExport, first_line: int, *, seconds: bool = True) -> None:
    """The outcome of MIXED, whatever the layout or quirks; ``first_line`` is the first data row's line."""
    assert result.rows_read == len(MIXED)
    assert result.huabei_identifiable
    assert result.rows_read == len(result.rows) + len(result.skipped)
    by_order = {row.order_no: row for row in result.rows}
    assert [row.kind for row in result.rows] == ["purchase"] * 4 + ["refund", "repayment", "repayment"]
    assert [row.line for row in result.rows] == [first_line + i for i in range(7)]

    first = by_order["2025040322001400001"]
    assert first.time == datetime(2025, 4, 3, 9, 5, 7 if seconds else 0)
    assert first.amount == 2580
    assert (first.counterparty, first.description, first.method, first.status) == (
        "美团平台商户", "美团订单-午餐", "花呗", "交易成功")
    assert first.installments is None and first.repay_month is None and first.refund_of is None
    assert by_order["2025040322001400002"].amount == 123450
    assert by_order["2025040322001400002"].method == "花呗&红包"
    assert by_order["2025040322001400003"].installments == 3
    assert by_order["2025040322001400004"].installments == 12
    assert by_order["2025040322001400004"].amount == 600000

    refund = by_order["2025040322001400001_2025040500001"]
    assert (refund.kind, refund.amount, refund.refund_of) == ("refund", 2580, "2025040322001400001")
    auto, manual = (row for row in result.rows if row.kind == "repayment")
    assert (auto.repay_month, auto.amount, auto.status) == (Month(2025, 4), 50000, "还款成功")
    assert (manual.repay_month, manual.amount) == (Month(2025, 3), 10000)

    skips = {row.line - first_line + 1: row.reason for row in result.skipped}
    assert skips == MIXED_SKIPS
    assert (result.count("purchase"), result.count("refund"), result.count("repayment")) == (4, 1, 2)
    assert sum(result.skipped_by_reason().values()) == len(MIXED_SKIPS)


def error_of(data: bytes) -> AlipayImportError:
    with pytest.raises(AlipayImportError) as caught:
        parse_alipay_export(data)
    return caught.value


# ----------------------------------------------------------------------------------------------------
# Layouts, encodings and quirks
# ----------------------------------------------------------------------------------------------------

ENCODINGS = [("gbk", "gb18030"), ("gb18030", "gb18030"), ("utf-8", "utf-8"), ("utf-8-sig", "utf-8-sig")]


@pytest.mark.parametrize(("encoding", "reported"), ENCODINGS)
@pytest.mark.parametrize("newline", ["\n", "\r\n", "\r"])
def test_app2023_every_encoding_and_newline(encoding: str, reported: str, newline: str) -> None:
    result = parse_alipay_export(build_app2023(MIXED, Quirks(encoding=encoding, newline=newline)))
    assert (result.layout, result.encoding) == ("app2023", reported)
    check_mixed(result, APP2023_FIRST_DATA_LINE)


@pytest.mark.parametrize(("encoding", "reported"), ENCODINGS)
@pytest.mark.parametrize("newline", ["\n", "\r\n"])
def test_app2021_every_encoding_and_newline_skips_footer(encoding: str, reported: str, newline: str) -> None:
    result = parse_alipay_export(build_app2021(MIXED, Quirks(encoding=encoding, newline=newline)))
    assert (result.layout, result.encoding) == ("app2021", reported)
    check_mixed(result, 3)


@pytest.mark.parametrize("pad", [True, False])
@pytest.mark.parametrize("tab", [True, False])
@pytest.mark.parametrize("trailing_comma", [True, False])
def test_padding_tabs_and_trailing_commas_are_tolerated(pad: bool, tab: bool, trailing_comma: bool) -> None:
    quirks = Quirks(pad=pad, tab=tab, trailing_comma=trailing_comma)
    check_mixed(parse_alipay_export(build_app2023(MIXED, quirks)), APP2023_FIRST_DATA_LINE)
    check_mixed(parse_alipay_export(build_app2021(MIXED, quirks)), 3)


@pytest.mark.parametrize("encoding", ["gbk", "utf-8-sig"])
def test_excel_resave_quotes_no_seconds_grouped_amounts(encoding: str) -> None:
    data = build_app2023(MIXED, Quirks(encoding=encoding, newline="\r\n", excel=True))
    assert b'"2025/4/3 9:05"' in data and b'"1,234.50"' in data
    check_mixed(parse_alipay_export(data), APP2023_FIRST_DATA_LINE, seconds=False)
    check_mixed(parse_alipay_export(build_app2021(MIXED, Quirks(excel=True))), 3, seconds=False)


def test_columns_are_found_by_name_in_any_order() -> None:
    shuffled = APP2023_COLUMNS[::-1]
    result = parse_alipay_export(build_app2023(MIXED, columns=shuffled))
    check_mixed(result, APP2023_FIRST_DATA_LINE)


def test_optional_columns_may_be_missing() -> None:
    columns = [c for c in APP2023_COLUMNS if c not in ("交易分类", "对方账号", "商家订单号", "备注")]
    check_mixed(parse_alipay_export(build_app2023(MIXED, columns=columns)), APP2023_FIRST_DATA_LINE)


def test_blank_lines_between_rows_are_not_rows() -> None:
    lines = build_app2023(MIXED[:2]).decode("gbk").split("\n")
    lines.insert(APP2023_FIRST_DATA_LINE, "")  # a blank line after the first data row
    lines.insert(APP2023_FIRST_DATA_LINE + 1, ",,,,,,,,,,,,")  # and an all-empty row, as Excel leaves
    result = parse_alipay_export("\n".join(lines).encode("gbk"))
    assert result.rows_read == 2
    assert [row.line for row in result.rows] == [APP2023_FIRST_DATA_LINE, APP2023_FIRST_DATA_LINE + 3]


# ----------------------------------------------------------------------------------------------------
# What counts
# ----------------------------------------------------------------------------------------------------


def test_fully_refunded_purchase_shown_closed_is_imported_with_its_refund() -> None:
    txs = [
        purchase(2, category="退款", description="退款-午餐", direction="不计收支", status="退款成功",
                 order_no="2025040322001400001_77"),
        purchase(1, status="交易关闭"),  # Alipay closes the original once it is fully refunded
        purchase(3, status="交易关闭"),  # closed and never refunded: never paid, skipped
    ]
    result = parse_alipay_export(build_app2023(txs))
    assert [(row.kind, row.order_no, row.status) for row in result.rows] == [
        ("refund", "2025040322001400001_77", "退款成功"),
        ("purchase", "2025040322001400001", "交易关闭"),
    ]
    assert result.rows[0].refund_of == "2025040322001400001"
    closed_line = APP2023_FIRST_DATA_LINE + 2
    assert [(row.line, row.reason) for row in result.skipped] == [(closed_line, "skip.closed")]


def test_refund_without_suffix_has_no_refund_of() -> None:
    refund = purchase(1, status="退款成功", direction="不计收支", order_no="2025040322001499999")
    (row,) = parse_alipay_export(build_app2023([refund])).rows
    assert (row.kind, row.refund_of) == ("refund", None)


def test_refund_not_yet_successful_is_skipped() -> None:
    result = parse_alipay_export(build_app2023([purchase(1, status="退款中")]))
    assert [row.reason for row in result.skipped] == ["skip.pending"]


@pytest.mark.parametrize(
    ("counterparty", "description", "month"),
    [
        ("花呗", "自动还款-花呗2025年04月账单", Month(2025, 4)),
        ("花呗", "自动还款 - 花呗 2025 年 4 月 账单", Month(2025, 4)),
        ("花呗|信用购", "自动还款-花呗|信用购2025年12月账单", Month(2025, 12)),
        ("支付宝（中国）网络技术有限公司", "主动还款-花呗2019年02月账单", Month(2019, 2)),
        ("花呗", "花呗主动还款-2024年01月账单", Month(2024, 1)),
    ],
)
def test_repayment_spellings(counterparty: str, description: str, month: Month) -> None:
    tx = purchase(1, counterparty=counterparty, description=description, direction="不计收支",
                  method="余额宝", status="还款成功", amount="812.34")
    (row,) = parse_alipay_export(build_app2023([tx])).rows
    assert (row.kind, row.repay_month, row.amount) == ("repayment", month, 81234)


def test_repayment_without_month_or_not_successful_is_skipped() -> None:
    txs = [
        purchase(1, counterparty="花呗", description="花呗提前还款", method="余额宝", status="还款成功"),
        purchase(2, counterparty="花呗", description="自动还款-花呗2025年04月账单", method="余额宝",
                 status="还款失败"),
    ]
    result = parse_alipay_export(build_app2023(txs))
    assert result.rows == []
    assert [row.reason for row in result.skipped] == ["skip.repayment_no_month", "skip.not_successful"]


def test_zero_amount_huabei_row_is_skipped_not_an_error() -> None:
    result = parse_alipay_export(build_app2023([purchase(1, amount="0.00")]))
    assert result.rows == [] and [row.reason for row in result.skipped] == ["skip.zero_amount"]


def test_garbage_in_an_irrelevant_row_is_only_skipped() -> None:
    txs = [purchase(1, method="余额宝", amount="lots", time="yesterday", order_no=""), purchase(2)]
    result = parse_alipay_export(build_app2023(txs))
    assert [row.order_no for row in result.rows] == ["2025040322001400002"]
    assert [row.reason for row in result.skipped] == ["skip.not_huabei"]


# ----------------------------------------------------------------------------------------------------
# The real exports and the web layout
# ----------------------------------------------------------------------------------------------------


def _data_lines_after_header(data: bytes) -> int:
    lines = data.decode("gb18030").splitlines()
    header = next(i for i, text in enumerate(lines) if text.startswith("交易时间"))
    return sum(1 for text in lines[header + 1:] if text.strip())


@pytest.mark.parametrize("sample", SAMPLE_FILES, ids=lambda path: path.name)
def test_real_samples(sample: Path) -> None:
    data = sample.read_bytes()
    result = parse_alipay_export(data)
    assert (result.layout, result.encoding, result.huabei_identifiable) == ("app2023", "gb18030", True)
    assert result.rows == []
    assert result.rows_read == _data_lines_after_header(data) == len(result.skipped)
    assert result.rows_read >= 10
    assert all(row.line >= 26 for row in result.skipped)
    assert set(result.skipped_by_reason()) == {"skip.not_huabei"}


def test_samples_are_present() -> None:
    assert len(list(FIXTURES.glob("alipay-app2023-*.csv"))) == 1, "the synthetic sample is part of the tests"
    if not SAMPLES.is_dir():
        pytest.skip(f"the real exports are not beside this clone ({SAMPLES.resolve()} is absent)")
    assert len(list(SAMPLES.glob("*.csv"))) == 2


@pytest.mark.parametrize(("encoding", "reported"), [("gbk", "gb18030"), ("utf-8-sig", "utf-8-sig")])
def test_web_export_is_read_but_cannot_identify_huabei(encoding: str, reported: str) -> None:
    result = parse_alipay_export(build_web(MIXED[:3], Quirks(encoding=encoding)))
    assert (result.layout, result.encoding, result.huabei_identifiable) == ("web", reported, False)
    assert result.notice == "alipay.web_no_method"
    assert "花呗" in format_message(result.notice, "zh") and "Huabei" in format_message(result.notice, "en")
    assert result.rows == [] and result.rows_read == 3
    assert [row.line for row in result.skipped] == [6, 7, 8]
    assert {row.reason for row in result.skipped} == {"skip.web_layout"}


def test_web_export_with_a_broken_row_still_reports_the_line() -> None:
    data = build_web(MIXED[:3], Quirks(pad=False)).decode("gbk").split("\n")
    data[6] += ",extra,cells"
    assert error_of("\n".join(data).encode("gbk")).line == 7


# ----------------------------------------------------------------------------------------------------
# Not an export, damaged exports
# ----------------------------------------------------------------------------------------------------

WECHAT = ("微信支付账单明细\n交易时间,交易类型,交易对方,商品,收/支,金额(元),支付方式,当前状态,交易单号\n"
          "2025-04-03 12:00:00,商户消费,某店,午餐,支出,¥25.00,零钱,支付成功,42000001\n").encode()


@pytest.mark.parametrize(
    "data",
    [
        b"",
        b"\n\n\n",
        b"hello, world\nthis is just text\n" * 50,
        "随便写的一些中文，没有表头。\n".encode("gbk") * 10,
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00\x00\x00\x01\x00\x08\x06\x00\x00\x00\x5c\x72\xa8",
        b"PK\x03\x04\x14\x00\x00\x00\x08\x00" + bytes(range(256)),
        WECHAT,
        "交易时间,金额\n2025-04-03 12:00:00,1.00\n".encode(),  # two columns are not an export
    ],
    ids=["empty", "blank-lines", "english-text", "chinese-text", "png", "zip", "wechat", "two-columns"],
)
def test_not_an_export(data: bytes) -> None:
    error = error_of(data)
    assert (error.key, error.line) == ("alipay.not_an_export", None)
    assert "支付宝" in error.message("zh") and "Alipay" in error.message("en") and "Alipay" in str(error)


def test_header_missing_a_required_column() -> None:
    columns = [c for c in APP2023_COLUMNS if c != "交易状态"]
    error = error_of(build_app2023(MIXED, columns=columns))
    assert (error.key, error.line, error.params["columns"]) == ("alipay.missing_columns", 25, "交易状态")


def _with_row(txs: list[Tx], index: int, **changes: str) -> bytes:
    txs = list(txs)
    txs[index] = replace(txs[index], **changes)
    return build_app2023(txs)


@pytest.mark.parametrize(
    ("changes", "key"),
    [
        ({"time": "2025-13-03 09:05:07"}, "alipay.bad_time"),
        ({"time": "昨天"}, "alipay.bad_time"),
        ({"time": "2025-04-03T09:05:07+08:00"}, "alipay.bad_time"),
        ({"amount": "abc"}, "alipay.bad_amount"),
        ({"amount": "-25.80"}, "alipay.bad_amount"),
        ({"amount": "25.801"}, "alipay.bad_amount"),
        ({"amount": "999999999999.00"}, "alipay.bad_amount"),
        ({"order_no": "2.02504E+27"}, "alipay.order_no_mangled"),
        ({"description": "自动还款-花呗2025年13月账单", "counterparty": "花呗", "status": "还款成功"},
         "alipay.bad_repay_month"),
    ],
)
def test_malformed_huabei_row_names_its_line(changes: dict[str, str], key: str) -> None:
    error = error_of(_with_row(MIXED, 3, **changes))
    assert (error.key, error.line) == (key, APP2023_FIRST_DATA_LINE + 3)
    assert str(APP2023_FIRST_DATA_LINE + 3) in error.message("zh")
    assert str(APP2023_FIRST_DATA_LINE + 3) in error.message("en")


def test_wrong_cell_count_names_its_line() -> None:
    lines = build_app2023(MIXED).decode("gbk").split("\n")
    lines[APP2023_FIRST_DATA_LINE + 4 - 1] = lines[APP2023_FIRST_DATA_LINE + 4 - 1].split(",", 3)[0] + ",x"
    error = error_of("\n".join(lines).encode("gbk"))
    assert (error.key, error.line) == ("alipay.cell_count", APP2023_FIRST_DATA_LINE + 4)
    assert error.params == {"line": APP2023_FIRST_DATA_LINE + 4, "expected": 12, "found": 2}


def test_extra_non_empty_cells_are_an_error_but_empty_ones_are_not() -> None:
    lines = build_app2023(MIXED[:2], Quirks(pad=False)).decode("gbk").split("\n")
    lines[APP2023_FIRST_DATA_LINE - 1] += ",,,"
    assert len(parse_alipay_export("\n".join(lines).encode("gbk")).rows) == 2
    lines[APP2023_FIRST_DATA_LINE] += ",surprise"
    assert error_of("\n".join(lines).encode("gbk")).line == APP2023_FIRST_DATA_LINE + 1


@pytest.mark.parametrize("encoding", ["gbk", "utf-8", "utf-8-sig"])
def test_undecodable_bytes_in_an_export_name_their_line(encoding: str) -> None:
    data = build_app2023(MIXED, Quirks(encoding=encoding))
    lines = data.split(b"\n")
    lines[APP2023_FIRST_DATA_LINE + 1] = lines[APP2023_FIRST_DATA_LINE + 1].replace(b"2025", b"\xff\xff", 1)
    error = error_of(b"\n".join(lines))
    assert (error.key, error.line) == ("alipay.bad_encoding", APP2023_FIRST_DATA_LINE + 2)


def test_multiline_quoted_cell_reports_the_row_start() -> None:
    lines = build_app2023(MIXED[:3], Quirks(pad=False)).decode("gbk").split("\n")
    lines[APP2023_FIRST_DATA_LINE] = lines[APP2023_FIRST_DATA_LINE].replace("美团订单-午餐", '"午\n餐"')
    lines[APP2023_FIRST_DATA_LINE + 1] = lines[APP2023_FIRST_DATA_LINE + 1].replace("3000.00", "x")
    text = "\n".join(lines)
    error = error_of(text.encode("gbk"))
    assert (error.key, error.line) == ("alipay.bad_amount", APP2023_FIRST_DATA_LINE + 3)


# ----------------------------------------------------------------------------------------------------
# Progress, messages, purity
# ----------------------------------------------------------------------------------------------------


def test_progress_every_thousand_rows_and_at_the_end() -> None:
    """In bytes of the file (known before reading: no pass counts the lines first), ending at exactly 100%."""
    txs = [purchase(i, method="余额宝" if i % 3 else "花呗") for i in range(2500)]
    data = build_app2023(txs)
    calls: list[tuple[int, int]] = []
    result = parse_alipay_export(data, progress=lambda done, total: calls.append((done, total)))
    assert result.rows_read == 2500
    assert len(calls) == 3 and calls[-1] == (len(data), len(data))
    assert all(total == len(data) for _, total in calls)
    dones = [done for done, _ in calls]
    assert dones == sorted(dones) and 0 < dones[0] < len(data)


def test_progress_without_a_size_counts_the_bytes_first() -> None:
    data = build_app2023([purchase(i) for i in range(1500)])
    calls: list[tuple[int, int]] = []
    parse_alipay_source(lambda: io.BytesIO(data), progress=lambda done, total: calls.append((done, total)))
    assert calls[-1] == (len(data), len(data)) and all(total == len(data) for _, total in calls)


def test_every_key_used_has_both_languages() -> None:
    source = Path(alipay.__file__).read_text(encoding="utf-8")
    used = set(re.findall(r'"((?:alipay|skip)\.[a-z_]+)"', source))
    assert used <= set(MESSAGES), used - set(MESSAGES)
    params = {"line": 7, "columns": "交易状态", "detail": "x", "expected": 12, "found": 2, "value": "v", "limit": 64}
    for key, (zh, en) in MESSAGES.items():
        assert "{" not in zh.format(**params) and "{" not in en.format(**params), key
        assert zh != en and "\n" not in zh + en, key
        if key.startswith("skip."):
            assert "{" not in zh + en, key  # skip reasons are counted, so they take no parameters
    with pytest.raises(MissingString):
        format_message("no.such.key", "en")


def test_pure_python_no_textual_or_tinydb() -> None:
    code = (
        "import sys, huabei_tui.io.alipay; "
        "print(any(m.split('.')[0] in ('textual', 'tinydb') for m in sys.modules))"
    )
    output = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert output.strip() == "False"


# ----------------------------------------------------------------------------------------------------
# Mangled bytes: parse or AlipayImportError, never anything else
# ----------------------------------------------------------------------------------------------------

MANGLE_BASES = [
    build_app2021(MIXED[:8], Quirks(pad=False)),
    build_app2023(MIXED[:8], Quirks(pad=False, encoding="utf-8")),
    build_app2021(MIXED[:6], Quirks(excel=True, newline="\r\n")),
]
INTERESTING_BYTES = st.sampled_from(
    [b",", b'"', b"\n", b"\r", b"\t", b"\x00", b"\xff", b"\x81", b"-", b".", b"_",
     "花呗".encode("gbk"), "花呗".encode(), b"E+", b"9" * 30, b""]
)


@st.composite
def mangled(draw: st.DrawFn) -> bytes:
    data = bytearray(draw(st.sampled_from(MANGLE_BASES)))
    for _ in range(draw(st.integers(1, 6))):
        position = draw(st.integers(0, len(data)))
        action = draw(st.sampled_from(["replace", "insert", "delete"]))
        chunk = draw(st.one_of(INTERESTING_BYTES, st.binary(min_size=1, max_size=4)))
        if action == "insert" or position == len(data):
            data[position:position] = chunk
        elif action == "replace":
            data[position:position + len(chunk)] = chunk
        else:
            del data[position:position + draw(st.integers(1, 8))]
    return bytes(data)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mangled())
def test_mangled_bytes_parse_or_raise_import_error(data: bytes) -> None:
    try:
        result = parse_alipay_export(data)
    except AlipayImportError as error:
        assert error.key in MESSAGES
        assert error.message("zh") and error.message("en")
        return
    assert result.rows_read == len(result.rows) + len(result.skipped)
    for row in result.rows:
        assert row.amount > 0 and row.order_no == row.order_no.strip() and row.kind in (
            "purchase", "refund", "repayment")


def test_the_fast_row_constructor_builds_the_same_frozen_row() -> None:
    """The parser builds rows through the slots' setters (``_new_row``); it must stay ``AlipayRow(...)``."""
    import dataclasses

    assert tuple(field.name for field in dataclasses.fields(alipay.AlipayRow)) == alipay.AlipayRow.__slots__
    values = (7, "refund", datetime(2025, 4, 3, 9, 5, 7), 2580, "1_2", "商户", "说明", "花呗", "退款成功", None,
              Month(2025, 4), "1", "信用购")
    fast, slow = alipay._new_row(*values), alipay.AlipayRow(*values)
    assert fast == slow and hash(fast) == hash(slow) and repr(fast) == repr(slow)
    with pytest.raises(dataclasses.FrozenInstanceError):
        fast.amount = 1  # type: ignore[misc]
