"""The rules stay free of Textual and TinyDB; reports and storage stay free of Textual; a CLI command that only
reads loads neither the app nor the storage engine and its lock (they cost ``huabei status`` tens of ms).

Each check imports the modules in a fresh interpreter, so nothing another test imported can hide a leak.
"""

from __future__ import annotations

import ast
import json
import os
import subprocess
import sys
from dataclasses import replace
from datetime import date, datetime
from pathlib import Path

import pytest

import huabei_tui

PACKAGE = Path(huabei_tui.__file__).parent
DOMAIN_MODULES = sorted(f"huabei_tui.domain.{p.stem}" for p in (PACKAGE / "domain").glob("*.py")
                        if p.stem != "__init__")
#: The screens' views (their printing, ``text_report``, and ``export`` beside the other formats come on top).
VIEW_MODULES = sorted(f"huabei_tui.views.{p.stem}" for p in (PACKAGE / "views").glob("*.py")
                      if p.stem not in ("__init__", "text_report", "export"))


def loaded_after_import(*modules: str) -> set[str]:
    code = ("import json, sys\n" + "".join(f"import {m}\n" for m in modules)
            + "print(json.dumps(sorted(sys.modules)))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=True)
    return set(json.loads(done.stdout))


def _top(name: str) -> str:
    return name.split(".")[0]


def test_domain_imports_neither_textual_nor_tinydb() -> None:
    assert "huabei_tui.domain.summary" in DOMAIN_MODULES
    loaded = loaded_after_import(*DOMAIN_MODULES)
    assert not {m for m in loaded if _top(m) in ("textual", "tinydb", "rich")}


def test_reports_and_demo_do_not_import_textual() -> None:
    loaded = loaded_after_import("huabei_tui.domain.summary", "huabei_tui.domain.demo", "huabei_tui.views.text_report",
                                 "huabei_tui.io.json_view", "huabei_tui.i18n", "huabei_tui.textwidth",
                                 "huabei_tui.clock")
    assert "textual" not in loaded
    assert "tinydb" not in loaded


def test_the_session_imports_neither_textual_nor_the_storage_engine() -> None:
    """The application layer is shared by the CLI and the app: it must not pull the app in (nor TinyDB, which only
    a save needs)."""
    loaded = loaded_after_import("huabei_tui.session", "huabei_tui.session.settings", "huabei_tui.session.importing")
    assert not {m for m in loaded if _top(m) in ("textual", "tinydb")}
    assert not {m for m in loaded if m.startswith("huabei_tui.ui") or m.startswith("huabei_tui.cli")}


def test_views_are_plain_data_without_textual_or_rich_text() -> None:
    """The views say what the screens show as dataclasses; only Rich's cell measure (``textwidth``) comes along."""
    assert "huabei_tui.views.status" in VIEW_MODULES
    loaded = loaded_after_import(*VIEW_MODULES)
    assert not {m for m in loaded if _top(m) in ("textual", "tinydb")}
    assert {m for m in loaded if _top(m) == "rich"} <= {"rich", "rich.cells", "rich._extension", "rich._unicode_data",
                                                        "rich._unicode_data._versions", "rich._cell_widths"}
    assert not {m for m in loaded if m.startswith(("huabei_tui.ui", "huabei_tui.cli", "huabei_tui.io",
                                                   "huabei_tui.storage"))}


def test_storage_does_not_import_textual() -> None:
    loaded = loaded_after_import("huabei_tui.storage", "huabei_tui.storage.repository", "huabei_tui.views.text_report",
                                 "huabei_tui.io.json_view")
    assert "textual" not in loaded


def test_domain_sources_import_only_the_standard_library_arrow_and_the_domain() -> None:
    allowed_third_party = {"arrow"}
    for path in sorted((PACKAGE / "domain").glob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names = [node.module]
            else:
                continue
            for name in names:
                top = _top(name)
                if top == "huabei_tui":
                    assert name.startswith("huabei_tui.domain"), f"{path.name} imports {name}"
                else:
                    assert top in sys.stdlib_module_names or top in allowed_third_party, f"{path.name} imports {name}"


# -- what a CLI command loads: the speed of ``huabei status`` and ``huabei export`` depends on it -------------------

#: Never needed to show data: the app (Textual, and Rich through it), the storage engine and its lock (only a change
#: needs them), Arrow (only for timestamps given as text), and the modules only some commands use.
NOT_FOR_READING = ("textual", "tinydb", "filelock", "arrow", "dateutil", "wcwidth", "uuid", "secrets",
                   "huabei_tui.ui", "huabei_tui.io.alipay", "huabei_tui.domain.demo")
#: The screens' strings (``huabei_tui.i18n`` loads an area on its first key): the app's frame and the help are never
#: printed by a command; the screens' own areas only where a command prints their views (``huabei status``).
APP_STRINGS = ("huabei_tui.strings.ui", "huabei_tui.strings.help")
SCREEN_STRINGS = (*APP_STRINGS, *(f"huabei_tui.strings.{area}" for area in ("status", "calendar", "checklist",
                                                                          "recovery")))
NOT_AT_IMPORT = (*NOT_FOR_READING, *SCREEN_STRINGS, "rich", "huabei_tui.views.text_report", "huabei_tui.io.json_view",
                 "huabei_tui.views.export", "huabei_tui.textwidth", "huabei_tui.views")

_RUN_CLI = """
import contextlib, io, json, sys
import huabei_tui.cli.main as cli
imported = sorted(sys.modules)
runs = []
for args in json.loads(sys.argv[1]):
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        status = cli.main(args)
    runs.append({"status": status, "output": out.getvalue(), "modules": sorted(sys.modules)})
print(json.dumps({"imported": imported, "runs": runs}))
"""


def run_cli(*commands: list[str]) -> dict:
    """Import the CLI and run ``commands`` one after another in one fresh interpreter; the modules after each."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("HUABEI_")}
    done = subprocess.run([sys.executable, "-c", _RUN_CLI, json.dumps(commands)], capture_output=True, text=True,
                          timeout=60, check=True, env=env)
    return json.loads(done.stdout)


def loaded(modules: list[str], names: tuple[str, ...]) -> set[str]:
    return {m for m in modules if any(m == name or m.startswith(name + ".") for name in names)}


@pytest.fixture
def ten_year_like_db(tmp_path: Path) -> Path:
    """The demo data plus imported purchases and a refund, saved as a user's file would be."""
    from huabei_tui.domain.demo import demo_ledger
    from huabei_tui.domain.ledger import Purchase
    from huabei_tui.storage.repository import Repository
    from huabei_tui.storage.store import Store

    ledger = demo_ledger(date(2025, 9, 1))
    purchases = (
        Purchase("o-1", datetime(2025, 7, 31, 23, 59), 1_200, "午餐"),
        Purchase("o-2", datetime(2025, 8, 1, 0, 30), 3_400, "书"),
        Purchase("o-3", datetime(2025, 8, 2, 12, 0), 500, "退款", refund=True),
    )
    path = tmp_path / "huabei.json"
    Repository(Store(path)).replace_ledger(replace(ledger, purchases=ledger.purchases + purchases),
                                           only_if_empty=False)
    return path


def test_importing_the_cli_loads_no_storage_engine_app_or_reports() -> None:
    result = run_cli()
    assert loaded(result["imported"], NOT_AT_IMPORT) == set()


@pytest.mark.parametrize("command", [["status", "--json"], ["status"], ["export"], ["export", "--format", "json"],
                                     ["grid", "--months", "60"], ["remind"]])
def test_reading_commands_load_no_storage_engine_lock_arrow_or_app(ten_year_like_db: Path, command: list[str]) -> None:
    result = run_cli(["--db", str(ten_year_like_db), "--today", "2025-09-01", *command])
    run = result["runs"][0]
    assert run["status"] == 0 or command == ["remind"]  # remind: the exit status says what it found
    assert run["output"] or command == ["remind"]
    assert loaded(run["modules"], NOT_FOR_READING) == set()
    assert loaded(run["modules"], APP_STRINGS) == set()
    if command == ["status", "--json"]:
        assert loaded(run["modules"], ("rich", "huabei_tui.views.text_report", "huabei_tui.textwidth",
                                       "huabei_tui.views", *SCREEN_STRINGS)) == set()


def test_a_change_loads_the_storage_engine_and_the_lock_when_it_needs_them(ten_year_like_db: Path) -> None:
    result = run_cli(["--db", str(ten_year_like_db), "--today", "2025-09-01", "status", "--json"],
                     ["--db", str(ten_year_like_db), "--today", "2025-09-01", "pay", "2025-09", "1"])
    reading, changing = result["runs"]
    assert reading["status"] == changing["status"] == 0
    assert loaded(reading["modules"], ("tinydb", "filelock")) == set()
    assert {"tinydb", "filelock"} <= set(changing["modules"])
    assert loaded(changing["modules"], ("textual", "arrow")) == set()
