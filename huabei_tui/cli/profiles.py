"""``huabei profile list``: the profiles in the data folder, their files, sizes and last changes.

A profile is a data file (``huabei_tui/profiles.py``), so the list is read from the folder: nothing else keeps a
register of them, and a profile file copied in from another machine appears at once. The current profile (the one
``--profile``/``HUABEI_PROFILE`` chose, else ``default``) is marked, even before its first save creates its file.
"""

from __future__ import annotations

import argparse
from datetime import UTC, datetime

from huabei_tui.cli.context import Context
from huabei_tui.domain.dates import shanghai_wall_time
from huabei_tui.i18n import tr
from huabei_tui.paths import data_folder
from huabei_tui.profiles import DEFAULT_FILENAME, DEFAULT_PROFILE, ProfileFile, list_profiles
from huabei_tui.textwidth import table


def file_size(size: int | None, lang: str) -> str:
    """Bytes as people read them (1,024 B = 1 KB), one decimal above a kilobyte."""
    if size is None:
        return tr("profile.no_file", lang)
    if size < 1024:
        return f"{size} B"
    value = float(size)
    for unit in ("KB", "MB"):
        value /= 1024
        if value < 1024:
            return f"{value:.1f} {unit}"
    return f"{value / 1024:.1f} GB"


def last_change(modified_ns: int | None) -> str | None:
    """The file's modification time as Shanghai wall time (the app's only time zone), to the minute."""
    if modified_ns is None:
        return None
    moment = datetime.fromtimestamp(modified_ns / 1e9, tz=UTC)
    return shanghai_wall_time(moment).strftime("%Y-%m-%d %H:%M")


def current_profile(ctx: Context) -> str | None:
    """The profile this run uses: the chosen one, ``default`` when nothing was chosen, ``None`` for ``--db``."""
    if ctx.profile is not None:
        return ctx.profile
    return DEFAULT_PROFILE if ctx.repo.path == data_folder() / DEFAULT_FILENAME else None


def list_command(ctx: Context, args: argparse.Namespace) -> int:
    folder = data_folder()
    current = current_profile(ctx)
    profiles = list_profiles(folder, current)
    if args.json:
        from huabei_tui.io.json_text import for_terminal

        ctx.print(for_terminal({
            "folder": str(folder),
            "current": current,
            "data_file": str(ctx.repo.path),
            "profiles": [_profile_json(p, current) for p in profiles],
        }))
        return 0
    ctx.print(tr("profile.folder", ctx.lang, path=folder))
    rows = [[("* " if p.name == current else "  ") + p.name, p.path.name, file_size(p.size, ctx.lang),
             last_change(p.modified_ns) or ""] for p in profiles]
    headers = ["  " + tr("profile.col.name", ctx.lang), tr("profile.col.file", ctx.lang),
               tr("profile.col.size", ctx.lang), tr("profile.col.changed", ctx.lang)]
    ctx.print("\n".join(table(headers, rows, ["left", "left", "right", "left"])))
    if current is None:
        ctx.print(tr("profile.current_db", ctx.lang, path=ctx.repo.path))
    else:
        ctx.print(tr("profile.current", ctx.lang, name=current))
    ctx.print(tr("profile.how", ctx.lang))
    return 0


def _profile_json(profile: ProfileFile, current: str | None) -> dict[str, object]:
    return {
        "name": profile.name,
        "file": str(profile.path),
        "exists": profile.size is not None,
        "size": profile.size,
        "modified": last_change(profile.modified_ns),
        "current": profile.name == current,
    }
