"""``Session``: the repository and the clock behind one current ``Snapshot``, and every change a user can make.

The app and the CLI hold a session and never ask the clock or the file themselves, so there is exactly one
"today": the snapshot's. ``current()`` hands out the same snapshot until the data file is replaced (its
signature changes: a save here or in another terminal) or the date in Shanghai changes (the app left open past
midnight); then it reads and summarises again.

Each use case validates, saves through the repository (inside its lock, against the file as it is now), and
returns the new snapshot, computed for the same day the change was checked against. Bad input raises
``InputError`` before anything is written; a file problem raises ``StoreError``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from huabei_tui.clock import Clock
from huabei_tui.domain.account import Account
from huabei_tui.domain.bill_instalments import BillInstalment
from huabei_tui.domain.bills import BillState, Payment
from huabei_tui.domain.checks import CHECKLISTS, step_id
from huabei_tui.domain.dates import Month
from huabei_tui.domain.errors import InputError
from huabei_tui.domain.guide import Step
from huabei_tui.domain.lines import CreditLine, Lines
from huabei_tui.domain.money import Fen
from huabei_tui.session.charges import ChargesMemo
from huabei_tui.session.snapshot import AllLines, Snapshot
from huabei_tui.storage.repository import Repository

if TYPE_CHECKING:
    from huabei_tui.io.import_files import PasswordSource
    from huabei_tui.session.importing import ImportCounts, ImportPreview, ReadProgress

T = TypeVar("T")


@dataclass(frozen=True)
class Saved(Generic[T]):
    """A change that has a result besides the new snapshot (the payment recorded, what an import added, …)."""

    snapshot: Snapshot
    value: T


class Opened:
    """What a front end runs on, as the command line decided it: the repository, the clock, the language, the
    profile (``--profile``/``HUABEI_PROFILE``, else None) and the credit line asked for (``--line``, else None)."""

    __slots__ = ("clock", "lang", "line", "profile", "repo")

    def __init__(self, repo: Repository, clock: Clock, lang: str, profile: str | None, line: str | None) -> None:
        self.repo, self.clock, self.lang, self.profile, self.line = repo, clock, lang, profile, line


class Session:
    """The data of one file for one front end; ``line`` is the credit line it shows and changes.

    ``line`` is a name (``--line``, ``HUABEI_LINE``, the app's switcher) or None: then reading shows the first
    line, and a change goes to the only line or, when the file has several, stops with ``InputError`` naming
    them (a payment recorded on the wrong line would be a wrong bill).
    """

    def __init__(self, repo: Repository, clock: Clock, line: str | None = None) -> None:
        self.root = repo.line(1)
        self.repo = repo
        self.clock = clock
        self.line = line
        #: The line chosen in the app by its id, so a rename in another terminal keeps it chosen (``switch_line``).
        self.line_id: int | None = None
        self._memos: dict[int, ChargesMemo] = {}
        self._charges = self._memo(repo.line_id)
        self._snapshot: Snapshot | None = None
        self._all: AllLines | None = None
        #: How many snapshots were computed (tests check that nothing is recomputed needlessly).
        self.computed = 0

    @classmethod
    def for_app(cls, repo: Repository, clock: Clock, line: str | None = None) -> Session:
        """The app's session, its snapshot read: the app always has a line chosen (``line``, else the first), so
        every change goes to the line on show. Raises ``StoreError`` (an unreadable file) or ``InputError`` (no
        line ``line``)."""
        session = cls(repo, clock)
        lines = session.lines()
        session.line_id = (lines.get(line) if line else lines.first).id
        session.reload()
        return session

    def _memo(self, line_id: int) -> ChargesMemo:
        return self._memos.setdefault(line_id, ChargesMemo())

    # -- the credit lines ------------------------------------------------------------------------------------
    def lines(self) -> Lines:
        """Every credit line of the file (raises ``StoreError`` for a file that cannot be read)."""
        return self.root.lines()

    def _use_line(self, *, changing: bool) -> CreditLine:
        """Point ``repo`` at the line this session works on (see the class), and return that line."""
        lines = self.lines()
        if self.line_id is not None:  # chosen in the app: follow it through a rename, else back to the first
            line = next((item for item in lines.items if item.id == self.line_id), lines.first)
            self.line, self.line_id = line.name, line.id
        reading = lines.get(self.line) if self.line else lines.first
        line = lines.chosen(self.line) if changing else reading
        self.repo = self.root.line(line.id)
        self._charges = self._memo(line.id)
        return line

    def switch_line(self, name: str) -> Snapshot:
        """Show and change line ``name`` from now on (the app's switcher); ``InputError`` if there is none."""
        line = self.lines().get(name)
        self.line, self.line_id = line.name, line.id
        self._snapshot = None
        return self.reload()

    def all_lines(self) -> AllLines:
        """Every line's snapshot for the file as it is and today, and the totals: recomputed only when the file
        or the day changed, like ``current``."""
        signature = self.repo.signature()
        today = self.clock.today()
        found = self._all
        if found is not None and found.first.signature == signature and found.first.today == today:
            return found
        lines = self.lines()
        names = tuple(lines.names)
        shown = self._snapshot  # the line on show is not summarised twice (with one line: nothing is)
        snapshots = []
        for line in lines.items:
            if (shown is not None and shown.line == line.name and shown.signature == signature
                    and shown.today == today and shown.line_names == names):
                snapshots.append(shown)
                continue
            ledger = self.root.line(line.id).load()
            snapshots.append(Snapshot.of(ledger, today, signature, charges_of=self._memo(line.id), line=line.name,
                                         line_names=names, line_id=line.id))
        self._all = AllLines.of(tuple(snapshots))
        return self._all

    def add_line(self, name: str, limit: Fen | None = None) -> CreditLine:
        """A new credit line (``line add``): the name is checked against the file's lines under the lock."""
        from huabei_tui.domain.lines import check_line_name, methods_for_new_line

        def new_line(lines: Lines) -> CreditLine:
            checked = check_line_name(name, lines)
            return CreditLine(lines.next_id(), checked, methods_for_new_line(checked, lines))

        return self.root.add_line(new_line, lambda _line: None if limit is None else Account(limit=limit))

    def rename_line(self, old: str, new: str) -> CreditLine:
        from huabei_tui.domain.lines import check_line_name

        renamed: list[CreditLine] = []

        def change(lines: Lines) -> Lines:
            line = lines.get(old)
            checked = check_line_name(new, lines, renaming=line.name)
            renamed.append(CreditLine(line.id, checked, line.methods))
            return Lines(tuple(renamed[0] if item.id == line.id else item for item in lines.items))

        self.root.update_lines(change)
        if self.line == old:
            self.line = renamed[0].name
        self._snapshot = None
        return renamed[0]

    def remove_line(self, name: str, *, force: bool = False) -> CreditLine:
        """Remove line ``name`` and everything on it; one that holds records needs ``force`` (the file as it was
        goes to the backups either way). The first line cannot go: it owns the file's original tables."""

        def check(lines: Lines, ledger_of) -> CreditLine:
            line = lines.get(name)
            if line.id == lines.first.id:
                raise InputError("line", "line.remove_first", name=line.name)
            ledger = ledger_of(line.id)
            records = len(ledger.payments) + len(ledger.purchases) + len(ledger.plans) + len(ledger.bill_instalments)
            if (ledger.manual_bills or records) and not force:
                raise InputError("line", "line.remove_has_records", name=line.name, bills=len(ledger.manual_bills),
                                 records=records)
            return line

        line = self.root.remove_line(check)
        if self.line == line.name:
            self.line = self.line_id = None
        self._snapshot = None
        return line

    def route_method(self, method: str, name: str) -> Lines:
        """Remember that imported rows paid with ``method`` go to line ``name`` (the import asks once)."""
        return self.root.update_lines(lambda lines: lines.with_method(method, name))

    # -- the snapshot ----------------------------------------------------------------------------------------
    @property
    def snapshot(self) -> Snapshot:
        """The snapshot last handed out (read on first use), without looking at the file or the clock."""
        if self._snapshot is None:
            return self.reload()
        return self._snapshot

    def current(self) -> Snapshot:
        """The snapshot for the file as it is and today's date: the same object while neither changed."""
        snapshot = self._snapshot
        if snapshot is None or self.repo.signature() != snapshot.signature or self.clock.today() != snapshot.today:
            return self.reload()
        return snapshot

    def reload(self, today: date | None = None) -> Snapshot:
        """Read the file and summarise it for ``today`` (default: the clock's); raises ``StoreError``."""
        signature = self.repo.signature()  # before reading: a save in between is seen at the next check
        lines = self.lines()
        line = self._use_line(changing=False)
        ledger = self.repo.load()
        day = self.clock.today() if today is None else today
        self._snapshot = Snapshot.of(ledger, day, signature, charges_of=self._charges, line=line.name,
                                     line_names=tuple(lines.names), line_id=line.id)
        self.computed += 1
        return self._snapshot

    def _today(self) -> date:
        return self.clock.today()

    def _changing(self) -> date:
        """Before a change to one line's records: the line it goes to (see the class), and today."""
        self._use_line(changing=True)
        return self.clock.today()

    # -- account ---------------------------------------------------------------------------------------------
    def change_settings(self, changes: Mapping[str, Any], started_from: Mapping[str, Any] | None = None) -> Snapshot:
        """Save settings parsed by ``settings.parse_settings``; a balance is recorded as checked today.

        With ``started_from`` (the values a form showed when it opened), a setting in ``changes`` that was changed
        elsewhere since raises ``SettingsConflict`` and nothing is saved: the caller asks which value to keep.
        """
        from huabei_tui.session.settings import SettingsConflict, find_conflicts  # on use: not needed to show data

        today = self._changing()
        values = dict(changes)
        if "balance" in values:
            values["balance_checked_on"] = today

        def change(account: Account) -> Account:
            if started_from is not None:
                conflicts = find_conflicts(account, changes, started_from)
                if conflicts:
                    raise SettingsConflict(conflicts)
            return account.with_changes(**values)

        if not values:
            return self.current()
        self.repo.update_account(change)
        return self.reload(today)

    def record_balance(self, balance: Fen) -> Snapshot:
        """The repayment balance the user just checked (dated today)."""
        return self.change_settings({"balance": balance})

    # -- the first run ---------------------------------------------------------------------------------------
    def offers_first_run(self, *, demo: bool) -> bool:
        """Open the setup at start? An empty file whose setup was never finished or left, and not the demo."""
        from huabei_tui.domain.first_run import SETTING, offers_setup

        snapshot = self.current()
        if not snapshot.ledger.is_empty() or demo or snapshot.several_lines:
            # (a second credit line was added by someone who has set things up: it is not a first start)
            return False  # the setting is read only when it could matter (a read of the settings table)
        return offers_setup(True, self.repo.setting(SETTING), demo=demo)

    def remember_first_run(self, outcome: str) -> Snapshot:
        """The setup was finished or left (``first_run.FINISHED``/``LEFT``): it is not offered again for this file.
        Kept in the data file, so each profile has its own first run and a moved file keeps it."""
        from huabei_tui.domain.first_run import OUTCOMES, SETTING

        if outcome not in OUTCOMES:
            raise ValueError(outcome)
        self.repo.set_setting(SETTING, outcome)
        return self.reload()

    # -- bills and payments ----------------------------------------------------------------------------------
    def save_bill(self, month: Month, amount: Fen, *, replace: bool = False, minimum: Fen | None = None,
                  change_minimum: bool = False) -> Saved[BillState | None]:
        """Add a typed bill (``replace``: or change its amount); the value is the bill as it was before.

        ``change_minimum``: also type its minimum payment (``None``: back to the rule's), checked against the new
        amount and saved with it in one change."""
        today = self._changing()
        before = self.current().summary.bill(month)
        self.repo.add_bill(month, amount, today, replace=replace, minimum=minimum, change_minimum=change_minimum)
        return Saved(self.reload(today), before)

    def remove_bill(self, month: Month) -> Snapshot:
        self._changing()
        self.repo.remove_bill(month)
        return self.reload()

    def record_payment(self, month: Month, amount: Fen, on: date | None = None) -> Saved[Payment]:
        """A repayment of bill ``month`` made ``on`` (default today)."""
        today = self._changing()
        payment = self.repo.add_payment(month, amount, on or today, today, charges_of=self._charges)
        return Saved(self.reload(today), payment)

    def set_minimum(self, month: Month, minimum: Fen | None) -> Snapshot:
        """Alipay's minimum payment for bill ``month`` as the user read it (wins over the rule); ``None``: the rule."""
        today = self._changing()
        self.repo.set_minimum(month, minimum, today)
        return self.reload(today)

    def split_bill(self, month: Month, periods: int, on: date | None = None) -> Saved[BillInstalment]:
        """Split bill ``month`` into ``periods`` instalments on ``on`` (default today): 账单分期."""
        today = self._changing()
        split = self.repo.add_bill_instalment(month, periods, on or today, today)
        return Saved(self.reload(today), split)

    def cancel_split(self, month: Month) -> Saved[BillInstalment]:
        """Undo the split of bill ``month`` while its first part is not on a bill yet."""
        today = self._changing()
        split = self.repo.cancel_bill_instalment(month, today)
        return Saved(self.reload(today), split)

    # -- checklists and the contact log ----------------------------------------------------------------------
    def set_step(self, checklist: str, step: str, done: bool) -> Saved[Step]:
        """Tick (dated today) or untick a step given by id or by its number in the list."""
        today = self._today()
        found = step_id(checklist, step)
        self.repo.set_tick(checklist, found, today if done else None)
        return Saved(self.reload(today), next(s for s in CHECKLISTS[checklist] if s.id == found))

    def answer(self, answer: str | None) -> Snapshot:
        """The authorization check's answer (found / not found / unsure), dated today; ``None`` clears it."""
        today = self._today()
        self.repo.set_answer(answer, today)
        return self.reload(today)

    def add_contact(self, topic: str, outcome: str, note: str = "", on: date | None = None) -> Snapshot:
        """A customer-service conversation of ``on`` (default today)."""
        today = self._today()
        self.repo.add_contact(on or today, topic.strip().lower(), outcome, note, today)
        return self.reload(today)

    # -- whole data ------------------------------------------------------------------------------------------
    def load_demo(self, *, force: bool = False) -> Snapshot:
        """Two years of demo history ending today; refuses to replace data unless ``force``."""
        from huabei_tui.domain.demo import demo_ledger

        today = self._changing()
        if not self.repo.replace_ledger(demo_ledger(today), only_if_empty=not force):
            raise InputError("db", "cli.demo_refused", path=str(self.repo.path))
        return self.reload(today)

    def read_import(self, paths: Sequence[Path], progress: ReadProgress | None = None,
                    password: PasswordSource | None = None, routes: Mapping[str, str] | None = None
                    ) -> ImportPreview:
        """Read and parse every file (the first bad one raises ``ImportFileError``) into a preview; saves nothing.

        Each row goes to the credit line that takes its payment method; ``routes`` answers for a method no line
        takes yet (method → line name or ``lines.SKIP``). ``password(path)`` is asked only for an encrypted zip.
        Safe to run in a worker thread: it only reads.
        """
        from huabei_tui.io.import_files import any_zip
        from huabei_tui.session.importing import StreamedRead, read_exports

        # First: a damaged data file (or a ``--line`` that names no line) is reported before any export is read.
        # Only read, not summarised: nothing here needs the snapshot (a ten-year summary is a tenth of a
        # 100,000-row import's time).
        lines = self.lines()
        self._use_line(changing=False)
        ledgers = {line.id: self.root.line(line.id).load() for line in lines.items}
        password = _remembered(password)  # a second read (below) must not ask for a zip's password again
        # The rows go to each line's batch as they are read, the purchases to a file on disk: memory stays flat
        # however big the export (``StreamedRead``).
        stream = StreamedRead(lines, ledgers, routes or {}, self.repo.store.path.parent, in_memory=any_zip(paths))
        try:
            files = read_exports(paths, progress, password, sinks=stream.sink)
            if not stream.unrouted:
                return replace(stream.preview(files), today=self.clock.today())
        except BaseException:
            stream.close()
            raise
        stream.close()
        # A payment method no line takes yet: the user's answer decides where its rows go, so they must be at hand
        # when it comes. Read again, keeping the rows (only the first import of a new method comes here). The bar
        # stays full; a cancel still gets through.
        again = None if progress is None else (lambda index, _done, total: progress(index, total, total))
        return self.route_import(read_exports(paths, again, password), routes)

    def route_import(self, files: ImportPreview | list, routes: Mapping[str, str] | None = None) -> ImportPreview:
        """The preview of files already read (or of an earlier preview's), with ``routes`` answering which line
        a payment method goes to: the import dialog asks, then calls this again without reading anything."""
        from huabei_tui.session.importing import ImportPreview

        if isinstance(files, ImportPreview):
            if files.streamed:  # every method had its line: nothing is left to route (the rows are on disk)
                return files
            routes = {**files.routes, **(routes or {})}
            files = files.files
        lines = self.lines()
        ledgers = {line.id: self.root.line(line.id).load() for line in lines.items}
        return replace(ImportPreview.of(files, lines=lines, ledgers=ledgers, routes=routes), today=self.clock.today())

    def commit_import(self, preview: ImportPreview, *, remember_routes: bool = True) -> Saved[ImportCounts]:
        """Save the preview's records whose order numbers are new, each on its line, in one save (one backup);
        the answers about payment methods are remembered on their lines in the same save, so each is asked
        once. An unanswered method raises ``InputError`` and nothing is saved."""
        counts = self.save_import(preview, remember_routes=remember_routes)
        return Saved(self.reload(), counts)

    def save_import(self, preview: ImportPreview, *, remember_routes: bool = True) -> ImportCounts:
        """``commit_import`` without the new snapshot, for a caller that only reports what was added (the command
        line): summarising the file again after the save is work nobody would see. The next ``snapshot`` or
        ``current()`` reads the file as saved."""
        from huabei_tui.domain.lines import SKIP
        from huabei_tui.session.importing import ImportCounts

        for method, count in preview.unrouted.items():
            raise InputError("route", "line.unrouted", method=method, count=count)
        answers = {m: name for m, name in preview.routes.items() if name != SKIP} if remember_routes else {}
        added = self.root.add_imported_to_lines(
            [(part.line.id, part.batch.purchases, part.batch.payments, part.batch.plans) for part in preview.parts],
            answers)
        purchases = sum(a[0] for a in added)
        payments = sum(a[1] for a in added)
        plans = sum(a[2] for a in added)
        records = sum(part.batch.record_count for part in preview.parts)
        counts = ImportCounts(purchases, payments, plans, known=records - purchases - payments)
        preview.discard()  # saved: the spooled purchases are in their part now
        self._snapshot = None
        self._all = None
        return counts


def _remembered(password: PasswordSource | None) -> PasswordSource | None:
    """``password`` asked at most once per path (the answer kept for this import only, never stored)."""
    if password is None:
        return None
    given: dict[Path, str | None] = {}

    def ask(path: Path) -> str | None:
        if path not in given:
            given[path] = password(path)
        return given[path]

    return ask
