"""Alipay export files written the way Alipay (or Excel) writes them, for the end-to-end tests.

Kept separate from ``tests/io/test_alipay.py`` on purpose: these tests drive the whole program, so they need only
whole files in each layout, encoding and quirk, not every corner the parser tests poke at.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, replace
from datetime import datetime, timedelta

APP2023_COLUMNS = ["交易时间", "交易分类", "交易对方", "对方账号", "商品说明", "收/支", "金额", "收/付款方式",
                   "交易状态", "交易订单号", "商家订单号", "备注"]
APP2021_COLUMNS = ["收/支", "交易对方", "对方账号", "商品说明", "收/付款方式", "金额", "交易状态", "交易分类",
                   "交易订单号", "商家订单号", "交易时间"]
WEB_COLUMNS = ["交易号", "商户订单号", "交易创建时间", "付款时间", "最近修改时间", "交易来源地", "类型",
               "交易对方", "商品名称", "金额（元）", "收/支", "交易状态", "服务费（元）", "成功退款（元）",
               "备注", "资金状态"]
FIELD = {"交易时间": "time", "交易分类": "category", "交易对方": "counterparty", "对方账号": "account",
         "商品说明": "description", "收/支": "direction", "金额": "amount", "收/付款方式": "method",
         "交易状态": "status", "交易订单号": "order_no", "商家订单号": "merchant_no", "备注": "note"}
DASHES = "-" * 84
RECEIPT = "-" * 24 + "支付宝（中国）网络技术有限公司  电子客户回单" + "-" * 24
APP2023_PREAMBLE = [
    DASHES, "导出信息：", "姓名：测试", "支付宝账户：test@example.com",
    "起始时间：[2025-03-01 00:00:00]    终止时间：[2025-05-31 23:59:59]", "导出交易类型：[全部]",
    "导出时间：[2025-06-01 10:00:00]", "共N笔记录", "收入：0笔 0.00元", "支出：0笔 0.00元", "不计收支：0笔 0.00元",
    "", "特别提示：", *[f"{n}.测试用的说明文字第{n}条；" for n in range(1, 10)], "", RECEIPT,
]
#: 1-based line of the first data row in the current layout (preamble, then the header).
APP2023_FIRST_LINE = len(APP2023_PREAMBLE) + 2
FOOTER_2021 = [DASHES, "导出信息：", "共N笔记录", "特别提示：", "1.本明细仅供个人对账使用，含逗号,和冒号：", ""]
WEB_PREAMBLE = ["支付宝交易记录明细查询", "账号:[test@example.com]",
                "起始日期:[2025-03-01 00:00:00]    终止日期:[2025-05-31 23:59:59]",
                "---------------------------------交易记录明细列表------------------------------------"]
WEB_FOOTER = [DASHES, "共3笔记录", "已支出:3笔,100.00元", "导出时间:[2025-06-01 10:00:00]"]


@dataclass(frozen=True)
class Tx:
    """One transaction as the app export prints it; the defaults are a successful Huabei purchase."""

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
    merchant_no: str = "T0001"
    note: str = ""


@dataclass(frozen=True)
class Quirks:
    """How the file is written; the defaults are what the Alipay app produces (GBK, LF, padded, tabs, commas)."""

    encoding: str = "gbk"
    newline: str = "\n"
    pad: bool = True
    tab: bool = True
    trailing_comma: bool = True
    excel: bool = False  # re-saved by Excel: every cell quoted, times without seconds, CRLF


def tx(n: int, **changes: str) -> Tx:
    """A purchase with a unique order number ``n``."""
    return replace(Tx(order_no=f"2025{n:015d}", merchant_no=f"T{n:05d}"), **changes)


def refund(n: int, of: Tx, amount: str, time: str) -> Tx:
    return replace(of, time=time, category="退款", description=f"退款-{of.description}", direction="不计收支",
                   amount=amount, status="退款成功", order_no=f"{of.order_no}_{n}", merchant_no=f"R{n:05d}")


def repayment(n: int, bill: str, amount: str, time: str, auto: bool = True) -> Tx:
    """``bill`` is ``YYYY-MM``; the description names it the way Alipay does (自动还款-花呗2025年04月账单)."""
    year, month = bill.split("-")
    kind = "自动还款" if auto else "主动还款"
    return tx(n, time=time, category="信用借还", counterparty="花呗", description=f"{kind}-花呗{year}年{month}月账单",
              direction="不计收支", amount=amount, method="余额宝", status="还款成功")


def _excel_time(text: str) -> str:
    moment = datetime.strptime(text, "%Y-%m-%d %H:%M:%S")
    return f"{moment.year}/{moment.month}/{moment.day} {moment.hour}:{moment.minute:02d}"


def _render(preamble: list[str], columns: list[str], rows: list[list[str]], footer: list[str], q: Quirks) -> bytes:
    out = io.StringIO()
    if q.excel:
        writer = csv.writer(out, quoting=csv.QUOTE_ALL, lineterminator=q.newline)
        for text in preamble:
            writer.writerow([text] + [""] * (len(columns) - 1))
        writer.writerow(columns)
        writer.writerows(rows)
        for text in footer:
            writer.writerow([text] + [""] * (len(columns) - 1))
    else:
        def line(cells: list[str]) -> str:
            cells = [cell.ljust(20) if q.pad else cell for cell in cells]
            return ",".join(cells) + ("," if q.trailing_comma else "") + q.newline

        out.write("".join(text + q.newline for text in preamble))
        out.write(line(columns))
        out.writelines(line(row) for row in rows)
        out.write("".join(text + q.newline for text in footer))
    return out.getvalue().encode(q.encoding)


def _app_row(columns: list[str], t: Tx, q: Quirks) -> list[str]:
    cells = []
    for column in columns:
        value = getattr(t, FIELD[column])
        if q.excel and column == "交易时间":
            value = _excel_time(value)
        elif column in ("交易订单号", "商家订单号") and q.tab and not q.excel:
            value += "\t"
        cells.append(value)
    return cells


def app2023(txs: list[Tx], quirks: Quirks = Quirks()) -> bytes:
    """The current app export: 24 preamble lines ending in the dashed 电子客户回单 line, header, rows."""
    return _render(APP2023_PREAMBLE, APP2023_COLUMNS, [_app_row(APP2023_COLUMNS, t, quirks) for t in txs], [], quirks)


def app2021(txs: list[Tx], quirks: Quirks = Quirks()) -> bytes:
    """The 2021–2022 app export: header first (收/支 leading), rows, a footer after a dashed line."""
    return _render([], APP2021_COLUMNS, [_app_row(APP2021_COLUMNS, t, quirks) for t in txs], FOOTER_2021, quirks)


def web(txs: list[Tx], quirks: Quirks = Quirks()) -> bytes:
    """The old web export: 16 columns, no payment-method column."""
    rows = [[t.order_no + ("\t" if quirks.tab else ""), t.merchant_no, t.time, t.time, t.time, "其他",
             "即时到账交易", t.counterparty, t.description, t.amount, t.direction, t.status, "0.00", "0.00", "",
             "已支出"] for t in txs]
    return _render(WEB_PREAMBLE, WEB_COLUMNS, rows, WEB_FOOTER, quirks)


def many(count: int, start: datetime = datetime(2024, 6, 1, 8, 0, 0)) -> list[Tx]:
    """``count`` rows over about a year, half of them Huabei purchases, the others paid from 余额宝."""
    step = timedelta(seconds=365 * 24 * 3600 // max(count, 1))
    return [tx(100_000 + i, time=(start + step * i).strftime("%Y-%m-%d %H:%M:%S"),
               method="花呗" if i % 2 == 0 else "余额宝", amount=f"{i % 300 + 1}.{i % 100:02d}",
               description=f"订单{i}")
            for i in range(count)]
