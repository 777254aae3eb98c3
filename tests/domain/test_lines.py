"""Credit lines (花呗, 信用购): names, which line a change goes to, routing by payment method, totals across lines."""

from __future__ import annotations

from datetime import date

import pytest

from huabei_tui.domain.account import Account
from huabei_tui.domain.dates import Month
from huabei_tui.domain.errors import InputError
from huabei_tui.domain.ledger import Ledger
from huabei_tui.domain.lines import (
    CREDIT_PURCHASE,
    HUABEI,
    SKIP,
    CreditLine,
    Lines,
    check_line_name,
    credit_method,
    episodes_with_lines,
    lines_total,
    methods_for_new_line,
    parse_routes,
    unrouted,
)
from huabei_tui.domain.summary import summarize

TWO = Lines((CreditLine(1, "花呗", (HUABEI,)), CreditLine(2, "信用购", (CREDIT_PURCHASE,))))


@pytest.mark.parametrize(("texts", "method"), [
    (("花呗",), HUABEI),
    (("花呗&红包",), HUABEI),
    (("花呗分期(3期)",), HUABEI),
    (("信用购",), CREDIT_PURCHASE),
    (("信用购(兴业银行)",), CREDIT_PURCHASE),
    (("信用购分期（6期）",), CREDIT_PURCHASE),
    (("自动还款-花呗|信用购2025年12月账单", "花呗|信用购"), HUABEI),  # the brand of both: the 花呗 bill
    (("主动还款-信用购2025年12月账单", "信用购"), CREDIT_PURCHASE),
    (("余额宝",), None),
    (("",), None),
])
def test_credit_method_names_the_line_a_row_belongs_to(texts: tuple[str, ...], method: str | None) -> None:
    assert credit_method(*texts) == method


def test_a_new_file_has_one_line_that_takes_huabei_rows() -> None:
    lines = Lines()
    assert lines.names == ["花呗"]
    assert lines.for_method(HUABEI) == lines.first
    assert lines.for_method(CREDIT_PURCHASE) is None


def test_a_change_goes_to_the_only_line_or_must_name_one_of_several() -> None:
    assert Lines().chosen(None).name == "花呗"
    with pytest.raises(InputError) as caught:
        TWO.chosen(None)
    assert caught.value.key == "line.which" and caught.value.params["names"] == "花呗 / 信用购"
    assert TWO.chosen(" 信用购 ").id == 2
    with pytest.raises(InputError) as caught:
        TWO.chosen("借呗")
    assert caught.value.key == "line.unknown"


@pytest.mark.parametrize(("text", "key"), [
    ("", "line.name_empty"), ("   ", "line.name_empty"), ("\x1b[2J", "line.name_empty"),
    ("信用购", "line.name_taken"), ("skip", "line.name_reserved"), ("a=b", "line.name_reserved"),
    ("一二三四五六七八九", "line.name_long"),  # 18 cells
    # Invisible characters make two names that look the same: "信\u200b用购" beside 信用购, a line that
    # --line 信用购 never finds. A name that only differs in how its accents are encoded is the same name.
    ("信\u200b用购", "line.name_invisible"), ("\u2060x", "line.name_invisible"), ("a\ufeffb", "line.name_invisible"),
    ("信用购\u200c", "line.name_invisible"),
])
def test_line_names_are_checked(text: str, key: str) -> None:
    with pytest.raises(InputError) as caught:
        check_line_name(text, TWO)
    assert caught.value.key == key


def test_names_that_look_the_same_are_one_name() -> None:
    one = Lines()
    café = check_line_name("cafe\u0301", one)  # e + combining accent: stored as the one character é
    assert café == "caf\u00e9"
    with_it = Lines((*one.items, CreditLine(2, café)))
    with pytest.raises(InputError) as caught:
        check_line_name("caf\u00e9", with_it)
    assert caught.value.key == "line.name_taken"
    assert with_it.find("cafe\u0301") is with_it.items[1]
    assert check_line_name("👨\u200d👩\u200d👧", one) == "👨\u200d👩\u200d👧"  # a joiner inside an emoji stays


def test_a_name_of_eight_chinese_characters_fits_and_renaming_may_keep_the_name() -> None:
    assert check_line_name(" 一二三四五六七八 ", TWO) == "一二三四五六七八"
    assert check_line_name("信用购", TWO, renaming="信用购") == "信用购"


def test_a_line_named_after_a_method_nobody_takes_takes_it() -> None:
    assert methods_for_new_line("信用购", Lines()) == (CREDIT_PURCHASE,)
    assert methods_for_new_line("信用购", TWO) == ()
    assert methods_for_new_line("家里的", Lines()) == ()


def test_an_answer_moves_a_method_to_one_line() -> None:
    lines = Lines((CreditLine(1, "花呗", (HUABEI,)), CreditLine(2, "B")))
    moved = lines.with_method(HUABEI, "B").with_method(CREDIT_PURCHASE, "花呗")
    assert [line.methods for line in moved.items] == [(CREDIT_PURCHASE,), (HUABEI,)]


def test_routes_from_the_command_line() -> None:
    assert parse_routes(["信用购=花呗", "花呗 = SKIP"], TWO) == {CREDIT_PURCHASE: "花呗", HUABEI: SKIP}
    for bad, key in (("信用购", "line.route_malformed"), ("借呗=花呗", "line.route_malformed"),
                     ("信用购=借呗", "line.unknown")):
        with pytest.raises(InputError) as caught:
            parse_routes([bad], TWO)
        assert caught.value.key == key


def test_unrouted_methods_are_asked_once_each() -> None:
    assert unrouted([HUABEI, CREDIT_PURCHASE, CREDIT_PURCHASE], Lines(), {}) == [CREDIT_PURCHASE]
    assert unrouted([CREDIT_PURCHASE], Lines(), {CREDIT_PURCHASE: SKIP}) == []
    assert unrouted([HUABEI, CREDIT_PURCHASE], TWO, {}) == []


# -- across lines -------------------------------------------------------------------------------------------------

def _summary(limit: int | None, bills: dict[Month, int], today: date, statement_day: int = 1, due_day: int = 10):
    account = Account(limit=limit, statement_day=statement_day, due_day=due_day)
    return summarize(Ledger(account=account, manual_bills=bills), today)


def test_two_lines_due_the_same_day_are_both_due_next() -> None:
    today = date(2025, 9, 5)
    huabei = _summary(800000, {Month(2025, 9): 200000}, today)
    credit = _summary(500000, {Month(2025, 9): 30000}, today)
    total = lines_total([("花呗", huabei), ("信用购", credit)])
    assert [(item.line, item.bill.due_date, item.bill.outstanding) for item in total.due_next] == [
        ("花呗", date(2025, 9, 10), 200000), ("信用购", date(2025, 9, 10), 30000)]
    assert (total.used, total.limit, total.available) == (230000, 1300000, 1070000)
    assert total.overdue == ()


def test_only_the_line_due_first_is_due_next_and_each_line_keeps_its_own_cycle() -> None:
    today = date(2025, 9, 5)
    huabei = _summary(800000, {Month(2025, 9): 200000}, today)  # due 09-10
    credit = _summary(500000, {Month(2025, 9): 30000}, today, statement_day=5, due_day=25)  # due 09-25
    total = lines_total([("花呗", huabei), ("信用购", credit)])
    assert [item.line for item in total.due_next] == ["花呗"]
    assert credit.next_bill is not None and credit.next_bill.due_date == date(2025, 9, 25)


def test_a_line_without_a_limit_leaves_the_total_limit_unknown() -> None:
    today = date(2025, 9, 5)
    total = lines_total([("花呗", _summary(None, {Month(2025, 9): 100}, today)),
                         ("信用购", _summary(500000, {}, today))])
    assert (total.used, total.limit, total.available) == (100, None, None)


def test_overdue_bills_of_every_line_with_their_line_on_a_leap_day() -> None:
    today = date(2028, 2, 29)
    huabei = _summary(800000, {Month(2028, 1): 10000}, today)  # due 2028-01-10: 50 days late
    credit = _summary(500000, {Month(2028, 2): 20000}, today, statement_day=1, due_day=28)  # due 02-28: 1 day late
    total = lines_total([("花呗", huabei), ("信用购", credit)])
    assert [(item.line, str(item.bill.month), item.bill.overdue_days) for item in total.overdue] == [
        ("花呗", "2028-01", 50), ("信用购", "2028-02", 1)]
    assert total.due_next == ()
    episodes = episodes_with_lines([("信用购", credit), ("花呗", huabei)])
    assert [(item.line, item.bill.due_date) for item in episodes] == [
        ("花呗", date(2028, 1, 10)), ("信用购", date(2028, 2, 28))]
