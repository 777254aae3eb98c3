"""``huabei import alipay`` end to end: files in every layout and encoding, through the real command line."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from decimal import Decimal
from functools import partial
from pathlib import Path

import pytest

from huabei_tui.storage import store as store_module
from support.alipay_files import (
    APP2023_FIRST_DATA_LINE,
    Quirks,
    build_app2021,
    build_app2023,
    build_web,
    many,
    purchase,
    refund,
    repayment,
)

# A small April (bill 2025-05 with the default statement day 1, due 2025-05-10) with every kind of row.
LUNCH = purchase(1, time="2025-04-03 09:05:07", amount="25.80")
PHONE_CASE = purchase(2, time="2025-04-04 18:30:00", amount="1234.50", method="花呗&红包", description="手机壳")
SHOES = purchase(3, time="2025-04-10 12:00:00", amount="100.00", description="鞋")
SMALL = [
    LUNCH,
    PHONE_CASE,
    SHOES,
    refund(4, SHOES, "40.00", "2025-04-12 10:00:00"),
    repayment(5, "2025-05", "500.00", "2025-05-08 06:00:00"),
    purchase(6, method="余额宝", amount="99.00"),  # not Huabei
    purchase(7, status="等待确认收货"),  # not finished
]
SMALL_BILL = "1320.30"  # 25.80 + 1234.50 + 100.00 − 40.00


def check_small(huabei, result) -> None:
    assert result.code == 0, result.err
    assert "Huabei purchases 3 (0 in instalments), refunds 1, repayments 1" in result.out
    assert "Skipped 2 rows" in result.out
    bill = huabei.bills()["2025-05"]
    assert (bill["amount"], bill["paid"], bill["outstanding"]) == (SMALL_BILL, "500.00", "820.30")
    assert bill["source"] == "import"


ENCODINGS = ["gbk", "gb18030", "utf-8", "utf-8-sig"]


@pytest.mark.parametrize("encoding", ENCODINGS)
@pytest.mark.parametrize("newline", ["\n", "\r\n"])
# The 2021 files here begin with their header (receipt_line=False), so a BOM sits right before "收/支".
@pytest.mark.parametrize("build", [build_app2023, partial(build_app2021, receipt_line=False)],
                         ids=["app2023", "app2021"])
def test_every_layout_encoding_and_newline(huabei, write, build, encoding: str, newline: str) -> None:
    path = write("alipay.csv", build(SMALL, Quirks(encoding=encoding, newline=newline)))
    result = huabei("import", "alipay", str(path))
    check_small(huabei, result)
    layout = "app2023" if build is build_app2023 else "app2021"
    assert f"({layout}, " in result.out


@pytest.mark.parametrize("quirks", [
    Quirks(pad=False), Quirks(tab=False), Quirks(trailing_comma=False),
    Quirks(pad=False, tab=False, trailing_comma=False),
    Quirks(excel=True, newline="\r\n"), Quirks(excel=True, encoding="utf-8-sig", newline="\r\n"),
], ids=["no-padding", "no-tab", "no-trailing-comma", "plain", "excel-gbk", "excel-utf8-bom"])
def test_quirks_of_real_files(huabei, write, quirks: Quirks) -> None:
    check_small(huabei, huabei("import", "alipay", str(write("alipay.csv", build_app2023(SMALL, quirks)))))


def test_the_file_name_does_not_matter(huabei, write) -> None:
    path = write("photo.png", build_app2021(SMALL, receipt_line=False))
    check_small(huabei, huabei("import", "alipay", str(path)))


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_web_layout_says_huabei_rows_cannot_be_identified(huabei, write, db: Path, lang: str) -> None:
    result = huabei("import", "alipay", str(write("web.csv", build_web(SMALL))), lang=lang)
    assert result.code == 0
    notice = "无法分辨哪些交易用了花呗" if lang == "zh" else "Huabei rows cannot be told apart"
    assert notice in result.out
    assert ("没有可导入的花呗记录" if lang == "zh" else "No Huabei records to import") in result.out
    assert not db.exists()


def test_zh_preview(huabei, write) -> None:
    result = huabei("import", "alipay", str(write("a.csv", build_app2023(SMALL))), lang="zh")
    assert result.code == 0
    assert "花呗消费 3 笔（其中分期 0 笔），退款 1 笔，还款 1 笔" in result.out
    assert "涉及账单：2025-05" in result.out
    assert "未使用花呗：1 行" in result.out
    assert "新增：消费/退款 4 笔，还款 1 笔" in result.out


@pytest.mark.parametrize("zone", ["UTC", "America/Los_Angeles", "Asia/Shanghai"])
def test_purchases_land_by_the_statement_cycle_in_shanghai_time(huabei, write, monkeypatch, zone: str) -> None:
    """00:30 on the statement day is Shanghai time (the export has no zone): that purchase is on the next bill,
    whatever zone this machine is in."""
    monkeypatch.setenv("TZ", zone)
    time.tzset()
    try:
        huabei.ok("account", "set", "--statement-day", "8", "--due-day", "17")
        txs = [
            purchase(1, time="2025-04-07 23:59:59", amount="10.00"),  # last moment of the cycle: bill 2025-04
            purchase(2, time="2025-04-08 00:30:00", amount="20.00"),  # statement day, 00:30 Shanghai: bill 2025-05
            purchase(3, time="2025-05-07 23:00:00", amount="40.00"),  # still bill 2025-05
            purchase(4, time="2025-05-08 00:00:00", amount="80.00"),  # bill 2025-06 (still accumulating on 2025-05-20)
        ]
        huabei.ok("import", "alipay", str(write("a.csv", build_app2023(txs))))
        bills = huabei.bills(today="2025-05-20")
        assert {month: bill["amount"] for month, bill in bills.items()} == {
            "2025-04": "10.00", "2025-05": "60.00", "2025-06": "80.00"}
        assert bills["2025-05"]["due_date"] == "2025-05-17"
        assert [bill["issued"] for bill in bills.values()] == [True, True, False]
    finally:
        monkeypatch.delenv("TZ")
        time.tzset()


def test_instalments_create_a_plan_whose_periods_fall_on_the_following_bills(huabei, write) -> None:
    txs = [
        purchase(1, time="2025-04-15 20:00:00", amount="3000.00", method="花呗分期(3期)", description="手机"),
        purchase(2, time="2025-04-16 20:00:00", amount="25.80"),
    ]
    result = huabei("import", "alipay", str(write("a.csv", build_app2023(txs))))
    assert "Huabei purchases 2 (1 in instalments)" in result.out
    assert "Bills affected: 2025-05, 2025-06, 2025-07" in result.out
    plans = huabei.data()["installment_plans"]
    assert [(p["periods"], p["first_bill"], p["principal"], p["order_no"]) for p in plans] == [
        (3, "2025-05", "3000.00", txs[0].order_no)]
    bills = huabei.bills(today="2025-07-20")
    # 1000 principal + 23 fee (2.3 % of 3000 over 3 periods) on each bill; the phone is not billed whole.
    assert {m: b["amount"] for m, b in bills.items()} == {"2025-05": "1048.80", "2025-06": "1023.00",
                                                          "2025-07": "1023.00"}


def test_fullwidth_instalments_and_full_refund_shown_closed(huabei, write) -> None:
    laptop = purchase(1, time="2025-04-15 20:00:00", amount="6000.00", method="花呗分期（12期）", description="电脑")
    returned = purchase(2, time="2025-04-16 10:00:00", amount="300.00", status="交易关闭")  # fully refunded, then closed
    txs = [laptop, returned, refund(3, returned, "300.00", "2025-04-18 10:00:00")]
    huabei.ok("import", "alipay", str(write("a.csv", build_app2023(txs))))
    assert [p["periods"] for p in huabei.data()["installment_plans"]] == [12]
    assert huabei.bills()["2025-05"]["amount"] == "537.50"  # 500 principal + 37.50 fee; the refund nets to 0


def test_repayments_credit_the_bill_they_name(huabei, write) -> None:
    txs = [
        purchase(1, time="2025-03-20 10:00:00", amount="300.00"),  # bill 2025-04
        purchase(2, time="2025-04-20 10:00:00", amount="200.00"),  # bill 2025-05
        # Paid after bill 2025-05 was issued, but it names April's bill: it goes there.
        repayment(3, "2025-04", "300.00", "2025-05-06 09:00:00", auto=False),
        repayment(4, "2025-05", "50.00", "2025-05-07 09:00:00"),
    ]
    huabei.ok("import", "alipay", str(write("a.csv", build_app2023(txs))))
    bills = huabei.bills(today="2025-05-09")
    assert (bills["2025-04"]["paid"], bills["2025-04"]["status"]) == ("300.00", "paid_late")
    assert (bills["2025-05"]["paid"], bills["2025-05"]["outstanding"]) == ("50.00", "150.00")
    payments = huabei.data()["payments"]
    assert [(p["month"], p["on"], p["source"], p["order_no"]) for p in payments] == [
        ("2025-04", "2025-05-06", "alipay", txs[2].order_no), ("2025-05", "2025-05-07", "alipay", txs[3].order_no)]


def test_importing_the_same_file_twice_adds_nothing(huabei, write) -> None:
    path = write("a.csv", build_app2023(SMALL))
    huabei.ok("import", "alipay", str(path))
    before = huabei.snapshot()
    again = huabei.ok("import", "alipay", str(path))
    assert "Added: 0 purchases/refunds, 0 repayments, 0 instalment plans; 5 already known" in again.out
    assert huabei.snapshot() == before  # not even rewritten
    check_small(huabei, again)


def test_overlapping_exports_add_nothing_twice(huabei, write) -> None:
    first = write("early-april.csv", build_app2023(SMALL[:3]))
    quirks = Quirks(encoding="utf-8-sig", newline="\r\n")
    second = write("april-may.csv", build_app2021(SMALL[1:], quirks, receipt_line=False))
    huabei.ok("import", "alipay", str(first))
    result = huabei.ok("import", "alipay", str(second))
    assert "Added: 1 purchase/refund, 1 repayment, 0 instalment plans; 2 already known" in result.out
    bill = huabei.bills()["2025-05"]
    assert (bill["amount"], bill["paid"], bill["outstanding"]) == (SMALL_BILL, "500.00", "820.30")
    data = huabei.data()
    assert len(data["purchases"]) == 4 and len(data["payments"]) == 1


def test_overlapping_exports_in_one_command(huabei, write) -> None:
    first = write("a.csv", build_app2023(SMALL[:4]))
    second = write("b.csv", build_app2023(SMALL[1:]))
    result = huabei("import", "alipay", str(first), str(second))
    assert result.code == 0, result.err
    # 4 + 6 rows read: the 3 rows both files hold are counted once as records and once as duplicates, so the
    # summary adds up (3 purchases + 1 refund + 1 repayment + 5 skipped = 10).
    assert "10 rows read in all" in result.out
    assert "Huabei purchases 3 (0 in instalments), refunds 1, repayments 1" in result.out
    assert "Skipped 5 rows" in result.out and "the same record again (overlapping exports): 3" in result.out
    bill = huabei.bills()["2025-05"]
    assert (bill["amount"], bill["paid"], bill["outstanding"]) == (SMALL_BILL, "500.00", "820.30")
    assert "Added: 4 purchases/refunds, 1 repayment" in result.out


def _bad_amount_file() -> bytes:
    rows = [*SMALL[:3], purchase(8, amount="12.3x"), *SMALL[3:]]
    return build_app2023(rows)


@pytest.mark.parametrize(("lang", "message"), [
    ("en", f"line {APP2023_FIRST_DATA_LINE + 3}: invalid amount “12.3x”"),
    ("zh", f"第 {APP2023_FIRST_DATA_LINE + 3} 行：金额“12.3x”无效"),
], ids=["en", "zh"])
def test_a_malformed_file_names_the_line_and_changes_nothing(huabei, write, lang: str, message: str) -> None:
    old = build_app2023([purchase(50, time="2025-03-03 10:00:00")])
    huabei.ok("import", "alipay", str(write("old.csv", old)))
    before = huabei.snapshot()
    assert before[0] is not None
    # a good file in the same command imports nothing either
    good = write("good.csv", build_app2021(SMALL, receipt_line=False))
    bad = write("bad.csv", _bad_amount_file())
    result = huabei("import", "alipay", str(good), str(bad), lang=lang)
    assert result.code == 2
    assert message in result.err
    assert "bad.csv" in result.err
    assert len(result.err.strip().splitlines()) == 1
    assert huabei.snapshot() == before


def test_a_row_with_missing_cells_is_malformed(huabei, write, db: Path) -> None:
    text = build_app2023(SMALL, Quirks(encoding="utf-8")).decode("utf-8").splitlines(keepends=True)
    line = APP2023_FIRST_DATA_LINE + 1
    text[line - 1] = ",".join(text[line - 1].split(",")[:5]) + "\n"
    result = huabei("import", "alipay", str(write("cut.csv", "".join(text).encode("utf-8"))))
    assert result.code == 2
    assert f"line {line}: expected 12 cells, found 5" in result.err
    assert not db.exists()


@pytest.mark.parametrize("data", [b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)),
                                  "日期,金额\n2025-04-01,12.00\n".encode("gbk"), b""],
                         ids=["png", "other-csv", "empty"])
def test_a_file_that_is_not_an_export_says_so(huabei, write, db: Path, data: bytes) -> None:
    result = huabei("import", "alipay", str(write("x.csv", data)))
    assert result.code == 2
    assert "is not an Alipay transaction export" in result.err
    assert not db.exists()


def test_a_missing_file_says_so(huabei, tmp_path: Path) -> None:
    result = huabei("import", "alipay", str(tmp_path / "nope.csv"))
    assert result.code == 2
    assert "cannot read" in result.err and "nope.csv" in result.err


def test_dry_run_saves_nothing(huabei, write, db: Path) -> None:
    huabei.ok("account", "set", "--limit", "5000")
    before = huabei.snapshot()
    result = huabei.ok("import", "alipay", "--dry-run", str(write("a.csv", build_app2023(SMALL))))
    assert "Huabei purchases 3" in result.out
    assert "Dry run: nothing was saved" in result.out
    assert huabei.snapshot() == before


def test_a_heavy_year_imports_in_one_save(huabei, write, db: Path, monkeypatch) -> None:
    huabei.ok("account", "set", "--limit", "50000")  # the file exists, so a save leaves exactly one backup
    _data, backups_before = huabei.snapshot()
    path = write("year.csv", build_app2023(many(20_000)))
    saves: list[Path] = []
    real_atomic_write = store_module.atomic_write

    def counting(target, *args, **kwargs):
        saves.append(target)
        return real_atomic_write(target, *args, **kwargs)

    monkeypatch.setattr(store_module, "atomic_write", counting)
    result = huabei("import", "alipay", str(path))
    assert result.code == 0, result.err
    assert "20000 rows read" in result.out
    assert "Added: 10000 purchases/refunds" in result.out
    assert saves == [db]
    _data, backups_after = huabei.snapshot()
    assert len(backups_after) == len(backups_before) + 1
    assert len(huabei.data(today="2025-06-20")["purchases"]) == 10_000


def test_progress_bar_on_a_terminal(huabei, write, monkeypatch) -> None:
    monkeypatch.setattr(sys.stderr, "isatty", lambda: True)
    result = huabei("import", "alipay", str(write("year.csv", build_app2023(many(3000)))))
    assert result.code == 0
    assert "\ryear.csv [" in result.err
    assert "] 100%\n" in result.err
    assert "#" * 30 in result.err


def test_a_damaged_file_ends_the_bar_before_the_error(huabei, write, monkeypatch, tmp_path: Path) -> None:
    monkeypatch.setattr(sys.stderr, "isatty", lambda: True)
    rows = many(3000)
    rows[2500] = purchase(9, amount="abc")
    result = huabei("import", "alipay", str(write("year.csv", build_app2023(rows))))
    assert result.code == 2
    assert "\ryear.csv [" in result.err
    assert f"\nerror: import: {tmp_path / 'year.csv'}: line {APP2023_FIRST_DATA_LINE + 2500}:" in result.err
    assert "100%" not in result.err


def test_no_progress_bar_when_piped(huabei, write, monkeypatch) -> None:
    monkeypatch.setattr(sys.stderr, "isatty", lambda: False)
    result = huabei("import", "alipay", str(write("year.csv", build_app2023(many(3000)))))
    assert result.code == 0
    assert result.err == ""


def test_real_process_with_piped_output(write, tmp_path: Path) -> None:
    db = tmp_path / "real.json"
    path = write("a.csv", build_app2023(SMALL, Quirks(newline="\r\n")))
    env = {k: v for k, v in os.environ.items() if not k.startswith("HUABEI_")}
    env.update(PYTHONIOENCODING="utf-8", LANG="C.UTF-8", HOME=str(tmp_path / "home"))
    done = subprocess.run(
        [sys.executable, "-m", "huabei_tui", "--db", str(db), "--today", "2025-05-09", "--lang", "en",
         "import", "alipay", str(path)],
        capture_output=True, text=True, encoding="utf-8", env=env, timeout=60, check=False,
    )
    assert done.returncode == 0, done.stderr
    assert "Added: 4 purchases/refunds, 1 repayment" in done.stdout
    assert done.stderr == ""  # no progress bar into a pipe
    assert db.exists()


# After the runner's today (2025-05-09): a purchase and its refund, a repayment, an instalment purchase.
LATER = purchase(30, time="2025-05-20 10:00:00", amount="60.00", description="later")
FUTURE = [
    LUNCH,
    LATER,
    refund(31, LATER, "10.00", "2025-05-21 10:00:00"),
    repayment(32, "2025-05", "20.00", "2025-05-12 09:00:00"),
    purchase(33, time="2025-05-10 10:00:00", amount="300.00", method="花呗分期(3期)", description="phone"),
    purchase(34, time="2025-05-11 10:00:00", amount="5.00", method="余额宝"),  # not Huabei: not counted
]


@pytest.mark.parametrize(("lang", "said"), [
    ("en", ["4 rows are dated after today (2025-05-09): they are saved, but count on bills and in the limit used "
            "only from their own dates", "1 of them is bought in instalments, which count in the limit used at once"]),
    ("zh", ["4 行的日期在今天（2025-05-09）之后：照样保存，但到了各自的日期才计入账单和已用额度",
            "其中 1 笔是分期消费：分期计划现在就计入已用额度"]),
])
def test_the_preview_says_how_many_rows_are_dated_after_today_and_what_happens(huabei, write, lang: str,
                                                                               said: list[str]) -> None:
    path = str(write("later.csv", build_app2023(FUTURE)))
    dry = huabei.ok("import", "alipay", "--dry-run", path, lang=lang).out
    for words in said:
        assert words in dry, dry
    huabei.ok("import", "alipay", path, lang=lang)
    # What the preview said holds: on 2025-05-09 the repayment, the purchase and its refund do not count yet.
    bills = huabei.bills()
    assert bills["2025-05"]["paid"] == "0.00"
    later = huabei.bills(today="2025-05-21")
    assert later["2025-05"]["paid"] == "20.00"
    assert Decimal(later["2025-06"]["amount"]) - Decimal(bills["2025-06"]["amount"]) == Decimal("50.00")


def test_the_preview_says_nothing_of_the_kind_when_every_row_is_dated_by_today(huabei, write) -> None:
    out = huabei.ok("import", "alipay", "--dry-run", str(write("a.csv", build_app2023(SMALL)))).out
    assert "after today" not in out
