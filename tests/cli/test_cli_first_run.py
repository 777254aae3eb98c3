"""A new user's first commands (issue 14): ``status`` says what to do next until a bill exists, and the grid of
``status --json`` marks the months nobody knows about ``?`` (documented in the README) without changing the
other codes."""

from __future__ import annotations

import json

from support.huabei_cli import Huabei


def test_status_of_an_empty_file_lists_the_next_steps(huabei: Huabei) -> None:
    out = huabei.ok("status").out
    block = out[out.index("[No bills yet: next steps]"):].splitlines()
    assert block[1].startswith("- import the Alipay export: huabei import alipay FILE")
    assert any("huabei bill add YYYY-MM AMOUNT" in line for line in block)
    assert "Never overdue" not in out and "Clean streak" not in out
    zh = huabei.ok("status", lang="zh").out
    assert "[还没有账单，下一步]" in zh and "huabei account set --opened YYYY-MM-DD" in zh


def test_steps_already_done_are_not_listed_and_a_bill_ends_the_list(huabei: Huabei) -> None:
    huabei.ok("account", "set", "--limit", "8000", "--balance", "100")
    out = huabei.ok("status").out
    assert "set the limit" not in out and "record the repayment balance" not in out
    assert "say whether auto-repay is on" in out
    huabei.ok("bill", "add", "2025-08", "100")
    assert "next steps" not in huabei.ok("status").out


def test_the_json_grid_of_a_new_file_is_unknown_and_known_codes_stay(huabei: Huabei) -> None:
    data = json.loads(huabei.ok("status", "--json").out)
    assert {cell["code"] for cell in data["grid"]} == {"?"}
    huabei.ok("bill", "add", "2025-06", "100")
    huabei.ok("pay", "2025-06", "100", "--on", "2025-06-05")
    codes = {cell["month"]: cell["code"] for cell in json.loads(huabei.ok("status", "--json").out)["grid"]}
    assert (codes["2025-04"], codes["2025-05"], codes["2025-06"], codes["2025-07"]) == ("?", "*", "N", "*")
    huabei.ok("account", "set", "--opened", "2025-03-15")
    codes = {cell["month"]: cell["code"] for cell in json.loads(huabei.ok("status", "--json").out)["grid"]}
    assert (codes["2025-02"], codes["2025-03"], codes["2025-04"]) == ("/", "*", "*")
    assert "?" not in codes.values()
