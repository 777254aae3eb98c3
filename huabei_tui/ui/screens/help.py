"""Help (``?``/F1): every key of the screen it was opened from, then each rule in plain words.

The rules are paragraphs that mix Chinese with numbers and symbols. Textual wraps text only at spaces and folds a
"word" too long for a line character by character, so a Chinese sentence (one long "word" between the spaces put
around its numbers) used to jump to a new line whole and be cut wherever the width ran out: a bullet alone, a
lone "。" at a line start, "2 月 28" / "日）". ``Paragraph`` lays the rules out itself, at the width it is given,
with ``textwidth.break_lines`` (Chinese line-breaking rules), and indents the lines after the first under the
bullet.
"""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.css.styles import RulesMap
from textual.screen import ModalScreen, Screen
from textual.strip import Strip
from textual.style import Style
from textual.visual import RenderOptions, Visual
from textual.widgets import Static

from huabei_tui.i18n import tr
from huabei_tui.textwidth import break_lines, cell_width, pad
from huabei_tui.ui.keys import key_display

RULES = ("bill", "days", "fee", "minimum", "instalment", "planner", "expiry", "grid", "limit", "balance", "day_pairs")

BULLET = "• "

class Paragraph(Visual):
    """A paragraph laid out by ``break_lines`` at whatever width it gets, the lines after the first indented by
    the width of ``first`` (the bullet). Chinese (``lang="zh"``) may break between characters, English only at
    spaces."""

    def __init__(self, text: str, lang: str = "zh", first: str = BULLET) -> None:
        self.text = text
        self.between_characters = lang == "zh"
        self.first = first
        self._cache: dict[int, Content] = {}

    def lines(self, width: int) -> list[str]:
        indent = cell_width(self.first)
        body = break_lines(self.text, width - indent, self.between_characters) if width > indent + 1 else [self.text]
        rest = " " * indent
        return [(self.first if n == 0 else rest) + line for n, line in enumerate(body)]

    def _content(self, width: int) -> Content:
        if width not in self._cache:
            self._cache[width] = Content("\n".join(self.lines(width)))
        return self._cache[width]

    def render_strips(self, width: int, height: int | None, style: Style, options: RenderOptions) -> list[Strip]:
        return self._content(width).render_strips(width, height, style, options)

    def get_optimal_width(self, rules: RulesMap, container_width: int) -> int:
        return cell_width(self.first + self.text)

    def get_minimal_width(self, rules: RulesMap) -> int:
        return cell_width(self.first) + 2

    def get_height(self, rules: RulesMap, width: int) -> int:
        return len(self.lines(width)) if width else 0


def _key_lines(keys, lang: str) -> Text:
    text = Text()
    for key in keys:
        shown = key_display(key.keys)
        text.append(pad(shown, 12), style="bold")
        text.append(tr(key.help_label or key.label, lang) + "\n")
    return text


class HelpScreen(ModalScreen[None]):
    BINDINGS = [
        Binding("escape,question_mark,f1,q", "dismiss", "Close", show=False),
        Binding("down,j", "scroll_down", show=False),
        Binding("up,k", "scroll_up", show=False),
    ]

    def __init__(self, origin: Screen) -> None:
        super().__init__(classes="help-screen")
        self.origin = origin

    def compose(self) -> ComposeResult:
        from huabei_tui.ui.app import APP_KEYS

        lang = self.app.lang  # type: ignore[attr-defined]
        with Vertical(id="help"):
            yield Static(tr("help.title", lang), id="help-title")
            with VerticalScroll(id="help-body"):
                keys = getattr(self.origin, "KEYS", ())
                help_extra = getattr(self.origin, "HELP_KEYS", ())
                if keys or help_extra:
                    yield Static(Text(tr("help.keys_screen", lang), style="bold underline"))
                    yield Static(_key_lines((*keys, *help_extra), lang), id="help-keys")
                yield Static(Text(tr("help.keys_global", lang), style="bold underline"))
                yield Static(_key_lines(APP_KEYS, lang))
                yield Static(Text(tr("help.rules", lang), style="bold underline"))
                for rule in RULES:
                    yield Static(Paragraph(tr(f"help.rule.{rule}", lang), lang), classes="help-rule")

    def action_dismiss(self) -> None:  # type: ignore[override]
        self.dismiss(None)

    def action_scroll_down(self) -> None:
        self.query_one("#help-body", VerticalScroll).scroll_down()

    def action_scroll_up(self) -> None:
        self.query_one("#help-body", VerticalScroll).scroll_up()
