"""Turning stored documents into domain values and back.

Documents are plain JSON: money as integer fen, dates as ``YYYY-MM-DD``, months as ``YYYY-MM``, rates as decimal
strings. Anything that does not decode (a hand-edited file, say) raises ``StoreCorrupt`` naming the table,
rather than surfacing later as a confusing crash in a screen.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

from huabei_tui.domain.account import (
    DEFAULT_INSTALLMENT_RATES,
    DEFAULT_INTEREST_RATE,
    DEFAULT_MIN_RATE,
    Account,
)
from huabei_tui.domain.bill_instalments import BillInstalment
from huabei_tui.domain.bills import Payment
from huabei_tui.domain.dates import Month
from huabei_tui.domain.installments import InstallmentPlan
from huabei_tui.domain.ledger import Checklist, ContactEntry, Ledger, Purchase
from huabei_tui.storage.errors import StoreCorrupt

Doc = dict[str, Any]
Tables = Mapping[str, Mapping[str, Doc]]


def _date(text: str | None) -> date | None:
    return date.fromisoformat(text) if text else None


def _month(text: str) -> Month:
    year, month = text.split("-")
    return Month(int(year), int(month))


def _fen(value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(f"amount must be integer fen, got {value!r}")
    return value


def account_to_doc(account: Account) -> Doc:
    return {
        "limit": account.limit,
        "statement_day": account.statement_day,
        "due_day": account.due_day,
        "auto_repay": account.auto_repay,
        "balance": account.balance,
        "balance_checked_on": account.balance_checked_on.isoformat() if account.balance_checked_on else None,
        "opened": account.opened.isoformat() if account.opened else None,
        "fee_rate": str(account.fee_rate),
        "installment_rates": {str(k): str(v) for k, v in account.installment_rates.items()},
        "min_rate": str(account.min_rate),
        "interest_rate": str(account.interest_rate),
    }


def account_from_doc(doc: Doc | None) -> Account:
    if not doc:
        return Account()
    rates = doc.get("installment_rates") or {}
    return Account(
        limit=None if doc.get("limit") is None else _fen(doc["limit"]),
        statement_day=int(doc.get("statement_day", 1)),
        due_day=int(doc.get("due_day", 10)),
        auto_repay=doc.get("auto_repay"),
        balance=None if doc.get("balance") is None else _fen(doc["balance"]),
        balance_checked_on=_date(doc.get("balance_checked_on")),
        opened=_date(doc.get("opened")),
        fee_rate=Decimal(doc.get("fee_rate", "0.05")),
        installment_rates={int(k): Decimal(v) for k, v in rates.items()} or dict(DEFAULT_INSTALLMENT_RATES),
        min_rate=Decimal(doc.get("min_rate", str(DEFAULT_MIN_RATE))),
        interest_rate=Decimal(doc.get("interest_rate", str(DEFAULT_INTEREST_RATE))),
    )


def payment_to_doc(payment: Payment) -> Doc:
    return {
        "id": payment.id,
        "month": str(payment.month),
        "amount": payment.amount,
        "on": payment.on.isoformat(),
        "source": payment.source,
        "order_no": payment.order_no,
    }


def payment_from_doc(doc: Doc) -> Payment:
    return Payment(
        id=str(doc["id"]),
        month=_month(doc["month"]),
        amount=_fen(doc["amount"]),
        on=date.fromisoformat(doc["on"]),
        source=doc.get("source", "manual"),
        order_no=doc.get("order_no"),
    )


def purchase_to_doc(purchase: Purchase) -> Doc:
    return {
        "order_no": purchase.order_no,
        "time": purchase.time.isoformat(),
        "amount": purchase.amount,
        "description": purchase.description,
        "refund": purchase.refund,
        "installments": purchase.installments,
    }


def purchase_from_doc(doc: Doc) -> Purchase:
    return Purchase(
        order_no=str(doc["order_no"]),
        time=datetime.fromisoformat(doc["time"]),
        amount=_fen(doc["amount"]),
        description=doc.get("description", ""),
        refund=bool(doc.get("refund", False)),
        installments=doc.get("installments"),
    )


def plan_to_doc(plan: InstallmentPlan) -> Doc:
    return {
        "id": plan.id,
        "principal": plan.principal,
        "periods": plan.periods,
        "fee_percent": str(plan.fee_percent),
        "first_bill": str(plan.first_bill),
        "description": plan.description,
        "order_no": plan.order_no,
    }


def plan_from_doc(doc: Doc) -> InstallmentPlan:
    return InstallmentPlan(
        id=str(doc["id"]),
        principal=_fen(doc["principal"]),
        periods=int(doc["periods"]),
        fee_percent=Decimal(doc["fee_percent"]),
        first_bill=_month(doc["first_bill"]),
        description=doc.get("description", ""),
        order_no=doc.get("order_no"),
    )


def minimum_to_doc(month: Month, amount: int) -> Doc:
    return {"month": str(month), "amount": amount}


def bill_instalment_to_doc(split: BillInstalment) -> Doc:
    return {
        "id": split.id,
        "month": str(split.month),
        "periods": split.periods,
        "principal": split.principal,
        "fee_percent": str(split.fee_percent),
        "on": split.on.isoformat(),
    }


def bill_instalment_from_doc(doc: Doc) -> BillInstalment:
    return BillInstalment(
        id=str(doc["id"]),
        month=_month(doc["month"]),
        periods=int(doc["periods"]),
        principal=_fen(doc["principal"]),
        fee_percent=Decimal(doc["fee_percent"]),
        on=date.fromisoformat(doc["on"]),
    )


def checklist_to_doc(name: str, checklist: Checklist) -> Doc:
    return {
        "name": name,
        "ticks": {step: day.isoformat() for step, day in checklist.ticks.items()},
        "answer": checklist.answer,
        "answered_on": checklist.answered_on.isoformat() if checklist.answered_on else None,
    }


def checklist_from_doc(doc: Doc | None) -> Checklist:
    if not doc:
        return Checklist()
    return Checklist(
        ticks={step: date.fromisoformat(day) for step, day in (doc.get("ticks") or {}).items()},
        answer=doc.get("answer"),
        answered_on=_date(doc.get("answered_on")),
    )


def contact_to_doc(entry: ContactEntry) -> Doc:
    return {"id": entry.id, "on": entry.on.isoformat(), "topic": entry.topic, "outcome": entry.outcome,
            "note": entry.note}


def contact_from_doc(doc: Doc) -> ContactEntry:
    return ContactEntry(id=str(doc["id"]), on=date.fromisoformat(doc["on"]), topic=doc["topic"],
                        outcome=doc["outcome"], note=doc.get("note", ""))


def _docs(table: Mapping[str, Doc]) -> list[Doc]:
    return [table[key] for key in sorted(table, key=lambda k: int(k) if str(k).isdigit() else 0)]


def _checklists(docs: list[Doc]) -> tuple[Checklist, Checklist, Checklist]:
    lists = {d.get("name"): d for d in docs}
    return tuple(checklist_from_doc(lists.get(name)) for name in ("auth", "recovery", "revoke"))  # type: ignore[return-value]


#: How each table becomes (part of) a ``Ledger``, in the order they are decoded.
_DECODERS: dict[str, Callable[[list[Doc]], Any]] = {
    "account": lambda docs: account_from_doc(docs[0] if docs else None),
    "bills": lambda docs: {_month(d["month"]): _fen(d["amount"]) for d in docs},
    "payments": lambda docs: tuple(payment_from_doc(d) for d in docs),
    "purchases": lambda docs: tuple(purchase_from_doc(d) for d in docs),
    "plans": lambda docs: tuple(plan_from_doc(d) for d in docs),
    "checklists": _checklists,
    "contacts": lambda docs: tuple(contact_from_doc(d) for d in docs),
    "minimums": lambda docs: {_month(d["month"]): _fen(d["amount"]) for d in docs},
    "bill_instalments": lambda docs: tuple(bill_instalment_from_doc(d) for d in docs),
}


class DecodedTables:
    """The decoded value of each table, kept with the table it came from, for ``ledger_from_tables``.

    A change rewrites one or two tables, but the whole ledger is decoded before it (the domain checks run on
    the file as it is now) and after it (the app reloads): with years of imported purchases that was a quarter
    of a second per checklist tick, almost all of it turning the same purchases into the same values. A table
    that is the same object as last time (the store's shared copy) or equal to it (the same file decoded
    again, compared at C speed) reuses its decoded value. The values are immutable, so sharing them is safe.
    """

    def __init__(self) -> None:
        self._entries: dict[str, tuple[Mapping[str, Doc], Any]] = {}

    def value(self, name: str, table: Mapping[str, Doc], *, remember: bool) -> Any:
        entry = self._entries.get(name)
        if entry is not None and (entry[0] is table or entry[0] == table):
            if remember and entry[0] is not table:
                self._entries[name] = (table, entry[1])  # next time, the identity check answers
            return entry[1]
        value = _DECODERS[name](_docs(table))
        if remember:
            self._entries[name] = (table, value)
        return value


def ledger_from_tables(
    tables: Tables, path: Path | None = None, cache: DecodedTables | None = None, *, remember: bool = True
) -> Ledger:
    """Decode a whole database; ``StoreCorrupt`` names the table whose documents do not make sense.

    With a ``cache``, tables decoded before are not decoded again. Pass ``remember=False`` for tables that
    may still change (a transaction's, which TinyDB edits in place): they are compared with what is
    remembered but never remembered themselves, since a remembered table must never change afterwards.
    """
    cache = cache if cache is not None else DecodedTables()
    values: dict[str, Any] = {}
    current = ""
    try:
        for current in _DECODERS:
            values[current] = cache.value(current, tables.get(current) or {}, remember=remember)
    except (KeyError, TypeError, ValueError, ArithmeticError, AttributeError, IndexError) as exc:
        # The reason is a translated key; the table and the exception stay in the traceback for debugging.
        raise StoreCorrupt(path or Path("?"), "wrong_format", None) from ValueError(f"table {current!r}: {exc}")
    auth, recovery, revoke = values["checklists"]
    return Ledger(
        account=values["account"],
        manual_bills=values["bills"],
        payments=values["payments"],
        purchases=values["purchases"],
        plans=values["plans"],
        auth_check=auth,
        recovery=recovery,
        revoke=revoke,
        contacts=values["contacts"],
        minimums=values["minimums"],
        bill_instalments=values["bill_instalments"],
    )
