"""Credit lines: one person's 花呗 and, since late 2021, the bank-funded 信用购 beside it.

Each line is a whole account of its own (settings, bills, payments, instalments, grid): every rule applies to a
line on its own, so the per-line unit is the ``Ledger``/``Summary`` pair that already exists. This module holds
what only makes sense across lines: the line's identity and names, which line an imported row belongs to (by the
payment method the row names), and the totals the status shows over every line.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from huabei_tui.domain.bills import BillState
from huabei_tui.domain.errors import InputError
from huabei_tui.domain.money import Fen
from huabei_tui.domain.summary import Summary
from huabei_tui.domain.textsafe import escaped, sanitize

#: The name of the line every data file starts with (and every file from before lines gets).
DEFAULT_LINE = "花呗"
#: The payment methods the Alipay export names for a credit line, as ``credit_method`` gives them.
HUABEI = "花呗"
CREDIT_PURCHASE = "信用购"
KNOWN_METHODS = (HUABEI, CREDIT_PURCHASE)
#: Alipay's brand for both lines together ("花呗|信用购", in repayments of the combined bill): it names 花呗.
_BRAND = "花呗|信用购"
#: A line's name is shown in a column beside another: at most this many terminal cells.
MAX_NAME_CELLS = 16
#: What ``--route METHOD=skip`` (and the dialog's "do not import") says: rows of that method are left out.
SKIP = "skip"


@dataclass(frozen=True)
class CreditLine:
    """One credit line: ``id`` never changes (it names the line's tables), ``name`` is what the user calls it.

    ``methods`` are the payment methods (``KNOWN_METHODS``) whose imported rows belong to this line: the answer
    to "which line is this?" asked once per method and remembered here.
    """

    id: int
    name: str
    methods: tuple[str, ...] = ()


@dataclass(frozen=True)
class Lines:
    """Every line of a data file, the first (id 1, today's tables) first."""

    items: tuple[CreditLine, ...] = (CreditLine(1, DEFAULT_LINE, (HUABEI,)),)

    @property
    def names(self) -> list[str]:
        return [line.name for line in self.items]

    @property
    def first(self) -> CreditLine:
        return self.items[0]

    def find(self, name: str) -> CreditLine | None:
        # Cleaned as a new name is (``check_line_name``): a name stored without its control or bidirectional
        # characters is still found by the text the user gave it with.
        wanted = _same_name(name)
        return next((line for line in self.items if _same_name(line.name) == wanted), None)

    def get(self, name: str) -> CreditLine:
        """The line called ``name``, or ``InputError`` listing the names there are."""
        line = self.find(name)
        if line is None:
            raise InputError("line", "line.unknown", value=name, names=names_text(self.names))
        return line

    def chosen(self, name: str | None) -> CreditLine:
        """The line a command that changes data works on: the named one, else the only one; with several and
        none named, ``InputError`` lists them (a payment on the wrong line would be a wrong bill)."""
        if name:
            return self.get(name)
        if len(self.items) == 1:
            return self.items[0]
        raise InputError("line", "line.which", names=names_text(self.names))

    def for_method(self, method: str) -> CreditLine | None:
        """The line whose imported rows are paid with ``method``; None: nobody said yet (ask once)."""
        return next((line for line in self.items if method in line.methods), None)

    def with_method(self, method: str, name: str) -> Lines:
        """These lines with imported rows paid with ``method`` going to line ``name`` (and to no other)."""
        target = self.get(name)
        return Lines(tuple(
            CreditLine(line.id, line.name,
                       tuple(dict.fromkeys((*line.methods, method))) if line.id == target.id
                       else tuple(m for m in line.methods if m != method))
            for line in self.items))

    def next_id(self) -> int:
        return max(line.id for line in self.items) + 1


def _cells(text: str) -> int:
    """Terminal cells, wide characters two (the domain may not import the views' exact measure; a name is
    short and plain, so East Asian width is enough to keep it within its column)."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def names_text(names: Iterable[str]) -> str:
    """Names listed in a message of either language."""
    return " / ".join(names)


#: Invisible characters a name may hold: the joiner inside an emoji (👨‍👩‍👧). Any other format character (zero-width
#: space, word joiner, byte-order mark…) would make a name look like another one that ``--line`` does not find.
_VISIBLE_FORMAT = {"\u200d"}


def _same_name(text: str) -> str:
    """The form names are compared in: cleaned, stripped, and with accents encoded one way (NFC), so "é" typed
    as one character or as e + a combining accent is the same name."""
    return unicodedata.normalize("NFC", sanitize(text or "").strip())


def check_line_name(text: str, lines: Lines, *, renaming: str | None = None) -> str:
    """A new line name: printable, not empty, no invisible characters, at most ``MAX_NAME_CELLS`` cells, not
    taken, not the word ``skip``."""
    name = _same_name(text)
    if not name:
        raise InputError("line", "line.name_empty")
    if any(unicodedata.category(ch) == "Cf" and ch not in _VISIBLE_FORMAT for ch in name):
        raise InputError("line", "line.name_invisible", value=escaped(name))
    if _cells(name) > MAX_NAME_CELLS:
        raise InputError("line", "line.name_long", value=name, cells=MAX_NAME_CELLS)
    if "=" in name or name.lower() == SKIP:
        raise InputError("line", "line.name_reserved", value=name)
    existing = lines.find(name)
    if existing is not None and existing.name != renaming:
        raise InputError("line", "line.name_taken", value=name)
    return name


def methods_for_new_line(name: str, lines: Lines) -> tuple[str, ...]:
    """A line named after a payment method nobody claims yet takes that method's rows (``line add 信用购``)."""
    return (name,) if name in KNOWN_METHODS and lines.for_method(name) is None else ()


def credit_method(*texts: str) -> str | None:
    """Which credit line a row of the Alipay export names: ``信用购``, ``花呗`` or None (neither).

    The brand "花呗|信用购" (both lines together, in the repayments of a combined bill) counts as 花呗; 信用购
    alone, anywhere, is the bank-funded line.
    """
    text = " ".join(texts)
    if CREDIT_PURCHASE in text.replace(_BRAND, ""):
        return CREDIT_PURCHASE
    if HUABEI in text:
        return HUABEI
    return None


def parse_routes(items: Sequence[str], lines: Lines) -> dict[str, str]:
    """``--route METHOD=LINE`` (or ``METHOD=skip``) options → method → line name or ``SKIP``."""
    routes: dict[str, str] = {}
    for item in items:
        method, equals, target = (part.strip() for part in item.partition("="))
        if not equals or method not in KNOWN_METHODS:
            raise InputError("route", "line.route_malformed", value=item, methods=names_text(KNOWN_METHODS))
        routes[method] = SKIP if target.lower() == SKIP else lines.get(target).name
    return routes


def unrouted(methods: Iterable[str], lines: Lines, routes: Mapping[str, str]) -> list[str]:
    """The methods found in an import that no line claims and no answer covers: to ask about, once each."""
    return sorted({m for m in methods if lines.for_method(m) is None and m not in routes},
                  key=KNOWN_METHODS.index)


# -- across lines -----------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class LineBill:
    """A bill with the name of its line: what a view shows where two lines are listed together."""

    line: str
    bill: BillState


@dataclass(frozen=True)
class LinesTotal:
    """What the status says over every line: the bill due next anywhere, overdue bills everywhere, and the totals.

    ``limit`` and ``available`` are None when a line has no limit set (a total would understate it).
    """

    due_next: tuple[LineBill, ...] = ()
    overdue: tuple[LineBill, ...] = ()
    used: Fen = 0
    limit: Fen | None = None
    available: Fen | None = None
    outstanding: Fen = 0
    names: tuple[str, ...] = field(default_factory=tuple)


def lines_total(summaries: Sequence[tuple[str, Summary]]) -> LinesTotal:
    """Totals over ``(name, summary)`` pairs; ``due_next`` holds every line's next bill due on the earliest due
    date (two lines due the same day are both there, in line order)."""
    upcoming = [LineBill(name, s.next_bill) for name, s in summaries if s.next_bill is not None]
    first_due = min((item.bill.due_date for item in upcoming), default=None)
    limits = [s.account.limit for _, s in summaries]
    limit = None if any(value is None for value in limits) else sum(v for v in limits if v is not None)
    used = sum(s.used for _, s in summaries)
    return LinesTotal(
        due_next=tuple(item for item in upcoming if item.bill.due_date == first_due),
        overdue=tuple(LineBill(name, b) for name, s in summaries for b in s.overdue_unpaid),
        used=used,
        limit=limit,
        available=None if limit is None else limit - used,
        outstanding=sum(sum(b.outstanding for b in s.bills) for _, s in summaries),
        names=tuple(name for name, _ in summaries),
    )


def episodes_with_lines(summaries: Sequence[tuple[str, Summary]]) -> list[LineBill]:
    """Every overdue episode of every line, by due date then line order: the recovery screen's list."""
    order = {name: index for index, (name, _) in enumerate(summaries)}
    found = [LineBill(name, b) for name, s in summaries for b in s.overdue_episodes]
    return sorted(found, key=lambda item: (item.bill.due_date, order[item.line]))
