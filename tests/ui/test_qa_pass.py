"""What using the app at 80×24 as a person would (tmux, both languages, 16 colours, NO_COLOR) found: a key that
works must be named in help, the palette speaks the user's language, and Chinese text is drawn whole."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from textual.containers import VerticalScroll

from huabei_tui.clock import Clock
from huabei_tui.domain.account import Account
from huabei_tui.domain.dates import Month
from huabei_tui.domain.demo import demo_ledger
from huabei_tui.domain.lines import CreditLine
from huabei_tui.storage.repository import Repository
from huabei_tui.storage.store import Store
from huabei_tui.ui.app import HuabeiApp
from huabei_tui.ui.screens.help import HelpScreen
from support.tui import run_app

TODAY = date(2026, 12, 6)


def two_line_app(path: Path, lang: str) -> HuabeiApp:
    repo = Repository(Store(path))
    repo.replace_ledger(demo_ledger(TODAY), only_if_empty=False)
    line = repo.add_line(lambda lines: CreditLine(lines.next_id(), "信用购", ("信用购",)),
                         lambda _line: Account(limit=500000))
    repo.line(line.id).add_bill(Month(2026, 11), 30000, TODAY)
    return HuabeiApp(repo, Clock(TODAY), lang, poll_seconds=0, warm_screens=False, remember_lang=False)


def test_the_status_screen_scrolls_with_the_arrows_and_help_says_so(tmp_path: Path) -> None:
    """With two credit lines the status body is taller than 24 rows; ↓ scrolls it, and help did not say so."""
    for lang, label in (("en", "Scroll up/down"), ("zh", "上下滚动")):
        app = two_line_app(tmp_path / f"{lang}.json", lang)

        async def scenario(pilot, app=app, label=label) -> None:
            body = app.screen.query_one("#status-body", VerticalScroll)
            assert body.max_scroll_y > 0, "the case this is about: a body taller than the terminal"
            await pilot.press("down", "down")
            await pilot.pause()
            assert body.scroll_y > 0
            await pilot.press("question_mark")
            await pilot.pause()
            assert isinstance(app.screen, HelpScreen)
            keys = str(app.screen.query_one("#help-keys").render())
            assert f"↑/↓         {label}" in keys, keys

        run_app(app, scenario)


def test_the_palette_names_the_month_keys_without_a_bracket_in_brackets(tmp_path: Path) -> None:
    """The palette shows each entry's key in square brackets, and the month keys are [ and ]: "[[]", "[]]".
    Their other key (PgUp/PgDn, which works the same) is shown instead; a key moved by keys.toml still shows."""
    from textual.command import CommandList, CommandPalette

    from huabei_tui.ui.palette import palette_key

    assert palette_key("left_square_bracket,pageup") == "PgUp"
    assert palette_key("right_square_bracket") == "]"  # no other key: still named
    assert palette_key("ctrl+p") == "Ctrl+P"
    app = two_line_app(tmp_path / "db.json", "zh")

    async def scenario(pilot) -> None:
        await pilot.press("2")
        await pilot.pause()
        await pilot.press("ctrl+p")
        await pilot.pause(0.3)
        assert isinstance(app.screen, CommandPalette)
        prompts = [str(option.prompt) for option in app.screen.query_one(CommandList).options]
        assert "日历：上个月  [PgUp]" in prompts and "日历：下个月  [PgDn]" in prompts, prompts
        assert not any("[[]" in p or "[]]" in p for p in prompts), prompts

    run_app(app, scenario)


def test_a_search_that_matches_nothing_says_so_in_the_user_s_language(tmp_path: Path) -> None:
    """Textual's "No matches found" is English only; in Chinese the palette said it in English."""
    from textual.command import CommandList, CommandPalette

    for lang, expected in (("zh", "没有匹配的命令（Esc 关闭）"), ("en", "No command matches (Esc closes)")):
        app = two_line_app(tmp_path / f"{lang}.json", lang)

        async def scenario(pilot, app=app, expected=expected) -> None:
            await pilot.press("ctrl+p")
            await pilot.pause(0.3)
            await pilot.press(*"zzqx")
            await pilot.pause(0.8)  # Textual adds its line 0.5 s after a search with no hit
            palette = app.screen
            assert isinstance(palette, CommandPalette)
            prompts = [str(option.prompt) for option in palette.query_one(CommandList).options]
            assert prompts == [expected], prompts
            before = app.repo.path.read_bytes()
            await pilot.press("enter")
            await pilot.pause()
            assert not isinstance(app.screen, CommandPalette) and app.repo.path.read_bytes() == before

        run_app(app, scenario)


def screenshot_rows(svg: str) -> list[str]:
    """The rows of an exported screenshot as text: each row's pieces in order, spaces as spaces."""
    import html
    import re

    rows: dict[float, list[tuple[float, str]]] = {}
    for found in re.finditer(r'<text[^>]*?x="([\d.]+)"[^>]*?y="([\d.]+)"[^>]*>(.*?)</text>', svg):
        rows.setdefault(float(found[2]), []).append((float(found[1]), html.unescape(found[3]).replace("\xa0", " ")))
    return ["".join(text for _, text in sorted(pieces)) for _, pieces in sorted(rows.items())]


def test_an_open_select_in_a_form_shows_its_chinese_options_whole(tmp_path: Path) -> None:
    """The contact form's "what you asked" list, opened, showed "申请延期  款": a field's label as wide as its text
    left a cut in the rows under it, and Textual's compositor drops a wide character that straddles a cut."""
    from textual.widgets import Select

    from support.tui import demo_data_app

    app = demo_data_app(tmp_path, "zh")

    async def scenario(pilot) -> None:
        await pilot.press("4")
        await pilot.pause()
        await pilot.press("c")
        await pilot.pause()
        await pilot.press("tab", "enter")
        await pilot.pause(0.3)
        assert app.screen.query_one(Select).expanded
        rows = screenshot_rows(app.export_screenshot())
        # The first option is also the field's value, on the row above the list: twice in all.
        for option, times in (("申请延期还款", 2), ("申请分期还款", 1), ("其他咨询", 1)):
            assert sum(option in row for row in rows) == times, (option, rows)

    run_app(app, scenario)
