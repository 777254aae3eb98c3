"""Two credit lines in the app: the lines block on the status screen, the switcher (w and the palette), the tab
bar naming the line on show, changes going to it, and the recovery screen's line column."""

from __future__ import annotations

import os
import shutil
import subprocess
from datetime import date
from pathlib import Path

import pytest

from huabei_tui.clock import Clock
from huabei_tui.domain.account import Account
from huabei_tui.domain.dates import Month
from huabei_tui.domain.lines import CreditLine
from huabei_tui.domain.textsafe import has_controls
from huabei_tui.storage.repository import Repository
from huabei_tui.storage.store import Store
from huabei_tui.ui.app import HuabeiApp
from huabei_tui.ui.screens.recovery import RecoveryScreen
from huabei_tui.ui.screens.status import StatusScreen
from huabei_tui.ui.widgets.key_footer import KeyFooter
from huabei_tui.views.lines import add_line_command
from support.tui import run_app as run

TODAY = date(2025, 5, 9)


def two_line_file(path: Path) -> Repository:
    """花呗 with bill 2025-05 (due 05-10) and an overdue bill 2025-03; 信用购 with bill 2025-05, due the same day."""
    repo = Repository(Store(path))
    repo.update_account(lambda account: Account(limit=800000))
    repo.add_bill(Month(2025, 5), 200000, TODAY)
    repo.add_bill(Month(2025, 3), 1000, TODAY)
    line = repo.add_line(lambda lines: CreditLine(lines.next_id(), "信用购", ("信用购",)),
                         lambda _line: Account(limit=500000))
    repo.line(line.id).add_bill(Month(2025, 5), 30000, TODAY)
    repo.line(line.id).add_bill(Month(2025, 4), 5000, TODAY)
    return repo


def plain(widget) -> str:
    return str(widget.render())


def test_status_shows_every_line_and_w_switches_the_line_changes_go_to(tmp_path: Path) -> None:
    repo = two_line_file(tmp_path / "db.json")
    app = HuabeiApp(repo, Clock(TODAY), "en", poll_seconds=0, warm_screens=False, remember_lang=False)

    async def scenario(pilot) -> None:
        assert isinstance(app.screen, StatusScreen)
        block = app.screen.query_one("#status-lines")
        assert block.display
        text = plain(block)
        assert "▶ 花呗" in text and "信用购" in text
        assert "Due next on 2025-05-10" in text and "¥2,300.00 in all" in text
        assert "line 花呗" in plain(app.screen.query_one("#tabbar"))
        shown = [key for key, active in app.screen.active_bindings.items() if active.binding.show]
        assert "w" in shown, "the switcher is in the footer when there is a line to switch to"
        await pilot.press("w")
        await pilot.pause()
        assert app.snapshot.line == "信用购"
        assert "▶ 信用购" in plain(app.screen.query_one("#status-lines"))
        assert "line 信用购" in plain(app.screen.query_one("#tabbar"))
        assert app.snapshot.summary.next_bill.outstanding == 30000
        # a payment made here goes to 信用购
        app.apply_change(lambda: app.session.record_payment(Month(2025, 5), 30000, TODAY))
        assert [p.amount for p in repo.line(2).load().payments] == [30000]
        assert repo.load().payments == ()
        await pilot.press("w")
        await pilot.pause()
        assert app.snapshot.line == "花呗"

    run(app, scenario)


def test_recovery_lists_the_overdues_of_every_line_with_a_line_column(tmp_path: Path) -> None:
    repo = two_line_file(tmp_path / "db.json")
    app = HuabeiApp(repo, Clock(TODAY), "zh", poll_seconds=0, warm_screens=False, remember_lang=False)

    async def scenario(pilot) -> None:
        await pilot.press("4")
        await pilot.pause()
        assert isinstance(app.screen, RecoveryScreen)
        text = plain(app.screen.query_one("#rec-episodes"))
        rows = [row for row in text.splitlines() if "2025-0" in row]
        assert rows[0].split()[:2] == ["信用账户", "账单"] or rows[0].startswith("花呗")
        assert [row.split()[0] for row in rows if row.split()[0] in ("花呗", "信用购")] == ["花呗", "信用购"]
        assert "共 2 次" in plain(app.screen.query_one("#rec-episodes-title"))
        assert "花呗 · " in plain(app.screen.query_one("#rec-grid-title"))

    run(app, scenario)


def footer_keys(app: HuabeiApp) -> list[str]:
    return [item.display for item in app.screen.query_one(KeyFooter).items()]


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_one_line_shows_no_lines_block_and_no_switcher_and_w_says_how_to_add_one(tmp_path: Path, lang: str) -> None:
    """With one line the switcher is not in the footer. Its key is in help, though, and used to do nothing at all
    when pressed: it now says there is one line and which command adds a second one (to this very file)."""
    repo = Repository(Store(tmp_path / "db.json"))
    repo.add_bill(Month(2025, 5), 100, TODAY)
    app = HuabeiApp(repo, Clock(TODAY), lang, poll_seconds=0, warm_screens=False, remember_lang=False)
    before = (tmp_path / "db.json").read_bytes()

    async def scenario(pilot) -> None:
        assert not app.screen.query_one("#status-lines").display
        assert "line " not in plain(app.screen.query_one("#tabbar"))
        assert "w" not in footer_keys(app), "no line to switch to: not in the footer"
        await pilot.press("w")
        await pilot.pause()
        assert app.snapshot.line == "花呗"
        assert f"--db {tmp_path / 'db.json'} line add 信用购" in app.notice
        assert ("只有一个信用账户（花呗）" if lang == "zh" else "one credit line (花呗)") in app.notice
        assert "w" not in footer_keys(app)

    run(app, scenario)
    assert (tmp_path / "db.json").read_bytes() == before, "the hint changes nothing"


def test_the_one_line_hint_names_the_profile_or_nothing_for_the_default_file(tmp_path: Path) -> None:
    repo = Repository(Store(tmp_path / "huabei-mum.json"))
    app = HuabeiApp(repo, Clock(TODAY), "en", poll_seconds=0, warm_screens=False, remember_lang=False,
                    profile="mum", offer_setup=False)

    async def scenario(pilot) -> None:
        await pilot.press("w")
        await pilot.pause()
        assert "run: huabei --profile mum line add 信用购" in app.notice

    run(app, scenario)
    assert add_line_command() == "huabei line add 信用购"
    assert add_line_command(db=Path("/tmp/my data/db.json")) == "huabei --db '/tmp/my data/db.json' line add 信用购"


@pytest.mark.parametrize("name", ["my\x1b[2Jdata.json", "c1\x9b31m.json", "\u202enosj.json", "bell's!\x07.json"])
def test_the_one_line_hint_names_a_file_with_control_characters_so_it_can_be_pasted(tmp_path: Path,
                                                                                    name: str) -> None:
    """A file name may hold ESC, a C1 control or a bidi override. Quoted with ``shlex.quote`` they stayed in the
    command, the toast (cleaned for the terminal) dropped them, and the command shown named another file: now the
    path is in ANSI-C quoting (``$'…\\e…'``), inert on screen and the very file when pasted into bash."""
    path = tmp_path / name
    repo = Repository(Store(path))
    repo.add_bill(Month(2025, 5), 100, TODAY)
    app = HuabeiApp(repo, Clock(TODAY), "en", poll_seconds=0, warm_screens=False, remember_lang=False)

    async def scenario(pilot) -> None:
        await pilot.press("w")
        await pilot.pause()

    run(app, scenario)
    assert f"run: huabei --db $'{tmp_path}/" in app.notice and app.notice.endswith(" line add 信用购")
    assert not has_controls(app.notice), app.notice
    word = app.notice.split(" --db ", 1)[1].removesuffix(" line add 信用购")
    if shutil.which("bash"):  # pasted: the word is the file's name, byte for byte
        printed = subprocess.run(["bash", "--norc", "-c", "printf %s " + word], capture_output=True, check=True)
        assert printed.stdout == os.fsencode(path)


def test_on_the_demo_w_says_a_line_is_added_to_ones_own_file(tmp_path: Path) -> None:
    from huabei_tui.ui.demo import demo_app

    app = demo_app(tmp_path, "zh")

    async def scenario(pilot) -> None:
        await pilot.press("w")
        await pilot.pause()
        assert app.notice.startswith("演示数据只有一个信用账户（花呗）")
        assert "huabei line add 信用购" in app.notice and "--db" not in app.notice

    run(app, scenario)


def test_a_line_added_in_another_terminal_brings_the_switcher(tmp_path: Path) -> None:
    repo = Repository(Store(tmp_path / "db.json"))
    repo.add_bill(Month(2025, 5), 100, TODAY)
    app = HuabeiApp(repo, Clock(TODAY), "en", poll_seconds=0, warm_screens=False, remember_lang=False)

    async def scenario(pilot) -> None:
        other = Repository(Store(tmp_path / "db.json"))
        other.add_line(lambda lines: CreditLine(lines.next_id(), "信用购", ()), lambda _line: None)
        app.check_for_changes()
        await pilot.pause()
        assert app.screen.query_one("#status-lines").display
        assert "w" in footer_keys(app)
        app.action_switch_line("信用购")
        await pilot.pause()
        assert app.snapshot.line == "信用购" and "line 信用购" in plain(app.screen.query_one("#tabbar"))

    run(app, scenario)


def test_a_line_name_that_looks_like_markup_is_shown_as_typed(tmp_path: Path) -> None:
    repo = Repository(Store(tmp_path / "db.json"))
    repo.add_bill(Month(2025, 5), 100, TODAY)
    repo.add_line(lambda lines: CreditLine(lines.next_id(), "[b]x[/b]", ()), lambda _line: None)
    app = HuabeiApp(repo, Clock(TODAY), "en", poll_seconds=0, warm_screens=False, remember_lang=False, line="[b]x[/b]")

    async def scenario(pilot) -> None:
        assert "▶ [b]x[/b]" in plain(app.screen.query_one("#status-lines"))
        assert "line [b]x[/b]" in plain(app.screen.query_one("#tabbar"))
        await pilot.press("w")
        await pilot.pause()
        assert app.snapshot.line == "花呗"

    run(app, scenario)


def test_the_settings_form_of_another_line_does_not_call_its_limit_huabeis(tmp_path: Path) -> None:
    """On 信用购 the form's limit is 信用购's: "花呗额度" there read as if it changed 花呗's limit."""
    from textual.widgets import Label

    repo = two_line_file(tmp_path / "db.json")
    app = HuabeiApp(repo, Clock(TODAY), "zh", poll_seconds=0, warm_screens=False, remember_lang=False)

    async def scenario(pilot) -> None:
        await pilot.press("w", "s")
        await pilot.pause()
        assert app.snapshot.line == "信用购"
        label = str(app.screen.query_one("#label-limit", Label).content)
        assert "花呗" not in label and "额度" in label

    run(app, scenario)


def test_export_all_writes_every_line_and_export_screen_the_line_on_show(tmp_path: Path) -> None:
    """``E`` with two lines writes both (as ``huabei export --all-lines``); ``e`` the screen of the line on show."""
    from huabei_tui.ui.dialogs.save_dialog import SaveDialog

    repo = two_line_file(tmp_path / "db.json")
    app = HuabeiApp(repo, Clock(TODAY), "en", poll_seconds=0, warm_screens=False, remember_lang=False, export_dir=tmp_path)
    day = TODAY.isoformat()

    async def scenario(pilot) -> None:
        for key in ("E", "e"):
            await pilot.press(key)
            await pilot.pause()
            assert isinstance(app.screen, SaveDialog)
            await pilot.press("enter")
            await pilot.pause()
            assert not isinstance(app.screen, SaveDialog)

    run(app, scenario)
    both = (tmp_path / f"huabei-all-lines-{day}.txt").read_text(encoding="utf-8")
    assert "Credit lines: all (花呗 / 信用购)" in both
    assert both.index("== 花呗 ==") < both.index("== 信用购 ==")
    assert "¥2,300.00 in all" in both
    one = (tmp_path / f"huabei-status-{day}.txt").read_text(encoding="utf-8")
    assert "Credit line: 花呗 (of 花呗 / 信用购;" in one and "== 信用购 ==" not in one


def test_a_form_names_the_line_it_changes_when_there_are_two(tmp_path: Path) -> None:
    # With two lines the tab bar says which one is on show, but a form covers most of it: the form's title says
    # it again, so a payment is not typed into the wrong line.
    repo = two_line_file(tmp_path / "db.json")
    app = HuabeiApp(repo, Clock(TODAY), "zh", poll_seconds=0, warm_screens=False, remember_lang=False)

    async def scenario(pilot) -> None:
        for key, title in (("p", "记录还款 · 花呗"), ("b", "我刚查看了还款账户余额 · 花呗")):
            await pilot.press(key)
            await pilot.pause()
            assert plain(app.screen.query_one("#form-title")) == title
            await pilot.press("escape")
            await pilot.pause()
        await pilot.press("w", "p")
        await pilot.pause()
        assert plain(app.screen.query_one("#form-title")) == "记录还款 · 信用购"

    run(app, scenario)


def test_with_one_line_a_form_title_names_no_line(tmp_path: Path) -> None:
    repo = Repository(Store(tmp_path / "db.json"))
    repo.add_bill(Month(2025, 5), 200000, TODAY)
    app = HuabeiApp(repo, Clock(TODAY), "en", poll_seconds=0, warm_screens=False, remember_lang=False)

    async def scenario(pilot) -> None:
        await pilot.press("p")
        await pilot.pause()
        assert plain(app.screen.query_one("#form-title")) == "Record a payment"

    run(app, scenario)
