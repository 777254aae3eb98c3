"""The one object screens and commands use to read and change the user's data.

Reads decode the whole file once into a ``Ledger`` (TinyDB re-reads the file on every query, so querying it table
by table would read it many times). Every change runs inside ``Store.transaction()``: the lock is taken, the file
is re-read, the domain check runs against that fresh data, and the change is saved once — so a check can never
pass on stale data another terminal has since changed, and bad input leaves the file byte-for-byte untouched.

Imported purchases are kept apart (``Store`` parts): an import writes its new rows as one part and adds them to
the per-day totals in the data file (``ImportedTotals``), which is all a bill needs; nothing else ever writes
or reads the rows, so a payment or a tick costs the same with a million purchases as with none. A file from
before parts holds its purchases inline: the first change moves them into a part (its save is the migration,
and the old file goes to the backups like before any save).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from huabei_tui.domain import checks
from huabei_tui.domain.account import Account
from huabei_tui.domain.bill_instalments import BillInstalment
from huabei_tui.domain.bills import Payment
from huabei_tui.domain.dates import Month
from huabei_tui.domain.errors import InputError
from huabei_tui.domain.installments import InstallmentPlan
from huabei_tui.domain.ledger import (
    ChargesOf,
    Checklist,
    ContactEntry,
    ImportedTotals,
    Ledger,
    Purchase,
    imported_charges,
)
from huabei_tui.domain.lines import CreditLine, Lines
from huabei_tui.domain.money import Fen
from huabei_tui.storage import codec, line_tables
from huabei_tui.storage.codec import PURCHASES_TABLE, TOTALS_TABLE
from huabei_tui.storage.errors import StoreCorrupt
from huabei_tui.storage.rows import StoredRows
from huabei_tui.storage.spool import PurchaseSpool
from huabei_tui.storage.store import Store

if TYPE_CHECKING:
    from tinydb import TinyDB

SETTINGS = "settings"
#: A file from before parts with at least this many purchases inline is upgraded when read (see ``upgrade``).
UPGRADE_ON_READ_ROWS = 2000


class Repository:
    """One credit line's records (``line_id``; 1, the first line, by default) in one data file.

    ``line(id)`` gives the repository of another line of the same file (same store, same lock); the lines
    themselves are managed here too (``add_line``, …), since a change of lines is a change of the whole file.
    """

    def __init__(self, store: Store, line_id: int = 1, *, _root: Repository | None = None) -> None:
        self.store = store
        self.line_id = line_id
        self._decoded = codec.DecodedTables()  # see DecodedTables: a change re-decodes only what it changed
        self._root = _root or self
        self._line_repos: dict[int, Repository] = {line_id: self} if _root is None else {}
        if _root is None:
            # A backup is only "good" (offered by the damaged-file message, chosen by restore) if its records
            # make sense too, not only its JSON: the store knows files, the codec knows what records mean.
            store.content_check = _check_every_line

    def line(self, line_id: int) -> Repository:
        """The repository of line ``line_id`` of this file (kept, so its decoded tables are kept too)."""
        repos = self._root._line_repos
        if line_id not in repos:
            repos[line_id] = Repository(self.store, line_id, _root=self._root)
        return repos[line_id]

    def _stored(self, name: str) -> str:
        return line_tables.table_name(self.line_id, name)

    def _table(self, db: TinyDB, name: str) -> Any:
        return db.table(self._stored(name))

    @property
    def path(self) -> Path:
        return self.store.path

    # -- reading ---------------------------------------------------------------------------------------------
    def load(self) -> Ledger:
        # The codec only reads the tables, so the store's cached copy is used as is (no copy, no re-read).
        with self._damaged_points_at_backup():
            tables, refs = self.store.read_with_parts()
            # Only the first line can hold purchases inline (a file from before parts had one line).
            if len(tables.get(PURCHASES_TABLE) or ()) >= UPGRADE_ON_READ_ROWS and self.upgrade():
                tables, refs = self.store.read_with_parts()
            self._check_other_lines(tables, refs, remember=True)
            return self._decode(tables, refs, remember=True)

    def _decode(self, tables: codec.Tables, refs: tuple, *, remember: bool, cache: codec.DecodedTables | None = None
                ) -> Ledger:
        """This line's ledger from the file's tables and parts (its own tables and parts under the plain names)."""
        return codec.ledger_from_tables(line_tables.view(tables, self.line_id), self.store.path,
                                        self._decoded if cache is None else cache, remember=remember,
                                        refs=line_tables.view_refs(refs, self.line_id), reader=self.store.iter_part)

    def _check_other_lines(self, tables: codec.Tables, refs: tuple, *, remember: bool) -> None:
        """Decode the file's other lines too (each through its own cache, so this is nearly free when they did not
        change): a file is damaged if any line is, and a damaged file is never shown nor saved over."""
        for line in codec.lines_from_tables(tables, self.store.path).items:
            if line.id != self.line_id:
                self.line(line.id)._decode(tables, refs, remember=remember)

    def lines(self) -> Lines:
        """Every credit line of the file (one, "花呗", for a file that never had another)."""
        with self._damaged_points_at_backup():
            return codec.lines_from_tables(self.store.read_shared(), self.store.path)

    @contextmanager
    def _damaged_points_at_backup(self):
        """Records that do not decode (or hold impossible values): name the newest good backup, as for any other
        damaged file, keeping the reason."""
        try:
            yield
        except StoreCorrupt as error:
            if error.params.get("backup") or error.path != self.store.path:
                raise
            params = {k: v for k, v in error.params.items() if k not in ("path", "db_arg", "reason", "backup")}
            raise StoreCorrupt(self.store.path, error.reason, self.store.newest_good_backup(), **params) from error

    def signature(self) -> Any:
        """Changes whenever the file is replaced; the TUI polls it to pick up other terminals' changes."""
        return self.store.signature()

    def setting(self, key: str) -> Any:
        docs = self.store.read_shared().get(SETTINGS) or {}
        return next((doc.get("value") for doc in docs.values() if doc.get("key") == key), None)

    # -- writing ---------------------------------------------------------------------------------------------
    @contextmanager
    def _transaction(self, lock_timeout: float | None = None):
        """``Store.transaction()``, with purchases still inline in a file from before parts moved into a part
        and their totals written (every change saves in the new layout, so a file is migrated by its first
        change; the file as it was goes to the backups, as before any save)."""
        with self.store.transaction(lock_timeout=lock_timeout) as db:
            tables = _tables_of(db)
            inline = tables.get(PURCHASES_TABLE)
            if inline:
                with self._damaged_points_at_backup():
                    self._move_inline_purchases(db, tables, inline)
            yield db

    def _move_inline_purchases(self, db: TinyDB, tables: dict[str, dict[str, dict]],
                               inline: dict[str, dict]) -> None:
        """The upgrade of a file from before parts, inside its first change: every inline row is decoded (checked
        like any record) and written as a part in today's form, and the totals are written beside them. A
        damaged row, or two rows with one order number, stop the change before anything is written."""
        path = self.store.path
        docs = [inline[key] for key in sorted(inline, key=_doc_order)]
        purchases = list(StoredRows(docs, (), None, codec.stored_purchase_decoder(path), path))
        seen: set[str] = set()
        for purchase in purchases:
            if purchase.order_no in seen:
                raise StoreCorrupt(path, "impossible_value", None,
                                   detail=f"purchases.order_no (twice) = {purchase.order_no!r}")
            seen.add(purchase.order_no)
        refs = self.store.transaction_parts()
        plan_orders = {doc.get("order_no") for doc in (tables.get("plans") or {}).values()} - {None}
        if not any(ref.table == PURCHASES_TABLE for ref in refs):
            # A file from before parts: these are all the rows.
            totals = ImportedTotals.of(purchases, plan_orders)
        elif tables.get(TOTALS_TABLE):
            totals = codec.totals_from_doc(_only_doc(tables[TOTALS_TABLE])).plus(purchases, plan_orders)
        else:
            ledger = codec.ledger_from_tables({PURCHASES_TABLE: inline}, self.store.path, remember=False,
                                              refs=refs, reader=self.store.iter_part)
            totals = ledger.imported_totals  # every row, inline and in parts, summed
        self.store.add_part(PURCHASES_TABLE, purchases, encode_doc=codec.purchase_line)
        db.drop_table(PURCHASES_TABLE)
        db.drop_table(TOTALS_TABLE)
        db.table(TOTALS_TABLE).insert(codec.totals_to_doc(totals))

    def upgrade(self) -> bool:
        """Save the file in today's layout now if it still holds purchases inline; True if it did.

        ``load`` calls this for a file with many inline purchases, so that a user who only ever reads (a login
        banner running ``huabei status``) does not pay for decoding them on every run. It never waits: when
        another process holds the lock, or the file cannot be written, it does nothing and reading goes on.
        """
        from huabei_tui.storage.errors import StoreError

        try:
            with self._transaction(lock_timeout=0):
                pass
        except StoreError:
            return False
        return True

    @contextmanager
    def _change(self):
        """A locked transaction plus the ledger as it is in the file right now."""
        with self._transaction() as db:
            with self._damaged_points_at_backup():
                tables, refs = _tables_of(db), self.store.transaction_parts()
                self._check_other_lines(tables, refs, remember=False)
                ledger = self._decode(tables, refs, remember=False)
            yield db, ledger

    def update_account(self, change: Callable[[Account], Account]) -> Account:
        """Apply ``change`` to the stored settings (``change`` may raise ``InputError``: nothing is saved)."""
        with self._change() as (db, ledger):
            account = change(ledger.account)
            table = self._table(db, "account")
            table.truncate()
            table.insert(codec.account_to_doc(account))
            return account

    def add_bill(self, month: Month, amount: Fen, today: date, *, replace: bool = False,
                 charges_of: ChargesOf = imported_charges, minimum: Fen | None = None,
                 change_minimum: bool = False) -> None:
        """Add (or ``replace``) a typed bill; with ``change_minimum`` also type its minimum (``None``: the rule's),
        checked against the new amount and saved in the same change, so either both are saved or neither."""
        with self._change() as (db, ledger):
            checks.check_new_bill(ledger, month, amount, today, replace=replace, charges_of=charges_of)
            if change_minimum:
                checks.check_minimum_of(month, minimum, amount)
            table = self._table(db, "bills")
            table.remove(_field("month") == str(month))
            table.insert({"month": str(month), "amount": amount})
            if change_minimum:
                minimums = self._table(db, "minimums")
                minimums.remove(_field("month") == str(month))
                if minimum is not None:
                    minimums.insert(codec.minimum_to_doc(month, minimum))

    def remove_bill(self, month: Month) -> None:
        with self._change() as (db, ledger):
            checks.check_remove_bill(ledger, month)
            self._table(db, "bills").remove(_field("month") == str(month))

    def add_payment(self, month: Month, amount: Fen, on: date, today: date,
                    charges_of: ChargesOf = imported_charges) -> Payment:
        """Record a payment; ``charges_of`` (a memo of ``imported_charges``) spares summing the imports again."""
        with self._change() as (db, ledger):
            payment = checks.check_payment(ledger, month, amount, on, today, charges_of)
            self._table(db, "payments").insert(codec.payment_to_doc(payment))
            return payment

    def set_minimum(self, month: Month, amount: Fen | None, today: date) -> None:
        """Type Alipay's minimum payment for bill ``month`` (it wins over the rule), or remove it with ``None``."""
        with self._change() as (db, ledger):
            checks.check_minimum(ledger, month, amount, today)
            table = self._table(db, "minimums")
            table.remove(_field("month") == str(month))
            if amount is not None:
                table.insert(codec.minimum_to_doc(month, amount))

    def add_bill_instalment(self, month: Month, periods: int, on: date, today: date) -> BillInstalment:
        """Split bill ``month`` into ``periods`` parts on ``on`` (账单分期); returns the split as recorded."""
        with self._change() as (db, ledger):
            split = checks.check_bill_instalment(ledger, month, periods, on, today)
            self._table(db, "bill_instalments").insert(codec.bill_instalment_to_doc(split))
            return split

    def cancel_bill_instalment(self, month: Month, today: date) -> BillInstalment:
        """Undo the split of bill ``month`` while its first part is not on a bill yet; returns what was undone."""
        with self._change() as (db, ledger):
            split = checks.check_cancel_bill_instalment(ledger, month, today)
            self._table(db, "bill_instalments").remove(_field("id") == split.id)
            return split

    def set_tick(self, checklist: str, step_id: str, on: date | None) -> None:
        """Tick a checklist step on ``on``, or untick it with ``None``."""
        checks.check_step(checklist, step_id)

        def change(current: Checklist) -> Checklist:
            ticks = dict(current.ticks)
            if on is None:
                ticks.pop(step_id, None)
            else:
                ticks[step_id] = on
            return Checklist(ticks=ticks, answer=current.answer, answered_on=current.answered_on)

        self._update_checklist(checklist, change)

    def set_answer(self, answer: str | None, on: date) -> None:
        value = checks.check_answer(answer) if answer else None
        self._update_checklist(
            "auth", lambda c: Checklist(ticks=c.ticks, answer=value, answered_on=on if value else None)
        )

    def _update_checklist(self, name: str, change: Callable[[Checklist], Checklist]) -> None:
        with self._change() as (db, ledger):
            current = {"auth": ledger.auth_check, "recovery": ledger.recovery, "revoke": ledger.revoke}[name]
            table = self._table(db, "checklists")
            table.remove(_field("name") == name)
            table.insert(codec.checklist_to_doc(name, change(current)))

    def add_contact(self, on: date, topic: str, outcome: str, note: str, today: date) -> ContactEntry:
        entry = checks.check_contact(on, topic, outcome, note, today)
        with self._change() as (db, _ledger):  # decoded first: a damaged file is never saved over
            self._table(db, "contacts").insert(codec.contact_to_doc(entry))
        return entry

    def set_setting(self, key: str, value: Any) -> None:
        with self._change() as (db, _ledger):
            table = self._table(db, SETTINGS)
            table.remove(_field("key") == key)
            table.insert({"key": key, "value": value})

    def replace_ledger(self, ledger: Ledger, *, only_if_empty: bool) -> bool:
        """Write a whole ledger in one save (demo data); refuses to replace data unless asked. Returns saved."""
        with self._change() as (db, current):
            if only_if_empty and not current.is_empty():
                return False
            for name in ("account", "bills", "payments", "plans", "checklists", "contacts", "minimums",
                         "bill_instalments", TOTALS_TABLE):
                db.drop_table(self._stored(name))
            self.store.drop_parts(self._stored(PURCHASES_TABLE))
            if ledger.purchases:
                self.store.add_part(self._stored(PURCHASES_TABLE), ledger.purchases, encode_doc=codec.purchase_line)
                self._table(db, TOTALS_TABLE).insert(codec.totals_to_doc(ledger.imported_totals))
            self._table(db, "account").insert(codec.account_to_doc(ledger.account))
            self._table(db, "bills").insert_multiple(
                {"month": str(m), "amount": a} for m, a in sorted(ledger.manual_bills.items())
            )
            self._table(db, "payments").insert_multiple(codec.payment_to_doc(p) for p in ledger.payments)
            self._table(db, "plans").insert_multiple(codec.plan_to_doc(p) for p in ledger.plans)
            self._table(db, "checklists").insert_multiple(
                codec.checklist_to_doc(name, c)
                for name, c in (("auth", ledger.auth_check), ("recovery", ledger.recovery), ("revoke", ledger.revoke))
            )
            self._table(db, "contacts").insert_multiple(codec.contact_to_doc(c) for c in ledger.contacts)
            self._table(db, "minimums").insert_multiple(codec.minimum_to_doc(m, a) for m, a in sorted(ledger.minimums.items()))
            self._table(db, "bill_instalments").insert_multiple(codec.bill_instalment_to_doc(s) for s in ledger.bill_instalments)
            return True

    def add_imported(
        self,
        purchases: Iterable[Purchase],
        payments: Iterable[Payment],
        plans: Iterable[InstallmentPlan],
        check: Callable[[Ledger], None] | None = None,
    ) -> tuple[int, int, int]:
        """Add imported records whose order numbers are new, in one save; returns how many of each were added."""
        with self._change() as (db, ledger):
            if check:
                check(ledger)
            return self._insert_imported(db, ledger, purchases, payments, plans)

    def add_imported_to_lines(
        self, parts: Iterable[tuple[int, Iterable[Purchase], Iterable[Payment], Iterable[InstallmentPlan]]],
        answers: Mapping[str, str] | None = None,
    ) -> list[tuple[int, int, int]]:
        """An import routed to several lines (``(line_id, purchases, payments, plans)`` each), in one save: one
        backup, and either every line gets its records or none does. ``answers`` (payment method → line name)
        are remembered on the lines in the same save."""
        with self._change_lines() as (db, lines):
            if answers:
                new_lines = lines
                for method, name in answers.items():
                    new_lines = new_lines.with_method(method, name)
                self._save_lines(db, new_lines)
            known = {line.id for line in lines.items}
            added = []
            for line_id, purchases, payments, plans in parts:
                if line_id not in known:  # removed in another terminal since the preview
                    raise InputError("line", "line.gone", id=line_id)
                repo = self.line(line_id)
                ledger = repo._decode(_tables_of(db), self.store.transaction_parts(), remember=False)
                added.append(repo._insert_imported(db, ledger, purchases, payments, plans))
            return added

    def _insert_imported(self, db: TinyDB, ledger: Ledger, purchases: Iterable[Purchase],
                         payments: Iterable[Payment], plans: Iterable[InstallmentPlan]) -> tuple[int, int, int]:
        # Imported text (merchant, description, order number) is cleaned like typed text before it is stored (a
        # spool cleaned each purchase as it came).
        spool = purchases if isinstance(purchases, PurchaseSpool) else None
        purchases, payments, plans = checks.clean_imported(() if spool else purchases, payments, plans)
        known_purchases = ledger.purchase_order_numbers()
        known_payments = {p.order_no for p in ledger.payments if p.order_no}
        known_plans = ledger.plan_orders()
        new_payments = [p for p in payments if p.order_no not in known_payments]
        new_plans = [p for p in plans if p.order_no not in known_plans]
        totals = ledger.imported_totals
        plan_orders = known_plans | {p.order_no for p in new_plans if p.order_no}
        if spool is not None:
            added = self._insert_spool(spool, known_purchases)
            new_count = added[0] if added else 0
            if added:
                totals = totals.plus_days(added[1]).plus(added[2], plan_orders)
        else:
            new_purchases = [p for p in purchases if p.order_no not in known_purchases]
            new_count = len(new_purchases)
            if new_purchases:
                self.store.add_part(self._stored(PURCHASES_TABLE), new_purchases, encode_doc=codec.purchase_line)
                totals = totals.plus(new_purchases, plan_orders)
        if new_plans and ledger.purchases:
            # A stored refund of a purchase whose plan arrives only now (exports imported out of order) was
            # counted by its day: it reaches the plan from now on.
            totals = totals.with_plan_refunds(ledger.refunds(), plan_orders - known_plans)
        if totals is not ledger.imported_totals:
            table = self._table(db, TOTALS_TABLE)
            table.truncate()
            table.insert(codec.totals_to_doc(totals))
        self._table(db, "payments").insert_multiple(codec.payment_to_doc(p) for p in new_payments)
        self._table(db, "plans").insert_multiple(codec.plan_to_doc(p) for p in new_plans)
        return new_count, len(new_payments), len(new_plans)

    def _insert_spool(self, spool: PurchaseSpool, known: set[str]
                      ) -> tuple[int, Mapping[date, Fen], list[Purchase]] | None:
        """Write a spool's purchases not in ``known`` as one part: (rows written, the per-day sums of the
        purchases that are neither refunds nor instalment purchases, the refunds), or None when every one was
        known (no part).

        On a line with no stored purchase every row is new, and the spool's lines (already the part's, numbered)
        are copied as they are, with the per-day sums it kept: nothing decoded or encoded. Otherwise the spool is read twice,
        a chunk at a time (count and sum, then write), so memory stays flat either way.
        """
        if not known:
            if not spool:
                return None
            ref = self.store.add_part(self._stored(PURCHASES_TABLE), (), body=(spool.body(), len(spool)))
            return ref.rows, spool.per_day, spool.refunds
        per_day: dict[date, int] = defaultdict(int)
        refunds: list[Purchase] = []
        count = 0
        for purchase in spool:
            if purchase.order_no in known:
                continue
            count += 1
            if purchase.refund:
                refunds.append(purchase)
            elif not purchase.installments:
                time = purchase.time
                per_day[time.date() if time.tzinfo is None else purchase.day] += purchase.amount
        if not count:
            return None
        self.store.add_part(self._stored(PURCHASES_TABLE), (p for p in spool if p.order_no not in known),
                            encode_doc=codec.purchase_line)
        return count, per_day, refunds

    # -- the lines of the file ---------------------------------------------------------------------------------
    @contextmanager
    def _change_lines(self):
        """A locked transaction plus the file's lines as they are now (every line checked: a damaged file is
        never saved over)."""
        with self._transaction() as db:
            tables, refs = _tables_of(db), self.store.transaction_parts()
            with self._damaged_points_at_backup():
                lines = codec.lines_from_tables(tables, self.store.path)
                for line in lines.items:
                    self.line(line.id)._decode(tables, refs, remember=False)
            yield db, lines

    def _save_lines(self, db: TinyDB, lines: Lines) -> None:
        table = db.table(line_tables.LINES)
        table.truncate()
        table.insert_multiple(line_tables.line_to_doc(line) for line in lines.items)

    def add_line(self, change: Callable[[Lines], CreditLine], account: Callable[[CreditLine], Account | None]
                 ) -> CreditLine:
        """Add the line ``change(lines)`` returns (it checks the name, may raise ``InputError``), with the
        settings ``account(line)`` gives (None: the defaults)."""
        with self._change_lines() as (db, lines):
            line = change(lines)
            self._save_lines(db, Lines((*lines.items, line)))
            settings = account(line)
            if settings is not None:
                db.table(line_tables.table_name(line.id, "account")).insert(codec.account_to_doc(settings))
            return line

    def update_lines(self, change: Callable[[Lines], Lines]) -> Lines:
        """Rename a line or change which payment methods it takes: ``change`` returns the new lines."""
        with self._change_lines() as (db, lines):
            new = change(lines)
            self._save_lines(db, new)
            return new

    def remove_line(self, check: Callable[[Lines, Callable[[int], Ledger]], CreditLine]) -> CreditLine:
        """Remove the line ``check(lines, ledger_of)`` names (it refuses, raising ``InputError``, what may not go)
        with all its tables, in one save: the file as it was goes to the backups first."""
        with self._change_lines() as (db, lines):
            tables, refs = _tables_of(db), self.store.transaction_parts()
            line = check(lines, lambda line_id: self.line(line_id)._decode(tables, refs, remember=False))
            for name in line_tables.line_tables(tables, line.id):
                db.drop_table(name)
            self.store.drop_parts(line_tables.table_name(line.id, PURCHASES_TABLE))
            self._save_lines(db, Lines(tuple(item for item in lines.items if item.id != line.id)))
            self._root._line_repos.pop(line.id, None)
            return line


def _check_every_line(tables: codec.Tables, path: Path | None = None) -> None:
    """Decode every line's records: a file is only good if each of its lines is."""
    for line in codec.lines_from_tables(tables, path).items:
        codec.ledger_from_tables(line_tables.view(tables, line.id), path, remember=False)


def _only_doc(table: dict[str, dict[str, Any]]) -> dict[str, Any]:
    return table[min(table, key=_doc_order)]


def _doc_order(key: str) -> int:
    return int(key) if key.isdigit() else 0


def _field(name: str) -> Any:
    """``tinydb.Query().<name>``; TinyDB is imported only when a change is made, reads never need it."""
    from tinydb import Query

    return Query()[name]


def _tables_of(db: TinyDB) -> dict[str, dict[str, dict]]:
    """The raw tables a transaction's TinyDB holds, in the file's layout."""
    return db.storage.read() or {}
