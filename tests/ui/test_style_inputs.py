"""A screen shown again keeps its styles unless the app's styles changed meanwhile (``ui.style_inputs``), and the
screens built ahead are drawn once everything their build set going has been handled: a visit then draws no
widget's line again, only the screen's own background (issue 15, goal 5). Skipping a restyle must never leave a
screen styled for rules or a theme it no longer has: every test here compares the styles a visit leaves with
those a full restyle computes."""

from __future__ import annotations

import asyncio
from collections import Counter
from pathlib import Path

import pytest
from textual.widget import Widget
from textual.widgets import OptionList

from huabei_tui.domain.demo import demo_ledger
from huabei_tui.ui.screens.base import HuabeiScreen
from huabei_tui.ui.style_inputs import StyleInputs
from support.tui import TODAY, ledger_app, run_app

VISITS = (("2", "calendar"), ("3", "checklist"), ("4", "recovery"), ("1", "status"), ("4", "recovery"),
          ("2", "calendar"))


class _App:
    """The few attributes ``StyleInputs.of`` reads."""

    def __init__(self, rules: list, classes: set[str], pseudo: set[str]) -> None:
        self.stylesheet = type("Sheet", (), {"rules": rules})()
        self.classes = frozenset(classes)
        self.pseudo_classes = frozenset(pseudo)


def test_style_inputs_differ_on_new_rules_app_classes_or_pseudo_classes() -> None:
    rules: list = []
    before = StyleInputs.of(_App(rules, {"-dark-mode"}, {"focus"}))
    assert before.same_as(StyleInputs.of(_App(rules, {"-dark-mode"}, {"focus"})))
    assert not before.same_as(None)
    assert not before.same_as(StyleInputs.of(_App([], {"-dark-mode"}, {"focus"})))  # equal, but a new parse
    assert not before.same_as(StyleInputs.of(_App(rules, {"-light-mode"}, {"focus"})))
    assert not before.same_as(StyleInputs.of(_App(rules, {"-dark-mode"}, {"blur"})))


def _styles(screen: HuabeiScreen) -> dict[int, tuple]:
    """Every computed style of every node of ``screen`` that reaches the terminal's cells."""
    return {id(node): (node.styles.color, node.styles.background, node.styles.text_style, node.styles.display,
                       node.styles.width, node.styles.height, node.styles.padding, node.styles.border)
            for node in screen.walk_children(with_self=True)}


def _assert_styles_current(screen: HuabeiScreen) -> None:
    kept = _styles(screen)
    screen.update_node_styles(animate=False)  # what Textual's restyle on resume would have computed
    assert _styles(screen) == kept, f"{screen.NAME} kept stale styles"


def _restyled_screens(app) -> list[str]:
    """The name of every screen whose nodes the app's style sheet restyles from now on."""
    sheet = app.stylesheet
    update_nodes = sheet.update_nodes
    restyled: list[str] = []

    def recorded(nodes, animate: bool = False):
        nodes = list(nodes)
        restyled.extend({getattr(node.screen, "NAME", "?") for node in nodes if isinstance(node, Widget)})
        return update_nodes(nodes, animate=animate)

    sheet.update_nodes = recorded
    return restyled


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_visits_keep_the_styles_of_screens_built_ahead_and_leave_them_current(tmp_path: Path, lang: str) -> None:
    app = ledger_app(tmp_path / "db.json", demo_ledger(TODAY), lang, TODAY, warm_screens=True, offer_setup=False)

    async def scenario(pilot) -> None:
        await asyncio.wait_for(app.screens_warmed.wait(), timeout=60)
        await pilot.pause()
        built = [app.get_screen(name) for name in ("calendar", "checklist", "recovery")]
        # The screens built first were restyled ahead for the CSS read by those built after them.
        assert all(screen.styles_current for screen in built)
        restyled = _restyled_screens(app)
        for key, name in VISITS:
            await pilot.press(key)
            await pilot.pause()
            assert name == app.screen.NAME
            _assert_styles_current(app.screen)
        assert restyled == [name for _, name in VISITS], "only the checks above restyle"

    run_app(app, scenario)


def test_a_new_theme_restyles_each_screen_on_its_next_visit(tmp_path: Path) -> None:
    """A theme set on one screen (``Ctrl+P`` → theme) reaches the screens not shown then when they are shown."""
    app = ledger_app(tmp_path / "db.json", demo_ledger(TODAY), "en", TODAY, warm_screens=True, offer_setup=False)

    async def scenario(pilot) -> None:
        await asyncio.wait_for(app.screens_warmed.wait(), timeout=60)
        await pilot.press("3")
        await pilot.pause()
        app.theme = "textual-light" if app.theme != "textual-light" else "nord"
        await pilot.pause()
        restyled = _restyled_screens(app)
        for key, name in (("4", "recovery"), ("2", "calendar"), ("1", "status"), ("3", "checklist")):
            await pilot.press(key)
            await pilot.pause()
            assert name == app.screen.NAME
            if name == "recovery":
                assert "recovery" in restyled
            _assert_styles_current(app.screen)

    run_app(app, scenario)


def test_a_first_visit_draws_no_widget_again(tmp_path: Path, monkeypatch) -> None:
    """Built, restyled and drawn ahead, with their first focus in place before they were drawn, a first visit
    draws only the screen's own background: no line of any widget (the recovery screen's list was drawn again
    after its focus restyled it, 2–4 ms of its visit, and every list again after the restyle on resume)."""
    app = ledger_app(tmp_path / "db.json", demo_ledger(TODAY), "zh", TODAY, warm_screens=True, offer_setup=False)
    drawn: Counter[str] = Counter()
    widget_line, option_line = Widget.render_line, OptionList.render_line

    def counted_widget(self, y):
        drawn[type(self).__name__] += 1
        return widget_line(self, y)

    def counted_option(self, y):
        drawn[type(self).__name__] += 1
        return option_line(self, y)

    async def scenario(pilot) -> None:
        await asyncio.wait_for(app.screens_warmed.wait(), timeout=60)
        await pilot.pause()
        monkeypatch.setattr(Widget, "render_line", counted_widget)
        monkeypatch.setattr(OptionList, "render_line", counted_option)
        for key, name in (("2", "calendar"), ("3", "checklist"), ("4", "recovery")):
            drawn.clear()
            await pilot.press(key)
            await pilot.pause()
            screen = type(app.screen).__name__
            assert name == app.screen.NAME
            assert set(drawn) <= {screen}, dict(drawn)

    run_app(app, scenario)


def test_each_screen_is_drawn_once_when_built_and_its_footer_once_a_visit(tmp_path: Path, monkeypatch) -> None:
    """Textual calls the handler of every class in a screen's MRO (``on_mount``, ``on_screen_resume``), so a
    screen that also called ``super()`` in one ran the base's twice: the recovery screen was drawn twice when
    built and its footer twice on every visit."""
    app = ledger_app(tmp_path / "db.json", demo_ledger(TODAY), "en", TODAY, warm_screens=True, offer_setup=False)
    renders: Counter[str] = Counter()
    footers: Counter[str] = Counter()
    render_state, footer = HuabeiScreen.render_state, HuabeiScreen._footer_follows_the_top

    def counted_render(self):
        renders[self.NAME] += 1
        return render_state(self)

    def counted_footer(self):
        footers[self.NAME] += 1
        return footer(self)

    monkeypatch.setattr(HuabeiScreen, "render_state", counted_render)
    monkeypatch.setattr(HuabeiScreen, "_footer_follows_the_top", counted_footer)

    async def scenario(pilot) -> None:
        await asyncio.wait_for(app.screens_warmed.wait(), timeout=60)
        await pilot.pause()
        assert {name: renders[name] for name in ("calendar", "checklist", "recovery")} == {
            "calendar": 1, "checklist": 1, "recovery": 1}
        footers.clear()
        for key, name in (("4", "recovery"), ("2", "calendar")):
            await pilot.press(key)
            await pilot.pause()
            assert name == app.screen.NAME
        # Shown: its own; left for the calendar (a switch suspends it): once more.
        assert footers["recovery"] == 2 and footers["calendar"] == 1, dict(footers)

    run_app(app, scenario)


def test_a_screen_shown_while_the_screens_are_built_ahead_does_not_stop_the_build(tmp_path: Path, monkeypatch,
                                                                                 config_folder: Path) -> None:
    """Keys pressed before the screens built ahead are done: the restyle pass at the end met a stale screen it
    must leave alone (the status screen under the one shown, which Textual counts as shown) and looked for it
    again, forever, starving the event loop (the bench hung on it). Each screen is now looked at once."""
    from huabei_tui.ui.app import HuabeiApp

    looked_at: Counter[str] = Counter()
    restyle_ahead = HuabeiApp._restyle_ahead

    def bounded(self, screen):
        looked_at[screen.NAME] += 1
        assert looked_at[screen.NAME] <= 1, f"the restyle pass looked at {screen.NAME} again"
        return restyle_ahead(self, screen)

    monkeypatch.setattr(HuabeiApp, "_restyle_ahead", bounded)
    config_folder.mkdir(parents=True, exist_ok=True)
    (config_folder / "settings.toml").write_text('theme = "nord"\n', encoding="utf-8")  # set after the first styles
    app = ledger_app(tmp_path / "db.json", demo_ledger(TODAY), "en", TODAY, warm_screens=True, offer_setup=False)

    async def scenario(pilot) -> None:
        await pilot.press("2")  # before anything is built: the build goes on under the calendar
        await asyncio.wait_for(app.screens_warmed.wait(), timeout=60)
        assert app.screen.NAME == "calendar"
        for key, name in (("3", "checklist"), ("4", "recovery"), ("1", "status"), ("2", "calendar")):
            await pilot.press(key)
            await pilot.pause()
            assert name == app.screen.NAME
            _assert_styles_current(app.screen)

    run_app(app, scenario)
