"""The user's Huabei settings and what they know about their repayment balance and credit reporting."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date
from decimal import Decimal

from huabei_tui.domain.cycle import DEFAULT_DUE_DAY, DEFAULT_STATEMENT_DAY
from huabei_tui.domain.errors import InputError
from huabei_tui.domain.money import Fen

#: 0.05% a day: widely reported, not from a primary source, hence a setting.
DEFAULT_FEE_RATE = Decimal("0.05")

#: The minimum payment (最低还款) is this percent of a bill's principal (plus interest and instalment parts): the
#: figure most sources give, not Alipay's published rule, hence a setting; Alipay's own figure can be typed per bill.
DEFAULT_MIN_RATE = Decimal("10")

#: Daily interest on what is left after a minimum payment, in percent (0.05%/day is the figure seen).
DEFAULT_INTEREST_RATE = Decimal("0.05")

#: Total fee per instalment plan by number of periods, in percent (public figures; 9 and 24 interpolated guesses
#: the user should check in the Alipay app).
DEFAULT_INSTALLMENT_RATES: dict[int, Decimal] = {
    3: Decimal("2.3"),
    6: Decimal("4.5"),
    9: Decimal("6.5"),
    12: Decimal("7.5"),
    24: Decimal("15"),
}


@dataclass(frozen=True)
class Account:
    limit: Fen | None = None
    statement_day: int = DEFAULT_STATEMENT_DAY
    due_day: int = DEFAULT_DUE_DAY
    auto_repay: bool | None = None
    balance: Fen | None = None
    balance_checked_on: date | None = None
    opened: date | None = None
    fee_rate: Decimal = DEFAULT_FEE_RATE
    installment_rates: dict[int, Decimal] = field(default_factory=lambda: dict(DEFAULT_INSTALLMENT_RATES))
    #: Percent of a bill's principal (spending + carried-in principal) that makes its minimum payment.
    min_rate: Decimal = DEFAULT_MIN_RATE
    #: Percent per day charged on the remainder after a minimum payment.
    interest_rate: Decimal = DEFAULT_INTEREST_RATE

    def with_changes(self, **changes: object) -> Account:
        """A copy with ``changes`` applied, checked as a whole (statement and due day must differ)."""
        updated = replace(self, **changes)
        if updated.statement_day == updated.due_day:
            raise InputError("due_day", "day.same_as_statement", value=updated.due_day)
        return updated


def parse_on_off(text: str, *, field: str) -> bool:
    value = str(text).strip().lower()
    if value in {"on", "yes", "true", "1", "开", "开启", "是"}:
        return True
    if value in {"off", "no", "false", "0", "关", "关闭", "否"}:
        return False
    raise InputError(field, "onoff.malformed", value=str(text).strip())
