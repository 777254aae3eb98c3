"""The credit-report style repayment grid: one code per month, oldest first, ending with today's month.

Codes as in the second-generation PBOC report: ``N`` normal (a bill fell due or an issued bill was unpaid, nothing
overdue), ``1``–``7`` the worst overdue reached on any day of the month in 30-day steps (181+ days is ``7``),
``*`` nothing due and nothing owed, ``/`` before the account was opened. It is an estimate from the user's own
records; the bureau's report is authoritative.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from huabei_tui.domain.bills import BillState
from huabei_tui.domain.dates import Month

GRID_CODES = ("N", "1", "2", "3", "4", "5", "6", "7", "*", "/")


@dataclass(frozen=True)
class GridCell:
    month: Month
    code: str
    worst_overdue_days: int = 0


def overdue_code(days: int) -> str:
    """1–30 days → "1", 31–60 → "2", …, 181 and more → "7"."""
    return str(min(7, (days - 1) // 30 + 1))


def _worst_overdue_in(state: BillState, first: date, last: date) -> int:
    end = state.overdue_end
    if end is None:
        return 0
    start = max(first, date.fromordinal(state.due_date.toordinal() + 1))
    stop = min(last, end)
    return (stop - state.due_date).days if start <= stop else 0


def _normal_in(state: BillState, month: Month, today: date) -> bool:
    if state.amount <= 0:
        return False
    if Month.of(state.due_date) == month:
        return True
    issued_by = min(month.last_day, today)
    if state.statement_date > issued_by:
        return False
    return state.settled_on is None or state.settled_on >= max(month.first_day, state.statement_date)


def grid_cell(states: Sequence[BillState], month: Month, today: date, opened: date | None) -> GridCell:
    last = min(month.last_day, today)
    worst = max((_worst_overdue_in(s, month.first_day, last) for s in states), default=0)
    if worst > 0:
        return GridCell(month, overdue_code(worst), worst)
    if any(_normal_in(s, month, today) for s in states):
        return GridCell(month, "N")
    if opened is None or month < Month.of(opened):
        return GridCell(month, "/")
    return GridCell(month, "*")


def repayment_grid(
    states: Sequence[BillState], today: date, opened: date | None, months: int = 24
) -> list[GridCell]:
    """The last ``months`` months ending with today's month, oldest first."""
    end = Month.of(today)
    return [grid_cell(states, end.shift(-offset), today, opened) for offset in range(months - 1, -1, -1)]


def clean_streak(states: Sequence[BillState], today: date, opened: date | None) -> int | None:
    """Whole months, counting back from today's month, with no overdue day; None when there is no history."""
    if opened is None and not states:
        return None
    start = Month.of(opened) if opened else min(Month.of(s.statement_date) for s in states).shift(-1)
    month, streak = Month.of(today), 0
    while month >= start:
        if grid_cell(states, month, today, opened).code in "1234567":
            return streak
        streak += 1
        month = month.shift(-1)
    return streak
