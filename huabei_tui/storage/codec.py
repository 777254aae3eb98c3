"""Turning stored documents into domain values and back.

Documents are plain JSON: money as integer fen, dates as ``YYYY-MM-DD``, months as ``YYYY-MM``, rates as decimal
strings. Anything that does not decode (a hand-edited file, say) raises ``StoreCorrupt`` naming the table,
rather than surfacing later as a confusing crash in a screen.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

from huabei_tui.domain.account import DEFAULT_INSTALLMENT_RATES, Account
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


def _docs(tables: Tables, name: str) -> list[Doc]:
    table = tables.get(name) or {}
    return [table[key] for key in sorted(table, key=lambda k: int(k) if str(k).isdigit() else 0)]


def ledger_from_tables(tables: Tables, path: Path | None = None) -> Ledger:
    """Decode a whole database; ``StoreCorrupt`` names the table whose documents do not make sense."""
    current = "account"
    try:
        account = account_from_doc(next(iter(_docs(tables, "account")), None))
        current = "bills"
        bills = {_month(d["month"]): _fen(d["amount"]) for d in _docs(tables, "bills")}
        current = "payments"
        payments = tuple(payment_from_doc(d) for d in _docs(tables, "payments"))
        current = "purchases"
        purchases = tuple(purchase_from_doc(d) for d in _docs(tables, "purchases"))
        current = "plans"
        plans = tuple(plan_from_doc(d) for d in _docs(tables, "plans"))
        current = "checklists"
        lists = {d.get("name"): d for d in _docs(tables, "checklists")}
        current = "contacts"
        contacts = tuple(contact_from_doc(d) for d in _docs(tables, "contacts"))
    except (KeyError, TypeError, ValueError, ArithmeticError, AttributeError) as exc:
        # The reason is a translated key; the table and the exception stay in the traceback for debugging.
        raise StoreCorrupt(path or Path("?"), "wrong_format", None) from ValueError(f"table {current!r}: {exc}")
    return Ledger(
        account=account,
        manual_bills=bills,
        payments=payments,
        purchases=purchases,
        plans=plans,
        auth_check=checklist_from_doc(lists.get("auth")),
        recovery=checklist_from_doc(lists.get("recovery")),
        revoke=checklist_from_doc(lists.get("revoke")),
        contacts=contacts,
    )
