"""The views: what each screen says, as plain data, for a snapshot and a language (no terminal needed)."""

from __future__ import annotations

import string
from dataclasses import replace
from datetime import date

import pytest

from huabei_tui.domain.account import Account
from huabei_tui.domain.bills import Payment
from huabei_tui.domain.dates import Month
from huabei_tui.domain.demo import demo_ledger
from huabei_tui.domain.ledger import Checklist, ContactEntry, Ledger
from huabei_tui.i18n import tr
from huabei_tui.session import Snapshot
from huabei_tui.textwidth import cell_width
from huabei_tui.views import checklist, phrases, recovery, status
from huabei_tui.views.blocks import Phrase, Table, line, pair, pair_lines, plain, plain_lines
from huabei_tui.views.calendar import calendar_page, day_panel, month_panel, month_view
from huabei_tui.views.checklist import checklist_page
from huabei_tui.views.recovery import episode_table, grid_lines, recovery_page
from huabei_tui.views.status import status_page, urgency_role

DEMO_DAY = date(2026, 11, 29)
LATE = date(2026, 12, 15)  # the demo's December bill (due 12-10, ¥2,380.00, nothing paid) is 5 days overdue


def demo(today: date = DEMO_DAY) -> Snapshot:
    return Snapshot.of(demo_ledger(DEMO_DAY), today)


def values(panel: status.Panel) -> dict[str, Phrase]:
    return {p.label: p.value for p in panel.pairs}


# -- blocks ------------------------------------------------------------------------------------------------------

def test_the_export_leaves_hints_out_and_keeps_empty_lines() -> None:
    title = (Phrase("Recovery steps", "title"), Phrase(" · Space ticks", "title hint"))
    assert plain(title) == "Recovery steps"
    assert plain_lines([title, (), (Phrase("press f", "hint"),), line("x  ")]) == ["Recovery steps", "", "x"]


def test_an_aside_follows_its_value_as_a_phrase_of_its_own_and_the_export_keeps_it() -> None:
    lines = pair_lines([pair("征信", "未核查", aside="（见 3）"), pair("Used", "¥2.00")])
    assert lines[0][1:] == (Phrase("未核查"), Phrase("（见 3）", "aside")) and len(lines[1]) == 2
    assert plain_lines(lines) == ["征信  未核查（见 3）", "Used  ¥2.00"]


def test_pairs_line_up_by_cells_and_tables_by_textwidth() -> None:
    lines = plain_lines(pair_lines([pair("额度", "¥1.00"), pair("Used", "¥2.00", "strong")]))
    assert lines == ["额度  ¥1.00", "Used  ¥2.00"]
    assert pair_lines([pair("Used", "¥2.00", "strong")])[0][1] == Phrase("¥2.00", "strong")
    table = Table(("账单", "Fee"), ("left", "right"), (("2025-07", "¥2.75"), ("2025-08", "¥12.00")), ("", "strong"))
    assert plain_lines(table.lines()) == ["账单        Fee", "-------  ------", "2025-07   ¥2.75", "2025-08  ¥12.00"]
    assert [words[0].role for words in table.lines(rule=False)] == ["heading", "", "strong"]
    assert table.width == 15 and replace(table, gap=1).width == 14


# -- status ------------------------------------------------------------------------------------------------------

@pytest.mark.parametrize(("days", "role"), [(-1, "urgent-overdue"), (0, "urgent-soon"), (3, "urgent-soon"),
                                            (4, "urgent-week"), (7, "urgent-week"), (8, "urgent-later")])
def test_urgency_roles(days: int, role: str) -> None:
    assert urgency_role(days) == role


def test_status_on_the_demo_day() -> None:
    page = status_page(demo(), "en")
    assert page.today == DEMO_DAY
    assert page.warnings[0] == "! Repayment balance is short by ¥1,180.00"
    assert all(w.startswith(phrases.WARNING_MARK) for w in page.warnings)
    assert (page.to_pay.title, page.to_pay.role, page.to_pay.hint) == ("Next bill", "urgent-later", ())
    shown = values(page.to_pay)
    assert shown["Days to due"] == Phrase("due in 11 days", "strong urgent-later")
    # bill 2026-12 is not issued until 12-01: the purchases since 11-01 and an instalment part, nothing paid yet
    assert shown["Outstanding"] == Phrase("¥2,380.00", "strong")
    assert shown["Shortfall"] == Phrase("¥1,180.00", "alert")
    assert "Then" not in shown and "Fee" not in shown
    assert values(page.account)["Available"] == Phrase("¥3,820.00", "strong")
    assert page.history == ("1 overdue episode, fees ¥9.67 · 9 clean months in a row",
                            "Last record expires 2031-02-19 (1543 days)")
    # 23 bills issued so far: 2026-12 (due 12-10) is issued on 12-01, so it is not in the chart yet
    assert len(page.trend) == 23 and page.show_trend
    assert page.trend_caption.startswith("Last 23 bills  low ¥725.40")
    assert page.advice.startswith("Advice: ")
    assert [p.label for p in page.settings] == ["Opened", "Overdue fee rate", "Instalment principal not yet billed"]


def test_status_puts_the_late_bill_first_and_says_when_the_next_is_due() -> None:
    page = status_page(demo(LATE), "zh")
    assert (page.to_pay.title, page.to_pay.role) == ("逾期账单", "urgent-overdue")
    labels = [p.label for p in page.to_pay.pairs]
    then = labels.index("之后")
    assert page.to_pay.pairs[then].value.text == "2027-01  ¥627.00"
    assert page.to_pay.pairs[then + 1] == pair("", "26 天后到期")  # the next bill's due phrase under it
    assert values(page.to_pay)["逾期费"].text == "¥5.95（+¥1.19/天）"
    assert page.history[1] == tr("status.unsettled", "zh")


def test_status_with_nothing_recorded_shows_a_hint_on_screen_and_the_rows_in_text() -> None:
    page = status_page(Snapshot.of(Ledger(), DEMO_DAY), "en")
    # the next steps (issue 14): the bills first, then every setting still missing
    assert page.to_pay.hint == ("No bills yet. Next:", "i  import the Alipay export", "2, then a  type in a bill",
                                "s  set the limit", "b  record the repayment balance", "s  say whether auto-repay is on",
                                "s  the opening date (for the grid)")
    assert all(words[0].role == "hint" for words in page.to_pay.screen_lines())
    assert plain_lines(page.to_pay.lines()) == ["Bill     Nothing to pay", "Balance  unknown"]
    # not "Never overdue": nothing is known of a record before a bill exists
    assert page.history == ("No bills yet: the overdue record shows once bills are in",)
    assert page.trend == () and page.trend_caption == "" and not page.show_trend
    assert page.next_steps[0] == "import the Alipay export: huabei import alipay FILE (in the app: i)"
    assert status_page(demo(), "en").next_steps == ()


# -- checklist ---------------------------------------------------------------------------------------------------

def test_checklist_rows_keys_marks_and_hints() -> None:
    page = checklist_page(demo(), "en")
    assert page.reporting == "reported"
    assert plain(page.banner[0]) == "Credit reporting: reported (recorded 2026-10-20)"
    assert page.banner[0][1] == Phrase("reported", "badge")
    keys = [row.key for row in page.rows]
    assert keys[:6] == [None, "auth:open_alipay", "auth:open_huabei", "auth:tap_mine", "auth:open_contracts",
                        "auth:find_authorization"]
    assert keys[6:10] == [None, "answer:found", "answer:not_found", "answer:unsure"]
    assert plain(page.rows[0].text) == "1. Find the authorization in Alipay (article §2)  5/5"
    assert page.rows[1].mark == "[x]" and page.rows[1].aside == "2026-10-20"
    found = page.rows[7]
    assert (found.mark, found.aside, found.key_hint) == ("(*)", "", "f")  # the key is a hint, not a date
    assert plain(page.rows[6].text) == "2. Your answer"  # "(f / n / u; used everywhere)" is a hint
    revoke = [row for row in page.rows if row.key and row.key.startswith("revoke:")]
    assert plain(revoke[0].note).startswith("Note: Revoking only stops new reports")


@pytest.mark.parametrize(("ticked", "key"), [(0, "chk.next.steps"), (5, "chk.next.answer")])
def test_an_unanswered_checklist_says_what_to_press_as_a_hint(ticked: int, key: str) -> None:
    ticks = {step.id: DEMO_DAY for step in checklist.AUTH_STEPS[:ticked]}
    page = checklist_page(Snapshot.of(Ledger(auth_check=Checklist(ticks=ticks)), DEMO_DAY), "zh")
    assert page.reporting == "unknown"
    assert page.banner[1] == (Phrase(tr(key, "zh"), "hint"),)
    assert plain_lines(page.banner) == ["征信报送：未核查（见 3）"]


def test_steps_ticked_for_an_earlier_overdue_read_last_done() -> None:
    page = recovery_page(demo(LATE), "en")
    assert [(row.mark, row.aside) for row in page.steps[:2]] == [("[ ]", "last 2026-02-12"), ("[ ]", "last 2026-02-19")]


# -- recovery ----------------------------------------------------------------------------------------------------

def late_ledger() -> Ledger:
    m = Month
    bills = {m(2018, 3): 100_000, m(2021, 8): 9_876_543, m(2025, 9): 1_234_567}
    payments = (Payment("p1", m(2018, 3), 100_000, date(2018, 3, 13)),
                Payment("p2", m(2021, 8), 9_876_543, date(2022, 3, 8)),
                Payment("p4", m(2025, 9), 1_000, date(2025, 9, 20)))
    return Ledger(account=Account(limit=20_000_000), manual_bills=bills, payments=payments)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_episode_table_narrows_to_fit_and_keeps_every_column_it_can(lang: str) -> None:
    summary = Snapshot.of(late_ledger(), date(2026, 12, 15)).summary
    wide = episode_table(summary.overdue_episodes, summary.today, lang, width=200)
    assert wide.gap == 2 and tr("rec.col.settled", lang) in wide.headers
    assert wide.roles == ("", "", "strong")  # the unpaid one stands out
    for width in (76, 72):
        narrow = episode_table(summary.overdue_episodes, summary.today, lang, width=width)
        assert narrow.width <= width < wide.width
        assert [row[0] for row in narrow.rows] == ["2018-03", "2021-08", "2025-09"]
    tightest = episode_table(summary.overdue_episodes, summary.today, lang, width=40)  # nothing fits: the narrowest
    assert tightest.gap == 1 and tr("rec.col.settled", lang) not in tightest.headers
    assert tightest.rows[2][1] == "09-10"  # the due date without its year
    assert tr("rec.col.per_day", lang) in wide.headers


def test_recovery_notes_and_contacts() -> None:
    page = recovery_page(demo(), "zh")
    assert [p.role for p in page.notes] == ["dim"]
    assert recovery_page(demo(LATE), "zh").notes == (Phrase(tr("rec.unsettled_note", "zh"), "strong"),)
    assert plain(page.contacts_title) == "客服沟通记录" and page.contacts_title[1].role == "title hint"
    ledger = replace(demo_ledger(DEMO_DAY), contacts=(
        ContactEntry("b", date(2026, 3, 1), "other", "问了额度", None),
        ContactEntry("a", date(2026, 3, 1), "deferral", "同意", "工号 42"),
        ContactEntry("c", date(2026, 1, 5), "instalments", "可以分 6 期", None)))
    rows = recovery_page(Snapshot.of(ledger, DEMO_DAY), "zh").contacts
    assert [(row.on, row.topic) for row in rows] == [("2026-01-05", "申请分期还款"), ("2026-03-01", "申请延期还款"),
                                                     ("2026-03-01", "其他咨询")]
    assert plain(rows[1].body("zh")) == "申请延期还款：同意（工号 42）"
    assert plain(rows[1].body("en")) == "申请延期还款: 同意 (工号 42)"
    empty = recovery_page(Snapshot.of(Ledger(), DEMO_DAY), "en")
    assert plain(empty.no_contacts) == "Nothing yet." and empty.episodes is None


def test_the_grid_rows_mark_today_s_month_and_keep_the_legend_beside_them() -> None:
    snapshot = demo()
    lines = grid_lines(snapshot.summary.grid, Month(2026, 11), recovery.grid_legend("en"))
    text = plain_lines(lines)
    assert text[0].split()[:12] == [str(n) for n in range(1, 13)] and text[0].endswith("N  normal")
    assert [row[:4] for row in text[1:3]] == ["2024", "2025"]
    assert text[1][4:4 + 33].strip() == ""  # 2024-01 … 2024-11 are outside the 24 months: blank, not "/"
    legend_starts = {cell_width(row[: row.index(legend)]) for row, legend in
                     zip(text, recovery.grid_legend("en"), strict=True)}
    assert legend_starts == {43}
    current = [p for words in lines for p in words if "current" in p.role.split()]
    assert len(current) == 1 and current[0].text == "N"
    overdue = [p for words in lines for p in words if p.role == "code-overdue"]
    assert [p.text for p in overdue] == ["1"]  # the demo's February 2026


# -- calendar ----------------------------------------------------------------------------------------------------

def test_the_calendar_page_opens_on_the_snapshot_s_day() -> None:
    page = calendar_page(demo(), "en")
    assert page.day.title == "2026-11-29 Sun · today"
    said = plain_lines(page.day.lines)
    assert said == ["Nothing issued or due", "Next to pay: bill 2026-12", "  ¥2,380.00 · due in 11 days",
                    "Purchases go on bill 2026-12"]
    assert page.month.title == "November 2026 · bills and instalments"
    assert page.month.bills is not None and page.month.bills.roles == ("state-paid",)
    assert page.month.installments is not None and page.month.installments.rows[0][1:] == ("2/6", "¥627.00",
                                                                                            "2026-11")


def test_a_due_day_and_a_month_without_bills() -> None:
    snapshot = demo(LATE)
    view = month_view(snapshot, Month(2026, 12))
    panel = day_panel(snapshot, view.cell(date(2026, 12, 10)), "zh")
    assert panel.title == "2026-12-10 周四 · 5 天前"
    assert plain_lines(panel.lines)[:4] == ["! 到期：2026-12 账单 ¥2,380.00", "  已还 ¥0.00 · 待还 ¥2,380.00",
                                            "  已逾期 5 天", "  逾期费 ¥5.95，每多一天 +¥1.19"]
    assert panel.lines[2][0].role == "state-overdue"
    empty = month_panel(month_view(snapshot, Month(2024, 6)), "en")
    assert empty.bills is None and plain_lines(empty.lines()) == ["No bill issued or due this month"]
    assert empty.lines()[0][1] == Phrase(" (a adds one)", "dim hint")


def test_every_view_string_has_both_languages_and_the_same_placeholders() -> None:
    def names(template: str) -> set[str]:
        return {name for _, name, _, _ in string.Formatter().parse(template) if name}

    from huabei_tui.strings import calendar as calendar_strings
    from huabei_tui.strings import checklist as checklist_strings
    from huabei_tui.strings import recovery as recovery_strings
    from huabei_tui.strings import status as status_strings

    for module in (status_strings, calendar_strings, checklist_strings, recovery_strings):
        for key, (zh, en) in module.STRINGS.items():
            assert zh.strip() and en.strip(), key
            if key != "cal.month_title":  # "2026年11月" takes the number, "November 2026" the name
                assert names(zh) == names(en), key


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_bill_left_at_its_minimum_is_shown_with_its_interest_and_where_it_moves(lang: str) -> None:
    """Between the due date and the next statement date nothing is due, yet the remainder costs every day: the
    panel says so instead of "nothing to pay" (and, with a later bill typed already, adds a remainder row)."""
    alone = Ledger(account=Account(opened=date(2024, 1, 1), statement_day=1, due_day=10),
                   manual_bills={Month(2025, 9): 200_000},
                   payments=(Payment("p1", Month(2025, 9), 20_000, date(2025, 9, 10)),))
    page = status_page(Snapshot.of(alone, date(2025, 9, 20)), lang)
    assert page.to_pay.title == tr("status.carrying_title", lang)
    shown = {label: value.text for label, value in values(page.to_pay).items()}
    assert shown[tr("status.left", lang)] == "¥1,800.00"
    assert shown[tr("status.interest", lang)].startswith("¥9.00") and "¥0.90" in shown[tr("status.interest", lang)]
    assert shown[tr("status.moves", lang)] == tr("status.moves_text", lang, date="10-01", month="2025-10")
    assert "¥1,818.00" in shown[tr("status.moving", lang)]
    assert tr("label.no_next_bill", lang) not in shown.values()

    with_next = replace(alone, manual_bills={Month(2025, 9): 200_000, Month(2025, 10): 30_000})
    page = status_page(Snapshot.of(with_next, date(2025, 9, 20)), lang)
    assert page.to_pay.title == tr("label.next_bill", lang)
    shown = {label: value.text for label, value in values(page.to_pay).items()}
    assert shown[tr("status.remainder", lang)] == tr("status.remainder_text", lang, month="2025-09", left="¥1,800.00")
    unlabelled = [p.value.text for p in page.to_pay.pairs if not p.label]
    assert any("¥0.90" in text for text in unlabelled) and any("10-01" in text for text in unlabelled)


def test_the_bills_chart_shows_issued_bills_only() -> None:
    # On 2026-12-06 the demo's bill 2027-01 already exists (a split's part lands on it) but is issued on 2027-01-01:
    # the chart of the last 24 bills ends with 2026-12, the newest issued one.
    snapshot = Snapshot.of(demo_ledger(DEMO_DAY), date(2026, 12, 6))
    bills = snapshot.summary.bills
    assert not bills[-1].issued and str(bills[-1].month) == "2027-01"
    issued = [b for b in bills if b.issued][-24:]
    page = status_page(snapshot, "en")
    assert page.trend == tuple(b.amount for b in issued)
    assert page.trend[-1] == snapshot.summary.bill(Month(2026, 12)).amount
