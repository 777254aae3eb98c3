"""Bills and payments as CSV for spreadsheets.

UTF-8 with a byte-order mark, because Excel on Chinese Windows opens BOM-less UTF-8 as GBK and garbles every
Chinese header. Amounts are plain two-decimal numbers so a spreadsheet can sum them. A text cell the user typed (a
credit line's name) that starts like a formula (``=``, ``+``, ``-``, ``@``, a tab or a carriage return) gets a
leading ``'``: Excel and LibreOffice would otherwise run ``@SUM(A1)`` or ``+1+2`` as a formula when the file is
opened (CSV injection).
"""

from __future__ import annotations

import csv
import io
import re

from huabei_tui.domain.dates import iso
from huabei_tui.domain.ledger import Ledger
from huabei_tui.domain.money import format_money
from huabei_tui.domain.summary import Summary
from huabei_tui.i18n import tr

#: What a spreadsheet reads as the start of a formula (OWASP's list for CSV injection).
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
#: A plain number such as ``-12.50`` is data, not a formula, and must stay summable.
_NUMBER = re.compile(r"^-?\d+(\.\d+)?$")

COLUMNS = ("type", "month", "date", "amount", "paid", "outstanding", "status", "overdue_days", "fee", "settled_on",
           "record_expires_on", "source")


def export_csv(summary: Summary, ledger: Ledger, lang: str) -> str:
    """One row per bill (dated by its due date) and one per payment, in date order; returns text (``exports``
    puts the byte-order mark in front)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([tr(f"csv.{c}", lang) for c in COLUMNS])
    writer.writerows(_rows(summary, ledger, lang))
    return out.getvalue()


def export_csv_lines(lines: list[tuple[str, Summary, Ledger]], lang: str) -> str:
    """Every credit line's bills and payments in one sheet, the line's name first on each row (so a spreadsheet
    can filter or pivot by it); each line's rows in date order, the lines in their own order."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([tr("csv.line", lang), *(tr(f"csv.{c}", lang) for c in COLUMNS)])
    for name, summary, ledger in lines:
        writer.writerows([inert_cell(name), *row] for row in _rows(summary, ledger, lang))
    return out.getvalue()


def _rows(summary: Summary, ledger: Ledger, lang: str) -> list[list]:
    rows: list[tuple] = []
    for b in summary.bills:
        rows.append((b.due_date, 0, [
            tr("csv.bill", lang), str(b.month), iso(b.due_date), format_money(b.amount), format_money(b.paid),
            format_money(b.outstanding), tr(f"status.{b.status}", lang), b.overdue_days, format_money(b.fee),
            iso(b.settled_on) or "", iso(b.record_expires_on) or "", tr(f"label.source.{b.source}", lang),
        ]))
    for p in ledger.payments:
        if p.on > summary.today:
            continue
        rows.append((p.on, 1, [
            tr("csv.payment", lang), str(p.month), iso(p.on), format_money(p.amount), "", "", "", "", "", "", "",
            tr(f"label.source.{p.source}", lang),
        ]))
    return [row for _day, _order, row in sorted(rows, key=lambda r: (r[0], r[1]))]


def inert_cell(text: str) -> str:
    """``text`` as a cell no spreadsheet runs: a leading ``'`` when it starts like a formula and is not a number."""
    if text.startswith(_FORMULA_START) and not _NUMBER.match(text):
        return "'" + text
    return text
