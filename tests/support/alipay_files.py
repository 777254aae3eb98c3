"""Alipay export files written the way Alipay (or Excel) writes them, shared by the parser and end-to-end tests.

One builder per layout, so that every quirk seen in real exports can be switched on and off: encodings, CRLF,
padded cells, the tab after order numbers, the trailing comma, and an Excel re-save (quoted cells, times without
seconds, grouped amounts).
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, replace
from datetime import datetime, timedelta


@dataclass(frozen=True)
class Tx:
    """One transaction as the app export prints it (the web builder maps it onto its own columns).

    The defaults are a successful Huabei purchase.
    """

    time: str = "2025-04-03 09:05:07"
    category: str = "餐饮美食"
    counterparty: str = "美团平台商户"
    account: str = "/"
    description: str = "美团订单-午餐"
    direction: str = "支出"
    amount: str = "25.80"
    method: str = "花呗"
    status: str = "交易成功"
    order_no: str = "2025040322001400001"
    merchant_no: str = "T2025040300001"
    note: str = ""


@dataclass(frozen=True)
class Quirks:
    """How the file is written; the defaults are what Alipay's app produces today (GBK, LF, padded, tabs)."""

    encoding: str = "gbk"
    newline: str = "\n"
    pad: bool = True
    tab: bool = True  # "\t" after order numbers, as Alipay writes them to keep Excel off the digits
    trailing_comma: bool = True
    excel: bool = False  # re-saved by Excel: every cell quoted, times without seconds, grouped amounts


APP2023_COLUMNS = ["交易时间", "交易分类", "交易对方", "对方账号", "商品说明", "收/支", "金额", "收/付款方式",
                   "交易状态", "交易订单号", "商家订单号", "备注"]
APP2021_COLUMNS = ["收/支", "交易对方", "对方账号", "商品说明", "收/付款方式", "金额", "交易状态", "交易分类",
                   "交易订单号", "商家订单号", "交易时间"]
WEB_COLUMNS = ["交易号", "商户订单号", "交易创建时间", "付款时间", "最近修改时间", "交易来源地", "类型",
               "交易对方", "商品名称", "金额（元）", "收/支", "交易状态", "服务费（元）", "成功退款（元）",
               "备注", "资金状态"]
TX_FIELD = {
    "交易时间": "time", "交易分类": "category", "交易对方": "counterparty", "对方账号": "account",
    "商品说明": "description", "收/支": "direction", "金额": "amount", "收/付款方式": "method",
    "交易状态": "status", "交易订单号": "order_no", "商家订单号": "merchant_no", "备注": "note",
}
ORDER_COLUMNS = {"交易订单号", "商家订单号", "交易号", "商户订单号"}
DASHES = "-" * 84
RECEIPT_LINE = "-" * 24 + "支付宝（中国）网络技术有限公司  电子客户回单" + "-" * 24

# A synthetic preamble shaped like the real one: 24 lines, the last the dashed "电子客户回单" line.
APP2023_PREAMBLE = [
    DASHES, "导出信息：", "姓名：测试", "支付宝账户：test@example.com",
    "起始时间：[2025-03-01 00:00:00]    终止时间：[2025-04-30 23:59:59]", "导出交易类型：[全部]",
    "导出时间：[2025-05-01 10:00:00]", "共5笔记录", "收入：0笔 0.00元", "支出：3笔 100.00元",
    "不计收支：2笔 20.00元", "", "特别提示：",
    *[f"{n}.测试用的说明文字第{n}条；" for n in range(1, 10)],
    "", RECEIPT_LINE,
]
#: 1-based line of the first data row in the current layout (the preamble, then the header).
APP2023_FIRST_DATA_LINE = len(APP2023_PREAMBLE) + 2
FOOTER_2021 = [DASHES, "导出信息：", "姓名：测试", "共5笔记录", "收入：0笔 0.00元", "支出：3笔 100.00元", "",
               "特别提示：", "1.本明细仅供个人对账使用，其中含有逗号,和冒号：", ""]
WEB_PREAMBLE = ["支付宝交易记录明细查询", "账号:[test@example.com]",
                "起始日期:[2025-03-01 00:00:00]    终止日期:[2025-04-30 23:59:59]",
                "---------------------------------交易记录明细列表------------------------------------"]
WEB_FOOTER = [DASHES, "共3笔记录", "已收入:0笔,0.00元", "待收入:0笔,0.00元", "已支出:3笔,100.00元",
              "导出时间:[2025-05-01 10:00:00]"]


# ----------------------------------------------------------------------------------------------------
# Rows
# ----------------------------------------------------------------------------------------------------


def purchase(n: int = 1, **changes: str) -> Tx:
    """A Huabei purchase with a unique order number ``n``."""
    return replace(Tx(order_no=f"20250403220014{n:05d}", merchant_no=f"T{n:05d}"), **changes)


def refund(n: int, of: Tx, amount: str, time: str) -> Tx:
    """A successful refund of ``of``: its order number with ``_n`` appended, as Alipay writes them."""
    return replace(of, time=time, category="退款", description=f"退款-{of.description}", direction="不计收支",
                   amount=amount, status="退款成功", order_no=f"{of.order_no}_{n}", merchant_no=f"R{n:05d}")


def repayment(n: int, bill: str, amount: str, time: str, auto: bool = True) -> Tx:
    """``bill`` is ``YYYY-MM``; the description names it the way Alipay does (自动还款-花呗2025年04月账单)."""
    year, month = bill.split("-")
    kind = "自动还款" if auto else "主动还款"
    return purchase(n, time=time, category="信用借还", counterparty="花呗",
                    description=f"{kind}-花呗{year}年{month}月账单", direction="不计收支", amount=amount,
                    method="余额宝", status="还款成功")


def many(count: int, start: datetime = datetime(2024, 6, 1, 8, 0, 0)) -> list[Tx]:
    """``count`` rows over about a year, half of them Huabei purchases, the others paid from 余额宝."""
    step = timedelta(seconds=365 * 24 * 3600 // max(count, 1))
    return [purchase(100_000 + i, time=(start + step * i).strftime("%Y-%m-%d %H:%M:%S"),
                     method="花呗" if i % 2 == 0 else "余额宝", amount=f"{i % 300 + 1}.{i % 100:02d}",
                     description=f"订单{i}")
            for i in range(count)]


# ----------------------------------------------------------------------------------------------------
# Files
# ----------------------------------------------------------------------------------------------------


def _excel_time(text: str) -> str:
    moment = datetime.strptime(text, "%Y-%m-%d %H:%M:%S")
    return f"{moment.year}/{moment.month}/{moment.day} {moment.hour}:{moment.minute:02d}"


def _excel_amount(text: str) -> str:
    whole, _, frac = text.partition(".")
    return f"{int(whole):,}.{frac}" if frac else f"{int(whole):,}"


def _render(preamble: list[str], columns: list[str], cells: list[list[str]], footer: list[str],
            quirks: Quirks) -> bytes:
    """Write preamble, header, rows and footer the way Alipay (or Excel) would."""
    width = len(columns)
    out = io.StringIO()
    if quirks.excel:
        writer = csv.writer(out, quoting=csv.QUOTE_ALL, lineterminator=quirks.newline)
        for text in preamble:
            writer.writerow([text] + [""] * (width - 1))
        writer.writerow(columns)
        writer.writerows(cells)
        for text in footer:
            writer.writerow([text] + [""] * (width - 1))
    else:
        def line(row: list[str]) -> str:
            padded = [cell.ljust(20) if quirks.pad else cell for cell in row]
            return ",".join(padded) + ("," if quirks.trailing_comma else "") + quirks.newline

        out.write("".join(text + quirks.newline for text in preamble))
        out.write(line(columns))
        out.writelines(line(row) for row in cells)
        out.write("".join(text + quirks.newline for text in footer))
    return out.getvalue().encode(quirks.encoding)


def _app_cells(columns: list[str], tx: Tx, quirks: Quirks) -> list[str]:
    row = []
    for column in columns:
        value = getattr(tx, TX_FIELD[column])
        if quirks.excel and column == "交易时间":
            value = _excel_time(value)
        elif quirks.excel and column == "金额":
            value = _excel_amount(value)
        elif column in ORDER_COLUMNS and quirks.tab and not quirks.excel:
            value = value + "\t"
        row.append(value)
    return row


def build_app2023(txs: list[Tx], quirks: Quirks = Quirks(), columns: list[str] = APP2023_COLUMNS) -> bytes:
    """The current app export: 24 preamble lines ending in the dashed 电子客户回单 line, header, rows, no footer."""
    cells = [_app_cells(columns, tx, quirks) for tx in txs]
    return _render(APP2023_PREAMBLE, columns, cells, [], quirks)


def build_app2021(txs: list[Tx], quirks: Quirks = Quirks(), *, receipt_line: bool = True) -> bytes:
    """The 2021–2022 app export: the dashed receipt line, header (收/支 first), rows, dashed footer.

    ``receipt_line=False`` leaves the receipt line out, so the header is the file's first line.
    """
    cells = [_app_cells(APP2021_COLUMNS, tx, quirks) for tx in txs]
    return _render([RECEIPT_LINE] if receipt_line else [], APP2021_COLUMNS, cells, FOOTER_2021, quirks)


def build_web(txs: list[Tx], quirks: Quirks = Quirks()) -> bytes:
    """The old web export: 16 columns and no payment-method column."""
    cells = []
    for tx in txs:
        order = tx.order_no + ("\t" if quirks.tab else "")
        cells.append([order, tx.merchant_no, tx.time, tx.time, tx.time, "其他", "即时到账交易",
                      tx.counterparty, tx.description, tx.amount, tx.direction, tx.status, "0.00", "0.00",
                      "", "已支出"])
    return _render(WEB_PREAMBLE, WEB_COLUMNS, cells, WEB_FOOTER, quirks)


# ----------------------------------------------------------------------------------------------------
# Zips, as Alipay mails the statement (AES-256 with a password shown in the app)
# ----------------------------------------------------------------------------------------------------


def build_zip(members: dict[str, bytes], password: str | None = "123456", *, compression: int | None = None) -> bytes:
    """A zip holding ``members`` (name → bytes), AES-256 encrypted with ``password``, or plain when it is None."""
    import pyzipper

    out = io.BytesIO()
    method = pyzipper.ZIP_DEFLATED if compression is None else compression
    with pyzipper.AESZipFile(out, "w", compression=method, encryption=pyzipper.WZ_AES if password else None) as archive:
        if password:
            archive.setpassword(password.encode())
        for name, data in members.items():
            archive.writestr(name, data)
    return out.getvalue()
