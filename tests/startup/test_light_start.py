"""The start-up frame is only quick if nothing heavy is loaded before it: ``huabei_tui.cli.main`` and the
``startup`` package import no parser, no rules, no storage, no Textual, and none of the standard modules that
cost milliseconds each on a slow machine (checked in a fresh interpreter)."""

from __future__ import annotations

import json
import subprocess
import sys

HEAVY = ("textual", "rich", "tinydb", "platformdirs", "argparse", "dataclasses", "typing", "hashlib", "json",
         "shutil", "threading", "zoneinfo", "huabei_tui.clock", "huabei_tui.domain", "huabei_tui.i18n",
         "huabei_tui.storage", "huabei_tui.cli.parser", "huabei_tui.cli.commands", "huabei_tui.ui")


def test_the_entry_point_and_the_startup_package_import_nothing_heavy() -> None:
    code = ("import sys\nbefore = set(sys.modules)\nimport huabei_tui.cli.main, huabei_tui.startup.early_frame\n"
            "import huabei_tui.cli.fast_start, huabei_tui.startup.view_cache, huabei_tui.startup.prefetch\n"
            "loaded = sorted(set(sys.modules) - before)\nprint(__import__('json').dumps(loaded))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=True)
    loaded = json.loads(done.stdout)
    assert not [m for m in loaded if any(m == h or m.startswith(h + ".") for h in HEAVY)], loaded


#: What the app's first frame must not wait for on a quick start (``cli/fast_start.py``): a child process reads
#: the data while the app imports Textual and draws the child's plain content, so the rules, the store, the
#: session, the parser and the other screens are imported only after that frame.
NOT_BEFORE_THE_FIRST_FRAME = ("tinydb", "filelock", "argparse", "huabei_tui.domain", "huabei_tui.session",
                              "huabei_tui.storage.store", "huabei_tui.storage.repository", "huabei_tui.cli.parser",
                              "huabei_tui.cli.handlers", "huabei_tui.views.status", "huabei_tui.views.lines",
                              "huabei_tui.ui.screens.calendar", "huabei_tui.ui.screens.checklist",
                              "huabei_tui.ui.screens.recovery", "huabei_tui.ui.dialogs")


def test_the_quick_starts_first_frame_imports_no_rules_store_or_session() -> None:
    code = ("import sys\nimport huabei_tui.cli.main, huabei_tui.cli.fast_start, huabei_tui.startup.prefetch\n"
            "import huabei_tui.ui.app, huabei_tui.ui.screens.status\n"
            "print(__import__('json').dumps(sorted(sys.modules)))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=True)
    loaded = json.loads(done.stdout)
    assert not [m for m in loaded if any(m == h or m.startswith(h + ".") for h in NOT_BEFORE_THE_FIRST_FRAME)]
