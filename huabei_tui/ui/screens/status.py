"""Screen 1, Account status / 账户状态: "am I fine this month?" at a glance."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Sparkline, Static

from huabei_tui.domain.guide import AVOID_STEPS
from huabei_tui.i18n import labelled, pick, register, tr
from huabei_tui.io.text_report import bill_to_pay_title, due_phrase, fee_growth, on_off, warning_lines, yuan
from huabei_tui.textwidth import cell_width, pad
from huabei_tui.ui.keys import Key
from huabei_tui.ui.screens.base import HuabeiScreen

STRINGS: dict[str, tuple[str, str]] = {
    "key.settings": ("设置", "Settings"),
    "key.balance": ("记余额", "Balance"),
    "key.pay": ("还款", "Pay"),
    "status.account": ("额度与账户", "Limit and account"),
    "status.history": ("逾期与记录", "Overdue and record"),
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
    "cmd.settings": ("修改账户设置", "Edit account settings"),
    "cmd.balance": ("记录刚查看的还款账户余额", "Record the balance I just checked"),
    "cmd.pay": ("记录一笔还款", "Record a payment"),
}
register(STRINGS)


def urgency_class(days_to_due: int) -> str:
    if days_to_due < 0:
        return "urgent-overdue"
    if days_to_due <= 3:
        return "urgent-soon"
    if days_to_due <= 7:
        return "urgent-week"
    return "urgent-later"


#: Colour on top of the words: the text already says how urgent it is, so NO_COLOR loses nothing.
URGENCY_STYLE = {"urgent-overdue": "red", "urgent-soon": "yellow", "urgent-week": "yellow", "urgent-later": "green"}


def _pairs(pairs: list[tuple[str, str | Text]]) -> Text:
    width = max(cell_width(k) for k, _ in pairs) if pairs else 0
    text = Text()
    for i, (label, value) in enumerate(pairs):
        text.append(pad(label, width) + "  ", style="dim")
        text.append(value if isinstance(value, Text) else Text(value))
        if i < len(pairs) - 1:
            text.append("\n")
    return text


class StatusScreen(HuabeiScreen):
    NAME = "status"
    KEYS = (
        Key("s", "settings", "key.settings"),
        Key("b", "balance", "key.balance"),
        Key("p", "pay", "key.pay"),
    )
    PALETTE = (("cmd.settings", "settings", "s"), ("cmd.balance", "balance", "b"), ("cmd.pay", "pay", "p"))

    def compose_body(self) -> ComposeResult:
        with VerticalScroll(id="status-body"):
            yield Static(id="status-warnings")
            with Horizontal(id="status-panels"):
                yield Static(id="status-next", classes="panel")
                yield Static(id="status-account", classes="panel")
            yield Static(id="status-history")
            yield Static(id="status-trend-caption")
            yield Sparkline([], id="status-trend", summary_function=max)
            yield Static(id="status-advice")

    def refresh_view(self) -> None:
        summary, lang = self.huabei.snapshot.summary, self.lang
        warnings = warning_lines(summary, lang)
        warning_text = Text("\n".join(f"! {w}" for w in warnings), style="bold")
        self.query_one("#status-warnings", Static).update(warning_text)
        self.query_one("#status-warnings").display = bool(warnings)

        next_panel = self.query_one("#status-next", Static)
        next_panel.border_title = bill_to_pay_title(summary, lang)
        for cls in ("urgent-overdue", "urgent-soon", "urgent-week", "urgent-later"):
            next_panel.remove_class(cls)
        bill = summary.most_urgent_bill
        account = summary.account
        pairs: list[tuple[str, str | Text]] = []
        if bill is None and not summary.bills:
            next_panel.update(tr("status.no_bills_hint", lang))
        else:
            if bill is None:
                pairs.append((tr("label.bill", lang), tr("label.no_next_bill", lang)))
            else:
                urgency = urgency_class(bill.days_to_due)
                next_panel.add_class(urgency)
                pairs += [
                    (tr("label.bill", lang), str(bill.month)),
                    (tr("label.due_date", lang), bill.due_date.isoformat()),
                    (tr("label.days_to_due", lang),
                     Text(due_phrase(bill, lang), style=f"bold {URGENCY_STYLE[urgency]}")),
                    (tr("label.amount", lang), f"{yuan(bill.amount, lang)}"),
                    (tr("label.paid", lang), yuan(bill.paid, lang)),
                    (tr("label.outstanding", lang), Text(yuan(bill.outstanding, lang), style="bold")),
                ]
                if bill.days_to_due < 0:
                    pairs.append((tr("label.fee", lang), fee_growth(bill, lang)))
                upcoming = summary.next_bill
                if upcoming is not None and upcoming is not bill:  # the late bill first, then this one
                    pairs.append((tr("label.then", lang), f"{upcoming.month}  {yuan(upcoming.outstanding, lang)}"))
            # The balance stays in view with nothing to pay: it is what the next bill will be paid from.
            pairs.append((tr("status.balance", lang), yuan(account.balance, lang)))
            if account.balance_checked_on:
                pairs.append((tr("status.checked", lang), account.balance_checked_on.isoformat()))
            if summary.shortfall:
                pairs.append((tr("label.shortfall", lang), Text(yuan(summary.shortfall, lang), style="bold reverse")))
            next_panel.update(_pairs(pairs))

        account_panel = self.query_one("#status-account", Static)
        account_panel.border_title = tr("status.account", lang)
        available = yuan(summary.available, lang)
        account_panel.update(_pairs([
            (tr("label.limit", lang), yuan(account.limit, lang)),
            (tr("label.used", lang), yuan(summary.used, lang)),
            (tr("label.available", lang), Text(available, style="bold reverse" if summary.over_limit else "bold")),
            (tr("label.auto_repay", lang), on_off(account.auto_repay, lang)),
            (tr("label.credit_reporting", lang), tr(summary.reporting_text_key, lang)),
            (tr("status.days", lang), f"{account.statement_day} / {account.due_day}"),
        ]))

        history = self.query_one("#status-history", Static)
        first: list[str] = []
        second = ""
        if summary.overdue_episodes:
            first.append(tr("status.episodes", lang, n=len(summary.overdue_episodes), fees=yuan(summary.fees_total, lang)))
            last = summary.last_record_expiry
            if summary.unsettled_overdue:
                second = tr("status.unsettled", lang)
            elif last is not None and summary.records_all_gone:
                second = tr("status.all_gone", lang, date=last.isoformat())
            elif last is not None:
                second = tr("status.latest_expiry", lang, date=last.isoformat(),
                            days=summary.last_record_days_left)
        else:
            first.append(tr("status.never_overdue", lang))
        if summary.clean_streak is not None:
            first.append(tr("status.streak", lang, n=summary.clean_streak))
        history.update(" · ".join(first) + (f"\n{second}" if second else ""))

        recent = summary.bills[-24:]
        caption = self.query_one("#status-trend-caption", Static)
        trend = self.query_one("#status-trend", Sparkline)
        if recent:
            high = max(recent, key=lambda b: b.amount)
            low = min(recent, key=lambda b: b.amount)
            caption.update(tr("status.trend", lang, n=len(recent)) + "  " + tr(
                "status.trend_range", lang, low=yuan(low.amount, lang), high=yuan(high.amount, lang),
                month=str(high.month)))
            trend.data = [b.amount for b in recent]
        else:
            caption.update("")
            trend.data = []
        trend.display = len(recent) > 1  # one bar is a solid block, not a trend

        advice = self.query_one("#status-advice", Static)
        tips = []
        if account.auto_repay is not True:
            tips.append(pick(AVOID_STEPS[1].text, lang))
        if summary.shortfall or summary.balance_stale:
            tips.append(pick(AVOID_STEPS[0].text, lang))
        if summary.overdue_unpaid:
            tips.append(pick(AVOID_STEPS[3].text, lang))
        # One tip, the most pressing: the warnings above already list every problem.
        advice.update(labelled(tr("status.advice", lang), tips[-1], lang) if tips else "")
        advice.display = bool(tips)

    def action_settings(self) -> None:
        from huabei_tui.ui.dialogs.forms import settings_dialog

        self.app.push_screen(settings_dialog(self.huabei))

    def action_balance(self) -> None:
        from huabei_tui.ui.dialogs.forms import balance_dialog

        self.app.push_screen(balance_dialog(self.huabei))

    def action_pay(self) -> None:
        from huabei_tui.ui.dialogs.forms import pay_dialog

        bill = self.huabei.snapshot.summary.most_urgent_bill
        self.app.push_screen(pay_dialog(self.huabei, bill.month if bill else None,
                                        bill.outstanding if bill else None))


SCREEN = StatusScreen
