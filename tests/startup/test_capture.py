"""The app's side: after its first paint it keeps the frame of the status screen, and only that.

Pilot runs the app headless (no driver writes to a terminal), so the frames a real run would have recorded are
handed to the frame cache by the test; the app decides whether and when to keep them.
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from huabei_tui.startup import early_frame, frame_cache
from huabei_tui.startup.early_frame import EarlyStart
from huabei_tui.startup.frame_key import frame_inputs
from huabei_tui.ui.demo import DEMO_TODAY, demo_app
from huabei_tui.ui.frame_recorder import driver_class, first_paint_done

#: What a real run records: a partial update (the footer) and the whole screen, two writes.
UPDATES = ("\x1b[24;68H^p", "\x1b[1;1H Huabei status")
STATUS_FRAME = "".join(UPDATES)


def armed(folder: Path, size: tuple[int, int] = (80, 24), today: date = DEMO_TODAY) -> EarlyStart:
    inputs = frame_inputs(data_file=None, demo=True, today=today, lang_option=None, environ={}, size=size,
                          code="c")
    assert inputs is not None
    early = EarlyStart(inputs, folder)
    for update in UPDATES:
        early.record(update)
    return early


@pytest.fixture(autouse=True)
def nothing_armed() -> Iterator[None]:
    early_frame.install(None)
    yield
    early_frame.install(None)


def saved(early: EarlyStart) -> bytes | None:
    early.wait_saved(30)
    return frame_cache.load(early.folder, early.name, early.key)


async def settle(early: EarlyStart) -> None:
    """Until the app has decided (kept the frame, or stopped recording)."""
    for _ in range(400):
        if not early.recording:
            return
        await asyncio.sleep(0.01)
    raise AssertionError("the app never decided about the first frame")


def test_the_first_paint_of_the_status_screen_is_kept(tmp_path: Path) -> None:
    early = armed(tmp_path / "frames")
    early_frame.install(early)

    async def go() -> None:
        app = demo_app(tmp_path, "en")
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            await settle(early)

    asyncio.run(go())
    assert saved(early) == STATUS_FRAME.encode()


def test_the_app_uses_its_own_driver_only_when_armed(tmp_path: Path) -> None:
    assert driver_class() is None
    early_frame.install(armed(tmp_path))
    from huabei_tui.ui.recording_driver import FrameRecordingDriver

    assert driver_class() is FrameRecordingDriver


def run_then_capture(tmp_path: Path, early: EarlyStart, keys: tuple[str, ...], today: date = DEMO_TODAY) -> None:
    """Start the app unarmed, press ``keys``, then tell it the first paint is done with ``early`` armed."""

    async def go() -> None:
        app = demo_app(tmp_path, "en")
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            for key in keys:
                await pilot.press(key)
                await pilot.pause()
            early_frame.install(early)
            first_paint_done(app, today)
            await settle(early)

    asyncio.run(go())


def test_a_status_screen_is_kept(tmp_path: Path) -> None:
    early = armed(tmp_path / "frames")
    run_then_capture(tmp_path, early, ())
    assert saved(early) == STATUS_FRAME.encode()


@pytest.mark.parametrize("keys", [("2",), ("question_mark",), ("4", "1", "b")])
def test_another_screen_or_a_dialog_is_not_kept(tmp_path: Path, keys: tuple[str, ...]) -> None:
    """A key typed while the app loaded may have opened another screen before the first paint."""
    early = armed(tmp_path / "frames")
    run_then_capture(tmp_path, early, keys)
    assert saved(early) is None


def test_a_frame_of_another_size_is_not_kept(tmp_path: Path) -> None:
    early = armed(tmp_path / "frames", size=(100, 30))
    run_then_capture(tmp_path, early, ())
    assert saved(early) is None


def test_a_frame_of_another_day_is_not_kept(tmp_path: Path) -> None:
    """The key was built just before a midnight in Shanghai, the app read the data just after it."""
    early = armed(tmp_path / "frames", today=date(2026, 11, 28))
    run_then_capture(tmp_path, early, ())
    assert saved(early) is None


def test_without_a_whole_screen_update_nothing_is_kept(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from huabei_tui.ui import frame_recorder

    monkeypatch.setattr(frame_recorder, "RETRY_SECONDS", 0.001)
    early = armed(tmp_path / "frames")
    early.recorded = ["\x1b[24;68H^p"]
    run_then_capture(tmp_path, early, ())
    assert saved(early) is None
