"""Drawing a screen's widgets before the screen is shown, so that its first visit costs what a return visit costs.

Textual keeps each widget's drawn lines until the widget changes, and draws them when the widget is first on
screen. The app builds its other screens unseen after the first frame (``HuabeiApp._build_ahead``); this draws
them too, through ``Widget.render_lines``, the call Textual's compositor makes itself, so the lines a first visit
needs are already there. Nothing is written to the terminal.
"""

from __future__ import annotations

from textual.geometry import Region
from textual.widget import Widget


def render_unseen(root: Widget) -> int:
    """Render every displayed widget under ``root`` at the size its layout gave it; return how many were drawn.

    A widget hidden with ``display: none`` (and everything under it) is skipped: it is not drawn on a visit
    either, and its size is stale. A widget never laid out has no size and is skipped too."""
    drawn = 0
    stack = list(root.children)
    while stack:
        widget = stack.pop()
        if not widget.display:
            continue
        width, height = widget.outer_size
        if width and height:
            widget.render_lines(Region(0, 0, width, height))
            drawn += 1
        stack.extend(widget.children)
    return drawn
