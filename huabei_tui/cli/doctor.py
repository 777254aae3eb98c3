"""``huabei doctor``: what this installation will do at start, in plain words.

Where the data is, and how much of it sits in the files of imported rows beside the data file. And the question
issue 15 asks of the start-up snapshot: is it on, and if not why; where its cache is and how many frames it
keeps, and whether that folder is refused (at or inside a data file the export guard protects, or what keeps it
safe: then neither cache is ever saved there); and whether a frame is ready for the app started the same way in
this terminal (same options, same environment, same size, same day). The same for the status screen's content kept
between runs (no data read before the first frame when it is ready).

``huabei doctor --json`` says the same as one JSON object for scripts (``report_json``; the fields are listed in
the README): codes and numbers, never sentences, except the damaged data file's message, a value in the user's
language. Every character of it that a terminal could act on is written as a JSON escape (``textsafe.inert_json``).
"""

from __future__ import annotations

import argparse
import os
from typing import TYPE_CHECKING, Any

from huabei_tui.i18n import tr
from huabei_tui.startup import early_frame, frame_cache
from huabei_tui.startup.frame_key import frame_inputs

if TYPE_CHECKING:
    from huabei_tui.storage.store import Store


def data_facts(store: Store, lang: str) -> dict[str, Any]:
    """Where the data is and how it is split, as plain values (``data_lines`` words them; ``--json`` prints them):
    the file, its size, whether it can be read (else ``problem``, the store's message in ``lang``), the imported
    rows still inside it (the old format) and those in files of their own beside it."""
    from huabei_tui.storage.errors import StoreError

    facts: dict[str, Any] = {"file": str(store.path), "exists": False, "size": None, "readable": None,
                             "problem": None, "rows_inline": 0, "rows_in_parts": 0, "parts": 0, "parts_size": 0,
                             "parts_folder": str(store.parts_dir)}
    if store.signature() is None:
        return facts
    facts.update(exists=True, size=store.path.stat().st_size)
    try:
        tables, refs = store.read_with_parts()
    except StoreError as error:
        return facts | {"readable": False, "problem": error.message(lang)}
    return facts | {"readable": True, "rows_inline": len(tables.get("purchases") or ()),
                    "rows_in_parts": sum(ref.rows for ref in refs), "parts": len(refs),
                    "parts_size": sum(ref.size for ref in refs)}


def data_lines(store: Store, lang: str) -> list[str]:
    """Where the data is and how it is split: the small file, and the files of imported rows beside it."""
    facts = data_facts(store, lang)
    if not facts["exists"]:
        return [tr("doctor.data.none", lang, path=store.path)]
    lines = [tr("doctor.data", lang, path=store.path, size=_size(facts["size"]))]
    if not facts["readable"]:
        return [*lines, tr("doctor.data.damaged", lang, message=facts["problem"])]
    if facts["rows_inline"]:
        lines.append(tr("doctor.data.inline", lang, rows=f"{facts['rows_inline']:,}"))
    if facts["parts"]:
        lines.append(tr("doctor.data.rows", lang, rows=f"{facts['rows_in_parts']:,}", count=facts["parts"],
                        size=_size(facts["parts_size"]), folder=store.parts_dir))
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


def view_facts(args: argparse.Namespace) -> dict[str, Any]:
    """The status screen's cache (``view_lines`` words it): ``off_reason`` ``"env"``/``"platform"`` or ``None``;
    ``ready`` ``None`` when off or with ``--demo`` (never cached); ``refused`` when nothing will be saved."""
    from huabei_tui.startup import prefetch, view_cache

    folder = frame_cache.cache_dir()
    facts: dict[str, Any] = {"on": False, "off_reason": None, "kept": view_cache.saved_views(folder), "ready": None,
                             "refused": False}
    if not hasattr(os, "fork"):
        return facts | {"off_reason": "platform"}
    if prefetch.switched_off():
        return facts | {"off_reason": "env"}
    facts["on"] = True
    if args.demo:
        return facts
    start = early_frame.AppStart()
    start.db, start.profile, start.line = args.db, getattr(args, "profile", None), getattr(args, "line", None)
    start.today, start.lang = args.today, args.lang
    cache = view_cache.for_start(start)
    ready = cache is not None and cache.load() is not None
    return facts | {"ready": ready, "refused": not ready and refused_place(args) is not None}


def view_lines(args: argparse.Namespace, lang: str) -> list[str]:
    """Whether the status screen's content is kept between runs (``startup/view_cache.py``), how many are kept,
    and whether one is ready for the app started with the same options here (then no data is read before its
    first frame). Independent of the snapshot: ``--no-snapshot`` turns off the picture, not this."""
    facts = view_facts(args)
    n = facts["kept"]
    if not facts["on"]:
        return [tr("doctor.views", lang, state=tr(f"doctor.views.off.{facts['off_reason']}", lang), n=n)]
    lines = [tr("doctor.views", lang, state=tr("doctor.views.on", lang), n=n)]
    if args.demo:
        return [*lines, tr("doctor.views.demo", lang)]
    if facts["refused"]:
        return [*lines, tr("doctor.views.refused", lang)]
    return [*lines, tr("doctor.views.ready" if facts["ready"] else "doctor.views.not_ready", lang)]


def snapshot_facts(args: argparse.Namespace) -> dict[str, Any]:
    """The start-up snapshot (``report`` words it): ``off_reason`` one of ``early_frame``'s ``OFF_*`` codes or
    ``None``; the cache folder, its frames and the protected place that refuses it; whether this is a terminal
    and a frame is ready (``None`` where the question does not arise: off, or not a terminal)."""
    from huabei_tui.paths import default_db_path, selection

    off = early_frame.switched_off(getattr(args, "no_snapshot", False))
    folder = frame_cache.cache_dir()
    refused = refused_place(args)
    facts: dict[str, Any] = {"on": off is None, "off_reason": off, "cache_folder": str(folder),
                             "frames_kept": frame_cache.saved_frames(folder), "cache_refused": refused is not None,
                             "refused_place": None if refused is None else str(refused), "terminal": None,
                             "ready": None}
    if off:
        return facts
    facts["terminal"] = early_frame.on_a_terminal()
    if not facts["terminal"]:
        return facts
    today = early_frame.today_in_shanghai(args.today, os.environ)
    chosen = selection(args.db, getattr(args, "profile", None))
    inputs = None if today is None else frame_inputs(data_file=None if args.demo else chosen.path or default_db_path(),
                                                     demo=args.demo, today=today, lang_option=args.lang,
                                                     profile=chosen.profile)
    facts["ready"] = inputs is not None and frame_cache.load(folder, inputs.name(), inputs.text()) is not None
    return facts


def report(args: argparse.Namespace, lang: str) -> list[str]:
    """The doctor's lines, for the app started with the same global options in this terminal."""
    facts = snapshot_facts(args)
    off = facts["off_reason"]
    lines = [tr("doctor.snapshot", lang, state=tr(f"doctor.off.{off}" if off else "doctor.on", lang))]
    lines.append(tr("doctor.cache", lang, path=facts["cache_folder"], n=facts["frames_kept"]))
    if facts["cache_refused"]:
        lines.append(tr("doctor.cache.refused", lang, place=facts["refused_place"]))
    if off:
        return lines
    lines.append(tr("doctor.how_off", lang))
    if not facts["terminal"]:
        lines.append(tr("doctor.terminal_no", lang))
        return lines
    ready = facts["ready"]
    if ready or not facts["cache_refused"]:  # refused: "saved the next time" would not be true (the line above says why)
        lines.append(tr("doctor.ready" if ready else "doctor.not_ready", lang))
    return lines


#: The version of ``report_json``'s shape: raised when a field changes meaning or goes away (new fields may come).
JSON_FORMAT = 1


def report_json(args: argparse.Namespace, store: Store, lang: str) -> str:
    """``huabei doctor --json``: the facts behind every line of the text report, one JSON object (fields in the
    README), made inert for a terminal: a path or message holding controls is printed as JSON escapes."""
    from huabei_tui.io.json_text import for_terminal

    data = {"format": JSON_FORMAT, "demo": bool(args.demo), "snapshot": snapshot_facts(args),
            "views": view_facts(args), "data": data_facts(store, lang)}
    return for_terminal(data)
