"""A keyboard checklist: steps ticked with Space/Enter, moved through with the arrows or j/k, headings skipped.

Built on ``OptionList`` so scrolling, paging and wrapping come for free. Each row is drawn as a small grid —
cursor, mark, text (with an optional second line such as a caveat, wrapped with a hanging indent) and a right-hand
column for the date — so nothing depends on colour: the mark is ``[x]``/``[ ]`` (or ``(*)``/``( )`` for a choice)
and the cursor row carries a ``>`` as well as the highlight, which still reads with ``NO_COLOR``.

The widget only displays and reports: selecting a row posts ``ChecklistView.Chosen`` with the row's key, and the
screen performs the change through the repository, then calls ``show`` again with the new rows.

Row heights follow the width the rows are drawn at. ``OptionList`` measures every row once (its line cache) and
renders it once (its render cache, keyed without the width), and forgets both only on a ``Resize`` event or a new
prompt. A vertical scrollbar that appears (or goes) narrows (or widens) the text by two cells without a ``Resize``:
the widget keeps its size. The first measurement happens before the list knows it overflows, so it was made for
the width without the scrollbar, then the scrollbar came and a row that wraps one line more at the narrower width
lost its last line (step 5 of the checklist in English at 80 columns). So when the vertical scrollbar comes or
goes (``watch_show_vertical_scrollbar``), the rows are measured again at the new width (replacing a prompt is the
public way to empty both caches); a scrollbar that this measuring brings or takes away triggers it once more.
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.console import RenderableType
from rich.table import Table
from rich.text import Text
from textual.geometry import Size
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from huabei_tui.ui import registry
from huabei_tui.ui.keys import binding, bindings

CURSOR = ">"


@dataclass(frozen=True)
class Row:
    """One line of the list: a heading when ``key`` is None, else a row that can be chosen."""

    key: str | None
    text: str | Text
    mark: str = ""
    number: str = ""
    note: str | Text | None = None
    aside: str | Text = ""


def _prompt(row: Row, highlighted: bool) -> RenderableType:
    if row.key is None:
        return row.text if isinstance(row.text, Text) else Text(row.text, style="bold underline")
    grid = Table.grid(padding=(0, 1), expand=True)
    grid.add_column(width=1, no_wrap=True)
    grid.add_column(no_wrap=True)
    if row.number:
        grid.add_column(no_wrap=True)
    grid.add_column(ratio=1, overflow="fold")
    grid.add_column(no_wrap=True, justify="right")
    body = row.text.copy() if isinstance(row.text, Text) else Text(row.text)
    if row.note:
        body.append("\n")
        body.append(row.note if isinstance(row.note, Text) else Text(row.note, style="italic"))
    mark = Text(row.mark, style="bold")
    cursor = Text(CURSOR if highlighted else " ", style="bold")
    cells = [cursor, mark, row.number, body, row.aside] if row.number else [cursor, mark, body, row.aside]
    grid.add_row(*cells)
    return grid


def _first_enabled(view: OptionList) -> int | None:
    return next((i for i, option in enumerate(view.options) if not option.disabled), None)


def _last_enabled(view: OptionList) -> int | None:
    return next((i for i in range(view.option_count - 1, -1, -1) if not view.options[i].disabled), None)


class ChecklistView(OptionList):
    """Rows with marks; Space or Enter chooses the highlighted one (``Chosen``)."""

    BINDINGS = bindings("list")

    class Chosen(Message):
        """The user chose the row with this key (Space, Enter or a click)."""

        def __init__(self, view: ChecklistView, key: str) -> None:
            super().__init__()
            self.view = view
            self.key = key

        @property
        def control(self) -> ChecklistView:
            return self.view

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self._rows: list[Row] = []
        self._measured: tuple[tuple[object, ...], tuple[object, ...], int] | None = None

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        """``OptionList`` measures every row again on every layout of the screen, each row a small Rich grid
        drawn in full to count its lines: two thirds of the layout a first visit to the recovery screen does
        (``bench/run.py --only-size``). The height depends only on the rows, the width and the few rules the base
        class reads (wrapping, overflow, line padding, the rows' padding), so it is kept for those. The rows are
        held and compared by identity: a changed row is a new prompt, and a row that has gone cannot be mistaken
        for a new one. (This list has no dividers, the one other thing the base class counts.)"""
        prompts = tuple(option.prompt for option in self.options)
        styles = self.styles
        key = (width, styles.text_wrap, styles.text_overflow, styles.line_pad,
               self.get_component_styles("option-list--option").padding.width)
        measured = self._measured
        if (measured is not None and measured[1] == key and len(measured[0]) == len(prompts)
                and all(a is b for a, b in zip(measured[0], prompts, strict=True))):
            return measured[2]
        height = super().get_content_height(container, viewport, width)
        self._measured = (prompts, key, height)
        return height

    def watch_show_vertical_scrollbar(self, shown: bool) -> None:
        """The scrollbar came or went: the rows are drawn two cells narrower or wider than they were measured at,
        without a ``Resize``; have them measured and drawn again (replacing a prompt empties both caches)."""
        if self.option_count:
            self.replace_option_prompt_at_index(0, self.get_option_at_index(0).prompt)

    @property
    def rows(self) -> list[Row]:
        return list(self._rows)

    @property
    def highlighted_key(self) -> str | None:
        if self.highlighted is None or not self._rows:
            return None
        return self._rows[self.highlighted].key

    def show(self, rows: list[Row]) -> None:
        """Replace the rows, keeping the cursor on the same key (else the first row that can be chosen)."""
        rows = list(rows)
        old = self._rows
        if [row.key for row in rows] == [row.key for row in old] and self.option_count == len(old):
            # The same rows with new marks or dates (a step ticked): redraw only the rows that changed. Rebuilding
            # every option re-measured every row and moved the cursor, a third of the time a tick took.
            self._rows = rows
            for index, (before, after) in enumerate(zip(old, rows, strict=True)):
                if before != after:
                    self.replace_option_prompt_at_index(index, _prompt(after, index == self.highlighted))
            return
        keep = self.highlighted_key
        self._rows = rows
        self.clear_options()
        self.add_options(
            [Option(_prompt(row, False), id=row.key, disabled=row.key is None) for row in self._rows]
        )
        keys = [row.key for row in self._rows]
        first = next((i for i, key in enumerate(keys) if key is not None), None)
        index = keys.index(keep) if keep is not None and keep in keys else first
        self.highlighted = index
        if index is not None:
            self._draw_cursor(None, index)

    def action_cursor_down(self) -> None:
        """↓ on the last row moves on to the next part of the screen (the contact log, say) instead of wrapping
        round to the first row, which read as "↓ does not get me further"."""
        if self.highlighted is not None and self.highlighted == _last_enabled(self):
            self.screen.focus_next()
            return
        super().action_cursor_down()

    def action_cursor_up(self) -> None:
        """↑ on the first row moves back to the part of the screen before the list, as ↓ moves on."""
        if self.highlighted is not None and self.highlighted == _first_enabled(self):
            self.screen.focus_previous()
            return
        super().action_cursor_up()

    def move_to(self, key: str) -> None:
        keys = [row.key for row in self._rows]
        if key in keys:
            self.highlighted = keys.index(key)

    def _draw_cursor(self, old: int | None, new: int | None) -> None:
        for index, on in ((old, False), (new, True)):
            if (index is not None and 0 <= index < min(len(self._rows), self.option_count)
                    and self._rows[index].key is not None):
                self.replace_option_prompt_at_index(index, _prompt(self._rows[index], on))

    def watch_highlighted(self, old: int | None, new: int | None) -> None:  # type: ignore[override]
        if old != new:
            self._draw_cursor(old, new)
        super().watch_highlighted(new)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id is not None:
            self.post_message(self.Chosen(self, event.option.id))


class TickList(ChecklistView):
    """The list of a screen that is nothing but the list (the checklist): Space shows in the footer."""

    BINDINGS = [binding(registry.BY_ID["list.toggle"], show=True)]
