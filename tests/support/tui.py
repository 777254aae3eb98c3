"""The TUI on the demo data, driven with keys through Pilot: shared by the screen tests in ``tests/ui``."""

from __future__ import annotations

import asyncio
import unicodedata
from collections.abc import Awaitable, Callable
from datetime import date
from pathlib import Path

from textual import events
from textual.keys import key_to_character
from textual.pilot import Pilot
from textual.screen import Screen

from huabei_tui.clock import Clock
from huabei_tui.domain.demo import demo_ledger
from huabei_tui.domain.ledger import Ledger
from huabei_tui.storage.repository import Repository
from huabei_tui.storage.store import Store
from huabei_tui.ui.app import HuabeiApp

#: The day the demo data is made for.
TODAY = date(2026, 11, 29)


def ledger_app(path: Path, ledger: Ledger | None, lang: str, today: date, *, remember_lang: bool = True,
               warm_screens: bool = False, offer_setup: bool = True) -> HuabeiApp:
    """The app on a new database at ``path`` holding ``ledger`` (``None``: an empty file-less start), clock at
    ``today``, no polling and (unless ``warm_screens``) no screens built ahead in the background, so ``app.screen``
    is always the screen the keys led to. ``remember_lang=False``: L switches language without writing it;
    ``offer_setup=False``: an empty file does not open the first-run setup."""
    repo = Repository(Store(path))
    if ledger is not None:
        repo.replace_ledger(ledger, only_if_empty=False)
    return HuabeiApp(repo, Clock(today), lang, poll_seconds=0, remember_lang=remember_lang,
                     warm_screens=warm_screens, offer_setup=offer_setup)


def demo_data_app(tmp_path: Path, lang: str = "zh", *, today: date = TODAY, remember_lang: bool = True,
                  warm_screens: bool = False) -> HuabeiApp:
    """The app on a fresh copy of the demo data (made for ``TODAY``) with its clock at ``today``."""
    return ledger_app(tmp_path / "db.json", demo_ledger(TODAY), lang, today, remember_lang=remember_lang,
                      warm_screens=warm_screens)


def drive_screen(app: HuabeiApp, key: str, screen: type[Screen], scenario: Callable[..., Awaitable[None]],
                 size: tuple[int, int] = (80, 24)) -> None:
    """Run ``app`` in a terminal of ``size``, press ``key`` to open ``screen``, then play ``scenario(pilot)``."""

    async def run() -> None:
        async with app.run_test(size=size) as pilot:
            await pilot.press(key)
            await pilot.pause()
            assert isinstance(app.screen, screen)
            await scenario(pilot)

    asyncio.run(run())


def run_app(app: HuabeiApp, scenario: Callable[..., Awaitable[None]], size: tuple[int, int] = (80, 24)) -> None:
    """Run ``app`` in a terminal of ``size``, let its first paint settle, then play ``scenario(pilot)``."""

    async def go() -> None:
        async with app.run_test(size=size) as pilot:
            await pilot.pause()
            await scenario(pilot)

    asyncio.run(go())



def character_key(character: str) -> events.Key:
    """The ``Key`` event Pilot sends for typing ``character``; its key name is checked against Textual's own
    reverse mapping, so a name Textual would not read back fails here rather than as a silently lost key."""
    name = character if character.isalnum() else unicodedata.name(character).lower().replace(" ", "_").replace("-", "_")
    assert key_to_character(name) == character, (character, name)
    return events.Key(name, character)


async def type_text(pilot: Pilot, text: str) -> None:
    """Type ``text`` into the focused field as one burst of keys, the way a fast typist's keys reach the app: one
    ``Key`` event per character, handled in order, then one wait for the app to settle and repaint.

    ``pilot.press`` waits for the app to go idle twice after every key (at least 40 ms a key, seconds a field on a
    busy machine), which made the tests typing every field three ways the slowest in the suite. Characters only:
    a focused ``Input`` inserts each one as its key is handled, so the order holds; a bound key (``ctrl+a``, Enter)
    runs an action that can land after the characters behind it, so those still go through ``pilot.press``."""
    for character in text:
        pilot.app.post_message(character_key(character))
    await pilot.pause()
