"""The status screen's content kept from the last run (``startup/view_cache.py``, issue 15 goal 2): the key holds
every input of that content (change one: the entry is not used), not what only changes the picture; a damaged,
foreign, misshapen or not private file is ignored; it is written 0600, atomically, never at or inside the data
file's lock, backups or parts; and ``fast_start`` draws from it with no child, then reads the file again after a
change (scenarios in a fresh interpreter each, ``prefetch_scenarios.py``)."""

from __future__ import annotations

import json
import marshal
import os
import stat
import subprocess
import sys
from collections.abc import Callable
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from huabei_tui.cli import fast_start
from huabei_tui.clock import Clock
from huabei_tui.domain.demo import demo_ledger
from huabei_tui.paths import config_dir
from huabei_tui.session import Session
from huabei_tui.startup import early_frame, frame_cache, frame_key, view_cache
from huabei_tui.storage.repository import Repository
from huabei_tui.storage.store import Store
from support.huabei_cli import subprocess_env

TODAY = date(2026, 12, 6)
SCENARIOS = Path(__file__).with_name("prefetch_scenarios.py")


@pytest.fixture
def db(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "data" / "huabei.json"
    path.parent.mkdir()
    Repository(Store(path)).replace_ledger(demo_ledger(TODAY), only_if_empty=False)
    monkeypatch.setenv("HUABEI_CACHE_DIR", str(tmp_path / "cache"))
    return path


def args_for(db: Path, *extra: str) -> list[str]:
    return ["--db", str(db), "--today", TODAY.isoformat(), "--lang", "en", "--no-snapshot", *extra]


def cache_for(args: list[str], now: datetime | None = None) -> view_cache.ViewCache:
    start = early_frame.app_start(args)
    assert start is not None
    cache = view_cache.for_start(start, now=now)
    assert cache is not None
    return cache


def saved(db: Path, *extra: str) -> tuple[view_cache.ViewCache, dict]:
    """The content of ``huabei ARGS`` (what the child sends), saved under its key."""
    args = args_for(db, *extra)
    cache = cache_for(args)
    view = fast_start.first_view(args)
    assert cache.save(view)
    return cache, view


def test_the_content_comes_back_under_its_key_from_a_private_file(db: Path, tmp_path: Path) -> None:
    cache, view = saved(db)
    assert cache_for(args_for(db)).load() == view
    assert stat.S_IMODE(cache.path.stat().st_mode) == 0o600
    assert stat.S_IMODE(cache.path.parent.stat().st_mode) == 0o700
    assert [p.name for p in cache.path.parent.iterdir()] == [cache.path.name]  # no temporary file left
    assert cache.path.read_bytes().startswith(view_cache.MAGIC)


#: A change of one input (variables and code through the test's monkeypatch, undone afterwards).
Change = Callable[[Path, pytest.MonkeyPatch], None]


def _pay(db: Path, monkeypatch: pytest.MonkeyPatch | None = None) -> None:
    session = Session.for_app(Repository(Store(db)), Clock(TODAY))
    bill = session.snapshot.summary.most_urgent_bill
    assert bill is not None
    session.record_payment(bill.month, 1)


def _replace(db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    other = db.with_name("other.json")
    Repository(Store(other)).replace_ledger(demo_ledger(date(2026, 11, 1)), only_if_empty=False)
    os.replace(other, db)


def _touch(db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    st = db.stat()
    os.utime(db, ns=(st.st_atime_ns, st.st_mtime_ns + 1_000_000))


def _config(name: str, text: str) -> Change:
    def write(db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        folder = config_dir()
        folder.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(text, encoding="utf-8")

    return write


def _env(name: str, value: str) -> Change:
    def set_it(db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        monkeypatch.setenv(name, value)

    return set_it


def _backups_unusable(db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    db.with_name(db.name + ".backups").write_text("not a folder")


def _code(db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(frame_key, "code_fingerprint", lambda package=None: "another version of the code")


#: Each changes one input of the status screen's content after it was saved: the entry must not be used.
CHANGES: dict[str, Change] = {
    "a save to the data file": _pay,
    "another file renamed into place": _replace,
    "the data file touched": _touch,
    "keys.toml written": _config("keys.toml", "# nothing moved\n"),
    "settings.toml written": _config("settings.toml", 'lang = "zh"\n'),
    "LANG": _env("LANG", "zh_CN.UTF-8"),
    "LC_ALL": _env("LC_ALL", "zh_CN.UTF-8"),
    "HUABEI_LANG": _env("HUABEI_LANG", "zh"),
    "HUABEI_LINE": _env("HUABEI_LINE", "another"),
    "the backups folder": _backups_unusable,
    "the package's code": _code,
}


@pytest.mark.parametrize("change", sorted(CHANGES))
def test_any_change_of_an_input_means_the_entry_is_not_used(db: Path, change: str,
                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    cache, _ = saved(db)
    CHANGES[change](db, monkeypatch)  # (undone after the test)
    again = cache_for(args_for(db))
    assert again.key != cache.key
    assert again.load() is None


def other_start(db: Path, which: str) -> list[str]:
    day, lang = ["--today", TODAY.isoformat()], ["--lang", "en"]
    return {"another day": ["--db", str(db), "--today", "2026-12-07", *lang],
            "another language": ["--db", str(db), *day, "--lang", "zh"],
            "another credit line": ["--db", str(db), *day, *lang, "--line", "other"],
            "a profile": ["--profile", "work", *day, *lang]}[which]  # (--db and --profile together are refused)


@pytest.mark.parametrize("which", ["another day", "another language", "another credit line", "a profile"])
def test_another_day_language_line_or_profile_is_another_entry(db: Path, which: str) -> None:
    cache, _ = saved(db)
    again = cache_for(other_start(db, which))
    assert again.key != cache.key and again.load() is None


def test_a_midnight_in_shanghai_is_another_entry(db: Path) -> None:
    args = ["--db", str(db), "--lang", "en"]  # today from the clock
    before = datetime(2026, 12, 6, 15, 59, 59, tzinfo=UTC)  # 23:59:59 in Shanghai
    evening = datetime(2026, 12, 6, 1, 0, tzinfo=UTC)  # 09:00 the same day there
    after = datetime(2026, 12, 6, 16, 0, 0, tzinfo=UTC)  # midnight there
    assert cache_for(args, now=before).key == cache_for(args, now=evening).key
    assert cache_for(args, now=after).key != cache_for(args, now=before).key
    assert cache_for(args, now=after).inputs.today == "2026-12-07"


@pytest.mark.parametrize("name, value", [("COLUMNS", "132"), ("LINES", "50"), ("TERM", "xterm-16color"),
                                         ("NO_COLOR", "1"), ("COLORTERM", "truecolor"), ("TEXTUAL_THEME", "nord"),
                                         ("PYTHONIOENCODING", "latin-1"), ("HUABEI_NO_SNAPSHOT", "1")])
def test_what_only_changes_the_picture_is_not_in_the_key(db: Path, name: str, value: str,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    _, view = saved(db)
    monkeypatch.setenv(name, value)
    assert cache_for(args_for(db)).load() == view


def _flip_last_byte(path: Path) -> None:
    blob = bytearray(path.read_bytes())
    blob[-1] ^= 0x01
    path.write_bytes(bytes(blob))


def _truncate(path: Path) -> None:
    path.write_bytes(path.read_bytes()[:-20])


def _group_writable(path: Path) -> None:
    path.chmod(0o620)


def _symlink(path: Path) -> None:
    target = path.with_name("elsewhere")
    os.replace(path, target)
    path.symlink_to(target)


def _garbage(path: Path) -> None:
    path.write_bytes(os.urandom(200))


DAMAGE: dict[str, Callable[[Path], None]] = {
    "a flipped byte": _flip_last_byte,
    "truncated": _truncate,
    "writable by the group": _group_writable,
    "a symlink": _symlink,
    "random bytes": _garbage,
}


@pytest.mark.parametrize("damage", sorted(DAMAGE))
def test_a_damaged_or_not_private_file_is_ignored(db: Path, damage: str) -> None:
    cache, _ = saved(db)
    DAMAGE[damage](cache.path)
    assert cache_for(args_for(db)).load() is None


def test_another_keys_file_under_this_name_is_ignored(db: Path) -> None:
    cache, _ = saved(db)
    other, _ = saved(db, "--today", "2026-12-07")
    os.replace(other.path, cache.path)  # the file is whole, but saved under another key
    assert cache_for(args_for(db)).load() is None


@pytest.mark.parametrize("content", [{"format": view_cache.FORMAT}, {"status": {}}, [1, 2], "text",
                                     "wrong day", "wrong format"])
def test_whole_content_of_another_shape_is_ignored(db: Path, content: object) -> None:
    cache, view = saved(db)
    if content == "wrong day":
        content = dict(view, today="2026-12-05")
    elif content == "wrong format":
        content = dict(view, format=view_cache.FORMAT + 1)
    frame_cache.save(cache.folder, cache.name, cache.key, marshal.dumps(content), data_file=cache.data_file,
                     suffix=view_cache.SUFFIX, magic=view_cache.MAGIC)
    assert cache.load() is None
    assert not cache.save(content)  # nor is such content ever saved


def test_a_frame_file_is_never_read_as_content(db: Path) -> None:
    cache, view = saved(db)
    frame_cache.save(cache.folder, cache.name, cache.key, marshal.dumps(view),  # a frame's magic and suffix
                     data_file=cache.data_file)
    cache.path.unlink()
    os.replace(frame_cache.frame_path(cache.folder, cache.name), cache.path)
    assert cache.load() is None


@pytest.mark.parametrize("where", [".backups", ".parts", "", ".lock", ".backups/views", "link"])
def test_never_written_inside_the_data_files_backups_or_parts(db: Path, where: str,
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    for companion in (".lock", ".backups", ".parts"):  # as a store that has saved and imported leaves them
        path = Path(f"{db}{companion}")
        if not path.exists():
            path.write_text("") if companion == ".lock" else path.mkdir()
    folder = Path(f"{db}{where}") if where != "link" else db.parent.parent / "link"
    if where == "link":
        folder.symlink_to(Path(f"{db}.parts"))
    monkeypatch.setenv("HUABEI_CACHE_DIR", str(folder))
    before = sorted(str(p) for p in db.parent.rglob("*"))
    args = args_for(db)
    cache = cache_for(args)
    assert cache.unsafe()
    assert not cache.save(fast_start.first_view(args))
    assert sorted(str(p) for p in db.parent.rglob("*")) == before


def test_forget_drops_the_entry(db: Path) -> None:
    cache, _ = saved(db)
    cache.forget()
    assert not cache.path.exists() and cache_for(args_for(db)).load() is None


def scenario(tmp_path: Path, *args: str, **env: str) -> dict:
    done = subprocess.run([sys.executable, str(SCENARIOS), "cached", *args], capture_output=True, text=True,
                          timeout=120, env=subprocess_env(tmp_path, **env), stdin=subprocess.DEVNULL)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.strip().splitlines()[-1])


@pytest.mark.skipif(not hasattr(os, "fork"), reason="the quick start needs os.fork")
def test_a_repeated_start_draws_from_the_cache_with_no_child_and_a_change_reads_the_file_again(
        db: Path, tmp_path: Path) -> None:
    cache_dir = str(tmp_path / "cache")
    first = scenario(tmp_path, str(tmp_path), str(db), HUABEI_CACHE_DIR=cache_dir)
    assert first == {"code": 7, "child_ran": True, "from_cache": False, "views": 1, "title": first["title"],
                     "heavy": []}
    assert first["title"]
    second = scenario(tmp_path, str(tmp_path), str(db), HUABEI_CACHE_DIR=cache_dir)
    assert second == dict(first, child_ran=False, from_cache=True)
    _pay(db)
    third = scenario(tmp_path, str(tmp_path), str(db), HUABEI_CACHE_DIR=cache_dir)
    assert third["child_ran"] and not third["from_cache"] and third["views"] == 2


@pytest.mark.skipif(not hasattr(os, "fork"), reason="the quick start needs os.fork")
def test_with_the_quick_start_switched_off_nothing_is_cached_or_read_from_it(db: Path, tmp_path: Path) -> None:
    cache_dir = str(tmp_path / "cache")
    scenario(tmp_path, str(tmp_path), str(db), HUABEI_CACHE_DIR=cache_dir)
    off = scenario(tmp_path, str(tmp_path), str(db), HUABEI_CACHE_DIR=cache_dir, HUABEI_NO_PREFETCH="1")
    assert {k: off[k] for k in ("code", "child_ran", "from_cache", "views")} == {
        "code": None, "child_ran": False, "from_cache": False, "views": 1}
