"""The one place that asks what day it is.

Everything below the CLI and the app receives ``today`` as a plain date: tests, snapshots and "what if" runs set
it with ``--today`` or ``HUABEI_TODAY``; otherwise it is the current date in Shanghai, whatever the machine's
timezone (a server in UTC would otherwise show the wrong day between 00:00 and 08:00 Shanghai time).
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime

from huabei_tui.domain.dates import parse_date, shanghai_date

ENV_TODAY = "HUABEI_TODAY"


def _now() -> datetime:
    return datetime.now(UTC)


def _shanghai_today() -> date:
    # ``arrow.now(TZ).date()`` without importing Arrow (see domain/dates.py): the same tz database, via zoneinfo.
    return shanghai_date(_now())


@dataclass(frozen=True)
class Clock:
    """Hands out today's date; ``fixed`` pins it."""

    fixed: date | None = None
    source: Callable[[], date] = field(default=_shanghai_today, repr=False, compare=False)

    def today(self) -> date:
        return self.fixed if self.fixed is not None else self.source()

    @classmethod
    def following(cls, now: Callable[[], datetime]) -> Clock:
        """A clock whose day is the Shanghai date of the instant ``now()`` gives (an aware ``datetime``): a test
        moves that instant past midnight in Shanghai to see what an app left open overnight shows."""
        return cls(source=lambda: shanghai_date(now()))

    @classmethod
    def from_option(cls, option: str | None, environ: dict[str, str] | None = None) -> Clock:
        """Build the clock from ``--today`` or, failing that, ``HUABEI_TODAY``; raises ``InputError`` if bad."""
        env = os.environ if environ is None else environ
        if option is not None:  # given, even empty: ``--today ""`` is a mistake to say, not "use the real date"
            return cls(parse_date(option, field="today"))
        text = env.get(ENV_TODAY) or None
        # A bad value names the variable it came from: the user may have typed no --today at all.
        return cls(parse_date(text, field="today_env")) if text else cls()
