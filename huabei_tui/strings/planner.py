"""The planner (``plan.*``): its page (``views/planner.py``: ``huabei plan``, the planner screen, the export), the
status screen's block of this month's options, and the split dialog (``plan.split.*``). ``plan.unknown_bill`` is a
core string (an error any command may print)."""

from __future__ import annotations

STRINGS: dict[str, tuple[str, str]] = {
    # --- used by views/planner.py ---
    "plan.title": ("{month} 账单的还款方案", "Options for bill {month}"),
    "plan.title_on": ("{month} 账单的还款方案 · {today}", "Options for bill {month} · {today}"),
    "plan.none": ("没有要还的账单：没有可比较的方案", "No bill to pay: nothing to plan"),
    "plan.no_bills": ("还没有账单：账单录入或导入后，这里会比较每种还法的代价",
                      "No bills yet: once your bills are in, this compares every way to pay"),
    "plan.no_bills_next": ("先把账单放进来：", "First get your bills in:"),
    "plan.next.setup": ("{k:app.palette|Ctrl+P} → 首次设置  额度、出账日和还款日等",
                        "{k:app.palette|Ctrl+P} → First setup  limit, statement and due day, …"),
    "plan.none_month": ("没有 {month} 账单", "There is no bill {month}"),
    "plan.due": ("到期日", "Due"),
    "plan.outstanding": ("待还", "Outstanding"),
    "plan.minimum": ("最低还款", "Minimum"),
    "plan.minimum_set": ("{minimum}（按支付宝显示录入）", "{minimum} (typed from Alipay)"),
    "plan.balance": ("还款账户余额", "Balance"),
    "plan.balance_unknown": ("未知（按 {k:status.balance|b} 记录）", "unknown ({k:status.balance|b} records it)"),
    "plan.balance_unknown_plain": ("未知", "unknown"),
    # the table
    "plan.col.option": ("方案", "Option"),
    "plan.col.pay": ("要还", "To pay"),
    "plan.col.cost": ("费用", "Cost"),
    "plan.col.record": ("征信", "Record"),
    "plan.col.then": ("之后", "Then"),
    "plan.kind.full": ("全额还款", "Pay in full"),
    "plan.kind.minimum": ("最低还款", "Minimum"),
    "plan.kind.instalment": ("分 {periods} 期", "Split in {periods}"),
    "plan.kind.instalments": ("账单分期", "Split"),
    "plan.kind.late": ("逾期 {days} 天", "{days} days late"),
    "plan.kind.late_one": ("逾期 1 天", "1 day late"),
    "plan.kind.late_any": ("逾期还款", "Pay late"),
    "plan.clean": ("正常", "clean"),
    "plan.late_code": ("逾期（{code}）", "late ({code})"),
    "plan.then.full": ("本期结清", "bill settled"),
    "plan.then.minimum": ("{amount} 转入 {month}", "{amount} into {month}"),
    "plan.then.parts_even": ("{n} 期 × {part}", "{n} × {part}"),
    "plan.then.parts": ("{first} + {rest} × {part}", "{first} + {rest} × {part}"),
    "plan.then.record": ("记录保留至 {date}", "on record to {date}"),
    # the best one
    "plan.best": ("最佳", "Best"),
    "plan.best_unknown": ("最省钱的正常方案", "Cheapest clean option"),
    "plan.best.full": ("{by} 前还清 {pay}，没有费用，征信正常", "pay all {pay} by {by}: no cost, record clean"),
    "plan.best.minimum": ("{by} 前还最低还款 {pay}，利息 {cost}，征信正常；余下 {carried} 转入 {month} 账单",
                          "pay the minimum {pay} by {by}: {cost} of interest, record clean; {carried} moves into "
                          "bill {month}"),
    "plan.best.instalment": ("{by} 前办理分 {periods} 期：现在不用还，手续费 {cost}，每期 {part}，征信正常",
                             "split in {periods} by {by}: nothing to pay now, {cost} fee, {part} a part, record "
                             "clean"),
    "plan.covered": ("还款账户余额 {balance} 够用", "Your balance of {balance} covers it"),
    "plan.balance_needed": ("余额未知：记录余额后才知道够不够", "The balance is unknown: record it to know what it covers"),
    "plan.shortfall": ("余额 {balance} 不够任何正常方案：{option}还差 {short}",
                       "Your balance of {balance} covers no clean option: {short} short of {option}"),
    "plan.shortfall_of.full": ("全额还款", "paying in full"),
    "plan.shortfall_of.minimum": ("最低还款", "the minimum"),
    "plan.no_clean": ("已经没有不逾期的方案：尽早还清，每多一天多付逾期费", "No clean option is left: pay it off as soon as "
                      "you can; every day adds to the fee"),
    # what is no longer possible
    "plan.unavailable": ("不可选", "Not possible"),
    "plan.reason.past_due": ("已过还款日 {due}", "the due date {due} has passed"),
    "plan.reason.not_issued": ("{start} 出账后才能办理", "possible from the statement date {start}"),
    "plan.reason.already_split": ("已于 {on} 分为 {periods} 期", "split in {periods} on {on}"),
    "plan.reason.carried": ("余额已转入 {month} 账单", "the rest moved into bill {month}"),
    "plan.reason.minimum_paid": ("已还最低还款，余额 {on} 转入下期", "minimum paid; the rest moves into the next bill on {on}"),
    "plan.reason.nothing_outstanding": ("已经还清", "nothing left to pay"),
    "plan.reason.minimum_is_full": ("最低还款就是全部待还", "the minimum is the whole amount"),
    "plan.reason.no_rate": ("费率表没有 {periods} 期", "no fee rate for {periods} parts"),
    "plan.reason.minimum_covered": ("已还到最低还款，不会再逾期", "the minimum is paid: it can no longer go late"),
    "plan.reason_line": ("{option}：{reason}", "{option}: {reason}"),
    "plan.names_sep": ("、", ", "),
    # the status screen's block
    "plan.block_title": ("本月方案", "This month's options"),
    "plan.block_hint": ("（{k:status.planner|o} 查看全部）", " ({k:status.planner|o}: all)"),
    "plan.short.full": ("{option} {pay} · 无费用", "{option} {pay} · no cost"),
    "plan.short.minimum": ("{option} {pay} · 利息 {cost}", "{option} {pay} · {cost} interest"),
    "plan.short.instalment": ("{option} · 手续费 {cost}", "{option} · {cost} fee"),
    # the split dialog
    "plan.split.title": ("{month} 账单分期", "Split bill {month} into instalments"),
    "plan.split.intro": ("待还 {outstanding} · 今天 {today} 办理 · {due} 前都可以办理",
                         "{outstanding} outstanding · today {today} · possible until {due}"),
    "plan.split.periods": ("分 {periods} 期", "{periods} parts"),
    "plan.split.fee": ("手续费", "fee"),
    "plan.split.total": ("手续费 {cost}，共还 {total}，每期：", "Fee {cost}, {total} in all; the parts:"),
    "plan.split.after": ("本期账单随即算已还清（不算逾期）；各期随 {first} 至 {last} 的账单还款。{until} 前可以取消。",
                         "The bill then counts as repaid (never late); the parts come with bills {first} to {last}. "
                         "It can be undone until {until}."),
    "plan.split.refused": ("{month} 账单现在不能分期：{reason}", "Bill {month} cannot be split now: {reason}"),
    # ``I`` with no bill to act on (the planner's "nothing to plan" would name the wrong thing)
    "plan.split.no_bills": ("还没有可分期的账单：先录入或导入账单（按 {k:app.import|i} 导入支付宝交易明细）",
                            "No bill to split yet: add or import your bills first ({k:app.import|i} imports the "
                            "Alipay export)"),
    "plan.split.nothing": ("没有可分期的账单：账单都已还清（待还的账单在出账日到还款日之间可以分期）",
                           "No bill to split: nothing is left to pay on your bills (a bill can be split from its "
                           "statement date to its due date)"),
    "plan.split.keys": ("↑↓ 选择期数 · Enter 确认分期 · {k:split.cancel|Esc} 取消", "↑↓ choose · Enter splits · {k:split.cancel|Esc} cancels"),
    # --- used by ui/screens/planner.py (help lines) ---
    "plan.key.move": ("在方案之间移动", "Move between the options"),
    # (one line each in help at 80 columns: 61 cells at most beside the keys)
    "plan.key.split": ("在“分 N 期”那一行：先看手续费和每期金额，再确认分期", "On a “Split in N” row: the fee and parts, then split"),
}
