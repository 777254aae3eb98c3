"""The footer of every screen: Textual's ``Footer``, rebuilt only when the keys it shows really change.

Textual 8's ``Footer`` throws its keys away and composes them again on every "bindings updated" signal of its
screen, and a screen sends several as it appears (focus set, stack updated, our translated labels applied):
five rebuilds of ten styled keys for one screen. Here the signals of one refresh are folded into one check, and
the keys are rebuilt only if what they would show (key, label, enabled, tooltip) differs from what is shown.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import Footer
from textual.widgets._footer import FooterKey


class KeyFooter(Footer):
    def __init__(self) -> None:
        super().__init__()
        self._shown: tuple | None = None
        self._check_pending = False
        # Textual's Footer composes nothing until the first bindings signal and then rebuilds; our screens set
        # their keys before they are composed, so the first compose can show them and the start-up rebuild
        # (which held back the first frame) is not needed.
        self.set_reactive(Footer._bindings_ready, True)

    def _keys(self) -> tuple:
        """Everything the footer's compose reads from the screen's bindings."""
        app = self.app
        return tuple(
            (key, binding.action, binding.description, binding.group, enabled, tooltip, app.get_key_display(binding))
            for key, (_node, binding, enabled, tooltip) in self.screen.active_bindings.items()
            if binding.show or key == app.COMMAND_PALETTE_BINDING
        )

    def compose(self) -> ComposeResult:
        if self._bindings_ready:
            self._shown = self._keys()
        for widget in super().compose():
            if isinstance(widget, FooterKey):
                self._preset_compact(widget)
            yield widget

    def _preset_compact(self, key: FooterKey) -> None:
        """Give a key its final compact style before it mounts.

        ``FooterKey.compact`` starts as True and the keys bound to the footer's ``compact`` (False) flip it on
        mount: two style passes per key (class added, then removed), which delayed the first frame. Setting the
        value and the class up front leaves both passes nothing to do; what the key shows is unchanged.
        """
        connect = key._reactive_connect or {}
        compact = self.compact if "compact" in connect else key.compact
        key.set_reactive(FooterKey.compact, compact)
        key.set_class(compact, "-compact", update=False)

    def bindings_changed(self, screen: Screen) -> None:
        self._bindings_ready = True
        if not screen.app.app_focus:
            return
        if self.is_attached and screen is self.screen and not self._check_pending:
            self._check_pending = True
            self.call_after_refresh(self._rebuild_if_changed)

    async def _rebuild_if_changed(self) -> None:
        self._check_pending = False
        if self.is_attached and self._keys() != self._shown:
            await self.recompose()
