"""Screen 4, Overdue recovery / 逾期修复: "I missed a payment — what now, and when is it off my record?"

Four sections in one scrolling body, each reachable with Tab (the focused one is marked by a bar at its left,
which reads without colour): every overdue episode as a compact table; the article's recovery steps (§4) as a
checklist ticked with the date; the customer-service contact log (§3.4, ``c`` adds an entry); and the repayment
grid, 24 months or 60 with ``g``, drawn as the credit report prints it and labelled an estimate.
"""

from __future__ import annotations

from rich.console import RenderableType
from rich.table import Table
from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.containers import Vertical, VerticalScroll
from textual.widget import Widget
from textual.widgets import Static

from huabei_tui.i18n import tr
from huabei_tui.ui.keys import bindings
from huabei_tui.ui.roles import line_text, lines_text
from huabei_tui.ui.screens.base import HuabeiScreen
from huabei_tui.ui.screens.checklist import checklist_rows, toggle_step
from huabei_tui.ui.widgets.checklist_view import ChecklistView
from huabei_tui.ui.widgets.repayment_grid import RepaymentGrid
from huabei_tui.views.blocks import Phrase
from huabei_tui.views.recovery import GRID_MONTHS, TABLE_WIDTH, ContactRow, GridSection, grid_section, recovery_page

#: The screen's columns the episode table cannot use (scrollbar, focus bar, padding, one to spare): the table
#: gets the rest, ``TABLE_WIDTH`` at 80 columns and more on wider terminals.
TABLE_MARGIN = 80 - TABLE_WIDTH


def table_width(screen_width: int) -> int:
    """Cells the episode table may use on a screen ``screen_width`` wide."""
    return max(screen_width - TABLE_MARGIN, 1)


def contacts_table(contacts: tuple[ContactRow, ...], lang: str) -> RenderableType:
    """Date, then what was asked and the outcome, wrapped under itself (long Chinese text folds in place)."""
    grid = Table.grid(padding=(0, 2))
    grid.add_column(no_wrap=True)
    grid.add_column(ratio=1, overflow="fold")
    for contact in contacts:
        grid.add_row(line_text((Phrase(contact.on, "strong"),)), line_text(contact.body(lang)))
    return grid


class RecoveryBody(VerticalScroll, can_focus=False):
    """Scrolls the sections; not focusable itself, so Tab goes from section to section.

    Its keys still apply while a plain section (table, log, grid) has focus, so the arrows and j/k scroll.
    """

    BINDINGS = bindings("scroll")


class RecoveryScreen(HuabeiScreen):
    NAME = "recovery"
    AUTO_FOCUS = ""  # the steps get the first focus in on_screen_resume, without scrolling to them
    BINDINGS = bindings("recovery")

    def __init__(self) -> None:
        super().__init__()
        self.grid_months = GRID_MONTHS[0]
        self._table_width = TABLE_WIDTH

    def on_screen_resume(self) -> None:
        """The first focus goes to the recovery steps without scrolling to them, so the screen opens at its top:
        the episode table with its heading and column titles (Textual's auto-focus scrolled them out of view when
        there were many episodes). ↓ in the steps brings the steps up.

        Textual calls ``HuabeiScreen.on_screen_resume`` itself after this one (a handler of every class in the
        MRO runs), so it is not called here: called twice, every visit drew the footer twice."""
        if self.focused is None:  # also when built unseen: the first visit then finds the focus in place
            self.query_one("#rec-steps").focus(scroll_visible=False)

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        """Tab to a section shows it from its heading (focusing scrolls only as far as the focused widget, which
        left a lower section's heading above the view), or the top of the screen when that still shows it."""
        section = next((node for node in event.widget.ancestors_with_self if node.has_class("rec-section")), None)
        if section is None or not self.is_current:
            return
        self.call_after_refresh(self.call_after_refresh, self._show_section, section)

    def _show_section(self, section: Widget) -> None:
        body = self.query_one(RecoveryBody)
        if not section.is_attached or not body.size.height:
            return
        if section.virtual_region.y + min(section.outer_size.height, 4) <= body.size.height:
            body.scroll_home(animate=False, immediate=True)
        else:
            body.scroll_to_widget(section, animate=False, top=True, immediate=True)

    def on_resize(self, event: events.Resize) -> None:
        """A wider or narrower terminal: lay the episode table out again for the room it now has."""
        if self._rendered is not None and table_width(event.size.width) != self._table_width:
            self.render_state()

    def compose_body(self) -> ComposeResult:
        with RecoveryBody(id="rec-body"):
            with Vertical(classes="rec-section", id="rec-episodes-section"):
                yield Static(classes="rec-heading", id="rec-episodes-title")
                yield Static(id="rec-episodes", classes="rec-focusable")
                yield Static(id="rec-episodes-note")
            with Vertical(classes="rec-section"):
                yield Static(classes="rec-heading", id="rec-steps-title")
                yield ChecklistView(id="rec-steps")
            with Vertical(classes="rec-section"):
                yield Static(classes="rec-heading", id="rec-contacts-title")
                yield Static(id="rec-contacts", classes="rec-focusable")
            with Vertical(classes="rec-section", id="rec-grid-section"):
                yield Static(classes="rec-heading", id="rec-grid-title")
                yield RepaymentGrid(id="rec-grid")

    def on_mount(self) -> None:
        for widget in self.query(".rec-focusable"):
            widget.can_focus = True
        # HuabeiScreen.on_mount (which draws the screen) runs next: Textual calls each class's handler.

    def refresh_view(self) -> None:
        self._table_width = table_width(self.size.width or self.app.size.width)
        every = self.huabei.every_line() if self.snapshot.several_lines else None
        page = recovery_page(self.snapshot, self.lang, self._table_width, self.grid_months, every,
                             keys=self.huabei.key_names)
        self.query_one("#rec-episodes-title", Static).update(line_text(page.episodes_title))
        episodes = self.query_one("#rec-episodes", Static)
        if page.episodes is not None:
            episodes.update(lines_text(page.episodes.lines(rule=False)))
        else:
            episodes.update(Text(page.no_episodes))
        note = self.query_one("#rec-episodes-note", Static)
        note.update(lines_text([(phrase,) for phrase in page.notes]))
        note.display = bool(page.notes)
        note.set_class(not any(phrase.role == "strong" for phrase in page.notes), "-settled")

        self.query_one("#rec-steps-title", Static).update(line_text(page.steps_title))
        self.query_one("#rec-steps", ChecklistView).show(checklist_rows(page.steps))

        self.query_one("#rec-contacts-title", Static).update(line_text(page.contacts_title))
        self.query_one("#rec-contacts", Static).update(
            contacts_table(page.contacts, self.lang) if page.contacts else line_text(page.no_contacts))
        self.show_grid(page.grid)

    def show_grid(self, section: GridSection) -> None:
        self.query_one("#rec-grid-title", Static).update(line_text(section.title))
        self.query_one(RepaymentGrid).show(section.lines)

    # -- keys ------------------------------------------------------------------------------------------------
    def on_checklist_view_chosen(self, event: ChecklistView.Chosen) -> None:
        self.tick(event.key)

    def tick(self, key: str) -> None:
        app = self.huabei
        _kind, _, step_id = key.partition(":")
        snapshot = self.snapshot
        toggle_step(app, "recovery", snapshot.ledger.recovery, step_id, "rec", since=snapshot.summary.recovery_since)

    def action_toggle(self) -> None:
        key = self.query_one("#rec-steps", ChecklistView).highlighted_key
        if key:
            self.tick(key)

    def action_contact(self) -> None:
        from huabei_tui.ui.dialogs.contact import contact_dialog

        self.app.push_screen(contact_dialog(self.huabei))

    def action_grid_months(self) -> None:
        index = GRID_MONTHS.index(self.grid_months)
        self.grid_months = GRID_MONTHS[(index + 1) % len(GRID_MONTHS)]
        self.show_grid(grid_section(self.snapshot, self.lang, self.grid_months, self.huabei.key_names))
        grid = self.query_one(RepaymentGrid)
        grid.focus(scroll_visible=False)
        self.call_after_refresh(self.query_one("#rec-grid-section").scroll_visible, animate=False)
        self.app.notify(tr("rec.msg.months", self.lang, n=self.grid_months))


SCREEN = RecoveryScreen
