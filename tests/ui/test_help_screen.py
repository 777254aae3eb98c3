"""The help screen's rule paragraphs wrap like text in their language: Chinese between characters, English between
words, and neither leaves a bullet, a closing mark or a unit stranded at the start of a line."""

from __future__ import annotations

import re
from itertools import pairwise
from pathlib import Path

import pytest
from textual.geometry import Region
from textual.widgets import Static

from huabei_tui.i18n import tr
from huabei_tui.textwidth import break_lines, cell_width
from huabei_tui.ui.screens.help import RULES, HelpScreen
from support.tui import demo_data_app, drive_screen

CLOSING = tuple("。，；：、）」』")
CJK = re.compile(r"[\u3400-\u9fff]")


def help_lines(tmp_path: Path, lang: str, size: tuple[int, int] = (80, 24)) -> list[str]:
    """Every line of the help body as drawn at ``size`` (the whole body, not only the part scrolled into view)."""
    lines: list[str] = []

    async def scenario(pilot) -> None:
        for widget in pilot.app.screen.query("#help-body Static").results(Static):
            strips = widget.render_lines(Region(0, 0, widget.size.width, widget.size.height))
            lines.extend(strip.text.rstrip() for strip in strips)

    drive_screen(demo_data_app(tmp_path, lang), "question_mark", HelpScreen, scenario, size)
    return lines


def rule_lines(lines: list[str]) -> list[list[str]]:
    """The rule paragraphs among ``lines``: each starts with its bullet, the lines after it are indented."""
    rules: list[list[str]] = []
    for line in lines:
        if line.startswith("• "):
            rules.append([line])
        elif rules and line.startswith("  "):
            rules[-1].append(line)
    return rules


def test_chinese_help_at_80x24_breaks_between_characters_and_strands_nothing(tmp_path: Path) -> None:
    lines = help_lines(tmp_path, "zh")
    rules = rule_lines(lines)
    assert len(rules) == len(RULES), lines
    for line in lines:
        text = line.strip()
        assert text != "•", lines  # a bullet alone
        assert not text.startswith(CLOSING), line  # "。" or "）" pushed to the start of a line
        assert cell_width(line) <= 76, line
    for paragraph in rules:
        # lines are filled: Chinese may break anywhere, so no line but the last is much shorter than the width
        assert all(cell_width(line) > 64 for line in paragraph[:-1]), paragraph
        for upper, lower in pairwise(paragraph):
            # a number is never cut from its unit ("7" / "天", "28" / "日）")
            assert not (upper[-1].isdigit() and CJK.match(lower.strip()[0])), (upper, lower)
    shown = "\n".join(lines)
    assert "余额超过 7 天没有核对" in shown.replace("\n  ", "")  # the sentence reads through
    assert any("7 天" in line for line in lines), lines
    assert any("2 月 29 日" in line for line in lines) and any("2 月 28 日" in line for line in lines), lines
    assert "顺延" not in shown


def test_english_help_at_80x24_breaks_only_between_words(tmp_path: Path) -> None:
    lines = help_lines(tmp_path, "en")
    rules = rule_lines(lines)
    assert len(rules) == len(RULES), lines
    words = set(" ".join(tr(f"help.rule.{rule}", "en") for rule in RULES).split())
    for paragraph in rules:
        for line in paragraph:
            assert set(line.removeprefix("• ").split()) <= words, line  # no word cut in two
    assert "(60 on a key)" not in "\n".join(lines)
    assert any("press g" in line for line in lines), lines


@pytest.mark.parametrize("width", [12, 20, 33, 50, 74, 98])
@pytest.mark.parametrize("rule", RULES)
def test_rules_break_within_width_and_keep_numbers_with_units(rule: str, width: int) -> None:
    text = tr(f"help.rule.{rule}", "zh")
    lines = break_lines(text, width)
    assert "".join(lines).replace(" ", "") == text.replace(" ", "")  # nothing lost or added but spaces
    for line in lines:
        assert cell_width(line) <= width, line
        assert line == line.strip(), line
        assert not line.startswith(CLOSING), lines
        assert not line.endswith(("（", "“", "《")), lines
    for upper, lower in pairwise(lines):
        assert not (upper[-1].isdigit() and CJK.match(lower[0])), (upper, lower)


def test_break_lines_keeps_words_numbers_and_punctuation_with_their_neighbours() -> None:
    assert break_lines("Days to due = due date − today. 0 means due today", 16) == [
        "Days to", "due = due date −", "today. 0 means", "due today"]  # words whole, "x = y" together
    assert break_lines("is “花呗2025年04月账单”", 20, between_characters=False) == ["is", "“花呗2025年04月账单”"]
    assert break_lines("a supercalifragilistic word", 10) == ["a", "supercalif", "ragilistic", "word"]
    assert break_lines("余额超过 7 天没有核对", 12) == ["余额超过", "7 天没有核对"]  # not "余额超过 7" / "天…"
    assert break_lines("只舍入一次。不计复利", 10) == ["只舍入一", "次。不计复", "利"]  # not "。" first
    assert break_lines("（默认 0.05%，可在设置中修改）", 8) == ["（默认", "0.05%，", "可在设置", "中修改）"]
