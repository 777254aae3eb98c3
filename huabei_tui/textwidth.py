"""Lining text up by terminal cells, not characters.

A Chinese character takes two cells in a terminal, so ``str.ljust`` misaligns every column that holds one; these
helpers measure with Rich's cell tables (East Asian Wide and Fullwidth count as 2, combining marks and control
characters as 0, emoji sequences joined with ZWJ or VS16 as one glyph), the same measure Textual draws the app
with. Rich comes with Textual and imports in a third of the time ``wcwidth`` takes, which every ``huabei export``
pays.
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.cells import cell_len, get_character_cell_size


def cell_width(text: str) -> int:
    return cell_len(text)  # control characters count as nothing


def pad(text: str, width: int, align: str = "left") -> str:
    gap = max(width - cell_width(text), 0)
    if align == "right":
        return " " * gap + text
    if align == "center":
        return " " * (gap // 2) + text + " " * (gap - gap // 2)
    return text + " " * gap


def truncate(text: str, width: int, ellipsis: str = "…") -> str:
    """Cut ``text`` to at most ``width`` cells, never splitting a wide character."""
    if cell_width(text) <= width:
        return text
    out, used = [], 0
    limit = width - cell_width(ellipsis)
    for ch in text:
        w = get_character_cell_size(ch)
        if used + w > limit:
            break
        out.append(ch)
        used += w
    return "".join(out) + ellipsis


def table(headers: Sequence[str], rows: Sequence[Sequence[str]], aligns: Sequence[str] | None = None,
          gap: str = "  ") -> list[str]:
    """Rows of cells as lines whose columns line up in any terminal; trailing spaces are trimmed."""
    columns = len(headers)
    aligns = list(aligns or ["left"] * columns)
    widths = [cell_width(h) for h in headers]
    for row in rows:
        for i, cell in enumerate(row):
            widths[i] = max(widths[i], cell_width(cell))
    lines = [gap.join(pad(h, widths[i], aligns[i]) for i, h in enumerate(headers)).rstrip()]
    lines.append(gap.join("-" * w for w in widths))
    lines.extend(gap.join(pad(c, widths[i], aligns[i]) for i, c in enumerate(row)).rstrip() for row in rows)
    return lines


# -- line breaking ----------------------------------------------------------------------------------------------
# Terminal text wraps only at spaces; Chinese paragraphs (one long "word" between the spaces around their numbers)
# need breaks between characters, with the usual rules for punctuation and for numbers with their units.

#: Never at the start of a line (closing punctuation, Chinese and Latin).
NO_LINE_START = frozenset("。，、；：？！）」』】》〉”’…%,.;:!?)]}")
#: Never at the end of a line (opening punctuation).
NO_LINE_END = frozenset("（「『【《〈“‘([{")
#: Kept on one line with what stands beside it, across a space: "N = 正常", "due = due date".
GLUE = frozenset("=")
SPACE = " "


def _wide(char: str) -> bool:
    return get_character_cell_size(char) == 2


def _before_space(text: str, index: int) -> str:
    """The last character before the run of spaces that ends at ``index`` ("" at the start)."""
    while index > 0 and text[index - 1] == SPACE:
        index -= 1
    return text[index - 1] if index else ""


def can_break(text: str, index: int, between_characters: bool = True) -> bool:
    """May a line end just before ``text[index]`` (0 < index < len(text))? Spaces at a break are dropped.
    ``between_characters=False`` (English): only at spaces, so a Chinese name quoted in English stays whole."""
    before, after = text[index - 1], text[index]
    if after == SPACE or after in NO_LINE_START or before in NO_LINE_END:
        return False
    if before == SPACE:
        previous = _before_space(text, index)
        if after in GLUE or previous in GLUE:
            return False
        # a number and the Chinese unit after it: "7 天", "24 个月", "2 月 28 日"
        return not (previous.isdigit() and _wide(after))
    if not between_characters:
        return False
    if _wide(after):
        return not before.isdigit()  # "2025年": the unit stays with its number
    return _wide(before)  # inside a Latin word or number: no


def break_lines(text: str, width: int, between_characters: bool = True) -> list[str]:
    """``text`` cut into lines of at most ``width`` cells at the places ``can_break`` allows; a stretch with no
    such place that is wider than a line is cut where the line is full."""
    width = max(width, 2)
    lines: list[str] = []
    start, end = 0, len(text)
    while start < end:
        while start < end and text[start] == SPACE:
            start += 1
        used, index, last_break = 0, start, 0
        while index < end:
            char = text[index]
            size = get_character_cell_size(char)
            if char != SPACE and used + size > width:
                break
            used += size
            index += 1
            if index < end and can_break(text, index, between_characters):
                last_break = index
        if index >= end:
            cut = end
        elif last_break > start:
            cut = last_break
        else:
            cut = max(index, start + 1)
        line = text[start:cut].rstrip(SPACE)
        if line:
            lines.append(line)
        start = cut
    return lines
