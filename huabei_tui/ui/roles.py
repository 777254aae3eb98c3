"""The screens' styles for the views' roles (see ``huabei_tui.views.blocks``), and view lines as Rich text.

Colour only repeats what the words already say (the urgency is in "due in 3 days", the state in its mark), so
``NO_COLOR`` loses nothing. A role of several words gets each word's style; a role nobody styles is plain.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from functools import lru_cache

from rich.console import Console, ConsoleOptions, RenderResult
from rich.measure import Measurement
from rich.style import Style
from rich.text import Text

from huabei_tui.views.blocks import Line, Phrase, is_aside

ROLE_STYLES: dict[str, str] = {
    "label": "dim",
    "dim": "dim",
    "strong": "bold",
    "alert": "bold reverse",
    "badge": "bold reverse",
    "heading": "bold underline",
    "title": "bold",
    "best": "bold",
    "note": "italic",
    "urgent-overdue": "red",
    "urgent-soon": "yellow",
    "urgent-week": "yellow",
    "urgent-later": "green",
    "code-normal": "green",
    "code-overdue": "bold red",
    "code-none": "dim",
    "code-unknown": "yellow",
    "current": "underline",
}

#: Roles drawn as a tag: a space either side inside the reversed block.
PADDED = {"badge"}

#: A screen's own styles for roles that depend on its widgets (the calendar's state colours, from the grid).
Styler = Callable[[str], Style | str | None]


@lru_cache(maxsize=512)
def _role_style(role: str) -> Style:
    style = Style()
    for word in role.split():
        style += Style.parse(ROLE_STYLES.get(word, ""))
    return style


def style_of(role: str, styler: Styler | None = None) -> Style:
    """The style for ``role``: each of its words' styles, added up (``styler`` first, then ``ROLE_STYLES``)."""
    if styler is None:
        return _role_style(role)
    style = Style()
    for word in role.split():
        found = styler(word)
        style += _role_style(word) if found is None else Style.parse(found) if isinstance(found, str) else found
    return style


def _append(text: Text, phrase: Phrase, styler: Styler | None) -> None:
    words = f" {phrase.text} " if set(phrase.role.split()) & PADDED else phrase.text
    text.append(words, style_of(phrase.role, styler) if phrase.role else None)


def line_text(words: Line, styler: Styler | None = None) -> Text:
    text = Text()
    for phrase in words:
        _append(text, phrase, styler)
    return text


def lines_text(lines: Iterable[Line], styler: Styler | None = None, style: str = "") -> Text:
    """Lines under one another (``style`` under every line, as a widget-wide emphasis)."""
    text = Text(style=style)
    for index, words in enumerate(lines):
        if index:
            text.append("\n")
        for phrase in words:
            _append(text, phrase, styler)
    return text


class Hanging:
    """Rows of a label column and a value, drawn so that a value too long for the width goes on under the values
    (a hanging indent), not at the left edge where it would read as a label of its own. A value with an aside
    (``views.blocks``: "unchecked" + " (see Ctrl+Shift+F12)") loses the aside first when the whole does not fit
    the row. A Rich renderable: the width is only known when the panel is drawn (80 columns, a scrollbar, a
    wider terminal); widths are cells (``Text.cell_len``).

    ``str()`` gives the plain rows, asides included, as for the ``Text`` the other panels show.
    """

    def __init__(self, rows: Iterable[tuple[Text, Text, Text | None]]) -> None:
        """``rows``: (label, value with its aside, the value alone or ``None`` when it has no aside)."""
        self.rows = tuple(rows)

    def __str__(self) -> str:
        return "\n".join(label.plain + value.plain for label, value, _ in self.rows)

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        width = options.max_width
        for label, whole, alone in self.rows:
            indent = label.cell_len
            value = alone if alone is not None and whole.cell_len > width - indent else whole
            if width - indent < 8:  # no room for a value column: plain wrapping
                yield label + value
                continue
            for index, part in enumerate(value.wrap(console, width - indent) or [Text()]):
                row = label.copy() if index == 0 else Text(" " * indent)
                row.append_text(part)
                yield row

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        widest = max((label.cell_len + value.cell_len for label, value, _ in self.rows), default=0)
        narrowest = max((label.cell_len + 8 for label, _, _ in self.rows), default=0)
        return Measurement(min(narrowest, widest), widest).clamp(max_width=options.max_width)


def hanging_text(lines: Iterable[Line], styler: Styler | None = None) -> Hanging:
    """View lines whose first phrase is a padded label (``views.blocks.pair_lines``) with hanging values."""
    rows: list[tuple[Text, Text, Text | None]] = []
    for words in lines:
        label, value = words[:1], words[1:]
        alone = tuple(phrase for phrase in value if not is_aside(phrase))
        rows.append((line_text(label, styler), line_text(value, styler),
                     line_text(alone, styler) if len(alone) < len(value) else None))
    return Hanging(rows)
