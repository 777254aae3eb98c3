"""End to end: what a real export's refunds and masked rows do to the bills (issue 14, "imports that match")."""

from __future__ import annotations

from dataclasses import replace

from support.alipay_files import build_app2023, purchase, refund

PHONE = purchase(1, time="2025-04-15 20:00:00", amount="3000.00", method="花呗分期(3期)", description="手机")


def test_a_fully_refunded_instalment_purchase_bills_nothing_later(huabei, write) -> None:
    """Before: the later parts kept being billed and showed as overdue for months."""
    closed = replace(PHONE, status="交易关闭")  # Alipay closes the purchase once it is refunded in full
    result = huabei.ok("import", "alipay", str(write("a.csv", build_app2023(
        [closed, refund(2, PHONE, "3000.00", "2025-04-18 10:00:00")]))))
    assert "refund ¥3,000.00 cancels the 3 unbilled parts of instalment plan “手机” (from 2025-05" in result.out
    assert huabei.bills(today="2025-09-01") == {}  # nothing billed, so nothing overdue


def test_a_refund_in_the_second_month_leaves_the_first_part_and_credits_it(huabei, write) -> None:
    huabei.ok("import", "alipay", str(write("a.csv", build_app2023([PHONE]))))
    huabei.ok("pay", "2025-05", "1023.00", "--on", "2025-05-09")
    result = huabei.ok("import", "alipay", str(write("b.csv", build_app2023(
        [replace(PHONE, status="交易关闭"), refund(2, PHONE, "3000.00", "2025-05-20 10:00:00")]))))
    assert "1 of them was imported before" in result.out
    assert "was imported before as" not in result.out  # now 交易关闭, same amount: nothing to remark on
    assert "the ¥1,000.00 of principal already billed comes back on bill 2025-06" in result.out
    bills = huabei.bills(today="2025-09-01")
    assert {m: (b["amount"], b["status"]) for m, b in bills.items()} == {"2025-05": ("1023.00", "paid")}


def test_a_partial_refund_lowers_the_later_parts(huabei, write) -> None:
    huabei.ok("import", "alipay", str(write("a.csv", build_app2023(
        [PHONE, refund(2, PHONE, "1500.00", "2025-04-20 10:00:00")]))))
    bills = huabei.bills(today="2025-07-20")
    # ¥1,500 left over three parts and a fee of 69 × 1500/3000 = 34.50: 500 + 11.50 each
    assert {m: b["amount"] for m, b in bills.items()} == {"2025-05": "511.50", "2025-06": "511.50",
                                                          "2025-07": "511.50"}


def test_masked_order_numbers_import_every_row_once(huabei, write) -> None:
    lunch = purchase(1, order_no="xxxx", amount="20.00", time="2025-04-03 12:00:00")
    txs = [lunch, lunch, replace(lunch, amount="30.00"), purchase(4, order_no="", amount="5.00")]
    path = write("masked.csv", build_app2023(txs))
    result = huabei.ok("import", "alipay", str(path))
    assert "Huabei purchases 4 (0 in instalments)" in result.out
    assert huabei.bills()["2025-05"]["amount"] == "75.00"
    again = huabei.ok("import", "alipay", str(path))
    assert "Added: 0 purchases/refunds, 0 repayments, 0 instalment plans; 4 already known" in again.out
    assert huabei.bills()["2025-05"]["amount"] == "75.00"
