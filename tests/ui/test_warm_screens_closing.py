"""Building the other screens in the background while the app is being closed (the race behind a flaky test).

``run_test`` closes the app without ``exit``: Textual's shutdown drops the installed screens while the app's
timers still run and its message loop still handles messages. A build step queued by a timer (``set_timer`` runs
its callback after the app's next message) or a build that was composing a screen could then run on an app
without screens: ``KeyError: No screen called 'status' installed`` (seen under load in
``test_import_dialog_lines.py``, about 1 run in 25 there with two busy loops on the machine). These tests force
each ordering instead of hoping for it.
"""

from __future__ import annotations

import asyncio
from pathlib import Path

from support.tui import demo_data_app


async def screens_dropped(app) -> None:
    """Wait until Textual's shutdown has dropped the installed screens (no sleep: one loop turn at a time)."""
    while app.is_screen_installed("status"):
        await asyncio.sleep(0)


def test_a_build_step_that_runs_while_the_app_closes_does_nothing(tmp_path: Path) -> None:
    app = demo_data_app(tmp_path, "en")  # nothing built ahead on its own: the step is run by hand below
    stepped: list[bool] = []

    async def late_step() -> None:
        await screens_dropped(app)
        app.build_next_screen()  # what a timer's callback does when it is flushed at this moment
        stepped.append(True)

    async def go() -> None:
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            step = asyncio.create_task(late_step())
        await asyncio.wait_for(step, timeout=60)

    asyncio.run(go())
    assert stepped and app.screens_warmed.is_set()


def test_a_screen_composed_while_the_app_closes_is_not_popped_from_the_dropped_stack(tmp_path: Path) -> None:
    app = demo_data_app(tmp_path, "en")
    pushed = asyncio.Event()

    async def go() -> None:
        push = app.push_screen

        async def push_then_wait_for_the_close(screen):
            await push(screen)
            pushed.set()
            await screens_dropped(app)  # the build resumes only once the shutdown has dropped the screens

        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            app.push_screen = push_then_wait_for_the_close
            app.build_next_screen()
            await asyncio.wait_for(pushed.wait(), timeout=60)

    asyncio.run(go())  # raised ScreenStackError ("Can't pop screen") when the build popped after the close
    assert app.screens_warmed.is_set()
