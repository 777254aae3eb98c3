"""Bill instalments (账单分期): a whole issued bill split into 3, 6, 9 or 12 parts for a total fee.

Between its statement date and its due date (both inclusive) a bill that is not overdue and not split already can
be converted: what is outstanding that day becomes the principal, the fee is that principal times the instalment
fee table's rate for the period count (rounded half up once), and both are spread exactly as purchase plans spread
them (equal shares, the leftover fen on the first part). Part *k* lands on bill MONTH + *k*. The bill itself then
counts as repaid (status ``instalment``): nothing is overdue on it, and it is never reported as late.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from huabei_tui.domain import cycle
from huabei_tui.domain.dates import Month
from huabei_tui.domain.errors import InputError
from huabei_tui.domain.installments import InstallmentPlan, Period, schedule
from huabei_tui.domain.money import Fen

#: The period counts Alipay offers for a whole bill (a purchase can also take 24); each needs a rate in the table.
BILL_INSTALMENT_PERIODS = (3, 6, 9, 12)


@dataclass(frozen=True)
class BillInstalment:
    """One bill converted into instalments on ``on``: what was outstanding then and the rate that applied."""

    id: str
    month: Month
    periods: int
    principal: Fen
    fee_percent: Decimal
    on: date

    @property
    def plan(self) -> InstallmentPlan:
        """The same plan a purchase split into ``periods`` would have, starting on the next bill."""
        return InstallmentPlan(
            id=self.id,
            principal=self.principal,
            periods=self.periods,
            fee_percent=self.fee_percent,
            first_bill=self.first_bill,
            description=str(self.month),
        )

    @property
    def first_bill(self) -> Month:
        return self.month.shift(1)

    @property
    def last_bill(self) -> Month:
        return self.month.shift(self.periods)

    @property
    def total_fee(self) -> Fen:
        return self.plan.total_fee

    def parts(self) -> list[Period]:
        return schedule(self.plan)


#: Full-width digits (what a Chinese input method types) read as ASCII; no other Unicode digit is a number here.
_FULL_WIDTH_DIGITS = str.maketrans("０１２３４５６７８９", "0123456789")


def parse_periods(text: str, rates: Mapping[int, Decimal]) -> int:
    """A period count typed by a person (``6`` or ``６``) that the fee table offers for a bill; else ``InputError``
    naming the choices."""
    raw = str(text if text is not None else "").strip()
    digits = raw.translate(_FULL_WIDTH_DIGITS)
    offered = offered_periods(rates)
    if not (digits.isascii() and digits.isdigit()) or len(digits) > 3 or int(digits) not in offered:
        raise InputError("periods", "instalment.periods", value=raw, choices="/".join(map(str, offered)))
    return int(digits)


def offered_periods(rates: Mapping[int, Decimal]) -> tuple[int, ...]:
    """The period counts a bill can be split into with this fee table (3/6/9/12, each only if it has a rate)."""
    return tuple(p for p in BILL_INSTALMENT_PERIODS if p in rates)


def instalment_window(month: Month, statement_day: int, due_day: int) -> tuple[date, date]:
    """First and last day (both inclusive) on which bill ``month`` can be split: its statement and due dates."""
    return cycle.statement_date(month, statement_day), cycle.due_date(month, statement_day, due_day)


def first_part_issued_on(split: BillInstalment, statement_day: int) -> date:
    """The day the first part appears on a bill (that bill's statement date): from then on it cannot be undone."""
    return cycle.statement_date(split.first_bill, statement_day)


def in_force(splits: Iterable[BillInstalment], today: date) -> dict[Month, BillInstalment]:
    """The splits made on or before ``today``, by bill (a "what if" run on an earlier day does not see later ones)."""
    return {s.month: s for s in splits if s.on <= today}


def parts_by_bill(splits: Iterable[BillInstalment], up_to: Month) -> dict[Month, Fen]:
    """Principal + fee of every part landing on each bill up to ``up_to`` (the bill now accumulating)."""
    due: dict[Month, Fen] = {}
    for split in splits:
        for part in split.parts():
            if part.bill <= up_to:
                due[part.bill] = due.get(part.bill, 0) + part.amount
    return due


def unbilled_principal(splits: Iterable[BillInstalment], after: Month) -> Fen:
    """Principal of the parts landing on bills after ``after``: still owed, so it counts against the limit."""
    return sum(part.principal for split in splits for part in split.parts() if part.bill > after)
