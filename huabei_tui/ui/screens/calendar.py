"""Screen 2, Repayment calendar / 还款日历: the month around a bill, a day at a time.

A month grid (``MonthGrid``) with the selected day's details beside it and the month's bills and instalment
periods below. All date rules come from ``huabei_tui.domain.calendar``; this module only keeps the selected day
and turns what the rules computed into words.
"""

from __future__ import annotations

from datetime import date

from rich.style import Style
from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Static

from huabei_tui.domain import calendar as cal
from huabei_tui.domain.bills import BillState
from huabei_tui.domain.dates import Month
from huabei_tui.i18n import register, tr
from huabei_tui.io.text_report import due_phrase, yuan
from huabei_tui.textwidth import table, truncate
from huabei_tui.ui.keys import Key
from huabei_tui.ui.screens.base import HuabeiScreen
from huabei_tui.ui.widgets.month_grid import (
    INSTALLMENT_MARK,
    STATEMENT_MARK,
    MonthGrid,
    month_title,
    status_mark,
    weekday_long,
)

STRINGS: dict[str, tuple[str, str]] = {
    "cal.key.prev_day": ("前一天", "Previous day"),
    "cal.key.next_day": ("后一天", "Next day"),
    "cal.key.prev_week": ("上一周", "Previous week"),
    "cal.key.next_week": ("下一周", "Next week"),
    "cal.key.prev_month": ("上个月", "Previous month"),
    "cal.key.next_month": ("下个月", "Next month"),
    "cal.key.today": ("今天", "Today"),
    "cal.key.add_bill": ("录入账单", "Add bill"),
    "cal.key.pay": ("还款", "Pay"),
    "cal.cmd.add_bill": ("录入账单（月份取自所选日期）", "Add a bill (month taken from the selected day)"),
    "cal.cmd.pay": ("记录还款（预填所选日期附近的待还账单）", "Record a payment (the bill owing nearest the selected day)"),
    "cal.cmd.today": ("日历：回到今天", "Calendar: back to today"),
    "cal.cmd.prev_month": ("日历：上个月", "Calendar: previous month"),
    "cal.cmd.next_month": ("日历：下个月", "Calendar: next month"),
    "cal.day.today": ("今天", "today"),
    "cal.day.ahead": ("{days} 天后", "in {days} days"),
    "cal.day.ago": ("{days} 天前", "{days} days ago"),
    "cal.day.statement": ("{mark} 出账：{month} 账单 {amount}", "{mark} Statement: bill {month}, {amount}"),
    "cal.day.statement_day": ("{mark} 出账日（这期账单未录入）", "{mark} Statement day (no bill recorded)"),
    "cal.day.due": ("{mark} 到期：{month} 账单 {amount}", "{mark} Due: bill {month}, {amount}"),
    "cal.day.due_detail": ("  已还 {paid} · 待还 {outstanding}", "  paid {paid} · outstanding {outstanding}"),
    "cal.day.fee": ("  逾期费 {fee}", "  overdue fee {fee}"),
    "cal.day.fee_growing": ("  逾期费 {fee}，每多一天 +{per_day}", "  overdue fee {fee}, +{per_day} per extra day"),
    "cal.day.next_bill": ("接下来要还：{month} 账单", "Next to pay: bill {month}"),
    "cal.day.next_bill_detail": ("  {outstanding} · {phrase}", "  {outstanding} · {phrase}"),
    "cal.day.payment": ("已还款 {amount}（{month} 账单）", "Paid {amount} (bill {month})"),
    "cal.day.due_day": ("D 还款日（这期账单未录入）", "D Due day (no bill recorded)"),
    "cal.day.installment": ("{mark} 分期：{name} 第 {n}/{total} 期 {amount}",
                            "{mark} Instalment: {name} {n}/{total}, {amount}"),
    "cal.day.purchases": ("当天消费计入 {month} 账单", "Purchases go on bill {month}"),
    "cal.day.nothing": ("这天没有出账或到期", "Nothing issued or due"),
    "cal.month_panel": ("{month} · 账单与分期", "{month} · bills and instalments"),
    "cal.no_bills": ("这个月没有出账或到期的账单（按 a 录入）", "No bill issued or due this month (a adds one)"),
    "cal.col.installment": ("分期", "Instalment"),
    "cal.col.period": ("期数", "Period"),
    "cal.col.on_bill": ("计入账单", "On bill"),
    "cal.status_detail": ("{status}（{detail}）", "{status} ({detail})"),
    "cal.paid_late_days": ("逾期 {days} 天后还清", "paid {days} days late"),
}
register(STRINGS)

#: Cells kept for a product name in the month's instalment table (the other columns need about 40 of 76).
INSTALLMENT_NAME_WIDTH = 30


def status_phrase(bill: BillState, lang: str, *, mark: bool = True) -> str:
    """The state of a bill in words, led by its grid mark so it reads without colour."""
    word = tr(f"status.{bill.status}", lang)
    if bill.status == "unpaid":
        word = tr("cal.status_detail", lang, status=word, detail=due_phrase(bill, lang))
    elif bill.status == "overdue":
        word = tr("label.overdue_by", lang, days=bill.overdue_days)
    elif bill.status == "paid_late":
        word = tr("cal.paid_late_days", lang, days=bill.overdue_days)
    return f"{status_mark(bill.status)} {word}" if mark else word


class CalendarScreen(HuabeiScreen):
    NAME = "calendar"
    KEYS = (
        # The footer keeps to the actions; the month keys are shown around the month's name in the grid.
        Key("a", "add_bill", "cal.key.add_bill"),
        Key("p", "pay", "cal.key.pay"),
        Key("t", "today", "cal.key.today"),
        Key("left_square_bracket,pageup", "month(-1)", "cal.key.prev_month", show=False),
        Key("right_square_bracket,pagedown", "month(1)", "cal.key.next_month", show=False),
        Key("left,h", "day(-1)", "cal.key.prev_day", show=False),
        Key("right,l", "day(1)", "cal.key.next_day", show=False),
        Key("up,k", "day(-7)", "cal.key.prev_week", show=False),
        Key("down,j", "day(7)", "cal.key.next_week", show=False),
    )
    PALETTE = (
        ("cal.cmd.add_bill", "add_bill", "a"),
        ("cal.cmd.pay", "pay", "p"),
        ("cal.cmd.today", "today", "t"),
        ("cal.cmd.prev_month", "month(-1)", "["),
        ("cal.cmd.next_month", "month(1)", "]"),
    )

    def __init__(self) -> None:
        super().__init__()
        #: The selected day; today until the user moves (set when the screen first renders).
        self.selected: date | None = None
        #: The day of the month last chosen by a day move, so month moves do not drift (Jan 31 → Feb 28 → Mar 31).
        self._anchor_day: int | None = None
        self.view: cal.MonthView | None = None
        #: The snapshot ``view`` was made from (compared by identity).
        self._view_of: object = None
        #: The day that was "today" when the screen last showed: a selection still on it follows the date.
        self._shown_today: date | None = None

    def compose_body(self) -> ComposeResult:
        with Horizontal(id="cal-top"):
            yield MonthGrid(id="cal-grid")
            yield Static(id="cal-day")
        with VerticalScroll(id="cal-lists") as lists:
            lists.can_focus = False
            yield Static(id="cal-bills")

    # -- size --------------------------------------------------------------------------------------------------
    def on_resize(self, event: events.Resize) -> None:
        self._fit(event.size.width, event.size.height)

    def _fit(self, width: int, height: int) -> None:
        """Wider terminals get wider day cells; tall and wide ones a line with the amount under each day."""
        grid = self.query_one(MonthGrid)
        grid.day_width = 6 if width < 100 else 8 if width < 118 else 11
        grid.show_amounts = height >= 34
        self.query_one("#cal-day").styles.min_height = grid.content_height

    # -- content -----------------------------------------------------------------------------------------------
    def refresh_view(self) -> None:
        self.query_one(MonthGrid).lang = self.lang  # the legend's wrapping depends on it
        self._fit(self.size.width or self.app.size.width, self.size.height or self.app.size.height)
        self._show_selection()

    def _show_selection(self) -> None:
        lang, snapshot = self.lang, self.huabei.snapshot
        past_midnight = self._shown_today is not None and self._shown_today != snapshot.today
        if self.selected is None or (past_midnight and self.selected == self._shown_today):
            self.selected = snapshot.today  # first showing, or a new day with the old today still selected
        self._shown_today = snapshot.today
        month = Month.of(self.selected)
        if self.view is None or self.view.month != month or self._view_of is not snapshot:
            self.view = cal.month_view(snapshot.summary, snapshot.ledger, month)
            self._view_of = snapshot
            self._show_month_lists(self.view, lang)
        self.query_one(MonthGrid).show(self.view, self.selected, lang)
        self._show_day(self.view.cell(self.selected), lang)

    def _show_day(self, cell: cal.DayCell | None, lang: str) -> None:
        panel = self.query_one("#cal-day", Static)
        if cell is None:
            panel.update("")
            return
        if cell.is_today:
            when = tr("cal.day.today", lang)
        elif cell.days_from_today > 0:
            when = tr("cal.day.ahead", lang, days=cell.days_from_today)
        else:
            when = tr("cal.day.ago", lang, days=-cell.days_from_today)
        grid = self.query_one(MonthGrid)
        panel.border_title = f"{cell.date.isoformat()} {weekday_long(cell.weekday, lang)} · {when}"
        text = Text()

        def line(words: str, style: str | Style = "") -> None:
            if text:
                text.append("\n")
            text.append(words, style=style)

        for bill in cell.statements:
            line(tr("cal.day.statement", lang, mark=STATEMENT_MARK, month=str(bill.month),
                    amount=yuan(bill.amount, lang)))
        if cell.is_statement_day and not cell.statements:
            line(tr("cal.day.statement_day", lang, mark=STATEMENT_MARK))
        for bill in cell.dues:
            line(tr("cal.day.due", lang, mark=status_mark(bill.status), month=str(bill.month),
                    amount=yuan(bill.amount, lang)), "bold")
            line(tr("cal.day.due_detail", lang, paid=yuan(bill.paid, lang), outstanding=yuan(bill.outstanding, lang)))
            line("  " + status_phrase(bill, lang, mark=False), grid.status_style(bill.status))
            if bill.fee and bill.outstanding:
                line(tr("cal.day.fee_growing", lang, fee=yuan(bill.fee, lang), per_day=yuan(bill.fee_per_day, lang)))
            elif bill.fee:
                line(tr("cal.day.fee", lang, fee=yuan(bill.fee, lang)))
        if cell.is_due_day and not cell.dues:
            line(tr("cal.day.due_day", lang))
        for period in cell.installments:
            line(tr("cal.day.installment", lang, mark=INSTALLMENT_MARK, name=period.description, n=period.number,
                    total=period.periods, amount=yuan(period.amount, lang)))
        for payment in cell.payments:
            line(tr("cal.day.payment", lang, amount=yuan(payment.amount, lang), month=str(payment.month)))
        if not cell.has_events:
            line(tr("cal.day.nothing", lang), "dim")
        upcoming = self.huabei.snapshot.summary.most_urgent_bill
        if cell.is_today and upcoming is not None and upcoming not in cell.dues:
            line(tr("cal.day.next_bill", lang, month=str(upcoming.month)), "bold")
            line(tr("cal.day.next_bill_detail", lang, outstanding=yuan(upcoming.outstanding, lang),
                    phrase=due_phrase(upcoming, lang)))
        if cell.purchases_bill is not None:
            line(tr("cal.day.purchases", lang, month=str(cell.purchases_bill)), "dim")
        panel.update(text)

    def _show_month_lists(self, view: cal.MonthView, lang: str) -> None:
        panel = self.query_one("#cal-bills", Static)
        grid = self.query_one(MonthGrid)
        panel.border_title = tr("cal.month_panel", lang, month=month_title(view.month, lang))
        text = Text()
        if view.bills:
            headers = [tr(k, lang) for k in ("label.bill", "label.due_date", "label.amount", "label.outstanding",
                                             "label.status")]
            rows = [[str(b.month), b.due_date.isoformat(), yuan(b.amount, lang), yuan(b.outstanding, lang),
                     status_phrase(b, lang)] for b in view.bills]
            lines = table(headers, rows, ["left", "left", "right", "right", "left"])
            text.append(lines[0], style="bold")
            text.append("\n" + lines[1], style="dim")
            for bill, row_line in zip(view.bills, lines[2:], strict=True):
                text.append("\n" + row_line, style=grid.status_style(bill.status))
        else:
            text.append(tr("cal.no_bills", lang), style="dim")
        if view.installments:
            # A table of its own, columns aligned like the bills': long product names are cut to fit 80 columns.
            headers = [tr(k, lang) for k in ("cal.col.installment", "cal.col.period", "label.amount", "cal.col.on_bill")]
            rows = [[f"{INSTALLMENT_MARK} {truncate(period.description, INSTALLMENT_NAME_WIDTH)}",
                     f"{period.number}/{period.periods}", yuan(period.amount, lang), str(period.bill)]
                    for period in view.installments]
            lines = table(headers, rows, ["left", "right", "right", "left"])
            text.append("\n\n" if text else "")
            text.append(lines[0], style="bold")
            text.append("\n" + lines[1], style="dim")
            for row_line in lines[2:]:
                text.append("\n" + row_line, style=grid.status_style("installment"))
        panel.update(text)

    # -- actions -----------------------------------------------------------------------------------------------
    def select_day(self, day: date) -> None:
        """Select ``day`` and show its month."""
        self.selected = day
        self._show_selection()

    def action_day(self, days: int) -> None:
        self._anchor_day = None
        self.select_day(cal.move_day(self.selected, days))

    def action_month(self, months: int) -> None:
        self._anchor_day = self._anchor_day or self.selected.day
        self.select_day(cal.move_month(self.selected, months, self._anchor_day))

    def action_today(self) -> None:
        self._anchor_day = None
        self.select_day(self.huabei.snapshot.today)

    def action_add_bill(self) -> None:
        app = self.huabei
        snapshot = app.snapshot
        month = cal.bill_month_for_day(self.selected, snapshot.ledger.account.statement_day, snapshot.today)
        from huabei_tui.ui.dialogs.forms import bill_dialog

        self.app.push_screen(bill_dialog(app, month))

    def action_pay(self) -> None:
        app = self.huabei
        bill = cal.nearest_owing_bill(app.snapshot.summary.bills, self.selected)
        from huabei_tui.ui.dialogs.forms import pay_dialog

        self.app.push_screen(pay_dialog(app, bill.month if bill else None, bill.outstanding if bill else None))

SCREEN = CalendarScreen
