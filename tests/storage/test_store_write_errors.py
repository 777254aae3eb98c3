"""A save that cannot complete (disk full, read-only or missing folder) changes nothing and says so."""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest
from store_testing import temp_leftovers

from huabei_tui.storage import atomic
from huabei_tui.storage.errors import StoreMissingFolder, StoreWriteError
from huabei_tui.storage.store import Store


@pytest.fixture
def saved(db_path: Path) -> Store:
    """A store with two saves behind it (so one backup), ready to fail its third."""
    store = Store(db_path)
    for i in range(2):
        with store.transaction() as db:
            db.table("bills").insert({"month": f"2025-0{i + 1}", "amount": 150000})
    return store


def fail_third_save(store: Store) -> StoreWriteError:
    path = store.path
    before, backups = path.read_bytes(), store.backups()
    with pytest.raises(StoreWriteError) as caught, store.transaction() as db:
        db.table("bills").insert({"month": "2025-03", "amount": 1})
    assert path.read_bytes() == before, "the old file is byte-for-byte intact"
    assert temp_leftovers(path) == [], "no temp file is left behind"
    assert store.backups() == backups, "no pointless extra backup"
    assert "Nothing was changed" in str(caught.value)
    assert "未做任何改动" in caught.value.message("zh")
    assert str(path) in str(caught.value)
    return caught.value


def raise_errno(code: int):
    def fail(*_args: object, **_kwargs: object) -> None:
        raise OSError(code, os.strerror(code))

    return fail


def test_disk_full_while_writing(saved: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    def write_some_then_fill_up(fd: int, data: bytes) -> None:
        os.write(fd, data[:100])
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(atomic, "write_all", write_some_then_fill_up)
    error = fail_third_save(saved)
    assert error.reason == "disk_full"
    assert "the disk is full" in str(error)
    assert "磁盘已满" in error.message("zh")


def test_disk_full_at_fsync(saved: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(os, "fsync", raise_errno(errno.ENOSPC))
    assert fail_third_save(saved).reason == "disk_full"


def test_disk_full_while_copying_the_backup(saved: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    # No hard links (some network or FAT file systems): the backup is a copy, and the copy fills the disk.
    real_write_all = atomic.write_all
    calls = []

    def second_write_fails(fd: int, data: bytes) -> None:
        calls.append(fd)
        if len(calls) == 2:
            real_write_all(fd, data[:10])
            raise OSError(errno.ENOSPC, "No space left on device")
        real_write_all(fd, data)

    monkeypatch.setattr(os, "link", raise_errno(errno.EPERM))
    monkeypatch.setattr(atomic, "write_all", second_write_fails)
    assert fail_third_save(saved).reason == "disk_full"


def test_quota_exceeded_counts_as_disk_full(saved: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(atomic, "write_all", raise_errno(errno.EDQUOT))
    assert fail_third_save(saved).reason == "disk_full"


@pytest.mark.parametrize(("code", "reason"), [(errno.EROFS, "read_only"), (errno.EACCES, "permission")])
def test_read_only_folder_simulated(
    saved: Store, monkeypatch: pytest.MonkeyPatch, code: int, reason: str
) -> None:
    """Runs everywhere, also as root in CI, where chmod does not stop writes."""
    real_open = os.open

    def refuse_new_files(path: object, flags: int, *args: object, **kwargs: object) -> int:
        if flags & os.O_CREAT and ".tmp-" in os.fspath(path):  # type: ignore[arg-type]
            raise OSError(code, os.strerror(code), os.fspath(path))  # type: ignore[arg-type]
        return real_open(path, flags, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "open", refuse_new_files)
    error = fail_third_save(saved)
    assert error.reason == reason


@pytest.mark.skipif(
    not hasattr(os, "geteuid") or os.geteuid() == 0, reason="root can write to read-only folders"
)
def test_read_only_folder_for_real(saved: Store) -> None:
    folder = saved.path.parent
    folder.chmod(0o500)
    try:
        assert fail_third_save(saved).reason == "permission"
    finally:
        folder.chmod(0o700)


def test_rename_failing_keeps_old_file_and_drops_the_extra_backup(
    saved: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(os, "replace", raise_errno(errno.EIO))
    error = fail_third_save(saved)
    assert error.reason == "os_error"
    assert os.strerror(errno.EIO) in str(error)


def test_missing_folder_is_a_clear_error_and_reading_is_fine(tmp_path: Path) -> None:
    path = tmp_path / "typo" / "data.json"
    store = Store(path)
    assert store.read() == {}
    assert store.signature() is None
    assert store.backups() == []
    with pytest.raises(StoreMissingFolder) as caught, store.transaction() as db:
        db.table("t").insert({"a": 1})
    assert isinstance(caught.value, StoreWriteError)
    assert str(path.parent) in str(caught.value) and "does not exist" in str(caught.value)
    assert "不存在" in caught.value.message("zh")
    assert not path.parent.exists(), "nothing was created"


def test_folder_removed_under_a_running_save(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "gone" / "data.json"
    path.parent.mkdir()
    store = Store(path)
    real = atomic._write_temp

    def folder_vanishes(temp: Path, data: bytes) -> None:
        for child in temp.parent.iterdir():
            child.unlink()
        temp.parent.rmdir()
        real(temp, data)

    monkeypatch.setattr(atomic, "_write_temp", folder_vanishes)
    with pytest.raises(StoreMissingFolder), store.transaction() as db:
        db.table("t").insert({"a": 1})


def test_create_folder_makes_private_folders(tmp_path: Path) -> None:
    path = tmp_path / "home" / "huabei" / "data.json"
    store = Store(path, create_folder=True)
    assert store.read() == {}
    assert not path.parent.exists(), "reading creates nothing"
    with store.transaction() as db:
        db.table("t").insert({"a": 1})
    for folder in (path.parent, path.parent.parent):
        assert folder.stat().st_mode & 0o777 == 0o700
    assert store.read() == {"t": {"1": {"a": 1}}}


def test_folder_path_is_a_file(tmp_path: Path) -> None:
    (tmp_path / "file").write_text("")
    store = Store(tmp_path / "file" / "data.json", create_folder=True)
    with pytest.raises(StoreWriteError) as caught, store.transaction():
        pass
    assert caught.value.reason == "path_not_folder"
