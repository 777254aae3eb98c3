"""The help screen: its headings and the rules in plain words (``help.*``)."""

from __future__ import annotations

STRINGS: dict[str, tuple[str, str]] = {
    # --- used by ui/screens/help.py ---
    "help.title": ("帮助 · 按 {k:help.close*|Esc/?/F1/q} 关闭", "Help · {k:help.close*|Esc/?/F1/q} closes"),
    "help.keys_screen": ("本页按键", "Keys on this screen"),
    "help.keys_global": ("全局按键（输入框外）", "Everywhere (outside text fields)"),
    "help.rules": ("规则说明", "How the numbers are worked out"),
    "help.rule.bill": (
        "账单：按出账的月份命名（如 2025-04 即支付宝里的“花呗2025年04月账单”），包含上月出账日至本月出账日前一天的"
        "消费。还款日晚于出账日时，账单当月到期，否则次月到期。",
        "Bills are named by the month they are issued (2025-04 is Alipay's “花呗2025年04月账单”) and cover"
        " purchases from last month's statement day to the day before this month's. A bill is due in the month it"
        " is issued when the due day comes after the statement day, otherwise in the next month.",
    ),
    "help.rule.days": (
        "距到期天数 = 到期日 − 今天。0 表示今天到期（当天内还上仍算按时），负数表示已逾期。"
        "逾期天数 = 还清日（未还清时用今天）− 到期日。所有日期都按北京时间计算。",
        "Days to due = due date − today. 0 means due today (paying before the day ends is still on time); a"
        " negative number means overdue. Days overdue = settled date (today while unpaid) − due date. All dates"
        " are Beijing time.",
    ),
    "help.rule.fee": (
        "逾期费：到期日之后的每一天，按当天开始时仍未还的金额 × 日费率（默认 0.05%，可在设置中修改）计算，"
        "不计复利；各天的费用先精确相加，最后四舍五入到分，只舍入一次。",
        "Overdue fee: for each day after the due date, the amount still unpaid at the start of that day × the"
        " daily rate (0.05% by default; change it in Settings). Not compounded: the days are added up exactly and"
        " the total is rounded to the fen once.",
    ),
    "help.rule.expiry": (
        "五年规则：根据《征信业管理条例》第十六条，个人不良信息自不良行为终止之日起保存五年，期满删除。本应用以"
        "“还清日 + 5 年”作为记录到期日（平年没有 2 月 29 日时按 2 月 28 日计）；尚未还清的逾期还没有记录到期日。",
        "The 5-year rule: under Article 16 of the Credit Reporting Industry Regulation, negative records are kept"
        " for 5 years from the day the bad behaviour ends, then deleted. The app dates a record's expiry to the"
        " settled date + 5 years (Feb 28 when that year has no Feb 29); an overdue not yet settled has no expiry"
        " date.",
    ),
    "help.rule.grid": (
        "还款记录表（“修复”页）：每月一格，默认显示最近 24 个月，按 {k:recovery.grid|g} 可切换为 60 个月。N = 正常；1–7 = 当月"
        "最长逾期所在的级别（1–30 天为 1，31–60 天为 2……181 天及以上为 7）；* = 当月无需还款；/ = 尚未开通；"
        "? = 未知（没填开通日期时，第一期记录的账单之前的月份）。"
        "表格是根据你的记录做的估算，一切以人民银行征信报告为准。",
        "Repayment grid (on the Recovery screen): one box a month, the last 24 months; press {k:recovery.grid|g} there to show the"
        " last 60. N = normal; 1–7 = the worst overdue that month (1–30 days → 1, 31–60 → 2, … 181+ → 7);"
        " * = nothing due; / = not opened yet; ? = unknown (the months before the first recorded bill while the"
        " opening date is not set). It is an estimate from your records: the PBOC credit report is"
        " authoritative.",
    ),
    "help.rule.limit": (
        "已用额度 = 已出账未还 + 未出账消费 + 未出账的分期本金；可用额度 = 总额度 − 已用额度。"
        "逾期费单独显示，不计入账单。",
        "Used = outstanding on bills + purchases not yet billed + instalment principal not yet billed;"
        " available = limit − used. Fees are shown separately, never added to a bill.",
    ),
    "help.rule.balance": (
        "余额缺口：还款账户余额不够还当前该还的账单（有逾期时为最早的逾期账单，否则为下一期账单）时提示；"
        "余额超过 7 天没有核对也会提醒。",
        "Shortfall: shown when your repayment balance does not cover the bill to pay now (the oldest overdue one,"
        " else the next bill); a balance last checked more than 7 days ago is flagged too.",
    ),
    "help.rule.minimum": (
        "最低还款：账单的最低还款 = 本金（本期消费 + 上期转入的本金）× 最低还款比例（默认 10%，可设置），四舍五入到分，"
        "再加上转入的利息和本期的分期应还，不超过账单金额；支付宝显示的数字不同时，可以把它录入为这期账单的最低还款。"
        "到期日当天结束前还够最低还款不算逾期、不上报；余下的从到期日次日起到下期出账日前一天按日计息（默认每天 0.05%），"
        "下期出账日连同利息转入下一期账单。少于最低还款，或晚一天才还够，都按逾期处理（整笔账单计逾期费）。",
        "Minimum payment: a bill's minimum = its principal (this cycle's spending + principal carried in) × the"
        " minimum rate (10% by default, a setting), rounded to the fen, plus interest carried in and the instalment"
        " parts on it, never more than the bill; type Alipay's own figure when it differs (bill set --minimum)."
        " Paying at least the minimum before the due day ends is not late and is not reported; the rest accrues"
        " interest (0.05% a day by default) from the day after the due date to the day before the next statement"
        " date, then moves into the next bill with that interest. Paying less, or paying it a day late, is an"
        " overdue on the whole bill.",
    ),
    "help.rule.instalment": (
        "账单分期：从出账日到还款日（含这两天），未逾期的账单可以分 3、6、9、12 期。手续费 = 当天待还 × 分期费率"
        "（默认 2.3%、4.5%、6.5%、7.5%），四舍五入一次；本金和手续费各自平均分摊，除不尽的分放在第一期，第 k 期计入 k 个月后"
        "的账单。分期后本期账单算已还清（不算逾期），未出账的本金仍占用额度；第一期出账前可以取消。",
        "Bill instalments: from the statement date to the due date (both included) a bill that is not late can be"
        " split into 3, 6, 9 or 12 parts. Fee = what is outstanding that day × the instalment rate (2.3%, 4.5%,"
        " 6.5%, 7.5% by default), rounded once; principal and fee are shared equally, the leftover fen on the first"
        " part, part k landing on the bill k months later. The bill then counts as repaid (never late); the parts"
        " not billed yet still use your limit. A split can be undone until its first part is on a bill"
        " (instalment --cancel).",
    ),
    "help.rule.planner": (
        "还款方案（账户页按 {k:status.planner|o}）：对要还的账单列出每种做法现在要还多少、要花多少（手续费、利息或逾期费）、对征信的影响："
        "全额还款、最低还款、分 3、6、9 或 12 期，以及晚 1、7、30 天再还清。▶ 标出还款账户余额够用的方案里最省钱且不逾期的一个；"
        "余额未记录时标出最省钱的不逾期方案。已经做不到的方案会说明原因和什么时候可以。",
        "Options ({k:status.planner|o} on the status screen): for the bill to pay, what each way of dealing with it needs now, what it"
        " costs (fee, interest or overdue fee) and what it does to your record: pay in full, the minimum, split in"
        " 3/6/9/12, or pay everything 1, 7 or 30 days late. ▶ marks the cheapest option that keeps the record clean"
        " and that your repayment balance covers (with no balance recorded, the cheapest clean one). Options no"
        " longer possible say why, and when they would be.",
    ),
    "help.rule.day_pairs": (
        "出账日和还款日：支付宝只提供几组固定搭配（见到过每月 1 日出账、8 日还款，以及 1 和 9、1 和 10、5 和 15、10 和 20），每年可以更改一次；设置里可以直接"
        "选择这些搭配，其他组合也可以手动输入。",
        "Statement and due days: Alipay offers a few fixed pairs (seen: 1/8, 1/9, 1/10, 5/15, 10/20) and lets you"
        " change the pair once a year; the settings offer these pairs to choose from, and any other pair can be"
        " typed.",
    ),
    "help.keymap": ("自定义按键（keys.toml）", "Your own keys (keys.toml)"),
    "help.keymap.intro": (
        "在 {path} 中可以给下面任意按键名换成别的键，下次启动时生效。例如在 [calendar] 下写 today = \".\"；"
        "多个键用逗号分开（\"t,.\"）。未知的按键名、无效的键、与同处其他按键冲突的项都不会采用，启动时会提示。"
        "下表是每个按键名和当前生效的键。",
        "In {path} you can give any binding below other keys; they apply from the next start. For example, under"
        " [calendar] write today = \".\"; separate several keys with commas (\"t,.\"). An unknown binding, a"
        " word that is not a key or a key already used in the same place is not taken, and the app says so at start."
        " Below: every binding and the keys in force.",
    ),
    "help.keymap.refused": ("未采用的项：", "Entries not used:"),
}
