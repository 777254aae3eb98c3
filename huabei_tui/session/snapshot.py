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
    _charges_of: ChargesOf = field(default=imported_charges, repr=False, compare=False)

    @property
    def today(self) -> date:
        return self.summary.today

    @classmethod
    def of(cls, ledger: Ledger, today: date, signature: Any = None, *,
           charges_of: ChargesOf = imported_charges) -> Snapshot:
        return cls(ledger, summarize(ledger, today, charges_of=charges_of), signature, _charges_of=charges_of)

    def summary_for(self, grid_months: int) -> Summary:
        if grid_months == len(self.summary.grid):
            return self.summary
        if grid_months not in self._longer:
            self._longer[grid_months] = summarize(self.ledger, self.today, grid_months, charges_of=self._charges_of)
        return self._longer[grid_months]
