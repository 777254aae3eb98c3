"""A month drawn as a Monday-first grid whose marks read without colour: colour only repeats what the text says.

Each day is ``dd`` followed by up to two marks: ``[dd]`` is today, ``S`` a statement day, a bill falling due shows
its state (``✓`` paid, ``~`` paid late, ``•`` unpaid, ``!`` overdue, ``½`` its minimum paid, ``→`` its rest carried
into the next bill, ``÷`` split into instalments, ``D`` a due day with no bill recorded) and ``+`` an instalment
period (of a purchase plan or a split bill) on that bill; ``S→`` is a statement date on which a carried rest arrives.
The selected day is drawn in reverse. The widget draws a
``MonthView`` computed by ``huabei_tui.domain.calendar``, with the marks and names of ``huabei_tui.views.calendar``
(the day panel says the same); it does no date arithmetic of its own.
"""

from __future__ import annotations

from datetime import date

from rich.style import Style
from rich.text import Text
from textual.geometry import Region, Size
from textual.reactive import reactive
from textual.strip import Strip
from textual.widget import Widget

from huabei_tui.domain.calendar import DayCell, MonthView
from huabei_tui.domain.money import Fen, format_yuan
from huabei_tui.i18n import tr
from huabei_tui.textwidth import cell_width, pad
from huabei_tui.views.calendar import (
    DUE_DAY_MARK,
    HARD_MONTH_STATUSES,
    INSTALLMENT_MARK,
    LEGEND_STATUSES,
    STATEMENT_MARK,
    STATUS_MARKS,
    month_title,
    status_mark,
    weekday_names,
)

#: Week rows always take the room of six weeks, so the layout does not jump between months.
WEEK_ROWS = 6
MIN_CELL_WIDTH = 6
#: Cells this wide have room for a second line with the amount due.
AMOUNT_CELL_WIDTH = 10
#: How many months' drawn lines the grid keeps (the calendar screen keeps twelve months' views).
KEPT_VIEWS = 16


def day_marks(cell: DayCell) -> list[tuple[str, str]]:
    """The marks after the day number, each with its component class (at most two)."""
    marks: list[tuple[str, str]] = []
    if cell.statements or cell.is_statement_day:
        marks.append((STATEMENT_MARK, "statement"))
    bill = cell.worst_due
    if bill is not None:
        marks.append((status_mark(bill.status), bill.status.replace("_", "-")))
    elif cell.is_due_day:
        marks.append((DUE_DAY_MARK, "schedule"))
    elif cell.carried_arrivals:  # a statement date: the rest left after a minimum payment arrives on this bill
        marks.append((STATUS_MARKS["carried"], "carried"))
    if cell.installments:
        marks.append((INSTALLMENT_MARK, "installment"))
    return marks[:2]


def day_amount(cell: DayCell) -> tuple[Fen, str] | None:
    """What the optional second line of a cell shows: the money due (or issued) that day."""
    bill = cell.worst_due
    if bill is not None:
        return (bill.outstanding or bill.amount), bill.status.replace("_", "-")
    if cell.statements:
        return cell.statements[0].amount, "statement"
    if cell.installments:
        return sum(p.amount for p in cell.installments), "installment"
    return None


def short_yuan(fen: Fen, width: int) -> str:
    text = format_yuan(fen)
    return text if cell_width(text) <= width else f"¥{fen // 100:,}"


class MonthGrid(Widget):
    """Draws one ``MonthView`` with a title, the weekday header, six week rows and a legend.

    It draws a line at a time (Textual's line API, ``render_line``) and keeps each line it drew: a move of the
    selected day within the month asks Textual to draw again only the one or two week rows the selection left and
    entered, and a move into another month finds the lines of every week without the selection already drawn if
    that month was shown before. Drawing the whole grid as one ``Text`` cost 1.7 ms of a key press's ~6 ms of CPU
    on the ten-year bench file (in-process, 40 presses); ``render`` still returns that text (tests read it).
    """

    #: Text selection with the mouse would need ``render`` to draw: the grid draws a line at a time instead.
    ALLOW_SELECT = False

    COMPONENT_CLASSES = {
        "month-grid--title",
        "month-grid--keys",
        "month-grid--weekday",
        "month-grid--today",
        "month-grid--selected",
        "month-grid--statement",
        "month-grid--schedule",
        "month-grid--paid",
        "month-grid--paid-late",
        "month-grid--unpaid",
        "month-grid--overdue",
        "month-grid--installment",
        "month-grid--minimum-paid",
        "month-grid--carried",
        "month-grid--instalment",
        "month-grid--legend",
    }

    DEFAULT_CSS = """
    MonthGrid { width: auto; height: auto; }
    MonthGrid > .month-grid--title { text-style: bold; }
    MonthGrid > .month-grid--keys { color: $text-muted; }
    MonthGrid > .month-grid--weekday { color: $text-muted; text-style: bold; }
    MonthGrid > .month-grid--today { text-style: bold underline; }
    MonthGrid > .month-grid--selected { text-style: reverse; }
    MonthGrid > .month-grid--statement { color: $text-primary; text-style: bold; }
    MonthGrid > .month-grid--schedule { color: $text-muted; }
    MonthGrid > .month-grid--paid { color: $success; }
    MonthGrid > .month-grid--paid-late { color: $warning; }
    MonthGrid > .month-grid--unpaid { color: $warning; text-style: bold; }
    MonthGrid > .month-grid--overdue { color: $error; text-style: bold; }
    MonthGrid > .month-grid--installment { color: $text-secondary; }
    MonthGrid > .month-grid--minimum-paid { color: $text-warning; }
    MonthGrid > .month-grid--carried { color: $text-muted; }
    MonthGrid > .month-grid--instalment { color: $text-secondary; }
    MonthGrid > .month-grid--legend { color: $text-muted; }
    """

    #: Cells per day column (6 fits 80 columns; wider terminals get more).
    day_width: reactive[int] = reactive(MIN_CELL_WIDTH, layout=True)
    #: A second line per week with the amount due, when the terminal is tall and wide enough.
    show_amounts: reactive[bool] = reactive(False, layout=True)

    def __init__(self, *, id: str | None = None, classes: str | None = None,
                 month_keys: tuple[str, str] = ("[", "]")) -> None:
        super().__init__(id=id, classes=classes)
        self.view: MonthView | None = None
        self.selected: date | None = None
        self.lang = "zh"
        #: The keys in force for the previous and the next month, shown around the month's name.
        self.month_keys = month_keys
        # Textual forgets a widget's component styles on every refresh, and a key press on the calendar redraws
        # the grid: ~40 lookups a frame. The styles change only when the stylesheet or theme does
        # (``notify_style_update``), so they are kept here; so is the legend, which depends on the states shown,
        # the language and the width only. Measured in-process on the ten-year bench file (cProfile, 40 arrow
        # keys): the grid's share of a key press fell from 10 to 4 profiled ms.
        self._styles: dict[str, Style] = {}
        self._legend: tuple[tuple, list[Text]] | None = None
        #: The lines drawn, by what decides each (``_line_key``); emptied with the styles.
        self._strips: dict[tuple, Strip] = {}
        #: The views those lines were drawn from, by ``id``: held here so no other view can take the same ``id``
        #: while a line keyed by it is kept.
        self._views: dict[int, MonthView] = {}

    def show(self, view: MonthView, selected: date, lang: str) -> None:
        # The legend may wrap differently (another language, a month showing the states a minimum payment or a
        # split leave); the rest has a fixed size.
        legend_before = len(self.legend_lines()) if self.view is not None else 0
        before = self.view, self.selected, self.lang
        self.view, self.selected, self.lang = view, selected, lang
        if id(view) not in self._views:
            if len(self._views) >= KEPT_VIEWS:
                self._views.clear()
                self._strips.clear()
            self._views[id(view)] = view
        if len(self.legend_lines()) != legend_before:
            self.refresh(layout=True)
        elif before[0] is view and before[2] == lang:
            # The same month: only the week rows the selection left and entered look different.
            rows = {self._week_of(before[1]), self._week_of(selected)} - {None}
            height = self.lines_per_week
            self.refresh(*(Region(0, 2 + row * height, self.grid_width, height) for row in sorted(rows)))
        else:
            self.refresh()

    # -- size --------------------------------------------------------------------------------------------------
    @property
    def grid_width(self) -> int:
        return 7 * max(self.day_width, MIN_CELL_WIDTH)

    @property
    def content_height(self) -> int:
        return 2 + WEEK_ROWS * self.lines_per_week + len(self.legend_lines())

    @property
    def lines_per_week(self) -> int:
        return 2 if self.show_amounts and self.day_width >= AMOUNT_CELL_WIDTH else 1

    def get_content_width(self, container: Size, viewport: Size) -> int:
        return self.grid_width

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return self.content_height

    # -- drawing -----------------------------------------------------------------------------------------------
    def _style(self, name: str) -> Style:
        style = self._styles.get(name)
        if style is None:
            style = self._styles[name] = self.get_component_rich_style(f"month-grid--{name}", partial=True,
                                                                        default=Style())
        return style

    def notify_style_update(self) -> None:
        """The stylesheet or the theme changed: the kept styles (and the legend and lines drawn with them) are
        stale."""
        self._styles.clear()
        self._legend = None
        self._strips.clear()
        super().notify_style_update()

    def status_style(self, status: str) -> Style:
        """The grid's colour for a bill state (or ``installment``), for panels that list bills beside it."""
        return self._style(status.replace("_", "-"))

    def legend_lines(self) -> list[Text]:
        """The legend, wrapped to the grid's width (kept while what it shows is the same)."""
        items = [("[ ]", "today", "today"), (STATEMENT_MARK, "statement", "statement"),
                 (DUE_DAY_MARK, "schedule", "due_day")]
        shown = {b.status for b in self.view.bills} if self.view is not None else set()
        if self.view is not None and any(cell.carried_arrivals for cell in self.view.days):
            shown.add("carried")
        statuses = LEGEND_STATUSES + tuple(s for s in HARD_MONTH_STATUSES if s in shown)
        items += [(STATUS_MARKS[s], s.replace("_", "-"), s) for s in statuses]
        items.append((INSTALLMENT_MARK, "installment", "installment"))
        key = (tuple(items), self.lang, self.grid_width)
        if self._legend is not None and self._legend[0] == key:
            return self._legend[1]
        legend = self._style("legend")
        lines: list[Text] = []
        line, used = Text(), 0
        for mark, component, label in items:
            words = tr(f"cal.legend.{label}", self.lang)
            size = cell_width(mark) + 1 + cell_width(words)
            if used and used + 2 + size > self.grid_width:
                lines.append(line)
                line, used = Text(), 0
            if used:
                line.append("  ")
                used += 2
            line.append(mark, style=self._style(component) if component != "today" else Style(bold=True))
            line.append(" " + words, style=legend)
            used += size
        lines.append(line)
        self._legend = (key, lines)
        return lines

    def _cell(self, cell: DayCell) -> list[Text]:
        width = max(self.day_width, MIN_CELL_WIDTH)
        # The highlighted block; wider cells keep one blank column between days.
        core = width if width == MIN_CELL_WIDTH else width - 1
        gap = " " * (width - core)
        if not cell.in_month:  # the neighbouring months' days stay blank: the grid reads as one month
            return [Text(" " * width)] * self.lines_per_week
        selected = self._style("selected") if cell.date == self.selected else Style()
        base = self._style("today") if cell.is_today else Style()
        text = Text()
        text.append("[" if cell.is_today else " ", style=base + selected)
        text.append(f"{cell.date.day:>2}", style=base + selected)
        text.append("]" if cell.is_today else " ", style=base + selected)
        marks = day_marks(cell)
        for mark, component in marks:
            text.append(mark, style=self._style(component) + selected)
        text.append(" " * (core - 4 - len(marks)), style=selected)
        text.append(gap)
        lines = [text]
        if self.lines_per_week == 2:
            second = Text()
            amount = day_amount(cell)
            if amount is not None:
                fen, component = amount
                second.append(pad(" " + short_yuan(fen, core - 1), core), style=self._style(component) + selected)
            else:
                second.append(" " * core, style=selected)
            second.append(gap)
            lines.append(second)
        return lines

    def _week_of(self, day: date | None) -> int | None:
        """The row of the view's weeks that holds ``day``."""
        if self.view is None or day is None:
            return None
        return next((row for row, week in enumerate(self.view.weeks) if any(c.date == day for c in week)), None)

    def _line_key(self, y: int) -> tuple:
        """Everything line ``y`` depends on besides the styles (``notify_style_update`` empties the lines)."""
        view, per_week = self.view, self.lines_per_week
        if view is None:
            return ("none",)
        if y == 0:
            return ("title", view.month, self.lang, self.grid_width, self.month_keys)
        if y == 1:
            return ("header", self.lang, self.day_width)
        if y < 2 + WEEK_ROWS * per_week:
            row, line = divmod(y - 2, per_week)
            if row >= len(view.weeks):
                return ("blank",)
            selected = self.selected if self._week_of(self.selected) == row else None
            return ("week", id(view), row, line, selected, self.day_width, per_week, self.lang)
        return ("legend", y - 2 - WEEK_ROWS * per_week, self._legend_key())

    def _legend_key(self) -> tuple:
        self.legend_lines()  # brings the kept legend up to date
        return self._legend[0] if self._legend is not None else ()

    def _line_text(self, y: int) -> Text:
        """Line ``y`` of the grid: the month's name, the weekdays, a line of a week row, or the legend."""
        view = self.view
        if view is None:
            return Text()
        width = self.grid_width
        day_width = max(self.day_width, MIN_CELL_WIDTH)
        per_week = self.lines_per_week
        out = Text(no_wrap=True, overflow="crop")
        if y == 0:
            # The month keys frame the month's name: "[" goes back, "]" forward.
            back, forward = f"‹ {self.month_keys[0]}", f"{self.month_keys[1]} ›"
            out.append(back, style=self._style("keys"))
            title_width = max(width - cell_width(back) - cell_width(forward), 0)
            out.append(pad(month_title(view.month, self.lang), title_width, "center"), style=self._style("title"))
            out.append(forward, style=self._style("keys"))
        elif y == 1:
            header = "".join(pad(" " + name, day_width) for name in weekday_names(self.lang))
            out.append(header, style=self._style("weekday"))
        elif y < 2 + WEEK_ROWS * per_week:
            row, line = divmod(y - 2, per_week)
            if row < len(view.weeks):
                for cell in view.weeks[row]:
                    out.append_text(self._cell(cell)[line])
        else:
            legend = self.legend_lines()
            index = y - 2 - WEEK_ROWS * per_week
            if index < len(legend):
                out.append_text(legend[index])
        return out

    def render_line(self, y: int) -> Strip:
        key = (self._line_key(y), self.rich_style)
        strip = self._strips.get(key)
        if strip is None:
            text = self._line_text(y)
            strip = self._strips[key] = Strip(text.render(self.app.console), text.cell_len).apply_style(key[1])
        return strip

    def render(self) -> Text:
        """The whole grid as one text, line for line what ``render_line`` draws."""
        out = Text(no_wrap=True, overflow="crop")
        if self.view is None:
            return out
        for y in range(self.content_height):
            if y:
                out.append("\n")
            out.append_text(self._line_text(y))
        return out
