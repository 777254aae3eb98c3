"""The cache file of start-up frames: private, atomic, and ignored whenever it is not exactly what was saved."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest

from huabei_tui.startup import frame_cache
from huabei_tui.startup.frame_cache import KEEP, cache_dir, decode, encode, load, save

KEY = "(1, (('code', 'c'), ('size', (80, 24))))"
NAME = "0123456789abcdef"
FRAME = "\x1b[1;1H\x1b[1;97m 花呗 Huabei \x1b[0m".encode()


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_a_saved_frame_loads_back(tmp_path: Path) -> None:
    folder = tmp_path / "cache" / "frames"
    path = save(folder, NAME, KEY, FRAME)
    assert load(folder, NAME, KEY) == FRAME
    assert mode(path) == 0o600
    assert mode(folder) == 0o700
    assert [p.name for p in folder.iterdir()] == [path.name]  # no temporary file left


def test_a_frame_is_read_only_under_its_whole_key(tmp_path: Path) -> None:
    save(tmp_path, NAME, KEY, FRAME)
    assert load(tmp_path, NAME, KEY.replace("80", "81")) is None  # another key with the same short name
    assert load(tmp_path, "fedcba9876543210", KEY) is None


def _damaged(blob: bytes) -> list[bytes]:
    header_end = blob.index(FRAME)
    return [
        b"",
        blob[:10],
        blob[:-1],  # cut off mid-write
        blob + b"x",
        blob[:-3] + b"\x00" + blob[-2:],  # one byte changed in the frame
        b"huabei-frame 2\n" + blob[len(frame_cache.MAGIC):],
        blob[:header_end].replace(b"\n", b"\r\n") + FRAME,
        blob.replace(str(len(FRAME)).encode(), b"12x", 1),
        blob.replace(str(len(FRAME)).encode(), b"-1", 1),
        b"\xff" * 200,
    ]


@pytest.mark.parametrize("case", range(10))
def test_a_damaged_cache_file_is_ignored(tmp_path: Path, case: int) -> None:
    path = save(tmp_path, NAME, KEY, FRAME)
    path.write_bytes(_damaged(path.read_bytes())[case])
    assert load(tmp_path, NAME, KEY) is None
    save(tmp_path, NAME, KEY, FRAME)  # the next run replaces it
    assert load(tmp_path, NAME, KEY) == FRAME


def test_encode_and_decode_are_inverse_and_strict() -> None:
    assert decode(KEY, encode(KEY, FRAME)) == FRAME
    with pytest.raises(ValueError):
        encode("two\nlines", FRAME)


def test_a_frame_of_a_size_out_of_range_is_not_saved(tmp_path: Path) -> None:
    with pytest.raises(ValueError):
        save(tmp_path, NAME, KEY, b"")
    with pytest.raises(ValueError):
        save(tmp_path, NAME, KEY, b"x" * (frame_cache.MAX_FRAME_BYTES + 1))


def test_a_file_others_can_write_is_not_read(tmp_path: Path) -> None:
    """Its bytes go straight to the terminal: a file someone else could have written is never shown."""
    path = save(tmp_path / "frames", NAME, KEY, FRAME)
    path.chmod(0o620)
    assert load(tmp_path / "frames", NAME, KEY) is None
    path.chmod(0o600)
    (tmp_path / "frames").chmod(0o777)
    try:
        assert load(tmp_path / "frames", NAME, KEY) is None
        with pytest.raises(PermissionError):
            save(tmp_path / "frames", NAME, KEY, FRAME)
    finally:
        (tmp_path / "frames").chmod(0o700)
    assert load(tmp_path / "frames", NAME, KEY) == FRAME


def test_a_symlink_is_not_followed(tmp_path: Path) -> None:
    elsewhere = save(tmp_path / "elsewhere", NAME, KEY, FRAME)
    folder = tmp_path / "frames"
    folder.mkdir(mode=0o700)
    (folder / elsewhere.name).symlink_to(elsewhere)
    assert load(folder, NAME, KEY) is None


def test_a_folder_in_place_of_the_file_is_ignored(tmp_path: Path) -> None:
    frame_cache.frame_path(tmp_path, NAME).mkdir()
    assert load(tmp_path, NAME, KEY) is None


def test_only_the_newest_frames_are_kept_and_stale_temporary_files_go(tmp_path: Path) -> None:
    for i in range(KEEP + 3):
        path = save(tmp_path, f"{i:016x}", KEY, FRAME)
        os.utime(path, (1_000_000 + i, 1_000_000 + i))
    stale = tmp_path / ".x.1.tmp"
    stale.write_bytes(b"half")
    os.utime(stale, (1_000, 1_000))
    fresh = tmp_path / ".y.2.tmp"
    fresh.write_bytes(b"being written by another terminal")
    newest = save(tmp_path, "f" * 16, KEY, FRAME)
    names = sorted(p.name for p in tmp_path.iterdir())
    assert newest.name in names
    assert len([n for n in names if n.endswith(".frame")]) == KEEP
    assert f"{KEEP + 2:016x}.frame" in names and f"{0:016x}.frame" not in names
    assert ".x.1.tmp" not in names and ".y.2.tmp" in names


def test_cache_dir_is_the_user_cache_folder_or_the_override(tmp_path: Path) -> None:
    from platformdirs import user_cache_path

    assert cache_dir({}) == user_cache_path("huabei-tui", appauthor=False) / "frames"
    assert cache_dir({"HUABEI_CACHE_DIR": str(tmp_path)}) == tmp_path
    assert cache_dir({"HUABEI_CACHE_DIR": ""}) == user_cache_path("huabei-tui", appauthor=False) / "frames"


_WRITER = """
import sys
from pathlib import Path
from huabei_tui.startup.frame_cache import save
folder, key, fill, rounds = Path(sys.argv[1]), sys.argv[2], sys.argv[3].encode(), int(sys.argv[4])
frame = fill * 50_000
for _ in range(rounds):
    save(folder, "0123456789abcdef", key, frame)
"""


def test_two_terminals_saving_at_once_leave_one_whole_frame(tmp_path: Path) -> None:
    """Two processes save different frames under one key while this one reads: every read is one whole frame."""
    rounds = 40
    writers = [subprocess.Popen([sys.executable, "-c", _WRITER, str(tmp_path), KEY, fill, str(rounds)])
               for fill in ("a", "b")]
    seen: set[bytes] = set()
    try:
        deadline = time.monotonic() + 60
        while any(w.poll() is None for w in writers):
            assert time.monotonic() < deadline, "the writers did not finish"
            frame = load(tmp_path, NAME, KEY)
            if frame is not None:
                seen.add(frame)
    finally:
        for writer in writers:
            writer.wait(60)
    assert all(w.returncode == 0 for w in writers)
    final = load(tmp_path, NAME, KEY)
    assert final in (b"a" * 50_000, b"b" * 50_000)
    assert seen <= {b"a" * 50_000, b"b" * 50_000}
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]
