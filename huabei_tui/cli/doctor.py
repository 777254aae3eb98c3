"""``huabei doctor``: what this installation will do at start, in plain words.

Where the data is, and how much of it sits in the files of imported rows beside the data file. And the question
issue 15 asks of the start-up snapshot: is it on, and if not why; where its cache is and how many frames it
keeps, and whether that folder is refused (at or inside a data file the export guard protects, or what keeps it
safe: then neither cache is ever saved there); and whether a frame is ready for the app started the same way in
this terminal (same options, same environment, same size, same day). The same for the status screen's content kept
between runs (no data read before the first frame when it is ready).
"""

from __future__ import annotations

import argparse
import os
from typing import TYPE_CHECKING

from huabei_tui.i18n import tr
from huabei_tui.startup import early_frame, frame_cache
from huabei_tui.startup.frame_key import frame_inputs

if TYPE_CHECKING:
    from huabei_tui.storage.store import Store


def data_lines(store: Store, lang: str) -> list[str]:
    """Where the data is and how it is split: the small file, and the files of imported rows beside it."""
    from huabei_tui.storage.errors import StoreError

    if store.signature() is None:
        return [tr("doctor.data.none", lang, path=store.path)]
    lines = [tr("doctor.data", lang, path=store.path, size=_size(store.path.stat().st_size))]
    try:
        tables, refs = store.read_with_parts()
    except StoreError as error:
        return [*lines, tr("doctor.data.damaged", lang, message=error.message(lang))]
    inline = len(tables.get("purchases") or ())
    if inline:
        lines.append(tr("doctor.data.inline", lang, rows=f"{inline:,}"))
    if refs:
        lines.append(tr("doctor.data.rows", lang, rows=f"{sum(ref.rows for ref in refs):,}", count=len(refs),
                        size=_size(sum(ref.size for ref in refs)),
                        folder=store.parts_dir))
    return lines


def _size(size: int) -> str:
    return f"{size / 1e6:.1f} MB" if size >= 1e6 else f"{max(size / 1e3, 0.1):.1f} kB"


def refused_place(args: argparse.Namespace) -> str | None:
    """The protected place the cache folder is at or inside (``frame_cache.danger``: a data file the export
    guard protects, its lock, backups or parts), so that neither cache is ever saved there; ``None`` if it is
    fine. Both caches share the folder, and both keep clear of the same places."""
    from huabei_tui.paths import default_db_path, selection

    try:
        folder = frame_cache.cache_dir()
        data_file = None if args.demo else selection(args.db, getattr(args, "profile", None)).path or default_db_path()
    except (OSError, ValueError, RuntimeError):
        return None
    return frame_cache.danger(frame_cache.frame_path(folder, PROBE_NAME), data_file)


#: A cache file's name, to ask ``danger`` about the folder (any name of the cache's form: 16 hex digits).
PROBE_NAME = "0" * 16


def view_lines(args: argparse.Namespace, lang: str) -> list[str]:
    """Whether the status screen's content is kept between runs (``startup/view_cache.py``), how many are kept,
    and whether one is ready for the app started with the same options here (then no data is read before its
    first frame). Independent of the snapshot: ``--no-snapshot`` turns off the picture, not this."""
    from huabei_tui.startup import prefetch, view_cache

    folder = frame_cache.cache_dir()
    n = view_cache.saved_views(folder)
    if not hasattr(os, "fork"):
        return [tr("doctor.views", lang, state=tr("doctor.views.off.platform", lang), n=n)]
    if prefetch.switched_off():
        return [tr("doctor.views", lang, state=tr("doctor.views.off.env", lang), n=n)]
    lines = [tr("doctor.views", lang, state=tr("doctor.views.on", lang), n=n)]
    if args.demo:
        return [*lines, tr("doctor.views.demo", lang)]
    start = early_frame.AppStart()
    start.db, start.profile, start.line = args.db, getattr(args, "profile", None), getattr(args, "line", None)
    start.today, start.lang = args.today, args.lang
    cache = view_cache.for_start(start)
    ready = cache is not None and cache.load() is not None
    if not ready and refused_place(args) is not None:
        return [*lines, tr("doctor.views.refused", lang)]
    return [*lines, tr("doctor.views.ready" if ready else "doctor.views.not_ready", lang)]


def report(args: argparse.Namespace, lang: str) -> list[str]:
    """The doctor's lines, for the app started with the same global options in this terminal."""
    from huabei_tui.paths import default_db_path, selection

    off = early_frame.switched_off(getattr(args, "no_snapshot", False))
    lines = [tr("doctor.snapshot", lang, state=tr(f"doctor.off.{off}" if off else "doctor.on", lang))]
    folder = frame_cache.cache_dir()
    lines.append(tr("doctor.cache", lang, path=folder, n=frame_cache.saved_frames(folder)))
    refused = refused_place(args)
    if refused is not None:
        lines.append(tr("doctor.cache.refused", lang, place=refused))
    if off:
        return lines
    lines.append(tr("doctor.how_off", lang))
    if not early_frame.on_a_terminal():
        lines.append(tr("doctor.terminal_no", lang))
        return lines
    today = early_frame.today_in_shanghai(args.today, os.environ)
    chosen = selection(args.db, getattr(args, "profile", None))
    inputs = None if today is None else frame_inputs(data_file=None if args.demo else chosen.path or default_db_path(),
                                                     demo=args.demo, today=today, lang_option=args.lang,
                                                     profile=chosen.profile)
    ready = inputs is not None and frame_cache.load(folder, inputs.name(), inputs.text()) is not None
    if ready or refused is None:  # refused: "saved the next time" would not be true (the line above says why)
        lines.append(tr("doctor.ready" if ready else "doctor.not_ready", lang))
    return lines
