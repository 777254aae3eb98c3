"""An open app and ``huabei`` commands in other terminals, all saving at once: no acknowledged save is lost.

The storage tests already race store-level writers; this is the same promise end to end, as a user would break
it: the TUI adding contact-log entries through its form while one or three shells run ``huabei contact add`` in
a loop. Every entry whose save was acknowledged (the command exited 0, the app's form closed on "saved") must be
in the file exactly once, and the app must show the others' entries without a restart.
"""

from __future__ import annotations

import asyncio
import subprocess
import sys
from pathlib import Path

import pytest

from huabei_tui.domain.demo import demo_ledger
from huabei_tui.storage.store import Store
from huabei_tui.ui.dialogs.contact import ContactDialog
from huabei_tui.ui.screens.recovery import RecoveryScreen
from support.huabei_cli import subprocess_env
from support.tui import TODAY, ledger_app

ENTRIES = 5  # saved by the app; the shells save until it is done (at most 30 each: a whole process per save)

SHELL_LOOP = """
import os, subprocess, sys
db, name, stop, today = sys.argv[1:5]
for i in range(30):
    if i and os.path.exists(stop):  # the app is done: stop after at least one save
        break
    outcome = f"{name}-{i}"
    done = subprocess.run([sys.executable, "-m", "huabei_tui", "--db", db, "--today", today, "--lang", "en",
                           "contact", "add", "--topic", "other", "--outcome", outcome], capture_output=True, text=True)
    if done.returncode == 0:
        print(outcome, flush=True)  # acknowledged
    else:
        print("FAILED", outcome, done.stderr.strip(), file=sys.stderr, flush=True)
"""


@pytest.mark.parametrize("writers", [2, 4])
def test_app_and_commands_saving_at_once_lose_nothing(tmp_path: Path, writers: int) -> None:
    db = tmp_path / "huabei.json"
    app = ledger_app(db, demo_ledger(TODAY), "en", TODAY)
    before = {entry.outcome for entry in app.repo.load().contacts}
    stop = tmp_path / "app-done"  # the shells keep saving until the app has saved all its entries
    shells = [
        subprocess.Popen([sys.executable, "-c", SHELL_LOOP, str(db), f"shell{n}", str(stop), TODAY.isoformat()],
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=subprocess_env(tmp_path))
        for n in range(writers - 1)
    ]
    saved_by_app: list[str] = []

    async def run() -> None:
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.press("4")
            await pilot.pause()
            while len(Store(db).read()["contacts"]) == len(before):  # the shells are saving: now the app too
                assert any(shell.poll() is None for shell in shells), "the shells ended without saving"
                await asyncio.sleep(0.01)
            for i in range(ENTRIES):
                await pilot.press("c")
                await pilot.pause()
                assert isinstance(app.screen, ContactDialog)
                outcome = f"app-{i}"
                await pilot.press("tab", "tab", *outcome, "enter")  # date (today) → topic → outcome, then save
                await pilot.pause()
                assert isinstance(app.screen, RecoveryScreen), "the form closed: the save was acknowledged"
                saved_by_app.append(outcome)
                # Wait for a shell's save to land before the next one, so the saves really interleave however
                # fast or slow this machine is (unless the shells are done).
                count = len(Store(db).read()["contacts"])
                while len(Store(db).read()["contacts"]) == count and any(s.poll() is None for s in shells):
                    await asyncio.sleep(0.01)
            stop.touch()
            while any(shell.poll() is None for shell in shells):
                await asyncio.sleep(0.05)
            app.check_for_changes()  # what the app's 1-second poll does
            await pilot.pause()
            shown = {entry.outcome for entry in app.snapshot.ledger.contacts}
            assert shown >= set(saved_by_app) | acknowledged()

    acknowledged_lines: list[str] = []

    def acknowledged() -> set[str]:
        if not acknowledged_lines:
            for shell in shells:
                out, err = shell.communicate(timeout=120)
                assert shell.returncode == 0 and not err, err
                acknowledged_lines.extend(out.split())
        return set(acknowledged_lines)

    try:
        asyncio.run(run())
    finally:
        for shell in shells:
            if shell.poll() is None:
                shell.kill()
                shell.communicate()

    assert len(saved_by_app) == ENTRIES
    assert all(any(line.startswith(f"shell{n}-") for line in acknowledged()) for n in range(writers - 1))
    outcomes = [doc["outcome"] for doc in Store(db).read()["contacts"].values()]
    new = [outcome for outcome in outcomes if outcome not in before]
    assert sorted(new) == sorted(saved_by_app + acknowledged_lines), "every acknowledged save, exactly once"
    first_app, last_app = new.index("app-0"), new.index(f"app-{ENTRIES - 1}")
    assert any(not outcome.startswith("app-") for outcome in new[first_app:last_app]), \
        "the shells saved while the app was saving"
