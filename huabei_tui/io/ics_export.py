"""Due dates as an iCalendar file, so they reach the calendar the user already looks at.

One all-day event per unpaid bill on its due date, with an alarm ``remind_days`` before and one on the day.
UIDs are derived from the bill month only, so importing a newer export updates the same events instead of
adding copies; ``SEQUENCE`` grows with the day of export so calendars accept the update. Written by hand (the
format is small) to RFC 5545: CRLF line ends, lines folded at 75 octets, text escaped.
"""

from __future__ import annotations

from datetime import date

from huabei_tui.domain.dates import add_days
from huabei_tui.domain.money import format_yuan
from huabei_tui.domain.summary import Summary
from huabei_tui.i18n import register, tr

STRINGS: dict[str, tuple[str, str]] = {
    "ics.summary": ("花呗 {month} 账单到期 待还 {amount}", "Huabei bill {month} due: {amount} outstanding"),
    "ics.summary_overdue": ("花呗 {month} 账单已逾期 待还 {amount}", "Huabei bill {month} OVERDUE: {amount} outstanding"),
    "ics.description": ("账单金额 {total}，已还 {paid}，待还 {amount}。到期日当天结束前还款仍算按时。",
                        "Bill {total}, paid {paid}, outstanding {amount}. Paying before the day ends is on time."),
    "ics.alarm_before": ("{days} 天后花呗还款：{amount}", "Huabei payment due in {days} days: {amount}"),
    "ics.alarm_day": ("今天花呗还款：{amount}", "Huabei payment due today: {amount}"),
    "ics.calendar_name": ("花呗还款", "Huabei repayments"),
}
register(STRINGS)

PRODID = "-//huabei-tui//huabei-tui//EN"
EPOCH = date(2014, 1, 1)  # before any Huabei bill: SEQUENCE counts days since then


def _escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")


def _fold(line: str) -> str:
    """Fold a content line at 75 octets without splitting a UTF-8 character (RFC 5545 §3.1)."""
    data = line.encode("utf-8")
    if len(data) <= 75:
        return line
    parts, current, size = [], [], 0
    limit = 75
    for ch in line:
        n = len(ch.encode("utf-8"))
        if size + n > limit:
            parts.append("".join(current))
            current, size, limit = [], 0, 74  # continuation lines start with a space
        current.append(ch)
        size += n
    parts.append("".join(current))
    return "\r\n ".join(parts)


def _day(day: date) -> str:
    return day.strftime("%Y%m%d")


def export_ics(summary: Summary, lang: str, remind_days: int = 3) -> str:
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:{PRODID}",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        f"X-WR-CALNAME:{_escape(tr('ics.calendar_name', lang))}",
    ]
    stamp = f"{_day(summary.today)}T000000Z"
    sequence = (summary.today - EPOCH).days
    for bill in summary.bills:
        if bill.outstanding <= 0:
            continue
        amount = format_yuan(bill.outstanding)
        key = "ics.summary_overdue" if bill.status == "overdue" else "ics.summary"
        title = tr(key, lang, month=str(bill.month), amount=amount)
        description = tr("ics.description", lang, total=format_yuan(bill.amount), paid=format_yuan(bill.paid),
                         amount=amount)
        lines += [
            "BEGIN:VEVENT",
            f"UID:huabei-bill-{bill.month}@huabei-tui",
            f"DTSTAMP:{stamp}",
            f"SEQUENCE:{sequence}",
            f"DTSTART;VALUE=DATE:{_day(bill.due_date)}",
            f"DTEND;VALUE=DATE:{_day(add_days(bill.due_date, 1))}",
            f"SUMMARY:{_escape(title)}",
            f"DESCRIPTION:{_escape(description)}",
            "TRANSP:TRANSPARENT",
            "CATEGORIES:Huabei",
        ]
        if remind_days > 0:
            lines += [
                "BEGIN:VALARM",
                "ACTION:DISPLAY",
                f"DESCRIPTION:{_escape(tr('ics.alarm_before', lang, days=remind_days, amount=amount))}",
                f"TRIGGER:-P{remind_days}D",
                "END:VALARM",
            ]
        lines += [
            "BEGIN:VALARM",
            "ACTION:DISPLAY",
            f"DESCRIPTION:{_escape(tr('ics.alarm_day', lang, amount=amount))}",
            "TRIGGER:PT9H",
            "END:VALARM",
            "END:VEVENT",
        ]
    lines.append("END:VCALENDAR")
    return "\r\n".join(_fold(line) for line in lines) + "\r\n"
