"""``huabei import alipay FILE...``: the session's import (read → preview → save) with a progress bar on stderr.

Every file is read first (a bad one imports nothing), the preview is printed, then all new records are saved at
once, unless ``--dry-run``. The reading, the preview and the save are ``Session.read_import`` and
``Session.save_import`` (``commit_import`` without the new snapshot, which nothing here shows), exactly what the
app's import dialog runs; this module only draws and prints, and says where an encrypted zip's password comes
from: ``--password-file``, ``HUABEI_ZIP_PASSWORD``, else the terminal without echo (never an option: other users
see options in ``ps``).
"""

from __future__ import annotations

import argparse
import gc
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from huabei_tui.cli.context import Context
from huabei_tui.domain.errors import InputError
from huabei_tui.domain.textsafe import printable
from huabei_tui.i18n import os_reason, tr
from huabei_tui.io.import_files import PasswordSource, password_source, read_password_file


class ProgressBar:
    """A one-line bar on stderr while a long import runs; silent when stderr is not a terminal (pipes, cron)."""

    def __init__(self, label: str) -> None:
        self.stream = sys.stderr
        self.enabled = self.stream.isatty()
        self.label = printable(label).replace("\n", " ")  # a file name: it may hold escape sequences
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
    password = password_source(file_password=_password_file(ctx, args), environ=os.environ,
                               ask=_ask_password(ctx.lang))
    from huabei_tui.domain.lines import parse_routes

    routes = parse_routes(args.route, ctx.session.lines()) if args.route else None  # checked before any file
    bars = FileBars(paths)
    progress = bars if any(bar.enabled for bar in bars.bars) else None
    with _collector_paused():
        try:
            preview = ctx.session.read_import(paths, progress=progress, password=password, routes=routes)
        finally:
            bars.close()
    ctx.print("\n".join(preview.lines(ctx.lang)))
    if args.dry_run:
        ctx.print(tr("import.dry_run", ctx.lang))
        return 0
    for method, count in preview.unrouted.items():  # asked once, here as an option: nothing is saved without it
        raise InputError("route", "line.unrouted", method=method, count=count)
    if not preview.has_records:
        return 0
    with _collector_paused():
        counts = ctx.session.save_import(preview)  # commit_import without the new snapshot: nothing here shows it
    ctx.print(counts.line(ctx.lang))
    return 0


@contextmanager
def _collector_paused() -> Iterator[None]:
    """The cyclic garbage collector off while an import reads or saves (enabled again however it ends).

    Reading allocates one small object after another and frees nothing in cycles, yet the collector walks
    everything alive again and again as the rows pile up: a million-row export spent 1.4 s of its 7 s reading
    in collections that found nothing. (The app's dialog reads in a worker thread and leaves the collector
    alone: switching it off there would switch it off for the whole app.)
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _password_file(ctx: Context, args: argparse.Namespace) -> str | None:
    """The zip password from ``--password-file`` (read before any export is, so a typo fails first)."""
    if not args.password_file:
        return None
    path = Path(args.password_file).expanduser()
    try:
        return read_password_file(path)
    except OSError as exc:
        raise InputError("password_file", "file.unreadable", path=str(path), reason=os_reason(exc, ctx.lang)) from exc


def _ask_password(lang: str) -> PasswordSource | None:
    """Ask on the terminal without echo (getpass); off a terminal there is no one to ask."""
    if not sys.stdin.isatty():
        return None

    def ask(path: Path) -> str | None:
        import getpass

        return getpass.getpass(printable(tr("zip.password_prompt", lang, file=path.name)))  # names a file

    return ask
