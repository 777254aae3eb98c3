"""Child process of the first-paint benchmark (started by ``bench/run.py`` on a pseudo-terminal).

    python bench/paint_child.py OUT hello                       # a hello-world Textual app
    python bench/paint_child.py - hello-stay                    # the same, running until Ctrl+Q (no OUT)
    python bench/paint_child.py OUT layout                      # the status screen's widgets, no data or app code
    python bench/paint_child.py OUT layout-ascii                # the same with English text (the older floor)
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


#: The text of huabei's first frame on the benchmark's data (``bench/run.py --only-paint``: ten years, today
#: 2026-11-29, ``LANG=C.UTF-8``, so in Chinese), as fixed strings: the floor shows the same characters, so that Rich
#: measures the same wide characters for it as for the app (its Unicode width table, the wrapping of Chinese
#: lines). Copied from the app's screen; none of huabei-tui's code makes them here.
ZH_TABBAR = " 花呗征信管家  1 账户  2 日历  3 核查  4 修复   2026-11-29"
ZH_TITLE = "账户状态"
ZH_WARNINGS = "! 2021-08 账单已逾期 1937 天：请立即还清 ¥15.39，每多一天多 ¥0.01 逾期费\n! 另有 1 期账单也已逾期，见 4"
ZH_NEXT_TITLE = "逾期账单"
ZH_NEXT = "\n".join((
    "账单    2021-08", "到期日  2021-08-10", "距到期  已逾期 1937 天", "金额    ¥2,623.59", "已还    ¥2,608.20",
    "待还    ¥15.39", "逾期费  ¥202.70（+¥0.01/天）", "之后    2026-12  ¥1,651.04", "        11 天后到期",
    "余额    ¥4,500.00（11-27 核对）"))
ZH_ACCOUNT_TITLE = "额度与账户"
ZH_ACCOUNT = "\n".join((
    "额度           ¥30,000.00", "已用           ¥5,174.36", "可用           ¥24,825.64", "自动还款       开",
    "征信报送       已接入征信", "出账日/还款日  1 / 10"))
ZH_OPTIONS = "本月方案（o 查看全部）\n已经没有不逾期的方案：尽早还清，每多一天多付逾期费"
ZH_HISTORY = "逾期 5 次，累计逾期费 ¥364.93 · 连续 0 个月无逾期\n有逾期尚未还清：还清后才开始计算五年"
ZH_TREND = "最近 24 期账单金额  最低 ¥826.08  最高 ¥8,200.40（2024-12）"
ZH_ADVICE = "建议：可能还不上时，尽早联系花呗客服申请延期或分期还款"
ZH_FOOTER = "b 记余额 p 还款 o 方案 ? 帮助 L English i 导入 q 退出" + " " * 19 + "▏^p 命令"


def layout_app(ascii_text: bool = False):
    """The framework's share of the first paint: the status screen's widget tree (same widget types, ids and
    classes, the app's stylesheet, a one-line footer like the app's) holding fixed text, with none of
    huabei-tui's code and no data to read. The gap between this and the hello-world app is what Textual needs to
    draw a screen like ours; the gap between the real app and this is our code and the reading.

    The text is the app's first frame's on the benchmark's data (Chinese, ¥, the panels' titles: ``ZH_*``);
    ``ascii_text`` gives the older floor, English words of about the same size (``layout-ascii``), which
    ``bench/run.py --only-paint`` measures too, so that the cost of drawing the Chinese text is printed."""
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
    if ascii_text:
        text = {"tabbar": " huabei  1 status  2 calendar  3 checklist  4 recovery  2026-11-29",
                "title": "Account status", "warnings": "! warning one\n! warning two\n! warning three",
                "next": lines, "next_title": "", "account": lines[:200], "account_title": "",
                "options": "> Minimum 38.00\n  Pay in full 2,180.00",
                "history": "history line one\nhistory line two",
                "trend": "Last 24 bills  low 725.40  high 2,535.50",
                "advice": "Advice: check the balance before the due date",
                "footer": "b Balance p Pay o Options ? Help L 中文 i Import q Quit" + " " * 13 + "▏^p Commands",
                "urgency": "urgent-later"}
    else:
        text = {"tabbar": ZH_TABBAR, "title": ZH_TITLE, "warnings": ZH_WARNINGS, "next": ZH_NEXT,
                "next_title": ZH_NEXT_TITLE, "account": ZH_ACCOUNT, "account_title": ZH_ACCOUNT_TITLE,
                "options": ZH_OPTIONS, "history": ZH_HISTORY, "trend": ZH_TREND, "advice": ZH_ADVICE,
                "footer": ZH_FOOTER, "urgency": "urgent-overdue"}

    class Layout(App):
        CSS_PATH = str(css)
        CSS = footer_css
        BINDINGS = [Binding(key, f"bell_{key}", f"key {key}") for key in ("s", "b", "p", "question_mark", "L", "i", "q")]

        def compose(self):
            yield Static(text["tabbar"], id="tabbar")
            yield Static(text["title"], id="screen-title", classes="screen-title")
            with VerticalScroll(id="status-body"):
                lines_block = Static("line one\nline two", id="status-lines", classes="panel")
                lines_block.display = False  # one credit line: the app hides its lines block too
                yield lines_block
                yield Static(text["warnings"], id="status-warnings")
                with Horizontal(id="status-panels"):
                    panel = Static(text["next"], id="status-next", classes=f"panel {text['urgency']}")
                    panel.border_title = text["next_title"] or None
                    yield panel
                    with Vertical(id="status-side"):
                        account = Static(text["account"], id="status-account", classes="panel")
                        account.border_title = text["account_title"] or None
                        yield account
                        yield Static(text["options"], id="status-options")
                yield Static(text["history"], id="status-history")
                yield Static(text["trend"], id="status-trend-caption")
                yield Sparkline([(i * 37) % 101 for i in range(24)], id="status-trend", summary_function=max)
                yield Static(text["advice"], id="status-advice")
            yield Static(text["footer"], id="footer")

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
    if kind in ("layout", "layout-ascii"):
        layout_app(ascii_text=kind == "layout-ascii").run()
        return 0
    raise SystemExit(f"unknown kind {kind!r}")


if __name__ == "__main__":
    sys.exit(main())
