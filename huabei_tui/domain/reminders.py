"""Which bills deserve a line in a login banner or a cron mail: overdue ones, and those due within N days."""

from __future__ import annotations

from dataclasses import dataclass

from huabei_tui.domain.bills import BillState
from huabei_tui.domain.numbers import parse_whole_number
from huabei_tui.domain.summary import Summary

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
