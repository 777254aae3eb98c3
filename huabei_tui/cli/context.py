"""What every command needs: the repository, the clock, the language, and where output goes."""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TextIO

from huabei_tui.clock import Clock
from huabei_tui.domain.ledger import Ledger
from huabei_tui.domain.summary import Summary, summarize
from huabei_tui.storage.repository import Repository
from huabei_tui.storage.store import Store

ENV_DB = "HUABEI_DB"
DB_FILENAME = "huabei.json"


def default_db_path() -> Path:
    from platformdirs import user_data_path

    return user_data_path("huabei-tui", appauthor=False) / DB_FILENAME


def open_repository(option: str | None) -> Repository:
    """``--db``, else ``HUABEI_DB``, else the user data folder (created on first save, mode 0700)."""
    chosen = option or os.environ.get(ENV_DB)
    if chosen:
        return Repository(Store(Path(chosen).expanduser()))
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
