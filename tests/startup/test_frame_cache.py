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
    path = save(folder, NAME, KEY, FRAME, data_file=None)
    assert load(folder, NAME, KEY) == FRAME
    assert mode(path) == 0o600
    assert mode(folder) == 0o700
    assert [p.name for p in folder.iterdir()] == [path.name]  # no temporary file left


def test_a_frame_is_read_only_under_its_whole_key(tmp_path: Path) -> None:
    save(tmp_path, NAME, KEY, FRAME, data_file=None)
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
    path = save(tmp_path, NAME, KEY, FRAME, data_file=None)
    path.write_bytes(_damaged(path.read_bytes())[case])
    assert load(tmp_path, NAME, KEY) is None
    save(tmp_path, NAME, KEY, FRAME, data_file=None)  # the next run replaces it
    assert load(tmp_path, NAME, KEY) == FRAME


def test_encode_and_decode_are_inverse_and_strict() -> None:
    assert decode(KEY, encode(KEY, FRAME)) == FRAME
    with pytest.raises(ValueError):
        encode("two\nlines", FRAME)


def test_a_frame_of_a_size_out_of_range_is_not_saved(tmp_path: Path) -> None:
    with pytest.raises(ValueError):
        save(tmp_path, NAME, KEY, b"", data_file=None)
    with pytest.raises(ValueError):
        save(tmp_path, NAME, KEY, b"x" * (frame_cache.MAX_FRAME_BYTES + 1), data_file=None)


def test_a_file_others_can_write_is_not_read(tmp_path: Path) -> None:
    """Its bytes go straight to the terminal: a file someone else could have written is never shown."""
    path = save(tmp_path / "frames", NAME, KEY, FRAME, data_file=None)
    path.chmod(0o620)
    assert load(tmp_path / "frames", NAME, KEY) is None
    path.chmod(0o600)
    (tmp_path / "frames").chmod(0o777)
    try:
        assert load(tmp_path / "frames", NAME, KEY) is None
        with pytest.raises(PermissionError):
            save(tmp_path / "frames", NAME, KEY, FRAME, data_file=None)
    finally:
        (tmp_path / "frames").chmod(0o700)
    assert load(tmp_path / "frames", NAME, KEY) == FRAME


def test_a_symlink_is_not_followed(tmp_path: Path) -> None:
    elsewhere = save(tmp_path / "elsewhere", NAME, KEY, FRAME, data_file=None)
    folder = tmp_path / "frames"
    folder.mkdir(mode=0o700)
    (folder / elsewhere.name).symlink_to(elsewhere)
    assert load(folder, NAME, KEY) is None


def test_a_folder_in_place_of_the_file_is_ignored(tmp_path: Path) -> None:
    frame_cache.frame_path(tmp_path, NAME).mkdir()
    assert load(tmp_path, NAME, KEY) is None


def test_only_the_newest_frames_are_kept_and_stale_temporary_files_go(tmp_path: Path) -> None:
    for i in range(KEEP + 3):
        path = save(tmp_path, f"{i:016x}", KEY, FRAME, data_file=None)
        os.utime(path, (1_000_000 + i, 1_000_000 + i))
    stale = tmp_path / f".{NAME}.1.0badcafe.tmp"  # the temporary file of a save killed half-way
    stale.write_bytes(b"half")
    os.utime(stale, (1_000, 1_000))
    fresh = tmp_path / f".{NAME}.2.12345678.tmp"
    fresh.write_bytes(b"being written by another terminal")
    newest = save(tmp_path, "f" * 16, KEY, FRAME, data_file=None)
    names = sorted(p.name for p in tmp_path.iterdir())
    assert newest.name in names
    assert len([n for n in names if n.endswith(".frame")]) == KEEP
    assert f"{KEEP + 2:016x}.frame" in names and f"{0:016x}.frame" not in names
    assert stale.name not in names and fresh.name in names


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
    save(folder, "0123456789abcdef", key, frame, data_file=None)
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


# -- never at or inside the data file or what keeps it safe ----------------------------------------------------------
def _data_file(tmp_path: Path) -> Path:
    """A data file with a backup and a part, as the store lays them out (``storage/store.py``)."""
    db = tmp_path / "data" / "huabei.json"
    db.parent.mkdir()
    db.write_text("{}")
    (tmp_path / "data" / "huabei.json.lock").write_text("")
    (tmp_path / "data" / "huabei.json.backups").mkdir()
    (tmp_path / "data" / "huabei.json.backups" / "huabei.json.20261206-000000").write_text("{}")
    (tmp_path / "data" / "huabei.json.parts").mkdir()
    (tmp_path / "data" / "huabei.json.parts" / "p1.json").write_text("[]")
    return db


def _tree(folder: Path) -> dict[str, bytes | None]:
    return {str(p.relative_to(folder)): None if p.is_dir() else p.read_bytes() for p in sorted(folder.rglob("*"))}


def _symlink_to_backups(db: Path, tmp_path: Path) -> Path:
    link = tmp_path / "cache-link"
    link.symlink_to(db.with_name(db.name + ".backups"))
    return link


#: Cache folders that lead to the data file or what keeps it safe, each as ``HUABEI_CACHE_DIR`` could name it.
DANGEROUS: dict[str, object] = {
    "the data file": lambda db, tmp: db,
    "its lock": lambda db, tmp: db.with_name(db.name + ".lock"),
    "its backups folder": lambda db, tmp: db.with_name(db.name + ".backups"),
    "a new folder inside its backups": lambda db, tmp: db.with_name(db.name + ".backups") / "frames",
    "its parts folder": lambda db, tmp: db.with_name(db.name + ".parts"),
    "its parts folder through ..": lambda db, tmp: db.parent / "x" / ".." / (db.name + ".parts"),
    "a symlink to its backups": _symlink_to_backups,
    "inside a symlink to its backups": lambda db, tmp: _symlink_to_backups(db, tmp) / "frames",
}


@pytest.mark.parametrize("where", sorted(DANGEROUS))
def test_nothing_is_written_at_or_inside_the_data_file_or_what_keeps_it_safe(tmp_path: Path, where: str) -> None:
    db = _data_file(tmp_path)
    folder = DANGEROUS[where](db, tmp_path)  # type: ignore[operator]
    before = _tree(db.parent)
    assert frame_cache.endangers(frame_cache.frame_path(folder, NAME), db)
    assert frame_cache.endangers(frame_cache.frame_path(folder, NAME), str(db.parent / "x" / ".." / db.name))
    with pytest.raises(PermissionError):
        save(folder, NAME, KEY, FRAME, data_file=db)
    with pytest.raises(PermissionError):
        save(folder, NAME, KEY, b"view", data_file=db, suffix=".view", magic=b"huabei-view 1\n")
    assert _tree(db.parent) == before  # no file, no folder, nothing pruned


@pytest.mark.parametrize("folder", ["cache", "data", "data/huabei.json.backups-not", "data/other.json.parts"])
def test_a_folder_beside_them_is_fine(tmp_path: Path, folder: str) -> None:
    db = _data_file(tmp_path)
    assert not frame_cache.endangers(frame_cache.frame_path(tmp_path / folder, NAME), db)
    assert save(tmp_path / folder, NAME, KEY, FRAME, data_file=db).is_file()
    assert not frame_cache.endangers(frame_cache.frame_path(db.with_name(db.name + ".backups"), NAME), None)


def test_a_cache_file_that_is_a_symlink_to_the_data_file_is_refused(tmp_path: Path) -> None:
    db = _data_file(tmp_path)
    (tmp_path / "cache").mkdir()
    frame_cache.frame_path(tmp_path / "cache", NAME).symlink_to(db)
    with pytest.raises(PermissionError):
        save(tmp_path / "cache", NAME, KEY, FRAME, data_file=db)
    assert db.read_text() == "{}"


def test_the_guarded_names_are_the_stores() -> None:
    """``frame_cache`` names the lock, backups and parts folders itself (no storage before the first frame)."""
    from huabei_tui.storage.store import Store

    store = Store(Path("/nonexistent-huabei/data.json"))
    assert [str(store.path) + suffix for suffix in frame_cache.GUARDED_SUFFIXES] == [
        str(store.lock_path), str(store.backup_dir), str(store.parts_dir)]


# -- the default data file too, as the export guard protects it ----------------------------------------------------
@pytest.fixture
def default_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The default data file (``paths.default_db_path``), laid out as a store leaves it, under ``tmp_path``."""
    from huabei_tui import paths

    (tmp_path / "default").mkdir()
    default = _data_file(tmp_path / "default")
    monkeypatch.setattr(paths, "default_db_path", lambda: default)
    return default


@pytest.mark.parametrize("where", sorted(DANGEROUS))
def test_the_default_data_file_is_kept_clear_of_while_another_one_is_in_use(tmp_path: Path, default_file: Path,
                                                                            where: str) -> None:
    """``--db``, ``--profile`` or ``--demo``: a cache folder inside the default file's backups or parts (which
    the next plain ``huabei`` opens) is refused exactly as one inside the file in use is."""
    (tmp_path / "other").mkdir()
    other = _data_file(tmp_path / "other")
    folder = DANGEROUS[where](default_file, tmp_path)  # type: ignore[operator]
    before = _tree(default_file.parent)
    for in_use in (other, None):  # None: --demo
        assert frame_cache.endangers(frame_cache.frame_path(folder, NAME), in_use)
        with pytest.raises(PermissionError):
            save(folder, NAME, KEY, FRAME, data_file=in_use)
        with pytest.raises(PermissionError):
            save(folder, NAME, KEY, b"view", data_file=in_use, suffix=".view", magic=b"huabei-view 1\n")
    assert _tree(default_file.parent) == before


def test_danger_names_the_place_refused(tmp_path: Path, default_file: Path) -> None:
    """What ``huabei doctor`` shows: the resolved protected place the cache folder is at or inside."""
    (tmp_path / "other").mkdir()
    other = _data_file(tmp_path / "other")
    backups = os.path.realpath(default_file.with_name(default_file.name + ".backups"))
    assert frame_cache.danger(frame_cache.frame_path(Path(backups) / "frames", NAME), other) == backups
    assert frame_cache.danger(frame_cache.frame_path(Path(f"{other}.parts"), NAME), other) == os.path.realpath(
        f"{other}.parts")
    assert frame_cache.danger(frame_cache.frame_path(tmp_path / "cache", NAME), other) is None


def _export_refuses(target: Path, in_use: Path) -> bool:
    from huabei_tui.domain.errors import InputError
    from huabei_tui.io.safe_output import check_output_path, protected_around
    from huabei_tui.storage.store import Store

    try:
        check_output_path(target, protected_around(Store(in_use)))
    except InputError:
        return True
    return False


BESIDE = ("cache", "data", "data/huabei.json.backups-not", "data/other.json.parts")


@pytest.mark.parametrize("where", [*sorted(DANGEROUS), *BESIDE])
@pytest.mark.parametrize("whose", ["in use", "default"])
def test_the_caches_refuse_exactly_where_an_export_is_refused(tmp_path: Path, default_file: Path, where: str,
                                                              whose: str) -> None:
    """The two guards share one list of protected files (``paths.protected_data_files``) and the same companions
    (``GUARDED_SUFFIXES``, checked against the store above): a cache file goes wherever an export could, and
    nowhere an export could not, for the file in use and the default one alike."""
    (tmp_path / "other").mkdir()
    in_use = _data_file(tmp_path / "other")
    if where in DANGEROUS:
        folder = DANGEROUS[where](in_use if whose == "in use" else default_file, tmp_path)  # type: ignore[operator]
    else:
        folder = (tmp_path / "other" if whose == "in use" else default_file.parent.parent) / where
        folder.mkdir(parents=True, exist_ok=True)
    target = frame_cache.frame_path(folder, NAME)
    assert frame_cache.endangers(target, in_use) == _export_refuses(target, in_use) == (where in DANGEROUS)


# -- and every other profile's data file in the data folder -----------------------------------------------------
def _profile_file(default_file: Path, name: str = "mum") -> Path:
    """Profile ``name``'s data file beside the default one, laid out as a store leaves it."""
    folder = default_file.parent
    db = folder / f"huabei-{name}.json"
    db.write_text("{}")
    (folder / f"{db.name}.lock").write_text("")
    (folder / f"{db.name}.backups").mkdir()
    (folder / f"{db.name}.backups" / f"{db.name}.20261206-000000").write_text("{}")
    (folder / f"{db.name}.parts").mkdir()
    (folder / f"{db.name}.parts" / "p1.json").write_text("[]")
    return db


@pytest.mark.parametrize("where", sorted(DANGEROUS))
def test_another_profiles_data_file_is_kept_clear_of(tmp_path: Path, default_file: Path, where: str) -> None:
    """A cache folder inside profile mum's backups or parts (``HUABEI_CACHE_DIR`` pointed there) is refused,
    whichever file is in use, and nothing there is written or pruned; the export guard agrees."""
    mum = _profile_file(default_file)
    (tmp_path / "other").mkdir()
    other = _data_file(tmp_path / "other")
    folder = DANGEROUS[where](mum, tmp_path)  # type: ignore[operator]
    before = _tree(default_file.parent)
    for in_use in (default_file, other, None):
        target = frame_cache.frame_path(folder, NAME)
        assert frame_cache.endangers(target, in_use)
        with pytest.raises(PermissionError):
            save(folder, NAME, KEY, FRAME, data_file=in_use)
        with pytest.raises(PermissionError):
            save(folder, NAME, KEY, b"view", data_file=in_use, suffix=".view", magic=b"huabei-view 1\n")
        if in_use is not None:
            assert _export_refuses(target, in_use)
    assert _tree(default_file.parent) == before


def test_the_data_folder_itself_and_its_other_files_stay_usable(tmp_path: Path, default_file: Path) -> None:
    """Only the profiles' files and their companions are refused: the data folder, a folder beside them and a
    profile-looking name that is not a profile's file (``huabei-default.json``, ``huabei-a.b.json``) are fine."""
    mum = _profile_file(default_file)
    assert frame_cache.danger(frame_cache.frame_path(mum.parent / "cache", NAME), default_file) is None
    assert frame_cache.danger(frame_cache.frame_path(mum.parent, NAME), default_file) is None
    for name in ("huabei-default.json", "huabei-a.b.json", "huabei-mum.json.old"):
        (mum.parent / name).mkdir()
        assert frame_cache.danger(frame_cache.frame_path(mum.parent / name, NAME), default_file) is None, name
    assert frame_cache.danger(frame_cache.frame_path(Path(f"{mum}.backups"), NAME), default_file) == \
        os.path.realpath(f"{mum}.backups")


def test_the_protected_list(tmp_path: Path, default_file: Path) -> None:
    """``paths.protected_data_files``: the file in use first (what ``safe_output.protected_around`` takes as the
    store's own), then the default one, then the profiles by name, each once whatever name reached it."""
    from huabei_tui.paths import protected_data_files

    folder = default_file.parent
    mum, dad = _profile_file(default_file, "mum"), _profile_file(default_file, "爸爸")
    (folder / "huabei-default.json").write_text("{}")  # not a profile's file (``profiles.profile_of_filename``)
    (tmp_path / "other").mkdir()
    other = _data_file(tmp_path / "other")
    assert protected_data_files(other) == (other, default_file, mum, dad)
    assert protected_data_files(None) == (default_file, mum, dad)
    assert protected_data_files(folder / "x" / ".." / mum.name) == (folder / "x" / ".." / mum.name, default_file, dad)
    assert protected_data_files(default_file) == (default_file, mum, dad)


def test_a_missing_data_folder_protects_the_default_file_alone(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from huabei_tui import paths

    default = tmp_path / "nowhere" / "huabei.json"
    monkeypatch.setattr(paths, "default_db_path", lambda: default)
    assert paths.protected_data_files(tmp_path / "in-use.json") == (tmp_path / "in-use.json", default)


# -- a cache folder shared with the user's own files --------------------------------------------------------------
#: Names a user's own file may have in a folder ``HUABEI_CACHE_DIR`` names: never a cache's, never removed.
LOOK_ALIKES = ("notes.frame", "ABC.view", "a.tmp", "0123456789ABCDEF.frame", "0123456789abcde.frame",
               "0123456789abcdef0.view", "x0123456789abcdef.frame", "0123456789abcdef.frame.bak", ".x.1.tmp",
               ".0123456789abcdef.1.tmp", ".0123456789abcdef.12.0badcafe.tmp.txt", ".0123456789ABCDEF.1.0badcafe.tmp",
               ".0123456789abcdef.１.0badcafe.tmp", ".0123456789abcdef.1.0badcafe.x.tmp", "0123456789abcdef.tmp")


@pytest.mark.parametrize("suffix", [".frame", ".view"])
def test_pruning_removes_only_the_caches_own_files(tmp_path: Path, suffix: str) -> None:
    """``HUABEI_CACHE_DIR`` pointed at a folder the user keeps files in: files that merely end in ``.frame``,
    ``.view`` or ``.tmp``, however old and however many, are theirs and stay; the caches' own files beyond the
    newest few and their stale temporary files still go."""
    folder = tmp_path / "shared"
    folder.mkdir(mode=0o700)
    for name in LOOK_ALIKES:
        (folder / name).write_text(f"mine: {name}")
        os.utime(folder / name, (1_000, 1_000))
    (folder / f"{'a' * 16}{suffix}").mkdir()  # a folder of a cache's name is not a cache file either
    target = tmp_path / "precious.txt"
    target.write_text("precious")
    os.utime(target, (1_000, 1_000))
    link = folder / f"{'b' * 16}{suffix}"  # a symlink of a cache's name: the link may go, never what it leads to
    link.symlink_to(target)
    os.utime(link, (1_000, 1_000), follow_symlinks=False)
    temp_link = folder / f".{'c' * 16}.7.0badcafe.tmp"
    temp_link.symlink_to(target)
    os.utime(temp_link, (1_000, 1_000), follow_symlinks=False)
    stale = folder / f".{'d' * 16}.7.0badcafe.tmp"
    stale.write_bytes(b"half")
    os.utime(stale, (1_000, 1_000))
    for i in range(KEEP + 3):
        path = save(folder, f"{i:016x}", KEY, FRAME, data_file=None, suffix=suffix)
        os.utime(path, (1_000_000 + i, 1_000_000 + i))
    save(folder, "f" * 16, KEY, FRAME, data_file=None, suffix=suffix)
    names = {p.name for p in folder.iterdir() if not p.is_dir()}
    for name in LOOK_ALIKES:
        assert (folder / name).read_text() == f"mine: {name}", name
    assert (folder / f"{'a' * 16}{suffix}").is_dir()
    assert target.read_text() == "precious"
    assert not link.is_symlink() and not temp_link.is_symlink() and not stale.exists()
    assert sorted(n for n in names if frame_cache.is_cache_file(n, suffix)) == sorted(
        [f"{i:016x}{suffix}" for i in range(4, KEEP + 3)] + [f"{'f' * 16}{suffix}"])
    assert frame_cache.saved_frames(folder, suffix) == KEEP


def test_the_names_pruning_recognises_are_the_ones_save_writes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch
                                                               ) -> None:
    """The temporary file ``save`` writes (caught before its rename) is one ``prune`` would clear up, and a name
    not of the caches' form is refused rather than written where pruning could never remove it."""
    seen: list[str] = []
    replace = os.replace

    def spy(source: object, target: object) -> None:
        seen.append(Path(source).name)  # type: ignore[arg-type]
        replace(source, target)  # type: ignore[arg-type]

    monkeypatch.setattr(frame_cache.os, "replace", spy)
    path = save(tmp_path, NAME, KEY, FRAME, data_file=None)
    assert frame_cache.is_temp_file(seen[0]) and frame_cache.is_cache_file(path.name, frame_cache.SUFFIX)
    for name in ("notes", "0123456789ABCDEF", "../0123456789abcdef", ""):
        with pytest.raises(ValueError):
            save(tmp_path, name, KEY, FRAME, data_file=None)
    assert sorted(p.name for p in tmp_path.iterdir()) == [path.name]
