"""The application layer between the rules and the two front ends (the Textual app and the CLI).

A ``Session`` sits over the repository and the clock and hands out one immutable ``Snapshot``: the ledger as
stored, its summary, and the day it was computed for. Every screen and every command reads the same snapshot
type, so two panels can never disagree about "today": the snapshot is recomputed when the data file changes
(its signature) *or* when the date in Shanghai changes. No Textual import here (checked by a test).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from huabei_tui.domain.ledger import Ledger
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
    _longer: dict[int, Summary] = field(default_factory=dict, repr=False, compare=False)

    @property
    def today(self) -> date:
        return self.summary.today

    @classmethod
    def of(cls, ledger: Ledger, today: date, signature: Any = None) -> Snapshot:
        return cls(ledger, summarize(ledger, today), signature)

    def summary_for(self, grid_months: int) -> Summary:
        if grid_months == len(self.summary.grid):
            return self.summary
        if grid_months not in self._longer:
            self._longer[grid_months] = summarize(self.ledger, self.today, grid_months)
        return self._longer[grid_months]
