"""Old files are read through the migration chain; the first save upgrades them, keeping the old file."""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from tinydb import TinyDB

from huabei_tui.domain.dates import Month
from huabei_tui.storage import migrations
from huabei_tui.storage.errors import StoreTooNew
from huabei_tui.storage.repository import Repository
from huabei_tui.storage.store import Store


def plain_tinydb_file(path: Path) -> bytes:
    """A version-0 file, written by TinyDB's own JSONStorage as the app did before versioning."""
    with TinyDB(path) as db:
        db.table("bills").insert({"month": "2025-04", "amount": 150000})
        db.table("payments").insert({"fen": 50000, "date": "2025-04-09"})
    return path.read_bytes()


def test_version_0_file_reads_and_upgrades_on_save(db_path: Path) -> None:
    original = plain_tinydb_file(db_path)
    store = Store(db_path)
    tables = store.read()
    assert tables["bills"] == {"1": {"month": "2025-04", "amount": 150000}}
    assert tables["payments"] == {"1": {"fen": 50000, "date": "2025-04-09"}}

    with store.transaction():
        pass
    assert db_path.read_bytes() == original, "reading, even in a transaction, does not rewrite the file"

    with store.transaction() as db:
        db.table("bills").insert({"month": "2025-05", "amount": 1})
    on_disk = json.loads(db_path.read_text(encoding="utf-8"))
    assert on_disk["_meta"] == {"1": {"schema": migrations.CURRENT_SCHEMA}}
    assert on_disk["bills"]["1"] == {"month": "2025-04", "amount": 150000}
    assert [b.read_bytes() for b in store.backups()] == [original], "the pre-upgrade file is a backup"


NEXT = migrations.CURRENT_SCHEMA + 1


@pytest.fixture
def schema_next(monkeypatch: pytest.MonkeyPatch) -> None:
    """A pretend next release: it stores bill amounts under ``fen`` instead of ``amount``."""

    def rename(tables: migrations.Tables) -> migrations.Tables:
        for doc in tables.get("bills", {}).values():
            doc["fen"] = doc.pop("amount")
        return tables

    monkeypatch.setattr(migrations, "CURRENT_SCHEMA", NEXT)
    monkeypatch.setattr(migrations, "MIGRATIONS", {**migrations.MIGRATIONS, NEXT - 1: rename})


def test_fake_migration_to_the_next_schema(db_path: Path, schema_next: None, monkeypatch: pytest.MonkeyPatch) -> None:
    current = NEXT - 1
    db_path.write_text(json.dumps({"_meta": {"1": {"schema": current}}, "bills": {"1": {"amount": 7}}}))
    original = db_path.read_bytes()
    store = Store(db_path)
    assert store.read() == {"bills": {"1": {"fen": 7}}}
    with store.transaction() as db:
        db.table("bills").insert({"fen": 8})
    on_disk = json.loads(db_path.read_text())
    assert on_disk["_meta"]["1"]["schema"] == NEXT
    assert on_disk["bills"] == {"1": {"fen": 7}, "2": {"fen": 8}}
    assert [b.read_bytes() for b in store.backups()] == [original]

    # The old program meets the new file: it refuses, naming the backup of its own version it could restore.
    monkeypatch.setattr(migrations, "CURRENT_SCHEMA", current)
    with pytest.raises(StoreTooNew) as caught:
        Store(db_path).read()
    assert (caught.value.found, caught.value.supported) == (NEXT, current)
    assert caught.value.backup == store.backups()[0]


def test_version_0_goes_through_every_step(db_path: Path, schema_next: None) -> None:
    plain_tinydb_file(db_path)
    tables = Store(db_path).read()
    assert tables["bills"] == {"1": {"month": "2025-04", "fen": 150000}}
    assert tables["minimums"] == {} and tables["bill_instalments"] == {}  # from the step 1 → 2 on the way


def test_missing_step_is_a_programming_error(db_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    current = migrations.CURRENT_SCHEMA
    monkeypatch.setattr(migrations, "CURRENT_SCHEMA", current + 2)
    db_path.write_text(json.dumps({"_meta": {"1": {"schema": current}}}))
    with pytest.raises(RuntimeError, match=f"no migration from schema {current} to {current + 1}"):
        Store(db_path).read()


def test_registry_covers_every_version() -> None:
    assert set(migrations.MIGRATIONS) == set(range(migrations.CURRENT_SCHEMA))


# -- the real step 1 → 2: minimum payments and bill instalments ---------------------------------------------------
#: A data file exactly as version 1 of huabei wrote it (account settings before min_rate and interest_rate).
VERSION_1_FILE = {
    "_meta": {"1": {"schema": 1}},
    "account": {"1": {"limit": 800000, "statement_day": 1, "due_day": 10, "auto_repay": True, "balance": None,
                      "balance_checked_on": None, "opened": "2024-01-01", "fee_rate": "0.05",
                      "installment_rates": {"3": "2.3", "6": "4.5", "9": "6.5", "12": "7.5", "24": "15"}}},
    "bills": {"1": {"month": "2025-09", "amount": 200000}},
    "payments": {"1": {"id": "p1", "month": "2025-09", "amount": 20000, "on": "2025-09-10", "source": "manual",
                       "order_no": None}},
}


def test_version_1_file_loads_with_the_default_rates_and_saves_as_the_current_version(db_path: Path) -> None:
    db_path.write_text(json.dumps(VERSION_1_FILE, ensure_ascii=False), encoding="utf-8")
    original = db_path.read_bytes()
    repository = Repository(Store(db_path))
    ledger = repository.load()
    assert (ledger.account.min_rate, ledger.account.interest_rate) == (Decimal("10"), Decimal("0.05"))
    assert ledger.minimums == {} and ledger.bill_instalments == ()
    assert ledger.manual_bills == {Month(2025, 9): 200000}
    assert db_path.read_bytes() == original, "reading never rewrites the file"

    repository.set_minimum(Month(2025, 9), 25000, date(2025, 9, 5))
    on_disk = json.loads(db_path.read_text(encoding="utf-8"))
    assert on_disk["_meta"] == {"1": {"schema": migrations.CURRENT_SCHEMA}}
    assert list(on_disk["minimums"].values()) == [{"month": "2025-09", "amount": 25000}]
    assert on_disk["bill_instalments"] == {}
    assert on_disk["bills"] == VERSION_1_FILE["bills"] and on_disk["payments"] == VERSION_1_FILE["payments"]
    assert [b.read_bytes() for b in repository.store.backups()] == [original], "the version-1 file is kept"
    assert repository.load().minimums == {Month(2025, 9): 25000}
