"""Screen 4, Overdue recovery / 逾期修复, as data: "I missed a payment — what now, and when is it off my record?"

Four sections: every overdue episode as a compact table (made narrower step by step until it fits the width it
is given), the article's recovery steps (§4), the customer-service contact log, and the repayment grid as the
credit report prints it (year rows, month columns, the legend beside them).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from huabei_tui.domain.bills import BillState
from huabei_tui.domain.dates import Month
from huabei_tui.domain.grid import UNKNOWN, GridCell
from huabei_tui.domain.guide import CONTACT_TOPICS, RECOVERY_STEPS
from huabei_tui.domain.ledger import ContactEntry
from huabei_tui.domain.lines import episodes_with_lines
from huabei_tui.domain.money import format_yuan
from huabei_tui.i18n import bracketed, labelled, tr
from huabei_tui.textwidth import cell_width, pad
from huabei_tui.views.blocks import Line, Phrase, Table
from huabei_tui.views.checklist import StepRow, step_rows
from huabei_tui.views.phrases import days_left_text, per_day_fee

if TYPE_CHECKING:
    from huabei_tui.session import Snapshot
    from huabei_tui.session.snapshot import AllLines


#: Room for the episode table at 80 columns: the screen less the scrollbar, the focus bar, the right padding and
#: one cell to spare. Wider terminals give the table their extra width; the export uses this one.
TABLE_WIDTH = 76
GRID_MONTHS = (24, 60)

#: How the episode table gets narrower when its columns do not fit, most readable first: the gap between columns
#: goes from two cells to one, then the due date loses its year (the bill month beside it gives it), then the
#: settled date goes (due date + days late; the expiry five years after it stays). Each layout is
#: (short due date, with the settled date, gap).
_LAYOUTS = (
    (False, True, 2), (False, True, 1),
    (True, True, 2), (True, True, 1),
    (False, False, 2), (False, False, 1),
    (True, False, 2), (True, False, 1),
)

#: The repayment grid's columns: the year, then three cells a month.
GRID_YEAR = 4
GRID_CELL = 3
#: Cells between the grid and the legend beside it.
GRID_LEGEND_GAP = 3


def episode_table(overdue: Sequence[BillState], today: date, lang: str, width: int = TABLE_WIDTH,
                  lines: Sequence[str] | None = None) -> Table:
    """The overdue episodes, one line each within ``width`` cells: columns padded by cell width, made narrower
    step by step (``_LAYOUTS``) while they do not fit. A row still owing money plays the role ``strong``.
    ``lines``: the credit line of each episode, shown first when episodes of several lines are listed."""
    unpaid = any(bill.outstanding for bill in overdue)
    names = ["bill", "due", "days", "owed", "fee", "per_day", "settled", "expires", "left"]
    aligns = ["left", "left", "right", "right", "right", "right", "left", "left", "right"]
    if lines is not None:
        names.insert(0, "line")
        aligns.insert(0, "left")
    full_rows = [[
        *([] if lines is None else [lines[index]]),
        str(bill.month),
        bill.due_date.isoformat(),
        str(bill.overdue_days),
        format_yuan(bill.outstanding),
        format_yuan(bill.fee),
        "+" + per_day_fee(bill) if bill.outstanding else "-",
        bill.settled_on.isoformat() if bill.settled_on else tr("rec.unsettled", lang),
        bill.record_expires_on.isoformat() if bill.record_expires_on else tr("rec.not_yet", lang),
        days_left_text(bill, today, lang, unit=True),
    ] for index, bill in enumerate(overdue)]
    roles = tuple("strong" if bill.outstanding else "" for bill in overdue)

    def layout(short_due: bool, settled: bool, gap: int) -> Table:
        keep = [i for i, name in enumerate(names)
                if (name != "per_day" or unpaid)  # the fee per extra day only matters while something is unpaid
                and (name != "settled" or settled)]
        return Table(
            headers=tuple(tr(f"rec.col.{names[i]}", lang) for i in keep),
            aligns=tuple(aligns[i] for i in keep),
            rows=tuple(tuple(row[i][5:] if short_due and names[i] == "due" else row[i] for i in keep)
                       for row in full_rows),
            roles=roles,
            gap=gap,
        )

    for short_due, settled, gap in _LAYOUTS:
        table = layout(short_due, settled, gap)
        if table.width <= width:
            return table
    return table  # the narrowest layout, the last one tried


@dataclass(frozen=True)
class ContactRow:
    """One entry of the contact log: the date, then the topic and the outcome, the note in brackets."""

    on: str
    topic: str
    outcome: str
    note: str

    def body(self, lang: str) -> Line:
        """``topic: outcome (note)`` with the language's colon and brackets; the topic ``strong``, the note
        ``dim``."""
        words = [Phrase(self.topic, "strong"), Phrase(labelled("", self.outcome, lang))]
        if self.note:
            words.append(Phrase(bracketed(self.note, lang), "dim"))
        return tuple(words)


def contact_rows(contacts: Sequence[ContactEntry], lang: str) -> tuple[ContactRow, ...]:
    """The log oldest first (then in the order entered)."""
    return tuple(
        ContactRow(entry.on.isoformat(), tr(CONTACT_TOPICS.get(entry.topic, CONTACT_TOPICS["other"]), lang),
                   entry.outcome, entry.note or "")
        for entry in sorted(contacts, key=lambda c: (c.on, c.id))
    )


def grid_legend(lang: str, cells: Sequence[GridCell] = ()) -> tuple[str, ...]:
    """The codes' meanings; ``?`` (a month nobody knows about: no opening date) only when ``cells`` show one."""
    keys = ["N", "overdue", "none", "closed"]
    if any(cell.code == UNKNOWN for cell in cells):
        keys.append("unknown")
    return tuple(tr(f"rec.legend.{k}", lang) for k in keys)


def _code_role(code: str) -> str:
    if code in "1234567":
        return "code-overdue"
    if code == UNKNOWN:
        return "code-unknown"
    return "code-normal" if code == "N" else "code-none"


def grid_lines(cells: Sequence[GridCell], current: Month | None, legend: Sequence[str] = ()) -> list[Line]:
    """The grid as the credit report prints it: a header of month numbers, one row per year with a code under
    each month (blank outside the window, never ``/``, which means "not opened yet"), ``current`` (today's
    month) marked, and the ``legend`` lines to the right of the rows (then below them)."""
    header = " " * GRID_YEAR + "".join(f"{m:>{GRID_CELL}}" for m in range(1, 13))
    rows: list[list[Phrase]] = [[Phrase(header, "dim")]]
    by_month = {c.month: c for c in cells}
    for year in sorted({c.month.year for c in cells}):
        words = [Phrase(f"{year}", "strong")]
        for number in range(1, 13):
            cell = by_month.get(Month(year, number))
            if cell is None:
                words.append(Phrase(" " * GRID_CELL))
                continue
            role = _code_role(cell.code) + (" current" if cell.month == current else "")
            words += [Phrase(" " * (GRID_CELL - 1)), Phrase(cell.code, role)]
        rows.append(words)
    width = GRID_YEAR + GRID_CELL * 12
    out: list[Line] = []
    for index, words in enumerate(rows):
        if index < len(legend):
            used = sum(cell_width(w.text) for w in words)
            words = [*words, Phrase(" " * (width - used + GRID_LEGEND_GAP)), Phrase(legend[index], "dim")]
        out.append(tuple(words))
    for extra in legend[len(rows):]:
        out.append((Phrase(pad("", width + GRID_LEGEND_GAP)), Phrase(extra, "dim")))
    return out


def titled(lang: str, key: str, hint: str, keys: object = None, **params: object) -> Line:
    """A section's title and, after it, the key that acts on the section (a hint)."""
    return (Phrase(tr(key, lang, **params), "title"), Phrase(tr(hint, lang, k=keys), "title hint"))


@dataclass(frozen=True)
class GridSection:
    """The repayment grid over the last ``months`` months, with its title."""

    title: Line
    lines: tuple[Line, ...]


def grid_section(snapshot: Snapshot, lang: str, months: int = GRID_MONTHS[0], keys: object = None) -> GridSection:
    cells = snapshot.summary_for(months).grid
    return GridSection(titled(lang, "rec.section.grid", "rec.hint.grid", keys, n=months),
                       tuple(grid_lines(cells, Month.of(snapshot.today), grid_legend(lang, cells))))


@dataclass(frozen=True)
class RecoveryPage:
    episodes_title: Line
    #: The episode table, or None with no overdue on record (then ``no_episodes`` says so).
    episodes: Table | None
    no_episodes: str
    #: What the table means: how the five years count while one is unpaid (``strong``), or when the last record
    #: goes (``dim``); empty when there is nothing to say.
    notes: tuple[Phrase, ...]
    steps_title: Line
    steps: tuple[StepRow, ...]
    contacts_title: Line
    contacts: tuple[ContactRow, ...]
    no_contacts: Line
    grid: GridSection


def recovery_page(snapshot: Snapshot, lang: str, width: int = TABLE_WIDTH, grid_months: int = GRID_MONTHS[0],
                  every: AllLines | None = None, keys: object = None) -> RecoveryPage:
    """Everything the recovery screen shows for ``snapshot`` in ``lang``, the episode table within ``width``
    cells and the grid over ``grid_months`` months. With ``every`` line of a file that has several, the table
    lists the overdue episodes of every line with a line column, and the notes speak of all of them (the steps,
    the log and the grid are the person's and the line on show's)."""
    ledger, summary = snapshot.ledger, snapshot.summary
    summaries = every.named() if every is not None and every.several else [(snapshot.line, summary)]
    found = episodes_with_lines(summaries)
    overdue = [item.bill for item in found]
    notes: list[Phrase] = []
    if overdue:
        if any(s.unsettled_overdue for _, s in summaries):
            notes.append(Phrase(tr("rec.unsettled_note", lang), "strong"))
        else:
            last = max((s.last_record_expiry for _, s in summaries if s.last_record_expiry), default=None)
            if last is not None:
                key = "rec.all_gone_note" if last <= summary.today else "rec.expiry_note"
                notes.append(Phrase(tr(key, lang, date=last.isoformat()), "dim"))
    line_column = [item.line for item in found] if len(summaries) > 1 else None
    since = min((s.recovery_since for _, s in summaries if s.recovery_since), default=None)
    return RecoveryPage(
        episodes_title=(Phrase(tr("rec.section.episodes", lang, n=len(overdue)), "title"),),
        episodes=episode_table(overdue, summary.today, lang, width, line_column) if overdue else None,
        no_episodes=tr("rec.no_overdue", lang),
        notes=tuple(notes),
        steps_title=titled(lang, "rec.section.steps", "rec.hint.steps", keys),
        steps=tuple(step_rows("recovery", RECOVERY_STEPS, ledger.recovery, lang, since=since)),
        contacts_title=titled(lang, "rec.section.contacts", "rec.hint.contacts", keys),
        contacts=contact_rows(ledger.contacts, lang),
        no_contacts=(Phrase(tr("rec.no_contacts", lang), "dim"), Phrase(tr("rec.hint.no_contacts", lang, k=keys), "dim hint")),
        grid=_named_grid(grid_section(snapshot, lang, grid_months, keys), snapshot.line if line_column else None),
    )


def _named_grid(section: GridSection, line: str | None) -> GridSection:
    """With several lines, the grid's title names the line it is of (each line has its own record)."""
    if line is None:
        return section
    return GridSection((Phrase(f"{line} · ", "title"), *section.title), section.lines)
