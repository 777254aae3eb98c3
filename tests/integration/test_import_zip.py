"""``huabei import alipay FILE.zip``: the encrypted zip Alipay mails, and paths that are not files at all.

The password comes from ``--password-file`` or ``HUABEI_ZIP_PASSWORD`` for scripts, or the terminal with no echo,
never from a command-line option. A wrong password changes nothing and exits 2.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from support.alipay_files import build_app2021, build_app2023, build_zip, purchase
from support.huabei_cli import subprocess_env

from .test_import_cli import SMALL, check_small

NAME = "支付宝交易明细(20250401-20250531).csv"


@pytest.fixture
def zipped(write):
    def make(members: dict[str, bytes] | None = None, password: str | None = "246810", name: str = "a.zip") -> Path:
        return write(name, build_zip(members or {NAME: build_app2023(SMALL)}, password))

    return make


def test_password_from_the_environment(huabei, zipped, monkeypatch) -> None:
    monkeypatch.setenv("HUABEI_ZIP_PASSWORD", "246810")
    result = huabei("import", "alipay", str(zipped()))
    check_small(huabei, result)
    assert f"a.zip/{NAME}: 7 rows read (app2023, gb18030)" in result.out


def test_a_password_typed_in_full_width_digits_opens_the_zip(huabei, zipped, monkeypatch) -> None:
    # A Chinese input method in full-width mode types １２３…: the password is digits, so they are the digits.
    monkeypatch.setenv("HUABEI_ZIP_PASSWORD", "２４６８１０")
    check_small(huabei, huabei("import", "alipay", str(zipped())))


def test_a_password_that_is_full_width_in_the_zip_still_opens_it_as_typed(huabei, zipped, monkeypatch) -> None:
    monkeypatch.setenv("HUABEI_ZIP_PASSWORD", "２４６８１０")
    check_small(huabei, huabei("import", "alipay", str(zipped(password="２４６８１０"))))


def test_password_from_a_file(huabei, zipped, write) -> None:
    secret = write("secret", b"246810\n")
    check_small(huabei, huabei("import", "alipay", "--password-file", str(secret), str(zipped())))


def test_the_password_file_wins_over_the_environment(huabei, zipped, write, monkeypatch) -> None:
    monkeypatch.setenv("HUABEI_ZIP_PASSWORD", "wrong")
    check_small(huabei, huabei("import", "alipay", "--password-file", str(write("pw", b"246810")), str(zipped())))


def test_asked_on_the_terminal_without_echo(huabei, zipped, monkeypatch) -> None:
    import getpass

    prompts: list[str] = []
    monkeypatch.setattr(sys.stdin, "isatty", lambda: True)
    monkeypatch.setattr(getpass, "getpass", lambda prompt: prompts.append(prompt) or "246810")
    check_small(huabei, huabei("import", "alipay", str(zipped())))
    assert prompts == ["Password of a.zip (shown in the Alipay app; not echoed): "]
    prompts.clear()
    huabei("import", "alipay", "--dry-run", str(zipped()), lang="zh")
    assert prompts == ["a.zip 的密码（支付宝 App 中显示；输入时不显示）："]


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_wrong_password_exits_2_and_changes_nothing(huabei, zipped, monkeypatch, lang: str) -> None:
    huabei.ok("import", "alipay", str(zipped({"old.csv": build_app2023([purchase(50)])}, password=None, name="o.zip")))
    before = huabei.snapshot()
    monkeypatch.setenv("HUABEI_ZIP_PASSWORD", "135790")
    path = zipped()
    result = huabei("import", "alipay", str(path), lang=lang)
    assert result.code == 2
    expected = f"error: import: {path}: wrong password" if lang == "en" else f"错误: 导入：{path}：密码错误"
    assert result.err_lines == [expected]
    assert huabei.snapshot() == before


def test_no_password_and_no_terminal_says_how_to_give_one(huabei, zipped, db: Path) -> None:
    result = huabei("import", "alipay", str(zipped()))
    assert result.code == 2
    assert "--password-file" in result.err and "HUABEI_ZIP_PASSWORD" in result.err
    assert not db.exists()


def test_the_password_is_never_an_option(huabei, zipped) -> None:
    result = huabei("import", "alipay", "--password", "246810", str(zipped()))
    assert result.code == 2 and "--password" in result.err


def test_a_missing_password_file_is_bad_input(huabei, zipped, tmp_path: Path) -> None:
    result = huabei("import", "alipay", "--password-file", str(tmp_path / "nope"), str(zipped()))
    assert result.code == 2 and "cannot read" in result.err and "nope" in result.err


def test_several_csvs_in_one_zip_each_imported(huabei, zipped, monkeypatch) -> None:
    monkeypatch.setenv("HUABEI_ZIP_PASSWORD", "246810")
    members = {"april.csv": build_app2023(SMALL[:3]), "may.csv": build_app2021(SMALL[3:], receipt_line=False)}
    result = huabei("import", "alipay", str(zipped(members)))
    check_small(huabei, result)
    assert "a.zip/april.csv: 3 rows read" in result.out and "a.zip/may.csv: 4 rows read" in result.out


def test_a_zip_without_a_csv_says_so(huabei, zipped, monkeypatch, db: Path) -> None:
    result = huabei("import", "alipay", str(zipped({"readme.txt": b"hello"}, password=None)), lang="zh")
    assert result.code == 2
    assert "zip 中没有 CSV 文件（里面有：readme.txt）" in result.err
    assert not db.exists()


def test_a_plain_zip_imports_too(huabei, zipped) -> None:
    check_small(huabei, huabei("import", "alipay", str(zipped(password=None))))


def test_a_zip_and_a_csv_in_one_command(huabei, zipped, write, monkeypatch) -> None:
    monkeypatch.setenv("HUABEI_ZIP_PASSWORD", "246810")
    csv = write("b.csv", build_app2023(SMALL[3:]))
    result = huabei("import", "alipay", str(zipped({"a.csv": build_app2023(SMALL[:3])})), str(csv))
    check_small(huabei, result)


# -- paths that are not files: refused at once, in a child process so a regression fails instead of hanging ----------


def run_import(tmp_path: Path, *paths: str) -> subprocess.CompletedProcess:
    env = subprocess_env(tmp_path)
    return subprocess.run(
        [sys.executable, "-m", "huabei_tui", "--db", str(tmp_path / "db.json"), "--lang", "en", "import", "alipay",
         *paths], capture_output=True, text=True, encoding="utf-8", env=env, timeout=60, check=False,
        stdin=subprocess.DEVNULL)


def test_a_fifo_and_a_device_are_refused_not_read(tmp_path: Path) -> None:
    fifo = tmp_path / "export.csv"
    os.mkfifo(fifo)
    done = run_import(tmp_path, str(fifo))
    assert done.returncode == 2, done.stderr
    assert done.stderr == f"error: import: {fifo}: this is a named pipe (FIFO), not a file: give the exported CSV " \
                          "or zip file\n"
    done = run_import(tmp_path, "/dev/zero")
    assert done.returncode == 2 and "/dev/zero: this is a device, not a file" in done.stderr
    done = run_import(tmp_path, str(tmp_path))
    assert done.returncode == 2 and "this is a folder, not a file" in done.stderr
    assert not (tmp_path / "db.json").exists()


def test_an_over_long_line_is_bad_input(huabei, write, db: Path) -> None:
    data = build_app2023(SMALL).replace("美团订单-午餐".encode("gbk"), b"x" * 70_000, 1)
    result = huabei("import", "alipay", str(write("long.csv", data)))
    assert result.code == 2
    assert "is longer than 64 KB, which no line of an Alipay export is" in result.err
    assert not db.exists()
