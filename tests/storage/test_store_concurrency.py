"""Several terminals writing at once lose no update; a held lock gives a clear error instead of a hang."""

from __future__ import annotations

import itertools
import time
from pathlib import Path

import pytest
from store_testing import Spawn, counter_and_log, wait_for_line

from huabei_tui.storage.errors import StoreBusy
from huabei_tui.storage.store import Store

INCREMENTS = 100


@pytest.mark.parametrize("writers", [2, 4])
def test_concurrent_read_modify_write_is_exact(db_path: Path, spawn: Spawn, writers: int) -> None:
    # TinyDB's JSONStorage ended at 857 of 1000 in this test; with the lock every increment counts.
    children = [spawn("count", db_path, INCREMENTS, "--wait-go", "--pause", 0.002) for _ in range(writers)]
    for child in children:
        wait_for_line(child, "ready")
    for child in children:  # start together so the writers really contend for the lock
        assert child.stdin is not None
        child.stdin.write("go\n")
        child.stdin.flush()
    for child in children:
        out, err = child.communicate(timeout=120)
        assert child.returncode == 0, err
        assert len(out.split()) == INCREMENTS

    tables = Store(db_path).read()
    assert counter_and_log(tables) == (writers * INCREMENTS, writers * INCREMENTS)
    sequence = [doc["n"] for doc in tables["log"].values()]
    assert sequence == list(range(1, writers * INCREMENTS + 1)), "each increment saw the one before it"
    pids = [doc["pid"] for doc in tables["log"].values()]
    assert len(set(pids)) == writers
    switches = sum(a != b for a, b in itertools.pairwise(pids))
    assert switches >= writers, "the writers took turns, so they really ran at the same time"


def test_second_store_on_the_same_file_in_one_process_waits_for_the_lock(db_path: Path) -> None:
    first, second = Store(db_path), Store(db_path, lock_timeout=0.2)
    with first.transaction() as db:
        db.table("t").insert({"a": 1})
        with pytest.raises(StoreBusy), second.transaction():
            pass
    assert first.read() == {"t": {"1": {"a": 1}}}


def test_lock_held_elsewhere_raises_busy_promptly(db_path: Path, spawn: Spawn) -> None:
    store = Store(db_path, lock_timeout=0.5)
    with store.transaction() as db:
        db.table("t").insert({"a": 1})
    before = db_path.read_bytes()

    holder = spawn("hold", db_path)
    wait_for_line(holder, "held")
    ran = False
    started = time.monotonic()
    with pytest.raises(StoreBusy) as caught, store.transaction() as db:
        ran = True
    waited = time.monotonic() - started
    assert not ran
    assert waited >= 0.4  # it waited its lock_timeout before giving up (how much longer depends on the machine)
    assert str(db_path) in str(caught.value)
    assert "another huabei process" in str(caught.value)
    assert "另一个 huabei 进程" in caught.value.message("zh")
    assert caught.value.params["seconds"] == 0.5
    # Reading needs no lock, and the file is untouched.
    assert store.read() == {"t": {"1": {"a": 1}}}
    assert db_path.read_bytes() == before

    assert holder.stdin is not None
    holder.stdin.write("\n")
    holder.stdin.flush()
    holder.communicate(timeout=30)
    with store.transaction() as db:
        db.table("t").insert({"a": 2})
    assert len(store.read()["t"]) == 2
