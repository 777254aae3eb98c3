"""The real entry points: ``python -m huabei_tui`` and the installed ``huabei`` script, in fresh processes."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from support.huabei_cli import subprocess_env


def run(tmp_path: Path, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "huabei_tui", *args], capture_output=True, text=True,
                          encoding="utf-8", env=subprocess_env(tmp_path, **env), timeout=60, cwd=tmp_path)


def test_module_entry_point_runs_commands(tmp_path: Path) -> None:
    db = str(tmp_path / "h.json")
    base = ["--db", db, "--today", "2025-09-01", "--lang", "en"]
    assert run(tmp_path, *base, "bill", "add", "2025-08", "800").returncode == 0
    done = run(tmp_path, *base, "status", "--json")
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""
    bill = json.loads(done.stdout)["bills"][0]
    assert (bill["fee"], bill["overdue_days"]) == ("8.80", 22)
    text = run(tmp_path, "status", HUABEI_DB=db, HUABEI_TODAY="2025-09-01", HUABEI_LANG="zh")
    assert text.returncode == 0
    assert text.stdout.startswith("今天：2025-09-01\n")


@pytest.mark.parametrize(
    ("args", "field"),
    [
        (["bill", "add", "2025-07", "12.345"], "amount"),
        (["pay", "2025-08", "5", "--on", "2025-02-30"], "date"),
        (["--lang", "fr", "status"], "language"),
        (["--today", "garbage", "status"], "today"),
        (["--unknown-option"], "--unknown-option"),
    ],
)
def test_bad_input_in_a_real_process(tmp_path: Path, args: list[str], field: str) -> None:
    db = tmp_path / "h.json"
    assert run(tmp_path, "--db", str(db), "--today", "2025-09-01", "bill", "add", "2025-08", "800").returncode == 0
    before = db.read_bytes()
    done = run(tmp_path, "--db", str(db), *args, HUABEI_TODAY="2025-09-01", HUABEI_LANG="en")
    assert done.returncode == 2
    assert done.stdout == ""
    assert len(done.stderr.splitlines()) == 1, done.stderr
    assert field in done.stderr
    assert "Traceback" not in done.stderr
    assert db.read_bytes() == before


def test_status_cli_does_not_load_textual(tmp_path: Path) -> None:
    """``huabei status`` in a login banner must stay quick: the TUI is only imported when it is opened."""
    code = ("import sys\nfrom huabei_tui.cli.main import main\n"
            f"rc = main(['--db', {str(tmp_path / 'h.json')!r}, '--today', '2025-09-01', 'status', '--json'])\n"
            "sys.stdout.flush()\nsys.stderr.write(str(rc) + ' ' + str('textual' in sys.modules))\n")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60,
                          env=subprocess_env(tmp_path))
    assert done.stderr.strip() == "0 False"


def _installed_huabei() -> str | None:
    beside = Path(sys.executable).parent / "huabei"
    if beside.exists():
        return str(beside)
    return shutil.which("huabei")


def _contract_script() -> Path | None:
    """The shared contract check, beside the project (``../shared``) when the project was cloned with it."""
    path = Path(__file__).resolve().parents[2].parent / "shared" / "checks" / "cli_contract.py"
    return path if path.exists() else None


def test_installed_script_passes_the_cli_contract(tmp_path: Path) -> None:
    script, huabei = _contract_script(), _installed_huabei()
    if script is None:
        pytest.skip("../shared/checks/cli_contract.py is not beside this clone")
    if huabei is None:
        pytest.skip("the huabei script is not installed")
    done = subprocess.run([sys.executable, str(script), huabei], capture_output=True, text=True, timeout=120,
                          env=subprocess_env(tmp_path), cwd=Path(__file__).resolve().parents[2])
    assert done.returncode == 0, done.stdout + done.stderr
    assert "MISMATCH" not in done.stdout
    assert "contract checks hold" in done.stdout
