"""Every credit line at once, as data: the block the status shows when a file holds 花呗 and 信用购 together.

One row per line (the bill to pay on it, when it is due, what it needs, what is available), then the bill due
next across lines — every line due that day, since two lines can fall due the same day — and the totals. The
status screen draws the block above the chosen line's panels; ``huabei status`` prints it before each line's
own status; ``huabei line list`` prints the lines table. A line column appears only where lines are listed
together (``Snapshot.several_lines``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from huabei_tui.domain.shell_words import shell_quote
from huabei_tui.i18n import tr
from huabei_tui.views.blocks import Line, Phrase, Table, line, plain_lines
from huabei_tui.views.phrases import due_phrase, yuan
from huabei_tui.views.status import urgency_role

if TYPE_CHECKING:
    from pathlib import Path

    from huabei_tui.domain.lines import Lines
    from huabei_tui.session.snapshot import AllLines


#: The line a second one usually is: what Alipay shows beside 花呗 (its name routes imported rows to it).
SECOND_LINE = "信用购"


def add_line_command(profile: str | None = None, db: Path | None = None) -> str:
    """The command that adds a second line to the file the app has open: ``--profile`` or ``--db`` when one
    chose it, nothing for the default file. The path is quoted for the shell by ``shell_quote``: a name holding a
    control character is written with escapes (``$'…\\e…'``), which the toast shows as they are, where a control
    character kept as it is would be dropped from the toast and the command would name another file."""
    option = f" --profile {profile}" if profile else f" --db {shell_quote(str(db))}" if db is not None else ""
    return f"huabei{option} line add {SECOND_LINE}"


def one_line_hint(name: str, lang: str, keys: Any = None, *, demo: bool = False, profile: str | None = None,
                  db: Path | None = None) -> str:
    """What the line switcher says when the file holds one line (``name``): nothing to switch to, and the
    command that adds a second one (lines are added on the command line only; on the demo, to one's own file)."""
    key = "msg.one_line.demo" if demo else "msg.one_line"
    command = add_line_command() if demo else add_line_command(profile, db)
    return tr(key, lang, name=name, command=command, k=keys)


def _list_sep(lang: str) -> str:
    return "、" if lang == "zh" else ", "


def lines_block(every: AllLines, lang: str, current: str | None = None) -> tuple[str, list[Line]]:
    """The title and lines of the block: the table (the row of ``current`` marked ▶), the due-next sentence,
    the overdue bills of every line, the totals."""
    rows: list[tuple[str, ...]] = []
    roles: list[str] = []
    for snapshot in every.snapshots:
        summary = snapshot.summary
        bill = summary.most_urgent_bill
        mark = "▶ " if current is not None and snapshot.line == current else ("  " if current is not None else "")
        if bill is None:
            rows.append((mark + snapshot.line, "-", "-", "-", "-", yuan(summary.available, lang)))
            roles.append("")
            continue
        when = bill.due_date.isoformat() if bill.days_to_due >= 0 else due_phrase(bill, lang)
        rows.append((mark + snapshot.line, str(bill.month), when, yuan(bill.outstanding, lang),
                     yuan(bill.minimum, lang), yuan(summary.available, lang)))
        roles.append(urgency_role(bill.days_to_due))
    headers = tuple(tr(f"lines.col_{name}", lang)
                    for name in ("line", "bill", "due", "outstanding", "minimum", "available"))
    table = Table(headers, ("left", "left", "left", "right", "right", "right"), tuple(rows), tuple(roles))
    out: list[Line] = [*table.lines(rule=True)]
    total = every.total
    if total.due_next:
        first = total.due_next[0].bill
        items = _list_sep(lang).join(
            tr("lines.due_item", lang, line=item.line, amount=yuan(item.bill.outstanding, lang))
            for item in total.due_next)
        if len(total.due_next) > 1:
            items += tr("lines.due_sum", lang, amount=yuan(sum(i.bill.outstanding for i in total.due_next), lang))
        out.append(line(Phrase(tr("lines.due_next", lang, date=first.due_date.isoformat(),
                                  when=due_phrase(first, lang), items=items), urgency_role(first.days_to_due))))
    elif not total.overdue:
        out.append(line(tr("lines.nothing_due", lang)))
    if total.overdue:
        items = _list_sep(lang).join(f"{item.line} {item.bill.month} {yuan(item.bill.outstanding, lang)}"
                                     for item in total.overdue)
        out.append(line(Phrase(tr("lines.overdue", lang, items=items), "alert")))
    out.append(line(tr("lines.total", lang, used=yuan(total.used, lang), limit=yuan(total.limit, lang),
                       available=yuan(total.available, lang))))
    return tr("lines.title", lang, count=len(every.snapshots)), out


def lines_status_lines(every: AllLines, lang: str) -> list[str]:
    """The block as ``huabei status`` prints it (before each line's own status)."""
    title, lines = lines_block(every, lang)
    return [f"[{title}]", *plain_lines(lines)]


def line_heading(name: str, lang: str) -> str:
    return tr("lines.heading", lang, name=name)


def lines_table(every: AllLines, lines: Lines, lang: str) -> list[str]:
    """``huabei line list``: each line's name, limit, used, available, bills and the payment methods it takes."""
    headers = tuple(tr(f"lines.col_{name}", lang)
                    for name in ("line", "limit", "used", "available", "bills", "imports"))
    rows = tuple((s.line, yuan(s.summary.account.limit, lang), yuan(s.summary.used, lang),
                  yuan(s.summary.available, lang), str(len(s.summary.bills)), "、".join(item.methods) or "-")
                 for s, item in zip(every.snapshots, lines.items, strict=True))
    table = Table(headers, ("left", "right", "right", "right", "right", "left"), rows)
    return plain_lines(table.lines(rule=True))
