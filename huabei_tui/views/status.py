"""Screen 1, Account status / 账户状态, as data: "am I fine this month?" at a glance.

The warnings, then two panels (the bill to pay first, with its minimum payment; the limit and the account, with
this month's options under it), a line about the overdue history and the clean streak, the bills' trend and one
piece of advice. ``huabei status`` and the export print
the same, plus the settings the screen leaves to its form (opening date, fee rate).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from huabei_tui.domain.billing import CarryForecast
from huabei_tui.domain.bills import BillState
from huabei_tui.domain.first_run import next_steps
from huabei_tui.domain.guide import AVOID_STEPS
from huabei_tui.domain.planner import plan_for
from huabei_tui.i18n import bracketed, labelled, tr
from huabei_tui.views.blocks import Line, Pair, Phrase, pair, pair_lines
from huabei_tui.views.phrases import (
    due_phrase,
    fee_growth,
    most_urgent_title,
    on_off,
    reporting_see,
    reporting_words,
    warning_lines,
    yuan,
)
from huabei_tui.views.planner import options_lines

if TYPE_CHECKING:
    from huabei_tui.session import Snapshot


#: Bills in the trend chart.
TREND_BILLS = 24


def urgency_role(days_to_due: int) -> str:
    """How soon a bill is due, as a role: overdue, within 3 days, within a week, later."""
    if days_to_due < 0:
        return "urgent-overdue"
    if days_to_due <= 3:
        return "urgent-soon"
    if days_to_due <= 7:
        return "urgent-week"
    return "urgent-later"


@dataclass(frozen=True)
class Panel:
    """A titled box of ``label  value`` rows.

    ``hint`` is what a newcomer should press first: with nothing recorded yet the screen shows it instead of the
    rows (the text export, where there are no keys, keeps the rows).
    """

    title: str
    pairs: tuple[Pair, ...] = ()
    hint: tuple[str, ...] = ()
    #: The panel's own role (how urgent its bill is: its border on screen).
    role: str = ""

    def lines(self) -> list[Line]:
        return pair_lines(self.pairs)

    def screen_lines(self) -> list[Line]:
        if self.hint:
            return [(Phrase(text, "hint"),) for text in self.hint]
        return self.lines()


@dataclass(frozen=True)
class StatusPage:
    today: date
    #: Sentences, most urgent first, each led by "! ".
    warnings: tuple[str, ...]
    #: The bill to pay first (an overdue one before the next one), the balance it is paid from.
    to_pay: Panel
    account: Panel
    #: The overdue history and the clean streak, one or two lines.
    history: tuple[str, ...]
    #: "Last 24 bills  low … high …"; empty with no bills.
    trend_caption: str
    #: The bills' amounts in fen, oldest first, for the chart.
    trend: tuple[int, ...]
    #: The one most pressing tip ("Advice: …"), or "".
    advice: str
    #: Settings the screen leaves to its form, printed by the export after the account panel.
    settings: tuple[Pair, ...]
    #: This month's options for the bill to pay (``views.planner.options_lines``): the best one first, marked.
    options: tuple[Line, ...] = ()
    #: Until a bill exists: what to do next, as commands and keys (the export's version of the panel's hint).
    next_steps: tuple[str, ...] = ()

    @property
    def show_trend(self) -> bool:
        """One bar is a solid block, not a trend: the chart needs two bills."""
        return len(self.trend) > 1


def _to_pay_panel(snapshot: Snapshot, lang: str, keys: object = None) -> Panel:
    summary = snapshot.summary
    account = summary.account
    bill = summary.most_urgent_bill
    title = most_urgent_title(summary, lang)
    # A new user: what to press next, instead of a panel about a bill that does not exist.
    steps = next_steps(account, has_bills=bool(summary.bills))
    hint = (tr("status.no_bills_hint", lang), *(tr(f"status.next.{step}", lang, k=keys) for step in steps)) if steps else ()
    pairs: list[Pair] = []
    role = ""
    carrying, carry = summary.carrying, summary.carry
    if bill is None and carrying is not None and carry is not None:
        # Nothing is due, but the remainder after the minimum costs interest every day until it moves on.
        title = tr("status.carrying_title", lang)
        role = "urgent-later"
        pairs += [
            pair(tr("label.bill", lang), str(carrying.month)),
            pair(tr("label.minimum", lang), minimum_text(carrying, lang)),
            pair(tr("status.left", lang), yuan(carrying.outstanding, lang), "strong"),
            pair(tr("status.interest", lang), interest_growth(carrying, lang)),
            pair(tr("status.moves", lang), moves_text(carry, lang)),
            pair(tr("status.moving", lang), tr("status.moving_text", lang, total=yuan(carry.total, lang))),
        ]
    elif bill is None:
        pairs.append(pair(tr("label.bill", lang), tr("label.no_next_bill", lang)))
    else:
        role = urgency_role(bill.days_to_due)
        pairs += [
            pair(tr("label.bill", lang), str(bill.month)),
            pair(tr("label.due_date", lang), bill.due_date.isoformat()),
            pair(tr("label.days_to_due", lang), due_phrase(bill, lang), f"strong {role}"),
            pair(tr("label.amount", lang), yuan(bill.amount, lang)),
            pair(tr("label.paid", lang), yuan(bill.paid, lang)),
            pair(tr("label.outstanding", lang), yuan(bill.outstanding, lang), "strong"),
        ]
        if bill.days_to_due >= 0 and bill.outstanding:  # the least that keeps the record clean, while it can
            pairs.append(pair(tr("label.minimum", lang), minimum_text(bill, lang)))
        if bill.days_to_due < 0:
            pairs.append(pair(tr("label.fee", lang), fee_growth(bill, lang)))
        upcoming = summary.next_bill
        if upcoming is not None and upcoming is not bill:  # the late bill first, then this one
            pairs.append(pair(tr("label.then", lang), f"{upcoming.month}  {yuan(upcoming.outstanding, lang)}"))
            pairs.append(pair("", due_phrase(upcoming, lang)))
        if carrying is not None and carry is not None and carrying is not bill:
            pairs.append(pair(tr("status.remainder", lang), tr(
                "status.remainder_text", lang, month=str(carrying.month), left=yuan(carrying.outstanding, lang))))
            pairs.append(pair("", interest_growth(carrying, lang)))
            pairs.append(pair("", moves_text(carry, lang)))
    # The balance stays in view with nothing to pay: it is what the next bill will be paid from. The day it was
    # checked goes beside it (month and day; the stale-balance warning says how long ago), so the bill's minimum
    # has a row and the screen still fits 80×24.
    balance = yuan(account.balance, lang)
    if account.balance_checked_on:
        balance = tr("status.balance_on", lang, balance=balance, date=account.balance_checked_on.strftime("%m-%d"))
    pairs.append(pair(tr("status.balance", lang), balance))
    if summary.shortfall:
        pairs.append(pair(tr("label.shortfall", lang), yuan(summary.shortfall, lang), "alert"))
    return Panel(title, tuple(pairs), hint, role)


def _account_panel(snapshot: Snapshot, lang: str, keys: object = None) -> Panel:
    summary = snapshot.summary
    account = summary.account
    return Panel(tr("status.account", lang), (
        pair(tr("label.limit", lang), yuan(account.limit, lang)),
        pair(tr("label.used", lang), yuan(summary.used, lang)),
        pair(tr("label.available", lang), yuan(summary.available, lang), "alert" if summary.over_limit else "strong"),
        pair(tr("label.auto_repay", lang), on_off(account.auto_repay, lang)),
        pair(tr("label.credit_reporting", lang), reporting_words(summary, lang),
             aside=reporting_see(summary, lang, keys)),  # left out when a long key name would wrap the row
        pair(tr("status.days", lang), f"{account.statement_day} / {account.due_day}"),
    ))


def _history(snapshot: Snapshot, lang: str) -> tuple[str, ...]:
    summary = snapshot.summary
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
            second = tr("status.latest_expiry", lang, date=last.isoformat(), days=summary.last_record_days_left)
    elif not summary.bills:
        first.append(tr("status.no_record_yet", lang))  # not "never overdue": nothing is known yet
    else:
        first.append(tr("status.never_overdue", lang))
    if summary.clean_streak is not None and summary.bills:
        first.append(tr("status.streak", lang, n=summary.clean_streak))
    return (" · ".join(first), second) if second else (" · ".join(first),)


def _advice(snapshot: Snapshot, lang: str) -> str:
    summary = snapshot.summary
    tips = []
    if summary.account.auto_repay is not True:
        tips.append(tr(AVOID_STEPS[1].text, lang))
    if summary.shortfall or summary.balance_stale:
        tips.append(tr(AVOID_STEPS[0].text, lang))
    if summary.overdue_unpaid:
        tips.append(tr(AVOID_STEPS[3].text, lang))
    # One tip, the most pressing: the warnings above already list every problem.
    return labelled(tr("status.advice", lang), tips[-1], lang) if tips else ""


def _settings(snapshot: Snapshot, lang: str) -> tuple[Pair, ...]:
    summary = snapshot.summary
    account = summary.account
    found = [
        pair(tr("label.opened", lang), account.opened.isoformat() if account.opened else tr("value.unknown", lang)),
        pair(tr("label.fee_rate", lang), f"{account.fee_rate}%/{tr('label.day', lang)}"),
    ]
    if summary.unbilled_installments:
        found.append(pair(tr("label.unbilled_installments", lang), yuan(summary.unbilled_installments, lang)))
    return tuple(found)


def status_page(snapshot: Snapshot, lang: str, keys: object = None) -> StatusPage:
    """Everything the status screen shows for ``snapshot`` in ``lang`` (``keys``: see ``phrases.reporting_text``)."""
    summary = snapshot.summary
    recent = summary.issued_bills[-TREND_BILLS:]  # a bill not issued yet is not history
    caption = ""
    if recent:
        high = max(recent, key=lambda b: b.amount)
        low = min(recent, key=lambda b: b.amount)
        caption = tr("status.trend", lang, n=len(recent)) + "  " + tr(
            "status.trend_range", lang, low=yuan(low.amount, lang), high=yuan(high.amount, lang), month=str(high.month))
    return StatusPage(
        today=snapshot.today,
        warnings=tuple(warning_lines(summary, lang, keys)),
        to_pay=_to_pay_panel(snapshot, lang, keys),
        account=_account_panel(snapshot, lang, keys),
        history=_history(snapshot, lang),
        trend_caption=caption,
        trend=tuple(b.amount for b in recent),
        advice=_advice(snapshot, lang),
        settings=_settings(snapshot, lang),
        options=options_lines(plan_for(summary), lang, keys),
        next_steps=tuple(tr(f"status.todo.{step}", lang, k=keys)
                         for step in next_steps(summary.account, has_bills=bool(summary.bills))),
    )


def interest_growth(bill: BillState, lang: str) -> str:
    """Interest so far on a remainder after a minimum payment and what each further day adds."""
    growth = f"+{yuan(bill.interest_per_day, lang)}/{tr('label.day', lang)}"
    return yuan(bill.interest, lang) + bracketed(growth, lang)


def moves_text(carry: CarryForecast, lang: str) -> str:
    """When and into which bill the remainder moves (month and day: the bill's month gives the year)."""
    return tr("status.moves_text", lang, date=carry.on.strftime("%m-%d"), month=str(carry.into))


def minimum_text(bill: BillState, lang: str) -> str:
    """The bill's minimum payment, with what is still to pay of it (or that it is paid)."""
    minimum = yuan(bill.minimum, lang)
    if bill.minimum_left <= 0:
        return tr("label.minimum_done", lang, minimum=minimum)
    if bill.minimum_left < bill.minimum:
        return tr("label.minimum_left", lang, minimum=minimum, left=yuan(bill.minimum_left, lang))
    return minimum
