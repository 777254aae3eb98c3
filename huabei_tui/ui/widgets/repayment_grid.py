"""The repayment grid drawn as the credit report prints it: one row per year, one column per month.

The codes come from ``domain.grid`` (computed once in the summary); this widget only lays them out, with the
legend beside the rows so the 24-month grid fits in a few lines at 80×24. Months outside the window are left
blank (never drawn as ``/``, which means "not opened yet"), and today's month is underlined. Every code is a
character, so the grid reads the same with no colour at all; colour only adds emphasis.
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text
from textual.widgets import Static

from huabei_tui.domain.grid import GridCell
from huabei_tui.textwidth import pad

CELL = 3  # cells per month column
YEAR = 4

CODE_STYLES = {"N": "green", "*": "dim", "/": "dim"}
OVERDUE_STYLE = "bold red"


def grid_text(cells: Sequence[GridCell], legend: Sequence[str] = (), current: str | None = None) -> Text:
    """Year rows × month columns, with ``legend`` lines placed to the right of the rows (then below)."""
    text = Text()
    header = " " * YEAR + "".join(f"{m:>{CELL}}" for m in range(1, 13))
    lines: list[Text] = [Text(header, style="dim")]
    by_month = {str(c.month): c for c in cells}
    years = sorted({c.month.year for c in cells})
    for year in years:
        line = Text(f"{year}", style="bold")
        for month in range(1, 13):
            key = f"{year:04d}-{month:02d}"
            cell = by_month.get(key)
            if cell is None:
                line.append(" " * CELL)
                continue
            style = OVERDUE_STYLE if cell.code in "1234567" else CODE_STYLES.get(cell.code, "")
            if key == current:
                style = f"{style} underline".strip()
            line.append(" " * (CELL - 1))
            line.append(cell.code, style=style)
        lines.append(line)
    width = YEAR + CELL * 12
    legend = list(legend)
    for index, line in enumerate(lines):
        if index:
            text.append("\n")
        text.append(line)
        if index < len(legend):
            text.append(" " * (width - line.cell_len + 3))
            text.append(legend[index], style="dim")
    for extra in legend[len(lines):]:
        text.append("\n" + pad("", width + 3))
        text.append(extra, style="dim")
    return text


class RepaymentGrid(Static, can_focus=True):
    """A focusable grid so Tab reaches it (and scrolls it into view); the screen's key switches 24/60 months."""

    def show(self, cells: Sequence[GridCell], legend: Sequence[str], current: str | None) -> None:
        self.update(grid_text(cells, legend, current))
