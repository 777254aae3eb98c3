"""Imported purchases as the repository keeps them: in parts, with per-day totals that bills are summed from.

The invariant behind every figure on screen: the totals stored in the data file are exactly what summing the
stored rows gives. And the migration: a file from before parts (every purchase inline) reads the same, is
upgraded by its first save (or its first read, when it is big), and the file as it was stays in the backups.
"""

from __future__ import annotations

import json
import sys
from dataclasses import replace
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from store_testing import Spawn, wait_for_line

from huabei_tui.domain.dates import Month
from huabei_tui.domain.installments import InstallmentPlan
from huabei_tui.domain.ledger import ImportedTotals, Ledger, Purchase, imported_charges
from huabei_tui.domain.summary import summarize
from huabei_tui.storage import migrations, parts
from huabei_tui.storage.repository import UPGRADE_ON_READ_ROWS, Repository
from huabei_tui.storage.rows import StoredRows
from huabei_tui.storage.store import Store

ROOT = Path(__file__).resolve().parents[2]
TODAY = date(2026, 11, 29)


def purchases(count: int, start: int = 0) -> list[Purchase]:
    """Purchases, refunds and instalment purchases over a year and a half, some on the same days."""
    found = []
    for i in range(start, start + count):
        moment = datetime(2025, 6, 1, 9) + timedelta(hours=7 * i)
        found.append(Purchase(order_no=f"2025{i:020d}", time=moment, amount=100 + i % 977,
                              description=f"外卖订单 {i}", refund=i % 31 == 0,
                              installments=3 if i % 97 == 0 else None))
    return found


def load_generate():
    """``bench/generate.py``: the benchmark's deterministic ten-year history, as a user's file would hold it."""
    sys.path.insert(0, str(ROOT / "bench"))
    try:
        import generate
    finally:
        sys.path.remove(str(ROOT / "bench"))
    return generate


def test_totals_stored_are_the_totals_of_the_rows_stored(tmp_path: Path) -> None:
    repo = Repository(Store(tmp_path / "data.json"))
    repo.add_imported(purchases(300), [], [])
    repo.add_imported(purchases(300, start=200), [], [])  # overlapping: 100 known, 200 new
    ledger = Repository(Store(tmp_path / "data.json")).load()
    assert isinstance(ledger.purchases, StoredRows)
    assert len(ledger.purchases) == 500
    assert list(ledger.purchases) == purchases(500)
    assert ledger.imported == ImportedTotals.of(purchases(500))
    in_memory = Ledger(purchases=tuple(purchases(500)))
    assert imported_charges(ledger, TODAY) == imported_charges(in_memory, TODAY)


def test_rows_are_read_a_page_at_a_time(tmp_path: Path) -> None:
    repo = Repository(Store(tmp_path / "data.json"))
    repo.add_imported(purchases(5000), [], [])
    repo.add_imported(purchases(3000, start=5000), [], [])
    rows = repo.load().purchases
    everything = purchases(8000)
    assert rows[4990:5010] == tuple(everything[4990:5010])  # across the two parts
    assert rows[-1] == everything[-1]
    assert rows.page(7990, 50) == tuple(everything[7990:])


def test_a_payment_leaves_the_rows_alone(tmp_path: Path) -> None:
    repo = Repository(Store(tmp_path / "data.json"))
    repo.add_imported(purchases(2000), [], [])
    store = repo.store
    files = {p: (p.stat().st_ino, p.stat().st_mtime_ns) for p in store.parts_dir.iterdir()}
    month = Month(2026, 1)
    before = {b.month: b.amount for b in summarize(repo.load(), TODAY).bills}
    repo.add_payment(month, 100, date(2026, 1, 5), TODAY)
    assert {p: (p.stat().st_ino, p.stat().st_mtime_ns) for p in store.parts_dir.iterdir()} == files
    assert max(b.stat().st_size for b in store.backups()) < 20_000, "the backup is of the small file"
    after = repo.load()
    assert {b.month: b.amount for b in summarize(after, TODAY).bills} == before
    assert [p.amount for p in after.payments] == [100]


def test_replacing_the_ledger_replaces_its_rows(tmp_path: Path) -> None:
    repo = Repository(Store(tmp_path / "data.json"))
    plan = InstallmentPlan("p1", 30_000, 3, repo.load().account.installment_rates[3], Month(2025, 7))
    repo.replace_ledger(Ledger(purchases=tuple(purchases(50)), plans=(plan,)), only_if_empty=False)
    repo.replace_ledger(Ledger(purchases=tuple(purchases(20, start=900))), only_if_empty=False)
    ledger = repo.load()
    assert list(ledger.purchases) == purchases(20, start=900)
    assert ledger.imported == ImportedTotals.of(purchases(20, start=900))
    assert len(repo.store.read_with_parts()[1]) == 1
    repo.replace_ledger(Ledger(), only_if_empty=False)
    assert repo.load().is_empty()


# -- the migration from the single file ------------------------------------------------------------------------

@pytest.fixture
def old_file(tmp_path: Path) -> tuple[Path, Ledger]:
    """A ten-year history with 6,000 imported purchases, written as releases before parts wrote it."""
    generate = load_generate()
    ledger = generate.build_ledger(TODAY, purchases=6000)
    path = tmp_path / "huabei.json"
    generate.write_single_file(path, ledger)
    return path, ledger


def test_a_big_old_file_reads_the_same_and_is_upgraded_keeping_it_as_a_backup(old_file: tuple[Path, Ledger]) -> None:
    path, original = old_file
    raw = path.read_bytes()
    assert json.loads(raw)["_meta"]["1"]["schema"] < migrations.CURRENT_SCHEMA
    assert len(original.purchases) >= UPGRADE_ON_READ_ROWS

    repo = Repository(Store(path))
    ledger = repo.load()  # big enough to be upgraded on first read
    document = json.loads(path.read_text(encoding="utf-8"))
    assert document["_meta"]["1"]["schema"] == migrations.CURRENT_SCHEMA
    assert "purchases" not in document and len(document["_parts"]) == 1
    assert [b.read_bytes() for b in repo.store.backups()] == [raw], "the file as it was is the backup"

    expected = summarize(original, TODAY)
    assert summarize(ledger, TODAY) == expected
    assert list(ledger.purchases) == list(original.purchases)
    assert ledger.imported == ImportedTotals.of(original.purchases)
    assert (ledger.payments, ledger.plans, ledger.manual_bills) == (original.payments, original.plans,
                                                                   original.manual_bills)

    # Restoring the backup brings the single file back exactly; it reads, and upgrades again.
    restored, _damaged = repo.store.restore()
    assert path.read_bytes() == raw and restored.read_bytes() == raw
    assert summarize(Repository(Store(path)).load(), TODAY) == expected


def test_a_small_old_file_is_upgraded_by_its_first_change(tmp_path: Path) -> None:
    generate = load_generate()
    ledger = generate.build_ledger(TODAY, purchases=100)
    path = tmp_path / "huabei.json"
    generate.write_single_file(path, ledger)
    raw = path.read_bytes()
    repo = Repository(Store(path))
    assert summarize(repo.load(), TODAY) == summarize(ledger, TODAY)
    assert path.read_bytes() == raw, "reading a small old file does not rewrite it"
    repo.set_tick("auth", "open_alipay", TODAY)
    assert "purchases" not in json.loads(path.read_text(encoding="utf-8"))
    assert list(repo.load().purchases) == list(ledger.purchases)
    assert [b.read_bytes() for b in repo.store.backups()] == [raw]


def test_the_upgrade_on_read_never_waits_for_the_lock(old_file: tuple[Path, Ledger], spawn: Spawn) -> None:
    path, original = old_file
    raw = path.read_bytes()
    holder = spawn("hold", path)
    wait_for_line(holder, "held")
    ledger = Repository(Store(path, lock_timeout=30)).load()
    assert path.read_bytes() == raw, "another process holds the lock: read as it is"
    assert summarize(ledger, TODAY) == summarize(original, TODAY)
    assert holder.stdin is not None
    holder.stdin.write("\n")
    holder.stdin.flush()
    holder.communicate(timeout=30)


def test_a_damaged_row_stops_the_upgrade_before_anything_is_written(tmp_path: Path) -> None:
    generate = load_generate()
    ledger = generate.build_ledger(TODAY, purchases=50)
    bad = replace(ledger, purchases=(*ledger.purchases[:-1],))
    path = tmp_path / "huabei.json"
    generate.write_single_file(path, bad)
    document = json.loads(path.read_text(encoding="utf-8"))
    document["purchases"]["3"]["amount"] = "lots"
    path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    raw = path.read_bytes()
    repo = Repository(Store(path))
    from huabei_tui.storage.errors import StoreCorrupt

    with pytest.raises(StoreCorrupt):
        repo.set_tick("auth", "open_alipay", TODAY)
    assert path.read_bytes() == raw
    assert not parts.parts_dir(path).exists() or not any(parts.parts_dir(path).iterdir())


@pytest.mark.parametrize("bad", [1.5, True, "12", None])
def test_totals_that_are_not_fen_make_the_file_damaged(tmp_path: Path, bad: object) -> None:
    from huabei_tui.storage.errors import StoreCorrupt

    path = tmp_path / "data.json"
    repo = Repository(Store(path))
    repo.add_imported(purchases(10), [], [])
    document = json.loads(path.read_text(encoding="utf-8"))
    days = next(iter(document["imported_totals"]["1"]["months"].values()))
    days[0] = bad
    path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(StoreCorrupt):
        Repository(Store(path)).load()


def test_an_old_file_with_one_order_number_twice_is_not_upgraded(tmp_path: Path) -> None:
    from huabei_tui.storage.errors import StoreCorrupt

    generate = load_generate()
    ledger = generate.build_ledger(TODAY, purchases=30)
    path = tmp_path / "huabei.json"
    generate.write_single_file(path, ledger)
    document = json.loads(path.read_text(encoding="utf-8"))
    document["purchases"]["2"]["order_no"] = document["purchases"]["1"]["order_no"]
    path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    raw = path.read_bytes()
    with pytest.raises(StoreCorrupt):
        Repository(Store(path)).set_tick("auth", "open_alipay", TODAY)
    assert path.read_bytes() == raw


# -- refunds of instalment purchases: they reach the plan, not the day -------------------------------------------

def plan_and_refund() -> tuple[InstallmentPlan, Purchase, Purchase]:
    from decimal import Decimal

    bought = Purchase("2025070122001", datetime(2025, 7, 1, 10), 60_000, "手机", installments=6)
    plan = InstallmentPlan("2025070122001", 60_000, 6, Decimal("4.5"), Month(2025, 7), "手机", "2025070122001")
    refund = Purchase("2025070122001_0001", datetime(2025, 9, 3, 15), 60_000, "退款-手机", refund=True)
    return plan, bought, refund


@pytest.mark.parametrize("order", ["together", "refund_first", "plan_first"])
def test_a_refund_of_a_plan_reaches_the_plan_whatever_the_import_order(tmp_path: Path, order: str) -> None:
    plan, bought, refund = plan_and_refund()
    others = purchases(40)
    repo = Repository(Store(tmp_path / "data.json"))
    if order == "together":
        repo.add_imported([*others, bought, refund], [], [plan])
    elif order == "refund_first":  # an export with the refund, then an older one with the purchase
        repo.add_imported([*others, refund], [], [])
        repo.add_imported([bought], [], [plan])
    else:
        repo.add_imported([*others, bought], [], [plan])
        repo.add_imported([refund], [], [])
    stored = Repository(Store(tmp_path / "data.json")).load()
    in_memory = Ledger(purchases=(*others, bought, refund), plans=(plan,))
    assert stored.imported == in_memory.imported_totals
    assert stored.imported.plan_refunds == (("2025070122001", date(2025, 9, 3), 60_000),)
    for today in (date(2025, 8, 20), date(2025, 9, 10), TODAY):
        assert imported_charges(stored, today) == imported_charges(in_memory, today)


def test_an_old_file_with_a_refunded_plan_keeps_its_bills(tmp_path: Path) -> None:
    generate = load_generate()
    plan, bought, refund = plan_and_refund()
    ledger = Ledger(purchases=(*purchases(30), bought, refund), plans=(plan,))
    path = tmp_path / "huabei.json"
    generate.write_single_file(path, ledger)
    repo = Repository(Store(path))
    before = summarize(repo.load(), TODAY)
    repo.set_tick("auth", "open_alipay", TODAY)  # the first change moves the rows into a part
    after = repo.load()
    assert after.imported == ledger.imported_totals
    assert summarize(after, TODAY).bills == before.bills == summarize(ledger, TODAY).bills
