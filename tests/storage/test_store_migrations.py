"""Old files are read through the migration chain; the first save upgrades them, keeping the old file."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from tinydb import TinyDB

from huabei_tui.storage import migrations
from huabei_tui.storage.errors import StoreTooNew
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


@pytest.fixture
def schema_2(monkeypatch: pytest.MonkeyPatch) -> None:
    """A pretend next release: schema 2 stores amounts under ``fen`` instead of ``amount``."""

    def v1_to_v2(tables: migrations.Tables) -> migrations.Tables:
        for doc in tables.get("bills", {}).values():
            doc["fen"] = doc.pop("amount")
        return tables

    monkeypatch.setattr(migrations, "CURRENT_SCHEMA", 2)
    monkeypatch.setattr(migrations, "MIGRATIONS", {**migrations.MIGRATIONS, 1: v1_to_v2})


def test_fake_migration_1_to_2(db_path: Path, schema_2: None, monkeypatch: pytest.MonkeyPatch) -> None:
    db_path.write_text(json.dumps({"_meta": {"1": {"schema": 1}}, "bills": {"1": {"amount": 7}}}))
    original = db_path.read_bytes()
    store = Store(db_path)
    assert store.read() == {"bills": {"1": {"fen": 7}}}
    with store.transaction() as db:
        db.table("bills").insert({"fen": 8})
    on_disk = json.loads(db_path.read_text())
    assert on_disk["_meta"]["1"]["schema"] == 2
    assert on_disk["bills"] == {"1": {"fen": 7}, "2": {"fen": 8}}
    assert [b.read_bytes() for b in store.backups()] == [original]

    # The old program meets the new file: it refuses, naming the schema-1 backup it could restore.
    monkeypatch.setattr(migrations, "CURRENT_SCHEMA", 1)
    with pytest.raises(StoreTooNew) as caught:
        Store(db_path).read()
    assert (caught.value.found, caught.value.supported) == (2, 1)
    assert caught.value.backup == store.backups()[0]


def test_version_0_goes_through_every_step(db_path: Path, schema_2: None) -> None:
    plain_tinydb_file(db_path)
    assert Store(db_path).read()["bills"] == {"1": {"month": "2025-04", "fen": 150000}}


def test_missing_step_is_a_programming_error(db_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(migrations, "CURRENT_SCHEMA", 3)
    db_path.write_text(json.dumps({"_meta": {"1": {"schema": 1}}}))
    with pytest.raises(RuntimeError, match="no migration from schema 1"):
        Store(db_path).read()


def test_registry_covers_every_version() -> None:
    assert set(migrations.MIGRATIONS) == set(range(migrations.CURRENT_SCHEMA))
