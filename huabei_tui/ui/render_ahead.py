"""Drawing a screen's widgets before the screen is shown, so that its first visit costs what a return visit costs.

Textual keeps each widget's drawn lines until the widget changes, and draws them when the widget is first on
screen. The app builds its other screens unseen after the first frame (``HuabeiApp._build_ahead`` calls
``build_unseen``, which also starts each screen's frame clock); ``render_unseen`` draws them too, through
``Widget.render_lines``, the call Textual's compositor makes itself, so the lines a first visit needs are already
there. Nothing of a screen built ahead is written to the terminal.
"""

from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING

from textual.geometry import Region
from textual.widget import Widget

if TYPE_CHECKING:
    from textual.app import App
    from textual.screen import Screen


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


async def build_unseen(app: App, screen: Screen) -> bool:
    """Compose, mount and lay out ``screen`` by pushing it and popping it again while frames are held, and start
    its frame clock in between; False if the app began closing meanwhile (then nothing is popped: Textual
    takes the whole stack down).

    Textual draws a screen on a clock of its own (one tick per 1/60 s, ``TEXTUAL_FPS``), which it starts the
    first time the screen asks to be drawn while shown and not held by a batch; the first tick comes one whole
    period later. A screen shown before has its clock running and is drawn as soon as it asks. Built only
    inside a batch, a screen's first visit waited that period: 22–23 ms for a one-line screen, against 5–8 ms
    once its clock runs (``bench/run.py --only-size``, the "built" floor).

    So the screen is shown unheld for one step of the event loop, after it has handled everything its push
    sent it (its layout and first focus, done while held): ``refresh`` has it ask to be drawn when it is next
    idle, which is its next step, and starting the clock wakes the clock's task behind ours. Ours runs first,
    holds frames again and pops the screen before the clock has even begun its first period. A tick then finds
    the screen no longer shown and draws nothing: no frame of it reaches the terminal (a test records them)."""
    with app.batch_update():
        await app.push_screen(screen)
        if not app.is_running:
            return False
        settled = await _handled_all_it_was_sent(screen)
    if settled and app.screen is screen and app.return_code is None:
        screen.refresh()
        await asyncio.sleep(0)  # one step of the event loop: the screen's idle, not the clock's first period
    with app.batch_update():
        if not app.is_running:
            return False
        await app.pop_screen()
    return True


async def _handled_all_it_was_sent(screen: Screen) -> bool:
    """Wait until ``screen`` has handled what its push sent it; False if it did not within a second (the app
    is closing, or the machine is very busy: the clock is then left to the first visit)."""
    settled = asyncio.Event()
    screen.call_after_refresh(settled.set)  # called once the screen's queue is empty
    try:
        await asyncio.wait_for(settled.wait(), timeout=1.0)
    except TimeoutError:
        return False
    return True
