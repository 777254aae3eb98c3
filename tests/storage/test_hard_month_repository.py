"""Storing what issue 12 adds: typed minimum payments, bill instalments and the two new rates, through the
repository (checked inside the locked transaction; refused input leaves the file byte-for-byte unchanged)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from huabei_tui.domain.account import Account
from huabei_tui.domain.bill_instalments import BillInstalment
from huabei_tui.domain.dates import Month
from huabei_tui.domain.errors import InputError
from huabei_tui.domain.ledger import Ledger
from huabei_tui.domain.summary import summarize
from huabei_tui.storage import codec
from huabei_tui.storage.repository import Repository
from huabei_tui.storage.store import Store

SEPT, OCT = Month(2025, 9), Month(2025, 10)


@pytest.fixture
def repo(tmp_path: Path) -> Repository:
    repository = Repository(Store(tmp_path / "data.json"))
    repository.add_bill(SEPT, 60_000, date(2025, 9, 5))
    return repository


def unchanged(repo: Repository, change: Callable[[], object], key: str) -> None:
    before = repo.path.read_bytes()
    with pytest.raises(InputError) as caught:
        change()
    assert caught.value.key == key
    assert repo.path.read_bytes() == before


def test_minimum_override_saved_and_removed(repo: Repository) -> None:
    today = date(2025, 9, 5)
    repo.set_minimum(SEPT, 5_000, today)
    assert repo.load().minimums == {SEPT: 5_000}
    repo.set_minimum(SEPT, 7_000, today)  # replaces, never two for one bill
    assert repo.load().minimums == {SEPT: 7_000}
    assert summarize(repo.load(), today).bill(SEPT).minimum == 7_000
    repo.set_minimum(SEPT, None, today)  # auto
    assert repo.load().minimums == {}
    repo.set_minimum(SEPT, None, today)  # auto twice is fine
    unchanged(repo, lambda: repo.set_minimum(SEPT, 60_001, today), "minimum.above_amount")
    unchanged(repo, lambda: repo.set_minimum(Month(2025, 5), 100, today), "minimum.unknown_bill")


def test_bill_instalment_saved_cancelled_and_refused(repo: Repository) -> None:
    split = repo.add_bill_instalment(SEPT, 6, date(2025, 9, 5), date(2025, 9, 6))
    assert (split.principal, split.periods, split.fee_percent) == (60_000, 6, Decimal("4.5"))
    assert repo.load().bill_instalments == (split,)
    assert summarize(repo.load(), date(2025, 9, 6)).bill(SEPT).status == "instalment"
    unchanged(repo, lambda: repo.add_bill_instalment(SEPT, 3, date(2025, 9, 6), date(2025, 9, 6)),
              "instalment.already")
    unchanged(repo, lambda: repo.add_payment(SEPT, 100, date(2025, 9, 6), date(2025, 9, 6)), "pay.split")
    unchanged(repo, lambda: repo.add_bill(SEPT, 70_000, date(2025, 9, 6), replace=True), "bill.split")
    unchanged(repo, lambda: repo.cancel_bill_instalment(SEPT, date(2025, 10, 1)), "instalment.first_issued")
    assert repo.cancel_bill_instalment(SEPT, date(2025, 9, 6)) == split
    assert repo.load().bill_instalments == ()
    unchanged(repo, lambda: repo.cancel_bill_instalment(SEPT, date(2025, 9, 6)), "instalment.none")
    unchanged(repo, lambda: repo.add_bill_instalment(SEPT, 6, date(2025, 9, 11), date(2025, 9, 11)),
              "instalment.window")


def test_a_payment_after_the_move_is_recorded_against_the_new_bill(repo: Repository) -> None:
    repo.add_bill(SEPT, 200_000, date(2025, 9, 5), replace=True)
    repo.add_payment(SEPT, 20_000, date(2025, 9, 10), date(2025, 9, 10))
    payment = repo.add_payment(SEPT, 50_000, date(2025, 10, 3), date(2025, 10, 3))
    assert payment.month == OCT
    state = summarize(repo.load(), date(2025, 10, 3)).bill(OCT)
    assert (state.carried_in, state.interest_in, state.paid) == (180_000, 1_800, 50_000)
    # More than the new bill's ¥1,818.00 − ¥500.00 still owed is refused, naming the bill it would pay.
    unchanged(repo, lambda: repo.add_payment(SEPT, 131_801, date(2025, 10, 3), date(2025, 10, 3)), "pay.too_much")
    # Dated before the move, it still pays September (and lowers what moved), up to what moved.
    early = repo.add_payment(SEPT, 10_000, date(2025, 9, 20), date(2025, 10, 3))
    assert early.month == SEPT
    assert summarize(repo.load(), date(2025, 10, 3)).bill(OCT).carried_in == 170_000


def test_a_backdated_payment_cannot_pay_twice_what_moved(repo: Repository) -> None:
    """September's ¥1,800.00 moved into October and October is paid off: a payment dated in September for that
    same money would be paid twice, so it is refused."""
    repo.add_bill(SEPT, 200_000, date(2025, 9, 5), replace=True)
    repo.add_payment(SEPT, 20_000, date(2025, 9, 10), date(2025, 9, 10))
    repo.add_payment(OCT, 181_800, date(2025, 10, 5), date(2025, 10, 5))
    unchanged(repo, lambda: repo.add_payment(SEPT, 180_000, date(2025, 9, 20), date(2025, 10, 6)), "pay.too_much")


def test_rates_round_trip(repo: Repository) -> None:
    repo.update_account(lambda a: a.with_changes(min_rate=Decimal("12.5"), interest_rate=Decimal("0.035")))
    account = repo.load().account
    assert (account.min_rate, account.interest_rate) == (Decimal("12.5"), Decimal("0.035"))
    assert codec.account_from_doc(codec.account_to_doc(account)) == account
    assert codec.account_from_doc({"statement_day": 1, "due_day": 10}).min_rate == Decimal("10")


def test_replace_ledger_writes_the_new_tables(tmp_path: Path) -> None:
    split = BillInstalment("s1", SEPT, 3, 60_000, Decimal("2.3"), date(2025, 9, 5))
    ledger = Ledger(account=Account(min_rate=Decimal("8")), manual_bills={SEPT: 60_000}, minimums={SEPT: 5_000},
                    bill_instalments=(split,))
    repository = Repository(Store(tmp_path / "data.json"))
    assert repository.replace_ledger(ledger, only_if_empty=True)
    loaded = repository.load()
    assert (loaded.minimums, loaded.bill_instalments, loaded.account.min_rate) == (
        {SEPT: 5_000}, (split,), Decimal("8"))
    assert not loaded.is_empty()
    assert not Ledger(minimums={SEPT: 1}).is_empty() and not Ledger(bill_instalments=(split,)).is_empty()
