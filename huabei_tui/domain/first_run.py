"""The first run: when to offer the setup, what its steps are, and what a user with no bill yet should do next.

A new user used to get a hint box and "Never overdue", which is not true of anyone yet: nobody's record is known
before a bill is. The app offers a short setup on the first start with an empty data file (limit, the
statement/due day pair, auto-repay, the repayment balance, then an offer to import the Alipay export); each step
can be skipped, and the setup is offered once: finishing or leaving it is remembered in the data file, so each
profile (each file) gets its own first run. Until a bill exists the status screen lists ``next_steps`` instead of
judging a record that does not exist yet.

Pure: the screens ask, the repository remembers.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from huabei_tui.domain.account import Account
from huabei_tui.domain.cycle import ALIPAY_DAY_PAIRS
from huabei_tui.domain.dates import parse_day_of_month
from huabei_tui.domain.errors import InputError

#: The setup's steps, in the order they are asked.
STEPS = ("limit", "days", "auto_repay", "balance", "import")

#: The data file's setting that remembers the setup, and its values.
SETTING = "first_run"
FINISHED = "finished"
LEFT = "left"  # Esc: the user left it; not offered again (the settings and the palette still open it)
OUTCOMES = (FINISHED, LEFT)


def offers_setup(ledger_is_empty: bool, remembered: object, *, demo: bool) -> bool:
    """Open the setup at start? Only on an empty file, never for ``--demo``, and only until it was finished or
    left once (``remembered`` is the stored setting, anything else counts as never run)."""
    return ledger_is_empty and not demo and remembered not in OUTCOMES


#: Separators people type between two days: "1/10", "1-10", "1 10", "1，10", "1、10" (full-width ones are
#: normalised to these by the number reader first).
_PAIR = re.compile(r"\s*([^/\-,、\s]+)\s*(?:[/\-,、]|\s)\s*([^/\-,、\s]+)\s*")


@dataclass(frozen=True)
class DayPair:
    statement_day: int
    due_day: int

    def __str__(self) -> str:
        return f"{self.statement_day}/{self.due_day}"


#: The pairs Alipay offers, as the setup lists them.
OFFERED_PAIRS = tuple(DayPair(s, d) for s, d in ALIPAY_DAY_PAIRS)


def parse_day_pair(text: str, *, field: str = "day_pair") -> DayPair:
    """A statement/due day pair typed by a person: two days 1–28 (ASCII or full-width digits) separated by ``/``,
    ``-``, a comma, ``、`` or a space, and not the same day. Any pair is accepted, not only the offered ones:
    Alipay's offer changes over time."""
    normal = text.replace("／", "/").replace("，", ",").replace("－", "-").replace("\u3000", " ")
    match = _PAIR.fullmatch(normal)
    if not match:
        raise InputError(field, "days.pair_malformed", value=text.strip())
    statement = parse_day_of_month(match.group(1), field="statement_day")
    due = parse_day_of_month(match.group(2), field="due_day")
    if statement == due:
        raise InputError("due_day", "day.same_as_statement", value=due)
    return DayPair(statement, due)


def next_steps(account: Account, has_bills: bool) -> tuple[str, ...]:
    """What to do next, most useful first, while no bill exists (empty once one does): get the bills in (import,
    or type one), then the settings still missing. The opening date last: without it the grid marks the months
    before the first bill unknown."""
    if has_bills:
        return ()
    steps = ["import", "add_bill"]
    if account.limit is None:
        steps.append("limit")
    if account.balance is None:
        steps.append("balance")
    if account.auto_repay is None:
        steps.append("auto_repay")
    if account.opened is None:
        steps.append("opened")
    return tuple(steps)
