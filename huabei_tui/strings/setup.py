"""The first run's setup (``huabei_tui/ui/dialogs/first_run.py``): its five steps, where to find each value in the
Alipay app, and its hints."""

from __future__ import annotations

STRINGS: dict[str, tuple[str, str]] = {
    "setup.title": ("首次设置 · 第 {n}/{total} 步 · {step}", "First setup · step {n} of {total} · {step}"),
    "setup.step.limit": ("花呗额度", "Credit limit"),
    "setup.step.days": ("出账日和还款日", "Statement and due day"),
    "setup.step.auto_repay": ("自动还款", "Auto-repay"),
    "setup.step.balance": ("还款账户余额", "Repayment balance"),
    "setup.step.import": ("导入支付宝交易明细", "Import the Alipay export"),
    "setup.intro.limit": ("在支付宝 App 里打开花呗：首页显示总额度。用来算还能用多少、是否超额。",
                          "Open Huabei in the Alipay app: the total limit is on its first page. It tells what is "
                          "left to spend and when you are over the limit."),
    "setup.intro.days": ("在支付宝 App：花呗 → 账单 → 还款日，可以看到每月几号出账、几号还款（也在那里修改）。"
                         "选一组，或在下面输入其他日子。",
                         "In the Alipay app: Huabei → 账单 (Bills) → 还款日 (due day) shows the day each bill is "
                         "issued and the day it is due (and changes them). Pick a pair, or type another below."),
    "setup.intro.auto_repay": ("开启后，支付宝会在还款日从还款账户自动扣款；不清楚可以先跳过，在花呗的设置里查看。",
                               "When on, Alipay pays each bill on its due day from your repayment account. Not "
                               "sure? Skip it and look in Huabei's settings in the Alipay app."),
    "setup.intro.balance": ("还款从哪里扣（余额、余额宝或银行卡），那里现在有多少钱。记为今天核对，用来提醒余额不够还款。",
                            "What the account bills are paid from (balance, Yu'e Bao or a bank card) holds now. "
                            "Recorded as checked today; used to warn when it does not cover the next bill."),
    "setup.intro.import": ("支付宝 App：我的 → 账单 → 右上角“…” → 开具交易流水证明 → 用于个人对账。明细会发到邮箱"
                           "（CSV 或加密 zip，密码在 App 里显示）。导入后账单、还款和分期都会算出来。",
                           "In the Alipay app: Me → 账单 (Bills) → “…” → 开具交易流水证明 → 用于个人对账 (for "
                           "personal reconciliation). It arrives by e-mail (a CSV, or a zip whose password the app "
                           "shows). Importing it fills in bills, repayments and instalments."),
    "setup.placeholder.limit": ("例如 8000", "e.g. 8000"),
    "setup.placeholder.balance": ("例如 1200.50", "e.g. 1200.50"),
    "setup.placeholder.days": ("其他：出账日/还款日，例如 3/13", "Other: statement/due day, e.g. 3/13"),
    "setup.pair": ("每月 {statement} 日出账，{due} 日还款", "Statement on day {statement}, due on day {due}"),
    "setup.pair.next_month": ("每月 {statement} 日出账，次月 {due} 日还款",
                              "Statement on day {statement}, due on day {due} of the next month"),
    "setup.label.limit": ("花呗额度（元）", "Credit limit (¥)"),
    "setup.label.balance": ("余额（元）", "Balance (¥)"),
    "setup.label.days": ("其他日子", "Another pair"),
    "setup.pair.current": ("（当前）", " (current)"),
    "setup.auto.on": ("已开启", "On"),
    "setup.auto.off": ("未开启", "Off"),
    "setup.import.now": ("现在导入（设置结束后打开导入对话框）", "Import now (the import dialog opens after the setup)"),
    "setup.import.later": ("以后再说（随时按 {k:app.import|i} 导入）", "Later (press {k:app.import|i} at any time)"),
    "setup.hint": ("Enter 保存并继续（空着即跳过）· {k:setup.skip|Ctrl+N} 跳过这一步 · {k:setup.leave|Esc} 退出设置",
                   "Enter save and go on (empty: skip) · {k:setup.skip|Ctrl+N} skip this step · {k:setup.leave|Esc} leave the setup"),
    "setup.hint.choice": ("↑↓ 选择 · Enter 确定并继续 · {k:setup.skip|Ctrl+N} 跳过这一步 · {k:setup.leave|Esc} 退出设置",
                          "↑↓ choose · Enter confirm and go on · {k:setup.skip|Ctrl+N} skip this step · {k:setup.leave|Esc} leave the setup"),
    "setup.hint.days": ("↑↓ 选择 · {k:setup.next_field|Tab} 输入其他 · Enter 确定 · {k:setup.skip|Ctrl+N} 跳过 · {k:setup.leave|Esc} 退出设置",
                        "↑↓ choose · {k:setup.next_field|Tab} type another · Enter confirm · {k:setup.skip|Ctrl+N} skip · {k:setup.leave|Esc} leave"),
    "setup.later": ("以后都可以修改：{k:status.settings|s} 设置 · {k:status.balance|b} 记余额 · {k:app.import|i} 导入 · {k:app.palette|Ctrl+P} → 首次设置",
                    "All of it can be changed later: {k:status.settings|s} settings · {k:status.balance|b} balance · {k:app.import|i} import · {k:app.palette|Ctrl+P} → First setup"),
    "setup.error.day": ("{day}{reason}", "{day} {reason}"),
    "setup.day.statement_day": ("出账日", "Statement day"),
    "setup.day.due_day": ("还款日", "Due day"),
}
