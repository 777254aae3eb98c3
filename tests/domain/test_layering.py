"""The rules stay free of Textual and TinyDB; reports and storage stay free of Textual.

Each check imports the modules in a fresh interpreter, so nothing another test imported can hide a leak.
"""

from __future__ import annotations

import ast
import json
import subprocess
import sys
from pathlib import Path

import huabei_tui

PACKAGE = Path(huabei_tui.__file__).parent
DOMAIN_MODULES = sorted(f"huabei_tui.domain.{p.stem}" for p in (PACKAGE / "domain").glob("*.py")
                        if p.stem != "__init__")


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
    loaded = loaded_after_import("huabei_tui.domain.summary", "huabei_tui.domain.demo", "huabei_tui.io.text_report",
                                 "huabei_tui.io.json_view", "huabei_tui.i18n", "huabei_tui.textwidth",
                                 "huabei_tui.clock")
    assert "textual" not in loaded
    assert "tinydb" not in loaded


def test_storage_does_not_import_textual() -> None:
    loaded = loaded_after_import("huabei_tui.storage", "huabei_tui.storage.repository", "huabei_tui.io.text_report",
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
