"""A data file that parses but holds impossible values is damaged, exactly like one that does not parse.

Issue 13 item 7: a NaN fee rate, statement day 31, a plan of 0 or 10^8 periods, amounts past the money limit, days
that do not exist, duplicate ids or wrong JSON types were read as if fine; a change was then saved and the summary
after it failed ("Unexpected error … the data file was not changed", although it had been), or never finished.
Now each case reads as damaged: one clear line naming the newest good backup and the restore command (exit 1), no
change is saved over it, ``restore`` brings the backup back, and the app refuses to open it the same way.
"""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest

from huabei_tui.clock import Clock
from huabei_tui.storage.errors import StoreCorrupt
from huabei_tui.storage.repository import Repository
from huabei_tui.storage.store import Store
from huabei_tui.ui.app import HuabeiApp
from support.huabei_cli import subprocess_env

TODAY = "2025-09-01"
Doc = dict


def first(tables: dict, table: str) -> Doc:
    return next(iter(tables[table].values()))


def set_in(table: str, field: str, value: object) -> Callable[[dict], None]:
    def change(tables: dict) -> None:
        first(tables, table)[field] = value

    return change


def duplicate(table: str) -> Callable[[dict], None]:
    def change(tables: dict) -> None:
        docs = tables[table]
        docs[str(max(map(int, docs)) + 1)] = dict(first(tables, table))

    return change


def add_plan(**fields: object) -> Callable[[dict], None]:
    def change(tables: dict) -> None:
        plan = {"id": "p1", "principal": 30000, "periods": 3, "fee_percent": "2.3", "first_bill": "2025-08",
                "description": "phone", "order_no": "p1"}
        tables["plans"] = {"1": {**plan, **fields}}

    return change


CASES: dict[str, Callable[[dict], None]] = {
    "fee rate NaN": set_in("account", "fee_rate", "NaN"),
    "fee rate Infinity": set_in("account", "fee_rate", "Infinity"),
    "fee rate negative": set_in("account", "fee_rate", "-0.05"),
    "fee rate huge": set_in("account", "fee_rate", "1e9"),
    "fee rate as a number": set_in("account", "fee_rate", 0.05),
    "statement day 0": set_in("account", "statement_day", 0),
    "statement day 31": set_in("account", "statement_day", 31),
    "due day 31": set_in("account", "due_day", 31),
    "statement day as text": set_in("account", "statement_day", "5"),
    "statement day true": set_in("account", "statement_day", True),
    "statement day 5.5": set_in("account", "statement_day", 5.5),
    "due day equals statement day": set_in("account", "due_day", 1),
    "limit beyond money": set_in("account", "limit", 10**12),
    "limit as text": set_in("account", "limit", "5000"),
    "auto-repay as text": set_in("account", "auto_repay", "yes"),
    "opened before 2000": set_in("account", "opened", "1899-01-01"),
    "balance checked on month 13": set_in("account", "balance_checked_on", "2025-13-01"),
    "two account documents": duplicate("account"),
    "bill beyond money": set_in("bills", "amount", 10**10),
    "bill negative": set_in("bills", "amount", -1),
    "bill as a float": set_in("bills", "amount", 1.5),
    "bill month 13": set_in("bills", "month", "2025-13"),
    "the same bill twice": duplicate("bills"),
    "payment on Feb 30": set_in("payments", "on", "2025-02-30"),
    "payment beyond money": set_in("payments", "amount", 10**15),
    "payment id twice": duplicate("payments"),
    "plan of 0 periods": add_plan(periods=0),
    "plan periods as text": add_plan(periods="3"),
    "plan fee NaN": add_plan(fee_percent="NaN"),
    "minimum rate 0": set_in("account", "min_rate", "0"),
    "minimum rate 101": set_in("account", "min_rate", "101"),
    "interest rate negative": set_in("account", "interest_rate", "-0.05"),
    "interest rate NaN": set_in("account", "interest_rate", "NaN"),
    "typed minimum negative": lambda t: t.update(minimums={"1": {"month": "2025-08", "amount": -5}}),
    "typed minimum twice": lambda t: t.update(minimums={str(n): {"month": "2025-08", "amount": 5} for n in (1, 2)}),
    "bill split into 0 parts": lambda t: t.update(bill_instalments={"1": {
        "id": "s", "month": "2025-08", "periods": 0, "principal": 70000, "fee_percent": "2.3", "on": "2025-08-05"}}),
    "bill split twice": lambda t: t.update(bill_instalments={str(n): {
        "id": f"s{n}", "month": "2025-08", "periods": 3, "principal": 70000, "fee_percent": "2.3",
        "on": "2025-08-05"} for n in (1, 2)}),
    "contact topic unknown": lambda t: t.update(contacts={"1": {"id": "c", "on": "2025-08-01", "topic": "weather",
                                                                 "outcome": "x", "note": ""}}),
    "contact id twice": lambda t: t.update(contacts={str(n): {"id": "c", "on": "2025-08-01", "topic": "other",
                                                              "outcome": "x", "note": ""} for n in (1, 2)}),
    "outcome too long": lambda t: t.update(contacts={"1": {"id": "c", "on": "2025-08-01", "topic": "other",
                                                            "outcome": "x" * 201, "note": ""}}),
    "answer unknown": lambda t: t.update(checklists={"1": {"name": "auth", "ticks": {}, "answer": "maybe",
                                                           "answered_on": None}}),
    "purchase on Feb 30": lambda t: t.update(purchases={"1": {"order_no": "o", "time": "2025-02-30T10:00:00",
                                                              "amount": 100, "description": "", "refund": False,
                                                              "installments": None}}),
    "purchase description a number": lambda t: t.update(purchases={"1": {
        "order_no": "o", "time": "2025-08-03T10:00:00", "amount": 100, "description": 5, "refund": False,
        "installments": None}}),
    "order number twice": lambda t: t.update(purchases={str(n): {
        "order_no": "o", "time": "2025-08-03T10:00:00", "amount": 100, "description": "", "refund": False,
        "installments": None} for n in (1, 2)}),
}


@pytest.fixture
def history(huabei):
    """A small history saved in three steps: there is a good backup to offer."""
    huabei.ok("account", "set", "--limit", "5000", "--fee-rate", "0.05", today=TODAY)
    huabei.ok("bill", "add", "2025-08", "800", today=TODAY)
    huabei.ok("pay", "2025-08", "100", "--on", "2025-08-09", today=TODAY)
    return huabei


def damage(db: Path, change: Callable[[dict], None]) -> bytes:
    tables = json.loads(db.read_text(encoding="utf-8"))
    change(tables)
    raw = (json.dumps(tables, ensure_ascii=False) + "\n").encode("utf-8")
    db.write_bytes(raw)
    return raw


def backups(db: Path) -> list[str]:
    return sorted(p.name for p in db.with_name(db.name + ".backups").iterdir())


@pytest.mark.parametrize("case", CASES)
def test_impossible_values_make_the_file_damaged_and_nothing_is_saved_over_it(history, case: str) -> None:
    db = history.db
    raw = damage(db, CASES[case])
    kept = backups(db)

    status = history("status", today=TODAY)
    assert status.code == 1, status
    assert len(status.err_lines) == 1, status.err
    assert "cannot be read" in status.err and "Unexpected" not in status.err
    assert "Newest good backup" in status.err and "restore" in status.err, status.err
    assert "impossible value" in status.err or "expected format" in status.err

    for change in (("pay", "2025-08", "1", "--on", "2025-08-20"), ("account", "set", "--limit", "6000"),
                   ("contact", "add", "--topic", "other", "--outcome", "asked"), ("check", "tick", "1"),
                   ("bill", "add", "2025-09", "5"), ("demo", "--force")):
        result = history(*change, today=TODAY)
        assert result.code == 1, (change, result)
        assert "Unexpected" not in result.err and "restore" in result.err, (change, result.err)
        assert db.read_bytes() == raw, f"{change}: the damaged file was saved over"
        assert backups(db) == kept

    with pytest.raises(StoreCorrupt):  # the app refuses to open it, before it takes the screen
        HuabeiApp(Repository(Store(db)), Clock(date(2025, 9, 1)), "en", poll_seconds=0)

    restored = history("restore", today=TODAY)
    assert restored.code == 0, restored
    assert history("status", today=TODAY).code == 0
    assert any(p.name.startswith(f"{db.name}.damaged-") for p in db.parent.iterdir()), "the damaged file is kept"


def test_the_message_names_what_is_impossible_in_both_languages(history) -> None:
    damage(history.db, set_in("account", "statement_day", 31))
    en = history("status", today=TODAY).err
    zh = history("status", today=TODAY, lang="zh").err
    assert "it holds an impossible value: statement_day = 31" in en
    assert "有不可能成立的值：statement_day = 31" in zh


def test_a_backup_with_impossible_values_is_not_offered_as_good(history) -> None:
    db = history.db
    newest = sorted(db.with_name(db.name + ".backups").iterdir())[-1]
    damage(newest, set_in("account", "fee_rate", "NaN"))
    damage(db, set_in("account", "due_day", 31))
    err = history("status", today=TODAY).err
    assert newest.name not in err and "Newest good backup" in err
    restored = history("restore", today=TODAY)
    assert restored.code == 0 and newest.name not in restored.out
    assert history("status", today=TODAY).code == 0
    refused = history("restore", str(newest), today=TODAY)
    assert refused.code == 1 and "impossible value" in refused.err


@pytest.mark.parametrize("args", [["status"], ["pay", "2025-08", "1", "--on", "2025-08-20"]])
def test_a_plan_of_a_hundred_million_periods_never_hangs(tmp_path: Path, history, args: list[str]) -> None:
    """Before, ``status`` built 10^8 instalment periods: it never finished. Real processes, bounded in time (so a
    regression fails here instead of hanging the suite)."""
    raw = damage(history.db, add_plan(periods=10**8))
    done = subprocess.run([sys.executable, "-m", "huabei_tui", "--db", str(history.db), "--today", TODAY,
                           "--lang", "en", *args], capture_output=True, text=True, timeout=120,
                          env=subprocess_env(tmp_path))
    assert done.returncode == 1 and "plans.periods = 100000000" in done.stderr
    assert history.db.read_bytes() == raw


def test_files_the_program_writes_pass_the_checks(huabei, tmp_path: Path) -> None:
    """The demo history, typed records and a contact with a multi-line note all read back as they were saved."""
    huabei.ok("demo", today=TODAY)
    huabei.ok("contact", "add", "--topic", "instalments", "--outcome", "ok", "--note", "line 1\nline 2", today=TODAY)
    huabei.ok("account", "set", "--fee-rate", "0.000001", "--statement-day", "28", "--due-day", "27", today=TODAY)
    assert huabei("status", today=TODAY).code == 0
    assert Repository(Store(huabei.db)).load().contacts[-1].note == "line 1\nline 2"


def test_minimums_and_bill_splits_the_program_writes_pass_the_checks(huabei) -> None:
    from huabei_tui.domain.dates import Month

    huabei.ok("bill", "add", "2025-08", "800", today="2025-08-05")
    huabei.ok("bill", "add", "2025-07", "300", today="2025-08-05")
    repo = Repository(Store(huabei.db))
    repo.set_minimum(Month(2025, 7), 3_000, date(2025, 8, 5))
    repo.add_bill_instalment(Month(2025, 8), 3, date(2025, 8, 5), date(2025, 8, 5))
    ledger = Repository(Store(huabei.db)).load()
    assert ledger.minimums == {Month(2025, 7): 3_000} and len(ledger.bill_instalments) == 1
    assert huabei("status", today="2025-08-05").code in (0, 3, 4)
