"""Screen 1, Account status (``status.*``; the bill states ``status.paid`` … are core strings)."""

from __future__ import annotations

STRINGS: dict[str, tuple[str, str]] = {
    # --- used by views/status.py ---
    "status.account": ("额度与账户", "Limit and account"),
    "status.trend": ("最近 {n} 期账单金额", "Last {n} bills"),
    "status.trend_range": ("最低 {low}  最高 {high}（{month}）", "low {low}  high {high} ({month})"),
    "status.no_bills_hint": ("还没有账单。\ns：设置额度、出账日和还款日\n2 再按 a：在日历上录入账单\ni：导入支付宝交易明细",
                             "No bills yet.\ns: set the limit and the days\n2, then a: add a bill\ni: import the Alipay export"),
    "status.days": ("出账日/还款日", "Statement/due day"),
    "status.episodes": ("逾期 {n} 次，累计逾期费 {fees}", "{n} overdue episodes, fees {fees}"),
    "status.latest_expiry": ("最晚一条记录 {date} 到期（还有 {days} 天）", "Last record expires {date} ({days} days)"),
    "status.all_gone": ("逾期记录都已满五年并删除（最后一条 {date}）", "Every overdue record is deleted (the last on {date})"),
    "status.unsettled": ("有逾期尚未还清：还清后才开始计算五年", "An overdue is still unpaid: the 5 years start when it is paid off"),
    "status.never_overdue": ("从未逾期", "Never overdue"),
    "status.streak": ("连续 {n} 个月无逾期", "{n} clean months in a row"),
    "status.advice": ("建议", "Advice"),
    "status.balance": ("余额", "Balance"),
    "status.checked": ("核对日期", "Checked on"),
    "status.balance_on": ("{balance}（{date} 核对）", "{balance} on {date}"),
    "status.carrying_title": ("只还了最低的账单", "Bill left at its minimum"),
    "status.left": ("剩余未还", "Left to pay"),
    "status.interest": ("利息", "Interest"),
    "status.moves": ("转入时间", "Moves on"),
    "status.moves_text": ("{date}（{month} 账单）", "{date} into {month}"),
    "status.moving": ("届时转入", "Will move"),
    "status.moving_text": ("{total}（若不再还）", "{total} if unpaid"),
    "status.remainder": ("最低后剩余", "Remainder"),
    "status.remainder_text": ("{month}：{left}", "{month}: {left}"),
}
