"""Child process for the storage tests: a second terminal, a writer that gets killed, a lock holder.

Run as ``python store_child.py MODE PATH [options]`` (the tests use ``sys.executable`` and this file's path,
so it works from a clean clone). It prints ``ready`` once set up; a writer then prints each acknowledged count
on its own line, flushed, only after ``transaction()`` has returned: what the parent reads was promised saved.

Modes:
  count PATH N [--pause S] [--wait-go] [--payload BYTES]
        N transactions (0 = until killed), each adding 1 to counter doc 1 and appending a log record.
  hold PATH
        Take the store's lock inside a transaction, print ``held``, wait for a line on stdin.
  crash PATH STAGE
        One increment, SIGKILLing itself at STAGE of the save (mid_write, before_fsync, before_replace,
        after_replace, mid_backup_copy).
  import PATH N [--rows R] [--pause S] [--wait-go]
        N imports (0 = until killed), each writing a part of R rows and adding R to counter doc 1, the
        two-part layout's read-modify-write: the counter must always equal the rows of the parts named.
  crash-import PATH STAGE [--rows R]
        One import, SIGKILLing itself at STAGE: part_mid_rows (while the rows stream into the part),
        part_before_link (the part complete, not yet named), before_main (the part in place, the data file not
        yet written), main_before_replace, main_after_replace.
"""

from __future__ import annotations

import argparse
import errno
import os
import signal
import sys
import time
from pathlib import Path

# Import the working tree's package even when it is not installed in this interpreter.
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from huabei_tui.storage import atomic
from huabei_tui.storage.store import Store


def increment(store: Store, payload: str) -> int:
    """One read-modify-write: the counter and the log must always move together."""
    with store.transaction() as db:
        counter = db.table("counter")
        doc = counter.get(doc_id=1)
        n = (doc["n"] if doc else 0) + 1
        if doc:
            counter.update({"n": n}, doc_ids=[1])
        else:
            counter.insert({"n": n})
        db.table("log").insert({"n": n, "pid": os.getpid(), "pad": payload})
    return n


def import_rows(store: Store, rows: int, on_row=None) -> int:
    """One import: a part of ``rows`` rows and the counter moved by as many, in one transaction."""
    with store.transaction() as db:
        counter = db.table("counter")
        doc = counter.get(doc_id=1)
        before = doc["n"] if doc else 0

        def docs():
            for i in range(rows):
                if on_row is not None:
                    on_row(i)
                yield {"n": before + i + 1, "pid": os.getpid(), "pad": "行" * 20}

        store.add_part("rows", docs())
        n = before + rows
        if doc:
            counter.update({"n": n}, doc_ids=[1])
        else:
            counter.insert({"n": n})
    return n


def install_import_crash(stage: str, rows: int):
    """Make the next import SIGKILL this process at ``stage``; returns the per-row hook for part_mid_rows."""
    real_link, real_replace = os.link, os.replace
    real_write_all = atomic.write_all
    state = {"part_done": False}

    def link(src, dst, *args, **kwargs):
        if "parts" in str(dst) and stage == "part_before_link":
            die()
        real_link(src, dst, *args, **kwargs)
        if "parts" in str(dst):
            state["part_done"] = True

    def write_all(fd: int, data: bytes) -> None:
        if state["part_done"] and stage == "before_main":
            die()
        real_write_all(fd, data)

    def replace(src, dst):
        if stage == "main_before_replace":
            die()
        real_replace(src, dst)
        if stage == "main_after_replace":
            die()

    os.link = link
    os.replace = replace
    atomic.write_all = write_all

    def on_row(i: int) -> None:
        if stage == "part_mid_rows" and i == rows // 2:
            die()

    return on_row


def die() -> None:
    os.kill(os.getpid(), signal.SIGKILL)


def install_crash(stage: str) -> None:
    """Make the next save SIGKILL this process at ``stage``; the process state is then as after a power cut
    minus the page cache, which is what the atomic save has to survive."""
    real_write_all, real_replace, real_fsync = atomic.write_all, os.replace, os.fsync
    calls = {"write_all": 0}

    def write_half_then_die(fd: int, data: bytes) -> None:
        calls["write_all"] += 1
        if stage == "mid_write" or (stage == "mid_backup_copy" and calls["write_all"] == 2):
            real_write_all(fd, data[: len(data) // 2])
            die()
        real_write_all(fd, data)

    def fsync_then_maybe_die(fd: int) -> None:
        if stage == "before_fsync":
            die()
        real_fsync(fd)

    def replace_and_maybe_die(src: str, dst: str) -> None:
        if stage == "before_replace":
            die()
        real_replace(src, dst)
        if stage == "after_replace":
            die()

    def no_links(*_args: object) -> None:
        raise OSError(errno.EPERM, "hard links not supported here")

    atomic.write_all = write_half_then_die
    os.fsync = fsync_then_maybe_die
    os.replace = replace_and_maybe_die
    if stage == "mid_backup_copy":
        os.link = no_links


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("mode", choices=["count", "hold", "crash", "import", "crash-import"])
    parser.add_argument("path", type=Path)
    parser.add_argument("arg", nargs="?", default="0")
    parser.add_argument("--pause", type=float, default=0.0)
    parser.add_argument("--wait-go", action="store_true")
    parser.add_argument("--payload", type=int, default=100)
    parser.add_argument("--keep", type=int, default=3)
    parser.add_argument("--rows", type=int, default=5000)
    options = parser.parse_args()
    store = Store(options.path, lock_timeout=60, keep_backups=options.keep)
    payload = "x" * options.payload

    if options.mode == "hold":
        with store.transaction():
            print("held", flush=True)
            sys.stdin.readline()
        return 0

    if options.mode == "crash":
        install_crash(options.arg)
        print("ready", flush=True)
        increment(store, payload)
        print("survived", flush=True)  # the crash point was never reached: the parent fails the test
        return 1

    if options.mode == "crash-import":
        on_row = install_import_crash(options.arg, options.rows)
        print("ready", flush=True)
        import_rows(store, options.rows, on_row)
        print("survived", flush=True)
        return 1

    print("ready", flush=True)
    if options.wait_go:
        sys.stdin.readline()
    rounds = int(options.arg)
    done = 0
    while rounds == 0 or done < rounds:
        n = import_rows(store, options.rows) if options.mode == "import" else increment(store, payload)
        done += 1
        print(n, flush=True)
        if options.pause:
            time.sleep(options.pause)
    return 0


if __name__ == "__main__":
    sys.exit(main())
