"""Screen 4, overdue recovery, driven with keys through Pilot at 80×24."""

from __future__ import annotations

import io
from collections.abc import Awaitable, Callable
from datetime import date
from decimal import Decimal
from pathlib import Path

from rich.console import Console
from rich.text import Text
from textual.widgets import Input, Select

from huabei_tui.domain.account import Account
from huabei_tui.domain.bill_instalments import BillInstalment
from huabei_tui.domain.bills import Payment
from huabei_tui.domain.dates import Month
from huabei_tui.domain.ledger import Ledger
from huabei_tui.i18n import tr
from huabei_tui.textwidth import cell_width
from huabei_tui.ui.app import HuabeiApp
from huabei_tui.ui.dialogs.contact import ContactDialog
from huabei_tui.ui.screens.recovery import RecoveryScreen
from huabei_tui.ui.widgets.checklist_view import ChecklistView
from huabei_tui.ui.widgets.repayment_grid import RepaymentGrid
from support.tui import TODAY, demo_data_app, drive_screen, ledger_app


def make_app(tmp_path: Path, lang: str = "zh", today: date = TODAY) -> HuabeiApp:
    return demo_data_app(tmp_path, lang, today=today, remember_lang=False)


def drive(app: HuabeiApp, scenario: Callable[..., Awaitable[None]]) -> None:
    drive_screen(app, "4", RecoveryScreen, scenario)


def text_of(app: HuabeiApp, selector: str) -> str:
    """What a Static shows, as plain text (Rich renderables drawn at the widget's width)."""
    content = app.screen.query_one(selector).content
    if isinstance(content, str | Text):
        return str(content)
    console = Console(width=78, record=True, file=io.StringIO())
    console.print(content)
    return console.export_text()


def test_settled_episode_shows_its_expiry_and_days_left(tmp_path: Path) -> None:
    app = make_app(tmp_path)

    async def scenario(pilot) -> None:
        for lang in ("zh", "en"):
            table = text_of(app, "#rec-episodes")
            # Demo: bill 2026-02 due 02-10, settled 02-19 (9 days late), fee ¥9.67, expires 2031-02-19.
            for value in ("2026-02", "2026-02-10", "2026-02-19", "2031-02-19", "¥9.67", "1543"):
                assert value in table
            assert tr("rec.col.expires", lang) in table
            assert "2031-02-19" in text_of(app, "#rec-episodes-note")
            assert tr("rec.col.per_day", lang) not in table  # nothing unpaid, no fee per extra day
            await pilot.press("L")
            await pilot.pause()

    drive(app, scenario)


def test_unsettled_episode_says_not_yet_and_shows_the_fee_per_day(tmp_path: Path) -> None:
    # Three weeks later the demo's current bill (¥2,380.00, nothing paid, due 2026-12-10) is 10 days overdue.
    app = make_app(tmp_path, "en", today=date(2026, 12, 20))

    async def scenario(pilot) -> None:
        for lang in ("en", "zh"):
            table = text_of(app, "#rec-episodes")
            row = next(line for line in table.splitlines() if line.startswith("2026-12"))
            assert tr("rec.unsettled", lang) in row and tr("rec.not_yet", lang) in row
            assert "¥2,380.00" in row and "¥11.90" in row  # 2,380 × 0.05% × 10 days
            assert "+¥1.19" in row  # per extra day
            assert tr("rec.col.per_day", lang) in table
            assert text_of(app, "#rec-episodes-note") == tr("rec.unsettled_note", lang)
            await pilot.press("L")
            await pilot.pause()

    drive(app, scenario)


def test_the_episode_table_keeps_each_episode_on_one_line_at_80_columns(tmp_path: Path) -> None:
    """Unpaid overdues with large amounts (so the "+/day" column shows), records past their five years and
    records still running: every episode stays on one line of the table at 80×24 in both languages."""
    m = Month
    bills = {m(2018, 3): 100_000, m(2021, 8): 9_876_543, m(2026, 2): 250_000, m(2025, 9): 1_234_567,
             m(2026, 11): 12_345_678}
    payments = (
        Payment("p1", m(2018, 3), 100_000, date(2018, 3, 13)),  # 3 days late, record deleted 2023-03-13
        Payment("p2", m(2021, 8), 9_876_543, date(2022, 3, 8)),  # 210 days late: fee ¥10,370.37
        Payment("p3", m(2026, 2), 250_000, date(2026, 3, 27)),
        Payment("p4", m(2025, 9), 1_000, date(2025, 9, 20)),  # ¥12,335.67 left, 461 days late
    )
    ledger = Ledger(account=Account(limit=20_000_000), manual_bills=bills, payments=payments)
    today = date(2026, 12, 15)
    app = ledger_app(tmp_path / "db.json", ledger, "en", today, remember_lang=False)

    async def scenario(pilot) -> None:
        episodes = app.screen.query_one("#rec-episodes")
        for lang in ("en", "zh"):
            for _ in range(50):  # laid out (a loaded machine may need more than one pause)
                if episodes.content_region.width:
                    break
                await pilot.pause(0.02)
            table = text_of(app, "#rec-episodes")
            lines = table.splitlines()
            assert len(lines) == 1 + len(app.snapshot.summary.overdue_episodes) == 6
            inner = episodes.content_region.width
            assert all(cell_width(line) <= inner for line in lines), (inner, table)
            assert episodes.content_region.height == len(lines)  # nothing wrapped
            rows = {line[:7]: line for line in lines[1:]}
            assert sorted(rows) == ["2018-03", "2021-08", "2025-09", "2026-02", "2026-11"]
            assert "¥123,456.78" in rows["2026-11"] and "+¥61.73" in rows["2026-11"]
            assert "¥12,335.67" in rows["2025-09"] and "+¥6.17" in rows["2025-09"]
            assert "¥10,370.37" in rows["2021-08"] and "2027-03-08" in rows["2021-08"]
            assert rows["2018-03"].endswith(tr("label.record_gone", lang))
            assert rows["2026-02"].endswith(tr("label.days_n", lang, n=(date(2031, 3, 27) - today).days))
            assert tr("rec.col.per_day", lang) in lines[0]
            await pilot.press("L")
            await pilot.pause()
        # A wider terminal gets the table with every column at full length.
        await pilot.resize_terminal(120, 24)
        await pilot.pause()
        table = text_of(app, "#rec-episodes")
        assert tr("rec.col.settled", "en") in table and "2025-09-10" in table and "2022-03-08" in table
        assert max(cell_width(line) for line in table.splitlines()) <= episodes.content_region.width

    drive(app, scenario)


def test_recovery_steps_tick_and_untick_with_the_date(tmp_path: Path) -> None:
    app = make_app(tmp_path)

    async def scenario(pilot) -> None:
        steps = app.screen.query_one("#rec-steps", ChecklistView)
        assert app.focused is steps
        await pilot.press("j", "j")
        await pilot.pause()
        assert steps.highlighted_key == "recovery:know_five_years"
        await pilot.press("space")
        await pilot.pause()
        assert app.repo.load().recovery.ticks["know_five_years"] == TODAY
        await pilot.press("k", "enter")
        await pilot.pause()
        assert "repay_all" not in app.repo.load().recovery.ticks
        await pilot.press("enter")
        await pilot.pause()
        assert app.repo.load().recovery.ticks["repay_all"] == TODAY

    drive(app, scenario)


def test_contact_dialog_saves_a_valid_entry(tmp_path: Path) -> None:
    lang = "zh"
    app = make_app(tmp_path, lang)

    async def scenario(pilot) -> None:
        await pilot.press("c")
        await pilot.pause()
        assert isinstance(app.screen, ContactDialog)
        assert app.focused is app.screen.query_one("#field-on", Input)
        await pilot.press("ctrl+a", "ctrl+k", *"20261120")  # digits type into the field, never switch screens
        await pilot.press("tab", "enter", "down", "enter")  # topic: instalments
        await pilot.pause()
        assert app.screen.query_one("#field-topic", Select).value == "instalments"
        await pilot.press("tab", *"ok 6", "tab", *"agent 42", "enter")
        await pilot.pause()
        assert isinstance(app.screen, RecoveryScreen)
        entries = sorted(app.repo.load().contacts, key=lambda c: c.on)
        assert len(entries) == 2
        new = entries[-1]
        assert (new.on, new.topic, new.outcome, new.note) == (date(2026, 11, 20), "instalments", "ok 6", "agent 42")
        log = text_of(app, "#rec-contacts")
        assert "2026-11-20" in log and tr("guide.topic.instalments", lang) in log and "agent 42" in log

    drive(app, scenario)


def test_contact_dialog_rejects_bad_input_and_saves_nothing(tmp_path: Path) -> None:
    lang = "en"
    app = make_app(tmp_path, lang)

    async def scenario(pilot) -> None:
        before = app.repo.path.read_bytes()
        await app.screen.run_action("contact")  # what the command palette runs
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, ContactDialog)
        dialog.query_one("#field-on", Input).value = "2026-11-30"  # tomorrow
        await pilot.press("enter")  # outcome left empty
        await pilot.pause()
        assert app.screen is dialog
        assert "2026-11-30" in text_of(app, "#error-on")
        assert tr("contact.outcome_empty", lang) in text_of(app, "#error-outcome")
        dialog.query_one("#field-on", Input).value = "2026-13-01"
        dialog.query_one("#field-outcome", Input).value = "   "
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is dialog
        assert "2026-13-01" in text_of(app, "#error-on")
        assert tr("contact.outcome_empty", lang) in text_of(app, "#error-outcome")
        assert app.repo.path.read_bytes() == before
        # Every field right but a note over the limit: refused beside the note by the domain check.
        dialog.query_one("#field-on", Input).value = "2026-11-01"
        dialog.query_one("#field-outcome", Input).value = "fine"
        dialog.query_one("#field-note", Input).value = "n" * 501
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is dialog
        assert "500" in text_of(app, "#error-note")
        assert app.repo.path.read_bytes() == before
        # Escape leaves the field and the dialog; still nothing saved.
        dialog.query_one("#field-on", Input).value = "2026-11-01"
        dialog.query_one("#field-outcome", Input).value = "typed but cancelled"
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, RecoveryScreen)
        assert app.repo.path.read_bytes() == before
        assert len(app.repo.load().contacts) == 1

    drive(app, scenario)


def test_g_switches_the_grid_between_24_and_60_months(tmp_path: Path) -> None:
    app = make_app(tmp_path, "zh")

    async def scenario(pilot) -> None:
        screen = app.screen
        grid_text = text_of(app, "#rec-grid")
        years = [line.split()[0] for line in grid_text.splitlines()[1:] if line[:4].isdigit()]
        assert years == ["2024", "2025", "2026"]
        assert "24" in text_of(app, "#rec-grid-title")
        assert tr("rec.legend.N", "zh") in grid_text
        # The demo's one late payment: bill 2026-02, 9 days → code 1 in February 2026.
        row_2026 = next(line for line in grid_text.splitlines() if line.startswith("2026"))
        assert row_2026.split()[1:4] == ["N", "1", "N"]
        await pilot.press("g")
        await pilot.pause()
        assert screen.grid_months == 60
        assert app.focused is screen.query_one(RepaymentGrid)
        grid_text = text_of(app, "#rec-grid")
        years = [line.split()[0] for line in grid_text.splitlines()[1:] if line[:4].isdigit()]
        assert years == ["2021", "2022", "2023", "2024", "2025", "2026"]
        assert "60" in text_of(app, "#rec-grid-title")
        await pilot.press("L")  # the 60 months stay through a language switch
        await pilot.pause()
        assert screen.grid_months == 60 and "2021" in text_of(app, "#rec-grid")
        assert tr("rec.legend.N", "en") in text_of(app, "#rec-grid")
        assert tr("rec.section.grid", "en", n=60) + tr("rec.hint.grid", "en") == text_of(app, "#rec-grid-title")
        await pilot.press("g")
        await pilot.pause()
        assert screen.grid_months == 24
        assert "2021" not in text_of(app, "#rec-grid")

    drive(app, scenario)


def test_tab_moves_between_sections(tmp_path: Path) -> None:
    app = make_app(tmp_path, "en")  # English is taller than 80×24, so the body scrolls

    async def scenario(pilot) -> None:
        order = []
        for _ in range(4):
            order.append(app.focused.id)
            await pilot.press("tab")
            await pilot.pause()
        assert order == ["rec-steps", "rec-contacts", "rec-grid", "rec-episodes"]
        assert app.focused.id == "rec-steps"
        await pilot.press("shift+tab")
        await pilot.pause()
        assert app.focused.id == "rec-episodes"
        # On a plain section the arrows and j/k scroll the body.
        body = app.screen.query_one("#rec-body")
        await pilot.press("j", "j")
        await pilot.pause()
        assert body.scroll_y > 0

    drive(app, scenario)


def test_the_first_view_shows_the_episode_table_from_its_heading(tmp_path: Path) -> None:
    """With many episodes, focusing the recovery steps (the first focus) used to scroll the episode table's
    heading and column titles out of view; the screen opens at the top, and Tab shows each section's heading."""
    from huabei_tui.ui.screens.recovery import RecoveryBody

    # Eight settled late and one unpaid, as in the ten-year benchmark history on 2026-12-15.
    months = [Month(2020, n) for n in range(1, 9)]
    ledger = Ledger(manual_bills={m: 10_000 for m in months} | {Month(2026, 10): 50_000},
                    payments=tuple(Payment(id=f"p{m}", month=m, amount=10_000, on=date(m.year, m.month, 15))
                                   for m in months))
    app = ledger_app(tmp_path / "late.json", ledger, "en", TODAY)

    async def scenario(pilot) -> None:
        await pilot.pause(0.1)
        body = app.screen.query_one(RecoveryBody)
        assert len(app.snapshot.summary.overdue_episodes) == 9 and app.snapshot.summary.unsettled_overdue
        assert app.focused is app.screen.query_one("#rec-steps")
        assert body.scroll_y == 0  # the heading and the column titles are in view
        await pilot.press("tab")  # to the contact log, below the fold
        await pilot.pause(0.3)
        section = app.screen.query_one("#rec-contacts-title").parent  # the heading is the section's first line
        assert body.scroll_y > 0
        assert body.scroll_y <= section.virtual_region.y < body.scroll_y + body.size.height

    drive_screen(app, "4", RecoveryScreen, scenario)


def test_steps_ticked_for_an_earlier_overdue_are_to_be_done_again_for_an_unpaid_one(tmp_path: Path) -> None:
    """The demo's steps were ticked for its February overdue; with December's bill now unpaid past its due
    date they show as not done (last done on their date), and Space ticks them again for this episode."""
    late = date(2026, 12, 15)
    app = demo_data_app(tmp_path, "en", today=late)

    async def scenario(pilot) -> None:
        assert app.snapshot.summary.recovery_since == date(2026, 12, 10)
        steps = app.screen.query_one("#rec-steps", ChecklistView)
        first = steps.rows[0]
        assert first.mark == "[ ]" and str(first.aside).startswith("last ")
        steps.focus()
        steps.move_to(first.key)
        await pilot.press("space")
        await pilot.pause()
        assert app.repo.load().recovery.ticks[first.key.split(":")[1]] == late
        again = steps.rows[0]
        assert again.mark == "[x]" and again.aside == late.isoformat()
        text = app.export_text("recovery")
        assert "[x] 1." in text and "last 2026-02" in text  # the other ticks from February, in the export too

    drive_screen(app, "4", RecoveryScreen, scenario)


def test_a_minimum_paid_or_split_bill_is_never_listed_as_an_overdue(tmp_path: Path) -> None:
    """Bill 2025-07 split into 3 on its due date, bill 2025-08 with its minimum paid on the due date, bill 2025-09
    with less than its minimum paid (a real overdue): only 2025-09 is an episode."""
    split = BillInstalment("s1", Month(2025, 7), 3, 60_000, Decimal("2.3"), date(2025, 7, 10))
    book = Ledger(
        account=Account(opened=date(2024, 1, 1)),
        manual_bills={Month(2025, 7): 60_000, Month(2025, 8): 100_000, Month(2025, 9): 100_000},
        payments=(Payment("p8", Month(2025, 8), 31_000, date(2025, 8, 10)),  # ≥ ¥100.00 + ¥204.60 of parts
                  Payment("p9", Month(2025, 9), 5_000, date(2025, 9, 10))),  # < its minimum
        bill_instalments=(split,),
    )
    app = ledger_app(tmp_path / "db.json", book, "en", date(2025, 9, 20))

    async def scenario(pilot) -> None:
        assert [b.month for b in app.snapshot.summary.overdue_episodes] == [Month(2025, 9)]
        episodes = text_of(app, "#rec-episodes")
        assert "2025-09" in episodes
        assert "2025-07" not in episodes and "2025-08" not in episodes

    drive(app, scenario)
