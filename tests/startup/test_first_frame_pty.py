"""The start-up frame on a real (pseudo-)terminal, end to end: ``huabei`` in a fresh interpreter on a pty.

A frame is planted in the cache under the key the child will compute (or saved by a real first run), then the
child is held just before it imports Textual (``pty_child.py``'s gate): what the terminal holds at that moment was
written before Textual was imported. Every wait is on a condition, bounded.
"""

from __future__ import annotations

import os
import shutil
import termios
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from huabei_tui.domain.demo import demo_ledger
from huabei_tui.startup import frame_cache
from huabei_tui.startup.early_frame import ENTERED, LEAVE
from huabei_tui.startup.frame_key import frame_inputs
from huabei_tui.storage.repository import Repository
from huabei_tui.storage.store import Store
from support.huabei_cli import subprocess_env

from .terminal import PtyChild

pytestmark = pytest.mark.skipif(os.name != "posix", reason="pseudo-terminals are POSIX")

TODAY = "2026-12-06"
FRAME = b"\x1b[1;1H\x1b[1;97;100m CACHED FRAME 1 \x1b[0m\x1b[24;1H\x1b[7m q Quit \x1b[0m"
ALT_SCREEN = b"\x1b[?1049h"


class Setup:
    """A data file, a cache folder and the environment of the children, all under ``tmp_path``."""

    def __init__(self, tmp_path: Path) -> None:
        self.folder = tmp_path
        self.db = tmp_path / "huabei.json"
        Repository(Store(self.db)).replace_ledger(demo_ledger(date.fromisoformat(TODAY)), only_if_empty=False)
        self.cache = tmp_path / "frames"
        env = {k: v for k, v in subprocess_env(tmp_path).items()
               if not k.startswith(("TEXTUAL", "HUABEI_", "COLUMNS", "LINES", "NO_COLOR", "FORCE_COLOR"))}
        env.update({"TERM": "xterm-256color", "HUABEI_CACHE_DIR": str(self.cache), "LANG": "C.UTF-8"})
        self.env = env
        self.args = ["--db", str(self.db), "--today", TODAY, "--lang", "en"]
        self.children: list[PtyChild] = []

    def key(self, env: dict[str, str] | None = None, size: tuple[int, int] = (80, 24)) -> tuple[str, str]:
        inputs = frame_inputs(data_file=self.db, demo=False, today=date.fromisoformat(TODAY), lang_option="en",
                              environ=env or self.env, size=size)
        assert inputs is not None
        return inputs.name(), inputs.text()

    def plant(self, frame: bytes = FRAME) -> Path:
        """Save ``frame`` under the key of ``huabei ARGS`` started in this environment at 80×24."""
        name, key = self.key()
        return frame_cache.save(self.cache, name, key, frame, data_file=self.db)

    def start(self, *extra: str, args: list[str] | None = None, gate: bool = True, size: tuple[int, int] = (80, 24),
              **env: str) -> PtyChild:
        environ = dict(self.env)
        if gate:
            environ["PTY_GATE"] = str(self.folder / f"gate-{len(self.children)}")
        environ.update(env)
        child = PtyChild([*(self.args if args is None else args), *extra], environ, self.folder, size)
        self.children.append(child)
        return child


@pytest.fixture
def setup(tmp_path: Path) -> Iterator[Setup]:
    made = Setup(tmp_path)
    yield made
    for child in made.children:
        child.close()


def test_the_frame_is_on_screen_before_textual_is_imported_and_a_key_typed_then_reaches_the_app(
        setup: Setup) -> None:
    setup.plant()
    child = setup.start()
    child.wait_at_gate()  # the child is about to import Textual
    assert FRAME in child.output
    assert child.output.count(ALT_SCREEN) == 1
    mode = child.mode()
    assert not mode[3] & (termios.ECHO | termios.ICANON)  # typed keys are neither echoed nor line-edited
    child.type(b"q")  # typed while Textual is not even imported: the app must still get it and quit
    child.open_gate()
    assert child.wait_exit() == 0
    assert child.result() == {"code": 0, "restored": True}
    out = bytes(child.output)
    after_frame = out[out.index(FRAME) + len(FRAME):]
    # Textual's own switch to the alternate screen was dropped (xterm would clear the frame); nothing cleared it.
    assert out.count(ALT_SCREEN) == 1
    assert b"\x1b[2J" not in after_frame and b"\x1b[J" not in after_frame
    assert after_frame.startswith(ENTERED)
    assert b"\x1b[?1049l" in after_frame  # Textual left the alternate screen on exit
    assert b"q" not in after_frame[len(ENTERED):after_frame.index(b"\x1b[", len(ENTERED))]  # not echoed


def test_a_real_first_frame_is_saved_and_shown_at_the_next_start(setup: Setup) -> None:
    first = setup.start(gate=False)
    first.wait_for(lambda: any(setup.cache.glob("*.frame")), "the first frame to be saved")
    first.type(b"q")
    assert first.wait_exit() == 0
    name, key = setup.key()
    saved = frame_cache.load(setup.cache, name, key)
    assert saved is not None
    # What the terminal received (the terminal turns each "\n" into "\r\n" on the way, for this frame alike).
    whole_screen = saved[saved.rindex(b"\x1b[1;1H"):].replace(b"\n", b"\r\n")
    assert whole_screen in bytes(first.output)
    assert b"Account status" in saved
    assert frame_cache.frame_path(setup.cache, name).stat().st_mode & 0o777 == 0o600

    second = setup.start()
    second.wait_at_gate()
    assert whole_screen in bytes(second.output)
    second.open_gate()
    second.wait_for_bytes(b"\x1b[?2004h")  # Textual is live (bracketed paste on)
    second.type(b"q")
    assert second.wait_exit() == 0
    assert second.result()["restored"]


@pytest.mark.parametrize("fail, message", [("textual", "ModuleNotFoundError"), ("store", "cannot be read")])
def test_an_error_after_the_frame_is_printed_on_the_normal_screen_of_a_restored_terminal(
        setup: Setup, fail: str, message: str) -> None:
    setup.plant()
    child = setup.start(gate=False, PTY_FAIL=fail)
    assert child.wait_exit() == 1
    assert child.result() == {"code": 1, "restored": True}
    out = child.text()
    frame_at, leave_at = out.index(FRAME.decode()), out.index(LEAVE.decode())
    assert frame_at < leave_at < out.index(message)
    assert "Traceback" not in out


def test_a_damaged_data_file_shows_no_frame_and_says_what_is_wrong(setup: Setup) -> None:
    setup.plant()
    setup.db.write_text('{"account": {"1": ', encoding="utf-8")  # cut off mid-write
    child = setup.start()
    child.wait_at_gate()
    assert FRAME not in child.output and ALT_SCREEN not in child.output
    child.open_gate()
    assert child.wait_exit() == 1
    assert "cannot be read" in child.text()
    assert child.result()["restored"]


def _save_again(setup: Setup) -> None:
    copy = setup.db.with_name("copy.json")
    shutil.copy2(setup.db, copy)
    os.replace(copy, setup.db)  # the same content, saved again: another file


CHANGES = {
    "data saved": ((), {}, (80, 24), _save_again),
    "another day": (("--today", "2026-12-07"), {}, (80, 24), None),
    "another size": ((), {}, (100, 30), None),
    "lang option": (("--lang", "zh"), {}, (80, 24), None),
    "LANG": ((), {"LANG": "zh_CN.UTF-8"}, (80, 24), None),
    "TERM": ((), {"TERM": "xterm"}, (80, 24), None),
    "NO_COLOR": ((), {"NO_COLOR": "1"}, (80, 24), None),
    "COLORTERM": ((), {"COLORTERM": "truecolor"}, (80, 24), None),
    "theme": ((), {"TEXTUAL_THEME": "textual-light"}, (80, 24), None),
    "demo": (("--demo",), {}, (80, 24), None),
    "--no-snapshot": (("--no-snapshot",), {}, (80, 24), None),
    "HUABEI_NO_SNAPSHOT": ((), {"HUABEI_NO_SNAPSHOT": "1"}, (80, 24), None),
    "damaged cache file": ((), {}, (80, 24), lambda s: _damage_cache(s)),
    "cache file others can write": ((), {}, (80, 24), lambda s: _share_cache(s)),
}


def _damage_cache(setup: Setup) -> None:
    path = next(setup.cache.glob("*.frame"))
    path.write_bytes(path.read_bytes()[:-5])


def _share_cache(setup: Setup) -> None:
    next(setup.cache.glob("*.frame")).chmod(0o666)


@pytest.mark.parametrize("change", sorted(CHANGES))
def test_any_change_of_a_key_element_shows_no_frame(setup: Setup, change: str) -> None:
    extra, env, size, act = CHANGES[change]
    setup.plant()
    if act is not None:
        act(setup)
    child = setup.start(*extra, size=size, **env)
    child.wait_at_gate()
    assert FRAME not in child.output
    assert ALT_SCREEN not in child.output


def test_the_unchanged_start_does_show_it(setup: Setup) -> None:
    """The control for the test above: the same start with nothing changed."""
    setup.plant()
    child = setup.start()
    child.wait_at_gate()
    assert FRAME in child.output


def test_stdout_that_is_not_a_terminal_gets_no_frame(setup: Setup) -> None:
    setup.plant()
    child = setup.start(PTY_STDOUT=str(setup.folder / "stdout.txt"))
    child.wait_at_gate()
    assert FRAME not in child.output and ALT_SCREEN not in child.output
    assert (setup.folder / "stdout.txt").read_bytes() == b""


def test_a_command_never_shows_the_frame(setup: Setup) -> None:
    setup.plant()
    child = setup.start("status", gate=False)
    assert child.wait_exit() == 0
    assert FRAME not in child.output and ALT_SCREEN not in child.output
    assert "Next bill" in child.text()


def test_doctor_on_the_terminal_says_whether_a_frame_is_ready(setup: Setup) -> None:
    child = setup.start("doctor", gate=False)
    assert child.wait_exit() == 0
    assert "no snapshot yet" in child.text()
    setup.plant()
    child = setup.start("doctor", gate=False)
    assert child.wait_exit() == 0
    assert "a snapshot is ready and shows at once" in child.text()
    assert FRAME not in child.output


def test_without_the_frame_a_key_typed_before_textual_is_imported_reaches_the_app(setup: Setup) -> None:
    """``--no-snapshot``: the data is read by a child process while Textual is imported (``cli/fast_start.py``)
    and the session is loaded after the first frame; a key typed before all that is handled (the order of several
    is checked with Pilot, ``test_quick_start_app.py``)."""
    child = setup.start("--no-snapshot")
    child.wait_at_gate()  # about to import Textual (the child reading the data is not gated: it never imports it)
    child.type(b"3")  # the checklist screen
    child.open_gate()
    child.wait_for(lambda: "Authorization checklist" in child.text(), "the checklist screen")
    child.type(b"\x11")  # Ctrl+Q
    assert child.wait_exit() == 0
    assert child.result() == {"code": 0, "restored": True}


@pytest.mark.parametrize("where", ["the data file", "its backups folder", "a symlink to its parts folder"])
def test_a_cache_folder_at_the_data_file_or_beside_it_gets_nothing_and_the_app_still_starts(
        setup: Setup, where: str) -> None:
    """``HUABEI_CACHE_DIR`` pointed at the data file or what keeps it safe: both caches (the frame and the status
    screen's content) refuse to save there, the app starts and quits as usual, and nothing there changes."""
    backups, parts = setup.db.with_name("huabei.json.backups"), setup.db.with_name("huabei.json.parts")
    backups.mkdir(exist_ok=True)
    parts.mkdir(exist_ok=True)
    (parts / "p1.json").write_text("[]")
    folder = {"the data file": setup.db, "its backups folder": backups,
              "a symlink to its parts folder": setup.folder / "cache-link"}[where]
    if where.startswith("a symlink"):
        folder.symlink_to(parts)
    before = {p: (p.read_bytes() if p.is_file() else None) for p in setup.folder.rglob("huabei.json*")}
    saves = setup.folder / "saves.log"
    child = setup.start(gate=False, HUABEI_CACHE_DIR=str(folder), PTY_SAVES=str(saves))
    child.wait_for(lambda: saves.exists() and {".frame refused", ".view refused"} <= set(saves.read_text().split("\n")),
                   "both caches to try to save")
    assert b"Account status" in child.output
    child.type(b"q")
    assert child.wait_exit() == 0
    assert child.result() == {"code": 0, "restored": True}
    assert "saved" not in saves.read_text()
    assert {p: (p.read_bytes() if p.is_file() else None) for p in setup.folder.rglob("huabei.json*")} == before
