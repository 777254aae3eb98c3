"""The tab bar's one line, fitted to the terminal's width: nothing wraps and the tabs are never pushed off.

What the bar holds, left to right: the app's short name, the demo mark or the profile's name, the four tabs with
their keys, the credit line on show (only with several), today's date and the no-backup warning. The names are
the user's (a profile's may be 32 characters, a line's as long), so they are cut by terminal cell width with an
ellipsis (``textwidth.truncate``): to ``NAME_CELLS`` at most. When that is too wide, the app's name goes first
(the window title still says it), then the names are cut further, to ``NAME_MIN`` cells at the least; when even
that is too wide (a keymap with long keys), the tabs other than the one on show keep only their key, then the date
loses its year, then the date goes. The warning always stays: it is why a user would look at the bar at all.

Plain strings in, ``(text, style)`` parts out: the widget appends them with ``Text.append``, which never reads
markup, so a name like ``[b]x[/b]`` shows as typed. A name is made one inert line first (``textsafe.one_line``: an
escape sequence goes whole, parameters and all; a line break or a tab is a space; bidirectional controls and
zero-width characters go), so what is measured is what is drawn. ``textsafe`` imports only ``re``, which Textual
has loaded already: the one module of ``domain`` the quick start's first frame may import.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from huabei_tui.domain.textsafe import one_line
from huabei_tui.i18n import bracketed, tr
from huabei_tui.textwidth import cell_width, truncate

#: At most this many cells of a profile's or a credit line's name.
NAME_CELLS = 10
#: Names are cut to no fewer cells than this (one Chinese character and the ellipsis, or three letters and it)
#: before the app's name and the other tabs' labels give way.
NAME_MIN = 4


@dataclass(frozen=True)
class Tab:
    name: str  # the screen's name (``registry``)
    key: str  # its key as bound, for people ("3", "F7")
    label: str  # its short label, translated


@dataclass(frozen=True)
class Heading:
    """What the bar says besides the tabs (``app.heading``)."""

    lang: str
    today: str
    demo: bool = False
    profile: str | None = None
    line: str | None = None
    no_backup: bool = False


#: How much to leave out, richest first: (the app's name shown, every tab labelled, the date as "YYYY-MM-DD",
#: "MM-DD" or not at all).
_LEVELS = ((True, True, "full"), (False, True, "full"), (False, False, "full"), (False, False, "short"),
           (False, False, "none"))


def tab_bar_parts(heading: Heading, tabs: Sequence[Tab], current: str, width: int) -> list[tuple[str, str]]:
    """The bar's parts for a terminal ``width`` cells wide. The names at ``NAME_CELLS`` with every tab labelled,
    with the app's name if there is room for it; else the richest layout without the app's name in which the
    names fit in ``NAME_MIN`` cells each, the names then given all the room left (up to ``NAME_CELLS``)."""
    names = {"profile": None if heading.demo else heading.profile, "line": heading.line}
    names = {k: one_line(v) for k, v in names.items() if v is not None}

    def layout(level: tuple[bool, bool, str], cells: int) -> list[tuple[str, str]]:
        return _parts(heading, tabs, current, names, cells, *level)

    for level in _LEVELS[:2]:  # a user's names are worth more than the app's own
        parts = layout(level, NAME_CELLS)
        if _width(parts) <= width:
            return parts
    for level in _LEVELS[1:]:
        parts = layout(level, NAME_MIN)
        if _width(parts) <= width:
            for cells in range(NAME_CELLS - 1, NAME_MIN, -1):
                roomier = layout(level, cells)
                if _width(roomier) <= width:
                    return roomier
            return parts
    return parts  # even the most compact layout is too wide (a very narrow terminal): the widget crops it


def _width(parts: Sequence[tuple[str, str]]) -> int:
    return sum(cell_width(text) for text, _ in parts)


def _parts(heading: Heading, tabs: Sequence[Tab], current: str, names: dict[str, str], cells: int, show_app: bool,
           labelled: bool, date_form: str) -> list[tuple[str, str]]:
    lang = heading.lang
    after_mark = "" if lang == "zh" else " "  # "（妈妈）" needs no space after it, "(mum)" does
    parts = [(f" {tr('app.short', lang)} ", "bold") if show_app else (" ", "")]
    if heading.demo:
        parts.append((bracketed(tr("app.demo", lang), lang).lstrip() + after_mark, "italic"))
    elif "profile" in names:
        # Whose account this is, before anything else: a family's profiles look alike otherwise.
        parts.append((bracketed(truncate(names["profile"], cells), lang).lstrip() + after_mark, "bold reverse"))
    for tab in tabs:
        shown = tab.name == current
        text = f" {tab.key} {tab.label} " if labelled or shown else f" {tab.key} "
        parts.append((text, "reverse bold" if shown else ""))
    if "line" in names:  # several credit lines: which one the screens show and change (w switches)
        parts.append((f"  {tr('app.line', lang, name=truncate(names['line'], cells))}", "bold"))
    if date_form != "none":
        parts.append((f"  {heading.today if date_form == 'full' else heading.today[5:]}", ""))
    if heading.no_backup:  # saves go on without backups: said on every screen until the folder is fixed
        parts.append((f"  ! {tr('app.no_backup', lang)}", "bold reverse"))
    return parts
