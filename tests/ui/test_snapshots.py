"""Every screen, help and a refusing form at 80×24 in both languages, on demo data at a fixed date.

Regenerate after an intended change with ``pytest tests/ui/test_snapshots.py -n 0 --snapshot-update`` (in one
process: under pytest-xdist the plugin does not remove a picture no test uses) and look at the report; Textual is
pinned exactly because its rendering changes between releases.
"""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

from huabei_tui.ui.demo import NEW_USER_SCENES, SCENES, demo_app, new_user_app, scene_day

#: The config folder of the demo's snapshots. The help screen names the keys.toml path, and under ``tmp_path``
#: (``/tmp/pytest-of-USER/pytest-N/…``) its length, so how the paragraph wraps and the scroll bar's thumb in the
#: picture, changed with the user's name and with pytest's run counter (help-zh failed from run pytest-10 on).
#: A fixed path that does not exist: the demo reads no keys.toml from it and writes nothing to it.
FIXED_CONFIG = "/nonexistent/huabei-tui-snapshots/config"

LANGS = ("zh", "en")
STORED = Path(__file__).parent / "__snapshots__" / "test_snapshots"


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize(("scene", "keys"), SCENES, ids=[name for name, _ in SCENES])
def test_screen_snapshot(snap_compare, tmp_path, monkeypatch, scene: str, keys: tuple[str, ...], lang: str) -> None:
    monkeypatch.setenv("HUABEI_CONFIG_DIR", FIXED_CONFIG)

    async def settle(pilot) -> None:
        # The other screens are built ahead unseen: let that end first.
        await asyncio.wait_for(pilot.app.screens_warmed.wait(), timeout=60)
        for key in keys:
            await pilot.press(key)
        await pilot.pause()
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()

    assert snap_compare(demo_app(tmp_path, lang, scene_day(scene)), terminal_size=(80, 24), run_before=settle)


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize(("scene", "offer_setup"), NEW_USER_SCENES, ids=[name for name, _ in NEW_USER_SCENES])
def test_new_user_snapshot(snap_compare, tmp_path, scene: str, offer_setup: bool, lang: str) -> None:
    """A new user's first start (issue 14): the setup's first step, and the status screen of an empty file."""

    async def settle(pilot) -> None:
        for _ in range(50):  # the setup opens after the first paint
            if not offer_setup or pilot.app.screen.id == "setup-limit":
                break
            await pilot.pause(0.02)
        await pilot.pause()

    assert snap_compare(new_user_app(tmp_path, lang, offer_setup=offer_setup), terminal_size=(80, 24),
                        run_before=settle)


def test_every_stored_picture_is_compared_by_a_test() -> None:
    """A stored picture no test compares any more (a scene renamed or dropped) is stale. The snapshot plugin
    (syrupy) fails the run on one only when every test runs in one process; under pytest-xdist, which the suite
    runs on, it says nothing, so the check is made here, and a missing picture is named too."""
    expected = {f"test_screen_snapshot[{scene}-{lang}].svg" for scene, _ in SCENES for lang in LANGS}
    expected |= {f"test_new_user_snapshot[{scene}-{lang}].svg" for scene, _ in NEW_USER_SCENES for lang in LANGS}
    stored = {path.name for path in STORED.iterdir()}
    assert not stored - expected, f"stale: {sorted(stored - expected)}"
    assert not expected - stored, f"missing: {sorted(expected - stored)}"
