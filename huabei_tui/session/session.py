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
from dataclasses import dataclass
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
from huabei_tui.domain.money import Fen
from huabei_tui.session.charges import ChargesMemo
from huabei_tui.session.snapshot import Snapshot
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


class Session:
    def __init__(self, repo: Repository, clock: Clock) -> None:
        self.repo = repo
        self.clock = clock
        self._charges = ChargesMemo()
        self._snapshot: Snapshot | None = None
        #: How many snapshots were computed (tests check that nothing is recomputed needlessly).
        self.computed = 0

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
        ledger = self.repo.load()
        day = self.clock.today() if today is None else today
        self._snapshot = Snapshot.of(ledger, day, signature, charges_of=self._charges)
        self.computed += 1
        return self._snapshot

    def _today(self) -> date:
        return self.clock.today()

    # -- account ---------------------------------------------------------------------------------------------
    def change_settings(self, changes: Mapping[str, Any], started_from: Mapping[str, Any] | None = None) -> Snapshot:
        """Save settings parsed by ``settings.parse_settings``; a balance is recorded as checked today.

        With ``started_from`` (the values a form showed when it opened), a setting in ``changes`` that was changed
        elsewhere since raises ``SettingsConflict`` and nothing is saved: the caller asks which value to keep.
        """
        from huabei_tui.session.settings import SettingsConflict, find_conflicts  # on use: not needed to show data

        today = self._today()
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
        if not snapshot.ledger.is_empty() or demo:
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
        today = self._today()
        before = self.current().summary.bill(month)
        self.repo.add_bill(month, amount, today, replace=replace, minimum=minimum, change_minimum=change_minimum)
        return Saved(self.reload(today), before)

    def remove_bill(self, month: Month) -> Snapshot:
        self.repo.remove_bill(month)
        return self.reload()

    def record_payment(self, month: Month, amount: Fen, on: date | None = None) -> Saved[Payment]:
        """A repayment of bill ``month`` made ``on`` (default today)."""
        today = self._today()
        payment = self.repo.add_payment(month, amount, on or today, today, charges_of=self._charges)
        return Saved(self.reload(today), payment)

    def set_minimum(self, month: Month, minimum: Fen | None) -> Snapshot:
        """Alipay's minimum payment for bill ``month`` as the user read it (wins over the rule); ``None``: the rule."""
        today = self._today()
        self.repo.set_minimum(month, minimum, today)
        return self.reload(today)

    def split_bill(self, month: Month, periods: int, on: date | None = None) -> Saved[BillInstalment]:
        """Split bill ``month`` into ``periods`` instalments on ``on`` (default today): 账单分期."""
        today = self._today()
        split = self.repo.add_bill_instalment(month, periods, on or today, today)
        return Saved(self.reload(today), split)

    def cancel_split(self, month: Month) -> Saved[BillInstalment]:
        """Undo the split of bill ``month`` while its first part is not on a bill yet."""
        today = self._today()
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

        today = self._today()
        if not self.repo.replace_ledger(demo_ledger(today), only_if_empty=not force):
            raise InputError("db", "cli.demo_refused", path=str(self.repo.path))
        return self.reload(today)

    def read_import(self, paths: Sequence[Path], progress: ReadProgress | None = None,
                    password: PasswordSource | None = None) -> ImportPreview:
        """Read and parse every file (the first bad one raises ``ImportFileError``) into a preview; saves nothing.

        ``password(path)`` is asked only for an encrypted zip. Safe to run in a worker thread: it only reads the
        snapshot already handed out.
        """
        from huabei_tui.session.importing import ImportPreview, read_exports

        ledger = self.snapshot.ledger  # first: a damaged data file is reported before any export is read
        return ImportPreview.of(read_exports(paths, progress, password), ledger)

    def commit_import(self, preview: ImportPreview) -> Saved[ImportCounts]:
        """Save the preview's records whose order numbers are new, in one save."""
        from huabei_tui.session.importing import ImportCounts

        batch = preview.batch
        purchases, payments, plans = self.repo.add_imported(batch.purchases, batch.payments, batch.plans)
        counts = ImportCounts(purchases, payments, plans, known=batch.record_count - purchases - payments)
        return Saved(self.reload(), counts)
