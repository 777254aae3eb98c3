"""A deterministic heavy history for the benchmarks: ten years of Huabei use and a 100,000-row Alipay export.

The database (written with ``Repository.replace_ledger``, one save) holds ≈120 bills with typed amounts, their
payments (mostly on time, some split into partial payments, a few overdue episodes of 3 to 210 days), a handful of
instalment plans (one still running), several thousand imported purchases and refunds, the three checklists and a
contact log.

The export is in the current Alipay app layout (2023+): a 24-line preamble ending with the dashed 电子客户回单
line, the header, space-padded cells, order numbers followed by a tab, a trailing comma on every line, GBK, LF,
newest row first. It mixes Huabei purchases, 花呗分期(N期) purchases, refunds (``<order>_<suffix>``, the original
shown as 交易关闭 when fully refunded), closed and pending Huabei rows, Huabei repayments (交易对方 花呗, 商品说明
自动还款-花呗YYYY年MM月账单 / 主动还款-…, 还款成功) and the everyday non-Huabei rows that make up most of a real
export. Its order numbers are new to the database, so importing it adds records.

Usage::

    .venv/bin/python bench/generate.py --db /tmp/h/huabei.json --export /tmp/h/alipay.csv [--today 2026-11-29]
"""

from __future__ import annotations

import argparse
import math
import random
import sys
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path

from huabei_tui.domain import cycle
from huabei_tui.domain.account import DEFAULT_INSTALLMENT_RATES, Account
from huabei_tui.domain.bills import Payment
from huabei_tui.domain.dates import Month, add_years, parse_date
from huabei_tui.domain.installments import InstallmentPlan
from huabei_tui.domain.ledger import Checklist, ContactEntry, Ledger, Purchase
from huabei_tui.storage.repository import Repository
from huabei_tui.storage.store import Store

DEFAULT_TODAY = date(2026, 11, 29)
YEARS = 10
SEED = 20261129

STATEMENT_DAY = 1
DUE_DAY = 10

ITEMS = (
    "外卖订单", "美团外卖-午餐", "饿了么-晚餐", "盒马鲜生-生鲜", "超市购物", "便利店", "咖啡", "奶茶", "电影票",
    "地铁充值", "滴滴快车", "共享单车月卡", "话费充值", "电费缴纳", "燃气费", "视频会员", "音乐会员", "图书",
    "运动鞋", "T恤", "洗发水", "纸巾", "猫粮", "药店", "挂号费", "火车票", "机票", "酒店住宿", "水果", "早餐",
    "蓝牙耳机", "充电宝", "数据线", "台灯", "收纳盒", "床上用品", "厨房用品", "洗衣液", "零食大礼包", "文具",
)
CATEGORIES = (
    "餐饮美食", "日用百货", "交通出行", "服饰装扮", "数码电器", "充值缴费", "文化休闲", "医疗健康", "家居家装",
    "酒店旅游", "爱车养车", "宠物",
)
MERCHANTS = (
    "美团", "饿了么", "盒马", "滴滴出行", "淘宝商家", "天猫超市", "肯德基", "麦当劳", "瑞幸咖啡", "喜茶", "中国移动",
    "国家电网", "哈啰出行", "猫眼", "京东商家", "大润发", "永辉超市", "屈臣氏", "携程旅行", "12306",
)
INSTALLMENT_ITEMS = ("手机", "笔记本电脑", "电视机", "冰箱", "洗衣机", "沙发", "自行车", "相机", "空调", "平板电脑")
BANK_CARDS = ("招商银行储蓄卡(4821)", "工商银行储蓄卡(0937)", "交通银行信用卡(7449)")


# ----------------------------------------------------------------------------------------------------------------
# The database
# ----------------------------------------------------------------------------------------------------------------


def _order_no(rng: random.Random, moment: datetime | date, marker: str, seq: int) -> str:
    """A 28-digit Alipay trade number: date, a marker (distinct for DB and export), random digits, a sequence."""
    return f"{moment:%Y%m%d}{marker}{rng.randrange(10**6):06d}{seq:09d}"


def _amount(rng: random.Random, median_yuan: float, sigma: float = 1.0, low: int = 100, high: int = 500_000) -> int:
    """A log-normal amount in fen (most purchases are small, a few are large)."""
    return max(low, min(high, int(math.exp(rng.gauss(math.log(median_yuan), sigma)) * 100)))


def _moment(rng: random.Random, day: date) -> datetime:
    seconds = rng.randrange(7 * 3600, 24 * 3600)
    return datetime(day.year, day.month, day.day) + timedelta(seconds=seconds)


@dataclass(frozen=True)
class Episode:
    """An overdue episode: months before the newest bill, and how its payments run after the due date."""

    months_back: int
    #: (days after the due date, share of the bill) — the last entry settles it.
    schedule: tuple[tuple[int, float], ...]


EPISODES = (
    Episode(104, ((3, 1.0),)),
    Episode(86, ((-2, 0.4), (12, 0.6))),
    Episode(63, ((30, 0.1), (75, 0.2), (140, 0.3), (210, 0.4))),  # > 180 days: grid code 7
    Episode(62, ((20, 0.5), (60, 0.5))),
    Episode(41, ((35, 1.0),)),
    Episode(23, ((-1, 0.7), (6, 0.3))),
    Episode(9, ((2, 0.3), (45, 0.7))),  # recent: its record has years to run
)


def build_ledger(today: date = DEFAULT_TODAY, *, purchases: int = 4000, years: int = YEARS, seed: int = SEED) -> Ledger:
    rng = random.Random(seed)
    newest = cycle.bill_for_day(today, STATEMENT_DAY).shift(-1)  # newest issued bill
    if cycle.due_date(newest, STATEMENT_DAY, DUE_DAY) >= today:
        newest = newest.shift(-1)  # keep every typed bill past its due date, so each one has its payments
    months = [newest.shift(-i) for i in range(years * 12 - 1, -1, -1)]
    start = add_years(today, -years)
    account = Account(
        limit=3_000_000,
        statement_day=STATEMENT_DAY,
        due_day=DUE_DAY,
        auto_repay=True,
        balance=450_000,
        balance_checked_on=today - timedelta(days=2),
        opened=start - timedelta(days=20),
    )

    bills: dict[Month, int] = {}
    payments: list[Payment] = []
    episodes = {newest.shift(-e.months_back): e for e in EPISODES}
    seq = 0

    def pay(month: Month, amount: int, on: date) -> None:
        nonlocal seq
        seq += 1
        if rng.random() < 0.5:
            order_no = _order_no(rng, on, "20004", seq)
            payments.append(Payment(order_no, month, amount, on, source="alipay", order_no=order_no))
        else:
            payments.append(Payment(f"{rng.getrandbits(48):012x}", month, amount, on))

    for month in months:
        amount = _amount(rng, 2500, 0.5, low=30_000, high=2_500_000)
        if month.month in (12, 7):  # Double 11 and 618 land on these bills
            amount = min(amount * 2, 2_800_000)
        amount -= amount % 10
        bills[month] = amount
        statement = cycle.statement_date(month, STATEMENT_DAY)
        due = cycle.due_date(month, STATEMENT_DAY, DUE_DAY)
        episode = episodes.get(month)
        if episode:
            paid = 0
            for i, (days, share) in enumerate(episode.schedule):
                part = amount - paid if i == len(episode.schedule) - 1 else int(amount * share)
                pay(month, part, due + timedelta(days=days))
                paid += part
        elif rng.random() < 0.18:  # split: part after the statement, the rest before the due date
            first = int(amount * rng.uniform(0.2, 0.7))
            pay(month, first, statement + timedelta(days=rng.randrange(1, 4)))
            pay(month, amount - first, due - timedelta(days=rng.randrange(0, 4)))
        else:
            pay(month, amount, due - timedelta(days=rng.randrange(0, 8)))

    # Imported purchases and refunds, spread over the whole history.
    span = (today - start).days
    bought: list[Purchase] = []
    for i in range(purchases):
        day = start + timedelta(days=rng.randrange(span))
        moment = _moment(rng, day)
        bought.append(Purchase(_order_no(rng, moment, "22002", i), moment, _amount(rng, 35),
                               rng.choice(ITEMS)))
    refunds: list[Purchase] = []
    for original in rng.sample(bought, k=len(bought) * 3 // 100):
        moment = original.time + timedelta(days=rng.randrange(1, 12), seconds=rng.randrange(3600))
        if moment.date() > today:
            continue
        amount = original.amount if rng.random() < 0.6 else max(1, original.amount // 2)
        refunds.append(Purchase(f"{original.order_no}_{rng.randrange(10**8):08d}", moment, amount,
                                f"退款-{original.description}", refund=True))

    # Instalment plans (花呗分期): (months before today's bill, periods, price in yuan, item).
    plans: list[InstallmentPlan] = []
    current = cycle.bill_for_day(today, STATEMENT_DAY)
    for back, periods, price, item in ((100, 6, 4999, "手机"), (84, 12, 8999, "笔记本电脑"), (66, 24, 6500, "沙发"),
                                       (36, 3, 3299, "电视机"), (20, 9, 2400, "自行车"), (5, 12, 6999, "手机")):
        month = current.shift(-back)
        day = cycle.cycle_start(month, STATEMENT_DAY) + timedelta(days=rng.randrange(0, 25))
        moment = _moment(rng, day)
        order_no = _order_no(rng, moment, "22002", purchases + len(plans))
        bought.append(Purchase(order_no, moment, price * 100, f"{item}（分期）", installments=periods))
        plans.append(InstallmentPlan(
            id=order_no, principal=price * 100, periods=periods, fee_percent=DEFAULT_INSTALLMENT_RATES[periods],
            first_bill=cycle.bill_for_day(day, STATEMENT_DAY), description=f"{item}（分期）", order_no=order_no))

    recent = newest.shift(-EPISODES[-1].months_back)
    recent_due = cycle.due_date(recent, STATEMENT_DAY, DUE_DAY)
    long_due = cycle.due_date(newest.shift(-EPISODES[2].months_back), STATEMENT_DAY, DUE_DAY)
    contacts = []
    for i, (due, offset, topic, outcome) in enumerate((
        (long_due, 5, "deferral", "客服说不能延期 / no deferral possible"),
        (long_due, 40, "instalments", "同意分三期还清 / agreed to three instalments"),
        (long_due, 120, "other", "询问征信记录 / asked about the credit record"),
        (long_due, 215, "other", "确认已结清 / confirmed settled"),
        (recent_due, 3, "deferral", "不能延期，建议尽快还 / repay as soon as possible"),
        (recent_due, 20, "instalments", "申请分期未通过 / instalments refused"),
        (recent_due, 46, "other", "已还清，询问记录何时消失 / settled; asked when the record goes"),
    )):
        contacts.append(ContactEntry(f"contact-{i:02d}", due + timedelta(days=offset), topic, outcome))
    auth_day = today - timedelta(days=400)
    return Ledger(
        account=account,
        manual_bills=bills,
        payments=tuple(payments),
        purchases=tuple(sorted(bought + refunds, key=lambda p: p.time)),
        plans=tuple(plans),
        auth_check=Checklist(
            ticks={step: auth_day for step in ("open_alipay", "open_huabei", "tap_mine", "open_contracts",
                                               "find_authorization")},
            answer="found",
            answered_on=auth_day,
        ),
        recovery=Checklist(ticks={"contact_service": recent_due + timedelta(days=3),
                                  "repay_all": recent_due + timedelta(days=45),
                                  "know_five_years": recent_due + timedelta(days=46)}),
        revoke=Checklist(ticks={"wait_expiry": recent_due + timedelta(days=50)}),
        contacts=tuple(contacts),
    )


def write_database(path: Path, ledger: Ledger) -> None:
    Repository(Store(path)).replace_ledger(ledger, only_if_empty=False)


def write_single_file(path: Path, ledger: Ledger) -> None:
    """The data file as every release up to schema 2 wrote it: one TinyDB file holding every table, the imported
    purchases included (``{"_meta": {"1": {"schema": 2}}, "account": …, "purchases": {"1": …, …}, …}``).

    Written directly (a stream of JSON, a chunk of purchases at a time) rather than through ``Repository``, so
    it builds the file a user upgrading from an older release has, at any size, in seconds: the benchmark and
    the migration test read it as such a user's file.
    """
    import json

    from huabei_tui.storage import codec

    def table(docs: list[dict]) -> str:
        return json.dumps({str(i): doc for i, doc in enumerate(docs, start=1)}, ensure_ascii=False)

    small = {
        "account": [codec.account_to_doc(ledger.account)],
        "bills": [{"month": str(m), "amount": a} for m, a in sorted(ledger.manual_bills.items())],
        "payments": [codec.payment_to_doc(p) for p in ledger.payments],
        "plans": [codec.plan_to_doc(p) for p in ledger.plans],
        "checklists": [codec.checklist_to_doc(name, c) for name, c in
                       (("auth", ledger.auth_check), ("recovery", ledger.recovery), ("revoke", ledger.revoke))],
        "contacts": [codec.contact_to_doc(c) for c in ledger.contacts],
        "minimums": [codec.minimum_to_doc(m, a) for m, a in sorted(ledger.minimums.items())],
        "bill_instalments": [codec.bill_instalment_to_doc(s) for s in ledger.bill_instalments],
    }
    encode = json.JSONEncoder(ensure_ascii=False).encode
    with open(path, "w", encoding="utf-8") as out:
        out.write('{"_meta": {"1": {"schema": 2}}')
        for name, docs in small.items():
            out.write(f", {json.dumps(name)}: {table(docs)}")
        out.write(', "purchases": {')
        chunk: list[str] = []
        separator = ""
        for i, purchase in enumerate(ledger.purchases, start=1):
            chunk.append(f'"{i}": {encode(codec.purchase_to_doc(purchase))}')
            if len(chunk) == 10_000:
                out.write(separator + ", ".join(chunk))
                separator = ", "
                chunk.clear()
        if chunk:
            out.write(separator + ", ".join(chunk))
        out.write("}}\n")


# ----------------------------------------------------------------------------------------------------------------
# The Alipay export
# ----------------------------------------------------------------------------------------------------------------

HEADER = ("交易时间", "交易分类", "交易对方", "对方账号", "商品说明", "收/支", "金额", "收/付款方式", "交易状态",
          "交易订单号", "商家订单号", "备注")
PREAMBLE_NOTES = (
    "特别提示：",
    "1.本回单内容可表明支付宝受理了相应支付交易申请，因系统原因或通讯故障等偶发因素导致本回单与实际交易结果不符时，以实际交易情况为准；",
    "2.请勿将本回单作为收款方发货的凭据使用，请查证账户实际到账情况后再进行发货操作；",
    "3.支付宝快捷支付等非余额支付方式可能既产生支付宝交易也同步产生银行交易，因此请勿使用本回单进行重复记账；",
    "4.本回单如经任何涂改、编造，均立即失去效力；",
    "5.部分账单如：充值提现、账户转存或者个人设置收支等不计入为收入或者支出，记为不计收支类；",
    "6.因统计逻辑不同，明细金额直接累加后，可能会和下方统计金额不一致，请以实际交易金额为准；",
    "7.禁止将本回单用于非法用途；",
    "8.本明细仅展示当前账单中的交易，不包括已删除的记录；",
    "9.本明细仅供个人对账使用。",
)

#: Row kinds and their share of the rows that are not repayments.
KINDS = (
    ("huabei", 0.215),
    ("huabei_installment", 0.002),
    ("huabei_refund", 0.010),
    ("huabei_closed", 0.004),
    ("huabei_pending", 0.0006),
    ("huabei_not_expense", 0.001),
    ("balance", 0.17),
    ("bank_card", 0.20),
    ("yuebao_income", 0.16),
    ("transfer_in", 0.06),
    ("transfer_out", 0.05),
    ("red_packet", 0.04),
    ("refund_card", 0.02),
    ("closed", 0.05),
    ("family_card", 0.015),
    ("pending", 0.001),
)


def _yuan(fen: int) -> str:
    return f"{fen // 100}.{fen % 100:02d}"


def _pad(cell: str, width: int = 20) -> str:
    return cell.ljust(width)


def _account_id(rng: random.Random) -> str:
    if rng.random() < 0.4:
        return "/"
    return f"{rng.choice('abcdefghijklmnopqrstuvwxyz')}{rng.randrange(10, 99)}***@{rng.choice(('qq.com', '163.com'))}"


def build_export(today: date = DEFAULT_TODAY, *, rows: int = 100_000, years: int = YEARS, seed: int = SEED) -> bytes:
    """The bytes of an Alipay app export with ``rows`` data rows covering ``years`` years up to ``today``."""
    rng = random.Random(seed + 1)
    start = add_years(today, -years)
    span = int((datetime(today.year, today.month, today.day) - datetime(start.year, start.month, start.day))
               .total_seconds()) + 86_399
    origin = datetime(start.year, start.month, start.day)

    records: list[list] = []  # [moment, category, counterparty, account, description, direction, fen, method,
    #                            status, order_no, merchant_no]
    seq = 0

    def next_order(moment: datetime) -> str:
        nonlocal seq
        seq += 1
        return _order_no(rng, moment, "22001", seq)

    # Huabei repayments: the automatic one on the due date, sometimes an early manual one.
    first_bill = cycle.bill_for_day(start, STATEMENT_DAY).shift(1)
    month = first_bill
    while cycle.due_date(month, STATEMENT_DAY, DUE_DAY) < today:
        due = cycle.due_date(month, STATEMENT_DAY, DUE_DAY)
        label = f"花呗{month.year}年{month.month:02d}月账单"
        if rng.random() < 0.3:
            moment = _moment(rng, due - timedelta(days=rng.randrange(2, 8)))
            records.append([moment, "信用借还", "花呗", "/", f"主动还款-{label}", "不计收支",
                            _amount(rng, 600, 0.6), rng.choice(("余额", "余额宝", BANK_CARDS[0])), "还款成功",
                            next_order(moment), ""])
        moment = datetime(due.year, due.month, due.day, 6, rng.randrange(60), rng.randrange(60))
        records.append([moment, "信用借还", "花呗", "/", f"自动还款-{label}", "不计收支", _amount(rng, 2200, 0.5),
                        rng.choice(("余额宝", BANK_CARDS[0], BANK_CARDS[1])), "还款成功", next_order(moment), ""])
        month = month.shift(1)

    kinds = [k for k, _ in KINDS]
    weights = [w for _, w in KINDS]
    picks = rng.choices(kinds, weights, k=max(rows - len(records), 0))
    moments = sorted(origin + timedelta(seconds=rng.randrange(span)) for _ in picks)
    huabei_rows: list[list] = []
    for kind, moment in zip(picks, moments, strict=True):
        item = rng.choice(ITEMS)
        merchant = rng.choice(MERCHANTS)
        category = rng.choice(CATEGORIES)
        if kind in ("huabei_pending", "pending"):  # only the last days' orders still wait for delivery
            moment = _moment(rng, today - timedelta(days=rng.randrange(10)))
        if kind == "huabei_refund" and not huabei_rows:
            kind = "huabei"
        if kind == "huabei":
            row = [moment, category, merchant, _account_id(rng), item, "支出", _amount(rng, 35),
                   "花呗" if rng.random() < 0.95 else "花呗&红包", "交易成功", next_order(moment),
                   f"T{rng.randrange(10**15):015d}"]
            huabei_rows.append(row)
        elif kind == "huabei_installment":
            periods = rng.choice((3, 6, 12))
            brackets = "(期)" if rng.random() < 0.5 else "（期）"
            row = [moment, "数码电器", "天猫", "/", rng.choice(INSTALLMENT_ITEMS), "支出", _amount(rng, 3000, 0.5),
                   f"花呗分期{brackets[0]}{periods}期{brackets[2]}", "交易成功", next_order(moment), ""]
        elif kind == "huabei_refund":
            original = rng.choice(huabei_rows[-500:])
            if original[8] != "交易成功":
                original = huabei_rows[-1]
            full = rng.random() < 0.6
            amount = original[6] if full else max(1, original[6] // 2)
            if full:
                original[8] = "交易关闭"
            row = [moment, "退款", original[2], original[3], f"退款-{original[4]}", "不计收支", amount, "花呗",
                   "退款成功", f"{original[9]}_{rng.randrange(10**8):08d}", original[10]]
        elif kind == "huabei_closed":
            row = [moment, category, merchant, "/", item, "支出", _amount(rng, 50), "花呗", "交易关闭",
                   next_order(moment), ""]
        elif kind == "huabei_pending":
            row = [moment, category, "淘宝商家", "/", item, "支出", _amount(rng, 80), "花呗", "等待确认收货",
                   next_order(moment), ""]
        elif kind == "huabei_not_expense":
            row = [moment, "信用借还", "花呗", "/", "花呗红包奖励", "收入", _amount(rng, 5, 0.5, low=1), "花呗",
                   "交易成功", next_order(moment), ""]
        elif kind == "balance":
            row = [moment, category, merchant, _account_id(rng), item, "支出", _amount(rng, 30), "余额", "交易成功",
                   next_order(moment), ""]
        elif kind == "bank_card":
            row = [moment, category, merchant, _account_id(rng), item, "支出", _amount(rng, 60),
                   rng.choice(BANK_CARDS), "交易成功", next_order(moment), f"T{rng.randrange(10**15):015d}"]
        elif kind == "yuebao_income":
            row = [moment, "投资理财", "余额宝", "/", f"余额宝-{moment:%Y.%m.%d}-收益发放", "不计收支",
                   _amount(rng, 1.5, 0.6, low=1), "余额宝", "交易成功", next_order(moment), ""]
        elif kind == "transfer_in":
            row = [moment, "转账红包", rng.choice(("张**", "李*", "王**")), _account_id(rng), "转账", "收入",
                   _amount(rng, 200), "余额", "交易成功", next_order(moment), ""]
        elif kind == "transfer_out":
            row = [moment, "转账红包", rng.choice(("刘*", "陈**", "杨*")), _account_id(rng), "转账", "支出",
                   _amount(rng, 150), rng.choice(("余额", BANK_CARDS[0])), "交易成功", next_order(moment), ""]
        elif kind == "red_packet":
            row = [moment, "转账红包", rng.choice(("赵*", "周**")), "/", "收到红包", "收入", _amount(rng, 10),
                   "余额", "交易成功", next_order(moment), ""]
        elif kind == "refund_card":
            row = [moment, "退款", merchant, "/", f"退款-{item}", "不计收支", _amount(rng, 40),
                   rng.choice(BANK_CARDS), "退款成功", f"{next_order(moment)}_{rng.randrange(10**8):08d}", ""]
        elif kind == "closed":
            row = [moment, category, merchant, "/", item, "支出", _amount(rng, 40), "", "交易关闭", next_order(moment),
                   ""]
        elif kind == "family_card":
            row = [moment, "亲友代付", "亲情卡", "/", "亲情卡", "支出", _amount(rng, 50), BANK_CARDS[2], "交易成功",
                   next_order(moment), ""]
        else:  # pending
            row = [moment, category, "淘宝商家", "/", item, "支出", _amount(rng, 80), "余额", "等待确认收货",
                   next_order(moment), ""]
        records.append(row)

    records.sort(key=lambda r: r[0], reverse=True)
    totals = {"收入": [0, 0], "支出": [0, 0], "不计收支": [0, 0]}
    for r in records:
        totals[r[5]][0] += 1
        totals[r[5]][1] += r[6]
    exported = datetime(today.year, today.month, today.day, 9, 12, 52)
    lines = [
        "-" * 84,
        "导出信息：",
        "姓名：王**",
        "支付宝账户：wan***@163.com",
        f"起始时间：[{start:%Y-%m-%d} 00:00:00]    终止时间：[{today:%Y-%m-%d} 23:59:59]",
        "导出交易类型：[全部]",
        f"导出时间：[{exported:%Y-%m-%d %H:%M:%S}]",
        f"共{len(records)}笔记录",
        f"收入：{totals['收入'][0]}笔 {_yuan(totals['收入'][1])}元",
        f"支出：{totals['支出'][0]}笔 {_yuan(totals['支出'][1])}元",
        f"不计收支：{totals['不计收支'][0]}笔 {_yuan(totals['不计收支'][1])}元",
        "",
        *PREAMBLE_NOTES,
        "",
        "------------------------支付宝（中国）网络技术有限公司  电子客户回单------------------------",
        ",".join(_pad(name, 14 if name == "交易订单号" else 20) for name in HEADER) + ",",
    ]
    assert len(lines) == 25, len(lines)
    for moment, category, counterparty, account, description, direction, fen, method, status, order_no, merchant \
            in records:
        lines.append(",".join((
            _pad(f"{moment:%Y-%m-%d %H:%M:%S}"), _pad(category), _pad(counterparty), _pad(account),
            _pad(description), _pad(direction), _pad(_yuan(fen)), _pad(method), _pad(status),
            f"{order_no}\t", f"{_pad(merchant)}\t", _pad(""),
        )) + ",")
    return ("\n".join(lines) + "\n").encode("gbk")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--today", default=DEFAULT_TODAY.isoformat(), help="last day of the history (YYYY-MM-DD)")
    parser.add_argument("--db", type=Path, help="write the ten-year database here (replaced if it exists)")
    parser.add_argument("--export", type=Path, help="write the Alipay export (GBK CSV) here")
    parser.add_argument("--rows", type=int, default=100_000, help="data rows in the export (default 100000)")
    parser.add_argument("--purchases", type=int, default=4000, help="imported purchases in the database")
    parser.add_argument("--seed", type=int, default=SEED)
    args = parser.parse_args(argv)
    today = parse_date(args.today, field="today")
    if not args.db and not args.export:
        parser.error("give --db and/or --export")
    if args.db:
        ledger = build_ledger(today, purchases=args.purchases, seed=args.seed)
        write_database(args.db, ledger)
        print(f"{args.db}: {len(ledger.manual_bills)} bills, {len(ledger.payments)} payments, "
              f"{len(ledger.purchases)} purchases, {len(ledger.plans)} plans, {args.db.stat().st_size:,} bytes")
    if args.export:
        data = build_export(today, rows=args.rows, seed=args.seed)
        args.export.write_bytes(data)
        print(f"{args.export}: {args.rows} rows, {len(data):,} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
