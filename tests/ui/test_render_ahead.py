"""The screens built ahead are also drawn ahead, unseen: a first visit then finds their lines drawn and their first
focus in place, as a return visit does (issue 15, goal 5)."""

from __future__ import annotations

import asyncio
from datetime import date
from pathlib import Path

import pytest
from textual.app import App, ComposeResult
from textual.containers import Vertical
from textual.screen import Screen
from textual.strip import Strip
from textual.widgets import Static

from huabei_tui.domain.bills import Payment
from huabei_tui.domain.dates import Month
from huabei_tui.domain.demo import demo_ledger
from huabei_tui.domain.ledger import Ledger
from huabei_tui.ui.render_ahead import render_unseen
from huabei_tui.ui.screens.recovery import RecoveryBody
from support.tui import TODAY, ledger_app, run_app


class Counted(Static):
    """A Static that counts the lines Textual asks it to draw."""

    def __init__(self, text: str, **kwargs) -> None:
        super().__init__(text, **kwargs)
        self.drawn = 0

    def render_line(self, y: int) -> Strip:
        self.drawn += 1
        return super().render_line(y)


class Unseen(Screen):
    def compose(self) -> ComposeResult:
        yield Counted("shown", id="shown")
        with Vertical(id="box"):
            yield Counted("inside", id="inside")
        with Vertical(id="gone"):
            yield Counted("under a hidden box", id="under")
        yield Counted("hidden", id="hidden")

    def on_mount(self) -> None:
        self.query_one("#gone").display = False
        self.query_one("#hidden").display = False


def test_render_unseen_draws_every_displayed_widget_and_skips_hidden_ones() -> None:
    class Host(App):
        def on_mount(self) -> None:
            self.install_screen(Unseen(), "unseen")

    async def go() -> None:
        app = Host()
        async with app.run_test(size=(40, 10)) as pilot:
            screen = app.get_screen("unseen")
            with app.batch_update():  # built unseen, as the app builds its screens ahead
                await app.push_screen(screen)
                await app.pop_screen()
            await pilot.pause()
            counted = {w.id: w for w in screen.query(Counted)}
            for widget in counted.values():
                widget.refresh()  # forget what layout may have drawn already
            before = {name: w.drawn for name, w in counted.items()}
            assert render_unseen(screen) >= 3  # the two Counted shown and their box
            drawn = {name: counted[name].drawn - before[name] for name in counted}
            assert drawn["shown"] > 0 and drawn["inside"] > 0
            assert drawn["under"] == 0 and drawn["hidden"] == 0
            assert app.screen is not screen  # nothing was shown

    asyncio.run(go())


def test_a_first_visit_draws_no_checklist_row_again(tmp_path: Path, monkeypatch) -> None:
    """Built and drawn ahead, the checklist's first visit lays none of its rows out again (each row is a small
    Rich grid, the costly part of drawing the screen): it finds them drawn, as a return visit does."""
    from rich.table import Table

    app = ledger_app(tmp_path / "db.json", Ledger(), "en", TODAY, warm_screens=True, offer_setup=False)
    grids: list[Table] = []
    original = Table.__rich_console__

    def counted(self, console, options):
        grids.append(self)
        return original(self, console, options)

    async def scenario(pilot) -> None:
        await asyncio.wait_for(app.screens_warmed.wait(), timeout=60)
        await pilot.pause()
        monkeypatch.setattr(Table, "__rich_console__", counted)
        await pilot.press("3")
        await pilot.pause()
        assert app.screen.NAME == "checklist"
        assert grids == []

    run_app(app, scenario)


def test_built_ahead_the_recovery_screen_opens_at_its_top_with_the_steps_focused(tmp_path: Path) -> None:
    """The first focus (the recovery steps, without scrolling to them) is given while the screen is built ahead,
    so the first visit neither moves the focus nor scrolls the episode table's heading away."""
    months = [Month(2020, n) for n in range(1, 9)]
    ledger = Ledger(manual_bills={m: 10_000 for m in months} | {Month(2026, 10): 50_000},
                    payments=tuple(Payment(id=f"p{m}", month=m, amount=10_000, on=date(m.year, m.month, 15))
                                   for m in months))
    app = ledger_app(tmp_path / "late.json", ledger, "en", TODAY, warm_screens=True)

    async def scenario(pilot) -> None:
        await asyncio.wait_for(app.screens_warmed.wait(), timeout=60)
        recovery = app.get_screen("recovery")
        assert recovery.focused is recovery.query_one("#rec-steps")
        await pilot.press("4")
        await pilot.pause(0.2)
        assert app.screen is recovery and app.focused is recovery.query_one("#rec-steps")
        assert recovery.query_one(RecoveryBody).scroll_y == 0

    run_app(app, scenario)


def _frames_written(app) -> list[str]:
    """The name of the screen of every frame ``app`` writes from now on (``None``: a frame Textual holds back
    because of a batch, never written). Wraps the app's one call that writes a frame: headless, Textual skips
    the terminal there, but every frame still passes through it."""
    written: list[str] = []
    display = app._display

    def recorded(screen, renderable) -> None:
        if renderable is not None and not app._batch_count:
            written.append(getattr(screen, "NAME", "?"))
        display(screen, renderable)

    app._display = recorded
    return written


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_building_screens_ahead_writes_no_frame_of_them(tmp_path: Path, lang: str) -> None:
    """Each screen built ahead is shown, unheld, for one step of the event loop to start its frame clock
    (``HuabeiApp._start_frame_clock``); no frame of it may reach the terminal then, nor while it is drawn
    unseen: until the first key, every frame written is the status screen's."""
    app = ledger_app(tmp_path / "db.json", demo_ledger(TODAY), lang, TODAY, warm_screens=True, offer_setup=False)
    written = _frames_written(app)

    async def scenario(pilot) -> None:
        await asyncio.wait_for(app.screens_warmed.wait(), timeout=60)
        await pilot.pause(0.1)  # past any clock tick of a screen built ahead
        assert written and set(written) == {"status"}, written
        for key, name in (("3", "checklist"), ("2", "calendar"), ("4", "recovery")):
            await pilot.press(key)
            await pilot.pause()
            assert name == app.screen.NAME
        assert written[-1] == "recovery"

    run_app(app, scenario)
