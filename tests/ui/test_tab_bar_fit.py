"""The tab bar stays one line at 80 columns whatever the user named things: a long profile name, a long credit
line name and the no-backup warning together used to take 99 cells in Chinese and 110 in English, so the line
wrapped out of sight and took the date and the warning with it."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest

from huabei_tui.clock import Clock
from huabei_tui.domain.account import Account
from huabei_tui.domain.lines import CreditLine
from huabei_tui.storage.repository import Repository
from huabei_tui.storage.store import Store
from huabei_tui.textwidth import cell_width
from huabei_tui.ui.app import HuabeiApp
from huabei_tui.ui.screens.base import TabBar
from huabei_tui.ui.tab_layout import NAME_CELLS, NAME_MIN, Heading, Tab, tab_bar_parts
from support.tui import run_app

TODAY = date(2025, 5, 9)
PROFILE = "老王家里的那个很长很长的名字"
LINE = "兴业银行信用卡分期购物专用账户"
TABS = {"zh": ("账户", "日历", "核查", "修复"), "en": ("Status", "Calendar", "Checklist", "Recovery")}
WARNING = {"zh": "! 无备份", "en": "! no backup"}


def crowded_app(folder: Path, lang: str, profile: str = PROFILE, line: str = LINE) -> HuabeiApp:
    """A profile, a second credit line on show and a backups folder that cannot be used: everything at once."""
    repo = Repository(Store(folder / "db.json"))
    repo.update_account(lambda account: Account(limit=800000))
    repo.add_line(lambda lines: CreditLine(lines.next_id(), line, ()), lambda _line: None)
    backups = folder / "db.json.backups"
    shutil.rmtree(backups)
    backups.symlink_to(folder / "gone" / "backups")
    return HuabeiApp(repo, Clock(TODAY), lang, poll_seconds=0, warm_screens=False, offer_setup=False,
                     remember_lang=False, profile=profile, line=line)


def bar(app: HuabeiApp) -> str:
    return str(app.screen.query_one(TabBar).render())


def assert_fits(text: str, lang: str, width: int = 80) -> None:
    assert "\n" not in text and cell_width(text.rstrip()) <= width, (cell_width(text), text)
    for key in "1234":
        assert f" {key} " in text, text  # every tab's key stays on the bar
    assert TODAY.isoformat() in text and text.rstrip().endswith(WARNING[lang]), text


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_long_profile_a_long_line_and_the_warning_fit_80_columns(tmp_path: Path, lang: str) -> None:
    app = crowded_app(tmp_path, lang)

    async def scenario(pilot) -> None:
        for key, label in zip("1234", TABS[lang], strict=True):
            await pilot.press(key)
            await pilot.pause()
            text = bar(app)
            assert_fits(text, lang)
            assert f" {key} {label} " in text  # the tab on show keeps its label
            assert "老王" in text and "兴业" in text and text.count("…") == 2  # both names cut, with an ellipsis

    run_app(app, scenario)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_names_get_the_room_a_wider_terminal_gives_and_lose_it_on_a_resize(tmp_path: Path, lang: str) -> None:
    app = crowded_app(tmp_path, lang)

    async def scenario(pilot) -> None:
        await pilot.resize_terminal(140, 24)
        await pilot.pause()
        wide = bar(app)
        assert "老王家里…" in wide and "兴业银行…" in wide, wide  # NAME_CELLS each
        assert all(f" {key} {label} " in wide for key, label in zip("1234", TABS[lang], strict=True))
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        assert_fits(bar(app), lang)

    run_app(app, scenario, size=(140, 24))


def test_names_that_look_like_markup_show_as_typed(tmp_path: Path) -> None:
    app = crowded_app(tmp_path, "zh", profile="[b]老王[/b]很长很长", line="[red]信用[/red]很长")

    async def scenario(pilot) -> None:
        text = bar(app)
        assert_fits(text, "zh")
        assert "[b]" in text and "[red" in text, text

    run_app(app, scenario)


def heading(lang: str, **changes: object) -> Heading:
    return Heading(lang, "2025-05-09", **changes)  # type: ignore[arg-type]


def tabs(lang: str, keys: str = "1234") -> list[Tab]:
    return [Tab(name, key, label) for name, key, label in zip(("status", "calendar", "checklist", "recovery"),
                                                              keys, TABS[lang], strict=True)]


def joined(parts: list[tuple[str, str]]) -> str:
    return "".join(text for text, _ in parts)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_short_names_change_nothing_and_the_app_name_goes_only_when_the_names_need_it(lang: str) -> None:
    app_name = "花呗征信管家" if lang == "zh" else "Huabei"
    plain = joined(tab_bar_parts(heading(lang, profile="妈妈"), tabs(lang), "status", 80))
    assert app_name in plain and "妈妈" in plain and "…" not in plain
    crowded = tab_bar_parts(heading(lang, profile=PROFILE, line=LINE, no_backup=True), tabs(lang), "status", 80)
    text = joined(crowded)
    assert cell_width(text) <= 80 and app_name not in text and text.endswith(WARNING[lang])
    # the names share what is left, each at least NAME_MIN and at most NAME_CELLS cells
    profile_part = next(words for words, style in crowded if style == "bold reverse")
    assert NAME_MIN <= cell_width(profile_part.strip(" （）()")) <= NAME_CELLS


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_long_remapped_keys_keep_the_warning_and_label_only_the_tab_on_show(lang: str) -> None:
    parts = tab_bar_parts(heading(lang, profile=PROFILE, line=LINE, no_backup=True),
                          [Tab(t.name, f"Ctrl+F{n}", t.label) for n, t in enumerate(tabs(lang), start=9)],
                          "checklist", 80)
    text = joined(parts)
    assert cell_width(text) <= 80 and text.endswith(WARNING[lang]), text
    assert f" Ctrl+F11 {TABS[lang][2]} " in text and f" Ctrl+F9 {TABS[lang][0]}" not in text
    assert all(f" Ctrl+F{n} " in text for n in (9, 10, 11, 12))
    assert "2025" not in text  # the date went before the warning would


def test_the_demo_mark_is_never_cut_and_hides_the_profile() -> None:
    text = joined(tab_bar_parts(heading("zh", demo=True, profile=PROFILE, line=LINE, no_backup=True),
                                tabs("zh"), "status", 80))
    assert "（演示）" in text and "老王" not in text and cell_width(text) <= 80


def test_a_name_with_a_newline_or_an_escape_stays_on_one_line() -> None:
    text = joined(tab_bar_parts(heading("en", profile="mum\nx", line="a\x1b[31mb"), tabs("en"), "status", 120))
    assert "\n" not in text and "\x1b" not in text and "(mum x)" in text and " ab  " in text
    assert "[31m" not in text  # the whole sequence goes, not only its ESC (``textsafe.sanitize``)


#: Names a hand-edited data file or a pasted name may hold, and what the bar shows of them: escape sequences go
#: whole (CSI, OSC 52 that sets the clipboard, a title change ended by BEL, their C1 forms), line breaks of every
#: kind and tabs become spaces, bidirectional controls and zero-width characters go.
HOSTILE = [
    ("\x1b[31m妈妈\x1b[0m", "妈妈"),
    ("q\x1b]52;c;aGVsbG8=\x07q", "qq"),
    ("t\x1b]0;pwned\x1b\\x", "tx"),
    ("\x9b2J\x9d0;t\x9cc1", "c1"),
    ("1\r\n2\r3\n4", "1 2 3 4"),
    ("nel\x85x", "nelx"),
    ("tab\tx", "tab x"),
    ("p\u2028l\u2029e", "p l e"),
    ("\u202eevil\u202c", "evil"),
    ("\u2066iso\u2069\u200f\u061c", "iso"),
    ("z\u200bw\u200dj\ufeff\u00ad", "zwj"),
]


@pytest.mark.parametrize(("name", "shown"), HOSTILE)
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_hostile_name_shows_as_a_clean_one_line_label(lang: str, name: str, shown: str) -> None:
    for width in (140, 80):
        parts = tab_bar_parts(heading(lang, profile=name, line=name, no_backup=True), tabs(lang), "status", width)
        text = joined(parts)
        assert text.isprintable(), repr(text)  # nothing that is not drawn as itself: no control, no format char
        assert cell_width(text) <= width and text.endswith(WARNING[lang]), text
        assert all(f" {key} " in text for key in "1234")
    wide = joined(tab_bar_parts(heading(lang, profile=name, line=name), tabs(lang), "status", 140))
    assert shown in wide and wide.count(shown) == 2, (shown, wide)  # short enough to show whole, twice


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_hostile_names_on_the_running_bar_leave_one_clean_line_that_fits(tmp_path: Path, lang: str) -> None:
    # The profile's name as given; the line's as the store keeps it (it drops controls and bidirectional
    # characters on the way in, not zero-width ones) and finds it by the name as given.
    app = crowded_app(tmp_path, lang, profile="\x1b[31m\u202e老王\r\n家里\u200b的\x1b]52;c;aGVsbG8=\x07很长很长",
                      line="\u2066兴业\u200d银行\u2069\u202e信用卡分期专用账户")

    async def scenario(pilot) -> None:
        text = bar(app)
        assert_fits(text, lang)
        assert text.isprintable(), repr(text)
        assert "老王" in text and "兴业" in text and "[31m" not in text and "52;c" not in text, text

    run_app(app, scenario)
