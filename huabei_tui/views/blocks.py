"""The shapes every view is made of: phrases with a style role, lines of phrases, labelled pairs and tables.

A *role* says what a piece of text is, not how it looks: the screen turns it into a style (``ui/roles.py``), the
text export ignores it. A role may hold several words ("code-overdue current"): each adds its style.

Roles in use: ``label`` (the left side of a pair), ``dim``, ``strong``, ``alert`` (must not be missed: a shortfall,
being over the limit), ``badge`` (a status word shown as a tag), ``heading`` (a table's column titles),
``title`` (a section's title), ``note`` (a caveat under a step), ``urgent-overdue`` / ``urgent-soon`` /
``urgent-week`` / ``urgent-later`` (how soon a bill is due), ``state-paid`` / ``state-paid_late`` /
``state-unpaid`` / ``state-overdue`` / ``state-installment`` (a bill's state, the calendar's colours),
``code-normal`` / ``code-overdue`` / ``code-none`` / ``code-unknown`` (a repayment-grid code), ``current`` (today's
month), ``best`` (the planner's best option) and
``hint``: words for the keyboard user ("Space ticks", "press c to add"), which the screen shows and the text
export leaves out (there is no key to press in a file or a shell); ``aside``: words after a value that a screen
leaves out when its row is too narrow for them (the "(see 3)" of "unchecked (see 3)"), which the export keeps.

Widths are terminal cells (``textwidth.cell_width``), never ``len``: Chinese takes two cells a character.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cached_property

from huabei_tui.record import Record
from huabei_tui.textwidth import cell_width, pad, table


class Phrase(Record):
    """Words with the role they play (see the module docstring). A ``Record``, as ``Pair``: the status screen
    imports this module before the app's first frame, and a frozen dataclass costs most of a millisecond to
    define (``huabei_tui/record.py``)."""

    __slots__ = ("role", "text")
    text: str
    role: str

    def __init__(self, text: str, role: str = "") -> None:
        self._init(text=text, role=role)


#: One line of text, in pieces that may play different roles.
Line = tuple[Phrase, ...]


def line(*parts: Phrase | str) -> Line:
    """A line from phrases and plain strings (a plain string plays no role)."""
    return tuple(part if isinstance(part, Phrase) else Phrase(part) for part in parts if part != "")


HINT = "hint"


def is_hint(phrase: Phrase) -> bool:
    return HINT in phrase.role.split()


def plain(words: Line) -> str:
    """The text of a line as the export prints it: without its hints, no trailing spaces."""
    return "".join(phrase.text for phrase in words if not is_hint(phrase)).rstrip()


def plain_lines(lines: Iterable[Line]) -> list[str]:
    """The lines as the export prints them; a line that held only hints is left out (an empty one stays)."""
    return [plain(words) for words in lines if not words or not all(is_hint(p) for p in words)]


ASIDE = "aside"


def is_aside(phrase: Phrase) -> bool:
    return ASIDE in phrase.role.split()


class Pair(Record):
    """``label  value``: one row of a panel, and words after the value a narrow row may leave out (``aside``)."""

    __slots__ = ("aside", "label", "value")
    label: str
    value: Phrase
    aside: str

    def __init__(self, label: str, value: Phrase, aside: str = "") -> None:
        self._init(label=label, value=value, aside=aside)


def pair(label: str, value: str | Phrase, role: str = "", aside: str = "") -> Pair:
    return Pair(label, value if isinstance(value, Phrase) else Phrase(value, role), aside)


def pair_lines(pairs: Sequence[Pair], gap: str = "  ") -> list[Line]:
    """The pairs with their values in one column: each label padded to the widest one; an aside after its value,
    as a phrase of its own (role ``aside``)."""
    width = max((cell_width(p.label) for p in pairs), default=0)
    return [(Phrase(pad(p.label, width) + gap, "label"), p.value, *((Phrase(p.aside, ASIDE),) if p.aside else ()))
            for p in pairs]


@dataclass(frozen=True)
class Table:
    """Column titles and rows of cells, laid out by cell width; each row may play a role (its colour)."""

    headers: tuple[str, ...]
    aligns: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    #: One role per row ("" for none); empty: no row has one.
    roles: tuple[str, ...] = ()
    #: Cells between two columns.
    gap: int = 2

    @cached_property
    def _laid_out(self) -> list[str]:
        """Titles, dashes, rows: ``textwidth.table`` lays every table of the app out (once per table)."""
        return table(self.headers, self.rows, self.aligns, gap=" " * self.gap)

    @property
    def width(self) -> int:
        """Cells the widest line takes (the dashes span every column)."""
        return cell_width(self._laid_out[1])

    def lines(self, *, rule: bool = True, header_role: str = "heading") -> list[Line]:
        """Titles, the dashes (``rule``), then the rows."""
        header, dashes, *rows = self._laid_out
        roles = self.roles or ("",) * len(self.rows)
        out: list[Line] = [(Phrase(header, header_role),)]
        if rule:
            out.append((Phrase(dashes, "dim"),))
        return out + [(Phrase(text, role),) for text, role in zip(rows, roles, strict=True)]
