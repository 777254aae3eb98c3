"""The two-part layout: rows in parts beside the data file, the data file the one commit point.

What must hold whatever happens: the data file only ever names parts that are complete and unchanged; a save
that adds no rows leaves every part untouched and backs up only the small file; restoring a backup brings back
exactly the rows it named; parts nobody names any more are deleted, and none that anybody names.
"""

from __future__ import annotations

import errno
import json
import os
import signal
from pathlib import Path

import pytest
from store_testing import Spawn, output_after_kill, temp_leftovers, wait_for_line
from tinydb import TinyDB

from huabei_tui.storage import atomic, parts
from huabei_tui.storage.errors import StoreCorrupt, StoreWriteError
from huabei_tui.storage.store import Store, decode_file


def rows(count: int, start: int = 0) -> list[dict]:
    return [{"n": start + i, "text": f"第{start + i}行"} for i in range(count)]


def add(store: Store, count: int, start: int = 0) -> parts.PartRef:
    """An import: a part of ``count`` rows and the counter moved by as many, in one save."""
    with store.transaction() as db:
        ref = store.add_part("rows", rows(count, start))
        counter = db.table("counter")
        counter.truncate()
        counter.insert({"n": start + count})
    return ref


def tick(store: Store, value: int) -> None:
    """A small save: no rows."""
    with store.transaction() as db:
        db.table("ticks").insert({"v": value})


def part_files(store: Store) -> dict[str, tuple[int, int, int]]:
    """Every file in the parts folder with (inode, size, mtime): a part must never change once written."""
    if not store.parts_dir.is_dir():
        return {}
    return {p.name: (p.stat().st_ino, p.stat().st_size, p.stat().st_mtime_ns) for p in store.parts_dir.iterdir()}


def named_rows(store: Store) -> list[dict]:
    _tables, refs = store.read_with_parts()
    return [doc for ref in refs for doc in store.iter_part(ref)]


# -- the layout ----------------------------------------------------------------------------------------------------

def test_rows_round_trip_and_every_part_is_a_tinydb_file(db_path: Path) -> None:
    store = Store(db_path)
    first = add(store, 10)
    second = add(store, 5, start=10)
    assert named_rows(store) == rows(15)
    tables, refs = Store(db_path).read_with_parts()
    assert refs == (first, second)
    assert tables["counter"] == {"1": {"n": 15}}
    assert "rows" not in tables and "_parts" not in tables

    on_disk = json.loads(db_path.read_text(encoding="utf-8"))
    assert [doc["file"] for doc in on_disk["_parts"].values()] == [first.name, second.name]
    part = parts.part_path(db_path, first)
    assert part.stat().st_mode & 0o777 == 0o600
    with TinyDB(part) as tiny:  # a person (or TinyDB) can open a part like any data file
        assert [dict(doc) for doc in tiny.table("rows").all()] == rows(10)


def test_pages_skip_what_comes_before(db_path: Path) -> None:
    store = Store(db_path)
    ref = add(store, 10_000)
    assert list(store.iter_part(ref, start=4095, stop=4099, check=False)) == rows(10_000)[4095:4099]
    assert list(store.iter_part(ref, start=9998)) == rows(10_000)[9998:]
    assert list(store.iter_part(ref, start=10_000)) == []


def test_a_small_save_neither_rewrites_nor_backs_up_the_rows(db_path: Path) -> None:
    store = Store(db_path, keep_backups=10)
    add(store, 20_000)
    before = part_files(store)
    size_of_part = sum(size for _ino, size, _mtime in before.values())
    for value in range(5):
        tick(store, value)
    assert part_files(store) == before, "no part was written, replaced or added"
    backups = store.backups()
    assert len(backups) == 5
    assert all(b.stat().st_size < size_of_part / 50 for b in backups), "backups hold the small file only"
    assert named_rows(store) == rows(20_000)


def test_an_import_is_all_or_nothing(db_path: Path) -> None:
    store = Store(db_path)
    add(store, 3)
    before, files = db_path.read_bytes(), part_files(store)
    with pytest.raises(RuntimeError), store.transaction() as db:
        store.add_part("rows", rows(7))
        db.table("counter").truncate()
        raise RuntimeError("the import found a bad row after writing its part")
    assert db_path.read_bytes() == before
    assert part_files(store) == files, "the part it wrote is gone again"


def test_dropping_parts_keeps_them_while_a_backup_names_them(db_path: Path) -> None:
    store = Store(db_path, keep_backups=2)
    ref = add(store, 4)
    with store.transaction():
        store.drop_parts("rows")
    assert store.read_with_parts()[1] == ()
    assert ref.name in part_files(store), "the backup made by the drop still names it"
    tick(store, 1)
    tick(store, 2)  # the two backups kept are now both from after the drop
    tick(store, 3)
    assert ref.name not in part_files(store)


# -- damage --------------------------------------------------------------------------------------------------------

def test_a_changed_part_is_never_used(db_path: Path) -> None:
    store = Store(db_path)
    ref = add(store, 100)
    tick(store, 1)
    path = parts.part_path(db_path, ref)
    data = bytearray(path.read_bytes())
    data[data.index(b"99")] = ord(b"8")  # same size: only the hash can tell
    os.chmod(path, 0o600)
    path.write_bytes(bytes(data))
    with pytest.raises(StoreCorrupt) as caught:
        list(Store(db_path).iter_part(ref))
    assert caught.value.reason == "part_changed"
    assert ref.name in str(caught.value)


@pytest.mark.parametrize("damage", ["missing", "truncated"])
def test_a_missing_or_cut_part_makes_the_file_damaged_with_a_way_out(db_path: Path, damage: str) -> None:
    store = Store(db_path)
    add(store, 10)
    tick(store, 1)
    ref = add(store, 10, start=10)
    good_backup = store.backups()[0]  # the file before the second import: it names the first part only
    before = db_path.read_bytes()
    path = parts.part_path(db_path, ref)
    if damage == "missing":
        path.unlink()
    else:
        path.write_bytes(path.read_bytes()[:-10])
    with pytest.raises(StoreCorrupt) as caught:
        Store(db_path).read()
    assert caught.value.reason == ("part_missing" if damage == "missing" else "part_changed")
    assert caught.value.backup == good_backup
    with pytest.raises(StoreCorrupt), store.transaction():
        pass  # never saved over
    assert db_path.read_bytes() == before

    restored, damaged = Store(db_path).restore()
    assert restored == good_backup and damaged is not None
    assert named_rows(Store(db_path)) == rows(10)
    assert Store(db_path).read()["counter"] == {"1": {"n": 10}}


def test_restore_brings_back_the_rows_the_backup_named(db_path: Path) -> None:
    store = Store(db_path)
    add(store, 5)
    tick(store, 1)
    add(store, 5, start=5)  # its save backed up the file naming the first part only
    before_second = store.backups()[0]
    later = part_files(store)
    restored, damaged = store.restore(before_second)
    assert restored == before_second
    assert named_rows(store) == rows(5)
    assert store.read()["counter"] == {"1": {"n": 5}}
    tick(store, 2)
    assert part_files(store) == later, "the newer part is kept: the damaged copy still names it"
    assert damaged is not None and damaged.exists()


def test_a_backup_whose_parts_are_gone_is_not_offered(db_path: Path) -> None:
    store = Store(db_path)
    ref = add(store, 5)
    tick(store, 1)
    parts.part_path(db_path, ref).unlink()
    assert store.newest_good_backup() is None


# -- failed saves --------------------------------------------------------------------------------------------------

def test_disk_full_while_writing_the_rows(db_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    store = Store(db_path)
    add(store, 3)
    before, files, backups = db_path.read_bytes(), part_files(store), store.backups()
    real = atomic.write_all
    calls = []

    def fill_up_on_the_second_chunk(fd: int, data: bytes) -> None:
        calls.append(fd)
        if len(calls) == 2:
            real(fd, data[:50])
            raise OSError(errno.ENOSPC, "No space left on device")
        real(fd, data)

    monkeypatch.setattr(atomic, "write_all", fill_up_on_the_second_chunk)
    with pytest.raises(StoreWriteError) as caught, store.transaction():
        store.add_part("rows", rows(10_000))
    assert caught.value.reason == "disk_full"
    assert db_path.read_bytes() == before
    assert part_files(store) == files
    assert store.backups() == backups
    assert temp_leftovers(db_path) == [] and not list(store.parts_dir.glob(".*"))


def test_disk_full_while_saving_the_data_file_after_the_rows(db_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    store = Store(db_path)
    add(store, 3)
    before, files = db_path.read_bytes(), part_files(store)
    real = atomic.write_all
    written: list[int] = []

    def main_file_fails(fd: int, data: bytes) -> None:
        if data.startswith(b'{"_meta": {"1": {"schema"'):  # the data file, not the part
            raise OSError(errno.ENOSPC, "No space left on device")
        written.append(len(data))
        real(fd, data)

    monkeypatch.setattr(atomic, "write_all", main_file_fails)
    with pytest.raises(StoreWriteError) as caught:
        add(store, 10, start=3)
    assert caught.value.reason == "disk_full"
    assert written, "the part was written first"
    assert db_path.read_bytes() == before
    assert part_files(store) == files, "the part no data file names was removed"


# -- crashes (a child killed at each step) -------------------------------------------------------------------------

@pytest.mark.parametrize(
    ("stage", "saved"),
    [
        ("part_mid_rows", False),
        ("part_before_link", False),
        ("before_main", False),
        ("main_before_replace", False),
        ("main_after_replace", True),
    ],
)
def test_kill_at_each_step_of_an_import(db_path: Path, spawn: Spawn, stage: str, saved: bool) -> None:
    store = Store(db_path, keep_backups=3)
    add(store, 100)
    tick(store, 1)
    before = db_path.read_bytes()

    child = spawn("crash-import", db_path, stage, "--rows", 10_000)
    wait_for_line(child, "ready")
    out, err = child.communicate(timeout=60)
    assert child.returncode == -signal.SIGKILL, f"crash point not reached: {out!r} {err!r}"

    tables, refs = Store(db_path).read_with_parts()
    counted = tables["counter"]["1"]["n"]
    assert counted == sum(ref.rows for ref in refs) == (10_100 if saved else 100)
    if not saved:
        assert db_path.read_bytes() == before
    for ref in refs:
        parts.verify(db_path, ref)  # every part named is complete and unchanged

    tick(store, 2)  # the next save cleans up after the killed one
    assert temp_leftovers(db_path) == [] and not list(store.parts_dir.glob(".*"))
    named = {ref.name for ref in store.read_with_parts()[1]}
    for backup in store.backups():
        named |= {ref.name for ref in decode_file(backup.read_bytes())[1]}
    assert set(part_files(store)) == named, "no orphan part is left, and no named part was deleted"


def test_random_kills_during_imports_lose_nothing_acknowledged(db_path: Path, spawn: Spawn) -> None:
    import random
    import time

    rng = random.Random(15)
    store = Store(db_path, keep_backups=3)
    acknowledged = 0
    for _ in range(12):
        child = spawn("import", db_path, 0, "--rows", 3000)
        wait_for_line(child, "ready")
        assert child.stdout is not None
        first = child.stdout.readline()  # at least one import committed in this child
        assert first.strip(), child.communicate(timeout=30)
        time.sleep(rng.uniform(0.0, 0.3))
        child.send_signal(signal.SIGKILL)
        out = output_after_kill(child)
        lines = [int(line) for line in (first + out).splitlines(keepends=True) if line.endswith("\n")]
        acknowledged = max(acknowledged, lines[-1])

        tables, refs = store.read_with_parts()
        counted = tables["counter"]["1"]["n"]
        assert acknowledged <= counted <= acknowledged + 3000
        assert counted == sum(ref.rows for ref in refs), "the counter and the rows move together"
        assert [doc["n"] for doc in named_rows(store)] == list(range(1, counted + 1))
        acknowledged = counted
    tick(store, 0)
    assert temp_leftovers(db_path) == [] and not list(store.parts_dir.glob(".*"))


def test_two_importers_and_a_small_writer_lose_nothing(db_path: Path, spawn: Spawn) -> None:
    children = [spawn("import", db_path, 4, "--rows", 500, "--wait-go", "--pause", 0.002) for _ in range(2)]
    children.append(spawn("count", db_path, 40, "--wait-go", "--pause", 0.002))
    for child in children:
        wait_for_line(child, "ready")
    for child in children:
        assert child.stdin is not None
        child.stdin.write("go\n")
        child.stdin.flush()
    for child in children:
        _out, err = child.communicate(timeout=300)
        assert child.returncode == 0, err
    store = Store(db_path)
    tables, refs = store.read_with_parts()
    assert len(refs) == 8 and sum(ref.rows for ref in refs) == 4000
    assert tables["counter"]["1"]["n"] == 4000 + 40, "every import and every increment saw the ones before it"
    assert len(tables["log"]) == 40
    for ref in refs:
        parts.verify(db_path, ref)


@pytest.mark.parametrize("stage", ["mid_write", "before_fsync", "mid_backup_copy", "before_replace", "after_replace"])
def test_kill_during_a_small_save_leaves_the_rows_alone(db_path: Path, spawn: Spawn, stage: str) -> None:
    """The existing crash points of a save, on a file with parts: the small file is old or new, the parts are
    exactly what they were, and every one of them is still named and intact."""
    store = Store(db_path, keep_backups=3)
    add(store, 5000)
    files = part_files(store)
    child = spawn("crash", db_path, stage)
    wait_for_line(child, "ready")
    out, err = child.communicate(timeout=60)
    assert child.returncode == -signal.SIGKILL, f"crash point not reached: {out!r} {err!r}"
    assert part_files(store) == files
    assert named_rows(Store(db_path)) == rows(5000)
    tick(store, 1)
    assert part_files(store) == files and temp_leftovers(db_path) == []
