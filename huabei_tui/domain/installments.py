"""Huabei instalment plans (花呗分期): how a purchase split into N periods lands on the following bills.

Each period carries an equal share of the principal plus an equal share of the plan's total fee; the fen that do
not divide evenly go on the first period, so the periods always add up to exactly principal + fee.

A refund of the purchase reaches the parts not billed yet (``refund_schedule``): a refund of at least their
principal cancels them, fee and all; a smaller one lowers them pro rata. Before this rule a fully refunded plan
kept billing its later parts, which then showed as overdue for months.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from decimal import Decimal
from functools import lru_cache

from huabei_tui.domain.dates import Month
from huabei_tui.domain.errors import InputError
from huabei_tui.domain.money import Fen, fen_from_decimal

PERIOD_CHOICES = (3, 6, 9, 12, 24)
#: The most periods a stored plan may have: what an import can read from ``花呗分期(N期)`` (three digits). A
#: larger count is not a plan but damage (10^8 periods would take the summary forever), and so is 0.
MAX_PERIODS = 999


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
    """The plan's periods, oldest first (the caller's own list)."""
    return list(_schedule(plan))


@lru_cache(maxsize=8192)
def _schedule(plan: InstallmentPlan) -> tuple[Period, ...]:
    # A summary asks for every plan's periods several times (bills, the minimum, the unbilled principal, the
    # calendar): plans and periods are immutable, so they are worked out once per plan.
    principals = _split(plan.principal, plan.periods)
    fees = _split(plan.total_fee, plan.periods)
    return tuple(
        Period(number=i + 1, bill=plan.first_bill.shift(i), principal=principals[i], fee=fees[i])
        for i in range(plan.periods)
    )


def check_periods(periods: int, *, field: str = "periods") -> int:
    if periods not in PERIOD_CHOICES:
        raise InputError(field, "installment.periods", value=periods, choices="/".join(map(str, PERIOD_CHOICES)))
    return periods


def refund_target(order_no: str) -> str | None:
    """The order number a refund's order number points at: Alipay writes a refund as ``<original>_<suffix>``.

    None when there is no such link (a refund with a plain or hidden number cannot be tied to its purchase).
    """
    original, underscore, suffix = order_no.partition("_")
    return original if underscore and original and suffix else None


@dataclass(frozen=True)
class RefundEffect:
    """What one refund did to a plan, for the import preview and the tests.

    ``cancelled`` parts were removed (principal and fee), or ``lowered`` parts kept with smaller amounts;
    ``credited`` is the rest of the refund (principal of parts already billed), which lowers the bill of the
    refund's cycle like any refund.
    """

    bill: Month
    amount: Fen
    cancelled: int
    lowered: int
    credited: Fen
    before: Fen  # principal + fee of the parts the refund reached, before it
    after: Fen  # and after it


def refund_schedule(
    plan: InstallmentPlan, refunds: Iterable[tuple[Month, Fen]]
) -> tuple[list[Period], dict[Month, Fen], list[RefundEffect]]:
    """The plan's periods after refunds of its purchase, what the refunds credit beyond them, and what each did.

    ``refunds`` are ``(bill of the refund's cycle, amount)``; they apply in cycle order. A refund made while bill
    ``B`` accumulates reaches the parts on ``B`` and later: ``B`` is not issued yet, so none of those parts has
    been billed. A refund of at least their principal cancels them (fee too) and the rest of it is credited to
    ``B``: that is the principal of parts already billed coming back. A smaller refund lowers their principal by
    the refund and their fee in the same proportion (rounded half up, once), split again over the same parts
    with the leftover fen on the first of them, as the plan itself is split.
    """
    periods = schedule(plan)
    credits: dict[Month, Fen] = {}
    effects: list[RefundEffect] = []
    for bill, amount in sorted(refunds, key=lambda refund: refund[0]):
        if amount <= 0:
            continue
        reached = [period for period in periods if period.bill >= bill]
        kept = [period for period in periods if period.bill < bill]
        principal = sum(period.principal for period in reached)
        before = sum(period.amount for period in reached)
        if amount >= principal:
            credited = amount - principal
            if credited:
                credits[bill] = credits.get(bill, 0) + credited
            periods = kept
            effects.append(RefundEffect(bill, amount, len(reached), 0, credited, before, 0))
            continue
        remaining = principal - amount
        fee = fen_from_decimal(Decimal(sum(period.fee for period in reached)) * remaining / principal)
        principals = _split(remaining, len(reached))
        fees = _split(fee, len(reached))
        lowered = [replace(period, principal=principals[i], fee=fees[i]) for i, period in enumerate(reached)]
        periods = kept + lowered
        effects.append(RefundEffect(bill, amount, 0, len(reached), 0, before, remaining + fee))
    return periods, credits, effects
