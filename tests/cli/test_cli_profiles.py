"""Profiles (issue 14, "A family's profiles"): ``--profile NAME`` / ``HUABEI_PROFILE`` pick a separate data file in
the user data folder, with its own lock and backups; ``huabei profile list``; exports name the profile.

The user data folder is ``XDG_DATA_HOME/huabei-tui`` under ``tmp_path`` (the clean environment), so these tests run
``huabei`` without ``--db`` (``Huabei.bare``).
"""

from __future__ import annotations

import json
import sys
import threading
from pathlib import Path

import filelock
import pytest

from huabei_tui.paths import data_folder
from huabei_tui.profiles import check_name, list_profiles, profile_file, profile_of_filename, select
from huabei_tui.storage.errors import StoreBusy
from huabei_tui.storage.repository import Repository
from huabei_tui.storage.store import Store
from support.huabei_cli import Huabei

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="XDG_DATA_HOME is the Linux convention")

TODAY = ["--today", "2025-09-01", "--lang", "en"]


def run(huabei: Huabei, *args: str, profile: str | None = None, lang: str = "en"):
    argv = ["--today", "2025-09-01", "--lang", lang]
    if profile is not None:
        argv.append(f"--profile={profile}")  # this form takes a name starting with "-" too
    return huabei.bare(*argv, *args)


def bills(huabei: Huabei, profile: str | None = None) -> dict[str, str]:
    result = run(huabei, "bill", "list", "--json", profile=profile)
    assert result.code == 0, result.err
    return {bill["month"]: bill["amount"] for bill in json.loads(result.out)}


def folder_state(folder: Path) -> dict[str, bytes]:
    """Every file under the data folder with its bytes: equal before and after means nothing was written."""
    if not folder.exists():
        return {}
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_lang_after_a_profile_is_still_read(huabei: Huabei) -> None:
    """``--profile NAME`` takes a value like ``--db``: its name is not mistaken for the command, so a ``--lang``
    after it still sets the language (of the output and of an early error alike)."""
    assert run(huabei, "bill", "add", "2025-08", "100", profile="mum").code == 0
    result = huabei.bare("--profile", "mum", "--lang", "zh", "--today", "2025-09-01", "status")
    assert result.code == 0 and result.out.startswith("今天"), result.err
    result = huabei.bare("--profile", "mum", "--lang", "en", "--today", "2025-09-01", "status")
    assert result.out.startswith("Today")


# -- the rule: which file ----------------------------------------------------------------------------------------
def test_a_profile_is_its_own_file_beside_the_default_one(huabei: Huabei) -> None:
    assert run(huabei, "bill", "add", "2025-08", "100", profile="mum").code == 0
    assert run(huabei, "bill", "add", "2025-08", "5").code == 0
    folder = data_folder()
    assert (folder / "huabei-mum.json").is_file()
    assert (folder / "huabei.json").is_file()
    # data never crosses, in either direction
    assert bills(huabei, "mum") == {"2025-08": "100.00"}
    assert bills(huabei) == {"2025-08": "5.00"}
    assert bills(huabei, "default") == {"2025-08": "5.00"}  # "default" is the plain huabei.json
    assert bills(huabei, "dad") == {}
    assert not (folder / "huabei-dad.json").exists()  # reading creates nothing


def test_chinese_names_work(huabei: Huabei) -> None:
    assert run(huabei, "bill", "add", "2025-08", "88", profile="妈妈").code == 0
    assert (data_folder() / "huabei-妈妈.json").is_file()
    assert bills(huabei, "妈妈") == {"2025-08": "88.00"}


def test_huabei_profile_variable(huabei: Huabei, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HUABEI_PROFILE", "mum")
    assert run(huabei, "bill", "add", "2025-08", "100").code == 0
    assert (data_folder() / "huabei-mum.json").is_file()
    assert bills(huabei, "dad") == {}  # the option wins over the variable
    monkeypatch.setenv("HUABEI_PROFILE", "")  # empty counts as not set, as for HUABEI_DB
    assert bills(huabei) == {}


@pytest.mark.parametrize("option", ["--db", "--profile"])
def test_an_empty_option_is_refused_not_taken_for_the_default_file(huabei: Huabei, option: str) -> None:
    # ``huabei --db "$DB" demo --force`` with DB unset used the person's real data file; an option given empty
    # is a mistake to say (as ``--today ""`` is), while an empty variable still counts as not set.
    assert run(huabei, "bill", "add", "2025-08", "100").code == 0
    before = folder_state(data_folder())
    for value in ("", "  "):
        result = huabei.bare(*TODAY, option, value, "bill", "add", "2025-09", "5")
        assert result.code == 2 and "Traceback" not in result.err, result
        assert len(result.err.splitlines()) == 1 and "empty" in result.err, result.err
    assert "为空" in huabei.bare("--lang", "zh", option, "", "status").err
    assert folder_state(data_folder()) == before


def test_an_option_wins_over_the_other_kind_of_variable(huabei: Huabei, monkeypatch: pytest.MonkeyPatch,
                                                        tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere.json"
    monkeypatch.setenv("HUABEI_DB", str(elsewhere))
    assert run(huabei, "bill", "add", "2025-08", "100", profile="mum").code == 0  # --profile beats HUABEI_DB
    assert not elsewhere.exists()
    monkeypatch.delenv("HUABEI_DB")
    monkeypatch.setenv("HUABEI_PROFILE", "mum")
    assert huabei.bare(*TODAY, "--db", str(elsewhere), "bill", "add", "2025-08", "7").code == 0  # --db beats it
    assert elsewhere.exists()
    assert bills(huabei) == {"2025-08": "100.00"}  # HUABEI_PROFILE=mum: untouched by the --db run


@pytest.mark.parametrize(("lang", "message"), [
    ("en", "error: profile: --db and --profile name two different data files: give only one"),
    ("zh", "错误: 档案：--db 与 --profile 指向两个不同的数据文件，只能用其中一个"),
])
def test_db_and_profile_together_are_refused(huabei: Huabei, tmp_path: Path, lang: str, message: str) -> None:
    assert run(huabei, "bill", "add", "2025-08", "100", profile="mum").code == 0
    before = folder_state(data_folder())
    other = tmp_path / "other.json"
    result = huabei.bare("--today", "2025-09-01", "--lang", lang, "--db", str(other), "--profile", "mum",
                         "bill", "add", "2025-07", "1")
    assert result.code == 2
    assert result.err_lines == [message]
    assert folder_state(data_folder()) == before
    assert not other.exists()


def test_both_variables_are_refused(huabei: Huabei, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("HUABEI_DB", str(tmp_path / "x.json"))
    monkeypatch.setenv("HUABEI_PROFILE", "mum")
    result = run(huabei, "status")
    assert result.code == 2
    assert "HUABEI_DB" in result.err and "HUABEI_PROFILE" in result.err
    zh = run(huabei, "status", lang="zh")
    assert zh.code == 2 and zh.err.startswith("错误: 档案：环境变量")


BAD_NAMES = ["x.y", "../x", "x/y", "a b", "-x", "_x", ".hidden", "x\\y", "名字.json", "ｍｕｍ", "①", "٣", "x²",
             "a" * 33, "x\n", "Ωmega", "tab\t"]


@pytest.mark.parametrize("name", BAD_NAMES)
def test_bad_names_are_refused_and_nothing_is_written(huabei: Huabei, name: str) -> None:
    assert run(huabei, "bill", "add", "2025-08", "100").code == 0
    before = folder_state(data_folder().parent)
    result = run(huabei, "bill", "add", "2025-07", "1", profile=name)
    assert result.code == 2, result.err
    assert len(result.err_lines) == 1 and result.err_lines[0].startswith("error: profile: ")
    assert folder_state(data_folder().parent) == before


def test_bad_name_messages_in_both_languages(huabei: Huabei) -> None:
    en = run(huabei, "status", profile="x.y")
    assert en.err_lines == ["error: profile: “x.y” cannot name a profile: use letters, digits, Chinese characters, "
                            "and - or _ (not first)"]
    zh = run(huabei, "status", profile="x.y", lang="zh")
    assert zh.err_lines == ["错误: 档案：“x.y”不能用作档案名称：只能用字母、数字、汉字，以及（不在开头的）- 和 _"]
    long = run(huabei, "status", profile="a" * 33)
    assert long.err_lines == [f"error: profile: “{'a' * 33}” is too long (at most 32 characters)"]
    empty = huabei.bare("--profile=", "status")
    # Was "code == 0: an empty option is no option, as for --db=". Both are refused now: ``--db "$DB"`` with DB
    # unset wrote to the person's real data file (test_an_empty_option_is_refused_not_taken_for_the_default_file).
    assert empty.code == 2 and empty.err_lines == [
        "error: profile: --profile is empty: give a profile name, or leave --profile out for the default file"]


def test_a_refused_name_is_printed_inert(huabei: Huabei) -> None:
    result = run(huabei, "status", profile="x\x1b[2Jy\n")
    assert result.code == 2
    assert result.err_lines == ["error: profile: “x\\x1b[2Jy\\n” cannot name a profile: use letters, digits, "
                                "Chinese characters, and - or _ (not first)"]


def test_bad_name_in_the_variable(huabei: Huabei, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HUABEI_PROFILE", "../../etc")
    result = run(huabei, "status")
    assert result.code == 2 and "“../../etc” cannot name a profile" in result.err


@pytest.mark.parametrize("name", ["mum", "Dad", "妈妈", "老王-2", "a_b", "x" * 32, "2nd", "default"])
def test_good_names(name: str) -> None:
    assert check_name(name) == name


def test_file_names_map_both_ways(tmp_path: Path) -> None:
    assert profile_file(tmp_path, "default") == tmp_path / "huabei.json"
    assert profile_file(tmp_path, "mum") == tmp_path / "huabei-mum.json"
    for name in ("default", "mum", "妈妈"):
        assert profile_of_filename(profile_file(tmp_path, name).name) == name
    for other in ("huabei.json.lock", "huabei-mum.json.lock", "huabei-mum.json.backups", "huabei-default.json",
                  "huabei-x.y.json", ".huabei-mum.json.tmp-1-ab", "huabei.json.damaged-2025", "notes.json",
                  "huabei-.json"):
        assert profile_of_filename(other) is None, other


def test_select_rules() -> None:
    assert select(None, None, {}).profile is None and select(None, None, {}).path is None
    assert select("a.json", None, {"HUABEI_PROFILE": "mum"}).path == Path("a.json")
    assert select(None, "mum", {"HUABEI_DB": "x.json"}).profile == "mum"
    assert select(None, None, {"HUABEI_PROFILE": "mum"}).profile == "mum"
    assert select(None, None, {"HUABEI_DB": "x.json", "HUABEI_PROFILE": ""}).path == Path("x.json")


# -- isolation: lock and backups -----------------------------------------------------------------------------------
def test_a_lock_held_in_one_profile_does_not_block_another(huabei: Huabei) -> None:
    assert run(huabei, "bill", "add", "2025-08", "5").code == 0
    assert run(huabei, "bill", "add", "2025-08", "100", profile="mum").code == 0
    folder = data_folder()
    default_lock = folder / "huabei.json.lock"
    held = filelock.FileLock(str(default_lock))
    held.acquire(timeout=5)
    try:
        # Another thread holding the default profile's lock would block a change to it...
        default_store = Store(folder / "huabei.json", lock_timeout=0.2)
        result: list[BaseException] = []
        worker = threading.Thread(target=lambda: _try_change(default_store, result))
        worker.start()
        worker.join(10)
        assert result and isinstance(result[0], StoreBusy)
        # ...while profile mum saves at once, through the command line, under its own lock.
        done = run(huabei, "pay", "2025-08", "100", "--on", "2025-08-20", profile="mum")
        assert done.code == 0, done.err
    finally:
        held.release()
    assert (folder / "huabei-mum.json.lock").exists()
    assert bills(huabei) == {"2025-08": "5.00"}


def _try_change(store: Store, result: list[BaseException]) -> None:
    try:
        Repository(store).set_setting("probe", "x")
    except BaseException as error:  # handed to the test thread
        result.append(error)


def test_each_profile_keeps_its_own_backups(huabei: Huabei) -> None:
    for amount in ("100", "200"):
        assert run(huabei, "bill", "add", f"2025-0{len(amount) + int(amount[0])}", amount, profile="mum").code == 0
    folder = data_folder()
    mum_backups = folder / "huabei-mum.json.backups"
    assert mum_backups.is_dir() and any(mum_backups.iterdir())
    assert not (folder / "huabei.json.backups").exists()
    listed = run(huabei, "backups", profile="mum")
    assert "huabei-mum.json.backups" in listed.out
    assert "No usable backup" in run(huabei, "backups").out


def test_a_profile_moves_as_a_file(huabei: Huabei, tmp_path: Path) -> None:
    assert run(huabei, "bill", "add", "2025-08", "100", profile="mum").code == 0
    moved = tmp_path / "mum-copy.json"
    (data_folder() / "huabei-mum.json").rename(moved)
    listed = json.loads(huabei.bare(*TODAY, "--db", str(moved), "bill", "list", "--json").out)
    assert [(bill["month"], bill["amount"]) for bill in listed] == [("2025-08", "100.00")]
    moved.rename(data_folder() / "huabei-mother.json")
    assert bills(huabei, "mother") == {"2025-08": "100.00"}


# -- profile list ------------------------------------------------------------------------------------------------
def test_profile_list_names_sizes_and_last_change(huabei: Huabei) -> None:
    assert run(huabei, "bill", "add", "2025-08", "5").code == 0
    assert run(huabei, "bill", "add", "2025-08", "100", profile="妈妈").code == 0
    (data_folder() / "notes.txt").write_text("not a profile", encoding="utf-8")
    out = run(huabei, "profile", "list", profile="妈妈").out
    lines = out.splitlines()
    assert lines[0] == f"Profiles in {data_folder()}"
    rows = [line for line in lines if "huabei" in line and line.startswith(("* ", "  "))]
    assert [row.split()[0:2] for row in rows] == [["default", "huabei.json"], ["*", "妈妈"]]
    size = (data_folder() / "huabei-妈妈.json").stat().st_size
    assert f"{size} B" in rows[1]
    assert "* current profile: 妈妈" in out
    assert "notes" not in out and ".lock" not in out


def test_profile_list_json_and_a_profile_without_a_file(huabei: Huabei) -> None:
    assert run(huabei, "bill", "add", "2025-08", "5").code == 0
    data = json.loads(run(huabei, "profile", "list", "--json", profile="dad").out)
    assert data["current"] == "dad"
    assert data["folder"] == str(data_folder())
    by_name = {p["name"]: p for p in data["profiles"]}
    assert by_name["dad"] == {"name": "dad", "file": str(data_folder() / "huabei-dad.json"), "exists": False,
                              "size": None, "modified": None, "current": True}
    assert by_name["default"]["exists"] and by_name["default"]["size"] > 0
    assert len(by_name["default"]["modified"]) == len("2025-09-01 10:00")
    assert not (data_folder() / "huabei-dad.json").exists()
    plain = json.loads(run(huabei, "profile", "list", "--json").out)
    assert plain["current"] == "default"


def test_profile_list_with_db_marks_no_profile(huabei: Huabei, tmp_path: Path) -> None:
    out = huabei.bare(*TODAY, "--db", str(tmp_path / "x.json"), "profile", "list").out
    assert "not a profile" in out and "* " not in out.replace("* current", "")
    zh = huabei.bare("--lang", "zh", "--db", str(tmp_path / "x.json"), "profile", "list").out
    assert "档案所在文件夹" in zh and "不是档案" in zh


def test_profile_list_in_an_empty_folder(tmp_path: Path) -> None:
    assert list_profiles(tmp_path / "missing") == []
    listed = list_profiles(tmp_path / "missing", "mum")
    assert [(p.name, p.size) for p in listed] == [("mum", None)]


# -- exports name the profile --------------------------------------------------------------------------------------
def test_exports_name_the_profile(huabei: Huabei) -> None:
    assert run(huabei, "bill", "add", "2025-08", "100", profile="mum").code == 0
    text = run(huabei, "export", profile="mum").out.splitlines()
    assert text[:3] == ["Huabei account summary", "Profile: mum", "Generated 2025-09-01"]
    zh = run(huabei, "export", "--screen", "status", profile="妈妈", lang="zh").out.splitlines()
    assert zh[:3] == ["花呗账户摘要", "档案：妈妈", "生成于 2025-09-01"]
    assert json.loads(run(huabei, "export", "--format", "json", profile="mum").out)["profile"] == "mum"
    plain = run(huabei, "export").out.splitlines()
    assert plain[1] == "Generated 2025-09-01"  # no profile chosen: the export as before
    assert "profile" not in json.loads(run(huabei, "export", "--format", "json").out)


def test_profile_list_json_escapes_a_control_in_a_path_instead_of_dropping_it(huabei: Huabei, tmp_path: Path) -> None:
    """A path is printed as the JSON escape of what it holds, so the terminal is never driven and a script still
    reads the real path. ``json`` escapes C0 controls itself; a C1 control (``\\x9b``, the one-byte CSI) or a bidi
    override it writes as they are, and dropping them, as the text output does, would name another file."""
    folder = tmp_path / "a\x9b2Jb\u202ec\x1b]0;t\x07"
    folder.mkdir()
    target = folder / "huabei.json"
    result = huabei.bare("--today", "2025-09-01", "--lang", "en", "--db", str(target), "profile", "list", "--json")
    assert result.code == 0, result.err
    assert not any(char in result.out for char in "\x9b\u202e\x1b\x07")
    assert "\\u009b" in result.out and "\\u202e" in result.out
    assert json.loads(result.out)["data_file"] == str(target)
