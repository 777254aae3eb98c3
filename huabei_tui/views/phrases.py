"""Sentences more than one screen says (and the text export and the CLI with them), written once.

Each takes what the rules computed (a bill's state, the summary) and the language, and returns words: an amount
as ``¥1,234.50`` (or "unknown"), how far a due date is, the overdue fee and what each day adds, the warnings.
"""

from __future__ import annotations

from datetime import date

from huabei_tui.domain.bills import BillState
from huabei_tui.domain.money import format_yuan
from huabei_tui.domain.summary import Summary
from huabei_tui.i18n import bracketed, tr

#: Leads every warning line, so a warning reads as one without colour.
WARNING_MARK = "! "


def yuan(fen: int | None, lang: str) -> str:
    """``¥1,234.50``; "unknown" for an amount nobody entered."""
    return tr("value.unknown", lang) if fen is None else format_yuan(fen)


def on_off(value: bool | None, lang: str) -> str:
    return tr("value.not_set", lang) if value is None else tr("onoff.on" if value else "onoff.off", lang)


def due_phrase(state: BillState, lang: str) -> str:
    """"due in 3 days", "due today" or "2 days overdue" (today is still on time)."""
    if state.days_to_due > 0:
        return tr("label.due_in", lang, days=state.days_to_due)
    if state.days_to_due == 0:
        return tr("label.due_today", lang)
    return tr("label.overdue_by", lang, days=-state.days_to_due)


#: What a further day adds to an unpaid bill's fee when that is less than a fen (the fee is 0.05 % a day, so any
#: bill under ¥20): "¥0.00" read as "no fee any more", which is wrong while the bill is unpaid.
UNDER_A_FEN = "<¥0.01"


def per_day_fee(bill: BillState) -> str:
    """What each further day adds to ``bill``'s overdue fee: ``¥0.83``, or ``<¥0.01`` while it is unpaid and
    the day's fee rounds to nothing (the fee still grows: the exact sum is rounded once, at the end); ``¥0.00``
    when nothing grows (paid, or a fee rate of 0)."""
    if bill.fee_grows and not bill.fee_per_day:
        return UNDER_A_FEN
    return format_yuan(bill.fee_per_day)


def fee_growth(bill: BillState, lang: str) -> str:
    """The fee so far and what each further day adds: ``¥4.13 (+¥0.83/day)``, ``¥4.13（+¥0.83/天）``."""
    growth = f"+{per_day_fee(bill)}/{tr('label.day', lang)}"
    return yuan(bill.fee, lang) + bracketed(growth, lang)


def most_urgent_title(summary: Summary, lang: str) -> str:
    """"Overdue bill" when the bill to pay first is late, else "Next bill"."""
    bill = summary.most_urgent_bill
    return tr("label.overdue_bill" if bill is not None and bill.days_to_due < 0 else "label.next_bill", lang)


def reporting_text(summary: Summary, lang: str, keys: object = None) -> str:
    """Whether the account reports to the credit system, in words (see ``Summary.reporting_text_key``), with
    where to check it while nobody has: "unchecked (see 3)".

    ``keys`` (here and in the other views): how the keys a text names are shown, ``ui.keys.KeyNames`` in the app
    (the keys in force); None shows the default keys (``i18n.DefaultKeys``)."""
    return reporting_words(summary, lang) + reporting_see(summary, lang, keys)


def reporting_words(summary: Summary, lang: str) -> str:
    """The words alone: "reported", "unchecked", "unsure: ask 95188"."""
    return tr(summary.reporting_text_key, lang)


def reporting_see(summary: Summary, lang: str, keys: object = None) -> str:
    """Where to check the credit reporting, while nobody has (" (see 3)", "（见 3）"), else "": kept apart from
    the words so that a row too narrow for both (a key moved to "Ctrl+Shift+F12") keeps the words."""
    return tr("reporting.see", lang, k=keys) if summary.reporting_text_key == "reporting.unknown" else ""


def warning_lines(summary: Summary, lang: str, keys: object = None) -> list[str]:
    """The summary's warnings as sentences, most urgent first, each led by ``WARNING_MARK``."""
    params = {
        "shortfall": yuan(summary.shortfall, lang),
        "days": summary.balance_age_days,
        "over": yuan(-summary.available if summary.available is not None else None, lang),
    }
    late = summary.overdue_unpaid
    if late:
        oldest = late[0]
        params.update(month=str(oldest.month), late_days=oldest.overdue_days, outstanding=yuan(oldest.outstanding, lang),
                      per_day=per_day_fee(oldest))
    lines = []
    for key in summary.warnings():
        lines.append(WARNING_MARK + tr(key, lang, **params))
        if key == "warn.overdue" and len(late) > 1:
            lines.append(WARNING_MARK + tr("warn.overdue_more", lang, n=len(late) - 1, k=keys))
    return lines


def days_left_text(bill: BillState, today: date, lang: str, *, unit: bool = False) -> str:
    """Days until the record is deleted (``unit``: "1563 d" / "1563 天", for a column whose header has no room
    to say so); "deleted" once its five years are over (never a negative count); "-" while it is unpaid and the
    five years have not started."""
    if bill.record_gone(today):
        return tr("label.record_gone", lang)
    left = bill.record_days_left(today)
    if left is None:
        return "-"
    return tr("label.days_n", lang, n=left) if unit else str(left)
