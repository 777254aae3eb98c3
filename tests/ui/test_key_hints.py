"""Hints and dialogs name keys as they are bound: a string says ``{k:<binding id>|<default>}`` and the app shows the
key in force, so a ``keys.toml`` that moves a binding moves the hint that names it (the first setup's "Ctrl+N skip",
the split dialog's "Esc cancels", a new user's "s  set the limit")."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest

from huabei_tui.clock import Clock
from huabei_tui.i18n import load_all, tr
from huabei_tui.storage.repository import Repository
from huabei_tui.storage.store import Store
from huabei_tui.ui import registry
from huabei_tui.ui.app import HuabeiApp
from huabei_tui.ui.dialogs.first_run import SetupStep
from huabei_tui.ui.dialogs.split import SplitDialog
from huabei_tui.ui.keymap import Keymap
from huabei_tui.ui.keys import KeyNames, key_display, key_name
from huabei_tui.ui.screens.status import StatusScreen
from support.tui import demo_data_app, run_app

KEY_FIELD = re.compile(r"\{k:([^}|]*)\|([^}]*)\}")
#: Keys moved: the setup's skip, the settings and the calendar's "add a bill", the split dialog's cancel.
REMAP = {"setup.skip": "ctrl+k", "status.settings": "z", "calendar.add_bill": "n", "split.cancel": "x"}


def test_every_key_a_string_names_is_a_binding_shown_by_its_default_key() -> None:
    named = 0
    for key, (zh, en) in load_all().items():
        fields = [KEY_FIELD.findall(text) for text in (zh, en)]
        assert sorted(fields[0]) == sorted(fields[1]), f"{key}: zh and en name different keys"
        for binding_id, default in fields[0]:
            every = binding_id.endswith("*")  # all its keys ("Enter/y"), not the first
            spec = registry.BY_ID.get(binding_id.removesuffix("*"))
            assert spec is not None, f"{key}: no binding {binding_id}"
            keys = spec.keys
            assert default == (key_display(keys) if every else key_name(keys.split(",")[0])), f"{key}: {binding_id}"
            named += 1
        assert "{k:" not in KEY_FIELD.sub("", zh + en), f"{key}: a key field without its default"
    assert named > 30


def test_without_the_app_a_string_shows_the_default_keys_and_with_it_the_keys_in_force() -> None:
    assert tr("plan.split.keys", "en") == "↑↓ choose · Enter splits · Esc cancels"
    moved = KeyNames(Keymap(overrides=REMAP))
    assert tr("plan.split.keys", "en", k=moved) == "↑↓ choose · Enter splits · x cancels"
    assert tr("setup.hint", "zh", k=moved) == "Enter 保存并继续（空着即跳过）· Ctrl+K 跳过这一步 · Esc 退出设置"
    assert tr("status.next.add_bill", "en", k=moved) == "2, then n  type in a bill"
    both = KeyNames(Keymap(overrides={"import.confirm": "enter,ctrl+y", "form.cancel": "ctrl+g"}))
    assert tr("import.hint_preview", "en", k=both).startswith("Enter/Ctrl+Y import · Esc/n cancel")
    assert tr("form.hint", "en", k=both) == "Tab next · Enter or Ctrl+S save · Ctrl+G cancel"
    assert tr("help.title", "en") == "Help · Esc/?/F1/q closes"
    assert tr("help.title", "en", k=KeyNames(Keymap(overrides={"help.close": "escape,x"}))) == "Help · Esc/x closes"


def test_the_setup_and_a_new_users_status_name_the_remapped_keys(tmp_path: Path) -> None:
    repo = Repository(Store(tmp_path / "db.json"))
    app = HuabeiApp(repo, Clock(date(2026, 12, 6)), "en", poll_seconds=0, warm_screens=False,
                    keymap=Keymap(overrides=REMAP), remember_lang=False)

    async def scenario(pilot) -> None:
        for _ in range(50):
            if isinstance(app.screen, SetupStep):
                break
            await pilot.pause(0.05)
        hint = str(app.screen.query_one("#setup-hint").content)
        assert "Ctrl+K skip this step" in hint and "Ctrl+N" not in hint
        assert "z settings" in str(app.screen.query_one("#setup-later").content)
        await pilot.press("ctrl+k")  # the remapped skip works as its hint says
        await pilot.pause()
        assert app.screen.step == "days"
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, StatusScreen)
        assert "change settings with z" in app.notice
        steps = str(app.screen.query_one("#status-next").render())
        assert "z  set the limit" in steps and "2, then n  type in a bill" in steps, steps

    run_app(app, scenario)


def test_the_split_dialog_names_its_remapped_cancel_key(tmp_path: Path, config_folder: Path) -> None:
    config_folder.mkdir()
    (config_folder / "keys.toml").write_text('"split.cancel" = "x"\n', encoding="utf-8")
    app = demo_data_app(tmp_path, "zh", today=date(2026, 12, 5), remember_lang=False)

    async def scenario(pilot) -> None:
        await pilot.press("I")
        await pilot.pause()
        assert isinstance(app.screen, SplitDialog)
        keys = str(app.screen.query_one("#split-keys").content)
        assert keys == "↑↓ 选择期数 · Enter 确认分期 · x 取消", keys
        await pilot.press("x")
        await pilot.pause()
        assert isinstance(app.screen, StatusScreen)

    run_app(app, scenario)


@pytest.mark.parametrize(("lang", "reporting", "section"), [
    ("en", "unchecked (see F7)", "== F7 · Authorization checklist"),
    ("zh", "未核查（见 F7）", "== F7 · 授权核查"),
])
def test_the_export_written_from_the_app_names_the_keys_of_keys_toml(tmp_path: Path, config_folder: Path,
                                                                     lang: str, reporting: str,
                                                                     section: str) -> None:
    """``E`` writes what ``huabei export`` writes, with the keys the app runs with (read from ``keys.toml``)."""
    config_folder.mkdir()
    (config_folder / "keys.toml").write_text('"app.go_checklist" = "f7"\n[status]\nsettings = "z"\n',
                                             encoding="utf-8")
    out = tmp_path / "out"
    out.mkdir()
    app = HuabeiApp(Repository(Store(tmp_path / "db.json")), Clock(date(2026, 12, 6)), lang, poll_seconds=0,
                    warm_screens=False, offer_setup=False, remember_lang=False, export_dir=out)

    async def scenario(pilot) -> None:
        await pilot.press("E")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()

    run_app(app, scenario)
    (written,) = out.iterdir()
    text = written.read_text(encoding="utf-8")
    assert text.count(reporting) == 2 and section in text, text
    assert ("(in the app: z)" if lang == "en" else "（界面里按 z）") in text
    assert "(see 3)" not in text and "（见 3）" not in text


@pytest.mark.parametrize(("lang", "toml", "said"), [
    ("en", "", "Tab next · Enter or Ctrl+S save · Esc cancel"),
    ("zh", "", "Tab 切换 · Enter 或 Ctrl+S 保存 · Esc 取消"),
    ("en", '"form.save" = "f9"\n"form.cancel" = "ctrl+g"\n', "Tab next · Enter or F9 save · Ctrl+G cancel"),
    ("zh", '"form.save" = "f9"\n"form.cancel" = "ctrl+g"\n', "Tab 切换 · Enter 或 F9 保存 · Ctrl+G 取消"),
])
def test_a_forms_hint_names_its_save_and_cancel_keys_as_bound(tmp_path: Path, config_folder: Path, lang: str,
                                                              toml: str, said: str) -> None:
    """The form's save key (Ctrl+S: it saves from a choice field too, where Enter opens the list) is in its hint,
    as keys.toml binds it, on one line of the dialog; and the key named saves."""
    from textual.widgets import Static

    from huabei_tui.ui.dialogs.form import FormDialog

    config_folder.mkdir()
    (config_folder / "keys.toml").write_text(toml, encoding="utf-8")
    app = demo_data_app(tmp_path, lang, remember_lang=False)
    save_key = "f9" if toml else "ctrl+s"

    async def scenario(pilot) -> None:
        await pilot.press("b")  # the balance form
        await pilot.pause()
        assert isinstance(app.screen, FormDialog)
        hint = app.screen.query_one("#form-hint", Static)
        assert str(hint.content) == said
        assert hint.size.height == 1  # one line at 80 columns
        app.screen.query_one("#field-balance").value = "123.45"
        await pilot.press(save_key)
        await pilot.pause()
        assert not isinstance(app.screen, FormDialog)
        assert app.repo.load().account.balance == 12345

    run_app(app, scenario)
