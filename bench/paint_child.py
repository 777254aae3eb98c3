"""Child process of the first-paint benchmark (started by ``bench/run.py`` on a pseudo-terminal).

    python bench/paint_child.py OUT hello                       # a hello-world Textual app
    python bench/paint_child.py - hello-stay                    # the same, running until Ctrl+Q (no OUT)
    python bench/paint_child.py OUT layout                      # the status screen's widgets, no data or app code
    python bench/paint_child.py OUT huabei [HUABEI ARGS...]     # the real ``huabei`` entry point

Both run the same way: ``App._display`` is wrapped so that when the first whole-screen frame has been written to the terminal,
``time.monotonic()`` (system-wide, comparable with the parent's clock) goes to the file OUT, followed by the CPU
time used so far by this process and by its children that have ended (a child that read the data), and the app
exits.
The parent measures from just before it spawned this process, so the figure is process start → first frame:
interpreter start-up, imports, reading the data, composing, layout and writing the frame.

For ``huabei`` the wrapping waits until huabei itself imports Textual (an import hook patches ``textual.app`` as
it loads): huabei starts reading the data before it imports Textual (``huabei_tui/startup/prefetch.py``), and
importing Textual here first would hide that. The other apps import Textual at once, as they would anyway.
"""

from __future__ import annotations

import sys
import time
from importlib.machinery import PathFinder


def _patch(app_module) -> None:
    """Wrap ``App._display`` of the just-imported ``textual.app``."""
    app_class = app_module.App
    display = app_class._display

    def display_then_exit(self, screen, renderable) -> None:
        display(self, screen, renderable)
        _after_display(self, renderable)

    app_class._display = display_then_exit


class _PatchOnImport:
    """A meta-path finder that lets ``textual.app`` load as usual, then patches it (used once)."""

    def find_spec(self, name, path=None, target=None):
        if name != "textual.app":
            return None
        sys.meta_path.remove(self)
        spec = PathFinder.find_spec(name, path)
        if spec is None or spec.loader is None:
            return spec
        exec_module = spec.loader.exec_module

        def exec_then_patch(module) -> None:
            exec_module(module)
            _patch(module)

        spec.loader.exec_module = exec_then_patch
        return spec


def _after_display(self, renderable) -> None:
    from textual._compositor import LayoutUpdate

    # A whole-screen frame (partial updates, e.g. of the footer, may come first), under the same conditions in
    # which App._display really writes to the terminal.
    if not isinstance(renderable, LayoutUpdate):
        return
    if self._batch_count or not self._running or self._closed or self.is_headless:
        return
    if getattr(self, "_bench_painted", False):
        return
    self._bench_painted = True
    import resource

    now = time.monotonic()
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    with open(sys.argv[1], "w") as handle:  # the time, then the CPU time (ms) of this process and of its children
        handle.write(f"{now!r} {(own.ru_utime + own.ru_stime) * 1000:.3f} "
                     f"{(children.ru_utime + children.ru_stime) * 1000:.3f}")
    self.exit()


def layout_app():
    """The framework's share of the first paint: the status screen's widget tree (same widget types, ids and
    classes, the app's stylesheet, a one-line footer like the app's) holding fixed text of about the same size, with
    none of huabei-tui's code and no data to read. The gap between this and the hello-world app is what Textual
    needs to draw a screen like ours; the gap between the real app and this is our code and the reading."""
    from pathlib import Path

    from textual.app import App
    from textual.binding import Binding
    from textual.containers import Horizontal, Vertical, VerticalScroll
    from textual.widgets import Sparkline, Static

    css = Path(__file__).resolve().parent.parent / "huabei_tui" / "ui" / "app.tcss"
    lines = "\n".join(f"label {i}      value {i * 1234.5:,.2f}" for i in range(9))
    # The app's footer is one widget drawing its keys as one line (ui/widgets/key_footer.py): so is this one, with
    # a line as long, docked the same way in the same colours.
    footer_css = ("#footer { dock: bottom; height: 1; width: 1fr; color: $footer-foreground; "
                  "background: $footer-background; }")

    class Layout(App):
        CSS_PATH = str(css)
        CSS = footer_css
        BINDINGS = [Binding(key, f"bell_{key}", f"key {key}") for key in ("s", "b", "p", "question_mark", "L", "i", "q")]

        def compose(self):
            yield Static(" huabei  1 status  2 calendar  3 checklist  4 recovery  2026-11-29", id="tabbar")
            yield Static("Account status", id="screen-title", classes="screen-title")
            with VerticalScroll(id="status-body"):
                lines_block = Static("line one\nline two", id="status-lines", classes="panel")
                lines_block.display = False  # one credit line: the app hides its lines block too
                yield lines_block
                yield Static("! warning one\n! warning two\n! warning three", id="status-warnings")
                with Horizontal(id="status-panels"):
                    yield Static(lines, id="status-next", classes="panel urgent-later")
                    with Vertical(id="status-side"):
                        yield Static(lines[:200], id="status-account", classes="panel")
                        yield Static("> Minimum 38.00\n  Pay in full 2,180.00", id="status-options")
                yield Static("history line one\nhistory line two", id="status-history")
                yield Static("Last 24 bills  low 725.40  high 2,535.50", id="status-trend-caption")
                yield Sparkline([(i * 37) % 101 for i in range(24)], id="status-trend", summary_function=max)
                yield Static("Advice: check the balance before the due date", id="status-advice")
            yield Static("b Balance p Pay o Options ? Help L 中文 i Import q Quit" + " " * 13 + "▏^p Commands",
                         id="footer")

    return Layout()


def main() -> int:
    kind = sys.argv[2]
    if kind == "huabei":
        sys.meta_path.insert(0, _PatchOnImport())
        from huabei_tui.cli.main import main as huabei_main

        return huabei_main(sys.argv[3:])
    from textual.app import App

    if kind != "hello-stay":
        _patch(sys.modules["textual.app"])
    if kind in ("hello", "hello-stay"):
        from textual.widgets import Static

        class Hello(App):
            def compose(self):
                yield Static("Hello, World!")

        Hello().run()
        return 0
    if kind == "layout":
        layout_app().run()
        return 0
    raise SystemExit(f"unknown kind {kind!r}")


if __name__ == "__main__":
    sys.exit(main())
