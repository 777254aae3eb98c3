"""Storage of the user's data: one JSON file in TinyDB's layout, saved atomically under a lock.

See ``store.py`` for the design; this package never imports Textual so the CLI and tests stay light.
"""

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
