"""The screens as plain text: ``huabei status``, ``huabei export`` (and the TUI's ``e``/``E``) print the views.

It sits with the views (the application layer, above ``io``): it prints them, and ``io`` may not import upward.
Each screen's section prints what that screen shows (the other modules here), in its order and in its words, at the
80 columns the screens are drawn at; a section may add what the screen leaves to a form or another screen (the
account's opening date and fee rate; the list of every bill), after what the screen says. Titles of panels and
sections are set in brackets, tables get a line of dashes under their column titles, and every column lines up
by terminal cell width (``textwidth``), never by ``len``, so Chinese lines up in any terminal or e-mail.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from huabei_tui.domain.bills import BillState
from huabei_tui.domain.dates import Month
from huabei_tui.domain.grid import GridCell
from huabei_tui.domain.money import format_yuan
from huabei_tui.domain.summary import Summary
from huabei_tui.i18n import labelled, tr
from huabei_tui.textwidth import break_lines, cell_width, pad
from huabei_tui.views.blocks import Pair, Table, pair, pair_lines, plain, plain_lines
from huabei_tui.views.phrases import WARNING_MARK, on_off, reporting_text, yuan

if TYPE_CHECKING:
    from huabei_tui.session import Snapshot
    from huabei_tui.views.checklist import StepRow
    from huabei_tui.views.planner import PlannerPage
    from huabei_tui.views.recovery import RecoveryPage

# Each screen's view is imported by the function that prints it: ``huabei status`` and ``huabei check`` print one
# screen and skip the others' modules (the calendar's alone, with its date rules, is some 7 ms of start-up).


#: The width the screens are drawn at and the export is laid out for.
EXPORT_WIDTH = 80
SCREENS = ("status", "calendar", "checklist", "recovery")


def _title(text: str) -> str:
    return f"[{text}]"


def table_lines(table: Table) -> list[str]:
    """Column titles, dashes under them, the rows."""
    return plain_lines(table.lines(rule=True))


def _wrap(text: str, width: int, lang: str) -> list[str]:
    """Lines of at most ``width`` cells (Chinese may break between characters, English only at spaces)."""
    return break_lines(text, width, between_characters=lang == "zh") or [""]


def _paragraphs(texts: Sequence[str], lang: str, hang: int = 0) -> list[str]:
    """Sentences wrapped to the export's width as the screen wraps them, later lines indented by ``hang``."""
    lines: list[str] = []
    for text in texts:
        if text:
            first, *rest = _wrap(text, EXPORT_WIDTH - hang, lang)
            lines += [first, *(" " * hang + more for more in rest)]
    return lines


def fitted(lines: Sequence[str], lang: str, hang: int = 2) -> list[str]:
    """``lines`` with each one wider than the export wrapped to it, later lines indented by ``hang`` (a sentence
    naming every credit line grows with their names; a table row, which is never that wide, stays as it is)."""
    out: list[str] = []
    for text in lines:
        out += [text] if cell_width(text) <= EXPORT_WIDTH else _paragraphs([text], lang, hang)
    return out


# -- the account and the bills (also ``huabei account`` and ``huabei bill list``) ---------------------------------

def account_lines(summary: Summary, lang: str, keys: object = None) -> list[str]:
    """Every account setting, for ``huabei account`` (``keys``: see ``status_lines``)."""
    account = summary.account
    balance = yuan(account.balance, lang)
    if account.balance_checked_on:
        balance += ("" if lang == "zh" else " ") + tr("label.checked_on", lang, date=account.balance_checked_on.isoformat())
    pairs = [
        pair(tr("label.limit", lang), yuan(account.limit, lang)),
        pair(tr("label.used", lang), yuan(summary.used, lang)),
        pair(tr("label.available", lang), yuan(summary.available, lang)),
        pair(tr("label.statement_day", lang), str(account.statement_day)),
        pair(tr("label.due_day", lang), str(account.due_day)),
        pair(tr("label.auto_repay", lang), on_off(account.auto_repay, lang)),
        pair(tr("label.balance", lang), balance),
        pair(tr("label.credit_reporting", lang), reporting_text(summary, lang, keys)),
        pair(tr("label.opened", lang), account.opened.isoformat() if account.opened else tr("value.unknown", lang)),
        pair(tr("label.fee_rate", lang), f"{account.fee_rate}%/{tr('label.day', lang)}"),
        pair(tr("label.min_rate", lang), tr("label.min_rate_value", lang, rate=account.min_rate)),
        pair(tr("label.interest_rate", lang), f"{account.interest_rate}%/{tr('label.day', lang)}"),
    ]
    if summary.unbilled_installments:
        pairs.append(pair(tr("label.unbilled_installments", lang), yuan(summary.unbilled_installments, lang)))
    return _pairs(pairs)


def _pairs(pairs: Sequence[Pair]) -> list[str]:
    return plain_lines(pair_lines(pairs))


def bills_lines(bills: Sequence[BillState], lang: str) -> list[str]:
    """Every bill with what was paid, its state, days late and fee, for ``huabei bill list`` and the export.

    Eight columns in 80 cells (the export is laid out for 80 columns, and ``bill list`` prints to a terminal):
    with "Outstanding" and "Days late" (逾期天数) as headers the table was 83 cells wide and every row wrapped;
    bills of ¥10,000 and more widen three columns, so then the gaps are one cell instead of two."""
    if not bills:
        return [tr("label.no_bills", lang)]
    headers = tuple(tr(k, lang) for k in ("label.bill", "label.due_date", "label.amount", "label.paid",
                                          "label.owed", "label.status", "label.late", "label.fee"))
    rows = tuple(
        (str(b.month), b.due_date.isoformat(), format_yuan(b.amount), format_yuan(b.paid), format_yuan(b.outstanding),
         tr(f"status.{b.status}", lang), str(b.overdue_days) if b.overdue_days else "-",
         format_yuan(b.fee) if b.fee else "-")
        for b in bills
    )
    aligns = ("left", "left", "right", "right", "right", "left", "right", "right")
    laid = Table(headers, aligns, rows)
    if laid.width > EXPORT_WIDTH:  # amounts from ¥10,000.00 up: one-cell gaps keep it in 80 columns
        laid = Table(headers, aligns, rows, gap=1)
    return table_lines(laid)


# -- screen 1 ------------------------------------------------------------------------------------------------------

def status_lines(snapshot: Snapshot, lang: str, *, episodes: bool = True, planner: bool = False,
                 keys: object = None) -> list[str]:
    """The status screen from top to bottom, then the account details its form holds; with ``episodes`` the
    overdue history as the recovery screen's table (``huabei status`` shows it, the full export has it below); with
    ``planner`` the planner for the bill to pay (what ``o`` shows: the export has it, ``huabei plan`` prints it).
    ``keys`` (here and below): how text that names a key names it, the keys in force (``ui.key_names``); None: the
    default keys."""
    from huabei_tui.views.recovery import recovery_page
    from huabei_tui.views.status import status_page

    page = status_page(snapshot, lang, keys)
    lines = [labelled(tr("label.today", lang), page.today.isoformat(), lang)]
    if page.warnings:
        lines += ["", *_paragraphs(page.warnings, lang, hang=len(WARNING_MARK))]
    for panel in (page.to_pay, page.account):
        lines += ["", _title(panel.title), *plain_lines(panel.lines())]
    if page.options:  # this month's options, under the account panel on the screen
        title, *options = plain_lines(page.options)
        lines += ["", _title(title)]
        for option in options:  # "No clean option is left: …" is 81 cells in English: wrapped, as in the planner
            lines += [option] if cell_width(option) <= EXPORT_WIDTH else _paragraphs([option], lang)
    lines += ["", _title(tr("export.details", lang)), *_pairs(page.settings)]
    if page.next_steps:  # a new user: what to do, instead of a record that does not exist yet
        lines += ["", _title(tr("status.todo.title", lang)), *_paragraphs([f"- {step}" for step in page.next_steps],
                                                                            lang, hang=2)]
    lines += ["", *_paragraphs([*page.history, page.trend_caption, page.advice], lang)]
    if episodes and snapshot.summary.overdue_episodes:
        lines += ["", *_episode_lines(recovery_page(snapshot, lang, keys=keys), lang)]
    if planner:
        lines += bill_to_pay_plan_lines(snapshot, lang, keys)
    return lines


def bill_to_pay_plan_lines(snapshot: Snapshot, lang: str, keys: object = None) -> list[str]:
    """The planner table for the bill to pay now, after a blank line (nothing when there is no bill to pay)."""
    from huabei_tui.domain.planner import plan_for
    from huabei_tui.views.planner import planner_page

    plan = plan_for(snapshot.summary)
    return ["", *planner_lines(planner_page(plan, lang, hints=False, keys=keys), lang)] if plan is not None else []


def status_text(snapshot: Snapshot, lang: str, keys: object = None) -> str:
    """What ``huabei status`` prints: the at-a-glance answer, warnings first."""
    return "\n".join(status_lines(snapshot, lang, keys=keys)) + "\n"


# -- screen 2 ------------------------------------------------------------------------------------------------------

def calendar_lines(snapshot: Snapshot, lang: str, keys: object = None) -> list[str]:
    """The calendar as it opens: today's panel and this month's bills; then every bill."""
    from huabei_tui.views.calendar import calendar_page

    page = calendar_page(snapshot, lang, keys=keys)
    lines = [_title(page.day.title), *plain_lines(page.day.lines)]
    lines += ["", _title(page.month.title), *plain_lines(page.month.lines())]
    lines += ["", _title(tr("label.bills", lang)), *bills_lines(snapshot.summary.bills, lang)]
    return lines


# -- screen 3 ------------------------------------------------------------------------------------------------------

def step_lines(rows: Sequence[StepRow], lang: str, width: int = EXPORT_WIDTH) -> list[str]:
    """Checklist rows under their headings; the rows between two headings are a table: mark, number, the text
    (wrapped under itself, a caveat under it) and the date at the right of its last line, each column starting
    at the same cell on every line."""
    lines: list[str] = []
    block: list[StepRow] = []

    def flush() -> None:
        if not block:
            return
        mark_w = max(cell_width(r.mark) for r in block)
        number_w = max(cell_width(r.number) for r in block)
        aside_w = max(cell_width(r.aside) for r in block)
        start = mark_w + 1 + (number_w + 1 if number_w else 0)
        room = width - start - (2 + aside_w if aside_w else 0)
        text_w = min(room, max(max(cell_width(plain(r.text)) for r in block), 1))
        for row in block:
            text = _wrap(plain(row.text), text_w, lang)
            head = pad(row.mark, mark_w) + " " + (pad(row.number, number_w) + " " if number_w else "")
            for index, words in enumerate(text):
                # the date closes the step: on its last line, so the words read in order
                aside = "  " + row.aside if row.aside and index == len(text) - 1 else ""
                lines.append(((head if index == 0 else " " * start) + pad(words, text_w) + aside).rstrip())
            if row.note:
                lines.extend(" " * start + more for more in _wrap(plain(row.note), room, lang))
        block.clear()

    for row in rows:
        if row.key is None:
            flush()
            if lines:
                lines.append("")
            lines.append(plain(row.text))
        else:
            block.append(row)
    flush()
    return lines


def checklist_lines(snapshot: Snapshot, lang: str, keys: object = None) -> list[str]:
    from huabei_tui.views.checklist import checklist_page

    page = checklist_page(snapshot, lang, keys)
    return [*plain_lines(page.banner), "", *step_lines(page.rows, lang)]


# -- screen 4 ------------------------------------------------------------------------------------------------------

def _episode_lines(page: RecoveryPage, lang: str) -> list[str]:
    lines = [_title(plain(page.episodes_title))]
    lines += table_lines(page.episodes) if page.episodes is not None else _paragraphs([page.no_episodes], lang)
    return lines + _paragraphs([phrase.text for phrase in page.notes], lang)


def _contact_lines(snapshot: Snapshot, lang: str, width: int = EXPORT_WIDTH) -> list[str]:
    lines = []
    from huabei_tui.views.recovery import contact_rows

    for contact in contact_rows(snapshot.ledger.contacts, lang):
        start = cell_width(contact.on) + 2
        first, *rest = _wrap(plain(contact.body(lang)), width - start, lang)
        lines.append(f"{contact.on}  {first}")
        lines.extend(" " * start + more for more in rest)
    return lines


def contact_lines(snapshot: Snapshot, lang: str) -> list[str]:
    """The customer-service log, for ``huabei contact``."""
    return [tr("label.contacts", lang), *(_contact_lines(snapshot, lang) or [tr("value.none", lang)])]


def repayment_grid_lines(cells: Sequence[GridCell], today_month: Month, lang: str) -> list[str]:
    """The repayment grid as the recovery screen draws it, for ``huabei grid``."""
    from huabei_tui.views.recovery import grid_legend, grid_lines

    return [tr("label.grid", lang), *plain_lines(grid_lines(cells, today_month, grid_legend(lang, cells)))]


def recovery_lines(snapshot: Snapshot, lang: str, keys: object = None) -> list[str]:
    from huabei_tui.views.recovery import recovery_page

    page = recovery_page(snapshot, lang, keys=keys)
    lines = _episode_lines(page, lang)
    lines += ["", _title(plain(page.steps_title)), *step_lines(page.steps, lang)]
    lines += ["", _title(plain(page.contacts_title)),
              *(_contact_lines(snapshot, lang) or _paragraphs([plain(page.no_contacts)], lang))]
    lines += ["", _title(plain(page.grid.title)), *plain_lines(page.grid.lines)]
    return lines


# -- whole documents ----------------------------------------------------------------------------------------------

def header(snapshot: Snapshot, lang: str, keys: object = None) -> list[str]:
    lines = [tr("label.summary_title", lang), tr("label.generated", lang, date=snapshot.today.isoformat())]
    if snapshot.several_lines:  # the export is of one credit line (the one on show, or --line): say which
        lines += fitted([tr("label.export_line", lang, name=snapshot.line, names=" / ".join(snapshot.line_names),
                             k=keys)], lang)
    return lines


SECTIONS = {
    "status": lambda snapshot, lang, keys=None: status_lines(snapshot, lang, planner=True, keys=keys),
    "calendar": calendar_lines,
    "checklist": checklist_lines,
    "recovery": recovery_lines,
}


def screen_text(snapshot: Snapshot, lang: str, screen: str, keys: object = None) -> str:
    """One screen's section under the summary's header: ``huabei export --screen`` and the TUI's ``e``."""
    return "\n".join([*header(snapshot, lang, keys), "", *SECTIONS[screen](snapshot, lang, keys)]) + "\n"


def body_lines(snapshot: Snapshot, lang: str, screen: str = "all", keys: object = None) -> list[str]:
    """What the export prints of one line under its header: one screen's section, or every screen's with its
    title rule (``full_text``)."""
    if screen in SECTIONS:
        return SECTIONS[screen](snapshot, lang, keys)
    lines: list[str] = []
    for name in SCREENS:
        title = tr(f"export.screen.{name}", lang, k=keys)  # titled by its key, as the tab bar names it
        lines += ["", f"== {title} " + "=" * max(EXPORT_WIDTH - 4 - cell_width(title), 2), ""]
        lines += (status_lines(snapshot, lang, episodes=False, planner=True, keys=keys) if name == "status"
                  else SECTIONS[name](snapshot, lang, keys))
    return lines


def checklist_text(snapshot: Snapshot, lang: str, keys: object = None) -> str:
    """What ``huabei check`` prints after a change: the checklist screen."""
    return screen_text(snapshot, lang, "checklist", keys)


def full_text(snapshot: Snapshot, lang: str, keys: object = None) -> str:
    """Every screen, one after the other: ``huabei export`` and the TUI's ``E``."""
    return "\n".join([*header(snapshot, lang, keys), *body_lines(snapshot, lang, keys=keys)]) + "\n"


# -- the planner (``huabei plan``, and the export after the status) -------------------------------------------------

def planner_lines(page: PlannerPage, lang: str) -> list[str]:
    """The planner page as ``huabei plan`` and the export print it: title, facts, the options table (columns by
    cell width), the best option, then what is no longer possible, wrapped to the export's width."""
    lines = [_title(page.title)]
    if page.facts:
        lines += _pairs(page.facts)
    if page.table is not None:
        lines += ["", *table_lines(page.table)]
    if page.best:
        lines += ["", *_paragraphs([plain(words) for words in page.best], lang)]
    if page.unavailable:
        lines += ["", labelled(tr("plan.unavailable", lang), "", lang).rstrip()]
        lines += ["  " + part for item in page.unavailable for part in _wrap(item, EXPORT_WIDTH - 2, lang)]
    return lines
