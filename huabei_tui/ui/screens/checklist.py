"""Screen 3, Authorization checklist / 授权核查: "is my Huabei on my credit report?"

The article's five steps (§2), each ticked with the date; the answer, which sets the credit-reporting status the
whole app shows; and the "revoke" steps of §5, each with its caveat. One list holds all three so the arrows (or
j/k) walk straight through; Space/Enter ticks a step or picks an answer, and f / n / u pick an answer from
anywhere on the screen. The resulting status stays pinned above the list.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from typing import TYPE_CHECKING, Any

from textual.app import ComposeResult
from textual.widgets import Static

from huabei_tui.domain.errors import InputError
from huabei_tui.domain.guide import ANSWERS
from huabei_tui.domain.ledger import Checklist
from huabei_tui.i18n import describe_error, tr
from huabei_tui.storage.errors import StoreError
from huabei_tui.ui.keys import Key
from huabei_tui.ui.roles import line_text, lines_text
from huabei_tui.ui.screens.base import HuabeiScreen
from huabei_tui.ui.widgets.checklist_view import ChecklistView, Row
from huabei_tui.views.checklist import StepRow, checklist_page

if TYPE_CHECKING:
    from huabei_tui.ui.app import HuabeiApp


def save_change(app: HuabeiApp, change: Callable[[], Any], message: str) -> bool:
    """Run a session use case through the app; a refusal or a storage problem is shown, never raised."""
    try:
        app.apply_change(change, message)
    except (InputError, StoreError) as error:
        app.notify(describe_error(error, app.lang), severity="error", timeout=8)
        return False
    return True


def toggle_step(app: HuabeiApp, checklist: str, current: Checklist, step_id: str, prefix: str,
                since: date | None = None) -> bool:
    """Tick ``step_id`` with today's date, or untick it when it was ticked (on or after ``since``: a tick from
    before it belongs to an earlier episode, so choosing the step ticks it again for this one)."""
    ticked = current.is_done(step_id, since)
    message = f"{prefix}.msg.unticked" if ticked else f"{prefix}.msg.ticked"
    return save_change(app, lambda: app.session.set_step(checklist, step_id, done=not ticked), message)


def checklist_rows(steps: Sequence[StepRow]) -> list[Row]:
    """The view's rows as the list widget draws them: the roles of their words turned into styles."""
    return [Row(step.key, line_text(step.text), step.mark, step.number, line_text(step.note) if step.note else None,
                step.aside or step.key_hint) for step in steps]


class ChecklistScreen(HuabeiScreen):
    NAME = "checklist"
    AUTO_FOCUS = "#chk-list"
    KEYS = (
        Key("space", "toggle", "chk.key.toggle", show=False, key_display="Space"),
        Key("f", "answer('found')", "chk.key.answer", key_display="f/n/u", help_label="chk.key.found"),
        Key("n", "answer('not_found')", "chk.key.not_found", show=False),
        Key("u", "answer('unsure')", "chk.key.unsure", show=False),
    )
    HELP_KEYS = (Key("up,down,k,j", "", "chk.key.move"),
                 Key("enter", "", "chk.key.toggle"))
    PALETTE = (
        ("chk.cmd.toggle", "toggle", "Space"),
        ("chk.cmd.found", "answer('found')", "f"),
        ("chk.cmd.not_found", "answer('not_found')", "n"),
        ("chk.cmd.unsure", "answer('unsure')", "u"),
    )

    def compose_body(self) -> ComposeResult:
        yield Static(id="chk-status")
        yield ChecklistView(id="chk-list")

    def refresh_view(self) -> None:
        page = checklist_page(self.snapshot, self.lang)
        banner = self.query_one("#chk-status", Static)
        for value in set(ANSWERS.values()):
            banner.set_class(value == page.reporting, f"reporting-{value}")
        banner.update(lines_text(page.banner))
        view = self.query_one(ChecklistView)
        view.label_toggle(tr("chk.key.toggle", self.lang))
        view.show(checklist_rows(page.rows))

    # -- keys ------------------------------------------------------------------------------------------------
    def on_checklist_view_chosen(self, event: ChecklistView.Chosen) -> None:
        self.choose(event.key)

    def choose(self, key: str) -> None:
        kind, _, value = key.partition(":")
        app = self.huabei
        if kind == "answer":
            self.action_answer(value)
        elif kind == "auth":
            toggle_step(app, "auth", app.snapshot.ledger.auth_check, value, "chk")
        elif kind == "revoke":
            toggle_step(app, "revoke", app.snapshot.ledger.revoke, value, "chk")

    def action_toggle(self) -> None:
        key = self.query_one(ChecklistView).highlighted_key
        if key:
            self.choose(key)

    def action_answer(self, answer: str) -> None:
        app = self.huabei
        view = self.query_one(ChecklistView)
        if app.snapshot.ledger.auth_check.answer == answer:
            view.move_to(f"answer:{answer}")
            app.notify(tr("chk.msg.same_answer", app.lang))
            return
        if save_change(app, lambda: app.session.answer(answer), "chk.msg.answered"):
            view.move_to(f"answer:{answer}")


SCREEN = ChecklistScreen
