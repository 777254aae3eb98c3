"""Help (``?``/F1): every key of the screen it was opened from, the app's keys, each rule in plain words, then how
to change keys (``keys.toml``) with every binding's id and its keys in force.

Keys come from the registry (``huabei_tui.ui.registry``) with the user's keymap applied, so a re-mapped key shows
here as it works.

The rules are paragraphs that mix Chinese with numbers and symbols. Textual wraps text only at spaces and folds a
"word" too long for a line character by character, so a Chinese sentence (one long "word" between the spaces put
around its numbers) used to jump to a new line whole and be cut wherever the width ran out: a bullet alone, a
lone "。" at a line start, "2 月 28" / "日）". ``Paragraph`` lays the rules out itself, at the width it is given,
with ``textwidth.break_lines`` (Chinese line-breaking rules), and indents the lines after the first under the
bullet (``ui/widgets/paragraph.py``; the first run's step texts use it too).
"""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import Static

from huabei_tui.i18n import tr
from huabei_tui.storage import config
from huabei_tui.textwidth import pad
from huabei_tui.ui import registry
from huabei_tui.ui.keymap import DEFAULT, Keymap
from huabei_tui.ui.keys import bindings, key_display, keys_of
from huabei_tui.ui.widgets.paragraph import Paragraph

RULES = ("bill", "days", "fee", "minimum", "instalment", "planner", "expiry", "grid", "limit", "balance", "day_pairs")

#: Cells for the keys column of the key lists, and for the id column of the keys.toml list.
KEY_COLUMN = 12
ID_COLUMN = 22


def key_lines(lines: list[tuple[str, str]], lang: str) -> Text:
    """``(keys, label key)`` pairs as aligned lines: the keys in bold, then what they do."""
    text = Text()
    for keys, label in lines:
        text.append(pad(key_display(keys), KEY_COLUMN), style="bold")
        text.append(tr(label, lang) + "\n")
    return text


def screen_key_lines(screen: str, keymap: Keymap) -> list[tuple[str, str]]:
    """The keys of ``screen``: its own bindings, then the keys its widgets and Textual give it."""
    lines = [(keymap.keys(spec.id), spec.help or spec.label) for spec in registry.KEYS.get(screen, ())]
    lines += [(keys_of(line.keys, keymap), line.label) for line in registry.HELP_LINES.get(screen, ())]
    return lines


def app_key_lines(keymap: Keymap) -> list[tuple[str, str]]:
    return [(keymap.keys(spec.id), spec.help or spec.label) for spec in registry.KEYS["app"]]


def keymap_lines(keymap: Keymap, lang: str) -> Text:
    """Every binding id with its keys in force and what it does: the reference for ``keys.toml``."""
    text = Text()
    for specs in registry.KEYS.values():
        for spec in specs:
            text.append(pad(spec.id, ID_COLUMN), style="bold")
            text.append(pad(key_display(keymap.keys(spec.id)), KEY_COLUMN))
            text.append(tr(spec.help or spec.label, lang) + "\n")
    return text


class HelpScreen(ModalScreen[None]):
    BINDINGS = bindings("help")

    def __init__(self, origin: Screen) -> None:
        super().__init__(classes="help-screen")
        self.origin = origin

    def compose(self) -> ComposeResult:
        lang: str = getattr(self.app, "lang", "en")
        keymap: Keymap = getattr(self.app, "keymap", DEFAULT)
        with Vertical(id="help"):
            keys = getattr(self.app, "key_names", None)
            yield Static(Text(tr("help.title", lang, k=keys)), id="help-title")
            with VerticalScroll(id="help-body"):
                screen_lines = screen_key_lines(getattr(self.origin, "NAME", ""), keymap)
                if screen_lines:
                    yield Static(Text(tr("help.keys_screen", lang), style="bold underline"))
                    yield Static(key_lines(screen_lines, lang), id="help-keys")
                yield Static(Text(tr("help.keys_global", lang), style="bold underline"))
                yield Static(key_lines(app_key_lines(keymap), lang), id="help-app-keys")
                yield Static(Text(tr("help.rules", lang), style="bold underline"))
                for rule in RULES:
                    yield Static(Paragraph(tr(f"help.rule.{rule}", lang, k=keys), lang), classes="help-rule")
                yield Static(Text(tr("help.keymap", lang), style="bold underline"))
                path = str(keymap.path or config.keymap_path())
                yield Static(Paragraph(tr("help.keymap.intro", lang, path=path), lang, first=""),
                             classes="help-rule")
                if keymap.problems:
                    describe = getattr(self.app, "describe_problem", None)
                    refused = [describe(problem) if describe else problem.key for problem in keymap.problems]
                    yield Static(Text(tr("help.keymap.refused", lang), style="bold"))
                    yield Static(Text("\n".join(refused) + "\n"), id="help-keymap-problems")
                yield Static(keymap_lines(keymap, lang), id="help-keymap")

    def action_dismiss(self) -> None:  # type: ignore[override]
        self.dismiss(None)

    def action_scroll_down(self) -> None:
        self.query_one("#help-body", VerticalScroll).scroll_down()

    def action_scroll_up(self) -> None:
        self.query_one("#help-body", VerticalScroll).scroll_up()
