"""Screen 2, the repayment calendar, driven with keys through Pilot at 80×24 on the demo data."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import date
from decimal import Decimal
from pathlib import Path

from textual.widgets import Input, Static

from huabei_tui.domain.account import Account
from huabei_tui.domain.bill_instalments import BillInstalment
from huabei_tui.domain.bills import Payment
from huabei_tui.domain.dates import Month
from huabei_tui.domain.ledger import Ledger
from huabei_tui.ui.app import HuabeiApp
from huabei_tui.ui.dialogs.form import FormDialog
from huabei_tui.ui.screens.calendar import CalendarScreen
from huabei_tui.ui.widgets.month_grid import MonthGrid
from support.tui import TODAY, demo_data_app, drive_screen, ledger_app

#: The demo's oldest bill is 2025-01; 2024-12 has none, so a bill can be added there.
EMPTY_MONTH = Month(2024, 12)


def make_app(tmp_path: Path, lang: str = "zh", size: tuple[int, int] = (80, 24)) -> HuabeiApp:
    app = demo_data_app(tmp_path, lang)
    app.test_size = size  # type: ignore[attr-defined]
    return app


def drive(app: HuabeiApp, scenario: Callable[..., Awaitable[None]]) -> None:
    drive_screen(app, "2", CalendarScreen, scenario, size=getattr(app, "test_size", (80, 24)))


def screen(app: HuabeiApp) -> CalendarScreen:
    assert isinstance(app.screen, CalendarScreen)
    return app.screen


def grid_text(app: HuabeiApp) -> str:
    return str(app.screen.query_one(MonthGrid).render())


def panel(app: HuabeiApp, name: str) -> str:
    return str(app.screen.query_one(f"#cal-{name}", Static).content)


def day_title(app: HuabeiApp) -> str:
    return str(app.screen.query_one("#cal-day", Static).border_title)


async def press(pilot, *keys: str) -> None:
    await pilot.press(*keys)
    await pilot.pause()


def data_bytes(app: HuabeiApp) -> bytes:
    return app.repo.path.read_bytes()


# -- what the screen shows ---------------------------------------------------------------------------------------
def test_opens_on_today_with_marks_that_read_without_colour(tmp_path: Path) -> None:
    app = make_app(tmp_path)

    async def scenario(pilot) -> None:
        assert screen(app).selected == TODAY
        text = grid_text(app)
        lines = text.splitlines()
        assert "2026年11月" in lines[0]
        assert lines[1].split() == ["一", "二", "三", "四", "五", "六", "日"]
        assert "[29]" in text  # today, bracketed
        assert " 1 S" in text  # statement day
        assert "10 ✓+" in text  # bill 2026-11 paid on time, with an instalment period
        assert "今天" in text and "逾期后还清" in text  # the legend
        assert day_title(app).startswith("2026-11-29 周日 · 今天")
        assert "接下来要还：2026-12 账单" in panel(app, "day")
        assert "¥2,380.00" in panel(app, "day")
        bills = panel(app, "bills")
        assert "2026-11-10" in bills and "✓ 已还清" in bills
        instalment = next(line for line in bills.splitlines() if "手机 / phone" in line)
        assert instalment.split()[-3:] == ["2/6", "¥627.00", "2026-11"]  # period, amount, bill: in columns

    drive(app, scenario)


def test_states_of_bills_are_marked_in_their_months(tmp_path: Path) -> None:
    app = make_app(tmp_path)

    async def scenario(pilot) -> None:
        await press(pilot, "right_square_bracket")
        assert "10 •+" in grid_text(app)  # bill 2026-12: partly paid, due in 11 days
        assert "• 待还（11 天后到期）" in panel(app, "bills")
        screen(app).select_day(date(2026, 2, 3))  # jump to the demo's late payment
        await press(pilot, "j")
        assert screen(app).selected == date(2026, 2, 10)
        assert "10 ~" in grid_text(app)
        day = panel(app, "day")
        assert "~ 到期：2026-02 账单" in day and "逾期 9 天后还清" in day and "逾期费" in day

    drive(app, scenario)


def test_an_overdue_bill_shows_its_fee(tmp_path: Path) -> None:
    app = demo_data_app(tmp_path, "en", today=date(2026, 12, 20))  # bill 2026-12 left unpaid

    async def scenario(pilot) -> None:
        await press(pilot, *["k"] * 2, *["h"] * 3)  # Dec 20 → Dec 10 is 10 days back: two weeks up, three right
        assert screen(app).selected == date(2026, 12, 3)
        await press(pilot, *["l"] * 7)
        assert screen(app).selected == date(2026, 12, 10)
        assert "10 !+" in grid_text(app)
        day = panel(app, "day")
        assert "! Due: bill 2026-12, ¥2,380.00" in day and "10 days overdue" in day and "per extra day" in day
        assert "! 10 days overdue" in panel(app, "bills")

    drive(app, scenario)


# -- moving ------------------------------------------------------------------------------------------------------
def test_arrows_and_hjkl_move_the_selection_across_months(tmp_path: Path) -> None:
    app = make_app(tmp_path)

    async def scenario(pilot) -> None:
        await press(pilot, "right")
        assert screen(app).selected == date(2026, 11, 30)
        await press(pilot, "l")
        assert screen(app).selected == date(2026, 12, 1)
        assert "2026年12月" in grid_text(app).splitlines()[0]  # the month follows the selection
        assert "S 出账：2026-12 账单 ¥2,380.00" in panel(app, "day")
        await press(pilot, "h", "left")
        assert screen(app).selected == date(2026, 11, 29)
        await press(pilot, "up")
        assert screen(app).selected == date(2026, 11, 22)
        await press(pilot, "k")
        assert screen(app).selected == date(2026, 11, 15)
        await press(pilot, "down", "j", "j")
        assert screen(app).selected == date(2026, 12, 6)
        assert "2026年12月" in grid_text(app)

    drive(app, scenario)


def test_page_keys_and_brackets_change_month_and_t_returns_to_today(tmp_path: Path) -> None:
    app = make_app(tmp_path, "en")

    async def scenario(pilot) -> None:
        await press(pilot, "pagedown")
        assert screen(app).selected == date(2026, 12, 29)
        await press(pilot, "right_square_bracket")
        assert screen(app).selected == date(2027, 1, 29)
        title = grid_text(app).splitlines()[0].split()
        assert title == ["‹", "[", "January", "2027", "]", "›"]  # the month keys frame the month's name
        await press(pilot, "right_square_bracket")
        assert screen(app).selected == date(2027, 2, 28)  # clamped
        await press(pilot, "right_square_bracket")
        assert screen(app).selected == date(2027, 3, 29)  # and back to the 29th: no drift
        await press(pilot, "left_square_bracket", "pageup", "pageup")
        assert screen(app).selected == date(2026, 12, 29)
        await press(pilot, "t")
        assert screen(app).selected == TODAY
        assert "[29]" in grid_text(app) and "November 2026" in grid_text(app)
        assert day_title(app).startswith("2026-11-29 Sun · today")

    drive(app, scenario)


# -- forms -------------------------------------------------------------------------------------------------------
async def go_to_empty_month(pilot, app: HuabeiApp) -> None:
    """Jump two years back (the month keys themselves are tested above; 24 presses would only cost time)."""
    screen(app).select_day(date(2025, 1, 29))
    await press(pilot, "pageup")
    assert Month.of(screen(app).selected) == EMPTY_MONTH
    assert "没有出账或到期的账单" in panel(app, "bills") or "No bill" in panel(app, "bills")


def test_a_adds_a_bill_for_the_selected_month(tmp_path: Path) -> None:
    app = make_app(tmp_path)

    async def scenario(pilot) -> None:
        await go_to_empty_month(pilot, app)
        await press(pilot, "a")
        dialog = app.screen
        assert isinstance(dialog, FormDialog)
        assert dialog.query_one("#field-month", Input).value == "2024-12"
        assert dialog.query_one("#field-amount", Input).value == ""
        dialog.query_one("#field-amount", Input).focus()
        await press(pilot, *"321.50", "enter")
        assert isinstance(app.screen, CalendarScreen)
        assert app.repo.load().manual_bills[EMPTY_MONTH] == 32_150
        assert "¥321.50" in panel(app, "bills")
        assert screen(app).selected == date(2024, 12, 29)  # the selection survived the save

    drive(app, scenario)


def test_a_month_seen_again_is_not_computed_again_until_the_data_changes(tmp_path: Path, monkeypatch) -> None:
    """Moving back and forth between months reuses each month's view (computing one was 2.3–3.2 ms of a move
    across a month's end on the ten-year file); a save (a new snapshot) computes them again, so a month never
    shows the data from before it."""
    import huabei_tui.ui.screens.calendar as calendar_screen

    computed: list[Month] = []
    original = calendar_screen.month_view

    def counted(snapshot, month):
        computed.append(month)
        return original(snapshot, month)

    monkeypatch.setattr(calendar_screen, "month_view", counted)
    app = make_app(tmp_path, "en")

    async def scenario(pilot) -> None:
        await go_to_empty_month(pilot, app)  # 2025-01, then 2024-12
        computed.clear()
        for key in ("pagedown", "pageup", "pagedown", "pageup"):
            await press(pilot, key)
        assert computed == []  # 2025-01 and 2024-12 were both seen already
        await press(pilot, "a")
        dialog = app.screen
        assert isinstance(dialog, FormDialog)
        dialog.query_one("#field-amount", Input).focus()
        await press(pilot, *"321.50", "enter")
        assert "¥321.50" in panel(app, "bills")
        await press(pilot, "pagedown")
        assert computed == [EMPTY_MONTH, Month(2025, 1)]  # the save's new snapshot: computed again
        await press(pilot, "pageup")
        assert computed == [EMPTY_MONTH, Month(2025, 1)] and "¥321.50" in panel(app, "bills")

    drive(app, scenario)


def test_p_records_a_payment_for_the_bill_due_nearby(tmp_path: Path) -> None:
    app = make_app(tmp_path, "en")

    async def scenario(pilot) -> None:
        before_bytes = data_bytes(app)
        before = len(app.repo.load().payments)
        await press(pilot, "p")
        dialog = app.screen
        assert isinstance(dialog, FormDialog)
        assert dialog.query_one("#field-month", Input).value == "2026-12"
        assert dialog.query_one("#field-amount", Input).value == "2380.00"
        assert dialog.query_one("#field-on", Input).value == "2026-11-29"
        amount = dialog.query_one("#field-amount", Input)
        amount.focus()
        amount.value = "12.345"
        await press(pilot, "enter")
        assert app.screen is dialog  # refused, in English, and nothing written
        assert "more than two decimals" in str(dialog.query_one("#error-amount", Static).content)
        assert data_bytes(app) == before_bytes
        amount.value = "100"
        await press(pilot, "enter")
        assert isinstance(app.screen, CalendarScreen)
        payments = app.repo.load().payments
        assert len(payments) == before + 1
        new = [p for p in payments if p.on == TODAY and p.amount == 10_000]
        assert len(new) == 1 and new[0].month == Month(2026, 12)
        assert "¥2,280.00" in panel(app, "day")

    drive(app, scenario)


def test_bad_amount_shows_an_error_saves_nothing_and_escape_cancels(tmp_path: Path) -> None:
    app = make_app(tmp_path)

    async def scenario(pilot) -> None:
        await go_to_empty_month(pilot, app)
        before = data_bytes(app)
        await press(pilot, "a")
        dialog = app.screen
        dialog.query_one("#field-amount", Input).focus()
        await press(pilot, *"12.345", "enter")
        assert isinstance(dialog, FormDialog)  # still open
        error = str(dialog.query_one("#error-amount", Static).content)
        assert "两位小数" in error
        assert data_bytes(app) == before
        await press(pilot, "escape")
        assert isinstance(app.screen, CalendarScreen)
        assert data_bytes(app) == before
        assert EMPTY_MONTH not in app.repo.load().manual_bills
        await press(pilot, "p", "escape")  # a payment form cancelled saves nothing either
        assert isinstance(app.screen, CalendarScreen)
        assert data_bytes(app) == before

    drive(app, scenario)


# -- languages and sizes -----------------------------------------------------------------------------------------
def test_language_switch_redraws_everything(tmp_path: Path) -> None:
    app = make_app(tmp_path, "en")

    async def scenario(pilot) -> None:
        text = grid_text(app)
        assert text.splitlines()[1].split() == ["Mo", "Tu", "We", "Th", "Fr", "Sa", "Su"]
        assert "paid late" in text and "instalment" in text
        assert "November 2026 · bills and instalments" in str(app.screen.query_one("#cal-bills").border_title)
        await press(pilot, "L")
        assert "2026年11月" in grid_text(app) and "分期" in grid_text(app)
        assert "账单与分期" in str(app.screen.query_one("#cal-bills").border_title)
        assert day_title(app).startswith("2026-11-29 周日")

    drive(app, scenario)


def test_everything_fits_80_by_24(tmp_path: Path) -> None:
    for lang in ("zh", "en"):
        (tmp_path / lang).mkdir()
        app = make_app(tmp_path / lang, lang)

        async def scenario(pilot, app: HuabeiApp = app) -> None:
            for day in (None, date(2026, 12, 1), date(2026, 2, 1)):  # 6, 5 and 5 weeks (Feb after its 1st)
                if day:
                    screen(app).select_day(day)
                    await press(pilot, "right")
                grid = app.screen.query_one(MonthGrid)
                bills = app.screen.query_one("#cal-bills")
                lists = app.screen.query_one("#cal-lists")
                day = app.screen.query_one("#cal-day")
                assert grid.region.right <= day.region.x and day.region.right <= 80
                assert day.region.width >= 30
                assert grid.region.height == grid.content_height
                assert bills.region.bottom <= 23  # above the footer
                assert lists.max_scroll_y == 0  # nothing scrolled out of sight

        drive(app, scenario)


def test_large_terminals_get_wider_cells_and_amounts(tmp_path: Path) -> None:
    app = make_app(tmp_path, "zh", size=(130, 42))

    async def scenario(pilot) -> None:
        grid = app.screen.query_one(MonthGrid)
        assert grid.day_width > 6 and grid.lines_per_week == 2
        await press(pilot, "right_square_bracket")
        text = grid_text(app)
        # issued on the 1st, all of it still owing on the 10th (nothing is paid before the statement date)
        assert text.count("¥2,380.00") == 2

    drive(app, scenario)


def test_palette_lists_the_calendar_actions() -> None:
    from huabei_tui.ui import registry

    actions = {registry.BY_ID[entry].action for entry in registry.PALETTE["calendar"] if isinstance(entry, str)}
    assert {"add_bill", "pay", "today", "month(-1)", "month(1)"} <= actions
    keys = {key for binding in CalendarScreen.BINDINGS for key in binding.key.split(",")}
    assert keys.isdisjoint({"1", "2", "3", "4", "question_mark", "f1", "L", "e", "E", "q", "ctrl+p"})
    assert {"left", "right", "up", "down", "h", "j", "k", "l", "pageup", "pagedown", "left_square_bracket",
            "right_square_bracket", "t", "a", "p"} <= keys


def test_a_on_a_month_with_a_bill_shows_its_amount_and_says_what_changed(tmp_path: Path) -> None:
    """Saving the bill form replaces the month's amount; the form shows the amount it will replace (imported
    ones too), and the message says from what to what, so a settled bill is never rewritten unnoticed."""
    app = make_app(tmp_path, "en")
    seen: list[str] = []

    async def scenario(pilot) -> None:
        month = Month(TODAY.year, TODAY.month)
        before = app.snapshot.summary.bill(month)
        assert before is not None
        original = app.notify
        app.notify = lambda message, **kw: (seen.append(str(message)), original(message, **kw))[1]  # type: ignore[method-assign]
        await press(pilot, "a")
        dialog = app.screen
        assert isinstance(dialog, FormDialog)
        assert dialog.query_one("#field-month", Input).value == str(month)
        amount = dialog.query_one("#field-amount", Input)
        assert amount.value == f"{before.amount // 100}.{before.amount % 100:02d}"
        amount.value = "2000"
        amount.focus()
        await press(pilot, "enter")
        assert isinstance(app.screen, CalendarScreen)
        assert app.snapshot.summary.bill(month).amount == 200_000
        assert any(f"Bill {month} changed from ¥" in m and "to ¥2,000.00" in m for m in seen), seen

    drive(app, scenario)


def test_a_payment_day_lists_its_payments(tmp_path: Path) -> None:
    """The day the demo's late February bill was paid off (2026-02-19) says so; it used to read "nothing
    issued or due", as if nothing had happened."""
    app = make_app(tmp_path, "en")

    async def scenario(pilot) -> None:
        paid = [p for p in app.snapshot.ledger.payments if p.on == date(2026, 2, 19)]
        assert paid
        screen(app).select_day(date(2026, 2, 19))
        await pilot.pause()
        day = panel(app, "day")
        assert f"Paid ¥{paid[0].amount // 100:,}." in day and "(bill 2026-02)" in day
        assert "Nothing issued or due" not in day

    drive(app, scenario)


# -- a minimum payment and a split bill ---------------------------------------------------------------------------
def hard_month_app(tmp_path: Path, today: date, lang: str = "en") -> HuabeiApp:
    """Bill 2025-08 of ¥900.00 split into 3 on 08-05 (parts of ¥306.90 on 2025-09 … 2025-11); bill 2025-09 of
    ¥2,000.00 spending + ¥306.90, minimum ¥200.00 + ¥306.90, paid ¥600.00 on the due date (the rest moves into
    2025-10 on 10-01)."""
    split = BillInstalment("s1", Month(2025, 8), 3, 90000, Decimal("2.3"), date(2025, 8, 5))
    book = Ledger(account=Account(opened=date(2025, 1, 1)),
                  manual_bills={Month(2025, 8): 90000, Month(2025, 9): 200000},
                  payments=(Payment("p1", Month(2025, 9), 60000, date(2025, 9, 10)),),
                  bill_instalments=(split,))
    return ledger_app(tmp_path / "hard.json", book, lang, today)


def test_minimum_paid_carried_and_split_bills_have_their_marks_and_legend(tmp_path: Path) -> None:
    app = hard_month_app(tmp_path, date(2025, 9, 20))

    async def scenario(pilot) -> None:
        text = grid_text(app)
        assert "10 ½" in text and "½ minimum paid" in text
        assert "→" not in text  # nothing carried yet: the legend names only the states the month shows
        await press(pilot, "left_square_bracket")
        text = grid_text(app)
        assert "10 ÷" in text and "÷ bill split" in text
        assert "½" not in text
        grid = app.screen.query_one(MonthGrid)
        assert grid.size.height == grid.content_height  # the taller legend got its room

    drive(app, scenario)


def test_a_carried_bill_shows_where_its_rest_went(tmp_path: Path) -> None:
    app = hard_month_app(tmp_path, date(2025, 10, 5), lang="zh")

    async def scenario(pilot) -> None:
        await press(pilot, "left_square_bracket")
        text = grid_text(app)
        assert "10 →" in text and "→ 转入下期" in text
        assert "+ 分期" in text  # the legend's last item still shows after the extra one
        grid = app.screen.query_one(MonthGrid)
        assert grid.size.height == grid.content_height

    drive(app, scenario)


def test_the_day_panel_says_where_a_rest_goes_and_where_it_arrives(tmp_path: Path) -> None:
    app = hard_month_app(tmp_path, date(2025, 10, 1))

    async def scenario(pilot) -> None:
        assert "S→" in grid_text(app)  # 10-01: the statement date the rest of 2025-09 arrives on
        arrival = " ".join(panel(app, "day").split())
        assert "Statement: bill 2025-10" in arrival
        assert "incl. ¥1,706.90 + ¥17.07 interest from bill 2025-09" in arrival
        await press(pilot, "left_square_bracket")
        screen(app).select_day(date(2025, 9, 10))
        await pilot.pause()
        due = " ".join(panel(app, "day").split())
        assert "→ Due: bill 2025-09" in due and "carried into 2025-10" in due
        assert "+ Instalment: bill 2025-08 split 1/3, ¥306.90" in due  # a part of the split bill lands here

    drive(app, scenario)


def test_a_split_bills_parts_are_named_by_the_bill(tmp_path: Path) -> None:
    app = hard_month_app(tmp_path, date(2025, 9, 20), lang="zh")

    async def scenario(pilot) -> None:
        screen(app).select_day(date(2025, 9, 10))
        await pilot.pause()
        assert "+ 分期：账单分期 2025-08 第 1/3 期 ¥306.90" in panel(app, "day")
        await press(pilot, "left_square_bracket")
        assert "÷ 已分 3 期" in panel(app, "bills")

    drive(app, scenario)


def test_a_minimum_paid_bill_says_where_its_rest_goes(tmp_path: Path) -> None:
    app = hard_month_app(tmp_path, date(2025, 9, 20))

    async def scenario(pilot) -> None:
        screen(app).select_day(date(2025, 9, 10))
        await pilot.pause()
        day = " ".join(panel(app, "day").split())
        assert "½ Due: bill 2025-09" in day and "minimum paid" in day
        assert "rest ¥1,706.90 moves into 2025-10 on 2025-10-01, +¥0.85 interest a day" in day

    drive(app, scenario)


def test_a_day_move_that_skips_the_layout_leaves_the_day_panel_at_its_laid_out_height(tmp_path: Path) -> None:
    """A day move lays the screen out again only when the day panel's height changes. Walk a day at a time, in
    both languages, at 80×24 and in a large terminal, over the days whose panels differ (the demo's statement
    day, today and its due day with a line that wraps, across a month's end; a day with a dozen repayments, whose
    panel grows past the grid, and the plain days on both sides of it); after each move a forced layout must not
    change the panel: its height was already right, and its text is all shown."""
    # The demo's days, plus a day with a dozen repayments: its panel is taller than the grid, and the days around
    # it are not, so the walk goes through a panel that grows and one that shrinks back.
    busy = Ledger(manual_bills={Month(2026, 10): 120_000},
                  payments=tuple(Payment(id=f"p{n}", month=Month(2026, 10), amount=1_000, on=date(2026, 11, 5))
                                 for n in range(12)))
    cases = [("zh", (80, 24), None), ("en", (80, 24), None), ("en", (130, 42), None), ("zh", (80, 24), busy),
             ("en", (80, 24), busy)]
    for index, (lang, size, ledger) in enumerate(cases):
        folder = tmp_path / str(index)
        folder.mkdir()
        if ledger is None:
            app = make_app(folder, lang, size=size)
        else:
            app = ledger_app(folder / "busy.json", ledger, lang, TODAY)
        tallest: list[int] = []

        # The demo: 11-25 → 12-15 (12-01 statement, 12-06 today, 12-10 due); the busy day: 10-28 → 11-12.
        start, days = (date(2026, 11, 25), 20) if ledger is None else (date(2026, 10, 28), 15)

        async def scenario(pilot, app: HuabeiApp = app, tallest: list[int] = tallest, start: date = start,
                           days: int = days) -> None:
            screen(app).select_day(start)
            await pilot.pause()
            day = app.screen.query_one("#cal-day", Static)
            bills = app.screen.query_one("#cal-bills", Static)
            grid = app.screen.query_one(MonthGrid)
            for _ in range(days):
                await press(pilot, "right")
                shown = day.outer_size.height
                shown_bills = bills.outer_size.height, bills.virtual_size.height
                rows = len(str(day.content).split("\n"))
                app.screen.refresh(layout=True)
                await pilot.pause()
                assert day.outer_size.height == shown, (screen(app).selected, rows)
                # The month's bill list, replaced across a month's end without a layout when its rows stay.
                assert (bills.outer_size.height, bills.virtual_size.height) == shown_bills, screen(app).selected
                assert shown >= grid.content_height and day.content_size.height >= rows
                tallest.append(shown - grid.content_height)

        drive_screen(app, "2", CalendarScreen, scenario, size=size)
        if ledger is not None:
            assert max(tallest) > 0 and tallest[-1] == 0  # grew past the grid on the busy day, and back


# -- the grid draws a line at a time -------------------------------------------------------------------------
def _shown_text(app: HuabeiApp) -> list[str]:
    """What the terminal shows, line by line (the screenshot's text), whatever was drawn again or kept."""
    import html
    import re

    svg = app.export_screenshot()
    lines: dict[int, list[tuple[float, str]]] = {}
    for x, number, text in re.findall(r'<text class="[^"]*" x="([\d.]+)" y="[\d.]+" textLength="[\d.]+" '
                                      r'clip-path="url\(#terminal-(?:\d+-)?line-(\d+)\)">(.*?)</text>', svg):
        lines.setdefault(int(number), []).append((float(x), html.unescape(text)))
    return ["".join(text for _, text in sorted(parts)) for _, parts in sorted(lines.items())]


def test_the_grid_draws_again_only_the_week_rows_a_move_within_the_month_changes(tmp_path: Path) -> None:
    """A move of the day within the month draws the week rows the selection left and entered, nothing else of the
    grid; a move into another month draws it all. What is shown is always what a full redraw shows."""
    app = make_app(tmp_path, "en")

    async def scenario(pilot) -> None:
        grid = app.screen.query_one(MonthGrid)
        asked: list[int] = []
        draw = grid.render_line

        def spy(y: int):
            asked.append(y)
            return draw(y)

        grid.render_line = spy  # type: ignore[method-assign]
        # 2026-11-29 is a Sunday in the fifth week row (grid line 6); Monday the 30th starts the sixth (line 7).
        for key, lines in (("left", {6}), ("right", {6}), ("right", {6, 7}), ("up", {6, 7}), ("down", {6, 7}),
                           ("right", set(range(grid.content_height)))):  # 11-30 → 12-01: all of it
            asked.clear()
            await press(pilot, key)
            assert set(asked) == lines, (key, screen(app).selected, sorted(set(asked)))
            shown = _shown_text(app)
            grid.refresh()
            await pilot.pause()
            assert _shown_text(app) == shown, screen(app).selected

    drive(app, scenario)


def test_each_line_drawn_is_the_line_of_the_whole_text(tmp_path: Path) -> None:
    app = make_app(tmp_path, "zh", size=(130, 42))  # wide cells with the amounts' second line

    async def scenario(pilot) -> None:
        grid = app.screen.query_one(MonthGrid)
        for key in ("", "left_square_bracket", "right", "right_square_bracket", "right_square_bracket"):
            if key:
                await press(pilot, key)
            lines = grid.render().split("\n")
            assert len(lines) == grid.content_height
            assert [grid.render_line(y).text for y in range(grid.content_height)] == [line.plain for line in lines]

    drive(app, scenario)
