"""The child that reads the first screen's data while Textual is imported (``startup/prefetch.py``) and the quick
start's fallback (``cli/fast_start.py``): each scenario runs in a fresh interpreter (``prefetch_scenarios.py``)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from huabei_tui.domain.demo import demo_ledger
from huabei_tui.storage.repository import Repository
from huabei_tui.storage.store import Store
from support.huabei_cli import subprocess_env

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="the quick start needs os.fork")

SCENARIOS = Path(__file__).with_name("prefetch_scenarios.py")


def scenario(tmp_path: Path, name: str, *args: str) -> tuple[dict, subprocess.CompletedProcess]:
    env = subprocess_env(tmp_path)
    done = subprocess.run([sys.executable, str(SCENARIOS), name, *args], capture_output=True, text=True,
                          timeout=120, env=env, stdin=subprocess.DEVNULL)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.strip().splitlines()[-1]), done


def demo_file(tmp_path: Path) -> str:
    db = tmp_path / "huabei.json"
    Repository(Store(db)).replace_ledger(demo_ledger(date(2026, 12, 6)), only_if_empty=False)
    return str(db)


def test_the_childs_plain_value_comes_back_and_the_child_is_reaped(tmp_path: Path) -> None:
    result, _ = scenario(tmp_path, "value")
    assert result == {"value": {"a": [1, "二", None, True], "b": 2.5}, "reaped": True}


@pytest.mark.parametrize("name", ["fails", "not_plain"])
def test_a_child_that_fails_gives_nothing(tmp_path: Path, name: str) -> None:
    result, _ = scenario(tmp_path, name)
    assert result == {"value": None, "reaped": True}


def test_a_child_that_does_not_answer_in_time_is_killed(tmp_path: Path) -> None:
    result, _ = scenario(tmp_path, "hangs")
    assert result == {"value": None, "reaped": True, "alive": False}


def test_the_child_never_writes_on_the_terminal_nor_reads_its_keys(tmp_path: Path) -> None:
    result, done = scenario(tmp_path, "quiet", str(tmp_path))
    assert result == {"value": {"stdin": "/dev/null", "read": ""}}
    assert "child" not in done.stdout.replace('"', "").split("{")[0] and "child" not in done.stderr


def test_no_child_while_another_thread_runs_or_when_switched_off(tmp_path: Path) -> None:
    assert scenario(tmp_path, "threads")[0] == {"child": False}
    assert scenario(tmp_path, "switched_off")[0] == {"child": False}


def test_when_the_childs_work_fails_huabei_starts_the_usual_way(tmp_path: Path) -> None:
    result, _ = scenario(tmp_path, "fallback", str(tmp_path), demo_file(tmp_path))
    assert result == {"code": None, "child_ran": True, "quick_start": False}


def test_when_the_child_is_too_slow_huabei_starts_the_usual_way(tmp_path: Path) -> None:
    result, _ = scenario(tmp_path, "slow_child", str(tmp_path), demo_file(tmp_path))
    assert result == {"code": None, "quick_start": False}


def test_when_all_goes_well_the_app_starts_from_the_childs_content(tmp_path: Path) -> None:
    result, _ = scenario(tmp_path, "quick", str(tmp_path), demo_file(tmp_path))
    assert result["code"] == 7
    assert result["today"] == "2026-12-06" and result["lang"] == "en"
    assert result["title"]
