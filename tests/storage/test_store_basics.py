"""Everyday behaviour of Store: one save per transaction, all-or-nothing, backups, modes, reloading."""

from __future__ import annotations

import json
import os
import threading
from pathlib import Path

import pytest
from tinydb import Query

from huabei_tui.storage import atomic, migrations
from huabei_tui.storage import store as store_module
from huabei_tui.storage.store import Store


@pytest.fixture
def writes(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """Records every atomic save the store makes."""
    calls: list[Path] = []
    real = store_module.atomic_write

    def counting(path: Path, data: bytes, **kwargs: object) -> Path | None:
        calls.append(path)
        return real(path, data, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(store_module, "atomic_write", counting)
    return calls


def test_missing_file_reads_empty_and_is_not_created(db_path: Path) -> None:
    store = Store(db_path)
    assert store.read() == {}
    assert store.signature() is None
    assert list(db_path.parent.iterdir()) == []


def test_round_trip_in_tinydb_layout(db_path: Path) -> None:
    store = Store(db_path)
    with store.transaction() as db:
        db.table("bills").insert({"month": "2025-04", "amount": 123450, "note": "花呗2025年04月账单"})
        db.table("payments").insert_multiple([{"fen": 1}, {"fen": 2}])
    assert store.read() == {
        "bills": {"1": {"month": "2025-04", "amount": 123450, "note": "花呗2025年04月账单"}},
        "payments": {"1": {"fen": 1}, "2": {"fen": 2}},
    }
    on_disk = json.loads(db_path.read_text(encoding="utf-8"))
    assert on_disk["_meta"] == {"1": {"schema": migrations.CURRENT_SCHEMA}}
    assert "花呗" in db_path.read_text(encoding="utf-8"), "Chinese is readable in the file, not \\u-escaped"
    with store.transaction() as db:
        assert db.table("bills").search(Query().month == "2025-04")[0]["amount"] == 123450
        assert "_meta" not in db.tables()


def test_bulk_insert_is_one_write(db_path: Path, writes: list[Path]) -> None:
    store = Store(db_path)
    with store.transaction() as db:
        table = db.table("purchases")
        for i in range(3000):  # one insert per record: TinyDB alone would rewrite the file 3000 times
            table.insert({"order": f"2025{i:08d}", "fen": i})
    assert writes == [db_path], "one write for the whole block (counted, not timed: a loaded machine is slow)"
    assert len(store.read()["purchases"]) == 3000


def test_exception_in_transaction_writes_nothing(db_path: Path, writes: list[Path]) -> None:
    store = Store(db_path)
    with store.transaction() as db:
        db.table("t").insert({"a": 1})
    before = db_path.read_bytes()
    with pytest.raises(ZeroDivisionError), store.transaction() as db:
        db.table("t").insert({"a": 2})
        db.table("t").truncate()
        _ = 1 / 0
    assert db_path.read_bytes() == before
    assert len(writes) == 1
    with store.transaction() as db:  # the lock was released
        db.table("t").insert({"a": 3})
    assert len(store.read()["t"]) == 2


def test_unchanged_transaction_does_not_write(db_path: Path, writes: list[Path]) -> None:
    store = Store(db_path)
    with store.transaction() as db:
        assert db.all() == []
    assert not db_path.exists(), "a look inside creates no file"
    with store.transaction() as db:
        db.table("t").insert({"a": 1})
    signature = store.signature()
    with store.transaction() as db:
        db.table("t").update({"a": 1})  # same value: no change
        db.table("t").all()
    assert store.signature() == signature
    assert len(writes) == 1
    assert store.backups() == []


def test_saved_file_and_backups_are_private(db_path: Path) -> None:
    old_umask = os.umask(0o022)
    try:
        store = Store(db_path)
        for i in range(3):
            with store.transaction() as db:
                db.table("t").insert({"i": i})
    finally:
        os.umask(old_umask)
    assert db_path.stat().st_mode & 0o777 == 0o600
    assert store.backup_dir.stat().st_mode & 0o777 == 0o700
    assert all(b.stat().st_mode & 0o777 == 0o600 for b in store.backups())
    assert store.lock_path.stat().st_mode & 0o777 == 0o600


def test_backups_are_pruned_to_keep_newest(db_path: Path) -> None:
    store = Store(db_path, keep_backups=3)
    for i in range(1, 8):
        with store.transaction() as db:
            db.table("state").truncate()
            db.table("state").insert({"v": i})
    backups = store.backups()
    assert len(backups) == 3
    assert [Store(b).read()["state"]["1"]["v"] for b in backups] == [6, 5, 4]
    assert backups == sorted(backups, reverse=True), "names sort by age"
    assert all(b.name.startswith("data.") and b.suffix == ".json" for b in backups)


def test_keep_zero_makes_no_backups(db_path: Path) -> None:
    store = Store(db_path, keep_backups=0)
    for i in range(3):
        with store.transaction() as db:
            db.table("t").insert({"i": i})
    assert store.backups() == []


def test_backup_names_stay_unique_and_ordered_when_the_clock_stands_still(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(atomic.time, "time_ns", lambda: 1_764_000_000_000_000_000)
    store = Store(db_path, keep_backups=10)
    for i in range(1, 6):
        with store.transaction() as db:
            db.table("state").truncate()
            db.table("state").insert({"v": i})
    backups = store.backups()
    assert len(set(backups)) == 4
    assert [Store(b).read()["state"]["1"]["v"] for b in backups] == [4, 3, 2, 1]


def test_backup_is_copied_where_hard_links_are_unsupported(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = Store(db_path)
    with store.transaction() as db:
        db.table("t").insert({"a": 1})
    first = db_path.read_bytes()

    def no_links(*_args: object) -> None:
        raise OSError(1, "Operation not permitted")

    monkeypatch.setattr(os, "link", no_links)
    with store.transaction() as db:
        db.table("t").insert({"a": 2})
    assert [b.read_bytes() for b in store.backups()] == [first]


def test_signature_notices_another_process_saving(db_path: Path) -> None:
    ours, theirs = Store(db_path), Store(db_path)
    with ours.transaction() as db:
        db.table("t").insert({"a": 1})
    seen = ours.signature()
    assert seen is not None
    assert ours.signature() == seen
    with theirs.transaction() as db:
        db.table("t").update({"a": 1})
        db.table("t").insert({"a": 1})
    assert ours.signature() != seen
    assert len(ours.read()["t"]) == 2


def test_tinydb_handle_is_dead_after_the_transaction(db_path: Path) -> None:
    store = Store(db_path)
    with store.transaction() as db:
        db.table("t").insert({"a": 1})
    with pytest.raises(RuntimeError, match="finished"):
        db.table("t").insert({"a": 2})
    assert store.read() == {"t": {"1": {"a": 1}}}


def test_nested_transactions_are_refused(db_path: Path) -> None:
    store = Store(db_path)
    with pytest.raises(RuntimeError, match="nested"), store.transaction() as db:
        db.table("t").insert({"a": 1})
        with store.transaction():
            pass
    assert store.read() == {}


def test_meta_table_name_is_reserved(db_path: Path) -> None:
    store = Store(db_path)
    with pytest.raises(ValueError, match="reserved"), store.transaction() as db:
        db.table("_meta").insert({"schema": 99})
    assert not db_path.exists()


def test_values_that_are_not_json_are_refused_before_writing(db_path: Path) -> None:
    store = Store(db_path)
    with store.transaction() as db:
        db.table("t").insert({"a": 1})
    before = db_path.read_bytes()
    with pytest.raises(ValueError), store.transaction() as db:
        db.table("t").insert({"a": float("nan")})
    with pytest.raises(TypeError), store.transaction() as db:
        db.table("t").insert({"a": {1, 2}})
    assert db_path.read_bytes() == before


def test_threads_sharing_a_store_do_not_lose_updates(db_path: Path) -> None:
    store = Store(db_path)

    def work() -> None:
        for _ in range(25):
            with store.transaction() as db:
                table = db.table("c")
                doc = table.get(doc_id=1)
                if doc is None:
                    table.insert({"n": 1})
                else:
                    table.update({"n": doc["n"] + 1}, doc_ids=[1])

    threads = [threading.Thread(target=work) for _ in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert store.read()["c"]["1"]["n"] == 75


def test_symlinked_data_file_stays_a_symlink(tmp_path: Path) -> None:
    real = tmp_path / "real" / "data.json"
    real.parent.mkdir()
    link = tmp_path / "data.json"
    link.symlink_to(real)
    store = Store(link)
    with store.transaction() as db:
        db.table("t").insert({"a": 1})
    assert link.is_symlink()
    assert Store(real).read() == {"t": {"1": {"a": 1}}}


def test_reading_does_not_wait_for_the_lock(db_path: Path) -> None:
    store = Store(db_path)
    with store.transaction() as db:
        db.table("t").insert({"a": 1})
    other = Store(db_path, lock_timeout=0.1)
    with store.transaction() as db:
        db.table("t").insert({"a": 2})
        assert other.read() == {"t": {"1": {"a": 1}}}, "readers see the last saved state, not the pending one"
