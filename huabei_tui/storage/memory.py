"""The TinyDB storage a ``Store.transaction()`` hands out: the tables in memory, for one transaction only.

Kept apart from ``store.py`` so that reading the data file (every CLI command, the app's start) never imports
TinyDB: only a change does, inside ``Store.transaction()``.
"""

from __future__ import annotations

from typing import Any

from tinydb.storages import Storage

Tables = dict[str, dict[str, dict[str, Any]]]


class TransactionStorage(Storage):
    """TinyDB storage in memory for the length of one transaction.

    After the transaction it refuses to be used: a change made through a stale handle would otherwise look
    saved while going nowhere, which is exactly the silent loss the store exists to prevent.
    """

    def __init__(self, tables: Tables) -> None:
        self.tables = tables
        self._finished = False
        #: TinyDB writes after every change (and only then): False means the transaction changed nothing.
        self.written = False

    def _check(self) -> None:
        if self._finished:
            raise RuntimeError("this TinyDB belongs to a finished Store.transaction(); start a new one")

    def read(self) -> Tables:
        self._check()
        return self.tables

    def write(self, data: Tables) -> None:
        self._check()
        self.tables = data
        self.written = True

    def finish(self) -> None:
        self._finished = True
