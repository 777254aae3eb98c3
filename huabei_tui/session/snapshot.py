"""The one immutable view of the stored data on one day, and the memo that keeps recomputing it cheap.

Every screen, command and export reads a ``Snapshot``: the ledger as stored, its summary, the day it was computed
for and the file signature it was read at. Nothing in it changes; a save or a new day gives a new snapshot
(``Session`` decides when).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from huabei_tui.domain.dates import Month
from huabei_tui.domain.ledger import ChargesOf, Ledger, imported_charges
from huabei_tui.domain.money import Fen
from huabei_tui.domain.summary import Summary, summarize


class ChargesMemo:
    """``imported_charges`` that remembers its last answer with the very purchase and plan tuples it came from.

    Summing years of imported purchases is most of a summary's work (about 35 ms for 27,000 purchases), and a
    save that does not touch them (a tick, a payment, a setting) hands out the same tuples again: the store
    decodes only the tables a save changed (``codec.DecodedTables``). Keyed on identity, so holding the tuples
    keeps their ids from being reused; any other input (the day, the statement day) is compared by value. Each
    caller gets its own copy of the answer. A session owns one; nothing is kept at module level.
    """

    def __init__(self) -> None:
        self._last: tuple[tuple[Any, ...], dict[Month, Fen]] | None = None
        #: How many times the charges were really summed (for tests and the benchmark's curiosity).
        self.computed = 0

    def __call__(self, ledger: Ledger, today: date) -> dict[Month, Fen]:
        key = (ledger.purchases, ledger.plans, ledger.account.statement_day, today)
        last = self._last
        if last is not None and last[0][0] is key[0] and last[0][1] is key[1] and last[0][2:] == key[2:]:
            return dict(last[1])
        charges = imported_charges(ledger, today)
        self.computed += 1
        self._last = (key, charges)
        return dict(charges)


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
