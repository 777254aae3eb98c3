"""The app under a profile (issue 14): the tab bar and the window title say whose account it is, at 80 columns in
both languages, and the export keys name the profile in the file name and in the summary's header."""

from __future__ import annotations

from pathlib import Path

import pytest

from huabei_tui.clock import Clock
from huabei_tui.domain.demo import demo_ledger
from huabei_tui.storage.repository import Repository
from huabei_tui.storage.store import Store
from huabei_tui.textwidth import cell_width
from huabei_tui.ui.app import HuabeiApp
from huabei_tui.ui.demo import DEMO_TODAY
from huabei_tui.ui.screens.base import TabBar
from support.tui import run_app as run


def profile_app(folder: Path, lang: str, profile: str | None, *, demo: bool = False) -> HuabeiApp:
    repo = Repository(Store(folder / "huabei-x.json"))
    repo.replace_ledger(demo_ledger(DEMO_TODAY), only_if_empty=False)
    return HuabeiApp(repo, Clock(DEMO_TODAY), lang, demo=demo, profile=profile, poll_seconds=0, export_dir=folder,
                     warm_screens=False)


def tab_bar_text(app: HuabeiApp) -> str:
    return str(app.screen.query_one(TabBar).render())


@pytest.mark.parametrize(("lang", "profile", "shown"), [
    ("zh", "妈妈", "（妈妈）"),
    ("en", "mum", "(mum)"),
    ("en", "[b]not-markup[/b]", None),  # refused by the CLI; the widget must still show it as text
    ("zh", "老王的一个很长很长的名字", "（老王的一…）"),  # cut at 10 cells
])
def test_the_tab_bar_shows_the_profile_and_still_fits(tmp_path: Path, lang: str, profile: str,
                                                      shown: str | None) -> None:
    app = profile_app(tmp_path, lang, profile)

    async def scenario(pilot) -> None:
        for key in ("1", "2", "3", "4"):
            await pilot.press(key)
            await pilot.pause()
            text = tab_bar_text(app)
            if shown is not None:
                assert shown in text
            else:
                assert "[b]not-ma" in text  # brackets kept: Text.append never reads markup
            assert DEMO_TODAY.isoformat() in text, text  # the date at the end is not pushed off
            assert cell_width(text.rstrip()) <= 80
        assert profile.split("[")[0] in app.title

    run(app, scenario)


def test_no_profile_no_mark(tmp_path: Path) -> None:
    app = profile_app(tmp_path, "en", None)

    async def scenario(pilot) -> None:
        assert "(" not in tab_bar_text(app)
        assert app.title == "Huabei credit keeper"

    run(app, scenario)


def test_demo_shows_demo_not_a_profile(tmp_path: Path) -> None:
    app = profile_app(tmp_path, "en", "mum", demo=True)

    async def scenario(pilot) -> None:
        text = tab_bar_text(app)
        assert "demo" in text and "mum" not in text

    run(app, scenario)


def test_exports_carry_the_profile_name(tmp_path: Path) -> None:
    """The save dialog suggests the profile's name in the file name; the summary names it under its title."""
    from huabei_tui.ui.dialogs.save_dialog import SaveDialog

    app = profile_app(tmp_path, "zh", "妈妈")
    day = DEMO_TODAY.isoformat()

    async def scenario(pilot) -> None:
        for key, name in (("e", f"huabei-妈妈-status-{day}.txt"), ("E", f"huabei-妈妈-all-{day}.txt")):
            await pilot.press(key)
            await pilot.pause()
            assert isinstance(app.screen, SaveDialog)
            assert app.screen.query_one("#save-path").value == str(tmp_path / name)
            await pilot.press("enter")
            await pilot.pause()

    run(app, scenario)
    status = (tmp_path / f"huabei-妈妈-status-{day}.txt").read_text(encoding="utf-8").splitlines()
    assert status[:2] == ["花呗账户摘要", "档案：妈妈"]
    full = (tmp_path / f"huabei-妈妈-all-{day}.txt").read_text(encoding="utf-8").splitlines()
    assert full[1] == "档案：妈妈"
