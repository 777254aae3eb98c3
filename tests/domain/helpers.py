"""Small builders shared by the domain tests: bills, payments and evaluated states with the default settings."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from huabei_tui.domain.bills import Bill, BillState, Payment, evaluate_bill
from huabei_tui.domain.dates import Month

RATE = Decimal("0.05")


def d(text: str) -> date:
    return date.fromisoformat(text)


def m(text: str) -> Month:
    year, month = text.split("-")
    return Month(int(year), int(month))


def pay(month: str, yuan: str, on: str, pid: str | None = None) -> Payment:
    fen = int(Decimal(yuan) * 100)
    return Payment(id=pid or f"{month}-{on}-{fen}", month=m(month), amount=fen, on=d(on))


def state(
    month: str,
    yuan: str,
    payments: list[Payment] | tuple[Payment, ...] = (),
    *,
    today: str,
    statement_day: int = 1,
    due_day: int = 10,
    rate: Decimal = RATE,
) -> BillState:
    return evaluate_bill(
        Bill(m(month), int(Decimal(yuan) * 100)),
        list(payments),
        statement_day=statement_day,
        due_day=due_day,
        fee_rate=rate,
        today=d(today),
    )
