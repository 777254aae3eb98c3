"""Child process of the first-paint benchmark (started by ``bench/run.py`` on a pseudo-terminal).

    python bench/paint_child.py OUT hello                       # a hello-world Textual app
    python bench/paint_child.py OUT huabei [HUABEI ARGS...]     # the real ``huabei`` entry point

Both run the same way: ``App._display`` is wrapped so that when the first whole-screen frame has been written to the terminal,
``time.monotonic()`` (system-wide, comparable with the parent's clock) goes to the file OUT and the app exits.
The parent measures from just before it spawned this process, so the figure is process start → first frame:
interpreter start-up, imports, reading the data, composing, layout and writing the frame.
"""

from __future__ import annotations

import sys
import time

from textual._compositor import LayoutUpdate
from textual.app import App

OUT = sys.argv[1]
_display = App._display


def _display_then_exit(self: App, screen, renderable) -> None:
    _display(self, screen, renderable)
    # A whole-screen frame (partial updates, e.g. of the footer, may come first), under the same conditions in
    # which App._display really writes to the terminal.
    if not isinstance(renderable, LayoutUpdate):
        return
    if self._batch_count or not self._running or self._closed or self.is_headless:
        return
    if getattr(self, "_bench_painted", False):
        return
    self._bench_painted = True
    with open(OUT, "w") as handle:
        handle.write(repr(time.monotonic()))
    self.exit()


App._display = _display_then_exit  # type: ignore[method-assign]


def main() -> int:
    kind = sys.argv[2]
    if kind == "hello":
        from textual.widgets import Static

        class Hello(App):
            def compose(self):
                yield Static("Hello, World!")

        Hello().run()
        return 0
    from huabei_tui.cli.main import main as huabei_main

    return huabei_main(sys.argv[3:])


if __name__ == "__main__":
    sys.exit(main())
