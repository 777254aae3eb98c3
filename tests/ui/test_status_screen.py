"""The status screen when a bill is late: it shows and pre-fills the late bill, not the next one."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from textual.widgets import Input

from huabei_tui.ui.dialogs.form import FormDialog
from huabei_tui.ui.screens.status import StatusScreen
from support.tui import demo_data_app, drive_screen

LATE = date(2026, 12, 15)  # the demo's 2026-12 bill (due 2026-12-10) is then 5 days overdue


@pytest.mark.parametrize(("lang", "title", "warning", "then"), [
    ("en", "Overdue bill", "Bill 2026-12 is 5 days overdue: repay ¥2,180.00 now", "Then"),
    ("zh", "逾期账单", "2026-12 账单已逾期 5 天：请立即还清 ¥2,180.00", "之后"),
])
def test_a_late_bill_is_what_the_status_screen_shows_and_pay_prefills(
    tmp_path: Path, lang: str, title: str, warning: str, then: str
) -> None:
    app = demo_data_app(tmp_path, lang, today=LATE)

    async def scenario(pilot) -> None:
        late = app.snapshot.summary.most_urgent_bill
        assert late is not None and str(late.month) == "2026-12" and late.days_to_due == -5
        panel = app.screen.query_one("#status-next")
        assert panel.border_title == title
        assert panel.has_class("urgent-overdue")
        shown = str(panel.content)
        assert "2026-12" in shown and "5" in shown and then in shown
        assert str(app.snapshot.summary.next_bill.month) in shown  # the next bill still appears, after the late one
        assert warning in str(app.screen.query_one("#status-warnings").content)
        await pilot.press("p")
        await pilot.pause()
        assert isinstance(app.screen, FormDialog)
        assert app.screen.query_one("#field-month", Input).value == "2026-12"
        assert app.screen.query_one("#field-amount", Input).value == "2180.00"

    drive_screen(app, "1", StatusScreen, scenario)


def test_with_nothing_to_pay_the_balance_stays_in_view(tmp_path: Path) -> None:
    app = demo_data_app(tmp_path, "en")

    async def scenario(pilot) -> None:
        for bill in app.snapshot.summary.bills:  # pay everything
            if bill.outstanding:
                app.repo.add_payment(bill.month, bill.outstanding, app.snapshot.today, app.snapshot.today)
        app.reload()
        await pilot.pause()
        assert app.snapshot.summary.most_urgent_bill is None
        shown = str(app.screen.query_one("#status-next").content)
        assert "Nothing to pay" in shown and "Balance" in shown

    drive_screen(app, "1", StatusScreen, scenario)


def test_the_trend_chart_needs_two_bills(tmp_path: Path) -> None:
    from datetime import date as day

    from huabei_tui.domain.dates import Month
    from huabei_tui.domain.ledger import Ledger
    from support.tui import ledger_app

    app = ledger_app(tmp_path / "one.json", Ledger(manual_bills={Month(2026, 11): 12_300}), "en", day(2026, 11, 29))

    async def scenario(pilot) -> None:
        assert not app.screen.query_one("#status-trend").display  # one bar would be a solid block
        app.repo.add_bill(Month(2026, 10), 4_500, app.snapshot.today)
        app.reload()
        await pilot.pause()
        assert app.screen.query_one("#status-trend").display

    drive_screen(app, "1", StatusScreen, scenario)


def panel_rows(panel) -> list[str]:
    """The panel as the terminal draws it, inside its border and padding (one string per row)."""
    from textual.geometry import Region

    width, height = panel.outer_size
    return [strip.text[2:-2].rstrip() for strip in panel.render_lines(Region(0, 0, width, height))[1:-1]]


def assert_values_wrap_under_values(rows: list[str], labels: list[str]) -> None:
    """Every row starts with one of the panel's labels or with blanks up to the value column: a long value goes
    on under the values, never under the labels (where it read as a label of its own)."""
    for row in rows:
        assert any(row.startswith(label) for label in labels if label) or not row[:4].strip(), rows


ACCOUNT_LABELS = ("label.limit", "label.used", "label.available", "label.auto_repay", "label.credit_reporting",
                  "status.days")


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("answer", [None, "f", "n", "u"])  # not checked yet, found, not found, unsure
def test_every_credit_reporting_answer_fits_one_row_of_the_account_panel(tmp_path: Path, lang: str,
                                                                          answer: str | None) -> None:
    """At 80 columns the panel has 17 cells for a value in English and 21 in Chinese: "not checked (see 3)" used to
    break after "(see", leaving "3)" alone on a row."""
    from huabei_tui.i18n import tr
    from huabei_tui.views.phrases import reporting_text

    app = demo_data_app(tmp_path, lang)

    async def scenario(pilot) -> None:
        if answer is None:
            app.repo.set_answer(None, app.snapshot.today)
            app.reload()
        else:
            await pilot.press("3", answer, "1")
        await pilot.pause()
        value = reporting_text(app.snapshot.summary, lang)
        rows = panel_rows(app.screen.query_one("#status-account"))
        label = tr("label.credit_reporting", lang)
        (row,) = [row for row in rows if row.startswith(label)]
        assert row.endswith(value), rows  # the whole value on the label's row
        assert_values_wrap_under_values(rows, [tr(key, lang) for key in ACCOUNT_LABELS])

    drive_screen(app, "1", StatusScreen, scenario)


@pytest.mark.parametrize(("lang", "long_value"), [("en", ("unchecked", "Ctrl+Shift+F12)")),
                                                  ("zh", ("未核查", "Ctrl+Shift+F12）"))])
def test_a_value_too_long_for_the_account_panel_wraps_under_the_values(
    tmp_path: Path, config_folder: Path, lang: str, long_value: tuple[str, str]
) -> None:
    """A key moved to a long name makes "unchecked (see …)" too long for the panel: it goes on under the values."""
    from huabei_tui.i18n import tr

    config_folder.mkdir()
    (config_folder / "keys.toml").write_text('"app.go_checklist" = "ctrl+shift+f12"\n', encoding="utf-8")
    app = demo_data_app(tmp_path, lang)
    labels = [tr(key, lang) for key in ACCOUNT_LABELS]

    async def scenario(pilot) -> None:
        app.repo.set_answer(None, app.snapshot.today)
        app.reload()
        await pilot.pause()
        rows = panel_rows(app.screen.query_one("#status-account"))
        first, rest = long_value
        wrapped = [row for row in rows if first in row or rest in row]
        assert len(wrapped) == 2, rows  # the value does not fit the 80-column panel: it takes two rows
        assert_values_wrap_under_values(rows, labels)

    drive_screen(app, "1", StatusScreen, scenario)
