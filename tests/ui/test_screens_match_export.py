"""Each screen and its section of the text export say the same thing, for the same snapshot (issue 11).

The app runs at 80×24 on the demo data; each of the four screens is opened and what its widgets hold is read
as text, row by row (panels and their titles, tables, checklist rows as drawn, the grid). The export the ``e``
key writes for that screen must hold every one of those rows, in the same order and in the same words: only
spacing and line breaks may differ (the export lays the words out at 80 columns itself), keyboard hints
("Space ticks", the f/n/u beside the answers) are left out of the text, and the export may add what the screen
leaves to a form or to another screen (the account's opening date; every bill) — never say something else.
"""

from __future__ import annotations

import asyncio
import dataclasses
import io
import re
from datetime import date
from pathlib import Path

import pytest
from rich.console import Console
from rich.text import Text
from textual.widgets import OptionList, Static

from huabei_tui.record import Record
from huabei_tui.ui.app import HuabeiApp
from huabei_tui.views.blocks import Phrase, is_hint
from huabei_tui.views.calendar import calendar_page
from huabei_tui.views.checklist import StepRow, checklist_page
from huabei_tui.views.recovery import recovery_page
from huabei_tui.views.status import status_page
from support.tui import TODAY, demo_data_app

LATE = date(2026, 12, 15)  # the demo's December bill is then 5 days overdue: more rows on every screen
PAGES = {"status": status_page, "calendar": calendar_page, "checklist": checklist_page, "recovery": recovery_page}


def as_text(content: object) -> str:
    """What a widget holds, as plain text (Rich renderables drawn wide enough that nothing wraps)."""
    if isinstance(content, str | Text):
        return str(content)
    console = Console(width=300, record=True, file=io.StringIO())
    console.print(content)
    return console.export_text()


def static(app: HuabeiApp, selector: str, *, title: bool = False) -> list[str]:
    widget = app.screen.query_one(selector, Static)
    if not widget.display:
        return []
    rows = [str(widget.border_title)] if title and widget.border_title else []
    return rows + as_text(widget.content).splitlines()


def option_rows(app: HuabeiApp, selector: str) -> list[str]:
    """The rows of a checklist as drawn (the cursor column left out)."""
    view = app.screen.query_one(selector, OptionList)
    rows: list[str] = []
    for index in range(view.option_count):
        drawn = as_text(view.get_option_at_index(index).prompt).splitlines()
        rows += [line.removeprefix(">") if n == 0 else line for n, line in enumerate(drawn)]
    return rows


def screen_rows(app: HuabeiApp, name: str) -> list[str]:
    if name == "status":
        return [*static(app, "#status-warnings"), *static(app, "#status-next", title=True),
                *static(app, "#status-account", title=True), *static(app, "#status-history"),
                *static(app, "#status-trend-caption"), *static(app, "#status-advice")]
    if name == "calendar":
        return [*static(app, "#cal-day", title=True), *static(app, "#cal-bills", title=True)]
    if name == "checklist":
        return [*static(app, "#chk-status"), *option_rows(app, "#chk-list")]
    return [*static(app, "#rec-episodes-title"), *static(app, "#rec-episodes"), *static(app, "#rec-episodes-note"),
            *static(app, "#rec-steps-title"), *option_rows(app, "#rec-steps"),
            *static(app, "#rec-contacts-title"), *static(app, "#rec-contacts"),
            *static(app, "#rec-grid-title"), *static(app, "#rec-grid")]


def hints_of(page: object) -> set[str]:
    """Every keyboard hint in a view: phrases playing the role "hint", the keys beside the answers."""
    found: set[str] = set()

    def walk(value: object) -> None:
        if isinstance(value, Phrase):
            if is_hint(value):
                found.add(value.text)
        elif isinstance(value, StepRow):
            if value.key_hint:
                found.add(value.key_hint)
            walk(value.text)
        elif dataclasses.is_dataclass(value):
            for item in dataclasses.fields(value):
                walk(getattr(value, item.name))
        elif isinstance(value, Record):  # the views' small values (a Pair) are Records, not dataclasses
            for name in value.__slots__:
                walk(getattr(value, name))
        elif isinstance(value, tuple | list):
            for item in value:
                walk(item)

    walk(page)
    return {squash(hint) for hint in found if hint.strip()}


def squash(text: str) -> str:
    """The words without their spacing: layout is the only thing allowed to differ."""
    return re.sub(r"\s+", "", text)


def assert_said_in_order(rows: list[str], export: str, hints: set[str]) -> None:
    said = squash(export)
    position = 0
    for row in rows:
        words = squash(row)
        for hint in sorted(hints, key=len, reverse=True):  # a hint closes the line it is on
            if words.endswith(hint):
                words = words[: -len(hint)]
                break
        if not words:
            continue
        found = said.find(words, position)
        assert found >= 0, f"the screen says {row.strip()!r}; the export, after what came before, does not"
        position = found + len(words)


@pytest.mark.parametrize("today", [TODAY, LATE], ids=str)
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_each_screen_says_what_its_export_says(tmp_path: Path, lang: str, today: date) -> None:
    app = demo_data_app(tmp_path, lang, today=today, remember_lang=False)
    checked: list[str] = []

    async def run() -> None:
        async with app.run_test(size=(80, 24)) as pilot:
            for key, name in zip("1234", PAGES, strict=True):
                await pilot.press(key)
                await pilot.pause()
                assert getattr(app.screen, "NAME", None) == name
                rows = screen_rows(app, name)
                assert len([row for row in rows if row.strip()]) >= 5, (name, rows)
                page = PAGES[name](app.screen.snapshot, lang)
                assert_said_in_order(rows, app.export_text(name), hints_of(page))
                checked.append(name)

    asyncio.run(run())
    assert checked == list(PAGES)


def test_a_difference_is_caught() -> None:
    """The comparison is not blind: a word changed, a row missing or rows swapped are refused."""
    export = "[Next bill]\nBill  2026-12\nDue   2026-12-10\n"
    assert_said_in_order(["Next bill", "Bill 2026-12", "Due 2026-12-10"], export, set())
    for rows in (["Bill 2026-11"], ["Due 2026-12-10", "Bill 2026-12"], ["Balance ¥1.00"]):
        with pytest.raises(AssertionError):
            assert_said_in_order(rows, export, set())
    assert_said_in_order(["Recovery steps · Space ticks"], "[Recovery steps]", {squash(" · Space ticks")})
