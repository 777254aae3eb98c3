"""Scenarios of ``startup.prefetch`` and of ``cli.fast_start``'s fallback, run by ``test_prefetch.py`` in a fresh
interpreter each (a fork from the test process itself would copy pytest's threads, if it has any).

    python prefetch_scenarios.py SCENARIO [ARGS...]   # prints one JSON line with what happened
"""

from __future__ import annotations

import json
import os
import sys
import threading
import time
from pathlib import Path


def value() -> dict:
    from huabei_tui.startup import prefetch

    child = prefetch.fork(lambda: {"a": [1, "二", None, True], "b": 2.5})
    assert child is not None
    return {"value": child.result(30), "reaped": child.reaped or _reaped(child)}


def fails() -> dict:
    from huabei_tui.startup import prefetch

    def work() -> object:
        raise RuntimeError("no")

    child = prefetch.fork(work)
    assert child is not None
    return {"value": child.result(30), "reaped": child.reaped}


def not_plain() -> dict:
    from huabei_tui.startup import prefetch

    child = prefetch.fork(lambda: {"when": object()})  # marshal cannot carry it
    assert child is not None
    return {"value": child.result(30), "reaped": child.reaped}


def hangs() -> dict:
    from huabei_tui.startup import prefetch

    child = prefetch.fork(lambda: time.sleep(600))
    assert child is not None
    result = child.result(0.2)
    alive = True
    try:
        os.kill(child.pid, 0)
    except ProcessLookupError:
        alive = False
    return {"value": result, "reaped": child.reaped, "alive": alive}


def quiet(folder: str) -> dict:
    """The child's stdin, stdout and stderr are /dev/null: it neither writes on the screen nor reads keys."""
    from huabei_tui.startup import prefetch

    def work() -> object:
        os.write(1, b"child stdout\n")
        os.write(2, b"child stderr\n")
        return {"stdin": os.path.realpath("/proc/self/fd/0"), "read": os.read(0, 10).decode()}

    child = prefetch.fork(work)
    assert child is not None
    return {"value": child.result(30)}


def threads() -> dict:
    """No fork while another thread runs (it could hold a lock the child would then wait on forever)."""
    from huabei_tui.startup import prefetch

    stop = threading.Event()
    other = threading.Thread(target=stop.wait)
    other.start()
    try:
        return {"child": prefetch.fork(lambda: 1) is not None}
    finally:
        stop.set()
        other.join()


def switched_off() -> dict:
    from huabei_tui.startup import prefetch

    os.environ[prefetch.ENV_OFF] = "1"
    return {"child": prefetch.fork(lambda: 1) is not None}


def fallback(folder: str, db: str) -> dict:
    """The child's work fails (here: it notes that it ran, then raises): ``fast_start.run`` gives None, so
    ``huabei`` starts the usual way, and the app is not started from a quick start."""
    from huabei_tui.cli import fast_start
    from huabei_tui.ui import app

    marker = Path(folder) / "child-ran"

    def failing_view(args_list: list[str]) -> dict:
        marker.touch()
        raise RuntimeError("the child's work failed")

    started: list[object] = []
    fast_start.first_view = failing_view
    app.run_first = lambda first: started.append(first) or 0
    code = fast_start.run(["--db", db, "--today", "2026-12-06", "--no-snapshot"])
    return {"code": code, "child_ran": marker.exists(), "quick_start": bool(started)}


def slow_child(folder: str, db: str) -> dict:
    """A child that does not answer in time is killed, and the usual start follows."""
    from huabei_tui.cli import fast_start
    from huabei_tui.ui import app

    started: list[object] = []
    fast_start.TIMEOUT = 0.2
    fast_start.first_view = lambda args_list: time.sleep(600)
    app.run_first = lambda first: started.append(first) or 0
    code = fast_start.run(["--db", db, "--today", "2026-12-06", "--no-snapshot"])
    return {"code": code, "quick_start": bool(started)}


def quick(folder: str, db: str) -> dict:
    """The child's content reaches the app when all goes well (the app itself is not run here)."""
    from huabei_tui.cli import fast_start
    from huabei_tui.ui import app

    started: list[dict] = []
    app.run_first = lambda first: started.append(first.view) or 7
    code = fast_start.run(["--db", db, "--today", "2026-12-06", "--no-snapshot", "--lang", "en"])
    view = started[0] if started else {}
    return {"code": code, "today": view.get("today"), "lang": view.get("lang"),
            "title": view.get("status", {}).get("to_pay", {}).get("title")}


def cached(folder: str, db: str) -> dict:
    """``fast_start.run`` with the status screen's content kept between runs (``startup/view_cache.py``): whether
    the child ran, whether the app got cached content (``stale`` is set only then... and after a child, which
    saved it: told apart by the child's marker), and how many entries the cache holds afterwards."""
    from huabei_tui.cli import fast_start
    from huabei_tui.startup import frame_cache, view_cache
    from huabei_tui.ui import app

    marker = Path(folder) / "child-ran"
    marker.unlink(missing_ok=True)
    real_view = fast_start.first_view

    def marked_view(args_list: list[str]) -> dict:
        marker.touch()
        return real_view(args_list)

    started: list[object] = []
    heavy: list[str] = []  # what the app's process had imported when the first frame was to be drawn

    def run_first(first: object) -> int:
        started.append(first)
        heavy.extend(m for m in sys.modules if any(m == h or m.startswith(h + ".") for h in HEAVY))
        return 7

    fast_start.first_view = marked_view
    app.run_first = run_first
    code = fast_start.run(["--db", db, "--today", "2026-12-06", "--no-snapshot", "--lang", "en"])
    view = started[0].view if started else {}
    for thread in __import__("threading").enumerate():  # the save runs in the background
        if thread.name == "huabei-view-cache":
            thread.join(60)
    child_ran = marker.exists()
    return {"code": code, "child_ran": child_ran, "from_cache": bool(started) and not child_ran,
            "views": view_cache.saved_views(frame_cache.cache_dir()),
            "title": view.get("status", {}).get("to_pay", {}).get("title"), "heavy": sorted(heavy)}


#: Not imported by the app's process before its first frame, from cached content or a child's (as
#: ``test_light_start.NOT_BEFORE_THE_FIRST_FRAME``).
HEAVY = ("tinydb", "filelock", "argparse", "huabei_tui.domain", "huabei_tui.session", "huabei_tui.storage.store",
         "huabei_tui.storage.repository", "huabei_tui.cli.parser", "huabei_tui.cli.handlers",
         "huabei_tui.views.status", "huabei_tui.views.lines")


def _reaped(child) -> bool:
    child.reap()
    return child.reaped


SCENARIOS = {f.__name__: f for f in (value, fails, not_plain, hangs, quiet, threads, switched_off, fallback,
                                      slow_child, quick, cached)}

if __name__ == "__main__":
    print(json.dumps(SCENARIOS[sys.argv[1]](*sys.argv[2:]), ensure_ascii=False))
