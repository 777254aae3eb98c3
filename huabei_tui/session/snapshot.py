"""The one immutable view of the stored data on one day.

Every screen, command and export reads a ``Snapshot``: the ledger as stored, its summary, the day it was computed
for and the file signature it was read at. Nothing in it changes; a save or a new day gives a new snapshot
(``Session`` decides when; ``ChargesMemo`` keeps recomputing it cheap).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from huabei_tui.domain.ledger import ChargesOf, Ledger, imported_charges
from huabei_tui.domain.lines import DEFAULT_LINE, LinesTotal, lines_total
from huabei_tui.domain.summary import Summary, summarize


@dataclass(frozen=True)
class Snapshot:
    """One day's view of the stored data: what every screen, command and export shows.

    ``summary`` is the 24-month picture; ``summary_for(60)`` gives the longer repayment grid from the same
    ledger and day (computed on demand and kept, since the snapshot never changes).
    """

    ledger: Ledger
    summary: Summary
    #: The file signature the ledger was read at (None for a snapshot not read from a file).
    signature: Any = None
    #: The credit line this is (its name), and every line of the file in order: one line → no line column.
    line: str = DEFAULT_LINE
    line_names: tuple[str, ...] = (DEFAULT_LINE,)
    #: The line's id: it never changes (a rename keeps it), so what must stay stable names it (calendar UIDs).
    line_id: int = 1
    _longer: dict[int, Summary] = field(default_factory=dict, repr=False, compare=False)
    _charges_of: ChargesOf = field(default=imported_charges, repr=False, compare=False)

    @property
    def today(self) -> date:
        return self.summary.today

    @classmethod
    def of(cls, ledger: Ledger, today: date, signature: Any = None, *, charges_of: ChargesOf = imported_charges,
           line: str = DEFAULT_LINE, line_names: tuple[str, ...] = (DEFAULT_LINE,), line_id: int = 1) -> Snapshot:
        return cls(ledger, summarize(ledger, today, charges_of=charges_of), signature, line, line_names, line_id,
                   _charges_of=charges_of)

    @property
    def several_lines(self) -> bool:
        """The file holds more than one credit line: views name the line they show."""
        return len(self.line_names) > 1

    def summary_for(self, grid_months: int) -> Summary:
        if grid_months == len(self.summary.grid):
            return self.summary
        if grid_months not in self._longer:
            self._longer[grid_months] = summarize(self.ledger, self.today, grid_months, charges_of=self._charges_of)
        return self._longer[grid_months]


@dataclass(frozen=True)
class AllLines:
    """Every credit line's snapshot on one day, in the file's order, and the totals across them: what ``status``
    without ``--line``, the status screen's lines block and the recovery screen's list read."""

    snapshots: tuple[Snapshot, ...]
    total: LinesTotal

    @classmethod
    def of(cls, snapshots: tuple[Snapshot, ...]) -> AllLines:
        return cls(snapshots, lines_total([(s.line, s.summary) for s in snapshots]))

    @property
    def several(self) -> bool:
        return len(self.snapshots) > 1

    @property
    def first(self) -> Snapshot:
        return self.snapshots[0]

    def named(self) -> list[tuple[str, Summary]]:
        return [(s.line, s.summary) for s in self.snapshots]
