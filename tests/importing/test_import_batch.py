"""From parsed exports to the batch the user confirms: identity, accounting, fees and the lines that say what happened.

Every row read is accounted for (purchases + refunds + repayments + skipped with a reason = rows read), masked
order numbers are not keys, and nothing is dropped or changed without a preview line naming the file and line.
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import datetime
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from huabei_tui.domain.account import Account
from huabei_tui.domain.bills import Payment
from huabei_tui.domain.dates import Month
from huabei_tui.domain.installments import InstallmentPlan
from huabei_tui.domain.ledger import Ledger, Purchase
from huabei_tui.io.alipay import is_masked_order_no, parse_alipay_export
from huabei_tui.io.alipay_import import (
    MAX_ODDITIES_SHOWN,
    ImportBatch,
    add_export,
    oddity_lines,
    preview_lines,
    review_import,
)
from support.alipay_files import APP2023_FIRST_DATA_LINE, Tx, build_app2023, purchase, refund, repayment

FIRST = APP2023_FIRST_DATA_LINE


def batch_of(*files: list[Tx], account: Account | None = None) -> tuple[ImportBatch, list]:
    batch = ImportBatch()
    parsed_files = []
    for index, txs in enumerate(files):
        name = f"f{index + 1}.csv"
        parsed = parse_alipay_export(build_app2023(txs))
        parsed_files.append((name, parsed))
        add_export(batch, parsed, account or Account(), name)
    return batch, parsed_files


def summary_numbers(lines: list[str]) -> tuple[int, int, int, int, int]:
    """(rows read, purchases, refunds, repayments, skipped) as the English preview states them."""
    text = "\n".join(lines)
    rows = sum(int(n) for n in re.findall(r"^f\d+\.csv: (\d+) rows? read", text, re.M))
    counts = re.search(r"Huabei purchases (\d+) \(\d+ in instalments\), refunds (\d+), repayments (\d+)", text)
    assert counts is not None
    skipped = re.search(r"Skipped (\d+) rows?", text)
    return rows, *(int(n) for n in counts.groups()), int(skipped.group(1)) if skipped else 0


def assert_adds_up(batch: ImportBatch, files: list) -> None:
    assert batch.accounted() == batch.rows_read
    rows, purchases, refunds, repayments, skipped = summary_numbers(preview_lines(batch, files, "en"))
    assert rows == batch.rows_read == purchases + refunds + repayments + skipped


# -- masked order numbers ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("order_no", "masked"), [
    ("", True), ("xxxx", True), ("2025****0001", True), ("XXXXXXXX", True), ("2025＊＊01", True),
    ("2025040322001400001", False), ("2025040322001400001_2025040500001", False),
])
def test_masked_order_numbers(order_no: str, masked: bool) -> None:
    assert is_masked_order_no(order_no) is masked


def test_ten_rows_with_masked_numbers_are_ten_rows_accounted_for() -> None:
    """The issue's case: rows sharing a masked number were merged, so a purchase vanished (10 read, 9 counted)."""
    lunch = purchase(1, order_no="xxxx", amount="25.80", time="2025-04-03 12:00:00", description="午餐")
    txs = [
        lunch, replace(lunch, time="2025-04-04 12:00:00"),  # same text, another day: another purchase
        replace(lunch, amount="30.00"), replace(lunch, counterparty="肯德基"), replace(lunch, description="晚餐"),
        lunch,  # a genuine second identical purchase in the same second: kept apart by its position
        purchase(7, order_no=""), purchase(8, order_no="", amount="1.00"),
        purchase(9, order_no="xxxx", method="余额宝"),  # skipped, not Huabei
        purchase(10),
    ]
    batch, files = batch_of(txs)
    assert batch.rows_read == 10
    assert len(batch.purchases) == 9 and sum(batch.skipped.values()) == 1
    assert len({p.order_no for p in batch.purchases}) == 9
    assert_adds_up(batch, files)


def test_the_same_masked_rows_in_an_overlapping_export_are_recognised() -> None:
    lunch = purchase(1, order_no="xxxx", time="2025-04-03 12:00:00")
    first = [lunch, lunch, purchase(2)]
    second = [lunch, lunch, lunch, purchase(3)]  # a later export of the same day has all three
    batch, files = batch_of(first, second)
    assert batch.skipped["skip.duplicate"] == 2
    assert [p.order_no.startswith("row:") for p in batch.purchases].count(True) == 3
    assert_adds_up(batch, files)


def test_masked_keys_never_read_as_refunds_of_something() -> None:
    batch, _ = batch_of([purchase(1, order_no="xxxx")])
    assert "_" not in batch.purchases[0].order_no


def test_a_masked_refund_number_is_not_tied_to_a_purchase() -> None:
    txs = [purchase(1, order_no="xxxx_1", status="退款成功", direction="不计收支")]
    (row,) = parse_alipay_export(build_app2023(txs)).rows
    assert row.refund_of is None


# -- accounting, whatever the mix ------------------------------------------------------------------------------------

ROW_KINDS = st.sampled_from(["purchase", "masked", "empty", "dup", "conflict", "plan", "bad_plan", "refund",
                             "repayment", "other", "pending", "closed"])


def _rows(kinds: list[str]) -> list[Tx]:
    txs: list[Tx] = []
    for i, kind in enumerate(kinds):
        time = f"2025-04-{1 + i % 28:02d} 10:00:00"
        if kind == "purchase":
            txs.append(purchase(i, time=time))
        elif kind == "masked":
            txs.append(purchase(i, time="2025-04-01 10:00:00", order_no="xxxx"))
        elif kind == "empty":
            txs.append(purchase(i, time="2025-04-01 10:00:00", order_no=""))
        elif kind == "dup":
            txs.append(purchase(0, time=time))
        elif kind == "conflict":
            txs.append(purchase(0, time=time, amount=f"{i + 1}.00"))
        elif kind == "plan":
            txs.append(purchase(i, time=time, method="花呗分期(6期)", amount="600.00"))
        elif kind == "bad_plan":
            txs.append(purchase(i, time=time, method="花呗分期(999期)"))
        elif kind == "refund":
            txs.append(refund(i, purchase(0), "1.00", time))
        elif kind == "repayment":
            txs.append(repayment(i, "2025-04", "5.00", time))
        elif kind == "other":
            txs.append(purchase(i, time=time, method="余额宝"))
        elif kind == "pending":
            txs.append(purchase(i, time=time, status="等待确认收货"))
        else:
            txs.append(purchase(i, time=time, status="交易关闭"))
    return txs


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(ROW_KINDS, min_size=1, max_size=30), st.lists(ROW_KINDS, max_size=20))
def test_every_row_read_is_accounted_for(first: list[str], second: list[str]) -> None:
    files = [_rows(first)] + ([_rows(second)] if second else [])
    batch, parsed = batch_of(*files)
    assert_adds_up(batch, parsed)


# -- oddities within the import --------------------------------------------------------------------------------------


def test_same_order_number_with_another_amount_is_listed_not_dropped_silently() -> None:
    batch, files = batch_of([purchase(1, amount="25.80")], [purchase(1, amount="30.00"), purchase(1, amount="25.80")])
    assert [p.amount for p in batch.purchases] == [2580]
    assert batch.skipped == {"skip.conflict": 1, "skip.duplicate": 1}
    lines = preview_lines(batch, files, "en")
    assert f"  f2.csv line {FIRST}: order 2025040322001400001 is ¥30.00 here but ¥25.80 at f1.csv line {FIRST}; " \
           "the first was kept, this row was not imported" in lines
    zh = "\n".join(preview_lines(batch, files, "zh"))
    assert f"f2.csv 第 {FIRST} 行：订单号 2025040322001400001 金额 ¥30.00，但在 f1.csv 第 {FIRST} 行是 ¥25.80" in zh
    assert_adds_up(batch, files)


@pytest.mark.parametrize("method", ["花呗分期(999期)", "花呗分期(0期)", "花呗分期(1期)", "花呗分期(18期)"])
def test_an_absurd_period_count_is_listed_and_not_imported(method: str) -> None:
    batch, files = batch_of([purchase(1, method=method, amount="99.00"), purchase(2)])
    assert batch.plans == [] and [p.order_no for p in batch.purchases] == ["2025040322001400002"]
    assert batch.skipped == {"skip.bad_periods": 1}
    text = "\n".join(preview_lines(batch, files, "en"))
    assert f"f1.csv line {FIRST}: “{method}” has" in text and "Huabei offers 3/6/9/12/24" in text
    assert "this ¥99.00 was not imported" in text
    assert "花呗分期只有 3/6/9/12/24 期" in "\n".join(preview_lines(batch, files, "zh"))
    assert_adds_up(batch, files)


@pytest.mark.parametrize(("periods", "rate"), [(3, "2.3"), (6, "4.5"), (9, "6.5"), (12, "7.5"), (24, "15")])
def test_each_plan_gets_the_fee_for_its_own_period_count(periods: int, rate: str) -> None:
    """Issue 11: the importer applied the 3-period fee to plans of other lengths."""
    batch, _ = batch_of([purchase(1, method=f"花呗分期({periods}期)", amount="1200.00")])
    (plan,) = batch.plans
    assert (plan.periods, plan.fee_percent) == (periods, Decimal(rate))


def test_a_period_count_missing_from_the_accounts_fee_table_is_not_given_another_counts_fee() -> None:
    account = Account(installment_rates={3: Decimal("1.9"), 6: Decimal("3.9")})
    batch, files = batch_of([purchase(1, method="花呗分期(6期)"), purchase(2, method="花呗分期(12期)")],
                            account=account)
    assert [(p.periods, p.fee_percent) for p in batch.plans] == [(6, Decimal("3.9"))]
    assert "Huabei offers 3/6 (or the settings have no fee for it)" in "\n".join(preview_lines(batch, files, "en"))


def test_many_oddities_of_a_kind_are_counted_after_the_first_twenty() -> None:
    txs = [purchase(i, method="花呗分期(999期)") for i in range(MAX_ODDITIES_SHOWN + 5)]
    batch, _ = batch_of(txs)
    lines = oddity_lines(batch.oddities, "en")
    assert len(lines) == MAX_ODDITIES_SHOWN + 1 and lines[-1] == "  … and 5 more like this"
    assert oddity_lines(batch.oddities, "zh")[-1] == "  ……另有 5 行同类情况"


# -- the review against stored data ----------------------------------------------------------------------------------

PHONE = purchase(1, time="2025-04-15 20:00:00", amount="3000.00", method="花呗分期(3期)", description="手机")


def stored_ledger(*txs: Tx, **ledger: object) -> Ledger:
    batch, _ = batch_of(list(txs))
    return Ledger(purchases=tuple(batch.purchases), payments=tuple(batch.payments), plans=tuple(batch.plans),
                  **ledger)


def test_known_records_are_counted_and_a_changed_amount_is_listed() -> None:
    ledger = stored_ledger(purchase(1, amount="25.80"), purchase(2))
    batch, files = batch_of([purchase(1, amount="26.80"), purchase(2), purchase(3)])
    review = review_import(batch, ledger)
    assert review.known == 2
    lines = preview_lines(batch, files, "en", review)
    assert f"  f1.csv line {FIRST}: order 2025040322001400001 was imported before as ¥25.80, now ¥26.80; " \
           "the stored one is kept" in lines
    assert lines[-1] == "2 of them were imported before and will not be added twice"


def test_a_refund_with_no_purchase_anywhere_is_listed() -> None:
    lost = purchase(50, time="2025-01-03 10:00:00")
    batch, files = batch_of([purchase(2), refund(3, lost, "5.00", "2025-04-21 10:00:00"),
                             purchase(4, status="退款成功", direction="不计收支", order_no="2025040322001499999")])
    lines = preview_lines(batch, files, "en", review_import(batch, Ledger()))
    assert f"  f1.csv line {FIRST + 1}: refund ¥5.00 (退款-美团订单-午餐) matches no purchase in these files or your " \
           "data; it lowers bill 2025-05" in lines
    assert any(line.startswith(f"  f1.csv line {FIRST + 2}: refund ¥25.80") for line in lines)
    # The same refund when its purchase is stored is nothing to remark on.
    assert review_import(batch, stored_ledger(lost)).oddities[0].line == FIRST + 2


def test_a_repayment_for_a_bill_that_does_not_exist_is_listed() -> None:
    batch, files = batch_of([purchase(1, time="2025-04-03 10:00:00"),  # bill 2025-05
                             repayment(2, "2025-05", "10.00", "2025-05-08 10:00:00"),
                             repayment(3, "2025-03", "100.00", "2025-03-09 10:00:00"),
                             repayment(4, "2025-02", "100.00", "2025-02-09 10:00:00")])
    ledger = Ledger(manual_bills={Month(2025, 2): 10_000})
    lines = preview_lines(batch, files, "zh", review_import(batch, ledger))
    missing = [line for line in lines if "账单不存在" in line]
    assert missing == [f"  f1.csv 第 {FIRST + 2} 行：还款 ¥100.00 对应的 2025-03 账单不存在（没有消费记录，也没有手动录入）；"
                       "已记录，录入该账单后生效：huabei bill add 2025-03 金额"]


def test_a_repayment_for_a_bill_of_a_stored_plan_part_exists() -> None:
    ledger = stored_ledger(PHONE)
    batch, _ = batch_of([repayment(2, "2025-07", "1023.00", "2025-07-08 10:00:00")])
    assert review_import(batch, ledger).oddities == []


def test_a_full_refund_of_a_plan_says_it_cancels_the_unbilled_parts() -> None:
    closed = replace(PHONE, status="交易关闭")
    batch, files = batch_of([closed, refund(2, PHONE, "3000.00", "2025-05-20 10:00:00")])
    en = preview_lines(batch, files, "en", review_import(batch, Ledger()))
    assert f"  f1.csv line {FIRST + 1}: refund ¥3,000.00 cancels the 2 unbilled parts of instalment plan “手机” " \
           "(from 2025-06, ¥2,046.00 in all); the ¥1,000.00 of principal already billed comes back on bill 2025-06" in en
    zh = preview_lines(batch, files, "zh", review_import(batch, Ledger()))
    assert f"  f1.csv 第 {FIRST + 1} 行：退款 ¥3,000.00 取消分期“手机”未出账的 2 期（2025-06 起，共 ¥2,046.00）；" \
           "已出账的本金 ¥1,000.00 退回 2025-06 账单" in zh


def test_a_partial_refund_of_a_stored_plan_says_how_much_is_left() -> None:
    ledger = stored_ledger(PHONE)
    batch, files = batch_of([refund(2, PHONE, "1500.00", "2025-04-20 10:00:00")])
    review = review_import(batch, ledger)
    lines = preview_lines(batch, files, "en", review)
    assert f"  f1.csv line {FIRST}: refund ¥1,500.00 lowers the 3 unbilled parts of instalment plan “手机” " \
           "(from 2025-05) from ¥3,069.00 to ¥1,534.50" in lines
    assert review.known == 0


def test_a_refund_after_the_last_part_says_where_it_goes() -> None:
    ledger = stored_ledger(PHONE)
    batch, files = batch_of([refund(2, PHONE, "100.00", "2025-09-20 10:00:00")])
    assert "refund ¥100.00 comes after every part of instalment plan “手机” was billed; it lowers bill 2025-10" in \
        "\n".join(preview_lines(batch, files, "en", review_import(batch, ledger)))


def test_review_of_a_big_store_is_quick_enough_to_not_matter() -> None:
    purchases = tuple(Purchase(order_no=str(i), time=datetime(2024, 1, 1 + i % 28, 10), amount=100)
                      for i in range(20_000))
    payments = (Payment(id="p", month=Month(2024, 2), amount=1, on=datetime(2024, 2, 8).date(), order_no="p"),)
    plans = (InstallmentPlan(id="x", principal=300, periods=3, fee_percent=Decimal(0), first_bill=Month(2024, 2),
                             order_no="x"),)
    batch, _ = batch_of([repayment(1, "2024-02", "1.00", "2024-02-08 10:00:00")])
    review = review_import(batch, Ledger(purchases=purchases, payments=payments, plans=plans))
    assert review.oddities == []


def test_one_row_is_singular_in_english() -> None:
    batch, files = batch_of([purchase(1, method="余额宝")])
    lines = preview_lines(batch, files, "en")
    assert lines[0] == "f1.csv: 1 row read (app2023, gb18030)"
    assert "Skipped 1 row:" in lines
