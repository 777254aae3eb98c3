"""Screen 2, Repayment calendar / 还款日历: the month around a bill, a day at a time.

A month grid (``MonthGrid``) with the selected day's details beside it and the month's bills and instalment
periods below. All date rules come from ``huabei_tui.domain.calendar`` and the words from
``huabei_tui.views.calendar``; this module only keeps the selected day and lays the panels out.
"""

from __future__ import annotations

from datetime import date

from rich.style import Style
from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Static

from huabei_tui.domain import calendar as cal
from huabei_tui.domain.dates import Month
from huabei_tui.ui.keys import bindings, key_name
from huabei_tui.ui.roles import lines_text
from huabei_tui.ui.screens.base import HuabeiScreen
from huabei_tui.ui.widgets.month_grid import MonthGrid
from huabei_tui.views.calendar import day_panel, month_panel, month_view

#: How many months' views the screen keeps for the snapshot shown (a year of moving back and forth).
KEPT_MONTHS = 12


class CalendarScreen(HuabeiScreen):
    NAME = "calendar"
    BINDINGS = bindings("calendar")

    def __init__(self) -> None:
        super().__init__()
        #: The selected day; today until the user moves (set when the screen first renders).
        self.selected: date | None = None
        #: The day of the month last chosen by a day move, so month moves do not drift (Jan 31 → Feb 28 → Mar 31).
        self._anchor_day: int | None = None
        self.view: cal.MonthView | None = None
        #: The snapshot ``view`` was made from (compared by identity) and the language its panel speaks.
        self._view_of: object = None
        #: The months already computed for the snapshot shown (``_view_of``): moving back to one costs no
        #: ``month_view`` again (2.3–3.2 ms a month on the ten-year file, in-process). Emptied with a new snapshot.
        self._month_views: dict[Month, cal.MonthView] = {}
        self._view_lang: str | None = None
        #: The day that was "today" when the screen last showed: a selection still on it follows the date.
        self._shown_today: date | None = None
        #: The rows the day panel's text took when last shown without wrapping (None: unknown).
        self._day_rows: int | None = None
        #: The rows of the month's bill list shown, when known without a layout (``_unwrapped_rows``).
        self._bills_rows: int | None = None

    def compose_body(self) -> ComposeResult:
        keymap = self.huabei.keymap
        month_keys = (key_name(keymap.first_key("calendar.prev_month")), key_name(keymap.first_key("calendar.next_month")))
        with Horizontal(id="cal-top"):
            yield MonthGrid(id="cal-grid", month_keys=month_keys)
            yield Static(id="cal-day")
        with VerticalScroll(id="cal-lists") as lists:
            lists.can_focus = False
            yield Static(id="cal-bills")

    # -- size --------------------------------------------------------------------------------------------------
    def on_resize(self, event: events.Resize) -> None:
        self._fit(event.size.width, event.size.height)

    def _fit(self, width: int, height: int) -> None:
        """Wider terminals get wider day cells; tall and wide ones a line with the amount under each day."""
        grid = self.query_one(MonthGrid)
        grid.day_width = 6 if width < 100 else 8 if width < 118 else 11
        grid.show_amounts = height >= 34
        self.query_one("#cal-day").styles.min_height = grid.content_height

    # -- content -----------------------------------------------------------------------------------------------
    def refresh_view(self) -> None:
        self.query_one(MonthGrid).lang = self.lang  # the legend's wrapping depends on it
        self._fit(self.size.width or self.app.size.width, self.size.height or self.app.size.height)
        self._show_selection()

    def _show_selection(self) -> None:
        snapshot, lang = self.snapshot, self.lang
        past_midnight = self._shown_today is not None and self._shown_today != snapshot.today
        if self.selected is None or (past_midnight and self.selected == self._shown_today):
            self.selected = snapshot.today  # first showing, or a new day with the old today still selected
        self._shown_today = snapshot.today
        month = Month.of(self.selected)
        if (self.view is None or self.view.month != month or self._view_of is not snapshot
                or self._view_lang != lang):
            if self._view_of is not snapshot:
                self._month_views = {}
            if month not in self._month_views:
                if len(self._month_views) >= KEPT_MONTHS:
                    self._month_views.pop(next(iter(self._month_views)))
                self._month_views[month] = month_view(snapshot, month)
            self.view = self._month_views[month]
            self._view_of, self._view_lang = snapshot, lang
            panel = month_panel(self.view, lang, self.huabei.key_names)
            bills = self.query_one("#cal-bills", Static)
            bills.border_title = panel.title
            text = lines_text(panel.lines(), self._state_style)
            rows = self._unwrapped_rows(bills, text)
            # A move into another month replaces the month's bill list; with as many rows as before (none
            # wrapping) its height is the same, and the screen need not be laid out again for it (a layout is
            # ~3 ms of a key press; the bench's walk crosses a month's end on 6 of its 10 moves).
            bills.update(text, layout=rows is None or rows != self._bills_rows)
            self._bills_rows = rows
        self.query_one(MonthGrid).show(self.view, self.selected, lang)
        cell = self.view.cell(self.selected)
        day = self.query_one("#cal-day", Static)
        if cell is None:
            day.update("")
            self._day_rows = None
            return
        panel = day_panel(snapshot, cell, lang)
        day.border_title = panel.title
        text = lines_text(panel.lines, self._state_style)
        rows = self._unwrapped_rows(day, text)
        # A day move changes the day panel's lines, rarely its height (it is at least the grid's height): then
        # the screen need not be laid out again (Textual's reflow was ~3 of a key press's ~13 ms of CPU on the
        # ten-year file, measured in-process over 20 presses at 80×24).
        same_height = rows is not None and self._day_rows is not None and (
            max(self._day_rows, rows) <= self._day_min_rows(day) or rows == self._day_rows)
        day.update(text, layout=not same_height)
        self._day_rows = rows

    @staticmethod
    def _unwrapped_rows(day: Static, text: Text) -> int | None:
        """How many rows ``text`` takes in the day panel, or None when that is not known without a layout (the
        panel not laid out yet, or a line that would wrap)."""
        width = day.content_size.width
        if width <= 0:
            return None
        lines = text.split("\n", allow_blank=True)
        if any(line.cell_len > width for line in lines):
            return None
        return len(lines)

    def _day_min_rows(self, day: Static) -> int:
        """The content rows the day panel has even when its text is shorter: its minimum height (the grid's,
        set in ``_fit``) less its border."""
        return self.query_one(MonthGrid).content_height - (day.outer_size.height - day.content_size.height)

    def _state_style(self, role: str) -> Style | None:
        """A bill's state in the grid's colour for it (the lists beside the grid match the marks in it)."""
        if role.startswith("state-"):
            return self.query_one(MonthGrid).status_style(role.removeprefix("state-"))
        return None

    # -- actions -----------------------------------------------------------------------------------------------
    def select_day(self, day: date) -> None:
        """Select ``day`` and show its month."""
        self.selected = day
        self._show_selection()

    def action_day(self, days: int) -> None:
        self._anchor_day = None
        self.select_day(cal.move_day(self.selected, days))

    def action_month(self, months: int) -> None:
        self._anchor_day = self._anchor_day or self.selected.day
        self.select_day(cal.move_month(self.selected, months, self._anchor_day))

    def action_today(self) -> None:
        self._anchor_day = None
        self.select_day(self.snapshot.today)

    def action_add_bill(self) -> None:
        app, snapshot = self.huabei, self.snapshot
        month = cal.bill_month_for_day(self.selected, snapshot.ledger.account.statement_day, snapshot.today)
        from huabei_tui.ui.dialogs.forms import bill_dialog

        self.app.push_screen(bill_dialog(app, month))

    def action_pay(self) -> None:
        app = self.huabei
        bill = cal.nearest_owing_bill(self.snapshot.summary.bills, self.selected)
        from huabei_tui.ui.dialogs.forms import pay_dialog

        self.app.push_screen(pay_dialog(app, bill.month if bill else None, bill.outstanding if bill else None))

SCREEN = CalendarScreen
