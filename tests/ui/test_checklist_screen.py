"""Screen 3, the authorization checklist, driven with keys through Pilot at 80×24."""

from __future__ import annotations

import asyncio
import io
from collections.abc import Awaitable, Callable
from datetime import date
from pathlib import Path

import pytest
from rich.console import Console
from textual.widgets import Static

from huabei_tui.domain.guide import AUTH_STEPS, REVOKE_STEPS
from huabei_tui.domain.ledger import Ledger
from huabei_tui.i18n import tr
from huabei_tui.ui.app import HuabeiApp
from huabei_tui.ui.screens.checklist import ChecklistScreen
from huabei_tui.ui.widgets.checklist_view import ChecklistView
from support.tui import TODAY, demo_data_app, drive_screen

DEMO_TICKED = date(2026, 10, 20)  # the demo ticks the five steps 40 days before today


def make_app(tmp_path: Path, lang: str = "zh", *, warm_screens: bool = False) -> HuabeiApp:
    return demo_data_app(tmp_path, lang, remember_lang=False, warm_screens=warm_screens)


def drive(app: HuabeiApp, scenario: Callable[..., Awaitable[None]]) -> None:
    drive_screen(app, "3", ChecklistScreen, scenario)


def view(app: HuabeiApp) -> ChecklistView:
    return app.screen.query_one(ChecklistView)


def banner(app: HuabeiApp) -> str:
    return str(app.screen.query_one("#chk-status").content)


def test_space_and_enter_untick_and_tick_with_the_date(tmp_path: Path) -> None:
    app = make_app(tmp_path)

    async def scenario(pilot) -> None:
        assert view(app).highlighted_key == "auth:open_alipay"
        assert app.repo.load().auth_check.ticks["open_alipay"] == DEMO_TICKED
        await pilot.press("space")
        await pilot.pause()
        assert "open_alipay" not in app.repo.load().auth_check.ticks
        assert view(app).rows[1].mark == "[ ]"
        await pilot.press("enter")
        await pilot.pause()
        assert app.repo.load().auth_check.ticks["open_alipay"] == TODAY
        assert view(app).rows[1].mark == "[x]"
        assert view(app).rows[1].aside == TODAY.isoformat()
        # j/k move, and the cursor stays on its row after a save re-draws the list.
        await pilot.press("j", "j", "k")
        await pilot.pause()
        assert view(app).highlighted_key == "auth:open_huabei"
        await pilot.press("space")
        await pilot.pause()
        assert view(app).highlighted_key == "auth:open_huabei"
        ticks = app.repo.load().auth_check.ticks
        assert "open_huabei" not in ticks and ticks["tap_mine"] == DEMO_TICKED
        assert "4/5" in str(view(app).rows[0].text)

    drive(app, scenario)


def test_answer_keys_set_credit_reporting_everywhere(tmp_path: Path) -> None:
    app = make_app(tmp_path)

    async def scenario(pilot) -> None:
        assert app.snapshot.summary.credit_reporting == "reported"
        for lang in ("zh", "en"):
            for key, answer, status, words in (("n", "not_found", "not_reported", "reporting.not_reported"),
                                               ("u", "unsure", "unknown", "reporting.unsure"),
                                               ("f", "found", "reported", "reporting.reported")):
                await pilot.press(key)
                await pilot.pause()
                check = app.repo.load().auth_check
                assert (check.answer, check.answered_on) == (answer, TODAY)
                assert app.snapshot.summary.credit_reporting == status
                assert tr(words, lang) in banner(app)  # unsure: "ask customer service", not "do the check"
                marks = {row.key: row.mark for row in view(app).rows if row.key and row.key.startswith("answer:")}
                assert marks[f"answer:{answer}"] == "(*)"
                assert sorted(marks.values()) == ["( )", "( )", "(*)"]
                assert view(app).highlighted_key == f"answer:{answer}"
            await pilot.press("L")
            await pilot.pause()
        # The status screen shows the same status.
        await pilot.press("1")
        await pilot.pause()
        assert tr("reporting.reported", "zh") in str(app.screen.query_one("#status-account").content)

    drive(app, scenario)


def test_answer_chosen_from_the_list_with_space(tmp_path: Path) -> None:
    app = make_app(tmp_path, "en")

    async def scenario(pilot) -> None:
        await pilot.press(*["down"] * 6)  # five steps, skipping the heading, to the second answer
        await pilot.pause()
        assert view(app).highlighted_key == "answer:not_found"
        await pilot.press("space")
        await pilot.pause()
        assert app.snapshot.summary.credit_reporting == "not_reported"
        assert app.repo.load().auth_check.answer == "not_found"
        before = app.repo.path.read_bytes()
        await pilot.press("enter")  # the same answer again changes nothing
        await pilot.pause()
        assert app.repo.path.read_bytes() == before
        await app.screen.run_action("answer('unsure')")  # what the command palette runs
        await pilot.pause()
        assert app.snapshot.summary.credit_reporting == "unknown"

    drive(app, scenario)


def test_revoke_steps_show_their_caveats_in_both_languages_and_tick(tmp_path: Path) -> None:
    app = make_app(tmp_path)

    async def scenario(pilot) -> None:
        for lang in ("zh", "en"):
            rows = {row.key: row for row in view(app).rows}
            for step in REVOKE_STEPS:
                assert tr(step.text, lang) in str(rows[f"revoke:{step.id}"].text)
                assert tr(step.caveat, lang) in str(rows[f"revoke:{step.id}"].note)
            assert tr(f"reporting.{app.snapshot.summary.credit_reporting}", lang) in banner(app)
            await pilot.press("L")
            await pilot.pause()
        await pilot.press("end", "space")
        await pilot.pause()
        assert app.repo.load().revoke.ticks == {"wait_expiry": TODAY}
        assert app.repo.load().auth_check.ticks.keys() == {s.id for s in AUTH_STEPS}

    drive(app, scenario)


def screen_lines(app: HuabeiApp) -> list[str]:
    """The terminal as drawn: what the compositor sends for the whole screen, as plain lines."""
    width, height = app.size
    console = Console(width=width, height=height, file=io.StringIO(), record=True, legacy_windows=False)
    console.print(app.screen._compositor.render_update(full=True, screen_stack=app._background_screens))
    return console.export_text().splitlines()


def assert_step_5_whole(app: HuabeiApp) -> None:
    """Step 5 wraps to three lines at 80 columns with the scrollbar: all three are on the screen, in order."""
    lines = screen_lines(app)
    first = next(i for i, line in enumerate(lines) if "5. Look for the authorization" in line)
    assert "《个人使用者信息查询报送授权书》 (in the news also" in lines[first + 1], "\n".join(lines)
    assert "《个人用户信息查询报送授权书》)" in lines[first + 2], "\n".join(lines)
    assert tr("chk.section.answer", "en") in lines[first + 3], "\n".join(lines)


async def wait_for_warm_screens(app: HuabeiApp, pilot) -> None:
    """Let the app build the other screens in the background, as it does after the first paint of a real run:
    the checklist is then laid out (and its rows measured) before it is ever shown."""
    await asyncio.wait_for(app.screens_warmed.wait(), timeout=60)
    await pilot.pause()
    assert app.get_screen("checklist").is_running


def test_wrapped_rows_keep_every_line_when_the_scrollbar_appears(tmp_path: Path) -> None:
    """The list overflows at 80×24, so a scrollbar takes two columns after the rows were first measured without
    it: step 5 then wraps to three lines, and the third must not be cut off — on the first visit (screen built in
    the background), after switching from Chinese, and after a resize there and back."""

    async def run(lang: str) -> None:
        app = make_app(tmp_path / lang, lang, warm_screens=True)
        async with app.run_test(size=(80, 24)) as pilot:
            await wait_for_warm_screens(app, pilot)
            await pilot.press("3")
            await pilot.pause()
            assert isinstance(app.screen, ChecklistScreen)
            if lang == "zh":
                await pilot.press("L")
                await pilot.pause()
            assert view(app).show_vertical_scrollbar
            assert_step_5_whole(app)
            await pilot.resize_terminal(120, 30)
            await pilot.pause()
            await pilot.resize_terminal(80, 24)
            await pilot.pause()
            assert_step_5_whole(app)

    for lang in ("en", "zh"):
        (tmp_path / lang).mkdir()
        asyncio.run(run(lang))


def test_down_on_the_last_step_moves_on_instead_of_wrapping(tmp_path: Path) -> None:
    """On the recovery screen ↓ past the last recovery step goes to the contact log (it used to wrap round to
    step 1, so the rest of the screen seemed out of reach); ↑ on the first step goes back."""
    from huabei_tui.ui.screens.recovery import RecoveryScreen
    from support.tui import demo_data_app, drive_screen

    app = demo_data_app(tmp_path, "en")

    async def scenario(pilot) -> None:
        steps = app.screen.query_one("#rec-steps", ChecklistView)
        steps.focus()
        await pilot.pause()
        keys = [row.key for row in steps.rows if row.key]
        for _ in keys[1:]:
            await pilot.press("down")
        assert app.focused is steps and steps.highlighted_key == keys[-1]
        await pilot.press("down")
        await pilot.pause()
        assert app.focused is not steps and steps.highlighted_key == keys[-1]  # moved on, no wrap
        await pilot.press("shift+tab")
        await pilot.pause()
        assert app.focused is steps
        for _ in keys[1:]:
            await pilot.press("up")
        assert steps.highlighted_key == keys[0]
        await pilot.press("up")
        await pilot.pause()
        assert app.focused is not steps and steps.highlighted_key == keys[0]

    drive_screen(app, "4", RecoveryScreen, scenario)



def test_ticking_five_steps_shows_one_toast_not_five(tmp_path: Path) -> None:
    """Each save says so in a toast; a new one replaces the last instead of stacking over the list."""
    app = make_app(tmp_path, "en")

    async def run() -> None:
        async with app.run_test(size=(80, 24), notifications=True) as pilot:  # toasts are off in tests by default
            await pilot.press("3")
            await pilot.pause()
            for _ in range(5):
                await pilot.press("space", "j")
                await pilot.pause()
                await pilot.pause()
                assert len(app.screen.query("Toast")) == 1
            await pilot.press("space", "n")  # two saves before the next frame: still one toast, the last one
            await pilot.pause()
            await pilot.pause()
            assert len(app.screen.query("Toast")) == 1
            assert app.notice == tr("chk.msg.answered", "en")

    asyncio.run(run())


@pytest.mark.parametrize(("lang", "here", "elsewhere"), [
    ("en", "Credit reporting:  unchecked (steps below, then f / n / u)", "unchecked (see 3)"),
    ("zh", "征信报送： 未核查 （按下面的步骤核查，再按 f / n / u 记录）", "未核查（见 3）"),
])
def test_an_unchecked_status_on_screen_3_says_what_to_do_here_not_see_3(tmp_path: Path, lang: str, here: str,
                                                                        elsewhere: str) -> None:
    """Screen 3 must not send the user to screen 3: it names the rows and keys that answer the question; the
    status screen keeps its pointer to 3."""
    from support.tui import ledger_app

    app = ledger_app(tmp_path / "db.json", Ledger(), lang, TODAY, offer_setup=False)

    async def scenario(pilot) -> None:
        assert banner(app).splitlines()[0].rstrip() == here
        assert "see 3" not in banner(app) and "见 3" not in banner(app)
        await pilot.press("1")
        await pilot.pause()
        assert elsewhere in " ".join(str(s.content) for s in app.screen.query(Static))

    drive(app, scenario)
