"""The atomic-write primitive on its own."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from huabei_tui.storage.atomic import atomic_write, clean_temp_files, list_backups
from huabei_tui.storage.errors import StoreMissingFolder


def test_write_new_file(tmp_path: Path) -> None:
    path = tmp_path / "data.json"
    assert atomic_write(path, b"{}", backup_dir=tmp_path / "b", keep=3) is None
    assert path.read_bytes() == b"{}"
    assert path.stat().st_mode & 0o777 == 0o600
    assert os.listdir(tmp_path) == ["data.json"], "no backup folder until there is something to back up"


def test_replace_keeps_old_content_as_backup(tmp_path: Path) -> None:
    path, backups = tmp_path / "data.json", tmp_path / "b"
    atomic_write(path, b"one", backup_dir=backups, keep=3)
    backup = atomic_write(path, b"two", backup_dir=backups, keep=3)
    assert path.read_bytes() == b"two"
    assert backup is not None and backup.read_bytes() == b"one"
    assert list_backups(path, backups) == [backup]


def test_prune_keeps_newest_and_ignores_foreign_files(tmp_path: Path) -> None:
    path, backups = tmp_path / "data.json", tmp_path / "b"
    for i in range(6):
        atomic_write(path, str(i).encode(), backup_dir=backups, keep=2)
    (backups / "notes.txt").write_text("mine")
    atomic_write(path, b"6", backup_dir=backups, keep=2)
    assert [b.read_bytes() for b in list_backups(path, backups)] == [b"5", b"4"]
    assert (backups / "notes.txt").read_text() == "mine"


def test_missing_folder(tmp_path: Path) -> None:
    with pytest.raises(StoreMissingFolder):
        atomic_write(tmp_path / "nope" / "data.json", b"{}", backup_dir=None, keep=0)


def test_clean_temp_files_removes_only_ours(tmp_path: Path) -> None:
    path = tmp_path / "data.json"
    backups = tmp_path / "data.json.backups"
    backups.mkdir()
    ours = [tmp_path / ".data.json.tmp-123-abcd", backups / ".data.json.tmp-9-ffff"]
    theirs = [tmp_path / ".other.json.tmp-1-2", tmp_path / "data.json.lock", tmp_path / "data.json"]
    for p in ours + theirs:
        p.write_text("x")
    assert sorted(clean_temp_files(path, backups)) == sorted(ours)
    assert all(p.exists() for p in theirs)
    assert not any(p.exists() for p in ours)
