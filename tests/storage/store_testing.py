"""Helpers shared by the storage tests (imported by name: pytest puts this folder on ``sys.path``)."""

from __future__ import annotations

import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

CHILD = Path(__file__).with_name("store_child.py")

# spawn fixture: start store_child.py with these arguments.
Spawn = Callable[..., subprocess.Popen[str]]


def wait_for_line(process: subprocess.Popen[str], expected: str) -> None:
    """Block until the child prints ``expected`` (it is ready); fail with its stderr if it says otherwise."""
    assert process.stdout is not None
    line = process.stdout.readline().strip()
    if line != expected:
        process.kill()
        _, err = process.communicate(timeout=30)
        pytest.fail(f"child said {line!r} instead of {expected!r}; stderr:\n{err}")


def output_after_kill(process: subprocess.Popen[str], timeout: float = 30) -> str:
    """What a killed child printed that the parent has not read yet, read through the same text wrapper as the
    ``readline`` calls before it. ``communicate`` reads the pipe's descriptor directly and misses what that
    wrapper had already buffered: lines the child printed together with the first one were lost, the test counted
    fewer acknowledged saves than were made and failed now and then on a loaded machine."""
    assert process.stdout is not None and process.stderr is not None
    process.wait(timeout=timeout)
    out = process.stdout.read()
    process.stderr.read()
    return out


def temp_leftovers(path: Path) -> list[Path]:
    """Temp files of ``path``'s saves, in its folder and its backups folder."""
    found = list(path.parent.glob(f".{path.name}.tmp-*"))
    backups = path.with_name(path.name + ".backups")
    if backups.is_dir():
        found += list(backups.glob(f".{path.name}.tmp-*"))
    return found


def counter_and_log(tables: dict) -> tuple[int, int]:
    """The child's counter value and the number of log records; they must always be equal."""
    counter = tables.get("counter", {}).get("1", {}).get("n", 0)
    return counter, len(tables.get("log", {}))
