"""A change decodes again only the tables it changed, and what is reused is always what the file holds.

With years of imported purchases, decoding the ledger before a change (for the domain checks) and after it (the
app's reload) dominated every save; ``DecodedTables`` keeps each table's decoded value with the table it came
from. These tests pin down when a value may be reused and that a reused value is never a stale one.
"""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pytest

from huabei_tui.domain.dates import Month
from huabei_tui.domain.ledger import Purchase
from huabei_tui.storage import codec
from huabei_tui.storage.errors import StoreCorrupt
from huabei_tui.storage.repository import Repository
from huabei_tui.storage.store import Store

TODAY = date(2026, 11, 29)


@pytest.fixture
def decoded(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The names of the tables decoded (not reused), in order."""
    names: list[str] = []
    for name, decoder in list(codec._DECODERS.items()):
        def counting(docs, name=name, decoder=decoder):
            names.append(name)
            return decoder(docs)

        monkeypatch.setitem(codec._DECODERS, name, counting)
    return names


def purchases(count: int) -> list[Purchase]:
    return [Purchase(order_no=f"P{i}", time=datetime(2026, 10, 1 + i % 28, 12), amount=100 + i)
            for i in range(count)]


@pytest.fixture
def repo(tmp_path: Path) -> Repository:
    repository = Repository(Store(tmp_path / "data.json"))
    repository.add_imported(purchases(50), [], [])
    return repository


def test_a_checklist_tick_decodes_only_the_checklists(repo: Repository, decoded: list[str]) -> None:
    repo.load()
    decoded.clear()
    repo.set_tick("auth", "open_alipay", TODAY)
    ledger = repo.load()
    assert decoded == ["checklists"]  # the reload; the check before the save reused everything
    assert ledger.auth_check.ticks == {"open_alipay": TODAY}
    assert len(ledger.purchases) == 50


def test_an_unchanged_reload_decodes_nothing(repo: Repository, decoded: list[str]) -> None:
    first = repo.load()
    decoded.clear()
    assert repo.load() == first
    assert decoded == []


def test_another_process_s_change_is_decoded(repo: Repository, tmp_path: Path, decoded: list[str]) -> None:
    repo.load()
    other = Repository(Store(tmp_path / "data.json"))  # a second terminal
    other.add_imported(purchases(51)[50:], [], [])
    decoded.clear()
    ledger = repo.load()
    assert "imported_totals" in decoded  # the rows themselves are never decoded to show bills
    assert len(ledger.purchases) == 51


def test_every_reused_value_equals_a_fresh_decode(repo: Repository, tmp_path: Path) -> None:
    """After a mix of changes, the cached ledger is exactly what decoding the file from scratch gives."""
    repo.load()
    repo.set_tick("recovery", "repay_all", TODAY)
    repo.add_bill(Month(2026, 9), 12_300, TODAY)
    repo.set_answer("found", TODAY)
    repo.set_tick("recovery", "repay_all", None)
    repo.add_imported(purchases(60)[50:], [], [])
    fresh = Repository(Store(tmp_path / "data.json")).load()
    assert repo.load() == fresh


def test_tables_a_transaction_edits_in_place_are_never_remembered() -> None:
    """TinyDB edits a transaction's documents in place; remembering them would let a later comparison match
    content that has changed under the remembered value."""
    cache = codec.DecodedTables()
    table = {"1": {"name": "auth", "ticks": {}, "answer": None, "answered_on": None}}
    ledger = codec.ledger_from_tables({"checklists": table}, cache=cache, remember=False)
    table["1"]["answer"] = "found"  # what an update inside the transaction would do
    again = codec.ledger_from_tables({"checklists": table}, cache=cache)
    assert ledger.auth_check.answer is None
    assert again.auth_check.answer == "found"


def test_a_table_that_does_not_decode_is_still_reported(tmp_path: Path) -> None:
    cache = codec.DecodedTables()
    good = {"1": {"month": "2026-09", "amount": 100}}
    codec.ledger_from_tables({"bills": good}, cache=cache)
    with pytest.raises(StoreCorrupt):
        codec.ledger_from_tables({"bills": {"1": {"month": "2026-09", "amount": 1.5}}}, tmp_path, cache)
    with pytest.raises(StoreCorrupt):
        codec.ledger_from_tables({"checklists": {"1": {"name": "auth", "ticks": {"x": "not a date"}}}}, tmp_path,
                                 cache)
