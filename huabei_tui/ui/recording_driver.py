"""Textual's Linux driver plus what the start-up frame cache needs (see ``huabei_tui.ui.frame_recorder``).

Imported only when the frame cache is armed (never on Windows, whose Python has no ``termios``).
"""

from __future__ import annotations

import re

from textual.drivers.linux_driver import LinuxDriver

from huabei_tui.startup.early_frame import current

#: A screen update from Textual's compositor: it starts by moving the cursor to a cell.
SCREEN_UPDATE = re.compile(r"\x1b\[\d+;\d+H")


class FrameRecordingDriver(LinuxDriver):
    """Records screen updates, drops the one redundant alternate-screen switch, restores the original mode."""

    def start_application_mode(self) -> None:
        super().start_application_mode()
        early = current()
        if early is not None:
            original = early.on_textual_start()
            if original is not None:
                self.attrs_before = original

    def stop_application_mode(self) -> None:
        super().stop_application_mode()
        early = current()
        if early is not None:
            early.on_textual_stop()

    def write(self, data: str) -> None:
        early = current()
        if early is not None:
            if early.drop_alt_screen_switch(data):
                return
            if early.recording and SCREEN_UPDATE.match(data):
                early.record(data)
        super().write(data)
