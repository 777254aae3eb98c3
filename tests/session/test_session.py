"""The session: one current snapshot (recomputed on a new file or a new day, never otherwise) and its use cases."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from pathlib import Path

import pytest

from huabei_tui.clock import Clock
from huabei_tui.domain.account import Account
from huabei_tui.domain.dates import Month
from huabei_tui.domain.errors import InputError
from huabei_tui.domain.installments import InstallmentPlan
from huabei_tui.domain.ledger import Ledger, Purchase
from huabei_tui.session import ChargesMemo, Saved, Session, Snapshot
from huabei_tui.session.settings import SettingsConflict
from huabei_tui.storage.repository import Repository
from huabei_tui.storage.store import Store

DAY = date(2025, 11, 9)  # the day before bill 2025-11 (statement day 1) is due on 11-10


@dataclass
class Calendar:
    """A clock source the test moves by hand."""

    day: date = DAY

    def __call__(self) -> date:
        return self.day


def make(path: Path, ledger: Ledger | None = None, day: date = DAY) -> tuple[Session, Calendar]:
    repo = Repository(Store(path))
    if ledger is not None:
        repo.replace_ledger(ledger, only_if_empty=False)
    calendar = Calendar(day)
    return Session(repo, Clock(source=calendar)), calendar


def two_bills() -> Ledger:
    """Bill 2025-10 (due 10-10) unpaid and overdue; bill 2025-11 due 11-10, unpaid."""
    return Ledger(account=Account(statement_day=1, due_day=10),
                  manual_bills={Month(2025, 10): 100_000, Month(2025, 11): 50_000})


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return tmp_path / "huabei.json"


# -- the snapshot: when it is recomputed ------------------------------------------------------------------------

def test_the_same_snapshot_while_neither_the_file_nor_the_day_changed(db: Path) -> None:
    session, _calendar = make(db, two_bills())
    first = session.current()
    assert session.current() is first
    assert session.current() is first
    assert session.snapshot is first
    assert session.computed == 1


def test_a_change_by_another_process_gives_a_new_snapshot(db: Path) -> None:
    session, _calendar = make(db, two_bills())
    first = session.current()
    Repository(Store(db)).add_bill(Month(2025, 9), 30_000, DAY)  # another terminal, another repository
    second = session.current()
    assert second is not first
    assert second.signature != first.signature
    assert second.summary.bill(Month(2025, 9)) is not None
    assert first.summary.bill(Month(2025, 9)) is None  # the old snapshot never changes
    assert session.current() is second
    assert session.computed == 2


def test_a_new_day_gives_a_new_snapshot_with_the_new_days_figures(db: Path) -> None:
    session, calendar = make(db, two_bills())
    before = session.current()
    assert before.today == DAY
    assert before.summary.bill(Month(2025, 11)).days_to_due == 1
    late = before.summary.bill(Month(2025, 10))
    assert late.overdue_days == 30

    calendar.day = DAY + timedelta(days=1)
    after = session.current()
    assert after is not before
    assert after.signature == before.signature  # the file did not change
    assert after.today == calendar.day == after.summary.today
    assert after.summary.bill(Month(2025, 11)).days_to_due == 0
    assert after.summary.bill(Month(2025, 10)).overdue_days == 31
    assert after.summary.bill(Month(2025, 10)).fee == late.fee + late.fee_per_day
    assert session.current() is after


def test_the_snapshot_property_looks_at_neither_file_nor_clock(db: Path) -> None:
    session, calendar = make(db, two_bills())
    first = session.current()
    calendar.day = DAY + timedelta(days=3)
    Repository(Store(db)).add_bill(Month(2025, 9), 30_000, DAY)
    assert session.snapshot is first  # what was handed out; current() is what notices changes
    assert session.current() is not first


def test_a_missing_file_is_an_empty_ledger_and_nothing_is_written(db: Path) -> None:
    session, _calendar = make(db)
    snapshot = session.current()
    assert snapshot.ledger == Ledger()
    assert snapshot.summary.bills == []
    assert not db.exists()


def test_clock_following_an_instant_turns_at_midnight_in_shanghai() -> None:
    instant = datetime(2025, 11, 9, 15, 59, 30, tzinfo=UTC)  # 23:59:30 in Shanghai
    clock = Clock.following(lambda: instant)
    assert clock.today() == date(2025, 11, 9)
    instant += timedelta(seconds=31)  # 00:00:01 on the 10th in Shanghai, still the 9th in UTC
    assert clock.today() == date(2025, 11, 10)


# -- the charges memo ---------------------------------------------------------------------------------------------

def buy(order: str, when: datetime, fen: int) -> Purchase:
    return Purchase(order_no=order, time=when, amount=fen)


def test_charges_memo_follows_every_input() -> None:
    """The memo keeps its last answer for the same purchase and plan tuples; any other input (the day, the
    statement day, other tuples with the same content) still gets the right answer, and changing what a caller
    got back does not change the next answer."""
    memo = ChargesMemo()
    m = Month
    purchases = (buy("a", datetime(2025, 7, 5, 12), 100), buy("b", datetime(2025, 7, 20, 12), 200))
    ledger = Ledger(purchases=purchases)
    first = memo(ledger, date(2025, 7, 10))
    first[m(2025, 8)] = 999_999
    assert memo(ledger, date(2025, 7, 10)) == {m(2025, 8): 100}
    assert memo.computed == 1
    assert memo(ledger, date(2025, 7, 25)) == {m(2025, 8): 300}
    late = Ledger(account=Account(statement_day=10, due_day=20), purchases=purchases)
    assert memo(late, date(2025, 7, 25)) == {m(2025, 7): 100, m(2025, 8): 200}
    more = Ledger(purchases=(*purchases, buy("c", datetime(2025, 7, 21, 12), 50)))
    assert memo(more, date(2025, 7, 25)) == {m(2025, 8): 350}
    plan = InstallmentPlan(id="p", principal=1_200, periods=3, fee_percent=Decimal("0"), first_bill=m(2025, 8))
    assert memo(Ledger(purchases=purchases, plans=(plan,)), date(2025, 7, 25)) == {m(2025, 8): 700}
    assert memo(Ledger(purchases=tuple(list(purchases))), date(2025, 7, 25)) == {m(2025, 8): 300}  # equal, not same
    assert memo.computed == 6  # every new input summed again; only the repeat at the start was not


def test_a_save_that_does_not_touch_the_purchases_does_not_sum_them_again(db: Path) -> None:
    ledger = Ledger(account=Account(statement_day=1, due_day=10),
                    purchases=tuple(buy(f"o{i}", datetime(2025, 10, 1 + i % 28, 12), 100 + i) for i in range(50)))
    session, _calendar = make(db, ledger)
    session.current()
    computed = session._charges.computed
    session.set_step("auth", "1", done=True)
    session.answer("found")
    session.record_payment(Month(2025, 11), 1_00)
    assert session._charges.computed == computed


# -- use cases: validate, save, return the new snapshot --------------------------------------------------------

def test_every_use_case_returns_the_snapshot_of_the_file_it_saved(db: Path) -> None:
    session, _calendar = make(db, two_bills())
    steps: list[Snapshot | Saved] = [
        session.change_settings({"limit": 500_000}),
        session.record_balance(20_000),
        session.save_bill(Month(2025, 9), 10_000),
        session.record_payment(Month(2025, 10), 40_000),
        session.set_step("recovery", "contact_service", done=True),
        session.answer("not_found"),
        session.add_contact(" Deferral ", "agreed", "ticket 7"),
        session.remove_bill(Month(2025, 9)),
    ]
    for step in steps:
        snapshot = step.snapshot if isinstance(step, Saved) else step
        assert isinstance(snapshot, Snapshot)
    final = steps[-1]
    assert final is session.current()  # up to date: nothing to read again
    assert final.ledger == Repository(Store(db)).load()
    assert final.ledger.account.limit == 500_000
    assert final.ledger.account.balance == 20_000 and final.ledger.account.balance_checked_on == DAY
    assert final.summary.bill(Month(2025, 10)).paid == 40_000
    assert "contact_service" in final.ledger.recovery.ticks
    assert final.ledger.auth_check.answer == "not_found"
    assert final.ledger.contacts[0].topic == "deferral"  # typed loosely, stored as the topic's key
    assert Month(2025, 9) not in final.ledger.manual_bills


def test_minimum_and_bill_instalments_are_use_cases_too(db: Path) -> None:
    session, _calendar = make(db, two_bills(), day=date(2025, 11, 5))  # between bill 2025-11's statement and due
    with_minimum = session.set_minimum(Month(2025, 11), 10_000)
    assert with_minimum.ledger.minimums == {Month(2025, 11): 10_000}
    assert with_minimum.summary.bill(Month(2025, 11)).minimum == 10_000
    split = session.split_bill(Month(2025, 11), 3)
    assert split.value.periods == 3 and split.value.on == date(2025, 11, 5)
    assert split.snapshot.ledger.bill_instalment_for(Month(2025, 11)) == split.value
    cancelled = session.cancel_split(Month(2025, 11))
    assert cancelled.value == split.value
    assert cancelled.snapshot.ledger.bill_instalment_for(Month(2025, 11)) is None
    assert session.set_minimum(Month(2025, 11), None).ledger.minimums == {}


def test_use_cases_say_what_they_did(db: Path) -> None:
    session, _calendar = make(db, two_bills())
    changed = session.save_bill(Month(2025, 11), 60_000, replace=True)
    assert changed.value is not None and changed.value.amount == 50_000  # the bill as it was
    assert changed.snapshot.summary.bill(Month(2025, 11)).amount == 60_000
    paid = session.record_payment(Month(2025, 10), 1_000, date(2025, 11, 2))
    assert paid.value.amount == 1_000 and paid.value.on == date(2025, 11, 2)
    ticked = session.set_step("auth", "2", done=True)
    assert ticked.value.id == "open_huabei"
    assert ticked.snapshot.ledger.auth_check.ticks == {"open_huabei": DAY}
    unticked = session.set_step("auth", "open_huabei", done=False)
    assert unticked.snapshot.ledger.auth_check.ticks == {}


@pytest.mark.parametrize("use_case", [
    lambda s: s.save_bill(Month(2025, 11), 1),  # exists already
    lambda s: s.record_payment(Month(2025, 10), 999_999),  # more than owed
    lambda s: s.record_payment(Month(2025, 10), 1, DAY + timedelta(days=1)),  # in the future
    lambda s: s.remove_bill(Month(2024, 1)),
    lambda s: s.set_step("auth", "²", done=True),
    lambda s: s.set_step("auth", "99", done=True),
    lambda s: s.answer("maybe"),
    lambda s: s.add_contact("weather", "x"),
    lambda s: s.change_settings({"due_day": 1}),  # equal to the statement day
    lambda s: s.load_demo(),  # there is data: refused without force
], ids=["bill exists", "overpay", "future payment", "no such bill", "superscript step", "no step 99",
        "bad answer", "bad topic", "due day = statement day", "demo over data"])
def test_a_refused_use_case_changes_nothing(db: Path, use_case) -> None:
    session, _calendar = make(db, two_bills())
    before = session.current()
    data = db.read_bytes()
    with pytest.raises(InputError):
        use_case(session)
    assert db.read_bytes() == data
    assert session.current() is before


def test_no_change_no_save(db: Path) -> None:
    session, _calendar = make(db, two_bills())
    before = session.current()
    data = db.read_bytes()
    assert session.change_settings({}) is before
    assert db.read_bytes() == data


def test_load_demo_on_an_empty_file_and_with_force(db: Path) -> None:
    session, _calendar = make(db)
    snapshot = session.load_demo()
    assert snapshot.summary.bills and snapshot.today == DAY
    assert session.load_demo(force=True).summary.bills


# -- settings: only what changed, and a conflict instead of a lost update ----------------------------------------

def test_settings_changed_elsewhere_are_a_conflict_and_nothing_is_saved(db: Path) -> None:
    session, _calendar = make(db, two_bills())
    started = {"limit": None, "due_day": 10}
    Repository(Store(db)).update_account(lambda a: Account.with_changes(a, limit=300_000))  # another terminal
    data = db.read_bytes()
    with pytest.raises(SettingsConflict) as caught:
        session.change_settings({"limit": 900_000, "due_day": 12}, started)
    (conflict,) = caught.value.conflicts
    assert (conflict.name, conflict.started, conflict.theirs, conflict.mine) == ("limit", None, 300_000, 900_000)
    assert caught.value.theirs == {"limit": 300_000}
    assert db.read_bytes() == data
    # Having seen their value, the user may write theirs over it: checked against what they saw.
    saved = session.change_settings({"limit": 900_000, "due_day": 12}, {**started, **caught.value.theirs})
    assert saved.ledger.account.limit == 900_000 and saved.ledger.account.due_day == 12


def test_a_setting_changed_elsewhere_that_the_form_did_not_touch_is_kept(db: Path) -> None:
    session, _calendar = make(db, two_bills())
    started = {"limit": None, "due_day": 10, "fee_rate": Decimal("0.05")}
    Repository(Store(db)).update_account(lambda a: Account.with_changes(a, fee_rate=Decimal("0.04")))
    saved = session.change_settings({"limit": 700_000}, started)  # only what the user changed
    assert saved.ledger.account.limit == 700_000
    assert saved.ledger.account.fee_rate == Decimal("0.04")  # the other terminal's change survives


def test_the_same_change_made_twice_is_no_conflict(db: Path) -> None:
    session, _calendar = make(db, two_bills())
    Repository(Store(db)).update_account(lambda a: Account.with_changes(a, limit=300_000))
    saved = session.change_settings({"limit": 300_000}, {"limit": None})
    assert saved.ledger.account.limit == 300_000


# -- import --------------------------------------------------------------------------------------------------------

def test_an_unreadable_file_is_an_import_file_error_in_either_language(db: Path, tmp_path: Path) -> None:
    from huabei_tui.i18n import describe_error
    from huabei_tui.session.importing import ImportFileError

    session, _calendar = make(db, two_bills())
    missing = tmp_path / "nope.csv"
    with pytest.raises(ImportFileError) as caught:
        session.read_import([missing])
    assert describe_error(caught.value, "en").startswith(f"file: cannot read {missing}: ")
    assert describe_error(caught.value, "zh").startswith(f"文件：无法读取 {missing}：")
    assert caught.value.reason("en").startswith(f"cannot read {missing}")
