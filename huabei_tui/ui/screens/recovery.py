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
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.widget import Widget
from textual.widgets import Static

from huabei_tui.domain.bills import BillState
from huabei_tui.domain.dates import Month
from huabei_tui.domain.guide import CONTACT_TOPICS, RECOVERY_STEPS
from huabei_tui.domain.money import format_yuan
from huabei_tui.i18n import bracketed, pick, register, tr
from huabei_tui.io.text_report import days_left_text
from huabei_tui.textwidth import cell_width, pad
from huabei_tui.ui.keys import Key
from huabei_tui.ui.screens.base import HuabeiScreen
from huabei_tui.ui.screens.checklist import step_rows, toggle_step
from huabei_tui.ui.widgets.checklist_view import ChecklistView
from huabei_tui.ui.widgets.repayment_grid import RepaymentGrid

STRINGS: dict[str, tuple[str, str]] = {
    "rec.key.contact": ("记沟通", "Contact"),
    "rec.key.grid": ("24/60 月", "24/60 months"),
    "rec.key.toggle": ("勾选", "Tick"),
    "rec.key.next_section": ("下一区块", "Next section"),
    "rec.key.prev_section": ("上一区块", "Previous section"),
    "rec.key.move": ("移动或滚动", "Move or scroll"),
    "rec.section.episodes": ("逾期记录（共 {n} 次）", "Overdue episodes ({n})"),
    "rec.section.steps": ("修复步骤（文章第四节）· 空格勾选", "Recovery steps (article §4) · Space ticks"),
    "rec.section.contacts": ("客服沟通记录 · 按 c 添加", "Customer-service log · c adds an entry"),
    "rec.section.grid": ("还款记录 · 最近 {n} 个月 · 估算，以征信报告为准 · g 切换",
                         "Repayment grid · last {n} months · an estimate: the PBOC report counts · g"),
    "rec.col.bill": ("账单", "Bill"),
    "rec.col.due": ("到期日", "Due"),
    "rec.col.days": ("逾期", "Late"),
    "rec.col.owed": ("待还", "Owed"),
    "rec.col.fee": ("逾期费", "Fee"),
    "rec.col.per_day": ("每日加收", "+/day"),
    "rec.col.settled": ("还清日", "Settled"),
    "rec.col.expires": ("记录到期", "Expires"),
    "rec.col.left": ("剩余", "Left"),
    "rec.unsettled": ("未还清", "unpaid"),
    "rec.not_yet": ("尚无", "not yet"),
    "rec.all_gone_note": ("每条逾期记录都已满五年并自动删除（最后一条在 {date}）",
                          "Every overdue record has reached its five years and was deleted (the last on {date})"),
    "rec.unsettled_note": ("未还清的逾期还没有记录到期日：五年从还清那天起算。“每日加收”是每多拖一天新增的逾期费。",
                           "An unpaid overdue has no expiry date yet: the 5 years start the day you settle."
                           " “+/day” is what each extra day adds to the fee."),
    "rec.expiry_note": ("最晚一条记录 {date} 到期；保持按时还款，到期后自动删除",
                        "The last record expires on {date}; keep paying on time and it goes by itself"),
    "rec.no_overdue": ("没有逾期记录。保持按时还款即可。", "No overdue on record. Keep paying on time."),
    "rec.no_contacts": ("还没有记录。可能还不上时尽早联系客服，按 c 记下问了什么、结果如何。",
                        "Nothing yet. If you may not make a payment, call early; press c to note what you"
                        " asked and what came of it."),
    "rec.legend.N": ("N  正常", "N  normal"),
    "rec.legend.overdue": ("1–7 逾期（每 30 天一级）", "1–7 overdue (one per 30 days)"),
    "rec.legend.none": ("*  当月无需还款", "*  nothing due"),
    "rec.legend.closed": ("/  尚未开通", "/  not opened yet"),
    "rec.msg.ticked": ("已勾选并记下日期", "Ticked, with today's date"),
    "rec.msg.unticked": ("已取消勾选", "Unticked"),
    "rec.msg.months": ("还款记录：最近 {n} 个月", "Repayment grid: last {n} months"),
    "rec.cmd.contact": ("记录一次客服沟通", "Log a customer-service contact"),
    "rec.cmd.grid": ("还款记录切换 24 / 60 个月", "Show the repayment grid for 24 / 60 months"),
    "rec.cmd.toggle": ("勾选/取消当前修复步骤", "Tick or untick the highlighted recovery step"),
}
register(STRINGS)

#: Room for the episode table at 80 columns: the screen less the scrollbar, the focus bar, the right padding and
#: one cell to spare. Wider terminals give the table their extra width (``table_width``).
TABLE_WIDTH = 76
TABLE_MARGIN = 80 - TABLE_WIDTH
GRID_MONTHS = (24, 60)

#: How the episode table gets narrower when its columns do not fit, most readable first: the gap between columns
#: goes from two cells to one, then the due date loses its year (the bill month beside it gives it), then the
#: settled date goes (due date + days late; the expiry five years after it stays). Each layout is
#: (short due date, with the settled date, gap).
_LAYOUTS = (
    (False, True, 2), (False, True, 1),
    (True, True, 2), (True, True, 1),
    (False, False, 2), (False, False, 1),
    (True, False, 2), (True, False, 1),
)


def table_width(screen_width: int) -> int:
    """Cells the episode table may use on a screen ``screen_width`` wide."""
    return max(screen_width - TABLE_MARGIN, 1)


def episode_lines(overdue: list[BillState], today, lang: str, width: int = TABLE_WIDTH) -> Text:
    """The overdue episodes as a compact table, one line per episode within ``width`` cells: columns padded by
    cell width, and made narrower step by step (``_LAYOUTS``) while they do not fit."""
    unpaid = any(bill.outstanding for bill in overdue)
    names = ["bill", "due", "days", "owed", "fee", "per_day", "settled", "expires", "left"]
    aligns = ["left", "left", "right", "right", "right", "right", "left", "left", "right"]
    full_rows = []
    for bill in overdue:
        full_rows.append([
            str(bill.month),
            bill.due_date.isoformat(),
            str(bill.overdue_days),
            format_yuan(bill.outstanding),
            format_yuan(bill.fee),
            "+" + format_yuan(bill.fee_per_day) if bill.outstanding else "-",
            bill.settled_on.isoformat() if bill.settled_on else tr("rec.unsettled", lang),
            bill.record_expires_on.isoformat() if bill.record_expires_on else tr("rec.not_yet", lang),
            days_left_text(bill, today, lang, unit=True),
        ])

    def layout(short_due: bool, settled: bool) -> tuple[list[str], list[str], list[list[str]]]:
        keep = [i for i, name in enumerate(names)
                if (name != "per_day" or unpaid)  # the fee per extra day only matters while something is unpaid
                and (name != "settled" or settled)]
        headers = [tr(f"rec.col.{names[i]}", lang) for i in keep]
        rows = [[row[i][5:] if short_due and names[i] == "due" else row[i] for i in keep] for row in full_rows]
        return headers, [aligns[i] for i in keep], rows

    for short_due, settled, gap_cells in _LAYOUTS:
        headers, kept_aligns, rows = layout(short_due, settled)
        widths = [max(cell_width(h), *(cell_width(r[i]) for r in rows)) for i, h in enumerate(headers)]
        if sum(widths) + gap_cells * (len(widths) - 1) <= width:
            break  # else the narrowest layout, the last one tried
    gap = " " * gap_cells

    def line(cells: list[str]) -> str:
        return gap.join(pad(c, widths[i], kept_aligns[i]) for i, c in enumerate(cells)).rstrip()

    text = Text(line(headers), style="bold underline")
    for bill, row in zip(overdue, rows, strict=True):
        style = "bold" if bill.outstanding else ""
        text.append("\n")
        text.append(line(row), style=style)
    return text


class RecoveryBody(VerticalScroll, can_focus=False):
    """Scrolls the sections; not focusable itself, so Tab goes from section to section.

    Its keys still apply while a plain section (table, log, grid) has focus, so the arrows and j/k scroll.
    """

    BINDINGS = [Binding("j", "scroll_down", show=False), Binding("k", "scroll_up", show=False)]


class RecoveryScreen(HuabeiScreen):
    NAME = "recovery"
    AUTO_FOCUS = ""  # the steps get the first focus in on_screen_resume, without scrolling to them
    KEYS = (
        Key("c", "contact", "rec.key.contact"),
        Key("g", "grid_months", "rec.key.grid"),
        # The screen's own keys replace Screen's defaults, so Tab is restated here.
        Key("tab", "app.focus_next", "rec.key.next_section", show=False, key_display="Tab"),
        Key("shift+tab", "app.focus_previous", "rec.key.prev_section", show=False, key_display="Shift+Tab"),
    )
    HELP_KEYS = (Key("up,down,k,j", "", "rec.key.move"),
                 Key("space,enter", "", "rec.key.toggle"))
    PALETTE = (
        ("rec.cmd.contact", "contact", "c"),
        ("rec.cmd.grid", "grid_months", "g"),
        ("rec.cmd.toggle", "toggle", "Space"),
    )

    def __init__(self) -> None:
        super().__init__()
        self.grid_months = GRID_MONTHS[0]
        self._table_width = TABLE_WIDTH

    def on_screen_resume(self) -> None:
        """The first focus goes to the recovery steps without scrolling to them, so the screen opens at its top:
        the episode table with its heading and column titles (Textual's auto-focus scrolled them out of view when
        there were many episodes). ↓ in the steps brings the steps up."""
        super().on_screen_resume()
        if self.focused is None and self.is_current:
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
        super().on_mount()

    def refresh_view(self) -> None:
        app, lang = self.huabei, self.lang
        snapshot = app.snapshot
        summary = snapshot.summary

        overdue = summary.overdue_episodes
        self.query_one("#rec-episodes-title", Static).update(
            Text(tr("rec.section.episodes", lang, n=len(overdue)), style="bold"))
        episodes = self.query_one("#rec-episodes", Static)
        notes: list[str] = []
        expiry = ""
        if overdue:
            self._table_width = table_width(self.size.width or self.app.size.width)
            episodes.update(episode_lines(overdue, summary.today, lang, self._table_width))
            if summary.unsettled_overdue:
                notes.append(tr("rec.unsettled_note", lang))
            last = summary.last_record_expiry
            if last is not None:
                key = "rec.all_gone_note" if summary.records_all_gone else "rec.expiry_note"
                expiry = tr(key, lang, date=last.isoformat())
        else:
            episodes.update(tr("rec.no_overdue", lang))
        note = self.query_one("#rec-episodes-note", Static)
        note.update(Text("\n".join(notes), style="bold") if notes else Text(expiry, style="dim"))
        note.display = bool(notes or expiry)
        note.set_class(not notes, "-settled")

        self.query_one("#rec-steps-title", Static).update(Text(tr("rec.section.steps", lang), style="bold"))
        self.query_one("#rec-steps", ChecklistView).show(
            step_rows("recovery", RECOVERY_STEPS, snapshot.ledger.recovery, lang, since=summary.recovery_since))

        self.query_one("#rec-contacts-title", Static).update(Text(tr("rec.section.contacts", lang), style="bold"))
        self.query_one("#rec-contacts", Static).update(self.contacts_table())

        self.show_grid()

    def contacts_table(self) -> RenderableType:
        """Date, then what was asked and the outcome, wrapped under itself (long Chinese text folds in place)."""
        lang = self.lang
        entries = sorted(self.huabei.snapshot.ledger.contacts, key=lambda c: (c.on, c.id))
        if not entries:
            return Text(tr("rec.no_contacts", lang), style="dim")
        grid = Table.grid(padding=(0, 2))
        grid.add_column(no_wrap=True)
        grid.add_column(ratio=1, overflow="fold")
        for entry in entries:
            topic = pick(CONTACT_TOPICS.get(entry.topic, CONTACT_TOPICS["other"]), lang)
            body = Text(topic, style="bold")
            body.append(("：" if lang == "zh" else ": ") + entry.outcome)
            if entry.note:
                body.append(bracketed(entry.note, lang), style="dim")
            grid.add_row(Text(entry.on.isoformat(), style="bold"), body)
        return grid

    def show_grid(self) -> None:
        app, lang = self.huabei, self.lang
        months = self.grid_months
        snapshot = app.snapshot
        cells = snapshot.summary_for(months).grid
        self.query_one("#rec-grid-title", Static).update(
            Text(tr("rec.section.grid", lang, n=months), style="bold"))
        legend = [tr(f"rec.legend.{k}", lang) for k in ("N", "overdue", "none", "closed")]
        self.query_one(RepaymentGrid).show(cells, legend, str(Month.of(snapshot.today)))

    # -- keys ------------------------------------------------------------------------------------------------
    def on_checklist_view_chosen(self, event: ChecklistView.Chosen) -> None:
        self.tick(event.key)

    def tick(self, key: str) -> None:
        app = self.huabei
        _kind, _, step_id = key.partition(":")
        snapshot = app.snapshot
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
        self.show_grid()
        grid = self.query_one(RepaymentGrid)
        grid.focus(scroll_visible=False)
        self.call_after_refresh(self.query_one("#rec-grid-section").scroll_visible, animate=False)
        self.app.notify(tr("rec.msg.months", self.lang, n=self.grid_months))


SCREEN = RecoveryScreen
