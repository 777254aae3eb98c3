"""Running ``huabei`` in-process and in a subprocess, with a fixed clock and language."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import pytest

from huabei_tui.cli.main import main

TODAY = "2025-09-01"
ENV_VARS = ("HUABEI_DB", "HUABEI_TODAY", "HUABEI_LANG", "HUABEI_DEBUG", "LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE")


@dataclass
class Result:
    code: int
    out: str
    err: str

    @property
    def err_lines(self) -> list[str]:
        return self.err.splitlines()


class Huabei:
    """``huabei --db DB --today TODAY --lang LANG args…`` with output captured."""

    def __init__(self, db: Path, capsys: pytest.CaptureFixture[str]) -> None:
        self.db = db
        self.capsys = capsys

    def __call__(self, *args: str, today: str | None = TODAY, lang: str | None = "en", db: Path | None = None) -> Result:
        argv: list[str] = ["--db", str(db or self.db)]
        if today is not None:
            argv += ["--today", today]
        if lang is not None:
            argv += ["--lang", lang]
        return self.bare(*argv, *args)

    def bare(self, *argv: str) -> Result:
        """Exactly ``argv``, nothing added."""
        self.capsys.readouterr()
        code = main(list(argv))
        captured = self.capsys.readouterr()
        return Result(code, captured.out, captured.err)

    def ok(self, *args: str, **kwargs: object) -> Result:
        result = self(*args, **kwargs)  # type: ignore[arg-type]
        assert result.code == 0, (args, result.err)
        assert result.err == "" or "Exported" in result.err or "已导出" in result.err, result.err
        return result


def subprocess_env(tmp_path: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ENV_VARS}
    env.update({"XDG_DATA_HOME": str(tmp_path / "xdg-data"), "HOME": str(tmp_path / "home"), "LANG": "C.UTF-8",
                "PYTHONIOENCODING": "utf-8"})
    env.update(extra)
    return env
