"""The JSON of issue 12: the new bill fields of ``status --json`` and the shape of ``plan --json``."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date
from decimal import Decimal

from huabei_tui.domain.account import Account
from huabei_tui.domain.bill_instalments import BillInstalment
from huabei_tui.domain.ledger import Ledger
from huabei_tui.domain.planner import plan_for
from huabei_tui.domain.summary import summarize
from huabei_tui.io.json_view import full_json, plan_json, status_json

from .helpers import d, m, pay

LEDGER = Ledger(
    account=Account(opened=date(2024, 1, 1)),
    manual_bills={m("2025-09"): 200_000, m("2025-10"): 30_000},
    payments=(pay("2025-09", "200", "2025-09-10"),),
)


def test_status_json_bill_parts_minimum_interest_and_carry() -> None:
    during = status_json(summarize(LEDGER, d("2025-09-20")))
    sept = during["bills"][0]
    assert {k: sept[k] for k in ("status", "amount", "spending", "carried_in", "interest_in", "instalment_due",
                                 "minimum", "interest", "carried_to", "outstanding", "fee")} == {
        "status": "minimum_paid", "amount": "2000.00", "spending": "2000.00", "carried_in": "0.00",
        "interest_in": "0.00", "instalment_due": "0.00", "minimum": "200.00", "interest": "9.00",
        "carried_to": None, "outstanding": "1800.00", "fee": "0.00"}
    assert during["overdue"] == [] and during["next_bill"]["minimum"] == "30.00"

    after = status_json(summarize(LEDGER, d("2025-10-05")))
    sept, octo = after["bills"]
    assert (sept["status"], sept["carried_to"], sept["interest"], sept["outstanding"]) == (
        "carried", "2025-10", "18.00", "0.00")
    assert {k: octo[k] for k in ("amount", "spending", "carried_in", "interest_in", "minimum", "interest")} == {
        "amount": "2118.00", "spending": "300.00", "carried_in": "1800.00", "interest_in": "18.00",
        "minimum": "228.00", "interest": "0.00"}
    assert after["next_bill"]["minimum"] == "228.00" and after["bill_to_pay"]["minimum"] == "228.00"
    assert after["account"]["min_rate_percent"] == "10"
    assert after["account"]["interest_rate_percent_per_day"] == "0.05"


def test_status_json_of_a_split_bill() -> None:
    split = BillInstalment("s1", m("2025-09"), 6, 60_000, Decimal("4.5"), d("2025-09-05"))
    ledger = replace(LEDGER, manual_bills={m("2025-09"): 60_000}, payments=(), bill_instalments=(split,))
    data = full_json(summarize(ledger, d("2025-09-06")), ledger)
    sept, octo = data["bills"]
    assert (sept["status"], sept["outstanding"], sept["settled_on"]) == ("instalment", "0.00", "2025-09-05")
    assert (octo["instalment_due"], octo["amount"], octo["source"]) == ("104.50", "104.50", "derived")
    assert data["bill_instalments"] == [{"id": "s1", "month": "2025-09", "periods": 6, "principal": "600.00",
                                         "fee_percent": "4.5", "fee": "27.00", "on": "2025-09-05"}]
    assert data["minimum_overrides"] == []
    typed = full_json(summarize(replace(LEDGER, minimums={m("2025-09"): 25_000}), d("2025-09-05")),
                      replace(LEDGER, minimums={m("2025-09"): 25_000}))
    assert typed["minimum_overrides"] == [{"month": "2025-09", "minimum": "250.00"}]
    assert typed["bills"][0]["minimum"] == "250.00"


def test_plan_json_shape() -> None:
    plan = plan_for(summarize(replace(LEDGER, payments=()), d("2025-09-05")), m("2025-09"))
    data = plan_json(plan)
    assert list(data) == ["month", "today", "due_date", "balance", "options", "best", "unavailable"]
    assert (data["month"], data["today"], data["due_date"], data["balance"]) == (
        "2025-09", "2025-09-05", "2025-09-10", None)
    options = {(o["kind"], o.get("periods") or o.get("days")): o for o in data["options"]}
    assert options[("full", None)] == {"kind": "full", "pay_now": "2000.00", "cost": "0.00", "clean": True}
    assert options[("minimum", None)] == {"kind": "minimum", "pay_now": "200.00", "cost": "18.00", "clean": True,
                                          "carried_to_next": "1818.00"}
    assert options[("instalment", 6)] == {"kind": "instalment", "periods": 6, "pay_now": "0.00",
                                          "per_part": "348.35", "cost": "90.00", "clean": True}
    assert options[("late", 7)] == {"kind": "late", "days": 7, "pay_now": "2000.00", "cost": "7.00",
                                    "clean": False, "grid_code": "1", "record_expires_on": "2030-09-17"}
    assert data["best"] == {"kind": "full"}
    assert data["unavailable"] == []
    json.dumps(data)  # plain JSON all the way down


def test_plan_json_best_instalment_and_unavailable() -> None:
    poor = replace(LEDGER, payments=(), account=Account(opened=date(2024, 1, 1), balance=0,
                                                        installment_rates={3: Decimal("2.3")}))
    data = plan_json(plan_for(summarize(poor, d("2025-09-05")), m("2025-09")))
    assert data["balance"] == "0.00"
    assert data["best"] == {"kind": "instalment", "periods": 3}
    assert data["unavailable"] == [{"kind": "instalment", "periods": n, "reason": "no_rate"} for n in (6, 9, 12)]
    late = plan_json(plan_for(summarize(replace(LEDGER, payments=()), d("2025-09-15")), m("2025-09")))
    assert late["best"] is None
    assert late["unavailable"][:2] == [{"kind": "full", "reason": "past_due"}, {"kind": "minimum", "reason": "past_due"}]


def test_status_json_carrying_says_what_moves_and_when() -> None:
    during = status_json(summarize(LEDGER, d("2025-09-20")))
    assert during["carrying"] == {"month": "2025-09", "remainder": "1800.00", "interest": "9.00",
                                  "interest_per_day": "0.90", "moves_on": "2025-10-01", "into": "2025-10",
                                  "moves_total": "1818.00"}
    assert status_json(summarize(LEDGER, d("2025-09-10")))["carrying"] is None
    assert status_json(summarize(LEDGER, d("2025-10-01")))["carrying"] is None
