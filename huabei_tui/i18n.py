"""Every user-visible string, in Chinese and English.

Strings live in catalogs of ``key → (zh, en)`` templates (``str.format`` with named parameters). This module holds
the core one; storage errors, the Alipay importer and the UI register their own with ``register`` so each stays
beside the code that raises or shows it. A missing key is a bug, and a test walks every key used in the code.
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from typing import Any

LANGS = ("zh", "en")
ENV_LANG = "HUABEI_LANG"

Catalog = Mapping[str, tuple[str, str]]

CORE: dict[str, tuple[str, str]] = {
    # --- field names (shown in error messages) ---
    "field.amount": ("金额", "amount"),
    "field.month": ("账单月份", "month"),
    "field.on": ("日期", "date"),
    "field.date": ("日期", "date"),
    "field.today": ("今天日期 (--today)", "today (--today)"),
    "field.limit": ("额度", "limit"),
    "field.balance": ("还款账户余额", "balance"),
    "field.statement_day": ("出账日", "statement day"),
    "field.due_day": ("还款日", "due day"),
    "field.auto_repay": ("自动还款", "auto-repay"),
    "field.opened": ("开通日期", "opened"),
    "field.fee_rate": ("逾期费率", "fee rate"),
    "field.lang": ("语言", "language"),
    "field.answer": ("核查结果", "answer"),
    "field.step": ("步骤", "step"),
    "field.checklist": ("清单", "checklist"),
    "field.topic": ("事项", "topic"),
    "field.outcome": ("结果", "outcome"),
    "field.note": ("备注", "note"),
    "field.periods": ("分期期数", "periods"),
    "field.file": ("文件", "file"),
    "field.days": ("天数", "days"),
    "field.format": ("格式", "format"),
    "field.months": ("月数", "months"),
    "field.minimum": ("最低还款", "minimum payment"),
    "field.min_rate": ("最低还款比例", "minimum rate"),
    "field.interest_rate": ("日利率", "interest rate"),
    # --- input errors ---
    "error.prefix": ("错误", "error"),
    "cli.warning": ("警告", "warning"),
    "error.field": ("{field}：{reason}", "{field}: {reason}"),
    "money.empty": ("请输入金额", "enter an amount"),
    "date.empty": ("请输入日期（格式 YYYY-MM-DD）", "enter a date (YYYY-MM-DD)"),
    "month.empty": ("请输入账单月份（格式 YYYY-MM）", "enter a bill month (YYYY-MM)"),
    "money.malformed": ("“{value}”不是有效金额（例：1234.50 或 ¥1,234.50）",
                        "“{value}” is not an amount (e.g. 1234.50 or ¥1,234.50)"),
    "money.too_precise": ("“{value}”超过两位小数（最小单位为分）", "“{value}” has more than two decimals (fen)"),
    "money.negative": ("“{value}”为负数，金额不能为负", "“{value}” is negative; amounts cannot be negative"),
    "money.zero": ("金额必须大于零", "must be more than zero"),
    "money.too_large": ("金额过大（须小于 {maximum}）", "too large (must be under {maximum})"),
    "rate.malformed": ("“{value}”不是有效的日费率（例：0.05 表示每天 0.05%）",
                       "“{value}” is not a daily rate (e.g. 0.05 for 0.05% a day)"),
    "rate.negative": ("费率不能为负", "the rate cannot be negative"),
    "rate.too_large": ("“{value}”% 每天过高（上限 5%）", "“{value}”% a day is too high (at most 5%)"),
    "rate.too_precise": ("“{value}”小数位过多（最多 6 位）", "“{value}” has too many decimals (at most 6)"),
    "date.malformed": ("“{value}”不是有效日期（格式 YYYY-MM-DD）", "“{value}” is not a date (use YYYY-MM-DD)"),
    "date.no_such_day": ("“{value}”这一天不存在", "“{value}” is not a real day"),
    "date.year_range": ("“{value}”年份须在 {low}–{high} 之间", "“{value}”: the year must be {low}–{high}"),
    "month.malformed": ("“{value}”不是有效的账单月份（格式 YYYY-MM）", "“{value}” is not a bill month (use YYYY-MM)"),
    "day.malformed": ("“{value}”不是 1–28 之间的整数", "“{value}” is not a whole number 1–28"),
    "day.range": ("“{value}”超出范围，须在 1–28 之间", "“{value}” is out of range: use 1–28"),
    "day.same_as_statement": ("还款日不能与出账日相同（{value}）", "the due day cannot equal the statement day ({value})"),
    "onoff.malformed": ("“{value}”请填 on 或 off", "“{value}”: use on or off"),
    "bill.exists": ("{month} 账单已存在（改金额用 bill set）", "bill {month} exists already (use bill set to change it)"),
    "bill.too_far_ahead": ("{month} 还未到出账时间，不能提前录入", "bill {month} is too far ahead to be issued"),
    "bill.below_paid": ("不能低于已还金额 {paid}", "cannot be less than the {paid} already paid"),
    "bill.unknown": ("没有手动录入的 {month} 账单", "there is no typed bill {month}"),
    "bill.has_payments": ("{month} 账单已有还款记录，不能删除", "bill {month} has payments and cannot be removed"),
    "pay.unknown_bill": ("没有 {month} 账单，请先录入账单", "there is no bill {month}; add the bill first"),
    "pay.in_future": ("还款日期 {on} 晚于今天（{today}）", "payment date {on} is after today ({today})"),
    "pay.before_cycle": ("还款日期 {on} 早于 {month} 账单周期开始（{start}）",
                         "payment date {on} is before bill {month}'s cycle starts ({start})"),
    "pay.already_paid": ("{month} 账单已还清", "bill {month} is already paid"),
    "pay.too_much": ("超过 {month} 账单待还金额 {outstanding}", "more than the {outstanding} outstanding on {month}"),
    "pay.too_much_late": ("超过 {month} 账单待还金额 {outstanding}：逾期费单独计算，这里只记录账单部分",
                          "more than the {outstanding} outstanding on {month}: record the bill part only (the overdue"
                          " fee is tracked apart)"),
    "checklist.unknown": ("没有“{value}”清单", "no checklist “{value}”"),
    "checklist.unknown_step": ("没有步骤“{value}”", "no step “{value}”"),
    "checklist.answer": ("“{value}”请填 found、not-found 或 unsure", "“{value}”: use found, not-found or unsure"),
    "contact.in_future": ("日期 {on} 晚于今天", "date {on} is after today"),
    "contact.topic": ("“{value}”请填 deferral、instalments 或 other", "“{value}”: use deferral, instalments or other"),
    "contact.outcome_empty": ("请填写结果", "say what came of it"),
    "contact.too_long": ("内容过长（最多 {max} 字）", "too long (at most {max} characters)"),
    "min_rate.malformed": ("“{value}”不是有效的百分比（例：10 表示本金的 10%）",
                           "“{value}” is not a percent (e.g. 10 for 10% of the principal)"),
    "min_rate.range": ("“{value}”须大于 0 且不超过 100", "“{value}” must be more than 0 and at most 100"),
    "bill.split": ("{month} 账单已于 {on} 办理账单分期，不能再改（要改请先取消分期）",
                   "bill {month} was split into instalments on {on}; cancel the instalments to change it"),
    "pay.split": ("{month} 账单已于 {on} 办理账单分期，无需再还：各期随之后的账单还款",
                  "bill {month} was split into instalments on {on}: its parts are repaid with the bills they land on"),
    "minimum.unknown_bill": ("没有 {month} 账单", "there is no bill {month}"),
    "minimum.above_amount": ("最低还款不能超过 {month} 账单金额 {amount}",
                             "the minimum cannot be more than the {amount} of bill {month}"),
    "instalment.in_future": ("分期日期 {on} 晚于今天（{today}）", "instalment date {on} is after today ({today})"),
    "instalment.unknown_bill": ("没有 {month} 账单", "there is no bill {month}"),
    "plan.unknown_bill": ("没有 {month} 账单", "there is no bill {month}"),
    "instalment.not_issued": ("{month} 账单还未出账：{start} 出账后，到 {end}（还款日）之前可以办理分期",
                              "bill {month} is not issued yet: it can be split from {start} (its statement date) "
                              "to {end} (its due date)"),
    "instalment.already": ("{month} 账单已于 {on} 分为 {periods} 期", "bill {month} was already split into {periods} on {on}"),
    "instalment.window": ("{month} 账单只能在 {start} 至 {end}（出账日到还款日）办理分期",
                          "bill {month} can be split only from {start} to {end} (its statement date to its due date)"),
    "instalment.periods": ("账单分期不能分“{value}”期（可选 {choices}）",
                           "a bill cannot be split into {value} (choose {choices})"),
    "instalment.nothing": ("{month} 账单已无待还金额，无需分期", "bill {month} has nothing outstanding to split"),
    "instalment.paid_after": ("{month} 账单在 {on} 之后还有还款记录，不能按这天分期",
                              "bill {month} has payments after {on}, so it cannot have been split that day"),
    "instalment.none": ("{month} 账单没有办理分期", "bill {month} is not split into instalments"),
    "instalment.first_issued": ("第一期已于 {on} 计入 {first} 账单，不能再取消",
                                "the first part is on bill {first} since {on}: the split can no longer be cancelled"),
    "installment.periods": ("“{value}”期不可选（可选 {choices}）", "{value} periods is not offered ({choices})"),
    "lang.unknown": ("“{value}”请填 zh 或 en", "“{value}”: use zh or en"),
    "date.in_future": ("“{value}”晚于今天", "“{value}” is after today"),
    "format.unknown": ("“{value}”不是支持的格式（text、json、csv、ics）", "“{value}” is not a format (text, json, csv, ics)"),
    "field.db": ("数据文件", "data file"),
    "number.not_digit": ("“{value}”中的“{char}”不是数字：请用 0–9", "“{value}”: “{char}” is not a digit, use 0–9"),
    "number.whole": ("“{value}”须为 {low}–{high} 的整数", "“{value}” must be a whole number {low}–{high}"),
    "days.range": ("“{value}”须为 0–365 的整数", "“{value}” must be a whole number 0–365"),
    "months.choice": ("“{value}”请填 24 或 60", "“{value}”: use 24 or 60"),
    "file.unreadable": ("无法读取 {path}：{reason}", "cannot read {path}: {reason}"),
    "file.unwritable": ("无法写入 {path}：{reason}", "cannot write {path}: {reason}"),
    # --- statuses and codes ---
    "status.paid": ("已还清", "paid"),
    "status.paid_late": ("逾期后还清", "paid late"),
    "status.unpaid": ("待还", "unpaid"),
    "status.overdue": ("逾期", "overdue"),
    "status.minimum_paid": ("已还最低", "minimum paid"),
    "status.carried": ("已转入下期", "carried over"),
    "status.instalment": ("已分期", "split"),
    "reporting.reported": ("已接入征信", "reported"),
    "reporting.not_reported": ("未接入征信", "not reported"),
    "reporting.unknown": ("未核查（见 3）", "not checked (see 3)"),
    "reporting.unsure": ("待确认（请问客服 95188）", "unsure: ask Alipay (95188)"),
    "onoff.on": ("开", "on"),
    "onoff.off": ("关", "off"),
    "value.unknown": ("未知", "unknown"),
    "value.not_set": ("未设置", "not set"),
    "value.none": ("无", "none"),
    # --- warnings ---
    "warn.overdue": ("{month} 账单已逾期 {late_days} 天：请立即还清 {outstanding}，每多一天多 {per_day} 逾期费",
                     "Bill {month} is {late_days} days overdue: repay {outstanding} now; each day adds {per_day}"),
    "warn.overdue_more": ("另有 {n} 期账单也已逾期，见 4", "{n} more bills overdue too: see 4"),
    "warn.shortfall": ("还款账户余额不足：还差 {shortfall}", "Repayment balance is short by {shortfall}"),
    "warn.balance_unknown": ("还未记录还款账户余额", "No repayment balance recorded yet"),
    "warn.balance_stale": ("余额已 {days} 天未核对，请重新查看", "Balance last checked {days} days ago: check it again"),
    "warn.auto_repay_off": ("自动还款未开启：建议开启，避免忘记还款",
                            "Auto-repay is off: turn it on so a forgotten day costs nothing"),
    "warn.over_limit": ("已超出额度 {over}", "Over the limit by {over}"),
    # --- status text (CLI and exports) ---
    "label.today": ("今天", "Today"),
    "label.account": ("账户", "Account"),
    "label.limit": ("额度", "Limit"),
    "label.used": ("已用", "Used"),
    "label.available": ("可用", "Available"),
    "label.statement_day": ("出账日", "Statement day"),
    "label.due_day": ("还款日", "Due day"),
    "label.auto_repay": ("自动还款", "Auto-repay"),
    "label.balance": ("还款账户余额", "Repayment balance"),
    "label.balance_checked_on": ("余额核对日期", "Balance checked on"),
    "label.opened": ("开通日期", "Opened"),
    "label.fee_rate": ("逾期费率", "Overdue fee rate"),
    "label.min_rate": ("最低还款", "Minimum payment"),
    "label.minimum": ("最低还款", "Minimum"),
    "label.minimum_left": ("{minimum}（还差 {left}）", "{minimum} ({left} left)"),
    "label.minimum_done": ("{minimum}（已还够）", "{minimum} (paid)"),
    "label.min_rate_value": ("本金的 {rate}%", "{rate}% of the principal"),
    "label.interest_rate": ("只还最低后的日利率", "Interest after a minimum"),
    "label.credit_reporting": ("征信报送", "Credit reporting"),
    "label.day": ("天", "day"),
    "label.days_n": ("{n} 天", "{n} d"),
    "label.next_bill": ("下一期账单", "Next bill"),
    "label.overdue_bill": ("逾期账单", "Overdue bill"),
    "label.then": ("之后", "Then"),
    "label.no_next_bill": ("没有待还账单", "Nothing to pay"),
    "label.bill": ("账单", "Bill"),
    "label.statement_date": ("出账日期", "Statement"),
    "label.due_date": ("到期日", "Due"),
    "label.amount": ("金额", "Amount"),
    "label.paid": ("已还", "Paid"),
    "label.outstanding": ("待还", "Outstanding"),
    "label.status": ("状态", "Status"),
    "label.overdue_days": ("逾期天数", "Days late"),
    "label.fee": ("逾期费", "Fee"),
    "label.fee_per_day": ("每多一天", "Per extra day"),
    "label.settled_on": ("还清日期", "Settled"),
    "label.record_expires_on": ("记录到期", "Record expires"),
    "label.days_left": ("剩余天数", "Days left"),
    "label.record_gone": ("已删除", "deleted"),
    "label.days_to_due": ("距到期", "Days to due"),
    "label.shortfall": ("缺口", "Shortfall"),
    "label.bills": ("账单", "Bills"),
    "label.overdue": ("逾期记录", "Overdue history"),
    "label.grid": ("还款记录（估算，以征信报告为准）", "Repayment grid (an estimate: the PBOC report counts)"),
    "label.grid_legend": ("N 正常  1–7 逾期（每 30 天一级）  * 无需还款  / 未开通",
                          "N normal  1–7 overdue (30-day steps)  * nothing due  / not opened"),
    "label.clean_streak": ("连续无逾期", "Clean streak"),
    "label.months": ("{n} 个月", "{n} months"),
    "label.fees_total": ("累计逾期费", "Fees so far"),
    "label.unbilled_installments": ("未出账分期本金", "Instalment principal not yet billed"),
    "label.warnings": ("提醒", "Warnings"),
    "label.no_bills": ("还没有账单", "No bills yet"),
    "label.no_overdue": ("没有逾期记录", "No overdue history"),
    "label.not_yet": ("未还清的逾期还没有记录到期日：到期日从还清那天起算五年",
                      "An unpaid overdue has no expiry date yet: it is 5 years from the day it is paid off"),
    "label.unsettled": ("未还清", "unpaid"),
    "label.due_in": ("{days} 天后到期", "due in {days} days"),
    "label.due_today": ("今天到期", "due today"),
    "label.overdue_by": ("已逾期 {days} 天", "{days} days overdue"),
    "label.checked_on": ("（{date} 核对）", "(checked {date})"),
    "label.summary_title": ("花呗账户摘要", "Huabei account summary"),
    "label.auth_check": ("授权核查", "Authorization check"),
    "label.answer": ("结论", "Answer"),
    "label.recovery": ("逾期修复", "Overdue recovery"),
    "label.contacts": ("客服沟通记录", "Customer-service contacts"),
    "label.revoke": ("“撤销”方法", "“Revoke” steps"),
    "label.caveat": ("注意", "Note"),
    "label.ticked": ("已完成 {date}", "done {date}"),
    "label.last_done": ("上次完成 {date}", "last done {date}"),
    "label.not_ticked": ("未完成", "not done"),
    "label.generated": ("生成于 {date}", "Generated {date}"),
    "label.payments": ("还款记录", "Payments"),
    "label.source.manual": ("手动", "typed"),
    "label.source.import": ("导入", "import"),
    "label.source.alipay": ("导入", "import"),
    "label.source.derived": ("结转或分期", "carried or split"),
    # --- CLI messages ---
    "cli.description": ("花呗征信管家：账单、到期日、逾期费用与征信记录到期日",
                        "Keep your Huabei credit line clean: bills, due dates, overdue costs, record expiry"),
    "cli.demo_refused": ("{path} 已有数据；要覆盖请加 --force", "{path} already holds data; add --force to replace it"),
    "cli.demo_done": ("已写入演示数据：{path}", "Demo data written to {path}"),
    "cli.bill_added": ("已录入 {month} 账单 {amount}", "Bill {month} of {amount} added"),
    "cli.bill_set": ("{month} 账单金额已改为 {amount}", "Bill {month} set to {amount}"),
    "cli.bill_removed": ("已删除 {month} 账单", "Bill {month} removed"),
    "cli.paid": ("已记录 {on} 还款 {amount}（{month} 账单，待还 {outstanding}）",
                 "Recorded {amount} paid on {on} to bill {month} ({outstanding} still outstanding)"),
    "cli.account_saved": ("设置已保存", "Settings saved"),
    "cli.bill_set_needs": ("请给出 {month} 账单的新金额，或用 --minimum 录入最低还款",
                           "give bill {month} a new amount, or its minimum with --minimum"),
    "cli.minimum_set": ("{month} 账单最低还款按支付宝录入为 {amount}", "Bill {month}: minimum payment typed as {amount}"),
    "cli.minimum_auto": ("{month} 账单最低还款改回按规则计算：{rule}", "Bill {month}: minimum payment back to the rule's, {rule}"),
    "cli.split": ("{month} 账单已于 {on} 分 {periods} 期：本金 {principal}，手续费 {fee}，各期随 {first} 至 {last} 的账单还款",
                  "Bill {month} split in {periods} on {on}: {principal} principal, fee {fee}; the parts come with "
                  "bills {first} to {last}"),
    "cli.split_principal": ("本金", "Principal"),
    "cli.split_fee": ("手续费", "Fee"),
    "cli.split_part": ("每期应还", "Part"),
    "cli.split_cancelled": ("已取消 {month} 账单分期（{periods} 期）：待还 {outstanding}，状态 {status}",
                            "Split of bill {month} in {periods} cancelled: {outstanding} outstanding, {status}"),
    "cli.split_needs_periods": ("请给出期数 PERIODS（3/6/9/12），或用 --cancel 取消 {month} 账单分期",
                                "give the number of parts PERIODS (3/6/9/12), or --cancel the split of bill {month}"),
    "cli.cancel_no_periods": ("--cancel 不需要期数（“{value}”）", "--cancel takes no number of parts (“{value}”)"),
    "cli.exported": ("已导出到 {path}", "Exported to {path}"),
    "cli.restored": ("已从 {backup} 恢复；损坏的文件保存在 {damaged}", "Restored from {backup}; the damaged file is kept as {damaged}"),
    "cli.restored_clean": ("已从 {backup} 恢复", "Restored from {backup}"),
    "cli.no_backup": ("没有可用的备份", "No usable backup found"),
    "cli.backups": ("备份（最新在前）：", "Backups (newest first):"),
    "cli.ticked": ("已勾选：{step}", "Ticked: {step}"),
    "cli.unticked": ("已取消勾选：{step}", "Unticked: {step}"),
    "cli.answered": ("已记录结论：{answer}", "Answer recorded: {answer}"),
    "cli.contact_added": ("已记录客服沟通", "Contact logged"),
    "remind.overdue": ("花呗 {month} 账单已逾期 {days} 天：待还 {amount}，逾期费 {fee}（每天再加 {per_day}）",
                       "Huabei bill {month} is {days} days overdue: {amount} outstanding, fee {fee} (+{per_day}/day)"),
    "remind.due": ("花呗 {month} 账单 {when}（{date}）：待还 {amount}", "Huabei bill {month} {when} ({date}): {amount} to pay"),
    "remind.due_minimum": ("花呗 {month} 账单 {when}：{date} 前至少还 {minimum} 即可保持记录良好（全额 {amount}）",
                           "Huabei bill {month} {when}: pay at least {minimum} by {date} to stay clean (full: {amount})"),
    "remind.due_minimum_paid": ("花呗 {month} 账单 {when}：最低还款已还，记录良好；{date} 前还清余下的 {amount} 可免利息",
                                "Huabei bill {month} {when}: minimum paid, record clean; pay the other {amount} "
                                "by {date} to avoid interest"),
    "field.remind_days": ("提醒天数", "remind days"),
    "cli.interrupted": ("已中断，未做任何更改", "Interrupted; nothing was changed"),
    "cli.unexpected": ("意外错误：{error}（数据文件未被改动）", "Unexpected error: {error} (the data file was not changed)"),
    "cli.usage_error": ("{message}（用 --help 查看用法）", "{message} (see --help)"),
}

_CATALOG: dict[str, tuple[str, str]] = dict(CORE)


def register(catalog: Catalog) -> None:
    """Add a module's strings; later registrations do not silently replace earlier ones."""
    for key, pair in catalog.items():
        if key in _CATALOG and _CATALOG[key] != pair:
            raise KeyError(f"string {key!r} registered twice with different text")
        _CATALOG[key] = pair


def has(key: str) -> bool:
    return key in _CATALOG


#: English nouns counted in the strings ("{n} months"): after "1 " they lose their "s" ("1 month", "1 more bill").
_ONE = re.compile(r"(?<![\d.,])\b1 ((?:more |clean |overdue )?)(day|month|bill|episode|time|row)s\b")


def tr(key: str, lang: str, /, **params: Any) -> str:
    """The string for ``key`` in ``lang``; a missing parameter shows as ``{name}`` instead of crashing.

    English strings are written with plural nouns ("{n} clean months in a row"); a count of one gets the singular
    ("1 clean month in a row"), so no string needs "(s)". Chinese has no plural.
    """
    pair = _CATALOG.get(key)
    if pair is None:
        return key
    template = pair[0] if lang == "zh" else pair[1]
    try:
        text = template.format(**params)
    except (KeyError, IndexError, ValueError):
        return template
    return text if lang == "zh" or "1 " not in text else _ONE.sub(r"1 \1\2", text)


#: The system's reasons people meet most, in both languages (``os.strerror`` is English only).
_OS_REASONS: dict[str, tuple[str, str]] = {
    "ENOENT": ("文件或文件夹不存在", "no such file or folder"),
    "EISDIR": ("这是一个文件夹，不是文件", "it is a folder, not a file"),
    "ENOTDIR": ("路径中有一段不是文件夹", "a part of the path is not a folder"),
    "EACCES": ("没有权限", "permission denied"),
    "EPERM": ("没有权限", "permission denied"),
    "ENOSPC": ("磁盘已满", "the disk is full"),
    "EROFS": ("只读的文件系统", "read-only file system"),
}


def os_reason(error: OSError, lang: str) -> str:
    """Why a file could not be read or written, in the user's language where it is a common reason."""
    import errno

    name = errno.errorcode.get(error.errno or 0, "")
    pair = _OS_REASONS.get(name)
    if pair is not None:
        return pick(pair, lang)
    return error.strerror or str(error)


def bracketed(text: str, lang: str) -> str:
    """``text`` in brackets after what precedes it: “（…）” in Chinese, “ (…)” with a space in English."""
    return f"（{text}）" if lang == "zh" else f" ({text})"


def labelled(label: str, value: str, lang: str) -> str:
    """``label: value`` with the colon of the language: full-width in Chinese (“今天：2025-09-01”)."""
    return f"{label}：{value}" if lang == "zh" else f"{label}: {value}"


def pick(pair: tuple[str, str], lang: str) -> str:
    """Choose from a (zh, en) pair held as data (the article's steps)."""
    return pair[0] if lang == "zh" else pair[1]


def detect_lang(option: str | None = None, environ: Mapping[str, str] | None = None) -> str:
    """``--lang``, else ``HUABEI_LANG``, else the locale (``zh_*`` → Chinese), else English."""
    env = os.environ if environ is None else environ
    for value in (option, env.get(ENV_LANG)):
        if value:
            lang = value.strip().lower()[:2]
            if lang in LANGS:
                return lang
    for var in ("LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE"):
        value = env.get(var)
        if value:
            return "zh" if value.lower().startswith("zh") else "en"
    return "en"


def describe_error(error: Exception, lang: str, *, name_field: bool = True) -> str:
    """One line for an error that carries ``key``/``params`` (and ``field``); used by CLI and forms alike.

    ``name_field=False`` leaves out the field's name, for a message shown right under that field in a form.
    The message often echoes what was typed or read (a bad cell, a file name): control characters are removed
    so it cannot drive the terminal it is printed on (``domain.textsafe``).
    """
    from huabei_tui.domain.textsafe import sanitize

    return sanitize(_describe_error(error, lang, name_field=name_field))


def _describe_error(error: Exception, lang: str, *, name_field: bool) -> str:
    message = getattr(error, "message", None)
    if callable(message):  # storage errors render themselves (their own catalog)
        return str(message(lang))
    key = getattr(error, "key", None)
    params = dict(getattr(error, "params", {}) or {})
    params = {k: (str(v) if v is not None else tr("value.none", lang)) for k, v in params.items()}
    reason = tr(key, lang, **params) if key else str(error)
    field = getattr(error, "field", None)
    if field and name_field:
        name = tr(f"field.{field}", lang) if has(f"field.{field}") else field
        return tr("error.field", lang, field=name, reason=reason)
    return reason
