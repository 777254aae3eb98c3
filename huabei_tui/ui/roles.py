"""The screens' styles for the views' roles (see ``huabei_tui.views.blocks``), and view lines as Rich text.

Colour only repeats what the words already say (the urgency is in "due in 3 days", the state in its mark), so
``NO_COLOR`` loses nothing. A role of several words gets each word's style; a role nobody styles is plain.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from functools import lru_cache

from rich.style import Style
from rich.text import Text

from huabei_tui.views.blocks import Line, Phrase

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
