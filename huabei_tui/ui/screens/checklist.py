"""Screen 3, Authorization checklist / 授权核查: "is my Huabei on my credit report?"

The article's five steps (§2), each ticked with the date; the answer, which sets the credit-reporting status the
whole app shows; and the "revoke" steps of §5, each with its caveat. One list holds all three so the arrows (or
j/k) walk straight through; Space/Enter ticks a step or picks an answer, and f / n / u pick an answer from
anywhere on the screen. The resulting status stays pinned above the list.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual.app import ComposeResult
from textual.widgets import Static

from huabei_tui.domain.errors import InputError
from huabei_tui.domain.guide import ANSWER_TEXT, ANSWERS, AUTH_STEPS, REVOKE_STEPS, Step
from huabei_tui.domain.ledger import Checklist
from huabei_tui.i18n import describe_error, pick, register, tr
from huabei_tui.storage.errors import StoreError
from huabei_tui.ui.keys import Key
from huabei_tui.ui.screens.base import HuabeiScreen
from huabei_tui.ui.widgets.checklist_view import ChecklistView, Row

if TYPE_CHECKING:
    from huabei_tui.ui.app import HuabeiApp

STRINGS: dict[str, tuple[str, str]] = {
    "chk.key.toggle": ("勾选", "Tick"),
    "chk.key.answer": ("结论", "Answer"),
    "chk.key.found": ("找到了", "Found"),
    "chk.key.not_found": ("没找到", "Not found"),
    "chk.key.unsure": ("不确定", "Unsure"),
    "chk.key.move": ("上下移动", "Move up/down"),
    "chk.section.auth": ("一、在支付宝里找授权书（文章第二节）", "1. Find the authorization in Alipay (article §2)"),
    "chk.section.answer": ("二、结论（f / n / u 选择，全应用生效）", "2. Your answer (f / n / u; used everywhere)"),
    "chk.section.revoke": ("三、想“撤销”？（文章第五节，每种都有限制）",
                           "3. Want to “revoke”? (article §5; each has limits)"),
    "chk.status": ("征信报送：", "Credit reporting: "),
    "chk.caveat": ("注意：{text}", "Note: {text}"),
    "chk.answered_on": ("（{date} 记录）", " (recorded {date})"),
    "chk.progress": ("{done}/{total}", "{done}/{total}"),
    "chk.next.steps": ("下一步：按顺序在支付宝里操作，每做完一步按空格勾选",
                       "Next: follow the steps in Alipay, pressing Space as you finish each"),
    "chk.next.answer": ("下一步：按 f（找到了）、n（没找到）或 u（不确定）记录结论",
                        "Next: press f (found), n (not found) or u (unsure) to record the answer"),
    "chk.meaning.reported": ("逾期会记入征信报告：按时还款最要紧", "An overdue will show on your credit report: pay on time"),
    "chk.meaning.not_reported": ("目前不报送；之后可能接入，建议定期再查", "Not reporting now; it may start later, check again"),
    "chk.meaning.unknown": ("拨打支付宝客服 95188 确认后再来记录", "Call Alipay customer service (95188), then record it"),
    "chk.msg.ticked": ("已勾选并记下日期", "Ticked, with today's date"),
    "chk.last_done": ("上次 {date}", "last {date}"),
    "chk.msg.unticked": ("已取消勾选", "Unticked"),
    "chk.msg.answered": ("结论已记录，征信报送状态已更新", "Answer recorded; credit-reporting status updated"),
    "chk.msg.same_answer": ("结论未变", "That is already the answer"),
    "chk.cmd.toggle": ("勾选/取消当前步骤", "Tick or untick the highlighted step"),
    "chk.cmd.found": ("结论：找到了授权书（已接入征信）", "Answer: found the authorization (reported)"),
    "chk.cmd.not_found": ("结论：没找到授权书（未接入征信）", "Answer: no authorization found (not reported)"),
    "chk.cmd.unsure": ("结论：不确定（联系客服确认）", "Answer: unsure (ask customer service)"),
}
register(STRINGS)

ANSWER_KEYS = {"found": "f", "not_found": "n", "unsure": "u"}


def save_change(app: HuabeiApp, change: Callable[[], Any], message: str) -> bool:
    """Run a session use case through the app; a refusal or a storage problem is shown, never raised."""
    try:
        app.apply_change(change, message)
    except (InputError, StoreError) as error:
        app.notify(describe_error(error, app.lang), severity="error", timeout=8)
        return False
    return True


def toggle_step(app: HuabeiApp, checklist: str, current: Checklist, step_id: str, prefix: str,
                since: date | None = None) -> bool:
    """Tick ``step_id`` with today's date, or untick it when it was ticked (on or after ``since``: a tick from
    before it belongs to an earlier episode, so choosing the step ticks it again for this one)."""
    ticked = current.is_done(step_id, since)
    message = f"{prefix}.msg.unticked" if ticked else f"{prefix}.msg.ticked"
    return save_change(app, lambda: app.session.set_step(checklist, step_id, done=not ticked), message)


def step_rows(name: str, steps: tuple[Step, ...], checklist: Checklist, lang: str,
              with_caveats: bool = False, since: date | None = None) -> list[Row]:
    """One row per step: ``[x]``/``[ ]``, the numbered text, its caveat below, the date it was ticked.

    A tick from before ``since`` (the recovery steps of an earlier overdue, while a new one is unpaid) shows as
    not done, with the date it was last done.
    """
    rows = []
    for number, step in enumerate(steps, start=1):
        day = checklist.ticks.get(step.id)
        note = None
        if with_caveats and step.caveat:
            note = tr("chk.caveat", lang, text=pick(step.caveat, lang))
        if checklist.is_done(step.id, since):
            mark, aside = "[x]", day.isoformat() if day else ""
        else:
            mark, aside = "[ ]", tr("chk.last_done", lang, date=day.isoformat()) if day else ""
        rows.append(Row(f"{name}:{step.id}", pick(step.text, lang), mark, f"{number}.", note, aside))
    return rows


class ChecklistScreen(HuabeiScreen):
    NAME = "checklist"
    AUTO_FOCUS = "#chk-list"
    KEYS = (
        Key("space", "toggle", "chk.key.toggle", show=False, key_display="Space"),
        Key("f", "answer('found')", "chk.key.answer", key_display="f/n/u", help_label="chk.key.found"),
        Key("n", "answer('not_found')", "chk.key.not_found", show=False),
        Key("u", "answer('unsure')", "chk.key.unsure", show=False),
    )
    HELP_KEYS = (Key("up,down,k,j", "", "chk.key.move"),
                 Key("enter", "", "chk.key.toggle"))
    PALETTE = (
        ("chk.cmd.toggle", "toggle", "Space"),
        ("chk.cmd.found", "answer('found')", "f"),
        ("chk.cmd.not_found", "answer('not_found')", "n"),
        ("chk.cmd.unsure", "answer('unsure')", "u"),
    )

    def compose_body(self) -> ComposeResult:
        yield Static(id="chk-status")
        yield ChecklistView(id="chk-list")

    def refresh_view(self) -> None:
        app, lang = self.huabei, self.lang
        snapshot = app.snapshot
        auth = snapshot.ledger.auth_check
        status = snapshot.summary.credit_reporting

        banner = self.query_one("#chk-status", Static)
        for value in set(ANSWERS.values()):
            banner.remove_class(f"reporting-{value}")
        banner.add_class(f"reporting-{status}")
        text = Text(tr("chk.status", lang), style="bold")
        text.append(f" {tr(snapshot.summary.reporting_text_key, lang)} ", style="bold reverse")
        if auth.answer and auth.answered_on:
            text.append(tr("chk.answered_on", lang, date=auth.answered_on.isoformat()))
        done = sum(1 for step in AUTH_STEPS if step.id in auth.ticks)
        text.append("\n")
        if not auth.answer:
            text.append(tr("chk.next.answer" if done == len(AUTH_STEPS) else "chk.next.steps", lang))
        else:
            text.append(tr(f"chk.meaning.{status}", lang))
        banner.update(text)

        heading = Text(tr("chk.section.auth", lang), style="bold underline")
        heading.append("  " + tr("chk.progress", lang, done=done, total=len(AUTH_STEPS)), style="bold")
        rows: list[Row] = [Row(None, heading)]
        rows += step_rows("auth", AUTH_STEPS, auth, lang)
        rows.append(Row(None, tr("chk.section.answer", lang)))
        for answer, key in ANSWER_KEYS.items():
            chosen = auth.answer == answer
            rows.append(Row(f"answer:{answer}", pick(ANSWER_TEXT[answer], lang), "(*)" if chosen else "( )",
                            aside=key))
        rows.append(Row(None, tr("chk.section.revoke", lang)))
        rows += step_rows("revoke", REVOKE_STEPS, snapshot.ledger.revoke, lang, with_caveats=True)
        view = self.query_one(ChecklistView)
        view.label_toggle(tr("chk.key.toggle", lang))
        view.show(rows)

    # -- keys ------------------------------------------------------------------------------------------------
    def on_checklist_view_chosen(self, event: ChecklistView.Chosen) -> None:
        self.choose(event.key)

    def choose(self, key: str) -> None:
        kind, _, value = key.partition(":")
        app = self.huabei
        if kind == "answer":
            self.action_answer(value)
        elif kind == "auth":
            toggle_step(app, "auth", app.snapshot.ledger.auth_check, value, "chk")
        elif kind == "revoke":
            toggle_step(app, "revoke", app.snapshot.ledger.revoke, value, "chk")

    def action_toggle(self) -> None:
        key = self.query_one(ChecklistView).highlighted_key
        if key:
            self.choose(key)

    def action_answer(self, answer: str) -> None:
        app = self.huabei
        view = self.query_one(ChecklistView)
        if app.snapshot.ledger.auth_check.answer == answer:
            view.move_to(f"answer:{answer}")
            app.notify(tr("chk.msg.same_answer", app.lang))
            return
        if save_change(app, lambda: app.session.answer(answer), "chk.msg.answered"):
            view.move_to(f"answer:{answer}")


SCREEN = ChecklistScreen
