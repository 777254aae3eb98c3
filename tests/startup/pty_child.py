"""``huabei`` in a pseudo-terminal, for ``test_first_frame_pty.py`` (run as a script in a fresh interpreter).

    python pty_child.py REPORT [HUABEI ARGS...]

Environment:

* ``PTY_GATE=PATH``: when Textual is about to be imported, touch ``PATH.reached`` and wait (at most 60 s) until
  ``PATH`` exists. The test looks at the terminal while the child waits there: whatever is on it was written
  before Textual was imported.
* ``PTY_FAIL=textual``: importing Textual fails (an error after the cached frame, before Textual starts);
  ``PTY_FAIL=store``: reading the data file fails with the store's "damaged file" error.
* ``PTY_STDOUT=PATH``: stdout goes to this file instead of the terminal.
* ``PTY_SAVES=PATH``: every save of a cache file (a frame, the status screen's content) appends one line to
  ``PATH``: its suffix, then ``saved`` or ``refused`` (the test waits for them rather than for time to pass).

At exit the child writes to REPORT one line of JSON: the exit status and whether the terminal's mode (termios) is
exactly what it was before ``huabei`` started.
"""

from __future__ import annotations

import builtins
import json
import os
import sys
import termios
import time
from pathlib import Path
from typing import Any

REPORT = Path(sys.argv[1])
GATE = os.environ.get("PTY_GATE")
FAIL = os.environ.get("PTY_FAIL", "")


_import = builtins.__import__


def gated_import(name: str, *args: Any, **kwargs: Any) -> Any:
    """``import``, except that the first import of Textual waits at the gate (or fails). Looking Textual up
    without importing it (``importlib.util.find_spec``, as the frame key does) is not held."""
    if name.split(".")[0] == "textual" and "textual" not in sys.modules:
        if FAIL == "textual":
            raise ModuleNotFoundError("No module named 'textual' (pty_child)")
        if GATE and not Path(GATE).exists():
            Path(GATE + ".reached").touch()
            deadline = time.monotonic() + 60
            while not Path(GATE).exists() and time.monotonic() < deadline:
                time.sleep(0.005)
    return _import(name, *args, **kwargs)


def log_saves(log: Path) -> None:
    """Note each ``frame_cache.save`` and how it ended (both caches call it through the module)."""
    from huabei_tui.startup import frame_cache

    save = frame_cache.save

    def logged(*args: Any, **kwargs: Any) -> Path:
        suffix = kwargs.get("suffix", frame_cache.SUFFIX)
        try:
            path = save(*args, **kwargs)
        except OSError:
            with log.open("a") as out:
                out.write(f"{suffix} refused\n")
            raise
        with log.open("a") as out:
            out.write(f"{suffix} saved\n")
        return path

    frame_cache.save = logged


def main() -> int:
    if os.environ.get("PTY_STDOUT"):
        out = os.open(os.environ["PTY_STDOUT"], os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        os.dup2(out, 1)
        os.close(out)
    if os.environ.get("PTY_SAVES"):
        log_saves(Path(os.environ["PTY_SAVES"]))
    builtins.__import__ = gated_import
    before = termios.tcgetattr(0)
    if FAIL == "store":
        from huabei_tui.storage.errors import StoreCorrupt
        from huabei_tui.storage.repository import Repository

        def damaged(self: Repository) -> None:
            raise StoreCorrupt(self.path, "not_json", None)

        Repository.load = damaged  # type: ignore[method-assign, assignment]
    from huabei_tui.cli.main import main as huabei

    code = huabei(sys.argv[2:])
    REPORT.write_text(json.dumps({"code": code, "restored": termios.tcgetattr(0) == before}))
    return code


if __name__ == "__main__":
    sys.exit(main())
