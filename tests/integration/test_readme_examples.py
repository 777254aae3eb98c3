"""The README's worked examples, run as the README says: the figures it computes by hand are the app's."""

from __future__ import annotations

import json

import pytest


def status(huabei, today: str) -> dict:
    return json.loads(huabei.ok("status", "--json", today=today).out)


def bill(data: dict, month: str) -> dict:
    return next(b for b in data["bills"] if b["month"] == month)


def test_an_overdue(huabei) -> None:
    huabei.ok("bill", "add", "2025-07", "1500", today="2025-07-01")
    huabei.ok("pay", "2025-07", "1000", "--on", "2025-07-13", today="2025-07-13")
    huabei.ok("pay", "2025-07", "500", "--on", "2025-07-15", today="2025-07-15")
    july = bill(status(huabei, "2025-07-20"), "2025-07")
    assert (july["minimum"], july["overdue_days"], july["fee"], july["settled_on"], july["record_expires_on"]) == (
        "150.00", 5, "2.75", "2025-07-15", "2030-07-15")


def test_a_minimum_payment_then_its_carry(huabei) -> None:
    huabei.ok("bill", "add", "2025-09", "2000", today="2025-09-01")
    huabei.ok("pay", "2025-09", "200", today="2025-09-10")
    september = bill(status(huabei, "2025-09-11"), "2025-09")
    assert (september["minimum"], september["status"], september["fee"]) == ("200.00", "minimum_paid", "0.00")
    huabei.ok("bill", "add", "2025-10", "300", today="2025-09-30")
    data = status(huabei, "2025-10-01")
    september, october = bill(data, "2025-09"), bill(data, "2025-10")
    assert (september["status"], september["interest"], september["carried_to"]) == ("carried", "18.00", "2025-10")
    assert (october["carried_in"], october["interest_in"], october["amount"], october["minimum"]) == (
        "1800.00", "18.00", "2118.00", "228.00")
    assert [c["code"] for c in data["grid"] if c["month"] == "2025-09"] == ["N"]


def test_paying_more_after_the_minimum_lowers_the_interest(huabei) -> None:
    huabei.ok("bill", "add", "2025-09", "2000", today="2025-09-01")
    huabei.ok("pay", "2025-09", "200", today="2025-09-10")
    huabei.ok("pay", "2025-09", "800", today="2025-09-20")
    october = bill(status(huabei, "2025-10-01"), "2025-10")
    assert (october["carried_in"], october["interest_in"]) == ("1000.00", "14.00")


def test_the_minimum_a_day_late_is_an_overdue(huabei) -> None:
    huabei.ok("bill", "add", "2025-09", "2000", today="2025-09-01")
    huabei.ok("pay", "2025-09", "200", today="2025-09-11")
    september = bill(status(huabei, "2025-09-20"), "2025-09")
    assert (september["status"], september["fee"]) == ("overdue", "9.10")


@pytest.mark.parametrize(("amount", "periods", "parts"), [("600", "6", ["104.50"] * 6),
                                                          ("1000", "3", ["341.02", "340.99", "340.99"])])
def test_a_split(huabei, amount: str, periods: str, parts: list[str]) -> None:
    huabei.ok("bill", "add", "2025-09", amount, today="2025-09-01")
    out = huabei.ok("instalment", "2025-09", periods, today="2025-09-05").out
    for part in parts:
        assert f"¥{float(part):,.2f}" in out
    data = status(huabei, "2025-10-01")
    assert bill(data, "2025-09")["status"] == "instalment"
    assert bill(data, "2025-10")["instalment_due"] == parts[0]


@pytest.mark.parametrize(("balance", "best"), [("500", {"kind": "minimum"}), ("100", {"kind": "instalment", "periods": 3}),
                                               (None, {"kind": "full"})])
def test_the_planner(huabei, balance: str | None, best: dict) -> None:
    huabei.ok("bill", "add", "2025-09", "2000", today="2025-09-01")
    if balance is not None:
        huabei.ok("account", "set", "--balance", balance, today="2025-09-05")
    plan = json.loads(huabei.ok("plan", "--json", today="2025-09-05").out)
    assert plan["best"] == best
    costs = {(o["kind"], o.get("periods") or o.get("days")): o["cost"] for o in plan["options"]}
    assert costs == {("full", None): "0.00", ("minimum", None): "18.00", ("instalment", 3): "46.00",
                     ("instalment", 6): "90.00", ("instalment", 9): "130.00", ("instalment", 12): "150.00",
                     ("late", 1): "1.00", ("late", 7): "7.00", ("late", 30): "30.00"}
    assert [o["record_expires_on"] for o in plan["options"] if o["kind"] == "late"] == [
        "2030-09-11", "2030-09-17", "2030-10-10"]
