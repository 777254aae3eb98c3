"""What every command needs: the repository, the clock, the language, and where output goes."""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from datetime import date
from typing import TextIO

from huabei_tui.clock import Clock
from huabei_tui.domain.ledger import Ledger
from huabei_tui.domain.summary import Summary, summarize
from huabei_tui.paths import DB_FILENAME, ENV_DB, chosen_db_path, default_db_path
from huabei_tui.storage.repository import Repository
from huabei_tui.storage.store import Store

__all__ = ["DB_FILENAME", "ENV_DB", "Context", "default_db_path", "open_repository"]


def open_repository(option: str | None) -> Repository:
    """``--db``, else ``HUABEI_DB``, else the user data folder (created on first save, mode 0700)."""
    chosen = chosen_db_path(option)
    if chosen is not None:
        return Repository(Store(chosen))
    return Repository(Store(default_db_path(), create_folder=True))


@dataclass
class Context:
    repo: Repository
    clock: Clock
    lang: str
    out: TextIO = field(default_factory=lambda: sys.stdout)

    @property
    def today(self) -> date:
        return self.clock.today()

    def snapshot(self, grid_months: int = 24) -> tuple[Ledger, Summary]:
        ledger = self.repo.load()
        return ledger, summarize(ledger, self.today, grid_months)

    def print(self, text: str = "") -> None:
        self.out.write(text if text.endswith("\n") else text + "\n")
