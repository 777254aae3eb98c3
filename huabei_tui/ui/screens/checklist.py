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
from huabei_tui.ui import registry
from huabei_tui.ui.keymap import DEFAULT, Keymap
from huabei_tui.ui.keys import bindings, key_name
from huabei_tui.ui.roles import line_text, lines_text
from huabei_tui.ui.screens.base import HuabeiScreen
from huabei_tui.ui.widgets.checklist_view import ChecklistView, Row, TickList
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


def checklist_rows(steps: Sequence[StepRow], keymap: Keymap = DEFAULT) -> list[Row]:
    """The view's rows as the list widget draws them: the roles of their words turned into styles, and an
    answer's key shown as the key in force (``keys.toml`` may have moved ``checklist.found`` off ``f``)."""

    def hint(step: StepRow) -> str:
        kind, _, value = (step.key or "").partition(":")
        if step.key_hint and kind == "answer" and f"checklist.{value}" in registry.BY_ID:
            return key_name(keymap.first_key(f"checklist.{value}"))
        return step.key_hint

    return [Row(step.key, line_text(step.text), step.mark, step.number, line_text(step.note) if step.note else None,
                step.aside or hint(step)) for step in steps]


class ChecklistScreen(HuabeiScreen):
    NAME = "checklist"
    AUTO_FOCUS = "#chk-list"
    BINDINGS = bindings("checklist")

    def compose_body(self) -> ComposeResult:
        yield Static(id="chk-status")
        yield TickList(id="chk-list")

    def refresh_view(self) -> None:
        page = checklist_page(self.snapshot, self.lang, self.huabei.key_names, on_screen=True)
        banner = self.query_one("#chk-status", Static)
        for value in set(ANSWERS.values()):
            banner.set_class(value == page.reporting, f"reporting-{value}")
        banner.update(lines_text(page.banner))
        self.query_one(ChecklistView).show(checklist_rows(page.rows, self.huabei.keymap))

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
