"""Placeholder until the screen lands (being built now)."""

from textual.app import ComposeResult
from textual.widgets import Static

from huabei_tui.ui.screens.base import HuabeiScreen


class _Screen(HuabeiScreen):
    NAME = "calendar"

    def compose_body(self) -> ComposeResult:
        yield Static("")

    def refresh_view(self) -> None:
        pass


SCREEN = _Screen
