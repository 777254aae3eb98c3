"""``--db`` through a symlink loop: one line saying so, exit 1, no traceback (issue 13 item 10).

Before, ``Path.resolve`` raised ``RuntimeError: Symlink loop`` and the user read "Unexpected error: RuntimeError".
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from support.huabei_cli import subprocess_env


@pytest.fixture
def loop(tmp_path: Path) -> Path:
    (tmp_path / "a.json").symlink_to(tmp_path / "b.json")
    (tmp_path / "b.json").symlink_to(tmp_path / "a.json")
    return tmp_path / "a.json"


@pytest.mark.parametrize("args", [["status"], ["status", "--json"], ["bill", "add", "2025-08", "800"], ["backups"],
                                  ["export"], ["restore"], ["tui"]])
def test_a_symlink_loop_as_the_data_file(huabei, loop: Path, args: list[str]) -> None:
    result = huabei(*args, db=loop)
    assert result.code == 1, result
    assert result.out == ""
    assert result.err_lines == [f"error: Could not read the data file {loop} (the path is a loop of symbolic links)."
                                " The file was not changed."]
    zh = huabei(*args, db=loop, lang="zh")
    assert zh.err_lines == [f"错误: 无法读取数据文件 {loop}（路径是一圈互相指向的符号链接）。文件未被改动。"]


def test_a_symlink_loop_in_the_folder(huabei, loop: Path) -> None:
    result = huabei("bill", "add", "2025-08", "800", db=loop / "huabei.json")
    assert result.code == 1 and len(result.err_lines) == 1
    assert "loop of symbolic links" in result.err and "Unexpected" not in result.err


def test_in_a_real_process_there_is_no_traceback(tmp_path: Path, loop: Path) -> None:
    done = subprocess.run([sys.executable, "-m", "huabei_tui", "--db", str(loop), "--lang", "en", "status"],
                          capture_output=True, text=True, timeout=60, env=subprocess_env(tmp_path))
    assert done.returncode == 1
    assert "Traceback" not in done.stderr and "RuntimeError" not in done.stderr
    assert len(done.stderr.splitlines()) == 1 and "loop of symbolic links" in done.stderr
