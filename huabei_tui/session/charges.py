"""The memo that keeps a new snapshot cheap when a save did not touch the imported purchases."""

from __future__ import annotations

from datetime import date
from typing import Any

from huabei_tui.domain.dates import Month
from huabei_tui.domain.ledger import Ledger, imported_charges
from huabei_tui.domain.money import Fen


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
