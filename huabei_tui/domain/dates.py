"""Calendar values in the Asia/Shanghai calendar: months, dates, and parsing what people type.

A ``datetime.date`` is the value type for calendar days (hashable, comparable, JSON-friendly). All the date math
follows Arrow's rules in Asia/Shanghai; where a rule needs no time zone it is written here directly, because
importing Arrow costs every ``huabei`` command about 25 ms and the status of a ten-year history does date math
thousands of times:

* ``add_days`` on a calendar date is ordinal arithmetic: a day is a day, whatever the zone (Shanghai has had no
  daylight saving since 1991, and a ``date`` has no time of day for a transition to move);
* ``add_years`` keeps month and day and turns Feb 29 into Feb 28 in a year without one, exactly as Arrow's
  ``shift(years=…)`` does; ``Month.shift`` anchors on the original month, as ``anchor.shift(months=i)`` does;
* moving an instant into Shanghai time uses ``zoneinfo.ZoneInfo("Asia/Shanghai")``, which is what Arrow 1.4
  itself turns ``tzinfo="Asia/Shanghai"`` into (older Arrow used dateutil's zone, the fallback here).

Arrow itself is imported only where it is really needed: to parse ISO timestamps given as text and to read
``arrow.Arrow`` values. Tests pin each of these rules against Arrow.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, tzinfo
from functools import cache
from typing import TYPE_CHECKING

from huabei_tui.domain.errors import InputError
from huabei_tui.domain.numbers import number_text, parse_whole_number

if TYPE_CHECKING:
    import arrow

TZ = "Asia/Shanghai"

#: Dates outside this window are typos, not Huabei history (Huabei started in 2014).
MIN_YEAR = 2000
MAX_YEAR = 2100


@dataclass(frozen=True, order=True)
class Month:
    """A calendar month; also the name of a bill (``2025-04`` is Alipay's "花呗2025年04月账单")."""

    year: int
    month: int

    def __post_init__(self) -> None:
        if not 1 <= self.month <= 12:
            raise ValueError(f"month out of range: {self.month}")

    def __str__(self) -> str:
        return f"{self.year:04d}-{self.month:02d}"

    @classmethod
    def of(cls, day: date) -> Month:
        return cls(day.year, day.month)

    def shift(self, months: int) -> Month:
        index = self.year * 12 + (self.month - 1) + months
        return Month(index // 12, index % 12 + 1)

    def __sub__(self, other: Month) -> int:
        """Whole months from ``other`` to ``self``."""
        return (self.year - other.year) * 12 + (self.month - other.month)

    @property
    def first_day(self) -> date:
        return date(self.year, self.month, 1)

    @property
    def last_day(self) -> date:
        return date(self.year, self.month, days_in_month(self.year, self.month))

    def day(self, day: int) -> date:
        """The given day of this month, clamped to the month's last day (day 31 of April is April 30)."""
        return date(self.year, self.month, min(day, days_in_month(self.year, self.month)))


_DAYS_IN_MONTH = (31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


def days_in_month(year: int, month: int) -> int:
    """``calendar.monthrange(year, month)[1]`` for a valid month, without working out a weekday (it is called for
    every bill and every day of a long history) and without importing ``calendar`` (which imports ``locale``)."""
    if month == 2 and year % 4 == 0 and (year % 100 != 0 or year % 400 == 0):
        return 29
    return _DAYS_IN_MONTH[month - 1]


def _normalise(text: str, field: str) -> str:
    return number_text(text or "", field=field)


_DATE = re.compile(r"^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$")
_COMPACT_DATE = re.compile(r"^(\d{4})(\d{2})(\d{2})$")
_MONTH = re.compile(r"^(\d{4})[-/.年](\d{1,2})月?$")
_COMPACT_MONTH = re.compile(r"^(\d{4})(\d{2})$")


def parse_date(text: str, *, field: str = "date") -> date:
    """Parse ``2025-07-13`` (also ``2025/7/13``, ``2025年7月13日``, ``20250713``) or raise ``InputError``."""
    raw = _normalise(text, field)
    if not raw:
        raise InputError(field, "date.empty")
    match = _DATE.match(raw) or _COMPACT_DATE.match(raw)
    if not match:
        raise InputError(field, "date.malformed", value=raw)
    year, month, day = (int(part) for part in match.groups())
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise InputError(field, "date.year_range", value=raw, low=MIN_YEAR, high=MAX_YEAR)
    if not 1 <= month <= 12:
        raise InputError(field, "date.no_such_day", value=raw)
    if not 1 <= day <= days_in_month(year, month):
        raise InputError(field, "date.no_such_day", value=raw)
    return date(year, month, day)


def parse_month(text: str, *, field: str = "month") -> Month:
    """Parse a bill name ``2025-04`` (also ``2025/4``, ``2025年04月``, ``202504``) or raise ``InputError``."""
    raw = _normalise(text, field)
    if not raw:
        raise InputError(field, "month.empty")
    match = _MONTH.match(raw) or _COMPACT_MONTH.match(raw)
    if not match:
        raise InputError(field, "month.malformed", value=raw)
    year, month = (int(part) for part in match.groups())
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise InputError(field, "date.year_range", value=raw, low=MIN_YEAR, high=MAX_YEAR)
    if not 1 <= month <= 12:
        raise InputError(field, "month.malformed", value=raw)
    return Month(year, month)


def parse_day_of_month(text: str | int, *, field: str) -> int:
    """A statement or due day: a whole number 1–28 (Huabei's offered days vary, so any of them is allowed)."""
    return parse_whole_number(text, field=field, low=1, high=28, malformed="day.malformed", out_of_range="day.range")


def days_between(start: date, end: date) -> int:
    """``end − start`` in calendar days (negative when ``end`` is earlier)."""
    return (end - start).days


@cache
def shanghai_tz() -> tzinfo:
    """Asia/Shanghai as a ``tzinfo`` (``datetime.now(shanghai_tz())``); loaded on first use, not at import."""
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    try:
        return ZoneInfo(TZ)
    except ZoneInfoNotFoundError:  # no tz database (Windows without tzdata): Arrow < 1.4 reads dateutil's own
        import arrow

        return arrow.now(TZ).tzinfo


def add_days(day: date, days: int) -> date:
    """``day`` moved by whole calendar days (the same as Arrow's ``shift(days=…)``, see the module docstring)."""
    return date.fromordinal(day.toordinal() + days)


def add_years(day: date, years: int) -> date:
    """Shift by whole years; Feb 29 lands on Feb 28 when the target year has none (Arrow's rule, and ours)."""
    try:
        return date(day.year + years, day.month, day.day)
    except ValueError:
        if (day.month, day.day) != (2, 29):
            raise  # the year is out of range: as Arrow, refuse
        return date(day.year + years, 2, 28)


def shanghai_date(moment: datetime | arrow.Arrow | str) -> date:
    """The Shanghai calendar date of a moment; naive datetimes and strings are read as Shanghai wall time."""
    if isinstance(moment, str):
        from arrow.parser import DateTimeParser

        # Parse first, then decide: ``arrow.get(text, tzinfo=TZ)`` would replace an offset the text carries
        # ("…T16:30Z" would be read as 16:30 in Shanghai instead of 00:30 the next day).
        moment = DateTimeParser().parse_iso(moment.strip())
    if isinstance(moment, datetime):
        if moment.tzinfo is None:
            return moment.date()
        return moment.astimezone(shanghai_tz()).date()
    import arrow

    return arrow.get(moment).to(TZ).date()


def shanghai_wall_time(moment: datetime) -> datetime:
    """A moment as naive Shanghai wall time, so moments stored with and without an offset sort together
    (Python refuses to compare the two kinds)."""
    if moment.tzinfo is None:
        return moment
    return moment.astimezone(shanghai_tz()).replace(tzinfo=None)


def iso(day: date | None) -> str | None:
    return day.isoformat() if day else None
