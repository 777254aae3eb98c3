"""The Textual side of the start-up frame cache (see ``huabei_tui.startup.early_frame``).

``driver_class()`` gives the app a Linux driver (``recording_driver``) that, when ``huabei`` armed the frame
cache for this run:

* records every screen update it writes (a Textual update always starts by placing the cursor, ``ESC[row;colH``;
  the mode switches and queries written at start do not), so that ``first_paint_done`` can keep the frames that
  drew the status screen for the next run;
* drops Textual's first switch to the alternate screen when the cached frame is already on it (xterm clears the
  alternate screen on every switch, even to itself);
* gives Textual the terminal's original mode to restore on exit and on Ctrl+Z (the cached frame had already put
  the terminal in Textual's mode, so Textual would otherwise "restore" that).

Only public Textual API is used: the ``driver_class`` argument of ``App``, the driver's public ``write``,
``start_application_mode``, ``stop_application_mode`` and ``attrs_before``; ``App.screen``, ``screen_stack``,
``size`` and ``call_after_refresh``/``set_timer`` to decide when the status screen is on the terminal.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from huabei_tui.startup.early_frame import current

if TYPE_CHECKING:
    from textual.app import App
    from textual.driver import Driver

#: Which screen the cache holds: the one the app opens on (its ``NAME``).
FIRST_SCREEN = "status"
#: Attempts (every RETRY_SECONDS) to find a whole frame of the status screen after the first paint.
RETRIES = 20
RETRY_SECONDS = 0.05


def driver_class() -> type[Driver] | None:
    """The driver for ``App(driver_class=…)``: the recording one when ``huabei`` armed the frame cache, else
    ``None`` (Textual picks its own, honouring ``TEXTUAL_DRIVER``)."""
    if current() is None:
        return None
    from huabei_tui.ui.recording_driver import FrameRecordingDriver  # imports termios: not on Windows

    return FrameRecordingDriver


def recording_first_frame() -> bool:
    """Whether the first frame is still being looked for (the app builds other screens ahead only after it:
    building one shows it for a moment, which would end the recording)."""
    early = current()
    return early is not None and early.recording


def first_paint_done(app: App[Any], today: date) -> None:
    """Call once the app's first frame is on the terminal: keeps it for the next start, off the event loop.

    The frame is kept only if it is the status screen alone, at the size and for the day in the key (a key typed
    early may already have opened another screen; the terminal may have been resized; the app may have read the
    data just after a midnight in Shanghai).
    """
    early = current()
    if early is None or not early.recording:
        return
    if today.isoformat() != early.inputs.today:
        early.record_no_more()
        return
    attempts = iter(range(RETRIES))

    def capture() -> None:
        if current() is not early or not early.recording or not app.is_running:
            return
        if getattr(app.screen, "NAME", None) != FIRST_SCREEN or len(app.screen_stack) != 1 \
                or tuple(app.size) != early.inputs.size:
            early.record_no_more()
            return
        frame = early.recorded_frame()
        if frame is not None:
            early.save_in_background(frame)
        elif next(attempts, None) is not None:
            app.set_timer(RETRY_SECONDS, capture)
        else:
            early.record_no_more()

    app.call_after_refresh(capture)
