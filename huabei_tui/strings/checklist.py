"""Screen 3, Authorization checklist (``chk.*``; the steps themselves are ``guide.*``)."""

from __future__ import annotations

STRINGS: dict[str, tuple[str, str]] = {
    # --- used by ui/screens/checklist.py ---
    "chk.key.toggle": ("勾选", "Tick"),
    "chk.key.answer": ("结论", "Answer"),
    "chk.key.found": ("找到了", "Found"),
    "chk.key.not_found": ("没找到", "Not found"),
    "chk.key.unsure": ("不确定", "Unsure"),
    "chk.key.move": ("上下移动", "Move up/down"),
    "chk.msg.ticked": ("已勾选并记下日期", "Ticked, with today's date"),
    "chk.msg.unticked": ("已取消勾选", "Unticked"),
    "chk.msg.answered": ("结论已记录，征信报送状态已更新", "Answer recorded; credit-reporting status updated"),
    "chk.msg.same_answer": ("结论未变", "That is already the answer"),
    "chk.cmd.toggle": ("勾选/取消当前步骤", "Tick or untick the highlighted step"),
    "chk.cmd.found": ("结论：找到了授权书（已接入征信）", "Answer: found the authorization (reported)"),
    "chk.cmd.not_found": ("结论：没找到授权书（未接入征信）", "Answer: no authorization found (not reported)"),
    "chk.cmd.unsure": ("结论：不确定（联系客服确认）", "Answer: unsure (ask customer service)"),
    # --- used by views/checklist.py ---
    "chk.section.auth": ("一、在支付宝里找授权书（文章第二节）", "1. Find the authorization in Alipay (article §2)"),
    "chk.section.answer": ("二、结论", "2. Your answer"),
    "chk.hint.answer": ("（{k:checklist.found|f} / {k:checklist.not_found|n} / {k:checklist.unsure|u} 选择，全应用生效）", " ({k:checklist.found|f} / {k:checklist.not_found|n} / {k:checklist.unsure|u}; used everywhere)"),
    "chk.section.revoke": ("三、想“撤销”？（文章第五节，每种都有限制）",
                           "3. Want to “revoke”? (article §5; each has limits)"),
    "chk.status": ("征信报送：", "Credit reporting: "),
    # After "unchecked" on screen 3 itself, in place of "(see 3)": what to do here (a hint, left out of the export;
    # it follows the padded badge, hence no leading space).
    "chk.status_here": ("（按下面的步骤核查，再按 {k:checklist.found|f} / {k:checklist.not_found|n} / {k:checklist.unsure|u} 记录）",
                        "(steps below, then {k:checklist.found|f} / {k:checklist.not_found|n} / {k:checklist.unsure|u})"),
    "chk.caveat": ("注意：{text}", "Note: {text}"),
    "chk.answered_on": ("（{date} 记录）", " (recorded {date})"),
    "chk.progress": ("{done}/{total}", "{done}/{total}"),
    "chk.next.steps": ("下一步：按顺序在支付宝里操作，每做完一步按 {k:list.toggle|Space} 勾选",
                       "Next: follow the steps in Alipay, pressing {k:list.toggle|Space} as you finish each"),
    "chk.next.answer": ("下一步：按 {k:checklist.found|f}（找到了）、{k:checklist.not_found|n}（没找到）或 {k:checklist.unsure|u}（不确定）记录结论",
                        "Next: press {k:checklist.found|f} (found), {k:checklist.not_found|n} (not found) or {k:checklist.unsure|u} (unsure) to record the answer"),
    "chk.meaning.reported": ("逾期会记入征信报告：按时还款最要紧", "An overdue will show on your credit report: pay on time"),
    "chk.meaning.not_reported": ("目前不报送；之后可能接入，建议定期再查", "Not reporting now; it may start later, check again"),
    "chk.meaning.unknown": ("拨打支付宝客服 95188 确认后再来记录", "Call Alipay customer service (95188), then record it"),
    "chk.last_done": ("上次 {date}", "last {date}"),
}
