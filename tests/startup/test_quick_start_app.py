"""The app started from a quick start's content (``HuabeiApp(first=…)``, issue 15 goal 2): the first frame drawn
from the child's plain data is the usual first frame; the session is loaded after it; keys typed before it is
loaded are held and then handled in order; data changed meanwhile is shown, not the stale content; a file that
can no longer be read ends the app with the error, as the usual start reports it.

The child's content is made here in this process (``fast_start.first_view``: the same function the child runs),
and the loading waits on a gate the test opens, so "before the session is loaded" is a state the test holds.
"""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
from textual.widgets import Static

from huabei_tui.cli import fast_start
from huabei_tui.clock import Clock
from huabei_tui.domain.demo import demo_ledger
from huabei_tui.domain.money import parse_money
from huabei_tui.session import Session
from huabei_tui.storage.errors import StoreError
from huabei_tui.storage.repository import Repository
from huabei_tui.storage.store import Store
from huabei_tui.ui.app import FirstStart, HuabeiApp

TODAY = date(2026, 12, 6)
#: Bounded waits (a busy machine); every wait ends as soon as its condition holds.
PATIENCE = 60.0


class Quick:
    """A demo data file, the child's content for ``huabei --db FILE --today … --lang …``, and the app started from
    it, whose session loads only once ``release()`` is called."""

    def __init__(self, tmp_path: Path, *, lang: str = "en", load_today: date = TODAY, ledger: object = "demo") -> None:
        self.db = tmp_path / "huabei.json"
        if ledger == "demo":  # None: no file yet (a new user)
            Repository(Store(self.db)).replace_ledger(demo_ledger(TODAY), only_if_empty=False)
        self.args = ["--db", str(self.db), "--today", TODAY.isoformat(), "--lang", lang, "--no-snapshot"]
        self.view = fast_start.first_view(self.args)
        self.gate = threading.Event()
        load_args = ["--db", str(self.db), "--today", load_today.isoformat(), "--lang", lang, "--no-snapshot"]

        def load():
            assert self.gate.wait(PATIENCE)
            return fast_start.app_opened(load_args)

        #: Calls of ``FirstStart.stale`` (the cached content's entry dropped: the session showed otherwise).
        self.stale: list[str] = []
        first = FirstStart(self.view, load, stale=lambda: self.stale.append("dropped"))
        self.app = HuabeiApp(None, None, self.view["lang"], first=first, poll_seconds=0, warm_screens=False,
                             offer_setup=False)

    def release(self) -> None:
        self.gate.set()


def usual_app(db: Path, lang: str = "en", today: date = TODAY) -> HuabeiApp:
    return HuabeiApp(Repository(Store(db)), Clock(today), lang, poll_seconds=0, warm_screens=False)


async def until(pilot, condition: Callable[[], bool], what: str) -> None:
    loop = asyncio.get_running_loop()
    deadline = loop.time() + PATIENCE
    while not condition():
        assert loop.time() < deadline, f"timed out waiting for {what}"
        await pilot.pause(0.01)


def screen_text(app: HuabeiApp) -> dict[str, str]:
    """Every Static of the screen shown, by id: its border's title and what it says."""
    return {widget.id or "": f"{widget.border_title or ''}|{widget.content}|{' '.join(sorted(widget.classes))}"
            for widget in app.screen.query(Static) if widget.display}


def test_the_first_frame_from_the_childs_content_is_the_usual_first_frame(tmp_path: Path) -> None:
    quick = Quick(tmp_path)
    shots: dict[str, object] = {}

    async def go() -> None:
        async with quick.app.run_test() as pilot:
            await pilot.pause()
            assert quick.app.session is None  # still loading: this is the frame drawn from the child's content
            shots["quick"] = screen_text(quick.app)
            quick.release()
            await until(pilot, lambda: quick.app.held is None, "the session")
            shots["loaded"] = screen_text(quick.app)
        async with usual_app(quick.db).run_test() as pilot:
            await pilot.pause()
            shots["usual"] = screen_text(pilot.app)

    asyncio.run(go())
    assert shots["quick"] == shots["usual"] == shots["loaded"]
    assert quick.stale == []  # the session showed what the content did: a cached entry stays
    assert any("Account status" in text for text in shots["quick"].values())


def test_keys_typed_before_the_session_is_loaded_are_held_then_handled_in_order(tmp_path: Path) -> None:
    quick = Quick(tmp_path)

    async def go() -> None:
        async with quick.app.run_test() as pilot:
            await pilot.pause()
            await pilot.press("2", "3")  # calendar, then checklist
            await pilot.pause()
            assert quick.app.screen.NAME == "status"  # nothing ran against data not loaded yet
            assert quick.app.held is not None and len(quick.app.held) == 2
            quick.release()
            await until(pilot, lambda: quick.app.held is None, "the held keys")
            await until(pilot, lambda: getattr(quick.app.screen, "NAME", "") == "checklist", "the checklist")
            assert quick.app.session is not None
            await pilot.press("1")  # and keys work as usual afterwards
            await until(pilot, lambda: getattr(quick.app.screen, "NAME", "") == "status", "the status screen")

    asyncio.run(go())


def test_a_quit_typed_before_the_session_is_loaded_is_not_lost(tmp_path: Path) -> None:
    quick = Quick(tmp_path)

    async def go() -> None:
        async with quick.app.run_test() as pilot:
            await pilot.pause()
            await pilot.press("ctrl+q")
            await pilot.pause()
            assert quick.app.return_code is None
            quick.release()
            await until(pilot, lambda: quick.app.return_code is not None, "the app to quit")

    asyncio.run(go())
    assert quick.app.return_code == 0 and quick.app.start_error is None


def test_a_change_to_the_file_after_the_child_read_it_is_shown_not_the_stale_content(tmp_path: Path) -> None:
    quick = Quick(tmp_path)
    texts: dict[str, dict[str, str]] = {}

    async def go() -> None:
        async with quick.app.run_test() as pilot:
            await pilot.pause()
            texts["before"] = screen_text(quick.app)
            # Another terminal records a payment of the bill on show while the app starts.
            session = Session.for_app(Repository(Store(quick.db)), Clock(TODAY))
            bill = session.snapshot.summary.most_urgent_bill
            assert bill is not None and bill.outstanding > 0
            session.record_payment(bill.month, min(bill.outstanding, parse_money("1.00")))
            quick.release()
            await until(pilot, lambda: quick.app.held is None, "the session")
            await pilot.pause()
            texts["after"] = screen_text(quick.app)
            await until(pilot, lambda: quick.stale == ["dropped"], "the stale entry to be dropped")
        async with usual_app(quick.db).run_test() as pilot:
            await pilot.pause()
            texts["usual"] = screen_text(pilot.app)

    asyncio.run(go())
    assert quick.app.snapshot.signature != tuple(quick.view["signature"])
    assert texts["after"] != texts["before"]
    assert texts["after"] == texts["usual"]


def test_a_new_day_before_the_session_is_loaded_is_shown(tmp_path: Path) -> None:
    tomorrow = date(2026, 12, 7)
    quick = Quick(tmp_path, load_today=tomorrow)  # midnight in Shanghai between the child's read and the load

    async def go() -> None:
        async with quick.app.run_test() as pilot:
            await pilot.pause()
            assert "2026-12-06" in screen_text(quick.app)["tabbar"]
            quick.release()
            await until(pilot, lambda: quick.app.held is None, "the session")
            await pilot.pause()
            assert "2026-12-07" in screen_text(quick.app)["tabbar"]
            assert quick.app.snapshot.today == tomorrow
            await until(pilot, lambda: quick.stale == ["dropped"], "yesterday's entry to be dropped")

    asyncio.run(go())


def test_a_file_damaged_before_the_session_is_loaded_ends_the_app_with_the_error(tmp_path: Path) -> None:
    quick = Quick(tmp_path)

    async def go() -> None:
        async with quick.app.run_test() as pilot:
            await pilot.pause()
            quick.db.write_text('{"broken')
            quick.release()
            await until(pilot, lambda: quick.app.start_error is not None, "the error")

    asyncio.run(go())
    assert isinstance(quick.app.start_error, StoreError)
    assert quick.app.return_code == 1


def test_the_users_theme_and_keys_file_read_by_the_child_apply_to_the_first_frame(tmp_path: Path,
                                                                                 config_folder: Path) -> None:
    config_folder.mkdir(parents=True, exist_ok=True)
    (config_folder / "keys.toml").write_text("# no key moved\n[app]\n", encoding="utf-8")
    (config_folder / "settings.toml").write_text('theme = "textual-light"\n', encoding="utf-8")
    quick = Quick(tmp_path)
    assert quick.view["keys"]["data"] == {"app": {}}
    assert quick.view["settings"] == {"theme": "textual-light"}
    usual = usual_app(quick.db)
    assert quick.app.keymap.overrides == usual.keymap.overrides == {}
    assert quick.app.theme == usual.theme == "textual-light"


@pytest.mark.parametrize("keys_toml", ['[app]\nhelp = "z"\n', 'when = 2026-12-06\n'])
def test_with_keys_moved_or_a_keys_file_marshal_cannot_carry_the_child_gives_no_content(
        tmp_path: Path, config_folder: Path, keys_toml: str) -> None:
    """Hints name keys as bound, which only the app can do for a moved key: the usual start then (the child's
    failure is the fallback, ``test_prefetch.py``)."""
    config_folder.mkdir(parents=True, exist_ok=True)
    (config_folder / "keys.toml").write_text(keys_toml, encoding="utf-8")
    db = tmp_path / "huabei.json"
    Repository(Store(db)).replace_ledger(demo_ledger(TODAY), only_if_empty=False)
    with pytest.raises(LookupError):
        fast_start.first_view(["--db", str(db), "--today", TODAY.isoformat(), "--no-snapshot"])


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_new_users_first_frame_with_its_key_hints_is_the_usual_one(tmp_path: Path, lang: str) -> None:
    quick = Quick(tmp_path, lang=lang, ledger=None)
    shots: dict[str, object] = {}

    async def go() -> None:
        async with quick.app.run_test() as pilot:
            await pilot.pause()
            shots["quick"] = screen_text(quick.app)
            quick.release()
            await until(pilot, lambda: quick.app.held is None, "the session")
        app = HuabeiApp(Repository(Store(quick.db)), Clock(TODAY), lang, poll_seconds=0, warm_screens=False,
                        offer_setup=False)
        async with app.run_test() as pilot:
            await pilot.pause()
            shots["usual"] = screen_text(app)

    asyncio.run(go())
    assert shots["quick"] == shots["usual"]
