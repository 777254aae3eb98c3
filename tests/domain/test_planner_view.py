"""The planner in words (``views/planner``): the table, the best option, what is left out, and the status block.

Bill 2025-09 of ¥2,000.00 (statement day 1, due day 10, default rates): minimum ¥200.00, interest on the rest to
09-30 = 1,800 × 0.05 % × 20 = ¥18.00, split fees 2.3/4.5/6.5/7.5 % = ¥46.00/¥90.00/¥130.00/¥150.00, late fees
¥1.00/¥7.00/¥30.00 (1, 7, 30 days on ¥2,000.00).
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from huabei_tui.domain.account import Account
from huabei_tui.domain.bill_instalments import BillInstalment
from huabei_tui.domain.ledger import Ledger
from huabei_tui.domain.planner import Plan, plan_for
from huabei_tui.domain.summary import summarize
from huabei_tui.textwidth import cell_width
from huabei_tui.views.blocks import plain, plain_lines
from huabei_tui.views.planner import BEST_MARK, options_lines, planner_page, split_page

from .helpers import d, m, pay


def plan_on(today: str, *, balance: str | None = None, payments=(), splits=(), amount: int = 200_000) -> Plan:
    account = Account(balance=None if balance is None else int(Decimal(balance) * 100))
    book = Ledger(account=account, manual_bills={m("2025-09"): amount}, payments=tuple(payments),
                  bill_instalments=tuple(splits))
    plan = plan_for(summarize(book, d(today)), m("2025-09"))
    assert plan is not None
    return plan


def rows(plan: Plan, lang: str = "en") -> list[str]:
    page = planner_page(plan, lang)
    assert page.table is not None
    return plain_lines(page.table.lines())


def test_every_option_in_a_row_with_its_cost_and_record() -> None:
    table = rows(plan_on("2025-09-05", balance="500"))
    assert table[0].split() == ["Option", "To", "pay", "Cost", "Record", "Then"]
    assert table[3].startswith("▶ Minimum")  # the best one (the balance of ¥500.00 covers ¥200.00, not ¥2,000.00)
    body = {line.removeprefix("▶ ").split("  ")[0]: line for line in table[2:]}
    assert list(body) == ["Pay in full", "Minimum", "Split in 3", "Split in 6", "Split in 9", "Split in 12",
                          "1 day late", "7 days late", "30 days late"]
    assert "¥2,000.00" in body["Pay in full"] and "¥0.00" in body["Pay in full"] and "bill settled" in body["Pay in full"]
    assert "¥200.00" in body["Minimum"] and "¥18.00" in body["Minimum"] and "¥1,818.00 into 2025-10" in body["Minimum"]
    assert "¥46.00" in body["Split in 3"] and "¥682.02 + 2 × ¥681.99" in body["Split in 3"]
    assert "6 × ¥348.33" not in body["Split in 6"] and "¥348.35 + 5 × ¥348.33" in body["Split in 6"]
    assert "late (1)" in body["30 days late"] and "on record to 2030-10-10" in body["30 days late"]
    assert "¥30.00" in body["30 days late"]


def test_the_best_option_is_marked_and_said() -> None:
    # ¥500.00 covers the minimum (¥200.00, ¥18.00), which is cheaper than any split.
    plan = plan_on("2025-09-05", balance="500")
    marked = [line for line in rows(plan) if line.startswith(BEST_MARK)]
    assert len(marked) == 1 and "Minimum" in marked[0]
    page = planner_page(plan, "en")
    assert [plain(line) for line in page.best] == [
        "Best: pay the minimum ¥200.00 by 2025-09-10: ¥18.00 of interest, record clean; ¥1,818.00 moves into "
        "bill 2025-10", "Your balance of ¥500.00 covers it"]
    assert page.table is not None and page.table.roles[1] == "best"


def test_a_small_balance_makes_a_split_the_best() -> None:
    plan = plan_on("2025-09-05", balance="100")
    assert plan.best is not None and plan.best.key == ("instalment", 3)
    assert "split in 3 by 2025-09-10: nothing to pay now, ¥46.00 fee, ¥682.02 a part" in plain(
        planner_page(plan, "en").best[0])


def test_an_unknown_balance_names_the_cheapest_clean_option_and_says_so() -> None:
    page = planner_page(plan_on("2025-09-05"), "zh")
    assert plain(page.best[0]).startswith("最省钱的正常方案：2025-09-10 前还清 ¥2,000.00")
    assert plain(page.best[1]) == "余额未知：记录余额后才知道够不够"


def test_a_balance_covering_nothing_says_what_the_minimum_lacks() -> None:
    # Before the statement date nothing can be split: ¥10.00 covers neither the minimum nor the whole bill.
    page = planner_page(plan_on("2025-08-25", balance="10"), "en")
    assert plain(page.best[0]) == "Your balance of ¥10.00 covers no clean option: ¥190.00 short of the minimum"
    assert page.unavailable == ("Split in 3/6/9/12: possible from the statement date 2025-09-01",)


def test_after_the_due_date_only_late_options_are_left_and_the_reasons_are_grouped() -> None:
    page = planner_page(plan_on("2025-09-12"), "en")
    assert [line.split("  ")[0] for line in plain_lines(page.table.lines())[2:]] == [  # type: ignore[union-attr]
        "2 days late", "7 days late", "30 days late"]
    assert page.unavailable == ("Pay in full, Minimum, Split in 3/6/9/12: the due date 2025-09-10 has passed",)
    assert plain(page.best[0]).startswith("No clean option is left")


def test_a_split_bill_has_nothing_to_choose_and_says_why() -> None:
    split = BillInstalment("s", m("2025-09"), 6, 200_000, Decimal("4.5"), d("2025-09-05"))
    page = planner_page(plan_on("2025-09-06", splits=[split]), "zh")
    assert page.table is None
    assert [plain(line) for line in page.best] == ["已于 2025-09-05 分为 6 期"]


def test_minimum_already_paid_leaves_no_late_option() -> None:
    plan = plan_on("2025-09-08", payments=[pay("2025-09", "200", "2025-09-05")])
    page = planner_page(plan, "en")
    assert "Minimum: the minimum is the whole amount" not in page.unavailable
    assert "Pay late: the minimum is paid: it can no longer go late" in page.unavailable
    assert page.facts[2].value.text == "¥200.00 (paid)"


def test_no_bill_to_plan() -> None:
    page = planner_page(None, "en", month="2025-07")
    assert (page.title, page.table, page.best) == ("There is no bill 2025-07", None, ())
    assert options_lines(None, "en") == ()


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_table_fits_80_columns_with_the_largest_amounts(lang: str) -> None:
    """¥99,999.99 (Huabei limits stay under it) split in 12: the widest figures; the planner screen has 78 cells."""
    table = rows(plan_on("2025-09-05", balance="500", amount=9_999_999), lang)
    widths = {cell_width(line) for line in table}
    assert max(widths) <= 78
    # Columns line up by cell width: the Cost column ends in the same cell on every row.
    # Columns line up by cell width: the Cost column (right-aligned) ends in the same cell on every row.
    dashes = table[1].split("  ")
    cost_end = sum(cell_width(part) + 2 for part in dashes[:3]) - 2
    for line in table[2:]:
        cut, used = "", 0
        for ch in line:
            if used >= cost_end:
                break
            cut += ch
            used += cell_width(ch)
        assert used == cost_end and cut[-1].isdigit(), line


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_status_block_shows_the_best_first_then_one_more(lang: str) -> None:
    lines = [plain(line) for line in options_lines(plan_on("2025-09-05", balance="100"), lang)]
    assert len(lines) == 3
    assert lines[1].startswith(BEST_MARK)
    assert ("分 3 期" if lang == "zh" else "Split in 3") in lines[1]
    assert not any(line.startswith(BEST_MARK) for line in lines[2:])


# -- the split dialog ---------------------------------------------------------------------------------------------
def test_the_split_dialog_lists_every_period_count_with_fee_and_parts() -> None:
    page = split_page(plan_on("2025-09-05"), "en")
    assert page.title == "Split bill 2025-09 into instalments"
    assert page.intro == "¥2,000.00 outstanding · today 2025-09-05 · possible until 2025-09-10"
    assert [c.periods for c in page.choices] == [3, 6, 9, 12]
    assert page.choices[0].label == "3 parts   fee  ¥46.00  ¥682.02 + 2 × ¥681.99"
    twelve = page.choices[-1].detail
    assert twelve[0] == "Fee ¥150.00, ¥2,150.00 in all; the parts:"
    assert twelve[1] == "2025-10  ¥179.24   2025-11  ¥179.16   2025-12  ¥179.16"
    assert len(twelve) == 1 + 4 + 1 and "2026-09  ¥179.16" in twelve[4]
    assert twelve[-1].endswith("It can be undone until 2025-09-30.")
    assert page.refused == ""


@pytest.mark.parametrize(("today", "lang", "refused"), [
    ("2025-08-25", "en", "Bill 2025-09 cannot be split now: possible from the statement date 2025-09-01"),
    ("2025-09-11", "zh", "2025-09 账单现在不能分期：已过还款日 2025-09-10"),
])
def test_the_split_dialog_says_when_a_split_would_be_allowed(today: str, lang: str, refused: str) -> None:
    page = split_page(plan_on(today), lang)
    assert page.choices == () and page.refused == refused


def test_split_labels_line_up_in_chinese() -> None:
    labels = [c.label for c in split_page(plan_on("2025-09-05"), "zh").choices]
    assert len({cell_width(label.split("¥")[0]) for label in labels}) <= 2  # "¥46.00" vs "¥130.00": right-aligned
    ends = {cell_width(label[: label.index(".") + 3]) for label in labels}
    assert len(ends) == 1  # the fee amounts end in the same cell


def test_with_no_bill_at_all_the_page_says_how_to_get_bills_in() -> None:
    page = planner_page(None, "en", hints=False, has_bills=False)
    assert page.title == "No bills yet: once your bills are in, this compares every way to pay"
    assert plain_lines(page.best) == ["First get your bills in:",
                                      "import the Alipay export: huabei import alipay FILE (in the app: i)",
                                      "or type in a bill: huabei bill add YYYY-MM AMOUNT (in the app: 2, then a)"]
    # with bills, all paid: nothing to pay is the truth
    assert planner_page(None, "en", hints=False, has_bills=True).title == "No bill to pay: nothing to plan"
