"""Huabei instalment plans (花呗分期): how a purchase split into N periods lands on the following bills.

Each period carries an equal share of the principal plus an equal share of the plan's total fee; the fen that do
not divide evenly go on the first period, so the periods always add up to exactly principal + fee.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from huabei_tui.domain.dates import Month
from huabei_tui.domain.errors import InputError
from huabei_tui.domain.money import Fen, fen_from_decimal

PERIOD_CHOICES = (3, 6, 9, 12, 24)


@dataclass(frozen=True)
class InstallmentPlan:
    id: str
    principal: Fen
    periods: int
    fee_percent: Decimal
    first_bill: Month
    description: str = ""
    order_no: str | None = None

    @property
    def total_fee(self) -> Fen:
        return fen_from_decimal(Decimal(self.principal) * self.fee_percent / Decimal(100))


@dataclass(frozen=True)
class Period:
    number: int
    bill: Month
    principal: Fen
    fee: Fen

    @property
    def amount(self) -> Fen:
        return self.principal + self.fee


def _split(total: Fen, parts: int) -> list[Fen]:
    share, rest = divmod(total, parts)
    return [share + rest] + [share] * (parts - 1)


def schedule(plan: InstallmentPlan) -> list[Period]:
    principals = _split(plan.principal, plan.periods)
    fees = _split(plan.total_fee, plan.periods)
    return [
        Period(number=i + 1, bill=plan.first_bill.shift(i), principal=principals[i], fee=fees[i])
        for i in range(plan.periods)
    ]


def check_periods(periods: int, *, field: str = "periods") -> int:
    if periods not in PERIOD_CHOICES:
        raise InputError(field, "installment.periods", value=periods, choices="/".join(map(str, PERIOD_CHOICES)))
    return periods
