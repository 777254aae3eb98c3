"""Where each credit line's records live in the data file, and the lines table that names them.

The first line (id 1) keeps the tables every file had before lines existed (``account``, ``bills``, …), so a file
with one line is laid out exactly as before and every reader of those tables keeps working. Line ``k`` > 1 has
the same tables under ``line<k>_<name>`` (its imported purchases in parts of table ``line<k>_purchases``: a part's
table name is a plain word). What belongs to the person, not to a line (the checklists, the contact
log, the settings), stays in one table each. ``view`` gives a line's tables under their plain names: the codec
and the repository then decode and change a line exactly as they did the one account.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from typing import Any

from huabei_tui.domain.lines import CreditLine

LINES = "lines"
#: The tables each line has on its own; every other table is the person's.
PER_LINE = ("account", "bills", "payments", "purchases", "plans", "minimums", "bill_instalments", "imported_totals")

Doc = dict[str, Any]
Tables = Mapping[str, Mapping[str, Doc]]


def table_name(line_id: int, name: str) -> str:
    """The stored name of a line's table ``name`` (the plain name for line 1 and for the person's tables)."""
    if line_id == 1 or name not in PER_LINE:
        return name
    return f"line{line_id}_{name}"


def view(tables: Tables, line_id: int) -> Tables:
    """Line ``line_id``'s tables under their plain names, the person's tables as they are (the same objects, so
    the codec's cache still recognises them)."""
    if line_id == 1:
        return tables
    shown = {name: table for name, table in tables.items() if name not in PER_LINE and not _is_line_table(name)}
    for name in PER_LINE:
        shown[name] = tables.get(table_name(line_id, name)) or {}
    return shown


def _is_line_table(name: str) -> bool:
    head, underscore, rest = name.partition("_")
    return bool(underscore) and head.startswith("line") and head[4:].isdigit() and rest in PER_LINE


def view_refs(refs: tuple, line_id: int) -> tuple:
    """The parts of line ``line_id``'s purchases, named as the first line's are (``purchases``), so the codec reads
    them as it reads the one line's; the part files keep their own names."""
    if line_id == 1:
        return tuple(ref for ref in refs if ref.table == "purchases")
    own = table_name(line_id, "purchases")
    return tuple(replace(ref, table="purchases") for ref in refs if ref.table == own)


def line_tables(tables: Tables, line_id: int) -> list[str]:
    """The stored names of line ``line_id``'s tables that exist in ``tables``."""
    return [table_name(line_id, name) for name in PER_LINE if table_name(line_id, name) in tables]


def line_to_doc(line: CreditLine) -> Doc:
    return {"id": line.id, "name": line.name, "methods": list(line.methods)}
