"""A stand-in for a Textual app run by textual-serve: it speaks textual-serve's pipe protocol and echoes.

Starting the real app costs a second or two of CPU per socket; the gate's tests need many sockets and only care
that one reached an app. This script starts in a few milliseconds, says ``fake app ready``, answers every
keystroke packet with ``echo:<keys>``, and exits when told to quit (as textual-serve tells an app to). It leaves
its process id in ``$FAKE_APP_PIDS`` so a test can tell when every app it caused has ended.
"""

import json
import os
import sys
from pathlib import Path

out = sys.stdout.buffer
source = sys.stdin.buffer


def packet(kind: bytes, payload: bytes) -> None:
    out.write(kind + len(payload).to_bytes(4, "big") + payload)
    out.flush()


if os.environ.get("FAKE_APP_PIDS"):  # the test waits for every app it started to be gone
    (Path(os.environ["FAKE_APP_PIDS"]) / str(os.getpid())).touch()
out.write(b"__GANGLION__\n")  # textual-serve waits for this line before it reads packets
packet(b"D", b"fake app ready")
while True:
    head = source.read(5)
    if len(head) < 5:
        break
    body = source.read(int.from_bytes(head[1:], "big"))
    if head[:1] == b"D":
        packet(b"D", b"echo:" + body)
    elif head[:1] == b"M" and json.loads(body).get("type") == "quit":
        break
