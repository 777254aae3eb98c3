"""Statement cycles: which bill a purchase lands on, and when each bill is issued and due.

A bill is named by the month it is issued (Alipay's "花呗2025年04月账单" is ``2025-04``). It covers purchases from
the previous month's statement day up to the day before this month's statement day, and falls due on the due day
of the same month when the due day comes after the statement day, otherwise of the following month.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from typing import TYPE_CHECKING

from huabei_tui.domain.dates import Month, add_days, shanghai_date

if TYPE_CHECKING:
    import arrow

DEFAULT_STATEMENT_DAY = 1
DEFAULT_DUE_DAY = 10

#: Statement/due day pairs Alipay has been seen to offer (a user can change pair about once a year). Offered as
#: choices when setting up; any other pair of days 1–28 stays allowed, since the offer changes over time.
ALIPAY_DAY_PAIRS = ((1, 8), (1, 9), (1, 10), (5, 15), (10, 20))


def statement_date(bill: Month, statement_day: int) -> date:
    return bill.day(statement_day)


def due_date(bill: Month, statement_day: int, due_day: int) -> date:
    month = bill if due_day > statement_day else bill.shift(1)
    return month.day(due_day)


def cycle_start(bill: Month, statement_day: int) -> date:
    """First day (inclusive) whose purchases land on ``bill``."""
    return statement_date(bill.shift(-1), statement_day)


def cycle_end(bill: Month, statement_day: int) -> date:
    """Last day (inclusive) whose purchases land on ``bill``: the day before its statement date."""
    return add_days(statement_date(bill, statement_day), -1)


def bill_for_day(day: date, statement_day: int) -> Month:
    """The bill a purchase made on ``day`` (a Shanghai calendar date) lands on."""
    month = Month.of(day)
    return month.shift(1) if day >= statement_date(month, statement_day) else month


def bill_finder(statement_day: int) -> Callable[[date], Month]:
    """``bill_for_day`` for many days: each month's statement date and its two bills are worked out once.

    Same rule, same answers (a test compares them); a ten-year import history has thousands of purchase days.
    """
    months: dict[tuple[int, int], tuple[date, Month, Month]] = {}

    def bill_of(day: date) -> Month:
        key = (day.year, day.month)
        found = months.get(key)
        if found is None:
            month = Month(day.year, day.month)
            found = months[key] = (statement_date(month, statement_day), month, month.shift(1))
        statement, before, after = found
        return after if day >= statement else before

    return bill_of


def bill_for_moment(moment: datetime | arrow.Arrow, statement_day: int) -> Month:
    """The bill for a timestamp: taken to Shanghai time first (00:30 on the 1st there is still the 1st)."""
    return bill_for_day(shanghai_date(moment), statement_day)


def bill_due_in(month: Month, statement_day: int, due_day: int) -> Month:
    """The bill whose due date falls in ``month``."""
    return month if due_day > statement_day else month.shift(-1)
