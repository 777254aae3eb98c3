"""The demo app at a fixed date: what the snapshot tests compare and what ``scripts/screenshots.py`` draws."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from huabei_tui.clock import Clock
from huabei_tui.domain.demo import demo_ledger
from huabei_tui.storage.repository import Repository
from huabei_tui.storage.store import Store
from huabei_tui.ui.app import HuabeiApp

DEMO_TODAY = date(2026, 11, 29)

#: (name, keys pressed after start) for every picture: each screen, help, and a form refusing bad input.
SCENES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("status", ()),
    ("calendar", ("2",)),
    ("checklist", ("3",)),
    ("recovery", ("4",)),
    ("help", ("question_mark",)),
    ("form-error", ("p", "ctrl+a", "ctrl+k", *"12.345", "enter")),
    ("planner", ("o",)),
    ("split", ("o", "down", "enter")),
)

#: Scenes drawn on another day than ``DEMO_TODAY``: the planner and the split need bill 2026-12 issued (from
#: 2026-12-01) and not yet due (2026-12-10), when every option is open.
SCENE_DAYS: dict[str, date] = {"planner": date(2026, 12, 5), "split": date(2026, 12, 5)}


def scene_day(scene: str) -> date:
    """The day a scene is drawn on."""
    return SCENE_DAYS.get(scene, DEMO_TODAY)


#: (name, offer the setup) for the pictures of a new user's first start: the setup's first step, and the status
#: screen of an empty file once the setup was left.
NEW_USER_SCENES: tuple[tuple[str, bool], ...] = (("first-setup", True), ("new-user", False))


def new_user_app(folder: Path, lang: str, *, offer_setup: bool, today: date = DEMO_TODAY) -> HuabeiApp:
    """The app on an empty data file (no file yet) at a fixed date, as a new user first sees it."""
    repo = Repository(Store(folder / "huabei.json"))
    return HuabeiApp(repo, Clock(today), lang, poll_seconds=0, export_dir=folder, offer_setup=offer_setup,
                     warm_screens=False)


def demo_app(folder: Path, lang: str, today: date = DEMO_TODAY, *, warm_screens: bool = False) -> HuabeiApp:
    """A fresh demo database in ``folder`` and the app on it, with no timers or background work that could change
    a picture (``warm_screens=True``: the other screens are built ahead, as in a real run)."""
    repo = Repository(Store(folder / "demo.json"))
    repo.replace_ledger(demo_ledger(today), only_if_empty=False)
    return HuabeiApp(repo, Clock(today), lang, demo=True, poll_seconds=0, export_dir=folder,
                     warm_screens=warm_screens)
