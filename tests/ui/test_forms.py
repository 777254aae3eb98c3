"""The shared form dialog through Pilot at 80×24: a refused value is pointed at, in view, and nothing is saved."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from pathlib import Path

import pytest
from textual.widget import Widget
from textual.widgets import Input, Select

from huabei_tui.domain.dates import Month
from huabei_tui.ui.app import HuabeiApp
from huabei_tui.ui.dialogs.form import FormDialog
from huabei_tui.ui.dialogs.forms import balance_dialog, bill_dialog, pay_dialog, settings_dialog
from support.tui import TODAY, demo_data_app

#: Each dialog with its fields but the last valid (bill and payment opened for a month, as from the calendar).
DIALOGS: dict[str, Callable[[HuabeiApp], FormDialog]] = {
    "settings": settings_dialog,
    "balance": balance_dialog,
    "bill": lambda app: bill_dialog(app, Month.of(TODAY).shift(1)),
    "pay": lambda app: pay_dialog(app, Month.of(TODAY).shift(-1), 100),
}


def run(app: HuabeiApp, scenario: Callable[..., Awaitable[None]]) -> None:
    async def go() -> None:
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            await scenario(pilot)

    asyncio.run(go())


def dialog(app: HuabeiApp) -> FormDialog:
    assert isinstance(app.screen, FormDialog)
    return app.screen


def in_view(form: FormDialog, widget: Widget) -> bool:
    """Whether all of ``widget`` is on the screen: inside the dialog, and inside the fields' scrolled view when it
    is one of the fields' widgets."""
    if not widget.region:
        return False
    fields = form.query_one("#form-fields")
    area = fields.scrollable_content_region if widget in fields.walk_children() else form.query_one("#form").region
    return area.contains_region(widget.region)


def assert_pointed_at(app: HuabeiApp, name: str, *expected: str) -> None:
    form = dialog(app)
    error = form.query_one(f"#error-{name}")
    text = str(error.content)
    assert all(part in text for part in expected), text
    assert app.focused is form.query_one(f"#field-{name}")
    for widget in (form.query_one(f"#label-{name}"), form.query_one(f"#field-{name}"), error):
        assert in_view(form, widget), (widget, widget.region, form.query_one("#form-fields").scrollable_content_region)


async def type_into(pilot, text: str) -> None:
    await pilot.press("ctrl+a", "ctrl+k", *text)


async def settle(pilot) -> None:
    for _ in range(3):
        await pilot.pause()


def test_settings_error_on_the_last_field_is_scrolled_into_view(tmp_path: Path) -> None:
    app = demo_data_app(tmp_path, "en")
    before = app.repo.path.read_bytes()

    async def scenario(pilot) -> None:
        await pilot.press("s")
        await pilot.pause()
        form = dialog(app)
        await pilot.press(*["tab"] * 6)  # limit, the day pair, the two days, auto-repay, opened, fee rate
        await pilot.pause()
        assert app.focused is form.query_one("#field-fee_rate")
        await type_into(pilot, "abc")
        await pilot.press("enter")
        await settle(pilot)
        assert app.screen is form  # still open
        assert_pointed_at(app, "fee_rate", "abc", "is not a daily rate")
        assert "fee rate:" not in str(dialog(app).query_one("#error-fee_rate").content)  # it is under that field

    run(app, scenario)
    assert app.repo.path.read_bytes() == before


def test_settings_future_opening_date_refused_by_the_rules_is_in_view(tmp_path: Path) -> None:
    """A refusal from ``on_save`` (not from a field's parser) is pointed at the same way."""
    app = demo_data_app(tmp_path, "en")
    before = app.repo.path.read_bytes()
    future = TODAY.replace(year=TODAY.year + 1).isoformat()

    async def scenario(pilot) -> None:
        await pilot.press("s")
        await pilot.pause()
        await pilot.press(*["tab"] * 5)
        await type_into(pilot, future)
        await pilot.press("enter")
        await settle(pilot)
        assert_pointed_at(app, "opened", future)

    run(app, scenario)
    assert app.repo.path.read_bytes() == before


def test_first_invalid_field_above_the_view_is_scrolled_back_to(tmp_path: Path) -> None:
    """Errors on the first and the last field, submitted from the last: the first gets the focus and its label,
    field and message come back into view."""
    app = demo_data_app(tmp_path, "en")
    before = app.repo.path.read_bytes()

    async def scenario(pilot) -> None:
        await pilot.press("s")
        await pilot.pause()
        await type_into(pilot, "lots")
        await pilot.press(*["tab"] * 6)
        await type_into(pilot, "abc")
        await pilot.press("enter")
        await settle(pilot)
        form = dialog(app)
        assert "abc" in str(form.query_one("#error-fee_rate").content)
        assert_pointed_at(app, "limit", "lots")
        # Fixing the first and submitting again moves on to the last, below the view.
        form.query_one("#field-limit", Input).value = "5000"
        await pilot.press("enter")
        await settle(pilot)
        assert_pointed_at(app, "fee_rate", "abc")

    run(app, scenario)
    assert app.repo.path.read_bytes() == before


@pytest.mark.parametrize("name", list(DIALOGS))
def test_every_form_points_at_a_bad_last_field(tmp_path: Path, name: str) -> None:
    app = demo_data_app(tmp_path, "en")
    before = app.repo.path.read_bytes()

    async def scenario(pilot) -> None:
        await app.push_screen(DIALOGS[name](app))
        await pilot.pause()
        form = dialog(app)
        last = form.fields[-1].name
        form.query_one(f"#field-{last}").focus()
        await type_into(pilot, "zz")
        await pilot.press("enter")
        await settle(pilot)
        assert app.screen is form
        assert_pointed_at(app, last, "zz")

    run(app, scenario)
    assert app.repo.path.read_bytes() == before


# -- Alipay's statement/due day pairs ------------------------------------------------------------------------------

def test_settings_offers_alipays_day_pairs_and_the_chosen_one_fills_the_days(tmp_path: Path) -> None:
    app = demo_data_app(tmp_path, "en")

    async def scenario(pilot) -> None:
        app.push_screen(settings_dialog(app))
        await settle(pilot)
        form = dialog(app)
        pair = form.query_one("#field-day_pair", Select)
        assert pair.value == "1/10"  # the demo's days are a pair Alipay offers
        assert "one change a year" in str(form.query_one("#label-day_pair").content)
        pair.focus()
        await pilot.press("enter")  # open the list, then down to "statement day 5, due day 15"
        await settle(pilot)
        await pilot.press("down", "enter")
        await settle(pilot)
        assert pair.value == "5/15"
        assert (form.query_one("#field-statement_day", Input).value,
                form.query_one("#field-due_day", Input).value) == ("5", "15")
        await pilot.press("ctrl+s")
        await settle(pilot)
        account = app.snapshot.ledger.account
        assert (account.statement_day, account.due_day) == (5, 15)

    run(app, scenario)


def test_any_other_pair_can_still_be_typed(tmp_path: Path) -> None:
    app = demo_data_app(tmp_path, "zh")

    async def scenario(pilot) -> None:
        app.push_screen(settings_dialog(app))
        await settle(pilot)
        form = dialog(app)
        form.query_one("#field-statement_day", Input).focus()
        await type_into(pilot, "3")
        await pilot.press("tab")
        await type_into(pilot, "２０")  # full-width digits, as a Chinese input method types them
        await settle(pilot)
        assert form.query_one("#field-day_pair", Select).value == ""  # "other": Alipay offers no 3/20
        await pilot.press("ctrl+s")
        await settle(pilot)
        account = app.snapshot.ledger.account
        assert (account.statement_day, account.due_day) == (3, 20)

    run(app, scenario)
