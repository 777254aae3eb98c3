"""A paragraph of Chinese or English laid out with Chinese line-breaking rules, at whatever width it gets.

Textual wraps text only at spaces and folds a "word" too long for a line character by character, so a Chinese
sentence (one long "word" between the spaces put around its numbers and arrows) jumps to a new line whole and is
cut wherever the width runs out: "在支付宝 App：花呗 → 账单 →" alone on a line with the rest of the sentence below,
a lone "。" at a line start, "2 月 28" / "日）". ``Paragraph`` lays the text out itself with
``textwidth.break_lines``. Used by the help screen's rules and the first run's step texts.
"""

from __future__ import annotations

from textual.content import Content
from textual.css.styles import RulesMap
from textual.strip import Strip
from textual.style import Style
from textual.visual import RenderOptions, Visual

from huabei_tui.textwidth import break_lines, cell_width

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

    def __str__(self) -> str:
        """The text as given (what a ``Static`` holding it says it shows)."""
        return self.first + self.text
