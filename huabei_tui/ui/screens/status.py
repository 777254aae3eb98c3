"""Screen 1, Account status / 账户状态: "am I fine this month?" at a glance."""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Sparkline, Static

from huabei_tui.ui.keys import bindings
from huabei_tui.ui.roles import hanging_text, lines_text
from huabei_tui.ui.screens.base import HuabeiScreen
from huabei_tui.views.blocks import Line, Phrase

#: The panel's border says how soon its bill is due (app.tcss), on top of the words.
URGENCY_CLASSES = ("urgent-overdue", "urgent-soon", "urgent-week", "urgent-later")


def view_lines(lines: list[list[list[str]]]) -> list[Line]:
    """Lines of the plain view (``views/status_screen.py``) as the view's phrases again."""
    return [tuple(Phrase(text, role) for text, role in words) for words in lines]


def show_panel(widget: Static, panel: dict[str, Any]) -> None:
    """A panel of the plain view: its title on the border, its urgency as the border's colour."""
    widget.border_title = panel["title"]
    for cls in URGENCY_CLASSES:
        widget.set_class(cls == panel["role"], cls)
    # A value too long for the panel (a big amount, a long answer) wraps under the values, not under the labels.
    lines = view_lines(panel["lines"])
    widget.update(lines_text(lines) if panel["hint"] else hanging_text(lines))


class StatusScreen(HuabeiScreen):
    NAME = "status"
    BINDINGS = bindings("status")

    def compose_body(self) -> ComposeResult:
        with VerticalScroll(id="status-body"):
            yield Static(id="status-lines", classes="panel")
            yield Static(id="status-warnings")
            with Horizontal(id="status-panels"):
                yield Static(id="status-next", classes="panel")
                # This month's options under the account panel: the bill panel beside it is taller, so the
                # block takes rows that were blank and the screen still fits 80×24 without scrolling.
                with Vertical(id="status-side"):
                    yield Static(id="status-account", classes="panel")
                    yield Static(id="status-options")
            yield Static(id="status-history")
            yield Static(id="status-trend-caption")
            yield Sparkline([], id="status-trend", summary_function=max)
            yield Static(id="status-advice")

    def refresh_view(self) -> None:
        view = self.huabei.first_status_view()  # at start-up: read by a child process (cli/fast_start.py)
        if view is None:
            from huabei_tui.views.status_screen import status_view

            view = status_view(self.snapshot, self.lang, self.huabei.every_line, self.huabei.key_names)
        self.show_view(view)

    def show_view(self, view: dict[str, Any]) -> None:
        """Draw the plain view (``views/status_screen.py``): all the screen shows comes from it."""
        block = self.query_one("#status-lines", Static)
        block.display = view["lines_block"] is not None
        if view["lines_block"] is not None:  # several credit lines: every one at once, the one on show marked
            block.border_title = view["lines_block"]["title"]
            block.update(lines_text(view_lines(view["lines_block"]["lines"])))
        warnings = self.query_one("#status-warnings", Static)
        warnings.update(Text("\n".join(view["warnings"]), style="bold"))
        warnings.display = bool(view["warnings"])
        show_panel(self.query_one("#status-next", Static), view["to_pay"])
        show_panel(self.query_one("#status-account", Static), view["account"])
        options = self.query_one("#status-options", Static)
        options.update(lines_text(view_lines(view["options"])))
        options.display = bool(view["options"])
        self.query_one("#status-history", Static).update(Text("\n".join(view["history"])))
        self.query_one("#status-trend-caption", Static).update(Text(view["trend_caption"]))
        trend = self.query_one("#status-trend", Sparkline)
        trend.data = list(view["trend"])
        trend.display = view["show_trend"]
        advice = self.query_one("#status-advice", Static)
        advice.update(Text(view["advice"]))
        advice.display = bool(view["advice"])

    def action_settings(self) -> None:
        from huabei_tui.ui.dialogs.forms import settings_dialog

        self.app.push_screen(settings_dialog(self.huabei))

    def action_balance(self) -> None:
        from huabei_tui.ui.dialogs.forms import balance_dialog

        self.app.push_screen(balance_dialog(self.huabei))

    def action_pay(self) -> None:
        from huabei_tui.ui.dialogs.forms import pay_dialog

        bill = self.snapshot.summary.most_urgent_bill
        self.app.push_screen(pay_dialog(self.huabei, bill.month if bill else None,
                                        bill.outstanding if bill else None))

    def action_planner(self) -> None:
        """Every option for the bill to pay, with what each costs and does to the record."""
        from huabei_tui.ui.screens.planner import PlannerScreen

        bill = self.snapshot.summary.most_urgent_bill
        # The bill stays the same while the planner is open: after a split it shows the split, not the next bill.
        self.app.push_screen(PlannerScreen(bill.month if bill else None))

    def action_split(self) -> None:
        """Split the bill to pay into instalments, after a confirm dialog showing the fee and the parts."""
        from huabei_tui.domain.planner import plan_for
        from huabei_tui.ui.screens.planner import open_split_dialog

        open_split_dialog(self, plan_for(self.snapshot.summary))


SCREEN = StatusScreen

