"""Calendar values in the Asia/Shanghai calendar: months, dates, and parsing what people type.

A ``datetime.date`` is the value type for calendar days (hashable, comparable, JSON-friendly); Arrow does the
arithmetic that is easy to get wrong by hand: month shifts anchored on the original day, year shifts that turn
Feb 29 into Feb 28, and moving timestamps into Shanghai time before taking their date.
"""

from __future__ import annotations

import calendar
import re
import unicodedata
from dataclasses import dataclass
from datetime import date, datetime

import arrow
from arrow.parser import DateTimeParser

from huabei_tui.domain.errors import InputError

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
        return date(self.year, self.month, calendar.monthrange(self.year, self.month)[1])

    def day(self, day: int) -> date:
        """The given day of this month, clamped to the month's last day (day 31 of April is April 30)."""
        return date(self.year, self.month, min(day, calendar.monthrange(self.year, self.month)[1]))


def _normalise(text: str) -> str:
    return unicodedata.normalize("NFKC", str(text or "")).strip()


_DATE = re.compile(r"^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$")
_COMPACT_DATE = re.compile(r"^(\d{4})(\d{2})(\d{2})$")
_MONTH = re.compile(r"^(\d{4})[-/.年](\d{1,2})月?$")
_COMPACT_MONTH = re.compile(r"^(\d{4})(\d{2})$")


def parse_date(text: str, *, field: str = "date") -> date:
    """Parse ``2025-07-13`` (also ``2025/7/13``, ``2025年7月13日``, ``20250713``) or raise ``InputError``."""
    raw = _normalise(text)
    match = _DATE.match(raw) or _COMPACT_DATE.match(raw)
    if not match:
        raise InputError(field, "date.malformed", value=raw)
    year, month, day = (int(part) for part in match.groups())
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise InputError(field, "date.year_range", value=raw, low=MIN_YEAR, high=MAX_YEAR)
    if not 1 <= month <= 12:
        raise InputError(field, "date.no_such_day", value=raw)
    if not 1 <= day <= calendar.monthrange(year, month)[1]:
        raise InputError(field, "date.no_such_day", value=raw)
    return date(year, month, day)


def parse_month(text: str, *, field: str = "month") -> Month:
    """Parse a bill name ``2025-04`` (also ``2025/4``, ``2025年04月``, ``202504``) or raise ``InputError``."""
    raw = _normalise(text)
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
    raw = _normalise(str(text))
    # isdecimal, not isdigit: isdigit accepts characters int() refuses (e.g. Kharosthi digits); the length
    # cap keeps int() from refusing a pasted wall of digits (Python's 4300-digit conversion limit).
    if not raw.isdecimal() or len(raw) > 4:
        raise InputError(field, "day.malformed" if not raw.isdecimal() else "day.range", value=raw)
    day = int(raw)
    if not 1 <= day <= 28:
        raise InputError(field, "day.range", value=raw)
    return day


def days_between(start: date, end: date) -> int:
    """``end − start`` in calendar days (negative when ``end`` is earlier)."""
    return (end - start).days


def add_days(day: date, days: int) -> date:
    return arrow.Arrow.fromdate(day, tzinfo=TZ).shift(days=days).date()


def add_years(day: date, years: int) -> date:
    """Shift by whole years; Feb 29 lands on Feb 28 when the target year has none (Arrow's rule, and ours)."""
    return arrow.Arrow.fromdate(day, tzinfo=TZ).shift(years=years).date()


def shanghai_date(moment: datetime | arrow.Arrow | str) -> date:
    """The Shanghai calendar date of a moment; naive datetimes and strings are read as Shanghai wall time."""
    if isinstance(moment, str):
        # Parse first, then decide: ``arrow.get(text, tzinfo=TZ)`` would replace an offset the text carries
        # ("…T16:30Z" would be read as 16:30 in Shanghai instead of 00:30 the next day).
        moment = DateTimeParser().parse_iso(moment.strip())
    if isinstance(moment, datetime) and moment.tzinfo is None:
        return moment.date()
    return arrow.get(moment).to(TZ).date()


def iso(day: date | None) -> str | None:
    return day.isoformat() if day else None
