"""The credit-report style repayment grid: one code per month, oldest first, ending with today's month.

Codes as in the second-generation PBOC report: ``N`` normal (a bill fell due or an issued bill was unpaid, nothing
overdue), ``1``–``7`` the worst overdue reached on any day of the month in 30-day steps (181+ days is ``7``),
``*`` nothing due and nothing owed, ``/`` before the account was opened. It is an estimate from the user's own
records; the bureau's report is authoritative.

A month with nothing recorded is only ``/`` or ``*`` when the opening date is known. Without it (a new user, or
one who never typed it), a month before the first recorded bill's cycle is ``?``, unknown: the account may or may
not have been open, and bills of that time may simply not have been entered. Claiming ``/`` there would tell a
user with years of history that they had none. From the first recorded bill's cycle on, the account was open, so
an empty month is ``*`` as usual. ``?`` is this app's own mark, not a bureau code.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from huabei_tui.domain.bills import BillState
from huabei_tui.domain.dates import Month

GRID_CODES = ("N", "1", "2", "3", "4", "5", "6", "7", "*", "/", "?")
#: A month with nothing recorded, before the first recorded bill, when the opening date is not set.
UNKNOWN = "?"


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


def records_from(states: Sequence[BillState]) -> Month | None:
    """The first month the records show the account open: the month before the first bill's (its cycle starts
    there); ``None`` without bills."""
    return min((s.month for s in states), default=None).shift(-1) if states else None


def blank_code(month: Month, opened: date | None, known_from: Month | None) -> str:
    """The code of a month with nothing due and nothing overdue: ``/`` before the opening date, ``*`` after it;
    with no opening date, ``*`` from the first recorded bill's cycle (``known_from``) on and ``?`` before."""
    if opened is not None:
        return "/" if month < Month.of(opened) else "*"
    if known_from is not None and month >= known_from:
        return "*"
    return UNKNOWN


class MonthIndex:
    """The months each bill marks, worked out once per bill instead of once per bill and month.

    The rule for one month: its code is the worst overdue any bill reached on a day of the month (up to today), in
    30-day steps; else ``N`` when a bill fell due in it or an issued bill was still owed in it; else
    ``blank_code``: ``/`` before the opening date, ``*`` after it, and without one ``?`` before the first recorded
    bill's cycle and ``*`` from it on.

    A ten-year history has over a hundred bills and the grid and the clean streak look at up to 120 months, so
    asking each bill about each month would cost more than the rest of the summary. Each bill touches few months:
    it is overdue in the months from the day after its due date to its overdue end, and "normal" in its due month
    and in the months from its statement month until it is settled (for ever while unpaid). Only months up to
    today's month are indexed: the grid and the streak never look later. (A test compares the result with the rule
    asked bill by bill and month by month, on generated histories.)
    """

    def __init__(self, states: Sequence[BillState], today: date) -> None:
        self.today = today
        self.last_month = Month.of(today)
        self.known_from = records_from(states)
        self.worst: dict[Month, int] = {}
        self.normal: set[Month] = set()
        #: Normal from this month on: an issued bill not settled yet is owed in every later month.
        self.normal_from: Month | None = None
        for state in states:
            self._add_overdue(state)
            self._add_normal(state)

    def _add_overdue(self, state: BillState) -> None:
        end = state.overdue_end
        if end is None:
            return
        month = Month.of(date.fromordinal(state.due_date.toordinal() + 1))
        stop = min(Month.of(end), self.last_month)
        while month <= stop:
            days = _worst_overdue_in(state, month.first_day, min(month.last_day, self.today))
            if days > self.worst.get(month, 0):
                self.worst[month] = days
            month = month.shift(1)

    def _add_normal(self, state: BillState) -> None:
        if state.amount <= 0:
            return
        self.normal.add(Month.of(state.due_date))
        statement = state.statement_date
        if statement > self.today:
            return  # not issued yet: normal only in its due month
        first = Month.of(statement)
        if state.settled_on is None:
            if self.normal_from is None or first < self.normal_from:
                self.normal_from = first
            return
        if state.settled_on < statement:
            return
        month, stop = first, min(Month.of(state.settled_on), self.last_month)
        while month <= stop:
            self.normal.add(month)
            month = month.shift(1)

    def is_normal(self, month: Month) -> bool:
        return month in self.normal or (self.normal_from is not None and month >= self.normal_from)

    def cell(self, month: Month, opened: date | None) -> GridCell:
        """The code of ``month`` (up to today's month)."""
        worst = self.worst.get(month, 0)
        if worst > 0:
            return GridCell(month, overdue_code(worst), worst)
        if self.is_normal(month):
            return GridCell(month, "N")
        return GridCell(month, blank_code(month, opened, self.known_from))


def grid_cell(states: Sequence[BillState], month: Month, today: date, opened: date | None) -> GridCell:
    """The code of one month up to today's month (``repayment_grid`` reuses one index for many months)."""
    return MonthIndex(states, today).cell(month, opened)


def repayment_grid(
    states: Sequence[BillState], today: date, opened: date | None, months: int = 24, *,
    index: MonthIndex | None = None,
) -> list[GridCell]:
    """The last ``months`` months ending with today's month, oldest first. ``opened`` is the opening date the user
    gave (``None``: not set, see ``blank_code``), not one inferred from the bills. ``index``: the same states'
    ``MonthIndex`` when the caller has it (a summary builds one for the grid and the streak: ~1 ms each on a
    ten-year history)."""
    end = Month.of(today)
    index = MonthIndex(states, today) if index is None else index
    return [index.cell(end.shift(-offset), opened) for offset in range(months - 1, -1, -1)]


def clean_streak(states: Sequence[BillState], today: date, opened: date | None, *,
                 index: MonthIndex | None = None) -> int | None:
    """Whole months, counting back from today's month, with no overdue day; None when there is no history."""
    if opened is None and not states:
        return None
    start = Month.of(opened) if opened else min(Month.of(s.statement_date) for s in states).shift(-1)
    worst = (MonthIndex(states, today) if index is None else index).worst
    month, streak = Month.of(today), 0
    while month >= start:
        if worst.get(month, 0) > 0:  # an overdue code, 1–7, in the grid
            return streak
        streak += 1
        month = month.shift(-1)
    return streak
