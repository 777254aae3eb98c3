"""The status screen's content from the last run, kept so that a repeated start reads no data before its first
frame (issue 15, goal 2).

The quick start (``cli/fast_start.py``) draws the app's first frame from the status screen's plain content
(``views/status_screen.py``), which a forked child reads and summarises while the app imports Textual. That
child costs 80–130 ms of CPU: free on an idle core, taken from the app's own start on a busy machine. The
content is a pure function of a few inputs, so the last one is kept here, as plain data (``marshal``: strings,
numbers, lists, dicts; never a picture), under a key made of all of them, and a start whose key matches draws
its first frame from it with no child and no data read. The session is then loaded in a thread exactly as after
the child (keys held and replayed; a file changed or a day begun meanwhile redraws the screen from the session,
and an entry the session disagrees with is dropped: ``ViewCache.forget``).

The key is the start-up snapshot's (``frame_key``), less what only changes the picture (terminal size, colours,
theme, output encoding, ``TEXTUAL*`` variables), plus the data file's backups folder (the tab bar says when saves
cannot keep a backup): the data file's identity and content signature, the profile and ``--line``, today's date
in Shanghai, the language inputs, ``settings.toml`` and ``keys.toml``, every ``HUABEI_*`` variable and the
package's code.

The files are the snapshot's (``frame_cache``: 0600 in a 0700 folder of this user, read without following a
symlink, written atomically, the whole key and a checksum in each, a damaged or foreign file ignored), with their
own magic line and suffix so that a frame is never read as content or the other way round; never in or at the
data file, its lock, its backups or its parts, nor the default data file's or another profile's (what an
export keeps clear of: ``frame_cache.danger``). ``HUABEI_NO_PREFETCH=1`` (no quick start at all) turns this off
too; ``--no-snapshot``, which is about the picture written before Textual, does not: the content is drawn by
Textual itself, exactly as the child's would be.

Nothing here imports Textual, the storage layer or the rules.
"""

from __future__ import annotations

import contextlib
import marshal
import os
from collections.abc import Mapping
from pathlib import Path

from huabei_tui.startup import frame_cache
from huabei_tui.startup.frame_key import FrameInputs, file_identity

#: ``typing`` costs milliseconds before the first frame; annotations here are never evaluated.
TYPE_CHECKING = False
if TYPE_CHECKING:
    import threading
    from datetime import datetime
    from typing import Any

    from huabei_tui.startup.early_frame import AppStart

MAGIC = b"huabei-view 1\n"
#: The shape of the content (``cli/fast_start.first_view``); bumped when it changes.
FORMAT = 1
SUFFIX = ".view"
#: The content's top-level entries and their types (``cli/fast_start.first_view``); anything else is ignored.
SHAPE: dict[str, tuple[type, ...]] = {
    "format": (int,), "lang": (str,), "profile": (str, type(None)), "today": (str,), "line": (str, type(None)),
    "several": (bool,), "no_backup": (bool,), "status": (dict,), "keys": (dict, type(None)),
    "settings": (dict, type(None)),
}
#: The status screen's entries (``views.status_screen.status_view``).
STATUS_SHAPE: dict[str, tuple[type, ...]] = {
    "lines_block": (dict, type(None)), "warnings": (list,), "to_pay": (dict,), "account": (dict,),
    "options": (list,), "history": (list,), "trend_caption": (str,), "trend": (list,), "show_trend": (bool,),
    "advice": (str, type(None)),
}


def view_inputs(frame: FrameInputs, backups: tuple[str | int, ...]) -> FrameInputs:
    """The snapshot's key less what only changes the picture, plus the backups folder's identity."""
    return FrameInputs(
        data=frame.data,
        today=frame.today,
        size=(0, 0),
        lang=frame.lang,
        colours=(),
        theme="",
        other_variables=tuple((name, value) for name, value in frame.other_variables if name.startswith("HUABEI_")),
        code=frame.code,
        demo=frame.demo,
        preferences=(*frame.preferences, ("backups", *backups)),
    )


class ViewCache:
    """The cached content for one start: ``load`` it, ``save`` the child's, ``forget`` it when found stale."""

    def __init__(self, folder: Path, inputs: FrameInputs, data_file: str) -> None:
        self.folder = folder
        self.inputs = inputs
        self.key = inputs.text()
        self.name = inputs.name()
        self.data_file = data_file
        self.saver: threading.Thread | None = None

    @property
    def path(self) -> Path:
        return frame_cache.frame_path(self.folder, self.name, SUFFIX)

    def load(self) -> dict[str, Any] | None:
        """The content saved under this key, or ``None`` (none, damaged, another key's, not private, or not the
        shape the app draws)."""
        blob = frame_cache.load(self.folder, self.name, self.key, suffix=SUFFIX, magic=MAGIC)
        if blob is None:
            return None
        try:
            view = marshal.loads(blob)
        except (ValueError, EOFError, TypeError):
            return None
        return view if well_formed(view) and view["today"] == self.inputs.today else None

    def save(self, view: dict[str, Any]) -> bool:
        """Keep ``view`` under this key (atomic, 0600); ``False`` when it cannot or may not be written."""
        if not well_formed(view) or view["today"] != self.inputs.today:
            return False
        try:
            payload = marshal.dumps(view)
            frame_cache.save(self.folder, self.name, self.key, payload, data_file=self.data_file, suffix=SUFFIX,
                             magic=MAGIC)  # refused (PermissionError) at or inside the data file and its own
        except (OSError, ValueError):
            return False
        return True

    def save_in_background(self, view: dict[str, Any]) -> None:
        """``save`` off the app's start (a non-daemon thread: the interpreter lets it finish at exit)."""
        import threading

        self.saver = threading.Thread(target=self.save, args=(view,), name="huabei-view-cache")
        self.saver.start()

    def wait_saved(self, timeout: float | None = None) -> None:
        if self.saver is not None:
            self.saver.join(timeout)

    def forget(self) -> None:
        """Drop this key's entry: the session read something else (the next start reads the file again)."""
        self.wait_saved()
        with contextlib.suppress(OSError):
            os.unlink(self.path)

    def unsafe(self) -> bool:
        """The cache would be written at or inside the data file, its lock, its backups or its parts folder, or
        the default data file's or another profile's (``HUABEI_CACHE_DIR`` pointed there): never written then
        (``frame_cache.endangers``, which ``save`` asks)."""
        return frame_cache.endangers(self.path, self.data_file)


def well_formed(view: object) -> bool:
    """``view`` has every entry the first frame reads, of the right type (a file of an older or foreign shape is
    ignored rather than drawn)."""
    if not isinstance(view, dict) or view.get("format") != FORMAT:
        return False
    status = view.get("status")
    return (all(isinstance(view.get(name, ...), types) for name, types in SHAPE.items())
            and all(isinstance(status.get(name, ...), types) for name, types in STATUS_SHAPE.items())
            and "signature" in view)


def for_start(start: AppStart, environ: Mapping[str, str] | None = None, now: datetime | None = None
              ) -> ViewCache | None:
    """The cache for the app opened by ``start``, or ``None`` when its content cannot be keyed (``--demo``: made
    at start from today; a day the clock's parser would have to read; a data file that cannot be looked at)."""
    from huabei_tui.startup.early_frame import start_inputs

    env = os.environ if environ is None else environ
    if start.demo:
        return None
    frame = start_inputs(start, env, size=(0, 0), now=now)
    data_file = None if frame is None else frame.data_file
    if frame is None or data_file is None:
        return None
    try:
        folder = frame_cache.cache_dir(env)
    except (OSError, ValueError, RuntimeError):
        return None
    return ViewCache(folder, view_inputs(frame, file_identity(Path(data_file + ".backups"))), data_file)


def saved_views(folder: Path) -> int:
    """How many contents are kept (for ``huabei doctor``)."""
    return frame_cache.saved_frames(folder, SUFFIX)
