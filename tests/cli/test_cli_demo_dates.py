"""``huabei demo`` on month ends, year ends and leap days: what ``status`` then shows could have happened by
``--today`` (no bill paid before its statement date, no payment after today, the next bill not yet due)."""

from __future__ import annotations

import json
from datetime import date

import pytest

from support.huabei_cli import Huabei

MONTH_ENDS = ["2026-12-31", "2028-02-29", "2027-02-28", "2026-11-30", "2026-11-29", "2027-01-31", "2026-12-10",
              "2026-12-11", "2026-12-01", "2028-12-31"]


@pytest.mark.parametrize("today", MONTH_ENDS)
def test_status_of_the_demo_could_have_happened(huabei: Huabei, today: str) -> None:
    huabei.today = today
    huabei.ok("demo", "--force")
    status = json.loads(huabei.ok("status", "--json").out)
    day = date.fromisoformat(today)
    bills = {b["month"]: b for b in status["bills"]}
    next_bill = status["next_bill"]
    assert next_bill is not None and next_bill["days_to_due"] >= 0
    shown = bills[next_bill["month"]]
    if date.fromisoformat(shown["statement_date"]) > day:
        assert next_bill["paid"] == "0.00" and shown["issued"] is False
    for bill in bills.values():
        if date.fromisoformat(bill["statement_date"]) > day:
            assert bill["paid"] == "0.00" and bill["issued"] is False and bill["source"] != "manual", bill
        if bill["settled_on"] is not None:
            assert date.fromisoformat(bill["statement_date"]) <= date.fromisoformat(bill["settled_on"]) <= day
    for bill in json.loads(huabei.ok("bill", "list", "--json").out):
        assert date.fromisoformat(bill["statement_date"]) <= day or bill["paid"] == "0.00"
    assert status["warnings"][:1] == ["warn.shortfall"]  # still a live situation: the balance falls short


def test_the_month_end_status_in_words(huabei: Huabei) -> None:
    """The case reported: on 2026-12-31 the next bill is 2027-01, issued 2027-01-01, nothing paid on it yet."""
    huabei.today = "2026-12-31"
    huabei.ok("demo", "--force")
    lines = huabei.ok("status").out.splitlines()
    block = lines[lines.index("[Next bill]"):]
    assert block[1].split() == ["Bill", "2027-01"]
    assert block[2].split() == ["Due", "2027-01-10"]
    assert [line.split() for line in block[4:6]] == [["Amount", "¥2,380.00"], ["Paid", "¥0.00"]]
