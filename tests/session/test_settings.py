"""One reading of typed settings for the CLI and the form, and the form's lost-update check."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from huabei_tui.domain.account import Account
from huabei_tui.domain.errors import InputError
from huabei_tui.session.settings import (
    FORM_SETTINGS,
    SETTINGS,
    UNSET,
    Conflict,
    changed,
    current_values,
    find_conflicts,
    parse_setting,
    parse_settings,
    value_text,
)

TODAY = date(2025, 9, 1)
ACCOUNT = Account(limit=800_000, statement_day=1, due_day=10, auto_repay=True, balance=12_345,
                  opened=date(2024, 1, 2), fee_rate=Decimal("0.05"))


def test_parse_settings_reads_every_given_option_and_skips_the_rest() -> None:
    texts = {"limit": "¥8,000", "statement_day": "１", "due_day": None, "auto_repay": "off", "balance": "0",
             "opened": "2024/1/2", "fee_rate": "0.05%"}
    assert parse_settings(texts, TODAY) == {"limit": 800_000, "statement_day": 1, "auto_repay": False, "balance": 0,
                                            "opened": date(2024, 1, 2), "fee_rate": Decimal("0.05")}


@pytest.mark.parametrize(("name", "text", "key"), [
    ("limit", "²000", "number.not_digit"),
    ("fee_rate", "²", "number.not_digit"),
    ("due_day", "①", "number.not_digit"),
    ("balance", "٣", "number.not_digit"),
    ("opened", "2024-01-𝟐", "number.not_digit"),
    ("opened", "2025-09-02", "date.in_future"),
    ("limit", "", "money.empty"),  # the CLI has no blank: clearing is the form's
    ("auto_repay", "maybe", "onoff.malformed"),
])
def test_parse_setting_refuses_naming_the_setting(name: str, text: str, key: str) -> None:
    with pytest.raises(InputError) as caught:
        parse_setting(name, text, TODAY)
    assert (caught.value.field, caught.value.key) == (name, key)


def test_the_first_refusal_stops_the_whole_reading() -> None:
    with pytest.raises(InputError) as caught:
        parse_settings({"limit": "5000", "due_day": "29"}, TODAY)
    assert caught.value.field == "due_day"


@pytest.mark.parametrize("name", ["limit", "opened", "auto_repay", "balance"])
def test_the_form_clears_an_optional_setting_with_a_blank(name: str) -> None:
    blank = UNSET if name == "auto_repay" else "  "
    assert parse_setting(name, blank, TODAY, blank_clears=True) is None


@pytest.mark.parametrize("name", ["statement_day", "due_day", "fee_rate"])
def test_a_required_setting_cannot_be_blank_even_in_the_form(name: str) -> None:
    with pytest.raises(InputError):
        parse_setting(name, "", TODAY, blank_clears=True)


@pytest.mark.parametrize("account", [ACCOUNT, Account()], ids=["filled", "defaults"])
def test_what_the_form_shows_reads_back_as_the_same_values(account: Account) -> None:
    values = current_values(account, SETTINGS)
    texts = {name: value_text(name, values[name]) for name in SETTINGS}
    assert parse_settings(texts, TODAY, blank_clears=True) == values
    assert changed(parse_settings(texts, TODAY, blank_clears=True), values) == {}


def test_changed_keeps_only_real_changes_however_they_are_typed() -> None:
    started = current_values(ACCOUNT)
    assert set(started) == set(FORM_SETTINGS)
    typed = {**started, "limit": parse_setting("limit", "8000", TODAY), "fee_rate": Decimal("0.050"),
             "due_day": 12}
    assert changed(typed, started) == {"due_day": 12}


def test_find_conflicts_only_for_changed_settings_that_moved_elsewhere() -> None:
    started = current_values(ACCOUNT)
    now = Account.with_changes(ACCOUNT, limit=500_000, fee_rate=Decimal("0.04"), due_day=12)
    changes = {"limit": 900_000, "due_day": 12, "auto_repay": False}
    assert find_conflicts(now, changes, started) == [Conflict("limit", 800_000, 500_000, 900_000)]
    assert find_conflicts(ACCOUNT, changes, started) == []  # nothing moved
    assert find_conflicts(now, changes, {}) == []  # no starting values: nothing to compare
