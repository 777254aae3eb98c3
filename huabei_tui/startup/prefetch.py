"""Work done in a forked child while this process imports Textual: the first screen's data (issue 15, goal 2).

Importing Textual takes most of the app's start, and it only loads code: reading and summarising the data file
does not depend on it. ``fork(work)`` starts a child process that runs ``work()`` (reading the file, building
the first screen's content) while the parent goes on importing, and sends the result back over a pipe;
``Child.result`` collects it when the first screen needs it.

What keeps this safe:

* **Nothing but a value comes back.** The result is plain data (``marshal``: strings, numbers, lists, dicts);
  the parent shows it only if the child finished its work, and a child that failed, died or took longer than
  the timeout gives ``None``, so the caller does the work itself (the usual start, which reports errors).
* **The child only reads.** It runs the same read-only code the parent would (no lock is taken for a read,
  ``storage/store.py``), with stdin, stdout and stderr on ``/dev/null``, so it never reads a key meant for the
  app or writes to the terminal, and it leaves with ``os._exit`` (no ``atexit`` handler, no flushed buffer, no
  terminal restored by it).
* **Only a single-threaded process forks** (a fork copies one thread only, and a lock another thread held would
  stay held in the child); and only where ``os.fork`` exists.

Like the rest of this package, nothing here imports Textual or the storage layer.
"""

from __future__ import annotations

import contextlib
import marshal
import os
import select
import signal
import sys
import time

#: ``typing`` costs milliseconds before the first frame; annotations here are never evaluated.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable

#: Bytes of the header giving the payload's length.
HEADER = 8
#: Switch the child off (``HUABEI_NO_PREFETCH=1``): the app then reads the data itself before its first frame.
ENV_OFF = "HUABEI_NO_PREFETCH"


def single_threaded() -> bool:
    """No other Python thread is running (``threading`` not even imported: then there is none)."""
    threading = sys.modules.get("threading")
    return threading is None or threading.active_count() == 1


def switched_off(environ: dict[str, str] | None = None) -> bool:
    """``HUABEI_NO_PREFETCH`` is set (to anything but ``0``): no quick start, no cached content."""
    env = os.environ if environ is None else environ
    return env.get(ENV_OFF, "").strip() not in ("", "0")


def available(environ: dict[str, str] | None = None) -> bool:
    return hasattr(os, "fork") and not switched_off(environ) and single_threaded()


class Child:
    """A forked child computing a value; ``result`` waits for it, ``close`` ends and reaps the child."""

    def __init__(self, pid: int, fd: int) -> None:
        self.pid = pid
        self.fd = fd
        self.reaped = False

    def result(self, timeout: float) -> object | None:
        """The child's value, or ``None`` when it failed, died or did not answer within ``timeout`` seconds
        (then it is killed). Called once."""
        deadline = time.monotonic() + timeout
        data = bytearray()
        wanted = HEADER
        try:
            while len(data) < wanted:
                left = deadline - time.monotonic()
                if left <= 0 or not select.select([self.fd], [], [], left)[0]:
                    self.close(kill=True)
                    return None
                chunk = os.read(self.fd, max(65536, wanted - len(data)))
                if not chunk:  # the child ended without sending all of it: it failed
                    self.close()
                    return None
                data += chunk
                if wanted == HEADER and len(data) >= HEADER:
                    wanted = HEADER + int.from_bytes(data[:HEADER], "big")
            value = marshal.loads(bytes(data[HEADER:wanted]))
        except (OSError, ValueError, EOFError, TypeError):
            self.close(kill=True)
            return None
        self._close_fd()
        self.reap(block=False)
        return value

    def _close_fd(self) -> None:
        if self.fd >= 0:
            with contextlib.suppress(OSError):
                os.close(self.fd)
            self.fd = -1

    def reap(self, *, block: bool = True) -> None:
        """Collect the child's exit status (it exits right after sending), so that no zombie is left."""
        if self.reaped:
            return
        try:
            pid, _status = os.waitpid(self.pid, 0 if block else os.WNOHANG)
        except ChildProcessError:
            pid = self.pid
        except OSError:
            return
        self.reaped = pid == self.pid

    def close(self, *, kill: bool = False) -> None:
        """Stop listening; with ``kill``, end a child that is still at work. Then reap it."""
        self._close_fd()
        if kill and not self.reaped:
            with contextlib.suppress(OSError):
                os.kill(self.pid, signal.SIGKILL)
        self.reap()


def fork(work: Callable[[], object]) -> Child | None:
    """Run ``work()`` in a forked child; ``None`` (do it yourself) where forking is not possible or not safe."""
    if not available():
        return None
    try:
        read_fd, write_fd = os.pipe()
    except OSError:
        return None
    try:
        pid = os.fork()
    except OSError:
        os.close(read_fd)
        os.close(write_fd)
        return None
    if pid == 0:  # the child: never returns
        _child(work, read_fd, write_fd)
    os.close(write_fd)
    return Child(pid, read_fd)


def _child(work: Callable[[], object], read_fd: int, write_fd: int) -> None:
    code = 1
    try:
        os.close(read_fd)
        _off_the_terminal()
        import gc

        gc.disable()  # a short-lived process: collections would only slow it down
        payload = marshal.dumps(work())
        _write_all(write_fd, len(payload).to_bytes(HEADER, "big") + payload)
        code = 0
    except BaseException:
        pass
    finally:
        os._exit(code)


def _off_the_terminal() -> None:
    """stdin, stdout and stderr on /dev/null: keys stay for the app, and nothing is written over its screen."""
    null = os.open(os.devnull, os.O_RDWR)
    for fd in (0, 1, 2):
        os.dup2(null, fd)
    if null > 2:
        os.close(null)


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        written = os.write(fd, view)
        view = view[written:]
