"""Instalment plans: the periods add up exactly to principal + fee, remainders on the first period."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from huabei_tui.domain.account import DEFAULT_INSTALLMENT_RATES, Account
from huabei_tui.domain.dates import Month
from huabei_tui.domain.errors import InputError
from huabei_tui.domain.installments import PERIOD_CHOICES, InstallmentPlan, check_periods, schedule

AUGUST = Month(2025, 8)


def plan(principal: int, periods: int, rate: str, first: Month = AUGUST) -> InstallmentPlan:
    return InstallmentPlan(id="p", principal=principal, periods=periods, fee_percent=Decimal(rate), first_bill=first)


def test_even_split() -> None:
    p = plan(360_000, 6, "4.5")
    assert p.total_fee == 16_200
    periods = schedule(p)
    assert [x.principal for x in periods] == [60_000] * 6
    assert [x.fee for x in periods] == [2_700] * 6
    assert [x.amount for x in periods] == [62_700] * 6
    assert [x.number for x in periods] == [1, 2, 3, 4, 5, 6]
    assert [str(x.bill) for x in periods] == ["2025-08", "2025-09", "2025-10", "2025-11", "2025-12", "2026-01"]


def test_remainders_go_on_the_first_period() -> None:
    p = plan(100_000, 3, "2.3")  # ¥1,000 in 3: fee ¥23.00
    assert p.total_fee == 2_300
    periods = schedule(p)
    assert [x.principal for x in periods] == [33_334, 33_333, 33_333]
    assert [x.fee for x in periods] == [768, 766, 766]
    assert sum(x.amount for x in periods) == 100_000 + 2_300


def test_total_fee_rounds_half_up_once() -> None:
    assert plan(10_010, 3, "2.5").total_fee == 250  # 250.25
    assert plan(10_020, 3, "2.5").total_fee == 251  # 250.5 → 251 (half up)
    assert plan(100, 12, "7.5").total_fee == 8  # 7.5 → 8


def test_schedule_crosses_the_year_end() -> None:
    periods = schedule(plan(1_200, 12, "0", Month(2025, 11)))
    assert periods[0].bill == Month(2025, 11)
    assert periods[2].bill == Month(2026, 1)
    assert periods[-1].bill == Month(2026, 10)
    assert all(x.fee == 0 for x in periods)


@settings(max_examples=200, deadline=None)
@given(
    principal=st.integers(min_value=1, max_value=10_000_000),
    periods=st.sampled_from(PERIOD_CHOICES),
    rate=st.sampled_from(["0", "2.3", "4.5", "6.5", "7.5", "15", "0.01"]),
)
def test_schedule_sums_exactly(principal: int, periods: int, rate: str) -> None:
    p = plan(principal, periods, rate)
    rows = schedule(p)
    assert len(rows) == periods
    assert sum(r.principal for r in rows) == principal
    assert sum(r.fee for r in rows) == p.total_fee
    assert sum(r.amount for r in rows) == principal + p.total_fee
    assert all(rows[0].principal >= r.principal for r in rows)
    assert len({r.principal for r in rows[1:]}) <= 1
    assert all(r.principal >= 0 and r.fee >= 0 for r in rows)


@pytest.mark.parametrize("periods", PERIOD_CHOICES)
def test_check_periods_accepts_offered(periods: int) -> None:
    assert check_periods(periods) == periods


@pytest.mark.parametrize("periods", [0, 1, 2, 4, 18, 36, -3])
def test_check_periods_refuses_others(periods: int) -> None:
    with pytest.raises(InputError) as caught:
        check_periods(periods)
    assert (caught.value.field, caught.value.key) == ("periods", "installment.periods")


def test_default_rates_are_settings() -> None:
    assert DEFAULT_INSTALLMENT_RATES[3] == Decimal("2.3")
    assert DEFAULT_INSTALLMENT_RATES[6] == Decimal("4.5")
    assert DEFAULT_INSTALLMENT_RATES[12] == Decimal("7.5")
    assert set(DEFAULT_INSTALLMENT_RATES) == set(PERIOD_CHOICES)
    custom = Account().with_changes(installment_rates={3: Decimal("1.9")})
    assert custom.installment_rates == {3: Decimal("1.9")}
    assert Account().installment_rates[3] == Decimal("2.3")  # each account has its own copy
