"""``huabei import alipay FILE...``: the session's import (read → preview → save) with a progress bar on stderr.

Every file is read first (a bad one imports nothing), the preview is printed, then all new records are saved at
once, unless ``--dry-run``. The reading, the preview and the save are ``Session.read_import`` and
``Session.commit_import``, exactly what the app's import dialog runs; this module only draws and prints.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from huabei_tui.cli.context import Context
from huabei_tui.i18n import tr


class ProgressBar:
    """A one-line bar on stderr while a long import runs; silent when stderr is not a terminal (pipes, cron)."""

    def __init__(self, label: str) -> None:
        self.stream = sys.stderr
        self.enabled = self.stream.isatty()
        self.label = label
        self.shown = -1

    def __call__(self, done: int, total: int) -> None:
        if not self.enabled or total <= 0:
            return
        percent = min(100, done * 100 // total)
        if percent == self.shown:
            return
        self.shown = percent
        filled = percent * 30 // 100
        self.stream.write(f"\r{self.label} [{'#' * filled}{'.' * (30 - filled)}] {percent:3d}%")
        if percent >= 100:
            self.stream.write("\n")
        self.stream.flush()

    def close(self) -> None:
        """End a bar left part-way (the file turned out damaged), so the error starts on its own line."""
        if self.enabled and 0 <= self.shown < 100:
            self.stream.write("\n")
            self.stream.flush()
            self.shown = 100


class FileBars:
    """One ``ProgressBar`` per file, named after it, for ``Session.read_import``'s ``progress(index, done, total)``."""

    def __init__(self, paths: list[Path]) -> None:
        self.bars = [ProgressBar(path.name) for path in paths]

    def __call__(self, index: int, done: int, total: int) -> None:
        self.bars[index](done, total)

    def close(self) -> None:
        for bar in self.bars:
            bar.close()


def cmd_import(ctx: Context, args: argparse.Namespace) -> int:
    paths = [Path(name).expanduser() for name in args.files]
    bars = FileBars(paths)
    try:
        preview = ctx.session.read_import(paths, progress=bars)
    finally:
        bars.close()
    ctx.print("\n".join(preview.lines(ctx.lang)))
    if args.dry_run:
        ctx.print(tr("import.dry_run", ctx.lang))
        return 0
    if not preview.has_records:
        return 0
    ctx.print(ctx.session.commit_import(preview).value.line(ctx.lang))
    return 0
