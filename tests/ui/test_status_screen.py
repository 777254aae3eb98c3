"""The status screen when a bill is late: it shows and pre-fills the late bill, not the next one."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from textual.widgets import Input

from huabei_tui.textwidth import cell_width
from huabei_tui.ui.dialogs.form import FormDialog
from huabei_tui.ui.screens.status import StatusScreen
from support.tui import demo_data_app, drive_screen

LATE = date(2026, 12, 15)  # the demo's 2026-12 bill (due 2026-12-10) is then 5 days overdue


@pytest.mark.parametrize(("lang", "title", "warning", "then"), [
    ("en", "Overdue bill", "Bill 2026-12 is 5 days overdue: repay ¥2,380.00 now", "Then"),
    ("zh", "逾期账单", "2026-12 账单已逾期 5 天：请立即还清 ¥2,380.00", "之后"),
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
        assert app.screen.query_one("#field-amount", Input).value == "2380.00"

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


@pytest.mark.parametrize(("lang", "key", "shown"), [
    ("en", "ctrl+t", "unchecked"),  # "unchecked (see Ctrl+T)" is 22 cells: 5 too many
    ("zh", "ctrl+t", "未核查（见 Ctrl+T）"),  # 19 of 21 cells: the key stays in view
    ("en", "ctrl+shift+f12", "unchecked"),
    ("zh", "ctrl+shift+f12", "未核查"),
])
def test_a_moved_key_too_long_for_the_account_panel_leaves_out_the_see_not_the_row(
    tmp_path: Path, config_folder: Path, lang: str, key: str, shown: str
) -> None:
    """A key moved to a long name made "unchecked (see …)" wrap onto a second row of the panel at 80×24 (and push
    the screen past 24 rows); the words stay and "(see …)" goes when the whole does not fit, never the key alone."""
    from huabei_tui.i18n import tr

    config_folder.mkdir()
    (config_folder / "keys.toml").write_text(f'"app.go_checklist" = "{key}"\n', encoding="utf-8")
    app = demo_data_app(tmp_path, lang)
    labels = [tr(name, lang) for name in ACCOUNT_LABELS]

    async def scenario(pilot) -> None:
        app.repo.set_answer(None, app.snapshot.today)
        app.reload()
        await pilot.pause()
        panel = app.screen.query_one("#status-account")
        rows = panel_rows(panel)
        assert len(rows) == len(labels), rows  # one row a label: nothing wrapped
        (row,) = [row for row in rows if row.startswith(tr("label.credit_reporting", lang))]
        assert row.endswith(f"  {shown}"), rows
        assert all(cell_width(row) <= panel.content_size.width for row in rows), rows
        assert_values_wrap_under_values(rows, labels)
        assert "Ctrl+T" in str(app.screen.query_one("#tabbar").content) or key != "ctrl+t"  # shown there still

    drive_screen(app, "1", StatusScreen, scenario)


def test_the_text_export_keeps_where_to_check_whatever_its_length(tmp_path: Path) -> None:
    """Only the screen's narrow row leaves "(see …)" out: the export and the checklist's banner keep it."""
    from huabei_tui.views.blocks import plain_lines
    from huabei_tui.views.phrases import reporting_text
    from huabei_tui.views.status import status_page

    app = demo_data_app(tmp_path, "en")

    class LongKeys:
        def __format__(self, spec: str) -> str:
            return "Ctrl+Shift+F12"

    async def scenario(pilot) -> None:
        app.repo.set_answer(None, app.snapshot.today)
        app.reload()
        summary = app.snapshot.summary
        assert reporting_text(summary, "en", LongKeys()) == "unchecked (see Ctrl+Shift+F12)"
        assert reporting_text(summary, "zh") == "未核查（见 3）"
        account = plain_lines(status_page(app.snapshot, "en", LongKeys()).account.lines())
        assert any(line.endswith("unchecked (see Ctrl+Shift+F12)") for line in account), account

    drive_screen(app, "1", StatusScreen, scenario)


def _drawn(hanging, width: int) -> list[str]:
    from rich.console import Console

    console = Console(width=width, record=True, color_system=None, legacy_windows=False)
    console.print(hanging)
    return [line.rstrip() for line in console.export_text().splitlines()]


def test_a_value_with_an_aside_drops_it_only_when_the_row_is_too_narrow() -> None:
    from huabei_tui.ui.roles import hanging_text
    from huabei_tui.views.blocks import pair, pair_lines

    lines = pair_lines([pair("征信报送", "未核查", aside="（见 Ctrl+Shift+F12）"), pair("Used", "¥1.00")])
    assert _drawn(hanging_text(lines), 40) == ["征信报送  未核查（见 Ctrl+Shift+F12）", "Used      ¥1.00"]
    assert _drawn(hanging_text(lines), 30) == ["征信报送  未核查", "Used      ¥1.00"]  # by cells: 36 > 30
    assert str(hanging_text(lines)).startswith("征信报送  未核查（见 Ctrl+Shift+F12）")


def test_a_long_value_without_an_aside_still_goes_on_under_the_values() -> None:
    from huabei_tui.ui.roles import hanging_text
    from huabei_tui.views.blocks import pair, pair_lines

    rows = _drawn(hanging_text(pair_lines([pair("Then", "2026-12 ¥1,234.50 due in 12 days")])), 24)
    assert rows == ["Then  2026-12 ¥1,234.50", "      due in 12 days"]
