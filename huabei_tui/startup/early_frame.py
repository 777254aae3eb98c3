"""Show the previous run's first frame before Textual is imported, and give the terminal back intact.

``begin`` runs in ``huabei``'s ``main`` for the app (no command, or ``tui``), before anything heavy is imported.
When the frame cache is on and the terminal is a real one, it builds this run's key and, if a frame was saved
under it, writes the frame to the terminal at once. Frame or not, it then keeps an ``EarlyStart`` that the
Textual side (``huabei_tui.ui.frame_recorder``) finds with ``current()``: it records this run's first frame for
the next run and keeps Textual's own start from undoing what was shown. ``end`` gives the terminal back.

What keeps this safe:

* **Only a real terminal, only the app.** stdin, stdout and stderr must all be terminals (Textual draws on
  stderr); never for a command (``status`` …), never with ``--no-snapshot`` or ``HUABEI_NO_SNAPSHOT=1``, never
  when ``TEXTUAL_DRIVER`` picks another driver (``huabei serve``'s web driver), never on Windows.
* **The alternate screen.** The frame is written *into* the alternate screen (``ESC[?1049h``), as Textual's
  would be; the recorder then drops Textual's own ``ESC[?1049h`` once, because xterm (and terminals modelled on
  it) clears the alternate screen and saves the cursor again on every ``ESC[?1049h``, even when already on it
  (tmux ignores a repeated one). Textual's first frame is
  written over the cached one without clearing, so there is no blank flash; on exit Textual's ``ESC[?1049l``
  brings back the normal screen and the cursor saved here.
* **Keys typed early are kept.** stdin is never read here. The terminal is put at once into the mode Textual
  will set (no echo, no line editing, no signals, no CR→LF translation: Textual's own ``_patch_lflag`` /
  ``_patch_iflag``), so a key typed while Textual loads is neither echoed over the frame nor changed, and waits in
  the terminal's input queue; Textual does not flush that queue when it starts (``TCSANOW``), so it reads the key
  as if typed a moment later. The recorder hands Textual the terminal's *original* mode to restore on exit and
  on Ctrl+Z, so the shell gets back exactly what it had.
* **Errors before Textual starts.** ``end()`` (which ``main`` calls before printing any error, and whenever it
  returns) without Textual having started (a damaged data file, an interrupted start, a failed import) leaves the
  alternate screen, shows the cursor, turns line wrap back on, drops the keys typed for the app (as Textual does
  when it exits) and restores the terminal mode: the error is printed on the normal screen of a terminal as it
  was.
"""

from __future__ import annotations

import contextlib
import os
import re
import sys
from collections.abc import Mapping, Sequence
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

from huabei_tui.startup import frame_cache
from huabei_tui.startup.frame_key import FrameInputs, frame_inputs

#: ``typing`` costs milliseconds before the first frame; annotations here are never evaluated.
TYPE_CHECKING = False
if TYPE_CHECKING:
    import threading

ENV_OFF = "HUABEI_NO_SNAPSHOT"
ENV_TODAY = "HUABEI_TODAY"  # the clock's variable (huabei_tui/clock.py)
#: Shanghai has kept UTC+8 without daylight saving since 1991: today's date there, without loading a time zone
#: database (the clock's ``zoneinfo`` gives the same date; the app checks it before saving a frame).
SHANGHAI = timezone(timedelta(hours=8), "Asia/Shanghai")
ISO_DAY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")

#: Global options of ``huabei`` (see cli/parser.py), for the quick look at the command line made here.
VALUED_OPTIONS = ("--db", "--profile", "--line", "--today", "--lang")
FLAG_OPTIONS = ("--demo", "--no-snapshot")
#: The command that opens the app besides none at all.
APP_COMMAND = "tui"

#: Written before the cached frame: alternate screen (saving the cursor), cursor hidden, no line wrap (as
#: Textual draws), inside a synchronized update so terminals that know it show the frame in one piece.
ENTER = b"\x1b[?1049h\x1b[?25l\x1b[?7l\x1b[?2026h\x1b[0m\x1b[H\x1b[2J"
ENTERED = b"\x1b[?2026l"
#: Written when Textual never started: back to the normal screen as it was.
LEAVE = b"\x1b[?2026l\x1b[0m\x1b[?7h\x1b[?25h\x1b[?1049l"
#: Textual's switch to the alternate screen (its Linux driver writes it alone).
ALT_SCREEN_ON = "\x1b[?1049h"
#: Recording stops beyond this (a first screen is a few tens of kB).
MAX_RECORDED_CHARS = 2 * 1024 * 1024

#: Why the frame cache is off, for ``huabei doctor`` (its strings are ``doctor.off.<reason>``).
OFF_OPTION = "option"
OFF_ENV = "env"
OFF_PLATFORM = "platform"
OFF_DRIVER = "driver"


class AppStart:
    """The options of a command line that opens the app (``huabei [GLOBAL OPTIONS] [tui]``)."""

    __slots__ = ("db", "demo", "lang", "line", "no_snapshot", "profile", "today")

    def __init__(self) -> None:
        self.db: str | None = None
        self.profile: str | None = None
        self.line: str | None = None
        self.today: str | None = None
        self.lang: str | None = None
        self.demo = False
        self.no_snapshot = False


def app_start(argv: Sequence[str]) -> AppStart | None:
    """Read the command line the way the parser will, if it opens the app; ``None`` for anything else.

    Only the plain forms are recognised (``--db PATH``, ``--db=PATH``, the two flags, then nothing or ``tui``):
    help, a command, an abbreviated or unknown option all give ``None``, and the parser, which runs next,
    decides what they mean. A value starting with ``-`` is left to the parser too.
    """
    start = AppStart()
    args = list(argv)
    i = 0
    while i < len(args):
        arg = args[i]
        name, eq, value = arg.partition("=")
        if name in VALUED_OPTIONS:
            if not eq:
                if i + 1 >= len(args) or args[i + 1].startswith("-"):
                    return None
                value = args[i + 1]
                i += 1
            setattr(start, name[2:], value)
        elif arg in FLAG_OPTIONS:
            setattr(start, arg[2:].replace("-", "_"), True)
        elif arg == APP_COMMAND and i == len(args) - 1:
            pass
        else:
            return None
        i += 1
    return start


def today_in_shanghai(option: str | None, environ: Mapping[str, str], now: datetime | None = None) -> date | None:
    """The clock's rule (``--today``, else ``HUABEI_TODAY``, else today in Shanghai), for a plain ``YYYY-MM-DD``
    only; ``None`` (no frame) for anything the clock's parser would have to interpret."""
    text = option if option is not None else environ.get(ENV_TODAY) or None
    if text is not None:
        if not ISO_DAY.fullmatch(text):
            return None
        try:
            return date.fromisoformat(text)
        except ValueError:
            return None
    return (now or datetime.now(SHANGHAI)).astimezone(SHANGHAI).date()


def switched_off(no_snapshot: bool, environ: Mapping[str, str] | None = None) -> str | None:
    """Why the frame cache is off (the user, the platform, another Textual driver), or ``None`` when it is on."""
    env = os.environ if environ is None else environ
    if no_snapshot:
        return OFF_OPTION
    if env.get(ENV_OFF, "").strip() not in ("", "0"):
        return OFF_ENV
    if sys.platform == "win32" or not _has_termios():
        return OFF_PLATFORM
    if env.get("TEXTUAL_DRIVER"):
        return OFF_DRIVER
    return None


def on_a_terminal(fds: tuple[int, ...] = (0, 1, 2)) -> bool:
    """stdin, stdout and stderr are all terminals (a pipe, a file or /dev/null on any of them: no frame)."""
    try:
        return all(os.isatty(fd) for fd in fds)
    except OSError:
        return False


def _has_termios() -> bool:
    try:
        import termios  # noqa: F401
    except ImportError:
        return False
    return True


class EarlyStart:
    """This run's frame cache: its key, the frame shown (if any), and the terminal as it was before.

    ``end()`` (or leaving it as a context manager) gives the terminal back; the Textual driver tells it when
    Textual takes the terminal over and gives it back, and hands it the frames it writes.
    """

    def __init__(self, inputs: FrameInputs, folder: Path, *, fd: int = 2, stdin_fd: int = 0,
                 encoding: str = "utf-8", errors: str = "strict") -> None:
        self.inputs = inputs
        self.key = inputs.text()
        self.name = inputs.name()
        self.folder = folder
        self.fd = fd
        self.stdin_fd = stdin_fd
        self.encoding = encoding
        self.errors = errors
        self.shown: bytes | None = None
        self.saved_mode: list | None = None
        self.textual_started = False
        self.textual_stopped = False
        self.alt_screen_ours = False
        self.recorded: list[str] | None = []
        self.recorded_chars = 0
        self.saver: threading.Thread | None = None

    # -- before Textual -------------------------------------------------------------------------------------
    def show(self, frame: bytes) -> bool:
        """Write ``frame`` into the alternate screen; ``False`` (terminal untouched or restored) if that fails."""
        import termios

        try:
            self.saved_mode = termios.tcgetattr(self.stdin_fd)
            termios.tcsetattr(self.stdin_fd, termios.TCSANOW, app_mode(self.saved_mode))
        except termios.error:
            self.saved_mode = None
            return False
        self.alt_screen_ours = True
        try:
            _write_all(self.fd, ENTER + frame + ENTERED)
        except OSError:
            self.give_back()
            return False
        self.shown = frame
        return True

    def give_back(self) -> None:
        """Restore the terminal if Textual never took it over; restore its mode in any case (idempotent)."""
        import termios

        if self.alt_screen_ours and not self.textual_started:
            with contextlib.suppress(termios.error):
                termios.tcflush(self.stdin_fd, termios.TCIFLUSH)  # keys meant for the app, not for the shell
            with contextlib.suppress(OSError):
                _write_all(self.fd, LEAVE)
        self.alt_screen_ours = False
        if self.saved_mode is not None:
            with contextlib.suppress(termios.error):
                termios.tcsetattr(self.stdin_fd, termios.TCSANOW, self.saved_mode)

    # -- called by the Textual driver -----------------------------------------------------------------------
    def on_textual_start(self) -> list | None:
        """Textual has the terminal now; returns the mode it must restore (the original one) if it was changed."""
        self.textual_started = True
        return self.saved_mode

    def on_textual_stop(self) -> None:
        self.textual_stopped = True

    def drop_alt_screen_switch(self, data: str) -> bool:
        """True exactly once, for Textual's first ``ESC[?1049h``, when the cached frame is already on it."""
        if data == ALT_SCREEN_ON and self.alt_screen_ours:
            self.alt_screen_ours = False
            return True
        return False

    def record(self, data: str) -> None:
        """Keep a frame Textual wrote (a screen update: it starts by placing the cursor)."""
        if self.recorded is None:
            return
        self.recorded_chars += len(data)
        if self.recorded_chars > MAX_RECORDED_CHARS:
            self.recorded = None
            return
        self.recorded.append(data)

    def record_no_more(self) -> None:
        self.recorded = None

    @property
    def recording(self) -> bool:
        return self.recorded is not None

    def recorded_frame(self) -> bytes | None:
        """Every update since Textual started, as the terminal received them: replayed on a cleared screen, the
        screen as it is now. ``None`` before a whole-screen update was written."""
        if not self.recorded or not any(part.startswith("\x1b[1;1H") for part in self.recorded):
            return None
        try:
            return "".join(self.recorded).encode(self.encoding, self.errors)
        except (UnicodeError, LookupError):
            return None

    def save_in_background(self, frame: bytes) -> None:
        """Keep ``frame`` for the next run, off the event loop; a frame like the one shown is not rewritten."""
        import threading

        self.recorded = None
        if frame == self.shown:
            return
        self.saver = threading.Thread(target=self._save, args=(frame,), name="huabei-frame-cache")
        self.saver.start()

    def _save(self, frame: bytes) -> None:
        with contextlib.suppress(OSError, ValueError):
            frame_cache.save(self.folder, self.name, self.key, frame, data_file=self.inputs.data_file)

    def wait_saved(self, timeout: float | None = None) -> None:
        if self.saver is not None:
            self.saver.join(timeout)

    # -- the end --------------------------------------------------------------------------------------------
    def close(self) -> None:
        self.give_back()
        self.recorded = None
        if _current is self:
            install(None)

    def __enter__(self) -> EarlyStart:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def app_mode(mode: list) -> list:
    """The terminal mode Textual's Linux driver sets when it starts (its ``_patch_lflag`` and ``_patch_iflag``),
    set here already so that keys typed while Textual loads are kept exactly as typed and not echoed."""
    import termios

    new = [list(item) if isinstance(item, list) else item for item in mode]
    isig = 0 if os.environ.get("TEXTUAL_ALLOW_SIGNALS") else termios.ISIG
    new[3] &= ~(termios.ECHO | termios.ICANON | termios.IEXTEN | isig)
    new[0] &= ~(termios.IXON | termios.IXOFF | termios.ICRNL | termios.INLCR | termios.IGNCR)
    new[6][termios.VMIN] = 1
    return new


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        written = os.write(fd, view)
        view = view[written:]


_current: EarlyStart | None = None


def current() -> EarlyStart | None:
    """This run's frame cache, while the app starts and runs (``None``: off, or not started by ``huabei``)."""
    return _current


def install(early: EarlyStart | None) -> None:
    """Make ``early`` this run's frame cache (``begin`` does; tests do it to drive the app's side alone)."""
    global _current
    _current = early


def start_inputs(start: AppStart, environ: Mapping[str, str], size: tuple[int, int] | None = None,
                 now: datetime | None = None) -> FrameInputs | None:
    """The first screen's inputs for this start, or ``None`` (no frame) when the day needs the clock's parser or
    the data file cannot be known: a refused profile name, or ``--db`` with ``--profile`` (the parser says why)."""
    today = today_in_shanghai(start.today, environ, now)
    if today is None:
        return None
    from huabei_tui.paths import default_db_path, selection

    try:
        chosen = selection(start.db, start.profile, environ)
        return frame_inputs(data_file=None if start.demo else chosen.path or default_db_path(), demo=start.demo,
                            today=today, lang_option=start.lang, environ=environ, profile=chosen.profile,
                            line=start.line, size=size)
    except (OSError, ValueError, RuntimeError):
        return None


def begin(argv: Sequence[str], environ: Mapping[str, str] | None = None) -> EarlyStart | None:
    """Show the cached first frame if ``argv`` opens the app and a frame is saved for it; arm the recording."""
    env = os.environ if environ is None else environ
    start = app_start(argv)
    if start is None or switched_off(start.no_snapshot, env) or not on_a_terminal():
        return None
    inputs = start_inputs(start, env)
    if inputs is None:
        return None
    try:
        folder = frame_cache.cache_dir(env)
    except (OSError, ValueError, RuntimeError):
        return None
    stream = sys.__stderr__
    early = EarlyStart(inputs, folder, encoding=getattr(stream, "encoding", None) or "utf-8",
                       errors=getattr(stream, "errors", None) or "strict")
    frame = frame_cache.load(folder, early.name, early.key)
    if frame is not None:
        early.show(frame)
    install(early)
    return early


def end() -> None:
    """Give the terminal back if this run's frame still holds it (before printing anything; idempotent)."""
    if _current is not None:
        _current.close()
