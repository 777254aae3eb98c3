"""The confirm dialog of a bill split (账单分期): the period counts allowed today, each with its fee and parts.

The words are ``views.planner.split_page``'s; the dialog only lays them out. ↑/↓ choose a period count (the parts
of the highlighted one are listed below it), Enter confirms, Escape cancels. It saves nothing: it is dismissed with
the chosen period count (or None) and the caller makes the change, so a refusal (the window closed while the
dialog was open, another terminal paid the bill) is reported where every other change's refusal is.
"""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Label, OptionList, Static
from textual.widgets.option_list import Option

from huabei_tui.ui.keys import bindings
from huabei_tui.views.planner import SplitPage


class SplitDialog(ModalScreen[int | None]):
    BINDINGS = bindings("split")  # Esc cancels (ui/registry.py); ↑/↓ and Enter are the option list's

    def __init__(self, page: SplitPage, periods: int | None = None) -> None:
        super().__init__(classes="split-dialog")
        self.page = page
        #: The period count highlighted first (the planner's row the user was on), else the first one.
        self.first = periods

    def compose(self) -> ComposeResult:
        page = self.page
        with Vertical(id="split"):
            yield Label(Text(page.title), id="split-title")
            yield Static(Text(page.intro), id="split-intro")
            options = [Option(Text(choice.label), id=str(choice.periods)) for choice in page.choices]
            yield OptionList(*options, id="split-choices")
            yield Static(id="split-detail")
            yield Static(Text(page.keys), id="split-keys")

    def on_mount(self) -> None:
        choices = self.query_one(OptionList)
        index = next((i for i, c in enumerate(self.page.choices) if c.periods == self.first), 0)
        choices.highlighted = index
        choices.focus()
        self._show_detail(index)

    def _show_detail(self, index: int | None) -> None:
        if index is None or not 0 <= index < len(self.page.choices):
            return
        self.query_one("#split-detail", Static).update(Text("\n".join(self.page.choices[index].detail)))

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        event.stop()
        self._show_detail(event.option_index)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(self.page.choices[event.option_index].periods)

    def action_cancel(self) -> None:
        self.dismiss(None)

    @property
    def chosen(self) -> int | None:
        """The period count highlighted now (for tests)."""
        index = self.query_one(OptionList).highlighted
        return None if index is None else self.page.choices[index].periods
