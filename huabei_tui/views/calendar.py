"""Screen 2, Repayment calendar / 还款日历, in words: the selected day's panel and the month's bills.

The dates come from ``huabei_tui.domain.calendar`` (which bills are issued and due on which day); this module says
them: a day's statements, dues, instalment periods and repayments, and the month's bills and instalments as two
tables. The marks it uses (``S`` statement, ``✓ ~ • !`` a bill's state, ``+`` an instalment) are the grid's, so
the words read without colour.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from huabei_tui.domain import calendar as cal
from huabei_tui.domain.bills import BillState
from huabei_tui.domain.dates import Month
from huabei_tui.i18n import tr
from huabei_tui.textwidth import truncate
from huabei_tui.views.blocks import Line, Phrase, Table
from huabei_tui.views.phrases import due_phrase, per_day_fee, yuan

if TYPE_CHECKING:
    from huabei_tui.session import Snapshot


#: The mark of a bill falling due, by its state: ``½`` its minimum paid on time (clean, the rest accrues interest),
#: ``→`` that rest moved into the next bill, ``÷`` the bill split into instalments (repaid by conversion).
STATUS_MARKS = {"paid": "✓", "paid_late": "~", "unpaid": "•", "overdue": "!", "minimum_paid": "½", "carried": "→",
                "instalment": "÷"}
#: Always in the grid's legend; the states a minimum payment or a split leave are added when the month shows one.
LEGEND_STATUSES = ("paid", "paid_late", "unpaid", "overdue")
HARD_MONTH_STATUSES = ("minimum_paid", "carried", "instalment")
STATEMENT_MARK = "S"
DUE_DAY_MARK = "D"
INSTALLMENT_MARK = "+"
#: Cells kept for a product name in the month's instalment table (the other columns need about 40 of 76).
INSTALLMENT_NAME_WIDTH = 30


def status_mark(status: str) -> str:
    return STATUS_MARKS.get(status, "?")


def state_role(status: str) -> str:
    """A bill's state (or ``installment``) as a role: the grid's colour for it."""
    return f"state-{status}"


def month_title(month: Month, lang: str) -> str:
    name = tr("cal.month_names", lang).split()[month.month - 1]
    return tr("cal.month_title", lang, year=month.year, month=month.month, name=name)


def weekday_names(lang: str) -> list[str]:
    return tr("cal.weekdays", lang).split()


def weekday_long(weekday: int, lang: str) -> str:
    return tr("cal.weekdays_long", lang).split()[weekday]


def status_phrase(bill: BillState, lang: str, *, mark: bool = True) -> str:
    """The state of a bill in words, led by its grid mark so it reads without colour."""
    word = tr(f"status.{bill.status}", lang)
    if bill.status == "unpaid":
        word = tr("cal.status_detail", lang, status=word, detail=due_phrase(bill, lang))
    elif bill.status == "overdue":
        word = tr("label.overdue_by", lang, days=bill.overdue_days)
    elif bill.status == "paid_late":
        word = tr("cal.paid_late_days", lang, days=bill.overdue_days)
    elif bill.status == "carried" and bill.carried_to is not None:
        word = tr("cal.carried_to", lang, month=str(bill.carried_to))
    elif bill.status == "instalment" and bill.instalment is not None:
        word = tr("cal.split_in", lang, periods=bill.instalment.periods)
    return f"{status_mark(bill.status)} {word}" if mark else word


def installment_name(period: cal.InstallmentDue, lang: str) -> str:
    """A purchase plan's product, or "bill 2025-09 split" for a part of a split bill."""
    return tr("cal.split_of", lang, month=str(period.split_of)) if period.split_of else period.description


def month_view(snapshot: Snapshot, month: Month) -> cal.MonthView:
    """The month's days and what falls on each, on the snapshot's day."""
    return cal.month_view(snapshot.summary, snapshot.ledger, month)


@dataclass(frozen=True)
class DayPanel:
    """The selected day: "2026-11-29 Sun · today" and one line per thing that happens on it."""

    title: str
    lines: tuple[Line, ...]


@dataclass(frozen=True)
class MonthPanel:
    """The month's bills (issued or due in it) and instalment periods, as tables."""

    title: str
    #: None with no bill issued or due in the month (then ``no_bills`` says so).
    bills: Table | None
    no_bills: Line
    installments: Table | None

    def lines(self) -> list[Line]:
        out: list[Line] = []
        if self.bills is not None:
            out += self.bills.lines(header_role="strong")
        else:
            out.append(self.no_bills)
        if self.installments is not None:
            if out:
                out.append(())
            out += self.installments.lines(header_role="strong")
        return out


def day_panel(snapshot: Snapshot, cell: cal.DayCell, lang: str) -> DayPanel:
    """What happens on ``cell``'s day: statements, dues (with what is paid, the state, the fee), instalment
    periods, repayments; on today, the bill to pay first; and which bill a purchase that day goes on."""
    if cell.is_today:
        when = tr("cal.day.today", lang)
    elif cell.days_from_today > 0:
        when = tr("cal.day.ahead", lang, days=cell.days_from_today)
    else:
        when = tr("cal.day.ago", lang, days=-cell.days_from_today)
    title = f"{cell.date.isoformat()} {weekday_long(cell.weekday, lang)} · {when}"
    lines: list[Line] = []

    def say(words: str, role: str = "") -> None:
        lines.append((Phrase(words, role),))

    for bill in cell.statements:
        say(tr("cal.day.statement", lang, mark=STATEMENT_MARK, month=str(bill.month), amount=yuan(bill.amount, lang)))
        if bill in cell.carried_arrivals:  # the rest left after a minimum payment arrives with it
            say(tr("cal.day.carried_in", lang, month=str(cal.carried_from(bill)), principal=yuan(bill.carried_in, lang),
                   interest=yuan(bill.interest_in, lang)), state_role("carried"))
    if cell.is_statement_day and not cell.statements:
        say(tr("cal.day.statement_day", lang, mark=STATEMENT_MARK))
    for bill in cell.dues:
        say(tr("cal.day.due", lang, mark=status_mark(bill.status), month=str(bill.month),
               amount=yuan(bill.amount, lang)), "strong")
        say(tr("cal.day.due_detail", lang, paid=yuan(bill.paid, lang), outstanding=yuan(bill.outstanding, lang)))
        say("  " + status_phrase(bill, lang, mark=False), state_role(bill.status))
        if bill.fee and bill.outstanding:
            say(tr("cal.day.fee_growing", lang, fee=yuan(bill.fee, lang), per_day=per_day_fee(bill)))
        elif bill.fee:
            say(tr("cal.day.fee", lang, fee=yuan(bill.fee, lang)))
        if bill.status == "minimum_paid":
            target, on = cal.carry_of(bill, snapshot.summary.account.statement_day)
            say(tr("cal.day.minimum_rest", lang, outstanding=yuan(bill.outstanding, lang), month=str(target),
                   on=on.isoformat(), per_day=yuan(bill.interest_per_day, lang)))
    if cell.is_due_day and not cell.dues:
        say(tr("cal.day.due_day", lang))
    for period in cell.installments:
        say(tr("cal.day.installment", lang, mark=INSTALLMENT_MARK, name=installment_name(period, lang),
               n=period.number, total=period.periods, amount=yuan(period.amount, lang)))
    for payment in cell.payments:
        say(tr("cal.day.payment", lang, amount=yuan(payment.amount, lang), month=str(payment.month)))
    if not cell.has_events:
        say(tr("cal.day.nothing", lang), "dim")
    upcoming = snapshot.summary.most_urgent_bill
    if cell.is_today and upcoming is not None and upcoming not in cell.dues:
        say(tr("cal.day.next_bill", lang, month=str(upcoming.month)), "strong")
        say(tr("cal.day.next_bill_detail", lang, outstanding=yuan(upcoming.outstanding, lang),
               phrase=due_phrase(upcoming, lang)))
    if cell.purchases_bill is not None:
        say(tr("cal.day.purchases", lang, month=str(cell.purchases_bill)), "dim")
    return DayPanel(title, tuple(lines))


def month_panel(view: cal.MonthView, lang: str, keys: object = None) -> MonthPanel:
    """The bills issued or due in ``view``'s month, each row in its state's role, and the instalment periods
    falling due in it (long product names cut so the table fits 80 columns)."""
    bills = None
    if view.bills:
        bills = Table(
            headers=tuple(tr(k, lang) for k in ("label.bill", "label.due_date", "label.amount", "label.outstanding",
                                                "label.status")),
            aligns=("left", "left", "right", "right", "left"),
            rows=tuple((str(b.month), b.due_date.isoformat(), yuan(b.amount, lang), yuan(b.outstanding, lang),
                        status_phrase(b, lang)) for b in view.bills),
            roles=tuple(state_role(b.status) for b in view.bills),
        )
    installments = None
    if view.installments:
        installments = Table(
            headers=tuple(tr(k, lang) for k in ("cal.col.installment", "cal.col.period", "label.amount",
                                                "cal.col.on_bill")),
            aligns=("left", "right", "right", "left"),
            rows=tuple((f"{INSTALLMENT_MARK} {truncate(installment_name(p, lang), INSTALLMENT_NAME_WIDTH)}",
                        f"{p.number}/{p.periods}", yuan(p.amount, lang), str(p.bill)) for p in view.installments),
            roles=(state_role("installment"),) * len(view.installments),
        )
    no_bills = (Phrase(tr("cal.no_bills", lang), "dim"), Phrase(tr("cal.hint.no_bills", lang, k=keys), "dim hint"))
    return MonthPanel(tr("cal.month_panel", lang, month=month_title(view.month, lang)), bills, no_bills,
                      installments)


@dataclass(frozen=True)
class CalendarPage:
    """The calendar as it opens on a day: that day's panel and its month's bills (what the export prints)."""

    day: DayPanel
    month: MonthPanel


def calendar_page(snapshot: Snapshot, lang: str, selected: date | None = None, keys: object = None) -> CalendarPage:
    """The day panel of ``selected`` (the snapshot's day by default) and the panel of its month (``keys``: how its
    hint names a key, see ``phrases.reporting_text``)."""
    day = selected or snapshot.today
    view = month_view(snapshot, Month.of(day))
    cell = next(c for c in view.days if c.date == day)  # a month view holds every day of its month
    return CalendarPage(day_panel(snapshot, cell, lang), month_panel(view, lang, keys))
