"""Asked when a form's save finds that a setting it changes was changed elsewhere while the form was open.

Each such setting is shown with the value the user typed and the value saved meanwhile (another terminal, a
``huabei account set``); ``o`` writes the user's values over them, ``k`` keeps the saved ones (the user's other
changes are still saved), Escape goes back to the form with nothing saved. The answer is ``"mine"``,
``"theirs"`` or ``None``; the form's callback saves it (``session.change_settings`` checks again).
"""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Label, Static

from huabei_tui.domain.money import format_yuan
from huabei_tui.i18n import tr
from huabei_tui.session.settings import Conflict, value_text
from huabei_tui.ui.keys import bindings


def shown_value(name: str, value: Any, lang: str) -> str:
    """A setting's value in words: yuan for money, on/off for auto-repay, "not set" for nothing."""
    if name == "auto_repay":
        return tr({True: "form.on", False: "form.off"}.get(value, "form.unknown"), lang)
    if value is None:
        return tr("value.not_set", lang)
    if name in ("limit", "balance"):
        return format_yuan(value)
    if name == "fee_rate":
        return f"{value}%"
    return value_text(name, value)


class ConflictDialog(ModalScreen[str | None]):
    DEFAULT_CSS = """
    ConflictDialog { align: center middle; }
    #conflict-box {
        width: 70; max-width: 100%; height: auto; max-height: 100%;
        border: round $warning; background: $surface; padding: 0 1;
    }
    #conflict-title { text-style: bold; width: 100%; }
    #conflict-intro { color: $text-muted; margin-bottom: 1; }
    #conflict-hint { color: $text-muted; margin-top: 1; }
    #conflict-buttons { height: 1; align-horizontal: right; }
    #conflict-buttons Button { margin-left: 1; min-width: 10; height: 1; border: none; }
    """

    BINDINGS = bindings("conflict")

    def __init__(self, conflicts: list[Conflict], labels: dict[str, str]) -> None:
        super().__init__(id="conflict-dialog")
        self.conflicts = conflicts
        self.labels = labels  # setting name → i18n key of its label in the form

    @property
    def lang(self) -> str:
        return self.app.lang  # type: ignore[attr-defined]

    def compose(self) -> ComposeResult:
        lang = self.lang
        with Vertical(id="conflict-box"):
            yield Label(tr("conflict.title", lang), id="conflict-title")
            yield Static(tr("conflict.intro", lang), id="conflict-intro")
            yield Static(self.rows(lang), id="conflict-rows")
            yield Static(Text(tr("conflict.hint", lang, k=getattr(self.app, "key_names", None))), id="conflict-hint")
            with Horizontal(id="conflict-buttons"):
                yield Button(tr("conflict.use_mine", lang), id="mine", variant="warning")
                yield Button(tr("conflict.keep_theirs", lang), id="theirs", variant="primary")

    def rows(self, lang: str) -> Text:
        """Per setting: its label, then both values (as Text: nothing here is read as markup)."""
        text = Text()
        for conflict in self.conflicts:
            if text:
                text.append("\n")
            text.append(tr(self.labels.get(conflict.name, conflict.name), lang), style="bold")
            for key, value in (("conflict.mine", conflict.mine), ("conflict.theirs", conflict.theirs)):
                text.append(f"\n  {tr(key, lang)}{'：' if lang == 'zh' else ': '}", style="dim")
                text.append(shown_value(conflict.name, value, lang))
        return text

    def on_mount(self) -> None:
        self.query_one("#theirs", Button).focus()  # the safe choice first: Enter keeps what is saved

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss(event.button.id)

    def action_choose(self, choice: str | None) -> None:
        self.dismiss(choice)
