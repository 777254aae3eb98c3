"""The seed article's advice as data: the five-step authorization check, the answers, recovery and "revoke" steps.

Kept as (Chinese, English) pairs beside the rules rather than in the UI so the CLI, the exports and the TUI all
say the same thing. The article names the document 《个人使用者信息查询报送授权书》; news reports call it
《个人用户信息查询报送授权书》, so both names are shown.
"""

from __future__ import annotations

from dataclasses import dataclass

Text = tuple[str, str]  # (zh, en)


@dataclass(frozen=True)
class Step:
    id: str
    text: Text
    caveat: Text | None = None


AUTH_STEPS: tuple[Step, ...] = (
    Step("open_alipay", ("打开支付宝 App", "Open the Alipay app")),
    Step("open_huabei", ("进入“花呗”页面", "Go to the “花呗” (Huabei) page")),
    Step("tap_mine", ("点击右下角的“我的”", "Tap “我的” (Mine) at the bottom right")),
    Step(
        "open_contracts",
        ("找到并点击“相关合同及产品说明”", "Open “相关合同及产品说明” (contracts and product notes)"),
    ),
    Step(
        "find_authorization",
        (
            "查找《个人使用者信息查询报送授权书》（新闻中也称《个人用户信息查询报送授权书》）",
            "Look for the authorization 《个人使用者信息查询报送授权书》 (in the news also 《个人用户信息查询报送授权书》)",
        ),
    ),
)

#: The checklist answer and the credit-reporting status it sets everywhere.
ANSWERS: dict[str, str] = {"found": "reported", "not_found": "not_reported", "unsure": "unknown"}

ANSWER_TEXT: dict[str, Text] = {
    "found": ("找到了：你的花呗会报送征信", "Found it: your Huabei reports to the credit bureau"),
    "not_found": ("没找到：目前未接入征信", "Not found: not reporting to the credit bureau yet"),
    "unsure": (
        "不确定：请联系支付宝客服（95188）确认",
        "Unsure: ask Alipay customer service (95188) to confirm",
    ),
}

AVOID_STEPS: tuple[Step, ...] = (
    Step("check_balance", ("定期检查还款账户余额，确保还款日前资金充足",
                           "Check your repayment balance regularly so it covers the bill before the due date")),
    Step("auto_repay", ("开启自动还款，避免忘记还款", "Turn on auto-repay so a forgotten day costs nothing")),
    Step("plan_spending", ("量入为出，消费不超过还款能力", "Keep spending within what you can repay")),
    Step("contact_early", ("可能还不上时，尽早联系花呗客服申请延期或分期还款",
                           "If you may not make it, contact customer service early about deferral or instalments")),
)

RECOVERY_STEPS: tuple[Step, ...] = (
    Step("contact_service", ("联系花呗客服，说明情况并申请延期或分期还款",
                             "Call customer service, explain, and ask for a deferral or instalments")),
    Step("repay_all", ("尽快一次还清全部欠款，停止产生逾期费用",
                       "Repay everything at once, as soon as you can: the fee stops growing")),
    Step("know_five_years", ("了解五年规则：不良记录自还清之日起保留五年，到期自动删除",
                             "Know the 5-year rule: the record stays 5 years from the day you settle, then goes")),
    Step("keep_clean", ("此后按时还款、合理消费，保持良好记录",
                        "From now on pay on time and spend within your means: keep the record clean")),
)

REVOKE_STEPS: tuple[Step, ...] = (
    Step(
        "revoke_authorization",
        ("撤销授权：支付宝 → 花呗 → 我的 → 相关合同及产品说明 → 授权书 → 撤销",
         "Revoke the authorization: Alipay → 花呗 → 我的 → contracts → the authorization → revoke"),
        ("撤销只能阻止新的报送，已产生的记录仍会保留", "Revoking only stops new reports; existing records stay"),
    ),
    Step(
        "close_huabei",
        ("注销花呗账户", "Close the Huabei account"),
        ("注销后原有记录仍保留，解绑其他账户需要一段时间",
         "Records already reported stay; unbinding linked accounts takes time"),
    ),
    Step(
        "wait_expiry",
        ("耐心等待记录到期自动删除", "Wait for records to expire on their own"),
        ("自逾期结束之日起五年；期间保持良好记录", "Five years from the day the overdue ended; keep a clean record meanwhile"),
    ),
)

CONTACT_TOPICS: dict[str, Text] = {
    "deferral": ("申请延期还款", "asked for deferral"),
    "instalments": ("申请分期还款", "asked for instalments"),
    "other": ("其他咨询", "other question"),
}


def credit_reporting_for(answer: str | None) -> str:
    """The status the checklist answer implies: reported / not_reported / unknown."""
    return ANSWERS.get(answer or "", "unknown")
