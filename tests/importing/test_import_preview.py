"""The import preview's bill line stays one or two lines however long the history is."""

from __future__ import annotations

from huabei_tui.domain.dates import Month
from huabei_tui.io.alipay_import import months_line


def months(*pairs: tuple[int, int]) -> set[Month]:
    return {Month(y, m) for y, m in pairs}


def test_a_few_months_are_listed_one_by_one() -> None:
    assert months_line(months((2025, 5), (2025, 6), (2025, 8)), "en") == "Bills affected: 2025-05, 2025-06, 2025-08"


def test_ten_years_is_one_run_with_the_count() -> None:
    ten_years = {Month(2016, 12).shift(i) for i in range(120)}
    assert months_line(ten_years, "zh") == "涉及账单 120 期：2016-12 – 2026-11"
    assert months_line(ten_years, "en") == "Bills affected (120): 2016-12 – 2026-11"


def test_runs_across_a_year_end_and_gaps_with_more_runs_summed_up() -> None:
    chosen = months((2024, 11), (2024, 12), (2025, 1), (2025, 3), (2025, 5), (2025, 6), (2025, 8), (2025, 10),
                    (2025, 12))
    assert months_line(chosen, "en") == (
        "Bills affected (9): 2024-11 – 2025-01, 2025-03, 2025-05 – 2025-06, 2025-08, and 2 more")
    assert months_line(chosen, "zh").endswith("2025-08, 等另 2 段")
