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


def key_values(pairs: Sequence[tuple[str, str]], gap: str = "  ") -> list[str]:
    """``label  value`` lines with the values in one column."""
    width = max((cell_width(k) for k, _ in pairs), default=0)
    return [f"{pad(k, width)}{gap}{v}".rstrip() for k, v in pairs]
