"""Screen 3, the authorization checklist, driven with keys through Pilot at 80×24."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import date
from pathlib import Path

from huabei_tui.domain.guide import AUTH_STEPS, REVOKE_STEPS
from huabei_tui.i18n import pick, tr
from huabei_tui.ui.app import HuabeiApp
from huabei_tui.ui.screens.checklist import ChecklistScreen
from huabei_tui.ui.widgets.checklist_view import ChecklistView
from support.tui import TODAY, demo_data_app, drive_screen

DEMO_TICKED = date(2026, 10, 20)  # the demo ticks the five steps 40 days before today


def make_app(tmp_path: Path, lang: str = "zh") -> HuabeiApp:
    return demo_data_app(tmp_path, lang, remember_lang=False)


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
        assert app.summary.credit_reporting == "reported"
        for lang in ("zh", "en"):
            for key, answer, status in (("n", "not_found", "not_reported"), ("u", "unsure", "unknown"),
                                        ("f", "found", "reported")):
                await pilot.press(key)
                await pilot.pause()
                check = app.repo.load().auth_check
                assert (check.answer, check.answered_on) == (answer, TODAY)
                assert app.summary.credit_reporting == status
                assert tr(f"reporting.{status}", lang) in banner(app)
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
        assert app.summary.credit_reporting == "not_reported"
        assert app.repo.load().auth_check.answer == "not_found"
        before = app.repo.path.read_bytes()
        await pilot.press("enter")  # the same answer again changes nothing
        await pilot.pause()
        assert app.repo.path.read_bytes() == before
        await app.screen.run_action("answer('unsure')")  # what the command palette runs
        await pilot.pause()
        assert app.summary.credit_reporting == "unknown"

    drive(app, scenario)


def test_revoke_steps_show_their_caveats_in_both_languages_and_tick(tmp_path: Path) -> None:
    app = make_app(tmp_path)

    async def scenario(pilot) -> None:
        for lang in ("zh", "en"):
            rows = {row.key: row for row in view(app).rows}
            for step in REVOKE_STEPS:
                assert pick(step.text, lang) in str(rows[f"revoke:{step.id}"].text)
                assert pick(step.caveat, lang) in str(rows[f"revoke:{step.id}"].note)
            assert tr(f"reporting.{app.summary.credit_reporting}", lang) in banner(app)
            await pilot.press("L")
            await pilot.pause()
        await pilot.press("end", "space")
        await pilot.pause()
        assert app.repo.load().revoke.ticks == {"wait_expiry": TODAY}
        assert app.repo.load().auth_check.ticks.keys() == {s.id for s in AUTH_STEPS}

    drive(app, scenario)
