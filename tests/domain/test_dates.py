"""Calendar values: parsing dates, months and days of month; month arithmetic; Shanghai calendar dates."""

from __future__ import annotations

import contextlib
from datetime import UTC, date, datetime, timedelta, timezone

import arrow
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from huabei_tui.domain.dates import (
    Month,
    add_days,
    add_years,
    days_between,
    iso,
    parse_date,
    parse_day_of_month,
    parse_month,
    shanghai_date,
)
from huabei_tui.domain.errors import InputError


@pytest.mark.parametrize(
    "text",
    ["2025-07-13", "2025/7/13", "2025.07.13", "2025年7月13日", "2025年07月13", "20250713", " 2025-07-13 ",
     "２０２５－０７－１３"],
)
def test_parse_date_accepts(text: str) -> None:
    assert parse_date(text) == date(2025, 7, 13)


def test_parse_date_leap_day() -> None:
    assert parse_date("2028-02-29") == date(2028, 2, 29)
    assert parse_date("2000-02-29") == date(2000, 2, 29)


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("2025-02-29", "date.no_such_day"),  # not a leap year
        ("2100-02-29", "date.no_such_day"),  # century, not a leap year
        ("2025-02-30", "date.no_such_day"),
        ("2025-04-31", "date.no_such_day"),
        ("2025-13-01", "date.no_such_day"),
        ("2025-00-10", "date.no_such_day"),
        ("2025-01-00", "date.no_such_day"),
        ("1999-12-31", "date.year_range"),
        ("2101-01-01", "date.year_range"),
        ("garbage", "date.malformed"),
        ("2025-7", "date.malformed"),
        ("25-07-13", "date.malformed"),
        ("2025-07-13T10:00", "date.malformed"),
        ("", "date.empty"), ("  ", "date.empty"),
    ],
)
def test_parse_date_refuses(text: str, key: str) -> None:
    with pytest.raises(InputError) as caught:
        parse_date(text, field="on")
    assert (caught.value.field, caught.value.key) == ("on", key)


@pytest.mark.parametrize("text", ["2025-04", "2025/4", "2025.04", "2025年04月", "2025年4月", "202504", "２０２５－０４"])
def test_parse_month_accepts(text: str) -> None:
    assert parse_month(text) == Month(2025, 4)


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("2025-13", "month.malformed"),
        ("2025-00", "month.malformed"),
        ("202513", "month.malformed"),
        ("2025-04-01", "month.malformed"),
        ("April", "month.malformed"),
        ("", "month.empty"), ("　", "month.empty"),
        ("1999-12", "date.year_range"),
        ("2101-01", "date.year_range"),
    ],
)
def test_parse_month_refuses(text: str, key: str) -> None:
    with pytest.raises(InputError) as caught:
        parse_month(text)
    assert (caught.value.field, caught.value.key) == ("month", key)


@pytest.mark.parametrize(("text", "day"), [("1", 1), ("28", 28), (" 15 ", 15), ("０５", 5), (7, 7), ("01", 1)])
def test_parse_day_of_month_accepts(text: str | int, day: int) -> None:
    assert parse_day_of_month(text, field="due_day") == day


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("0", "day.range"),
        ("29", "day.range"),
        ("31", "day.range"),
        pytest.param("9" * 5000, "day.range", id="5000-digits"),  # longer than int() converts by default
        ("x", "day.malformed"),
        ("-1", "day.malformed"),
        ("1.5", "day.malformed"),
        ("", "day.malformed"),
        pytest.param("\U00010a40", "number.not_digit", id="kharosthi-digit"),  # a "digit" int() refuses
    ],
)
def test_parse_day_of_month_refuses(text: str, key: str) -> None:
    with pytest.raises(InputError) as caught:
        parse_day_of_month(text, field="statement_day")
    assert (caught.value.field, caught.value.key) == ("statement_day", key)


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=30))
def test_date_parsers_only_raise_input_error(text: str) -> None:
    for parse in (parse_date, parse_month, lambda t: parse_day_of_month(t, field="due_day")):
        with contextlib.suppress(InputError):
            parse(text)


# -- Month ------------------------------------------------------------------------------------------------------

@pytest.mark.parametrize(
    ("start", "shift", "end"),
    [
        (Month(2025, 12), 1, Month(2026, 1)),
        (Month(2026, 1), -1, Month(2025, 12)),
        (Month(2025, 1), -13, Month(2023, 12)),
        (Month(2025, 11), 14, Month(2027, 1)),
        (Month(2025, 6), 0, Month(2025, 6)),
        (Month(2025, 6), -24, Month(2023, 6)),
        (Month(2025, 6), 60, Month(2030, 6)),
    ],
)
def test_month_shift_across_year_ends(start: Month, shift: int, end: Month) -> None:
    assert start.shift(shift) == end
    assert end - start == shift


def test_month_basics() -> None:
    assert str(Month(2025, 4)) == "2025-04"
    assert Month.of(date(2025, 4, 30)) == Month(2025, 4)
    assert Month(2024, 12) < Month(2025, 1)
    assert sorted([Month(2025, 1), Month(2024, 12), Month(2024, 2)])[0] == Month(2024, 2)
    assert Month(2024, 2).first_day == date(2024, 2, 1)
    assert Month(2024, 2).last_day == date(2024, 2, 29)
    assert Month(2025, 2).last_day == date(2025, 2, 28)
    assert Month(2025, 12).last_day == date(2025, 12, 31)
    with pytest.raises(ValueError):
        Month(2025, 13)


@pytest.mark.parametrize(
    ("month", "day", "expected"),
    [
        (Month(2025, 4), 31, date(2025, 4, 30)),
        (Month(2025, 2), 30, date(2025, 2, 28)),
        (Month(2024, 2), 30, date(2024, 2, 29)),
        (Month(2025, 1), 31, date(2025, 1, 31)),
        (Month(2025, 1), 1, date(2025, 1, 1)),
    ],
)
def test_month_day_clamps_to_last_day(month: Month, day: int, expected: date) -> None:
    assert month.day(day) == expected


def test_add_days_and_days_between() -> None:
    assert add_days(date(2025, 12, 31), 1) == date(2026, 1, 1)
    assert add_days(date(2024, 3, 1), -1) == date(2024, 2, 29)
    assert days_between(date(2025, 7, 10), date(2025, 7, 15)) == 5
    assert days_between(date(2025, 7, 15), date(2025, 7, 10)) == -5


@pytest.mark.parametrize(
    ("start", "years", "expected"),
    [
        (date(2028, 2, 29), 5, date(2033, 2, 28)),
        (date(2024, 2, 29), 5, date(2029, 2, 28)),
        (date(2024, 2, 29), 4, date(2028, 2, 29)),
        (date(2025, 7, 15), 5, date(2030, 7, 15)),
        (date(2025, 12, 31), 5, date(2030, 12, 31)),
    ],
)
def test_add_years_feb_29_becomes_feb_28(start: date, years: int, expected: date) -> None:
    assert add_years(start, years) == expected


@pytest.mark.parametrize(
    ("moment", "expected"),
    [
        (datetime(2025, 6, 30, 16, 30, tzinfo=UTC), date(2025, 7, 1)),
        (datetime(2025, 6, 30, 15, 59, tzinfo=UTC), date(2025, 6, 30)),
        (datetime(2025, 6, 30, 16, 0, tzinfo=UTC), date(2025, 7, 1)),
        (datetime(2025, 12, 31, 16, 30, tzinfo=UTC), date(2026, 1, 1)),
        (datetime(2025, 7, 1, 0, 30), date(2025, 7, 1)),  # naive: Shanghai wall time
        (datetime(2025, 7, 1, 0, 30, tzinfo=timezone(timedelta(hours=-8))), date(2025, 7, 1)),
        (datetime(2025, 7, 1, 9, 30, tzinfo=timezone(timedelta(hours=-8))), date(2025, 7, 2)),
        (arrow.get("2025-06-30T16:30:00+00:00"), date(2025, 7, 1)),
        ("2025-06-30T16:30Z", date(2025, 7, 1)),
        ("2025-06-30T16:30:00+00:00", date(2025, 7, 1)),
        ("2025-06-30T23:59:00+08:00", date(2025, 6, 30)),
        ("2025-07-01 00:30", date(2025, 7, 1)),  # no offset: Shanghai wall time
        ("2025-07-01 00:30:00", date(2025, 7, 1)),
    ],
)
def test_shanghai_date(moment: object, expected: date) -> None:
    assert shanghai_date(moment) == expected  # type: ignore[arg-type]


def test_iso() -> None:
    assert iso(date(2025, 7, 1)) == "2025-07-01"
    assert iso(None) is None
