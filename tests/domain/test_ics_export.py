"""The ICS export, written by the icalendar library: read back with icalendar, it says what the old writer said.

Stable UIDs, a growing SEQUENCE, all-day events on the Shanghai due date, alarms before and on the day, and text
that survives commas, semicolons, backslashes, newlines and long CJK titles.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import icalendar
import pytest

from huabei_tui.domain.dates import Month
from huabei_tui.domain.ledger import Ledger
from huabei_tui.domain.summary import summarize
from huabei_tui.io.ics_export import export_ics

TODAY = date(2028, 2, 25)


def calendar_for(manual: dict[Month, int], today: date = TODAY, lang: str = "zh", days: int = 3) -> icalendar.Calendar:
    text = export_ics(summarize(Ledger(manual_bills=manual), today), lang, days)
    return icalendar.Calendar.from_ical(text)


def test_calendar_properties_and_shanghai_zone() -> None:
    calendar = calendar_for({Month(2028, 2): 100_00})
    assert str(calendar["VERSION"]) == "2.0" and str(calendar["PRODID"]) == "-//huabei-tui//huabei-tui//EN"
    assert str(calendar["X-WR-TIMEZONE"]) == "Asia/Shanghai"
    assert str(calendar["X-WR-CALNAME"]) == "花呗还款"


def test_an_all_day_event_ending_on_a_leap_day_with_a_utc_stamp() -> None:
    # Due day 28 (days are 1–28): the event ends the next day, 29 February 2028.
    from huabei_tui.domain.account import Account

    ledger = Ledger(account=Account(statement_day=1, due_day=28), manual_bills={Month(2028, 2): 12_345})
    calendar = icalendar.Calendar.from_ical(export_ics(summarize(ledger, TODAY), "en", 3))
    (event,) = calendar.walk("VEVENT")
    assert event.decoded("DTSTART") == date(2028, 2, 28)
    assert event.decoded("DTEND") == date(2028, 2, 29)
    assert event.decoded("DTSTAMP") == datetime(2028, 2, 25, tzinfo=UTC)
    assert str(event["UID"]) == "huabei-bill-2028-02@huabei-tui"
    assert int(event["SEQUENCE"]) == (TODAY - date(2014, 1, 1)).days
    assert [str(c) for c in event.get("CATEGORIES").cats] == ["Huabei"]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_alarms_before_and_at_nine_on_the_day(lang: str) -> None:
    (event,) = calendar_for({Month(2028, 3): 5_000}, lang=lang, days=5).walk("VEVENT")
    triggers = sorted(alarm.decoded("TRIGGER") for alarm in event.walk("VALARM"))
    assert triggers == [timedelta(days=-5), timedelta(hours=9)]
    descriptions = [str(alarm["DESCRIPTION"]) for alarm in event.walk("VALARM")]
    assert all("¥50.00" in text for text in descriptions)


def test_text_survives_the_round_trip() -> None:
    (event,) = calendar_for({Month(2028, 3): 1_234_567_89}, lang="en").walk("VEVENT")
    assert str(event["SUMMARY"]) == "Huabei bill 2028-03 due: ¥1,234,567.89 outstanding"
    assert str(event["DESCRIPTION"]).startswith("Bill ¥1,234,567.89, paid ¥0.00, outstanding ¥1,234,567.89.")


def test_paid_bills_have_no_event() -> None:
    assert calendar_for({}).walk("VEVENT") == []
