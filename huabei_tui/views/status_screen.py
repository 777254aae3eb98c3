"""The status screen's whole content as plain data: strings, numbers, lists and dicts, nothing else.

The status screen draws this and only this (``ui/screens/status.py``), whether it was made here in this process
or, at start-up, in a child process that read the data file while this one imported Textual
(``cli/fast_start.py``): plain data crosses a pipe with ``marshal`` and needs none of the rules' classes to be
drawn, so the first frame imports neither the rules nor the store.

A line is a list of ``[text, role]`` phrases (``views.blocks``); a panel is ``{"title", "role", "hint",
"lines"}`` (``hint``: the lines are a newcomer's hints, drawn as plain lines, not as label/value rows).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any

from huabei_tui.views.lines import lines_block
from huabei_tui.views.status import Panel, status_page

if TYPE_CHECKING:
    from huabei_tui.session import Snapshot
    from huabei_tui.session.snapshot import AllLines
    from huabei_tui.views.blocks import Line

def plain_lines(lines: Iterable[Line]) -> list[list[list[str]]]:
    return [[[phrase.text, phrase.role] for phrase in words] for words in lines]


def plain_panel(panel: Panel) -> dict[str, Any]:
    return {"title": panel.title, "role": panel.role, "hint": bool(panel.hint),
            "lines": plain_lines(panel.screen_lines())}


def status_view(snapshot: Snapshot, lang: str, every_line: Callable[[], AllLines], keys: object = None
                ) -> dict[str, Any]:
    """What the status screen shows of ``snapshot`` in ``lang``; ``every_line`` is asked only when the file holds
    several credit lines (the block listing them all); ``keys`` names the keys in hints (``status_page``)."""
    page = status_page(snapshot, lang, keys)
    block = None
    if snapshot.several_lines:  # every line at once, the one on show marked (w switches)
        title, lines = lines_block(every_line(), lang, current=snapshot.line)
        block = {"title": title, "lines": plain_lines(lines)}
    return {
        "lines_block": block,
        "warnings": list(page.warnings),
        "to_pay": plain_panel(page.to_pay),
        "account": plain_panel(page.account),
        "options": plain_lines(page.options),
        "history": list(page.history),
        "trend_caption": page.trend_caption,
        "trend": list(page.trend),
        "show_trend": page.show_trend,
        "advice": page.advice,
    }
