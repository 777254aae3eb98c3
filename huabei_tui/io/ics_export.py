"""Due dates as an iCalendar file, so they reach the calendar the user already looks at.

One all-day event per unpaid bill on its due date, with an alarm ``remind_days`` before and one on the day; its
description names the minimum payment that keeps the record clean. A bill whose minimum was paid on time is not
due any more: its event (same UID, so it replaces the "due" one in the calendar) says so, with no alarm, and names
the bill its remainder moves into. Bills carried over or split into instalments have nothing outstanding, like
paid ones, and get no event.
UIDs are derived from the bill month (and, for every credit line but the first, the line's id, which a rename
keeps), so importing a newer export updates the same events instead of adding copies, and two lines' calendars
imported side by side do not replace each other's events; ``SEQUENCE`` grows with the day of export so calendars accept the update. The dates are Shanghai
calendar days (all-day ``VALUE=DATE`` events, which no time zone can move to another day), and the calendar says
``X-WR-TIMEZONE:Asia/Shanghai`` so the on-the-day alarm rings at 09:00 Shanghai time in calendars that honour it.

The file is written by the ``icalendar`` library, which knows RFC 5545 (escaping, 75-octet folding without
splitting a character, CRLF, property parameters) better than a hand-written writer can keep up with.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from icalendar import Alarm, Calendar, Event

from huabei_tui.domain.billing import next_statement_date
from huabei_tui.domain.bills import BillState
from huabei_tui.domain.dates import add_days
from huabei_tui.domain.money import format_yuan
from huabei_tui.domain.summary import Summary
from huabei_tui.i18n import tr

PRODID = "-//huabei-tui//huabei-tui//EN"
EPOCH = date(2014, 1, 1)  # before any Huabei bill: SEQUENCE counts days since then
TIMEZONE = "Asia/Shanghai"
#: The on-the-day alarm: 09:00 of the (all-day) due date.
ALARM_ON_THE_DAY = timedelta(hours=9)


def _texts(bill: BillState, statement_day: int, lang: str) -> tuple[str, str]:
    """The title and description of ``bill``'s event (it has money outstanding)."""
    amount = format_yuan(bill.outstanding)
    if bill.status == "minimum_paid":
        params = {"month": str(bill.month), "amount": amount, "next": str(bill.month.shift(1)),
                  "on": next_statement_date(bill.month, statement_day).isoformat(),
                  "per_day": format_yuan(bill.interest_per_day)}
        return tr("ics.summary_minimum_paid", lang, **params), tr("ics.description_minimum_paid", lang, **params)
    key = "ics.summary_overdue" if bill.status == "overdue" else "ics.summary"
    title = tr(key, lang, month=str(bill.month), amount=amount)
    at_least = bill.minimum_left
    clean_for_less = bill.status == "unpaid" and 0 < at_least < bill.outstanding
    description = tr("ics.description_minimum" if clean_for_less else "ics.description", lang,
                     total=format_yuan(bill.amount), paid=format_yuan(bill.paid), amount=amount,
                     minimum=format_yuan(at_least))
    return title, description


def event_uid(month: object, line_id: int = 1) -> str:
    """The first line keeps the UIDs it always had (calendars already hold them); another line's name its id."""
    line = "" if line_id == 1 else f"-line{line_id}"
    return f"huabei-bill-{month}{line}@huabei-tui"


def export_ics(summary: Summary, lang: str, remind_days: int = 3, *, line_id: int = 1, line: str | None = None) -> str:
    """``line`` (the line's name, given when the file has several) goes into the calendar's name and each title."""
    name = tr("ics.calendar_name", lang)
    calendar = _calendar(name if line is None else f"{name} · {line}")
    _add_events(calendar, summary, lang, remind_days, line_id, line)
    return calendar.to_ical().decode("utf-8")


def export_ics_lines(lines: list[tuple[int, str | None, Summary]], lang: str, remind_days: int = 3) -> str:
    """Every credit line's due bills in one calendar, each title naming its line. The events keep the UIDs of the
    one-line calendars (``event_uid``), so importing this over them updates the same events instead of adding
    copies."""
    calendar = _calendar(tr("ics.calendar_name", lang))
    for line_id, line, summary in lines:
        _add_events(calendar, summary, lang, remind_days, line_id, line)
    return calendar.to_ical().decode("utf-8")


def _calendar(name: str) -> Calendar:
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", TIMEZONE)
    return calendar


def _add_events(calendar: Calendar, summary: Summary, lang: str, remind_days: int, line_id: int,
                line: str | None) -> None:
    today = summary.today
    stamp = datetime(today.year, today.month, today.day, tzinfo=UTC)
    sequence = (today - EPOCH).days
    for bill in summary.bills:
        if bill.outstanding <= 0:
            continue
        amount = format_yuan(bill.outstanding)
        title, description = _texts(bill, summary.account.statement_day, lang)
        if line is not None:
            title = f"{title} · {line}"
        event = Event()
        event.add("uid", event_uid(bill.month, line_id))
        event.add("dtstamp", stamp)
        event.add("sequence", sequence)
        event.add("dtstart", bill.due_date)
        event.add("dtend", add_days(bill.due_date, 1))
        event.add("summary", title)
        event.add("description", description)
        event.add("transp", "TRANSPARENT")
        event.add("categories", ["Huabei"])
        if bill.status == "minimum_paid":  # nothing to do by a date: the event only replaces the "due" one
            calendar.add_component(event)
            continue
        if remind_days > 0:
            event.add_component(_alarm(tr("ics.alarm_before", lang, days=remind_days, amount=amount),
                                       timedelta(days=-remind_days)))
        event.add_component(_alarm(tr("ics.alarm_day", lang, amount=amount), ALARM_ON_THE_DAY))
        calendar.add_component(event)


def _alarm(text: str, trigger: timedelta) -> Alarm:
    alarm = Alarm()
    alarm.add("action", "DISPLAY")
    alarm.add("description", text)
    alarm.add("trigger", trigger)
    return alarm
