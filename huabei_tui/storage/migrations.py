"""Schema versions of the data file and the steps that upgrade old files.

The file records its version in ``{"_meta": {"1": {"schema": N}}}``. A file without ``_meta`` is version 0: a
plain TinyDB file from before versioning. Reading applies ``MIGRATIONS[v]`` for every ``v`` from the file's
version up to ``CURRENT_SCHEMA`` in memory; the upgraded data only reaches the disk with the next save, and
that save puts the old file into the backups first, so an upgrade can always be undone.

To introduce schema 4: write ``_v3_to_v4(tables) -> tables``, add ``3: _v3_to_v4`` to ``MIGRATIONS`` and set
``CURRENT_SCHEMA = 4``. Nothing else changes. A migration receives the tables without ``_meta`` (version
bookkeeping is done here) and may modify its argument: it is always a freshly parsed copy.
"""

from __future__ import annotations

from collections.abc import Callable

Tables = dict[str, dict[str, dict]]

CURRENT_SCHEMA = 4


def _v0_to_v1(tables: Tables) -> Tables:
    """Version 1 only added the ``_meta`` table, which the caller writes; the user's tables are unchanged."""
    return tables


def _v1_to_v2(tables: Tables) -> Tables:
    """Version 2 adds typed minimum payments (``minimums``) and bills split into instalments
    (``bill_instalments``), and the account's ``min_rate`` and ``interest_rate`` (absent in an older account
    document, they read as the public defaults).

    The step itself only creates the two empty tables; the version number is what matters: a version-1 program
    would ignore a bill's split and call it overdue, so it must refuse a version-2 file rather than misread it.
    """
    tables.setdefault("minimums", {})
    tables.setdefault("bill_instalments", {})
    return tables


def _v2_to_v3(tables: Tables) -> Tables:
    """Version 3 keeps imported purchases in parts beside the file (``_parts``, ``parts.py``) and their per-day
    totals in ``imported_totals``; an older program would see no purchases at all, so it must refuse the file.

    Nothing to do here: an older file's inline ``purchases`` table is read as it is (its totals summed from it on
    first use), and the repository's first change moves the rows into a part and writes their totals
    (``Repository._transaction``): moving them writes a new file, which a migration in memory cannot do.
    """
    return tables


def _v3_to_v4(tables: Tables) -> Tables:
    """Version 4 holds one or more credit lines (花呗, 信用购): the ``lines`` table names them, and the tables a
    file had so far become the first line's, "花呗", which takes the rows the Alipay export pays with 花呗.

    Nothing moves: the first line keeps the old tables (``storage.line_tables``). A version-3 program would not
    see a second line's bills, so it must refuse a version-4 file rather than show half the person's debts.
    """
    tables.setdefault("lines", {"1": {"id": 1, "name": "花呗", "methods": ["花呗"]}})
    return tables


# from-version -> function producing the tables of from-version + 1.
MIGRATIONS: dict[int, Callable[[Tables], Tables]] = {
    0: _v0_to_v1,
    1: _v1_to_v2,
    2: _v2_to_v3,
    3: _v3_to_v4,
}


def migrate(tables: Tables, version: int) -> Tables:
    """Bring ``tables`` from ``version`` up to ``CURRENT_SCHEMA``, one step at a time.

    One step per version keeps every migration small and testable, and lets a file skip any number of
    releases. A missing step is a programming error (it would silently mis-read data), so it raises.
    """
    while version < CURRENT_SCHEMA:
        step = MIGRATIONS.get(version)
        if step is None:
            raise RuntimeError(f"no migration from schema {version} to {version + 1}")
        tables = step(tables)
        version += 1
    return tables
