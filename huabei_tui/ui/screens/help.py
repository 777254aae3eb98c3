"""Help (``?``/F1): every key of the screen it was opened from, then each rule in plain words."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import Static

from huabei_tui.i18n import register, tr
from huabei_tui.textwidth import pad
from huabei_tui.ui.keys import key_display

HELP: dict[str, tuple[str, str]] = {
    "help.title": ("帮助 · 按 Esc 或 ? 关闭", "Help · Esc or ? closes"),
    "help.keys_screen": ("本页按键", "Keys on this screen"),
    "help.keys_global": ("全局按键（输入框外）", "Everywhere (outside text fields)"),
    "help.rules": ("规则说明", "How the numbers are worked out"),
    "help.rule.bill": (
        "账单：以出账的月份命名（如 2025-04 即“花呗2025年04月账单”），包含上月出账日至本月出账日前一天的消费。"
        "还款日大于出账日时在当月到期，否则在次月到期。",
        "Bills are named by the month they are issued (2025-04 is Alipay's “花呗2025年04月账单”) and cover"
        " purchases from last month's statement day to the day before this month's. The due date is in the same"
        " month when the due day is after the statement day, otherwise in the next month.",
    ),
    "help.rule.days": (
        "距到期天数 = 到期日 − 今天。0 表示今天到期（当天结束前还款仍算按时），负数表示已逾期。"
        "逾期天数 = 还清日（或今天）− 到期日。所有日期按北京时间计算。",
        "Days to due = due date − today. 0 means due today (still on time until the day ends); negative means"
        " overdue. Overdue days = settled date (or today) − due date. All dates are Beijing/Shanghai time.",
    ),
    "help.rule.fee": (
        "逾期费：到期日后的每一天，按当天开始时仍未还的金额 × 日费率（默认 0.05%，可在设置中修改）计算，"
        "不计复利；全部相加后四舍五入到分，只舍入一次。",
        "Overdue fee: for each day after the due date, the amount still outstanding at the start of that day ×"
        " the daily rate (0.05% by default; a setting). Not compounded; summed exactly, rounded once to the fen.",
    ),
    "help.rule.expiry": (
        "五年规则：依《征信业管理条例》第十六条，不良信息自不良行为终止之日起保留五年。本应用按“还清日 + 5 年”"
        "计算到期日（2 月 29 日顺延为 2 月 28 日）；尚未还清的逾期还没有到期日。",
        "The 5-year rule: under art. 16 of the Credit Reporting Regulation, negative records are kept 5 years from"
        " the day the bad behaviour ends. The app uses settled date + 5 years (Feb 29 → Feb 28); an unsettled"
        " overdue has no expiry date yet.",
    ),
    "help.rule.grid": (
        "还款记录表：每月一格，最近 24 个月（可切换 60 个月）。N = 正常；1–7 = 当月最严重的逾期天数"
        "（1–30 天为 1，31–60 天为 2……181 天以上为 7）；* = 当月无需还款；/ = 尚未开通。"
        "这是根据你的记录做的估算，以人民银行征信报告为准。",
        "Repayment grid: one box a month for the last 24 months (60 on a key). N = normal; 1–7 = the worst"
        " overdue that month (1–30 days → 1, 31–60 → 2, … 181+ → 7); * = nothing due; / = not opened yet."
        " It is an estimate from your records: the PBOC credit report is authoritative.",
    ),
    "help.rule.limit": (
        "已用额度 = 已出账未还 + 未出账消费 + 未出账的分期本金；可用 = 额度 − 已用。逾期费单独显示，不计入账单。",
        "Used = outstanding on bills + purchases not yet billed + instalment principal not yet billed;"
        " available = limit − used. Fees are shown separately, never added to a bill.",
    ),
    "help.rule.balance": (
        "余额缺口：还款账户余额不足以支付下一期待还金额时提示；余额超过 7 天未核对也会提醒。",
        "Shortfall: shown when your repayment balance does not cover the next bill; a balance checked more than"
        " 7 days ago is flagged too.",
    ),
}
register(HELP)

RULES = ("bill", "days", "fee", "expiry", "grid", "limit", "balance")


def _key_lines(keys, lang: str) -> Text:
    text = Text()
    for key in keys:
        shown = key_display(key.keys)
        text.append(pad(shown, 12), style="bold")
        text.append(tr(key.help_label or key.label, lang) + "\n")
    return text


class HelpScreen(ModalScreen[None]):
    BINDINGS = [
        Binding("escape,question_mark,f1,q", "dismiss", "Close", show=False),
        Binding("down,j", "scroll_down", show=False),
        Binding("up,k", "scroll_up", show=False),
    ]

    def __init__(self, origin: Screen) -> None:
        super().__init__(classes="help-screen")
        self.origin = origin

    def compose(self) -> ComposeResult:
        from huabei_tui.ui.app import APP_KEYS

        lang = self.app.lang  # type: ignore[attr-defined]
        with Vertical(id="help"):
            yield Static(tr("help.title", lang), id="help-title")
            with VerticalScroll(id="help-body"):
                keys = getattr(self.origin, "KEYS", ())
                help_extra = getattr(self.origin, "HELP_KEYS", ())
                if keys or help_extra:
                    yield Static(Text(tr("help.keys_screen", lang), style="bold underline"))
                    yield Static(_key_lines((*keys, *help_extra), lang), id="help-keys")
                yield Static(Text(tr("help.keys_global", lang), style="bold underline"))
                yield Static(_key_lines(APP_KEYS, lang))
                yield Static(Text(tr("help.rules", lang), style="bold underline"))
                for rule in RULES:
                    yield Static("• " + tr(f"help.rule.{rule}", lang), classes="help-rule")

    def action_dismiss(self) -> None:  # type: ignore[override]
        self.dismiss(None)

    def action_scroll_down(self) -> None:
        self.query_one("#help-body", VerticalScroll).scroll_down()

    def action_scroll_up(self) -> None:
        self.query_one("#help-body", VerticalScroll).scroll_up()
