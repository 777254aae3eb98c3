"""The footer shows every key it holds at 80 columns: each screen, both languages, with one and with two credit
lines (the second adds ``w``). Measured on the footer's line as drawn (each key placed by its cell width, so a
Chinese label counts two cells a character): no key may end under the palette key docked on the right or past
the edge, and quit and help are always among them."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from huabei_tui.domain.account import Account
from huabei_tui.domain.dates import Month
from huabei_tui.domain.demo import demo_ledger
from huabei_tui.domain.lines import CreditLine
from huabei_tui.storage.repository import Repository
from huabei_tui.storage.store import Store
from huabei_tui.textwidth import cell_width
from huabei_tui.ui.widgets.key_footer import KeyFooter
from support.tui import ledger_app, run_app

TODAY = date(2026, 12, 6)
WIDTH = 80
#: The key that opens each screen, from the status screen (the planner is opened from it, then left with Esc).
SCREENS = (("status", "1"), ("planner", "o"), ("calendar", "2"), ("checklist", "3"), ("recovery", "4"))


def data_file(path: Path, lines: int) -> Path:
    repo = Repository(Store(path))
    repo.replace_ledger(demo_ledger(TODAY), only_if_empty=False)
    if lines == 2:
        line = repo.add_line(lambda lines: CreditLine(lines.next_id(), "信用购", ("信用购",)),
                             lambda _line: Account(limit=500000))
        repo.line(line.id).add_bill(Month(2026, 11), 30000, TODAY)
    return path


def footer_keys(screen) -> list[tuple[str, int, int, bool]]:
    """(key and label, first cell, cell after the last, is the palette key) of each key the footer shows; every
    key it holds must be shown (the footer leaves out keys that do not fit rather than cut them)."""
    footer = screen.query_one(KeyFooter)
    assert [item for *_, item in footer.placed] == list(footer.items()), "a key was left out"
    return [(f"{item.display} {item.description}", start, end, item.palette) for start, end, item in footer.placed]


@pytest.mark.parametrize("lines", [1, 2])
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_screen_footer_fits_80_columns(tmp_path: Path, lang: str, lines: int) -> None:
    app = ledger_app(data_file(tmp_path / "db.json", lines), None, lang, TODAY, remember_lang=False)
    seen: dict[str, list[str]] = {}

    async def scenario(pilot) -> None:
        for name, key in SCREENS:
            if name != "planner":
                await pilot.press("escape" if app.screen.id == "screen-planner" else "1")
                await pilot.pause()
            await pilot.press(key)
            await pilot.pause()
            await pilot.pause()
            assert app.screen.id == f"screen-{name}"
            keys = footer_keys(app.screen)
            palette = [k for k in keys if k[3]]
            assert len(palette) == 1 and palette[0][2] <= WIDTH, palette
            edge = palette[0][1]
            shown = [k for k in keys if not k[3]]
            cut = [label for label, left, right, _ in shown if right <= left or right > edge]
            assert cut == [], f"{name} ({lang}, {lines} lines): cut or hidden {cut}"
            # The same by arithmetic on cell widths: each key is "key label" and one cell of space after it.
            cells = sum(cell_width(label) + 1 for label, *_ in shown)
            assert cells <= edge, f"{name}: {cells} cells before the palette at {edge}"
            seen[name] = [label for label, *_ in shown]

    run_app(app, scenario)
    for name, labels in seen.items():
        firsts = {label.split(" ")[0] for label in labels}
        assert {"?", "q"} <= firsts, f"{name}: quit and help always show ({labels})"
        if lines == 2:
            assert "w" in firsts, f"{name}: the line switcher shows with two lines ({labels})"
