"""The first run (issue 14) through Pilot: the setup on an empty file, each step skipped, Esc, what is saved and
remembered, when it is not offered; and the clipboard key."""

from __future__ import annotations

import asyncio
from datetime import date
from pathlib import Path

import pytest

from huabei_tui.clock import Clock
from huabei_tui.domain.account import Account
from huabei_tui.domain.first_run import FINISHED, LEFT, SETTING, STEPS
from huabei_tui.domain.ledger import Ledger
from huabei_tui.storage.repository import Repository
from huabei_tui.storage.store import Store
from huabei_tui.textwidth import cell_width
from huabei_tui.ui.app import HuabeiApp
from huabei_tui.ui.demo import DEMO_TODAY, demo_app
from huabei_tui.ui.dialogs.first_run import SetupStep
from huabei_tui.ui.dialogs.import_dialog import ImportDialog
from support.tui import run_app

TODAY = date(2026, 12, 6)


def new_app(folder: Path, lang: str = "en", ledger: Ledger | None = None) -> HuabeiApp:
    repo = Repository(Store(folder / "huabei.json"))
    if ledger is not None:
        repo.replace_ledger(ledger, only_if_empty=False)
    return HuabeiApp(repo, Clock(TODAY), lang, poll_seconds=0, warm_screens=False, export_dir=folder)


def stored(folder: Path) -> tuple[Account, object]:
    repo = Repository(Store(folder / "huabei.json"))
    return repo.load().account, repo.setting(SETTING)


async def wait_for_step(pilot, step: str | None) -> None:
    """Until the setup shows ``step`` (``None``: until no step is shown)."""
    app = pilot.app
    for _ in range(100):
        current = app.screen.step if isinstance(app.screen, SetupStep) else None
        # shown and ready: its field or list has the focus (keys typed before that have nowhere to go)
        if current == step and (step is None or (app.focused is not None and app.focused.screen is app.screen)):
            return
        await pilot.pause(0.02)
    raise AssertionError(f"step {step!r} never shown (now {app.screen!r})")


def run(app: HuabeiApp, scenario) -> None:
    async def go() -> None:
        async with app.run_test(size=(80, 24)) as pilot:
            await scenario(pilot)

    asyncio.run(go())


def test_the_whole_setup(tmp_path: Path) -> None:
    app = new_app(tmp_path)

    async def scenario(pilot) -> None:
        await wait_for_step(pilot, "limit")
        await pilot.press(*"８０００", "enter")  # full-width digits, as a Chinese input method types them
        await wait_for_step(pilot, "days")
        await pilot.press("down", "enter")  # 1/8, 1/9, [1/10] (the current pair, highlighted), 5/15
        await wait_for_step(pilot, "auto_repay")
        await pilot.press("enter")  # on
        await wait_for_step(pilot, "balance")
        await pilot.press(*"1200.5", "enter")
        await wait_for_step(pilot, "import")
        await pilot.press("down", "enter")  # later
        await wait_for_step(pilot, None)
        assert "Setup done" in app.notice

    run(app, scenario)
    account, remembered = stored(tmp_path)
    assert (account.limit, account.statement_day, account.due_day) == (800_000, 5, 15)
    assert (account.auto_repay, account.balance, account.balance_checked_on) == (True, 120_050, TODAY)
    assert remembered == FINISHED


def test_a_typed_day_pair_and_a_refusal_under_the_field(tmp_path: Path) -> None:
    app = new_app(tmp_path, "zh")

    async def scenario(pilot) -> None:
        await wait_for_step(pilot, "limit")
        await pilot.press(*"abc", "enter")
        await pilot.pause()
        assert app.screen.step == "limit"  # refused: the step stays, the reason under the field
        assert "不是有效金额" in str(app.screen.query_one("#setup-error").content)
        await pilot.press("ctrl+n")
        await wait_for_step(pilot, "days")
        await pilot.press("tab", *"7/7", "enter")
        await pilot.pause()
        assert "还款日不能与出账日相同" in str(app.screen.query_one("#setup-error").content)
        await pilot.press("ctrl+a", "ctrl+k", *"２８/８", "enter")  # (Pilot cannot type "／"; the rule's tests do)
        await wait_for_step(pilot, "auto_repay")
        await pilot.press("escape")
        await wait_for_step(pilot, None)

    run(app, scenario)
    account, remembered = stored(tmp_path)
    assert (account.limit, account.statement_day, account.due_day) == (None, 28, 8)
    assert remembered == LEFT


@pytest.mark.parametrize("skipped", STEPS)
def test_each_step_can_be_skipped(tmp_path: Path, skipped: str) -> None:
    """Ctrl+N on one step saves nothing for it; the others are answered."""
    app = new_app(tmp_path)
    answers = {"limit": (*"5000", "enter"), "days": ("enter",), "auto_repay": ("down", "enter"),
               "balance": (*"300", "enter"), "import": ("down", "enter")}

    async def scenario(pilot) -> None:
        for step in STEPS:
            await wait_for_step(pilot, step)
            await pilot.press(*(("ctrl+n",) if step == skipped else answers[step]))
        await wait_for_step(pilot, None)

    run(app, scenario)
    account, remembered = stored(tmp_path)
    assert remembered == FINISHED
    assert (account.limit is None) == (skipped == "limit")
    assert (account.auto_repay is None) == (skipped == "auto_repay")
    assert (account.balance is None) == (skipped == "balance")
    assert (account.statement_day, account.due_day) == (1, 10)  # the days step keeps the current pair either way


def test_skipping_everything_with_empty_enters_and_ctrl_n(tmp_path: Path) -> None:
    app = new_app(tmp_path)

    async def scenario(pilot) -> None:
        for step in STEPS:
            await wait_for_step(pilot, step)
            await pilot.press("enter" if step in ("limit", "balance") else "ctrl+n")
        await wait_for_step(pilot, None)

    run(app, scenario)
    account, remembered = stored(tmp_path)
    assert account == Account()  # nothing but the remembered outcome was saved
    assert remembered == FINISHED


def test_esc_on_the_first_step_leaves_and_is_not_offered_again(tmp_path: Path) -> None:
    app = new_app(tmp_path)

    async def scenario(pilot) -> None:
        await wait_for_step(pilot, "limit")
        await pilot.press("escape")
        await wait_for_step(pilot, None)
        assert "Setup left" in app.notice

    run(app, scenario)
    assert stored(tmp_path) == (Account(), LEFT)

    again = new_app(tmp_path)

    async def second_start(pilot) -> None:
        await pilot.pause(0.2)
        assert not isinstance(again.screen, SetupStep)

    run(again, second_start)


def test_what_the_setup_asks_is_in_the_settings_later(tmp_path: Path) -> None:
    """Left at once, every step stays reachable: s (limit, day pair, auto-repay), b (balance), i (import)."""
    from huabei_tui.ui.dialogs.form import FormDialog

    app = new_app(tmp_path)

    async def opened(pilot, key: str, kind: type):
        for _ in range(100):  # the dialog before this one has closed
            if not isinstance(app.screen, (FormDialog, SetupStep)):
                break
            await pilot.pause(0.02)
        await pilot.press(key)
        for _ in range(100):
            if isinstance(app.screen, kind):
                return app.screen
            await pilot.pause(0.02)
        raise AssertionError(f"{key} opened {app.screen!r}")

    async def scenario(pilot) -> None:
        await wait_for_step(pilot, "limit")
        await pilot.press("escape")
        await wait_for_step(pilot, None)
        settings = await opened(pilot, "s", FormDialog)
        names = {spec.name for spec in settings.fields}
        assert {"limit", "statement_day", "due_day", "auto_repay"} <= names and len(names) > 4  # + the day pair
        await pilot.press("escape")
        balance = await opened(pilot, "b", FormDialog)
        assert [spec.name for spec in balance.fields] == ["balance"]
        await pilot.press("escape")
        await opened(pilot, "i", ImportDialog)

    run(app, scenario)
    assert stored(tmp_path) == (Account(), LEFT)


def test_the_palette_runs_it_again_showing_what_is_saved(tmp_path: Path) -> None:
    app = new_app(tmp_path, ledger=Ledger(account=Account(limit=300_000, auto_repay=False)))

    async def scenario(pilot) -> None:
        await pilot.pause(0.2)
        assert not isinstance(app.screen, SetupStep)  # not an empty file: never on its own
        await pilot.press("ctrl+p", *"first setup")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await wait_for_step(pilot, "limit")
        assert app.screen.query_one("#setup-input").value == "3000.00"
        await pilot.press("enter")  # unchanged
        await wait_for_step(pilot, "days")
        await pilot.press("ctrl+n")
        await wait_for_step(pilot, "auto_repay")
        assert app.screen.query_one("#setup-choices").highlighted == 1  # "off", as stored
        await pilot.press("escape")
        await wait_for_step(pilot, None)

    run(app, scenario)
    account, _ = stored(tmp_path)
    assert (account.limit, account.auto_repay) == (300_000, False)


def test_yes_to_the_import_opens_the_import_dialog(tmp_path: Path) -> None:
    app = new_app(tmp_path)

    async def scenario(pilot) -> None:
        for step in STEPS[:-1]:
            await wait_for_step(pilot, step)
            await pilot.press("ctrl+n")
        await wait_for_step(pilot, "import")
        await pilot.press("enter")  # import now
        for _ in range(100):
            if isinstance(app.screen, ImportDialog):
                break
            await pilot.pause(0.02)
        assert isinstance(app.screen, ImportDialog)

    run(app, scenario)
    assert stored(tmp_path)[1] == FINISHED


def test_not_offered_for_the_demo_or_a_file_with_anything_in_it(tmp_path: Path) -> None:
    for folder in ("demo", "opened"):
        (tmp_path / folder).mkdir()
    for app in (demo_app(tmp_path / "demo", "en"),
                new_app(tmp_path / "opened", ledger=Ledger(account=Account(opened=date(2024, 1, 1))))):

        async def scenario(pilot, app=app) -> None:
            await pilot.pause(0.2)
            assert not isinstance(app.screen, SetupStep)

        run(app, scenario)


def test_the_setup_follows_the_language(tmp_path: Path) -> None:
    app = new_app(tmp_path, "zh")

    async def scenario(pilot) -> None:
        await wait_for_step(pilot, "limit")
        title = str(app.screen.query_one("#setup-title").content)
        assert title == "首次设置 · 第 1/5 步 · 花呗额度"
        await pilot.press("ctrl+n")
        await wait_for_step(pilot, "days")
        text = " ".join(str(o.prompt) for o in app.screen.query_one("#setup-choices").options)
        assert "每月 1 日出账，8 日还款" in text and "（当前）" in text
        assert "花呗 → 账单 → 还款日" in str(app.screen.query_one("#setup-intro").content)

    run(app, scenario)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_each_step_s_text_fills_its_lines(tmp_path: Path, lang: str) -> None:
    """Step 2's Chinese text wrapped only at spaces: "在支付宝 App：花呗 → 账单 →" stood alone on the first line
    (its next "word", the rest of the sentence, did not fit) and the sentence was folded below; step 5 likewise.
    Laid out with Chinese line breaks, every line but a paragraph's last is full (less a closing mark or a word)."""
    app = new_app(tmp_path, lang)

    async def scenario(pilot) -> None:
        for step in STEPS:
            await wait_for_step(pilot, step)
            intro = app.screen.query_one("#setup-intro")
            width = intro.content_region.width
            lines = [intro.render_line(y).text.rstrip() for y in range(intro.size.height)]
            short = [line for line in lines[:-1] if cell_width(line) < width - (3 if lang == "zh" else 12)]
            assert short == [], (step, width, lines)
            await pilot.press("ctrl+n")

    run_app(app, scenario)


# -- the clipboard ---------------------------------------------------------------------------------------------------
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_y_copies_the_screen_s_summary(tmp_path: Path, lang: str) -> None:
    app = demo_app(tmp_path, lang)

    async def scenario(pilot) -> None:
        await pilot.pause()
        for key, name in (("1", "status"), ("2", "calendar"), ("3", "checklist"), ("4", "recovery")):
            await pilot.press(key)
            await pilot.pause()
            await pilot.press("y")
            await pilot.pause()
            assert app.clipboard == app.export_text(name)  # exactly what e writes
            assert ("OSC 52" in app.notice) and (("e 导出" in app.notice) if lang == "zh" else ("press e" in app.notice))

    run(app, scenario)
    assert not list(tmp_path.glob("huabei-*.txt"))  # copying writes no file


def test_the_palette_copies_too(tmp_path: Path) -> None:
    app = demo_app(tmp_path, "en")

    async def scenario(pilot) -> None:
        await pilot.pause()
        await pilot.press("ctrl+p", *"clipboard")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause()
        assert app.clipboard.startswith("Huabei account summary")
        assert f"Generated {DEMO_TODAY.isoformat()}" in app.clipboard

    run(app, scenario)


@pytest.mark.parametrize(("lang", "limit", "day"), [
    ("en", "“abc” is not an amount (e.g. 1234.50 or ¥1,234.50)", "Statement day “45” is out of range: use 1–28"),
    ("zh", "“abc”不是有效金额（例：1234.50 或 ¥1,234.50）", "出账日“45”超出范围，须在 1–28 之间"),
])
def test_a_refusal_does_not_repeat_the_field_its_label_names(tmp_path: Path, lang: str, limit: str, day: str) -> None:
    # Under "Credit limit (¥)" the refusal says what is wrong, not "limit: …" again; in the day pair's one field it
    # says which day, as a sentence ("statement day: “45” is out of range: use 1–28" had two colons).
    app = new_app(tmp_path, lang)

    async def scenario(pilot) -> None:
        await wait_for_step(pilot, "limit")
        await pilot.press(*"abc", "enter")
        await pilot.pause()
        assert str(app.screen.query_one("#setup-error").content) == limit
        await pilot.press("ctrl+n")
        await wait_for_step(pilot, "days")
        await pilot.press("tab", *"45/3", "enter")
        await pilot.pause()
        assert str(app.screen.query_one("#setup-error").content) == day
        await pilot.press("escape")
        await wait_for_step(pilot, None)

    run(app, scenario)
