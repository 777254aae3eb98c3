"""One day's complete picture of the account, computed once and shown by every screen, command and export."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from huabei_tui.domain.account import Account
from huabei_tui.domain.billing import CarryForecast, carry_forecast, evaluate_bills
from huabei_tui.domain.bills import BillState
from huabei_tui.domain.dates import Month
from huabei_tui.domain.grid import GridCell, MonthIndex, clean_streak, repayment_grid
from huabei_tui.domain.guide import credit_reporting_for
from huabei_tui.domain.ledger import ChargesOf, Ledger, imported_charges, unbilled_installment_principal
from huabei_tui.domain.money import Fen

#: A balance checked longer ago than this may no longer cover the bill.
BALANCE_STALE_DAYS = 7


@dataclass(frozen=True)
class Summary:
    today: date
    account: Account
    bills: list[BillState]
    #: The first bill still owing whose due date is today or later.
    next_bill: BillState | None
    #: Every bill that ever went overdue (settled late or still unpaid): the episodes the credit report shows.
    overdue_episodes: list[BillState]
    grid: list[GridCell]
    used: Fen
    available: Fen | None
    unbilled_installments: Fen
    credit_reporting: str
    #: The checklist's answer behind ``credit_reporting`` (None: never answered; "unsure": answered unsure).
    auth_answer: str | None
    clean_streak: int | None
    opened: date | None
    fees_total: Fen
    balance_age_days: int | None

    @property
    def over_limit(self) -> bool:
        return self.available is not None and self.available < 0

    @property
    def overdue_unpaid(self) -> list[BillState]:
        """The bills late today: past their due date with money still owing, oldest first."""
        return [b for b in self.bills if b.status == "overdue"]

    @property
    def most_urgent_bill(self) -> BillState | None:
        """The bill to pay first: the oldest overdue one still unpaid (it costs a fee every day and is what the
        credit report will show), else ``next_bill``. (``status --json`` calls it ``bill_to_pay``.)"""
        late = self.overdue_unpaid
        return late[0] if late else self.next_bill

    @property
    def carrying(self) -> BillState | None:
        """The bill left at its minimum whose remainder still accrues interest before it moves into the next bill
        (between its due date and the next statement date nothing is due, but every day costs)."""
        return next((b for b in self.bills if b.status == "minimum_paid" and b.outstanding > 0), None)

    @property
    def carry(self) -> CarryForecast | None:
        """What ``carrying`` moves into the next bill, and when, if nothing more is paid."""
        bill = self.carrying
        return None if bill is None else carry_forecast(bill, self.account)

    @property
    def shortfall(self) -> Fen | None:
        """How much the repayment balance lacks to pay ``most_urgent_bill``; None when either is unknown."""
        return shortfall_of(self.most_urgent_bill, self.account.balance)

    @property
    def balance_stale(self) -> bool:
        return self.balance_age_days is not None and self.balance_age_days > BALANCE_STALE_DAYS

    @property
    def unsettled_overdue(self) -> bool:
        """An overdue is still unpaid: its record has no expiry yet (the five years start when it is settled)."""
        return any(b.record_expires_on is None for b in self.overdue_episodes)

    @property
    def recovery_since(self) -> date | None:
        """While an overdue is unpaid, the due date it was missed on: recovery steps ticked before it were done
        for an earlier episode and are to be done again for this one. None when nothing is overdue now."""
        late = self.overdue_unpaid
        return min(b.due_date for b in late) if late else None

    @property
    def last_record_expiry(self) -> date | None:
        """The day the last overdue record leaves the credit report; None with no overdue or an unsettled one."""
        if not self.overdue_episodes or self.unsettled_overdue:
            return None
        return max(b.record_expires_on for b in self.overdue_episodes if b.record_expires_on)

    @property
    def last_record_days_left(self) -> int | None:
        last = self.last_record_expiry
        return None if last is None else (last - self.today).days

    @property
    def records_all_gone(self) -> bool:
        """Every overdue record has reached its five years and been deleted (on its expiry day)."""
        left = self.last_record_days_left
        return left is not None and left <= 0

    @property
    def reporting_text_key(self) -> str:
        """The words for ``credit_reporting``: "unknown" reads differently when the user checked and was unsure
        (ask customer service) than when nobody has checked yet (do the check)."""
        if self.credit_reporting == "unknown" and self.auth_answer == "unsure":
            return "reporting.unsure"
        return f"reporting.{self.credit_reporting}"

    @property
    def issued_bills(self) -> list[BillState]:
        """The bills issued by today (statement date today or earlier), oldest first: what a history of bills
        shows. ``bills`` also holds later ones that exist only because instalment parts already land on them (a
        split puts its parts on the next bills at once); they have no amount the user has seen yet."""
        return [b for b in self.bills if b.issued]

    def bill(self, month: Month) -> BillState | None:
        return next((b for b in self.bills if b.month == month), None)

    def warnings(self) -> list[str]:
        """Message keys, most urgent first, for the banner of the status screen and ``huabei status``."""
        found: list[str] = []
        if self.overdue_unpaid:
            found.append("warn.overdue")
        if self.shortfall:
            found.append("warn.shortfall")
        if self.most_urgent_bill and self.account.balance is None:
            found.append("warn.balance_unknown")
        elif self.balance_stale:
            found.append("warn.balance_stale")
        if self.account.auto_repay is False:
            found.append("warn.auto_repay_off")
        if self.over_limit:
            found.append("warn.over_limit")
        return found


def shortfall_of(bill: BillState | None, balance: Fen | None) -> Fen | None:
    """What a repayment balance lacks to pay off ``bill`` (0 when it covers it); None when either is unknown."""
    if bill is None or balance is None:
        return None
    return max(bill.outstanding - balance, 0)


def effective_opened(ledger: Ledger, bills: list[BillState]) -> date | None:
    """The opening date the user gave, else the start of the first known bill's cycle."""
    if ledger.account.opened:
        return ledger.account.opened
    if not bills:
        return None
    first = bills[0].month.shift(-1)
    return first.day(ledger.account.statement_day)


def summarize(ledger: Ledger, today: date, grid_months: int = 24, *,
              charges_of: ChargesOf = imported_charges) -> Summary:
    """The picture of ``ledger`` on ``today``; ``charges_of`` may be a memo of ``imported_charges``."""
    account = ledger.account
    states = evaluate_bills(ledger, today, charges_of)
    upcoming = sorted((s for s in states if s.outstanding > 0 and s.due_date >= today), key=lambda s: s.due_date)
    next_bill = upcoming[0] if upcoming else None
    unbilled = unbilled_installment_principal(ledger, today)
    used = sum(s.outstanding for s in states) + unbilled
    opened = effective_opened(ledger, states)
    index = MonthIndex(states, today)
    return Summary(
        today=today,
        account=account,
        bills=states,
        next_bill=next_bill,
        overdue_episodes=[s for s in states if s.went_overdue],
        # The opening date as the user gave it: without it, months before the first bill are unknown ("?"),
        # not "/" as an inferred date would make them.
        grid=repayment_grid(states, today, account.opened, grid_months, index=index),
        used=used,
        available=None if account.limit is None else account.limit - used,
        unbilled_installments=unbilled,
        credit_reporting=credit_reporting_for(ledger.auth_check.answer),
        auth_answer=ledger.auth_check.answer,
        clean_streak=clean_streak(states, today, opened, index=index),
        opened=opened,
        fees_total=sum(s.fee for s in states),
        balance_age_days=(today - account.balance_checked_on).days if account.balance_checked_on else None,
    )
