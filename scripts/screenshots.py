"""Regenerate screenshots/*.svg: every screen, help, a form error, the planner and a split, in Chinese and English,
at 80×24.

Run: .venv/bin/python scripts/screenshots.py
"""

from __future__ import annotations

import asyncio
import os
import tempfile
from pathlib import Path

from huabei_tui.ui.demo import NEW_USER_SCENES, SCENES, demo_app, new_user_app, scene_day

OUT = Path(__file__).resolve().parent.parent / "screenshots"


async def shoot(scene: str, keys: tuple[str, ...], lang: str, offer_setup: bool | None = None) -> Path:
    with tempfile.TemporaryDirectory() as folder:
        if offer_setup is None:
            app = demo_app(Path(folder), lang, scene_day(scene))
        else:
            app = new_user_app(Path(folder), lang, offer_setup=offer_setup)
        async with app.run_test(size=(80, 24)) as pilot:
            for key in keys:
                await pilot.press(key)
            await pilot.pause()
            for _ in range(50):  # the first-run setup opens after the first paint
                if not offer_setup or app.screen.id == "setup-limit":
                    break
                await pilot.pause(0.02)
            await app.workers.wait_for_complete()
            await pilot.pause()
            name = f"{scene}-{lang}.svg"
            app.save_screenshot(name, str(OUT))
            return OUT / name


def main() -> None:
    # The pictures show the default keys and theme, whatever keys.toml or settings.toml this machine has.
    os.environ["HUABEI_CONFIG_DIR"] = tempfile.mkdtemp(prefix="huabei-screenshots-")
    OUT.mkdir(exist_ok=True)
    for scene, keys in SCENES:
        for lang in ("zh", "en"):
            print(asyncio.run(shoot(scene, keys, lang)))
    for scene, offer_setup in NEW_USER_SCENES:
        for lang in ("zh", "en"):
            print(asyncio.run(shoot(scene, (), lang, offer_setup)))


if __name__ == "__main__":
    main()
