"""The footer of every screen: Textual's ``Footer`` with the labels in the user's language, rebuilt only when the
keys it shows really change.

Bindings carry string keys as descriptions (``huabei_tui.ui.keys``); the keys composed here get the text in the
app's language. Textual 8's ``Footer`` composes nothing until its screen's first "bindings updated" signal and
then recomposes on every such signal, and a screen sends several as it appears (focus set, stack updated): here
the first compose asks for the keys at once (``bindings_changed``, as that signal would), and a recompose whose
keys (key, label, language, enabled, tooltip) are those already shown does nothing.

Each key also gets its final compact style before it mounts. A footer key starts compact, and the footer's own
``compact`` (False) is bound onto it once it is mounted: a second style pass over every key of every footer
built. Setting the value and the class up front leaves that pass nothing to do; what the key shows is the same.
Measured in paired first-paint runs (15 each, bench/run.py's pty child): 1.46x and 1.63x the hello-world app
with it, 1.52x and 1.81x without.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.widget import Widget
from textual.widgets import Footer

from huabei_tui.i18n import has, tr


class KeyFooter(Footer):
    def __init__(self) -> None:
        # Compact (Textual 8's ``Footer(compact=True)``): one cell between keys instead of two, so a screen's keys,
        # the app's and the palette's fit 80 columns in both languages with two credit lines (``w``); a test
        # measures every screen.
        super().__init__(compact=True)
        self.shown: tuple | None = None  # what the keys composed last show

    def keys(self) -> tuple:
        """Everything the footer's compose reads from the screen's bindings, and the language."""
        app = self.app
        return (getattr(app, "lang", ""), *(
            (key, binding.action, binding.description, enabled, tooltip, app.get_key_display(binding))
            for key, (_node, binding, enabled, tooltip) in self.screen.active_bindings.items()
            if binding.show or key == app.COMMAND_PALETTE_BINDING
        ))

    def compose(self) -> ComposeResult:
        self.bindings_changed(self.screen)  # the keys are there already: show them in the first frame
        self.shown = self.keys()
        lang = getattr(self.app, "lang", "en")
        for widget in super().compose():
            _translate(widget, lang)
            self._preset_compact(widget)
            yield widget

    def _preset_compact(self, widget: Widget) -> None:
        """A key bound to the footer's ``compact`` gets that value now (the palette key keeps its own)."""
        compact = getattr(type(widget), "compact", None)
        if compact is None or widget.has_class("-command-palette"):
            return
        widget.set_reactive(compact, self.compact)
        widget.set_class(self.compact, "-compact", update=False)

    async def recompose(self) -> None:
        if self.is_attached and self.keys() == self.shown:
            return  # the same keys in the same words: keep the widgets (and the frame) as they are
        await super().recompose()


def _translate(widget: Widget, lang: str) -> None:
    """A footer key's label (and tooltip) from string key to text; anything else is left as it is."""
    description = getattr(widget, "description", None)
    if isinstance(description, str) and has(description):
        widget.description = tr(description, lang)  # type: ignore[attr-defined]
    tooltip = widget.tooltip
    if isinstance(tooltip, str) and has(tooltip):
        widget.tooltip = tr(tooltip, lang)
