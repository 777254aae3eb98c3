"""``huabei export -o``: never onto the data (or what keeps it safe), never a half-written file, never a hang.

Issue 13 item 2: ``-o`` used to ``open(path, "w")``, so the data file's own name, a symlink or a hard link to it,
a ``..`` path, a backup or the lock were truncated and replaced by the export. Every case here leaves the data
file, its backups and the lock byte-for-byte as they were, exits 2 with one line, and writes nothing.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import threading
from pathlib import Path

import pytest

from huabei_tui.io import safe_output

TODAY = "2025-09-01"


@pytest.fixture
def saved(huabei):
    """Two saves, so there is a backup, a lock file and a backups folder next to the data file."""
    huabei.ok("bill", "add", "2025-08", "800", today=TODAY)
    huabei.ok("pay", "2025-08", "100", "--on", "2025-08-20", today=TODAY)
    assert huabei.db.with_name(huabei.db.name + ".backups").is_dir()
    return huabei


def state(db: Path) -> dict[str, bytes]:
    """Every file that keeps the data safe, with its bytes."""
    files = {db.name: db.read_bytes(), "lock": db.with_name(db.name + ".lock").read_bytes()}
    for backup in sorted(db.with_name(db.name + ".backups").iterdir()):
        files[backup.name] = backup.read_bytes()
    return files


def refused(huabei, target: str | Path, *, lang: str = "en") -> str:
    before = state(huabei.db)
    result = huabei("export", "-o", str(target), today=TODAY, lang=lang)
    assert result.code == 2, result
    assert result.out == ""
    assert len(result.err_lines) == 1, result.err
    assert "Traceback" not in result.err
    assert state(huabei.db) == before, "the data, its lock and its backups are untouched"
    leftovers = [p for p in huabei.db.parent.rglob("*.part-*")]
    assert leftovers == []
    return result.err


def test_the_data_file_itself(saved) -> None:
    assert "is the data file" in refused(saved, saved.db)


def test_a_symlink_a_dotdot_path_and_a_hard_link_to_the_data_file(saved, tmp_path: Path) -> None:
    link = tmp_path / "summary.txt"
    link.symlink_to(saved.db)
    assert "is the data file" in refused(saved, link)
    (tmp_path / "sub").mkdir()
    assert "is the data file" in refused(saved, tmp_path / "sub" / ".." / saved.db.name)
    hard = tmp_path / "hard.txt"
    os.link(saved.db, hard)
    assert "is the data file" in refused(saved, hard)


def test_the_lock_the_backups_folder_and_a_backup(saved) -> None:
    db = saved.db
    backups = db.with_name(db.name + ".backups")
    assert "lock" in refused(saved, db.with_name(db.name + ".lock"))
    assert "backups folder" in refused(saved, backups)
    assert "backups folder" in refused(saved, backups / "new.txt")
    assert "backups folder" in refused(saved, next(backups.iterdir()))


def test_the_parts_folder_and_a_part(saved, write, tmp_path: Path) -> None:
    """The imported rows live in part files the data file names (``storage/parts.py``): an export over one
    damaged the data (the part's hash no longer matched), and the parts folder was not guarded at all."""
    from support.alipay_files import build_app2023, purchase

    rows = [purchase(1, time="2025-08-03 09:05:07", amount="25.80")]
    assert saved("import", "alipay", str(write("a.csv", build_app2023(rows))), today=TODAY).code == 0
    parts = saved.db.with_name(saved.db.name + ".parts")
    (part,) = parts.iterdir()
    kept = part.read_bytes()
    for target in (part, parts / "new.txt", parts):
        err = refused(saved, target)
        assert "folder of imported rows" in err or "is a folder" in err, err
    link = tmp_path / "link-to-parts"
    link.symlink_to(parts)
    assert "folder of imported rows" in refused(saved, link / part.name)
    os.link(part, tmp_path / "hard.txt")
    assert "folder of imported rows" in refused(saved, tmp_path / "hard.txt")
    assert "导入记录文件夹" in refused(saved, part, lang="zh")
    assert part.read_bytes() == kept and sorted(parts.iterdir()) == [part]
    assert saved("status", today=TODAY).code == 0  # the data still reads whole


def test_a_hard_link_to_a_backup(saved, tmp_path: Path) -> None:
    backup = next(saved.db.with_name(saved.db.name + ".backups").iterdir())
    other = tmp_path / "elsewhere"
    other.mkdir()
    os.link(backup, other / "old.txt")
    assert "backups folder" in refused(saved, other / "old.txt")


def test_a_temporary_save_and_a_kept_damaged_copy(saved) -> None:
    db = saved.db
    assert "temporary file" in refused(saved, db.parent / f".{db.name}.tmp-123-abcd")
    damaged = db.parent / f"{db.name}.damaged-20250901T000000000000Z"
    damaged.write_bytes(b"{}")
    assert "damaged" in refused(saved, damaged)


def test_the_default_data_file_is_protected_while_another_one_is_used(saved, tmp_path: Path) -> None:
    from huabei_tui.cli.context import default_db_path

    default = default_db_path()  # under tmp_path: the clean environment points the data folder there
    default.parent.mkdir(parents=True)
    default.write_bytes(b'{"_meta": {"1": {"schema": 1}}}\n')
    assert "is the data file" in refused(saved, default)
    assert default.read_bytes() == b'{"_meta": {"1": {"schema": 1}}}\n'


def test_folders_fifos_and_devices_are_refused_without_hanging(saved, tmp_path: Path) -> None:
    assert "is a folder" in refused(saved, tmp_path)
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    # Before, writing to a FIFO blocked until a reader came: a reader here makes a regression fail, not hang.
    reader = threading.Thread(target=lambda: fifo.read_bytes(), daemon=True)
    reader.start()
    try:
        assert "not a regular file" in refused(saved, fifo)
    finally:
        if reader.is_alive():  # release the reader (non-blocking: if it is gone, there is nobody to release)
            with contextlib.suppress(OSError):
                os.close(os.open(fifo, os.O_WRONLY | os.O_NONBLOCK))
        reader.join(timeout=10)
    assert "not a regular file" in refused(saved, "/dev/null")


def test_a_read_only_file_is_refused_not_replaced(saved, tmp_path: Path) -> None:
    target = tmp_path / "keep.txt"
    target.write_text("mine")
    target.chmod(0o444)
    assert "read-only" in refused(saved, target)
    assert target.read_text() == "mine"
    assert stat.S_IMODE(target.stat().st_mode) == 0o444


def test_a_missing_folder_is_refused_in_both_languages(saved, tmp_path: Path) -> None:
    assert "does not exist" in refused(saved, tmp_path / "nope" / "x.txt")
    assert "不存在" in refused(saved, tmp_path / "nope" / "x.txt", lang="zh")


def test_a_new_file_is_private_an_existing_one_keeps_its_mode(saved, tmp_path: Path) -> None:
    old_umask = os.umask(0)  # the umask must not make an export world-readable
    try:
        new = tmp_path / "new.csv"
        result = saved("export", "--format", "csv", "-o", str(new), today=TODAY)
        assert result.code == 0, result.err
        assert stat.S_IMODE(new.stat().st_mode) == 0o600
        assert new.read_bytes().startswith("\ufeff".encode())
        assert b"\r\n" in new.read_bytes(), "CSV keeps its CRLF line ends"
        shared = tmp_path / "shared.txt"
        shared.write_text("old")
        shared.chmod(0o640)
        assert saved("export", "-o", str(shared), today=TODAY).code == 0
        assert stat.S_IMODE(shared.stat().st_mode) == 0o640
        assert "Bills" in shared.read_text(encoding="utf-8")
    finally:
        os.umask(old_umask)
    assert f"Exported to {shared}" in saved("export", "-o", str(shared), today=TODAY).err


def test_a_symlink_to_an_ordinary_file_writes_that_file_and_keeps_the_link(saved, tmp_path: Path) -> None:
    real = tmp_path / "real.txt"
    real.write_text("old")
    link = tmp_path / "link.txt"
    link.symlink_to(real)
    assert saved("export", "-o", str(link), today=TODAY).code == 0
    assert link.is_symlink() and "Bills" in real.read_text(encoding="utf-8")


def test_dash_is_standard_output(saved, tmp_path: Path) -> None:
    result = saved("export", "-o", "-", today=TODAY)
    assert result.code == 0 and "Bills" in result.out and result.err == ""
    assert not (tmp_path / "-").exists()


@pytest.mark.parametrize(("code", "words"), [(errno.ENOSPC, "the disk is full"), (errno.EACCES, "permission denied"),
                                             (errno.EIO, os.strerror(errno.EIO))])
def test_a_disk_error_exits_1_and_leaves_no_partial_file(saved, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                          code: int, words: str) -> None:
    target = tmp_path / "summary.txt"
    target.write_text("the previous export")
    real_write = os.write

    def fail_half_way(fd: int, data) -> int:
        if os.fstat(fd).st_size > 0 or len(data) < 20:
            return real_write(fd, data)
        real_write(fd, bytes(data[:10]))
        raise OSError(code, os.strerror(code))

    monkeypatch.setattr(safe_output.os, "write", fail_half_way)
    before = state(saved.db)
    result = saved("export", "-o", str(target), today=TODAY)
    assert result.code == 1, result
    assert len(result.err_lines) == 1 and words in result.err and "Nothing was written" in result.err
    assert target.read_text() == "the previous export"
    assert sorted(p.name for p in tmp_path.iterdir() if ".part-" in p.name) == []
    assert state(saved.db) == before


def test_a_folder_that_refuses_new_files_exits_1(saved, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    real_open = os.open

    def refuse(path, flags, *args, **kwargs):
        if ".part-" in os.fspath(path):
            raise OSError(errno.EROFS, os.strerror(errno.EROFS), os.fspath(path))
        return real_open(path, flags, *args, **kwargs)

    monkeypatch.setattr(safe_output.os, "open", refuse)
    result = saved("export", "-o", str(tmp_path / "x.txt"), today=TODAY)
    assert result.code == 1 and "read-only file system" in result.err
    assert not (tmp_path / "x.txt").exists()


def test_a_symlink_loop_as_the_target_is_refused(saved, tmp_path: Path) -> None:
    (tmp_path / "a").symlink_to(tmp_path / "b")
    (tmp_path / "b").symlink_to(tmp_path / "a")
    refused(saved, tmp_path / "a")


# -- another profile's data file (``paths.protected_data_files``) -------------------------------------------------
@pytest.fixture
def mum(huabei) -> Path:
    """Profile ``mum``'s data file in the data folder, saved twice (a lock, a backup), with a parts folder holding a
    part, while the user's own data is the default file beside it."""
    for args in (("bill", "add", "2025-08", "800"), ("pay", "2025-08", "100", "--on", "2025-08-20")):
        for profile in (("--profile", "mum"), ()):
            result = huabei.bare(*profile, "--today", TODAY, "--lang", "en", *args)
            assert result.code == 0, result
    from huabei_tui.paths import data_folder, profile_file

    path = profile_file(data_folder(), "mum")
    assert path.name == "huabei-mum.json" and path.with_name(path.name + ".backups").is_dir()
    parts = path.with_name(path.name + ".parts")
    parts.mkdir()
    (parts / "p1.json").write_bytes(b"[]")
    return path


def everything(folder: Path) -> dict[str, bytes | None]:
    return {str(p.relative_to(folder)): None if p.is_dir() else p.read_bytes() for p in sorted(folder.rglob("*"))}


def refused_as_default(huabei, target: str | Path, folder: Path, *, lang: str = "en", db: Path | None = None) -> str:
    """``huabei export -o TARGET`` with the default profile in use (or ``--db DB``): exit 2, one line, and not a
    byte changed in the data folder."""
    before = everything(folder)
    result = huabei.bare(*(("--db", str(db)) if db else ()), "--today", TODAY, "--lang", lang, "export", "-o",
                         str(target))
    assert result.code == 2, result
    assert result.out == "" and len(result.err_lines) == 1 and "Traceback" not in result.err, result
    assert everything(folder) == before
    return result.err


def test_another_profiles_data_file_is_protected(huabei, mum: Path, tmp_path: Path) -> None:
    """``huabei export -o ~/.local/share/huabei-tui/huabei-mum.json`` used to replace mum's data with the export."""
    folder = mum.parent
    backups = mum.with_name(mum.name + ".backups")
    link = tmp_path / "mums-data.json"
    link.symlink_to(mum)
    cases = {
        mum: "is the data file",
        folder / "x" / ".." / mum.name: "is the data file",
        link: "is the data file",
        mum.with_name(mum.name + ".lock"): "lock",
        backups / "new.txt": "backups folder",
        next(backups.iterdir()): "backups folder",
        mum.with_name(mum.name + ".parts") / "p1.json": "imported rows",
        mum.with_name(mum.name + ".parts") / "new.txt": "imported rows",
    }
    for target, words in cases.items():
        assert words in refused_as_default(huabei, target, folder), target
    assert "数据文件" in refused_as_default(huabei, mum, folder, lang="zh")
    elsewhere = tmp_path / "elsewhere.json"
    elsewhere.write_bytes(b"{}")
    assert "is the data file" in refused_as_default(huabei, mum, folder, db=elsewhere)  # --db: mum's file too


def test_files_beside_the_profiles_stay_writable(huabei, mum: Path) -> None:
    """Only the profiles' files and what keeps them safe are refused, not everything in the data folder."""
    for name in ("notes.txt", "huabei-mum.json.txt", "huabei-mum.json.backups-old", "mum.json"):
        result = huabei.bare("--today", TODAY, "--lang", "en", "export", "-o", str(mum.parent / name))
        assert result.code == 0, (name, result)
        assert (mum.parent / name).read_text(encoding="utf-8").strip()


@pytest.mark.skipif(os.name != "posix", reason="file names with control characters are POSIX")
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_file_name_with_controls_is_shown_escaped_not_cleaned(saved, tmp_path: Path, lang: str) -> None:
    """``-o 'out<ESC>[2J<RLO>.txt'`` wrote that file and said "Exported to …/out[2J.txt", a name that is not
    the file's: the message now shows the name inert and exact, its controls written as escapes."""
    target = tmp_path / "out\x1b[2J\u202e.txt"
    result = saved("export", "-o", str(target), today=TODAY, lang=lang)
    assert result.code == 0, result
    assert target.exists()
    assert "\x1b" not in result.err and "\u202e" not in result.err
    assert "out\\x1b[2J\\u202e.txt" in result.err
    refusal = saved("export", "-o", str(tmp_path / "no\x1b]0;x\x07such" / "x.txt"), today=TODAY, lang=lang)
    assert refusal.code == 2
    assert "no\\x1b]0;x\\x07such" in refusal.err and "\x1b" not in refusal.err and "\x07" not in refusal.err


def test_a_path_typed_as_a_folder_is_refused_not_written_as_a_file(saved, tmp_path: Path) -> None:
    # ``Path`` drops the trailing "/": "-o ~/exports/" with no such folder wrote a file named "exports", and
    # "-o notes.txt/" replaced the file notes.txt.
    assert "names a folder" in refused(saved, f"{tmp_path / 'exports'}/")
    assert not (tmp_path / "exports").exists()
    notes = tmp_path / "notes.txt"
    notes.write_text("mine")
    assert "文件夹" in refused(saved, f"{notes}/", lang="zh")
    assert notes.read_text() == "mine"
    folder = tmp_path / "out"
    folder.mkdir()
    assert "is a folder" in refused(saved, f"{folder}/")
