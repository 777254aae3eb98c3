"""A child process on a pseudo-terminal of a chosen size, read and typed into by the test (bounded waits)."""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import pty
import select
import signal
import struct
import sys
import termios
import time
from collections.abc import Callable
from pathlib import Path

CHILD = Path(__file__).with_name("pty_child.py")
#: Generous: this machine may be busy; every wait ends as soon as its condition holds.
TIMEOUT = 60.0


class PtyChild:
    """``pty_child.py`` running ``huabei ARGS`` with ``env`` on an ``columns``×``lines`` terminal."""

    def __init__(self, args: list[str], env: dict[str, str], folder: Path, size: tuple[int, int] = (80, 24)) -> None:
        self.report = folder / f"report-{time.monotonic_ns()}.json"
        self.gate = Path(env["PTY_GATE"]) if "PTY_GATE" in env else None
        self.output = bytearray()
        self.code: int | None = None
        pid, fd = pty.fork()
        if pid == 0:  # the child: size the terminal, then become a fresh interpreter
            try:
                fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack("HHHH", size[1], size[0], 0, 0))
                os.execve(sys.executable, [sys.executable, str(CHILD), str(self.report), *args], env)
            finally:
                os._exit(127)
        self.pid, self.fd = pid, fd

    # -- reading and typing ---------------------------------------------------------------------------------
    def pump(self, timeout: float) -> bool:
        """Read what is there (waiting at most ``timeout``); False once the terminal is closed."""
        ready, _, _ = select.select([self.fd], [], [], timeout)
        if not ready:
            return True
        try:
            chunk = os.read(self.fd, 65536)
        except OSError:
            return False
        self.output.extend(chunk)
        return bool(chunk)

    def wait_for(self, condition: Callable[[], bool], what: str, timeout: float = TIMEOUT) -> None:
        deadline = time.monotonic() + timeout
        while not condition():
            if time.monotonic() > deadline:
                raise AssertionError(f"timed out waiting for {what}; the terminal got:\n{self.text()[-2000:]}")
            if not self.pump(0.05) and not condition():
                raise AssertionError(f"the terminal closed before {what}; it got:\n{self.text()[-2000:]}")

    def wait_for_bytes(self, data: bytes, timeout: float = TIMEOUT) -> None:
        self.wait_for(lambda: data in self.output, repr(data[:40]), timeout)

    def at_gate(self) -> bool:
        assert self.gate is not None
        return self.gate.with_name(self.gate.name + ".reached").exists()

    def wait_at_gate(self) -> None:
        """Until the child is about to import Textual (everything before it has been written)."""
        self.wait_for(self.at_gate, "the child to reach the Textual import")
        self.pump(0)

    def open_gate(self) -> None:
        assert self.gate is not None
        self.gate.touch()

    def type(self, keys: bytes) -> None:
        os.write(self.fd, keys)

    def mode(self) -> list:
        """The terminal's mode as the child set it (on Linux the master answers for the terminal)."""
        return termios.tcgetattr(self.fd)

    # -- the end --------------------------------------------------------------------------------------------
    def wait_exit(self, timeout: float = TIMEOUT) -> int:
        deadline = time.monotonic() + timeout
        while self.code is None:
            pid, status = os.waitpid(self.pid, os.WNOHANG)
            if pid:
                self.code = os.waitstatus_to_exitcode(status)
                break
            if time.monotonic() > deadline:
                self.kill()
                raise AssertionError(f"the child did not exit; the terminal got:\n{self.text()[-2000:]}")
            self.pump(0.05)
        while self.pump(0.05):
            pass
        return self.code

    def kill(self) -> None:
        if self.code is None:
            with contextlib.suppress(ProcessLookupError):
                os.kill(self.pid, signal.SIGKILL)
            _, status = os.waitpid(self.pid, 0)
            self.code = os.waitstatus_to_exitcode(status)

    def close(self) -> None:
        self.kill()
        with contextlib.suppress(OSError):
            os.close(self.fd)

    def result(self) -> dict:
        return json.loads(self.report.read_text())

    def text(self) -> str:
        return bytes(self.output).decode("utf-8", "replace")
