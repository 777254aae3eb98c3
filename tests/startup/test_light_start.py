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
#: ... except the one module of the rules the tab bar needs: ``domain.textsafe`` makes the user's names one inert
#: line (an escape sequence goes whole, parameters and all). It imports only ``re`` (which Textual has loaded
#: by then) and ``domain/__init__.py`` is a docstring, so the pair costs the first frame next to nothing; a
#: second copy of its rules in the tab bar used to leave "[31m" of an "ESC[31m" on screen.
ALLOWED_BEFORE_THE_FIRST_FRAME = ("huabei_tui.domain", "huabei_tui.domain.textsafe")


def test_the_quick_starts_first_frame_imports_no_rules_store_or_session() -> None:
    code = ("import sys\nimport huabei_tui.cli.main, huabei_tui.cli.fast_start, huabei_tui.startup.prefetch\n"
            "import huabei_tui.ui.app, huabei_tui.ui.screens.status\n"
            "print(__import__('json').dumps(sorted(sys.modules)))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=True)
    loaded = [m for m in json.loads(done.stdout) if m not in ALLOWED_BEFORE_THE_FIRST_FRAME]
    assert not [m for m in loaded if any(m == h or m.startswith(h + ".") for h in NOT_BEFORE_THE_FIRST_FRAME)]


def test_what_the_first_frame_may_import_of_the_rules_imports_nothing_else() -> None:
    """``domain.textsafe`` (and its package) bring in no other module: nothing of the rules, nothing heavy."""
    code = ("import sys, re, json\nbefore = set(sys.modules)\nimport huabei_tui.domain.textsafe\n"
            "added = sorted(set(sys.modules) - before)\nprint(json.dumps(added))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=True)
    assert json.loads(done.stdout) == ["huabei_tui", *ALLOWED_BEFORE_THE_FIRST_FRAME]
