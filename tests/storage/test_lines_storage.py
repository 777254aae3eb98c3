"""Credit lines in the data file: the schema-3 migration, each line's own tables, removing a line."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from huabei_tui.domain.account import Account
from huabei_tui.domain.dates import Month
from huabei_tui.domain.errors import InputError
from huabei_tui.domain.lines import CREDIT_PURCHASE, HUABEI, CreditLine, Lines
from huabei_tui.storage import migrations
from huabei_tui.storage.errors import StoreCorrupt
from huabei_tui.storage.repository import Repository
from huabei_tui.storage.store import Store

#: A data file exactly as version 2 wrote it: one account, its bills and payments, a ticked checklist.
VERSION_2_FILE = {
    "_meta": {"1": {"schema": 2}},
    "account": {"1": {"limit": 800000, "statement_day": 1, "due_day": 10, "auto_repay": True, "balance": None,
                      "balance_checked_on": None, "opened": "2024-01-01", "fee_rate": "0.05",
                      "min_rate": "10", "interest_rate": "0.05",
                      "installment_rates": {"3": "2.3", "6": "4.5", "9": "6.5", "12": "7.5"}}},
    "bills": {"1": {"month": "2025-09", "amount": 200000}},
    "payments": {"1": {"id": "p1", "month": "2025-09", "amount": 20000, "on": "2025-09-10", "source": "manual",
                       "order_no": None}},
    "checklists": {"1": {"name": "auth", "ticks": {"open_alipay": "2025-09-01"}, "answer": None,
                         "answered_on": None}},
    "minimums": {},
    "bill_instalments": {},
}


def _add_line(repo: Repository, name: str, limit: int | None = None) -> CreditLine:
    return repo.add_line(lambda lines: CreditLine(lines.next_id(), name, ()),
                         lambda _line: None if limit is None else Account(limit=limit))


def test_a_version_2_file_becomes_one_line_named_huabei_and_keeps_a_backup(db_path: Path) -> None:
    db_path.write_text(json.dumps(VERSION_2_FILE, ensure_ascii=False), encoding="utf-8")
    original = db_path.read_bytes()
    repo = Repository(Store(db_path))
    assert repo.lines() == Lines((CreditLine(1, "花呗", (HUABEI,)),))
    assert repo.load().manual_bills == {Month(2025, 9): 200000}
    assert db_path.read_bytes() == original, "reading never rewrites the file"

    _add_line(repo, "信用购", 500000)
    on_disk = json.loads(db_path.read_text(encoding="utf-8"))
    assert on_disk["_meta"] == {"1": {"schema": migrations.CURRENT_SCHEMA}} and migrations.CURRENT_SCHEMA >= 3
    assert list(on_disk["lines"].values()) == [{"id": 1, "name": "花呗", "methods": ["花呗"]},
                                               {"id": 2, "name": "信用购", "methods": []}]
    for table in ("account", "bills", "payments", "checklists"):
        assert on_disk[table] == VERSION_2_FILE[table], f"the first line keeps table {table} as it was"
    assert next(iter(on_disk["line2_account"].values()))["limit"] == 500000
    assert [b.read_bytes() for b in repo.store.backups()] == [original], "the version-2 file is kept"


def test_each_line_has_its_own_records_and_shares_the_person_s_checklist(db_path: Path) -> None:
    db_path.write_text(json.dumps(VERSION_2_FILE, ensure_ascii=False), encoding="utf-8")
    repo = Repository(Store(db_path))
    line = _add_line(repo, "信用购")
    credit = repo.line(line.id)
    credit.add_bill(Month(2025, 9), 30000, date(2025, 9, 5))
    credit.add_payment(Month(2025, 9), 30000, date(2025, 9, 6), date(2025, 9, 6))
    assert repo.load().manual_bills == {Month(2025, 9): 200000}
    assert credit.load().manual_bills == {Month(2025, 9): 30000}
    assert [p.amount for p in credit.load().payments] == [30000]
    assert [p.amount for p in repo.load().payments] == [20000]
    assert credit.load().auth_check == repo.load().auth_check  # one checklist per person
    credit.set_tick("auth", "open_alipay", None)
    assert repo.load().auth_check.ticks == {}


def test_a_bill_on_one_line_does_not_stop_the_same_month_on_another(db_path: Path) -> None:
    repo = Repository(Store(db_path))
    repo.add_bill(Month(2025, 9), 100, date(2025, 9, 5))
    other = repo.line(_add_line(repo, "B").id)
    other.add_bill(Month(2025, 9), 200, date(2025, 9, 5))  # not "bill exists already"
    assert (repo.load().manual_bills, other.load().manual_bills) == ({Month(2025, 9): 100}, {Month(2025, 9): 200})


def test_removing_a_line_drops_its_tables_in_one_save(db_path: Path) -> None:
    repo = Repository(Store(db_path))
    repo.add_bill(Month(2025, 9), 100, date(2025, 9, 5))
    line = _add_line(repo, "B", 100000)
    repo.line(line.id).add_bill(Month(2025, 9), 200, date(2025, 9, 5))
    before = db_path.read_bytes()
    removed = repo.remove_line(lambda lines, ledger_of: lines.get("B"))
    assert removed.id == line.id
    on_disk = json.loads(db_path.read_text(encoding="utf-8"))
    assert not any(name.startswith("line2_") for name in on_disk)
    assert repo.lines().names == ["花呗"] and repo.load().manual_bills == {Month(2025, 9): 100}
    assert repo.store.backups()[0].read_bytes() == before


def test_a_refused_removal_changes_nothing(db_path: Path) -> None:
    repo = Repository(Store(db_path))
    _add_line(repo, "B")
    before = db_path.read_bytes()

    def refuse(lines, ledger_of):
        raise InputError("line", "line.remove_first", name="花呗")

    with pytest.raises(InputError):
        repo.remove_line(refuse)
    assert db_path.read_bytes() == before


@pytest.mark.parametrize("lines", [
    {"1": {"id": 2, "name": "B", "methods": []}},  # no line 1
    {"1": {"id": 1, "name": "A", "methods": []}, "2": {"id": 2, "name": "A", "methods": []}},  # a name twice
    {"1": {"id": 1, "name": "A", "methods": ["借呗"]}},  # a method no import gives
    {"1": {"id": 1, "name": "A", "methods": [HUABEI]}, "2": {"id": 2, "name": "B", "methods": [HUABEI]}},
    {"1": {"id": "1", "name": "A", "methods": []}},
    {"1": {"id": 1, "name": 5, "methods": []}},
])
def test_an_impossible_lines_table_is_a_damaged_file(db_path: Path, lines: dict) -> None:
    db_path.write_text(json.dumps({"_meta": {"1": {"schema": 3}}, "lines": lines}), encoding="utf-8")
    with pytest.raises(StoreCorrupt):
        Repository(Store(db_path)).lines()


def test_a_damaged_second_line_is_never_saved_over(db_path: Path) -> None:
    repo = Repository(Store(db_path))
    _add_line(repo, "B")
    data = json.loads(db_path.read_text(encoding="utf-8"))
    data["line2_bills"] = {"1": {"month": "2025-13", "amount": 1}}
    db_path.write_text(json.dumps(data), encoding="utf-8")
    before = db_path.read_bytes()
    with pytest.raises(StoreCorrupt):
        repo.add_bill(Month(2025, 9), 100, date(2025, 9, 5))  # a change to line 1 checks the whole file
    assert db_path.read_bytes() == before


def test_imports_for_two_lines_and_the_answer_about_a_method_are_one_save(db_path: Path) -> None:
    repo = Repository(Store(db_path))
    repo.add_bill(Month(2025, 9), 100, date(2025, 9, 5))
    line = _add_line(repo, "B")
    backups = len(repo.store.backups())
    added = repo.add_imported_to_lines([(1, [], [], []), (line.id, [], [], [])], {CREDIT_PURCHASE: "B"})
    assert added == [(0, 0, 0), (0, 0, 0)]
    assert len(repo.store.backups()) == backups + 1
    assert repo.lines().for_method(CREDIT_PURCHASE).name == "B"
