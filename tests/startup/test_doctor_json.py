"""``huabei doctor --json``: the facts behind the text report, one JSON object with fixed field names, the same exit
status as the text, and nothing a terminal would act on even when a path is hostile."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from support.huabei_cli import Huabei, subprocess_env

#: The documented shape (README, "huabei doctor --json"): every field, in every run.
FIELDS = {
    "": ["data", "demo", "format", "snapshot", "views"],
    "snapshot": ["cache_folder", "cache_refused", "frames_kept", "off_reason", "on", "ready", "refused_place",
                 "terminal"],
    "views": ["kept", "off_reason", "on", "ready", "refused"],
    "data": ["exists", "file", "parts", "parts_folder", "parts_size", "problem", "readable", "rows_in_parts",
             "rows_inline", "size"],
}


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "frames"
    monkeypatch.setenv("HUABEI_CACHE_DIR", str(folder))
    return folder


def doctor(huabei: Huabei, *argv: str, lang: str = "en") -> dict[str, Any]:
    done = huabei(*argv, "doctor", "--json", lang=lang)
    assert done.code == 0 and done.err == ""
    assert done.out.endswith("}\n")
    data = json.loads(done.out)
    assert sorted(data) == FIELDS[""]
    for part in ("snapshot", "views", "data"):
        assert sorted(data[part]) == FIELDS[part], part
    return data


def test_every_field_on_a_new_setup(huabei: Huabei, cache: Path, db: Path) -> None:
    data = doctor(huabei)
    assert data["format"] == 1 and data["demo"] is False
    assert data["snapshot"] == {"on": True, "off_reason": None, "cache_folder": str(cache), "frames_kept": 0,
                                "cache_refused": False, "refused_place": None, "terminal": False, "ready": None}
    ready = None if not hasattr(os, "fork") else False
    views_on = hasattr(os, "fork")
    assert data["views"] == {"on": views_on, "off_reason": None if views_on else "platform", "kept": 0,
                             "ready": ready, "refused": False}
    assert data["data"] == {"file": str(db), "exists": False, "size": None, "readable": None, "problem": None,
                            "rows_inline": 0, "rows_in_parts": 0, "parts": 0, "parts_size": 0,
                            "parts_folder": f"{db}.parts"}


def test_the_text_report_says_the_same(huabei: Huabei, cache: Path, db: Path) -> None:
    """The JSON and the text come from the same facts: the cache folder, frames kept and data file agree."""
    text = huabei("doctor").out.splitlines()
    data = doctor(huabei)
    assert f"Snapshot cache: {data['snapshot']['cache_folder']} (frames kept: {data['snapshot']['frames_kept']})" \
        in text
    assert text[-1] == f"Data file: {data['data']['file']} (none yet: made by the first save)"


@pytest.mark.parametrize(("argv", "env", "reason"), [
    (["--no-snapshot"], {}, "option"),
    ([], {"HUABEI_NO_SNAPSHOT": "1"}, "env"),
    ([], {"TEXTUAL_DRIVER": "textual.drivers.web_driver:WebDriver"}, "driver"),
])
def test_why_the_snapshot_is_off_is_a_code(huabei: Huabei, cache: Path, monkeypatch: pytest.MonkeyPatch,
                                           argv: list[str], env: dict[str, str], reason: str) -> None:
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    snapshot = doctor(huabei, *argv)["snapshot"]
    assert snapshot["on"] is False and snapshot["off_reason"] == reason
    assert snapshot["terminal"] is None and snapshot["ready"] is None  # not asked when off
    assert snapshot["cache_folder"] == str(cache)


@pytest.mark.skipif(not hasattr(os, "fork"), reason="the status screen's cache needs os.fork")
def test_the_status_screens_cache(huabei: Huabei, cache: Path, db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from huabei_tui.cli import fast_start
    from huabei_tui.startup import early_frame, view_cache

    args = ["--db", str(db), "--today", "2026-12-06", "--lang", "en"]
    start = early_frame.app_start(args)
    assert start is not None
    kept = view_cache.for_start(start)
    assert kept is not None and kept.save(fast_start.first_view(args))
    huabei.today = "2026-12-06"
    assert doctor(huabei)["views"] == {"on": True, "off_reason": None, "kept": 1, "ready": True, "refused": False}
    huabei.today = "2026-12-07"
    assert doctor(huabei)["views"]["ready"] is False
    assert doctor(huabei, "--demo")["views"]["ready"] is None  # --demo is never cached
    assert doctor(huabei, "--demo")["demo"] is True
    monkeypatch.setenv("HUABEI_NO_PREFETCH", "1")
    assert doctor(huabei)["views"] == {"on": False, "off_reason": "env", "kept": 1, "ready": None, "refused": False}


@pytest.mark.parametrize("where", [".backups", ".parts/frames", ".lock"])
def test_a_refused_cache_folder(huabei: Huabei, db: Path, where: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HUABEI_CACHE_DIR", f"{db}{where}")
    data = doctor(huabei)
    place = os.path.realpath(f"{db}{where.split('/')[0]}")
    assert data["snapshot"]["cache_refused"] is True and data["snapshot"]["refused_place"] == place
    assert data["snapshot"]["cache_folder"] == f"{db}{where}"
    if hasattr(os, "fork"):
        assert data["views"]["refused"] is True and data["views"]["ready"] is False
    assert doctor(huabei, "--no-snapshot")["snapshot"]["refused_place"] == place  # refused, on or off
    assert not Path(f"{db}{where}").exists()  # the doctor only looks: nothing made in the protected place


def test_a_data_file_with_its_imported_rows_beside_it(huabei: Huabei, cache: Path, db: Path) -> None:
    from datetime import datetime

    from huabei_tui.domain.ledger import Purchase
    from huabei_tui.storage.repository import Repository
    from huabei_tui.storage.store import Store

    Repository(Store(db)).add_imported([Purchase(f"P{i}", datetime(2026, 10, 1, 12), 100) for i in range(1200)], [], [])
    data = doctor(huabei)["data"]
    parts = [p for p in Path(f"{db}.parts").iterdir() if p.is_file()]
    assert data == {"file": str(db), "exists": True, "size": db.stat().st_size, "readable": True, "problem": None,
                    "rows_inline": 0, "rows_in_parts": 1200, "parts": 1,
                    "parts_size": sum(p.stat().st_size for p in parts), "parts_folder": f"{db}.parts"}


@pytest.mark.parametrize("content", [b"{bad", b"", b'{"_default": {"1": {"schema": 999}}}', b"\xff\xfe\x00"])
def test_a_damaged_data_file(huabei: Huabei, cache: Path, db: Path, content: bytes) -> None:
    """Exit 0 as the text report: the doctor reports the problem, it is not the problem. The file is untouched."""
    db.write_bytes(content)
    text = huabei("doctor")
    assert text.code == 0
    damaged = [line for line in text.out.splitlines() if line.startswith("The data file cannot be read: ")]
    data = doctor(huabei)["data"]
    if not damaged:  # this content is read as an empty or upgradable file: nothing to report
        assert data["readable"] is True and data["problem"] is None
        return
    assert data["exists"] is True and data["readable"] is False and data["size"] == len(content)
    assert damaged == [f"The data file cannot be read: {data['problem']}"]
    assert str(db) in data["problem"]
    zh = doctor(huabei, lang="zh")["data"]
    assert zh["readable"] is False and zh["problem"] != data["problem"] and "无法读取" in zh["problem"]
    assert {k: v for k, v in zh.items() if k != "problem"} == {k: v for k, v in data.items() if k != "problem"}
    assert db.read_bytes() == content
    assert sorted(p.name for p in db.parent.iterdir() if p.name.startswith(db.name)) == [db.name]


def test_keys_are_the_same_in_both_languages(huabei: Huabei, cache: Path) -> None:
    assert doctor(huabei, lang="zh") == doctor(huabei, lang="en")


#: Characters a terminal acts on, or that change how a line reads: ESC sequences (CSI, OSC 52), BEL, DEL, a C1
#: CSI, a newline and CR, bidi override, a line separator, a zero-width space, a tag character above U+FFFF.
HOSTILE = "x\x1b[2J\x1b]52;c;aGk=\x07\x7f\x9b31m\n\r\u202e\u2028\u200b\U000e0041y"


def assert_inert(out: str) -> None:
    """Nothing in ``out`` but printable characters and the dump's own line ends."""
    assert all(char.isprintable() or char == "\n" for char in out), [c for c in out if not c.isprintable()]


def test_hostile_paths_are_escaped_and_read_back_exactly(huabei: Huabei, tmp_path: Path,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / f"d{HOSTILE}"
    folder.mkdir()
    db = folder / f"h{HOSTILE}.json"
    cache = tmp_path / f"c{HOSTILE}"
    monkeypatch.setenv("HUABEI_CACHE_DIR", str(cache))
    for setup in (None, b"{bad"):
        if setup is not None:
            db.write_bytes(setup)
        done = huabei("doctor", "--json", db=db)
        assert done.code == 0 and done.err == ""
        assert_inert(done.out)
        assert "\\u001b" in done.out and "\\u202e" in done.out and "\\udb40\\udc41" in done.out
        data = json.loads(done.out)
        assert data["data"]["file"] == str(db) and data["snapshot"]["cache_folder"] == str(cache)
        if setup is not None:
            from huabei_tui.domain.textsafe import escaped

            # the message names the file as every message does: its controls written as escapes, readable
            assert data["data"]["readable"] is False and escaped(str(db)) in data["data"]["problem"]


@pytest.mark.skipif(sys.platform != "linux", reason="a file name that is not UTF-8 needs a Linux file system")
def test_a_path_that_is_not_utf8_in_a_real_process(tmp_path: Path) -> None:
    """A byte that is not UTF-8 in a folder's name reaches Python as a lone surrogate: printed as its JSON escape,
    the output is valid UTF-8 and valid JSON, with no control byte (C0, DEL, or C1 as UTF-8 ``\\xc2\\x80``–``\\x9f``)."""
    folder = os.fsencode(tmp_path) + b"/bad\xff\x1b[31m\xc2\x9b"
    os.mkdir(folder)
    db = folder + b"/huabei.json"
    env = subprocess_env(tmp_path, HUABEI_CACHE_DIR=os.fsdecode(folder + b"/frames"))
    done = subprocess.run([sys.executable, "-m", "huabei_tui", "--db", os.fsdecode(db), "--lang", "en", "doctor",
                           "--json"], env=env, capture_output=True, check=False)
    assert done.returncode == 0 and done.stderr == b""
    text = done.stdout.decode("utf-8")
    assert not [b for b in done.stdout if (b < 0x20 and b != 0x0A) or b == 0x7F]
    assert "\x85" not in text and not any("\x80" <= c <= "\x9f" for c in text)
    data = json.loads(text)
    assert os.fsencode(data["data"]["file"]) == db


@pytest.mark.parametrize(("lang", "words"), [("en", "print one JSON object for scripts"),
                                             ("zh", "以 JSON 输出")])
def test_the_option_has_help_in_both_languages(lang: str, words: str, capsys: pytest.CaptureFixture[str]) -> None:
    from huabei_tui.cli.parser import build_parser

    with pytest.raises(SystemExit):
        build_parser(lang, "doctor").parse_args(["doctor", "--help"])
    text = capsys.readouterr().out
    assert "--json" in text and words in text
