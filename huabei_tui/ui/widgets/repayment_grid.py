"""The repayment grid drawn as the credit report prints it: one row per year, one column per month.

The rows come laid out from the recovery view (``views.recovery.grid_lines``: codes from ``domain.grid``, the
legend beside the rows so the 24-month grid fits in a few lines at 80×24); this widget only gives them their
styles. Every code is a character, so the grid reads the same with no colour at all; colour only adds emphasis.
"""

from __future__ import annotations

from collections.abc import Sequence

from textual.widgets import Static

from huabei_tui.ui.roles import lines_text
from huabei_tui.views.blocks import Line


class RepaymentGrid(Static, can_focus=True):
    """A focusable grid so Tab reaches it (and scrolls it into view); the screen's key switches 24/60 months."""

    def show(self, lines: Sequence[Line]) -> None:
        self.update(lines_text(lines))
