"""The JSON shape of a summary: what ``huabei status --json``, ``bill list --json`` and the JSON export print.

Amounts are strings with exactly two decimals ("1234.50") so no reader turns them into floats by accident;
dates are ``YYYY-MM-DD``; a value we do not know is ``null``. The grid's ``code`` is one of ``domain.grid.GRID_CODES``:
the bureau's ``N``, ``1``–``7``, ``*``, ``/``, and ``?`` for a month nobody knows about (no opening date set, before
the first recorded bill); a script that knew the first five needs to read ``?`` as "unknown", nothing else changed.
"""

from __future__ import annotations

from typing import Any

from huabei_tui.domain.bills import BillState
from huabei_tui.domain.dates import iso, shanghai_wall_time
from huabei_tui.domain.ledger import Ledger
from huabei_tui.domain.lines import LinesTotal
from huabei_tui.domain.money import format_money
from huabei_tui.domain.planner import Plan, PlanOption, Unavailable
from huabei_tui.domain.summary import Summary, shortfall_of


def _money(fen: int | None) -> str | None:
    return None if fen is None else format_money(fen)


def bill_json(state: BillState) -> dict[str, Any]:
    return {
        "month": str(state.month),
        "statement_date": iso(state.statement_date),
        "due_date": iso(state.due_date),
        "amount": _money(state.amount),
        "paid": _money(state.paid),
        "outstanding": _money(state.outstanding),
        "status": state.status,
        "overdue_days": state.overdue_days,
        "fee": _money(state.fee),
        "fee_per_day": _money(state.fee_per_day),
        "settled_on": iso(state.settled_on),
        "record_expires_on": iso(state.record_expires_on),
        "days_to_due": state.days_to_due,
        "issued": state.issued,
        "source": state.source,
        # The parts of ``amount`` (their sum), the least to pay by the due date to stay clean, and what a minimum
        # payment led to: interest accrued so far on the remainder and the bill it moved into.
        "spending": _money(state.spending),
        "carried_in": _money(state.carried_in),
        "interest_in": _money(state.interest_in),
        "instalment_due": _money(state.instalment_due),
        "minimum": _money(state.minimum),
        "interest": _money(state.interest),
        "carried_to": None if state.carried_to is None else str(state.carried_to),
    }


def status_json(summary: Summary) -> dict[str, Any]:
    account = summary.account
    next_bill = summary.next_bill
    to_pay = summary.most_urgent_bill
    carrying, carry = summary.carrying, summary.carry
    return {
        "today": iso(summary.today),
        "account": {
            "limit": _money(account.limit),
            "used": _money(summary.used),
            "available": _money(summary.available),
            "statement_day": account.statement_day,
            "due_day": account.due_day,
            "auto_repay": account.auto_repay,
            "balance": _money(account.balance),
            "balance_checked_on": iso(account.balance_checked_on),
            "credit_reporting": summary.credit_reporting,
            "opened": iso(account.opened),
            "fee_rate_percent_per_day": str(account.fee_rate),
            "min_rate_percent": str(account.min_rate),
            "interest_rate_percent_per_day": str(account.interest_rate),
            "unbilled_installments": _money(summary.unbilled_installments),
        },
        "next_bill": None
        if next_bill is None
        else {
            "month": str(next_bill.month),
            "due_date": iso(next_bill.due_date),
            "amount": _money(next_bill.amount),
            "paid": _money(next_bill.paid),
            "outstanding": _money(next_bill.outstanding),
            "minimum": _money(next_bill.minimum),
            "days_to_due": next_bill.days_to_due,
            "shortfall": _money(shortfall_of(next_bill, account.balance)),
        },
        # What to pay now: the oldest overdue bill still unpaid, else the next bill (then the same as next_bill).
        "bill_to_pay": None if to_pay is None else {
            **bill_json(to_pay),
            "fee_per_day": _money(to_pay.fee_per_day),
            "shortfall": _money(summary.shortfall),
        },
        # A bill left at its minimum: its remainder accrues interest until it moves into the next bill.
        "carrying": None if carry is None or carrying is None else {
            "month": str(carrying.month),
            "remainder": _money(carrying.outstanding),
            "interest": _money(carrying.interest),
            "interest_per_day": _money(carrying.interest_per_day),
            "moves_on": iso(carry.on),
            "into": str(carry.into),
            "moves_total": _money(carry.total),
        },
        "bills": [bill_json(b) for b in summary.bills],
        "overdue": [bill_json(b) for b in summary.overdue_episodes],
        "grid": [{"month": str(cell.month), "code": cell.code} for cell in summary.grid],
        "clean_streak_months": summary.clean_streak,
        "fees_total": _money(summary.fees_total),
        "warnings": summary.warnings(),
    }


def line_json(name: str, summary: Summary, *, brief: bool = False,
              status: dict[str, Any] | None = None) -> dict[str, Any]:
    """One credit line in ``status --json``'s ``lines``: its name and everything the top level says of a line
    (account, next bill, bills, overdue episodes, grid, …) in the same shapes (``brief``: name, account and next
    bill only, for ``line list --json``). ``status``: ``status_json(summary)`` when the caller has it already
    (the top level is the first line's: on a ten-year file that is 121 bills not turned into JSON twice)."""
    data = status_json(summary) if status is None else status
    if brief:
        return {"name": name, "account": data["account"], "next_bill": data["next_bill"]}
    return {"name": name, **{key: value for key, value in data.items() if key != "today"}}


def lines_total_json(total: LinesTotal) -> dict[str, Any]:
    """Across every line: the bills due next (each line due on the earliest due date), the overdue bills, and the
    totals (``limit``/``available`` null when a line has no limit)."""
    return {
        "due_next": [{"line": item.line, "month": str(item.bill.month), "due_date": iso(item.bill.due_date),
                      "outstanding": _money(item.bill.outstanding), "minimum": _money(item.bill.minimum),
                      "days_to_due": item.bill.days_to_due} for item in total.due_next],
        "overdue": [{"line": item.line, "month": str(item.bill.month), "outstanding": _money(item.bill.outstanding),
                     "overdue_days": item.bill.overdue_days, "fee": _money(item.bill.fee)} for item in total.overdue],
        "used": _money(total.used),
        "limit": _money(total.limit),
        "available": _money(total.available),
    }


def full_json(summary: Summary, ledger: Ledger) -> dict[str, Any]:
    """Everything, for other programs: the status plus the raw records behind it."""
    data = status_json(summary)
    data["payments"] = [
        {"id": p.id, "month": str(p.month), "amount": _money(p.amount), "on": iso(p.on), "source": p.source,
         "order_no": p.order_no}
        for p in sorted(ledger.payments, key=lambda p: (p.on, p.id))
    ]
    data["purchases"] = [
        {"order_no": p.order_no, "time": p.time.isoformat(), "amount": _money(p.amount),
         "description": p.description, "refund": p.refund, "installments": p.installments}
        for p in sorted(ledger.purchases, key=lambda p: (shanghai_wall_time(p.time), p.order_no))
    ]
    data["installment_plans"] = [
        {"id": p.id, "principal": _money(p.principal), "periods": p.periods, "fee_percent": str(p.fee_percent),
         "first_bill": str(p.first_bill), "description": p.description, "order_no": p.order_no}
        for p in ledger.plans
    ]
    data["bill_instalments"] = [
        {"id": s.id, "month": str(s.month), "periods": s.periods, "principal": _money(s.principal),
         "fee_percent": str(s.fee_percent), "fee": _money(s.total_fee), "on": iso(s.on)}
        for s in sorted(ledger.bill_instalments, key=lambda s: s.month)
    ]
    data["minimum_overrides"] = [
        {"month": str(month), "minimum": _money(amount)} for month, amount in sorted(ledger.minimums.items())
    ]
    data["authorization_check"] = {
        "ticks": {k: iso(v) for k, v in ledger.auth_check.ticks.items()},
        "answer": ledger.auth_check.answer,
        "answered_on": iso(ledger.auth_check.answered_on),
    }
    data["recovery_steps"] = {k: iso(v) for k, v in ledger.recovery.ticks.items()}
    data["revoke_steps"] = {k: iso(v) for k, v in ledger.revoke.ticks.items()}
    data["contacts"] = [
        {"on": iso(c.on), "topic": c.topic, "outcome": c.outcome, "note": c.note} for c in ledger.contacts
    ]
    return data


def _option_json(option: PlanOption) -> dict[str, Any]:
    """One option; keys that do not apply to its kind are left out rather than null."""
    data: dict[str, Any] = {"kind": option.kind}
    if option.periods is not None:
        data["periods"] = option.periods
    if option.days is not None:
        data["days"] = option.days
    data["pay_now"] = _money(option.pay_now)
    if option.per_part is not None:
        data["per_part"] = _money(option.per_part)
    data["cost"] = _money(option.cost)
    data["clean"] = option.clean
    if option.grid_code is not None:
        data["grid_code"] = option.grid_code
    if option.kind == "late":
        data["record_expires_on"] = iso(option.record_expires_on)
    if option.carried_to_next is not None:
        data["carried_to_next"] = _money(option.carried_to_next)
    return data


def _unavailable_json(item: Unavailable) -> dict[str, Any]:
    data: dict[str, Any] = {"kind": item.kind}
    if item.periods is not None:
        data["periods"] = item.periods
    data["reason"] = item.reason
    return data


def plan_json(plan: Plan) -> dict[str, Any]:
    """``huabei plan --json``: the options for one bill on one day, the best one and what is no longer possible.

    ``best`` is null when no clean option is left, or when a recorded ``balance`` covers none of them; with
    ``balance`` null it is the cheapest clean option whatever it needs. ``reason`` is a stable code (see
    ``planner.REASONS``), for programs; the CLI's text says it in words.
    """
    best = None
    if plan.best is not None:
        best = {"kind": plan.best.kind}
        if plan.best.periods is not None:
            best["periods"] = plan.best.periods
    return {
        "month": str(plan.month),
        "today": iso(plan.today),
        "due_date": iso(plan.due_date),
        "balance": _money(plan.balance),
        "options": [_option_json(o) for o in plan.options],
        "best": best,
        "unavailable": [_unavailable_json(u) for u in plan.unavailable],
    }
