"""A real ``huabei serve`` in a child process on a free loopback port, for the end-to-end and browser tests.

The test waits for the line with the address (printed once the port is open), not for a fixed time, and always
stops the server with SIGTERM (as Ctrl+C or a service manager would) and checks how it ended.
"""

from __future__ import annotations

import queue
import re
import signal
import socket
import subprocess
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from support.huabei_cli import subprocess_env

#: How long a server may take to print its address on a busy two-core machine.
START_SECONDS = 30
URL = re.compile(r"http://(?P<host>[^\s/]+)/\?token=(?P<token>[A-Za-z0-9_-]+)")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@dataclass
class RunningServer:
    """A running ``huabei serve``: its printed address, and everything it wrote so far."""

    process: subprocess.Popen[str]
    port: int
    url: str = ""
    token: str = ""
    out: list[str] = field(default_factory=list)
    err: list[str] = field(default_factory=list)

    @property
    def origin(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def stderr(self) -> str:
        return "".join(self.err)

    def stop(self) -> int:
        """SIGTERM, then the exit status (the server must end within seconds)."""
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
        try:
            return self.process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
            raise


def _pump(stream, into: list[str], lines: queue.Queue[str | None] | None) -> None:
    for line in stream:
        into.append(line)
        if lines is not None:
            lines.put(line)
    if lines is not None:
        lines.put(None)


@contextmanager
def huabei_serve(tmp_path: Path, db: Path, *args: str, lang: str = "en", today: str = "2026-11-29") -> Iterator[RunningServer]:
    """``huabei --db DB --today TODAY --lang LANG serve --port <free> ARGS…``, running until the block ends."""
    port = free_port()
    command = [sys.executable, "-m", "huabei_tui", "--db", str(db), "--today", today, "--lang", lang,
               "serve", "--port", str(port), *args]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, encoding="utf-8",
                               env=subprocess_env(tmp_path), cwd=tmp_path)
    served = RunningServer(process, port)
    lines: queue.Queue[str | None] = queue.Queue()
    readers = [threading.Thread(target=_pump, args=(process.stdout, served.out, lines), daemon=True),
               threading.Thread(target=_pump, args=(process.stderr, served.err, None), daemon=True)]
    for reader in readers:
        reader.start()
    try:
        while not served.url:
            try:
                line = lines.get(timeout=START_SECONDS)
            except queue.Empty:
                raise AssertionError(f"huabei serve printed no address in {START_SECONDS} s") from None
            if line is None:
                raise AssertionError(f"huabei serve ended: {process.wait()} {served.stderr()}")
            if match := URL.search(line):
                served.url, served.token = match[0], match["token"]
        yield served
    finally:
        if process.poll() is None:
            served.stop()
        for reader in readers:
            reader.join(timeout=5)
