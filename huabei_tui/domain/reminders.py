"""Which bills deserve a line in a login banner or a cron mail: overdue ones, and those due within N days.

A bill due soon is announced by what keeps the record clean, not only by its total: paying the minimum by the end
of the due day is not an overdue, so the line says "pay at least ¥X by DATE to stay clean (full: ¥Y)". A bill whose
minimum is already paid is only a matter of interest, and a bill whose minimum is the whole amount has no cheaper
clean choice; each gets its own wording (``due_wording``).
"""

from __future__ import annotations

from dataclasses import dataclass

from huabei_tui.domain.bills import BillState
from huabei_tui.domain.money import Fen
from huabei_tui.domain.numbers import parse_whole_number
from huabei_tui.domain.summary import Summary

#: How a bill due soon is worded (``due_wording``): "pay at least the minimum (full: …)", "pay it all" when the
#: minimum is the whole outstanding, or "minimum paid, the rest avoids interest".
DUE_WORDINGS = ("minimum", "full", "minimum_paid")

#: Exit statuses of ``huabei remind``: scripts branch on them (1 and 2 mean a file problem and bad input).
REMIND_NOTHING = 0
REMIND_DUE_SOON = 3
REMIND_OVERDUE = 4


@dataclass(frozen=True)
class Reminders:
    overdue: list[BillState]
    due_soon: list[BillState]

    @property
    def exit_status(self) -> int:
        if self.overdue:
            return REMIND_OVERDUE
        return REMIND_DUE_SOON if self.due_soon else REMIND_NOTHING


def parse_days(text: str, *, field: str = "days") -> int:
    """A number of days 0–365 (``remind --within``, ``export --remind-days``)."""
    return parse_whole_number(text, field=field, low=0, high=365, malformed="days.range")


def reminders(summary: Summary, within_days: int) -> Reminders:
    unpaid = [b for b in summary.bills if b.outstanding > 0]
    return Reminders(
        overdue=[b for b in unpaid if b.status == "overdue"],
        due_soon=[b for b in unpaid if 0 <= b.days_to_due <= within_days],
    )


def due_wording(bill: BillState) -> str:
    """Which of ``DUE_WORDINGS`` a reminder for ``bill`` (due soon, money outstanding) uses."""
    at_least = stay_clean_amount(bill)
    if at_least <= 0:
        return "minimum_paid"
    return "full" if at_least >= bill.outstanding else "minimum"


def stay_clean_amount(bill: BillState) -> Fen:
    """The least still to pay by the end of the due date so nothing is reported as late (0 once the minimum is
    paid); never more than what is outstanding."""
    return min(bill.minimum_left, bill.outstanding)
