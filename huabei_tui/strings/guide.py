"""The seed article's advice (``guide.*``): the five-step authorization check, the answers, the ways to avoid an
overdue, the recovery and "revoke" steps with their caveats, and the contact-log topics.

``huabei_tui.domain.guide`` holds the steps as data (ids and these keys) so the CLI, the exports and the TUI all
say the same thing. The article names the document 《个人使用者信息查询报送授权书》; news reports call it
《个人用户信息查询报送授权书》, so both names are shown.
"""

from __future__ import annotations

STRINGS: dict[str, tuple[str, str]] = {
    # --- the authorization check (article §2) ---
    "guide.auth.open_alipay": ("打开支付宝 App", "Open the Alipay app"),
    "guide.auth.open_huabei": ("进入“花呗”页面", "Go to the “花呗” (Huabei) page"),
    "guide.auth.tap_mine": ("点击右下角的“我的”", "Tap “我的” (Mine) at the bottom right"),
    "guide.auth.open_contracts": ("找到并点击“相关合同及产品说明”",
                                  "Open “相关合同及产品说明” (contracts and product notes)"),
    "guide.auth.find_authorization": (
        "查找《个人使用者信息查询报送授权书》（新闻中也称《个人用户信息查询报送授权书》）",
        "Look for the authorization 《个人使用者信息查询报送授权书》 (in the news also 《个人用户信息查询报送授权书》)",
    ),
    # --- the answer, and the credit-reporting status it sets ---
    "guide.answer.found": ("找到了：你的花呗会报送征信", "Found it: your Huabei reports to the credit bureau"),
    "guide.answer.not_found": ("没找到：目前未接入征信", "Not found: not reporting to the credit bureau yet"),
    "guide.answer.unsure": ("不确定：请联系支付宝客服（95188）确认",
                            "Unsure: ask Alipay customer service (95188) to confirm"),
    # --- how to avoid an overdue (article §3) ---
    "guide.avoid.check_balance": ("定期检查还款账户余额，确保还款日前资金充足",
                                  "Check your repayment balance regularly so it covers the bill before the due date"),
    "guide.avoid.auto_repay": ("开启自动还款，避免忘记还款", "Turn on auto-repay so a forgotten day costs nothing"),
    "guide.avoid.plan_spending": ("量入为出，消费不超过还款能力", "Keep spending within what you can repay"),
    "guide.avoid.contact_early": ("可能还不上时，尽早联系花呗客服申请延期或分期还款",
                                  "If you may not make it, contact customer service early about deferral or"
                                  " instalments"),
    # --- after an overdue (article §4) ---
    "guide.recovery.contact_service": ("联系花呗客服，说明情况并申请延期或分期还款",
                                       "Call customer service, explain, and ask for a deferral or instalments"),
    "guide.recovery.repay_all": ("尽快一次还清全部欠款，停止产生逾期费用",
                                 "Repay everything at once, as soon as you can: the fee stops growing"),
    "guide.recovery.know_five_years": ("了解五年规则：不良记录自还清之日起保留五年，到期自动删除",
                                       "Know the 5-year rule: the record stays 5 years from the day you settle,"
                                       " then goes"),
    "guide.recovery.keep_clean": ("此后按时还款、合理消费，保持良好记录",
                                  "From now on pay on time and spend within your means: keep the record clean"),
    # --- "revoke" (article §5), each with its caveat ---
    "guide.revoke.revoke_authorization": ("撤销授权：支付宝 → 花呗 → 我的 → 相关合同及产品说明 → 授权书 → 撤销",
                                          "Revoke the authorization: Alipay → 花呗 → 我的 → contracts → the"
                                          " authorization → revoke"),
    "guide.revoke.revoke_authorization.caveat": ("撤销只能阻止新的报送，已产生的记录仍会保留",
                                                 "Revoking only stops new reports; existing records stay"),
    "guide.revoke.close_huabei": ("注销花呗账户", "Close the Huabei account"),
    "guide.revoke.close_huabei.caveat": ("注销后原有记录仍保留，解绑其他账户需要一段时间",
                                         "Records already reported stay; unbinding linked accounts takes time"),
    "guide.revoke.wait_expiry": ("耐心等待记录到期自动删除", "Wait for records to expire on their own"),
    "guide.revoke.wait_expiry.caveat": ("自逾期结束之日起五年；期间保持良好记录",
                                        "Five years from the day the overdue ended; keep a clean record meanwhile"),
    # --- what a customer-service contact was about (article §3.4) ---
    "guide.topic.deferral": ("申请延期还款", "asked for deferral"),
    "guide.topic.instalments": ("申请分期还款", "asked for instalments"),
    "guide.topic.other": ("其他咨询", "other question"),
}
