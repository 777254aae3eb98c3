"""Storage of the user's data: one JSON file in TinyDB's layout, saved atomically under a lock.

See ``store.py`` for the design; this package never imports Textual so the CLI and tests stay light.
"""

from importlib import import_module
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the names, for type checkers and readers of the import graph
    from huabei_tui.storage.errors import (
        StoreBusy,
        StoreCorrupt,
        StoreError,
        StoreMissingFolder,
        StoreNoBackup,
        StoreReadError,
        StoreTooNew,
        StoreWriteError,
    )
    from huabei_tui.storage.migrations import CURRENT_SCHEMA
    from huabei_tui.storage.store import Store

#: Where each name below lives. They are looked up on first use (PEP 562), so that importing one module of the
#: package (``storage.config``, which the app's first frame needs) does not import the store as well.
_HOMES = {
    "CURRENT_SCHEMA": "huabei_tui.storage.migrations",
    "Store": "huabei_tui.storage.store",
    **{name: "huabei_tui.storage.errors" for name in (
        "StoreBusy", "StoreCorrupt", "StoreError", "StoreMissingFolder", "StoreNoBackup", "StoreReadError",
        "StoreTooNew", "StoreWriteError")},
}


def __getattr__(name: str) -> object:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(import_module(home), name)


__all__ = [
    "CURRENT_SCHEMA",
    "Store",
    "StoreBusy",
    "StoreCorrupt",
    "StoreError",
    "StoreMissingFolder",
    "StoreNoBackup",
    "StoreReadError",
    "StoreTooNew",
    "StoreWriteError",
]
