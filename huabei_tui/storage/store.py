"""The data file: locked, atomic, backed-up, versioned TinyDB storage.

TinyDB's ``JSONStorage`` rewrites the file in place without locking, so a crash or a full disk mid-save
destroys the data and two terminals lose each other's changes. ``Store`` keeps TinyDB's file layout (so the
file stays readable by TinyDB and by hand) but changes how it is reached:

* every change happens in ``transaction()``: take an inter-process lock, re-read the file, hand out a TinyDB
  backed by memory, and on success save once, atomically, keeping a backup of the previous file;
* reads take no lock: saves are atomic renames, so a reader sees the old file or the new one, never a mix;
  the decoded file is kept with its signature (mtime, size, inode), so reading it again unchanged costs a
  ``stat``, and reading never imports TinyDB or filelock (``huabei status`` would pay for them on every run);
  a change never starts from that cache: it re-reads the file under the lock;
* a file that cannot be understood is never written over; errors name the newest good backup and
  ``restore()`` brings it back, keeping the damaged file next to it.

* rows that only an import adds (thousands of purchases) live in *parts* beside the file (``parts.py``): a
  transaction may add a part (``add_part``) or stop referring to parts (``drop_parts``); the parts are written
  before the data file that names them, so the data file is the one commit point of a save, and a small save
  never rewrites, backs up or decodes them.

Layout next to ``data.json``: ``data.json.lock`` (the lock), ``data.json.backups/`` (timestamped backups of the
data file), ``data.json.parts/`` (the parts it or any backup names), ``data.json.damaged-*`` (files replaced by
``restore``) and, only after a killed save, ``.data.json.tmp-*`` (here or in those folders).
"""

from __future__ import annotations

import contextlib
import glob
import json
import os
import threading
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from huabei_tui.domain.shell_words import shell_quote
from huabei_tui.storage import migrations, parts
from huabei_tui.storage.atomic import (
    DIR_MODE,
    FILE_MODE,
    BackupUnavailable,
    atomic_write,
    backups_folder_problem,
    clean_temp_files,
    link_or_copy,
    list_backups,
    temp_prefix,
    unique_stamped_name,
)
from huabei_tui.storage.errors import (
    StoreBackupProblem,
    StoreBusy,
    StoreCorrupt,
    StoreMissingFolder,
    StoreNoBackup,
    StoreReadError,
    StoreTooNew,
    StoreWriteError,
    reason_for_oserror,
)
from huabei_tui.storage.parts import PartDamaged, PartRef

if TYPE_CHECKING:
    import filelock
    from tinydb import TinyDB

Tables = dict[str, dict[str, dict[str, Any]]]

META_TABLE = "_meta"
#: The parts the data file relies on (``parts.PartRef`` documents); like ``_meta``, the storage layer's own.
PARTS_TABLE = "_parts"
RESERVED_TABLES = (META_TABLE, PARTS_TABLE)
Parts = tuple[PartRef, ...]


class _Invalid(Exception):
    """Why some bytes are not a usable data file; turned into ``StoreCorrupt`` by whoever knows the path."""

    def __init__(self, reason: str, found: int | None = None) -> None:
        super().__init__(reason)
        self.reason = reason
        self.found = found


def decode(raw: bytes) -> Tables:
    """Parse, validate and migrate the bytes of a data file; the result has no ``_meta`` or ``_parts`` table."""
    return decode_file(raw)[0]


def decode_file(raw: bytes) -> tuple[Tables, Parts]:
    """The tables of a data file (parsed, validated, migrated) and the parts it refers to.

    Validation is strict about structure (tables are objects of objects keyed by document id) because TinyDB
    would otherwise fail later with an obscure error, or worse, carry on with half the data.
    """
    if not raw.strip():
        raise _Invalid("empty")
    try:
        # NaN/Infinity are not JSON; accepting them would make every later save fail (we write strict JSON).
        document = json.loads(raw.decode("utf-8-sig"), parse_constant=_refuse_constant)
    except (UnicodeDecodeError, ValueError, RecursionError):
        raise _Invalid("not_json") from None
    if not isinstance(document, dict):
        raise _Invalid("wrong_format")
    for table in document.values():
        if not isinstance(table, dict):
            raise _Invalid("wrong_format")
        for doc_id, doc in table.items():
            if not isinstance(doc, dict) or not _is_doc_id(doc_id):
                raise _Invalid("wrong_format")
    version = _schema_version(document.pop(META_TABLE, None))
    if version > migrations.CURRENT_SCHEMA:
        raise _Invalid("schema_newer", found=version)
    try:
        found = tuple(PartRef.from_doc(doc) for doc in document.pop(PARTS_TABLE, {}).values())
    except ValueError:
        raise _Invalid("wrong_format") from None
    if len({ref.name for ref in found}) != len(found):
        raise _Invalid("wrong_format")
    return migrations.migrate(document, version), found


def _refuse_constant(name: str) -> None:
    raise ValueError(f"{name} is not JSON")


def _is_doc_id(key: str) -> bool:
    try:
        int(key)
    except ValueError:
        return False
    return True


def _schema_version(meta: dict[str, Any] | None) -> int:
    """The file's schema: 0 without ``_meta`` (TinyDB files from before versioning), else ``_meta["1"]``."""
    if meta is None:
        return 0
    version = meta.get("1", {}).get("schema")
    if type(version) is not int or version < 0:
        raise _Invalid("wrong_format")
    return version


def encode(tables: Tables, refs: Parts = ()) -> bytes:
    """The bytes of a data file holding ``tables`` at the current schema, relying on the parts ``refs``.

    Non-ASCII text is written as is, so a user who opens the file sees their Chinese notes; NaN and Infinity
    are refused because they are not JSON and other tools could not read the file.
    """
    for name in RESERVED_TABLES:
        if name in tables:
            raise ValueError(f"the table name {name!r} is reserved for the storage layer")
    document: dict[str, Any] = {META_TABLE: {"1": {"schema": migrations.CURRENT_SCHEMA}}}
    if refs:
        document[PARTS_TABLE] = {str(i): ref.to_doc() for i, ref in enumerate(refs, start=1)}
    document.update(tables)
    return (json.dumps(document, ensure_ascii=False, allow_nan=False) + "\n").encode("utf-8")


def copy_tables(tables: Tables) -> Tables:
    """A copy of decoded tables that shares nothing changeable with them (JSON values: dicts, lists, scalars)."""
    return {name: {doc_id: _copy_doc(doc) for doc_id, doc in table.items()} for name, table in tables.items()}


def _copy_doc(doc: dict[str, Any]) -> dict[str, Any]:
    copied = dict(doc)
    for key, value in copied.items():
        if isinstance(value, (dict, list)):
            copied[key] = _copy_json(value)
    return copied


def _copy_json(value: Any) -> Any:
    if isinstance(value, dict):
        return {key: _copy_json(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_copy_json(item) for item in value]
    return value


@dataclass
class _PartsState:
    """One transaction's parts: those the file will name if it commits (``refs``), those it wrote (``added``)."""

    refs: Parts
    added: list[PartRef] = field(default_factory=list)


class Store:
    """One data file with its parts, lock, backups and schema version.

    ``create_folder`` is for the default per-user data folder, which may not exist on first run; for a path
    the user typed, a missing folder is more likely a typo, so it is an error at save time instead.
    """

    def __init__(
        self,
        path: Path,
        *,
        lock_timeout: float = 10.0,
        keep_backups: int = 10,
        create_folder: bool = False,
    ) -> None:
        path = Path(os.path.abspath(Path(path).expanduser()))
        if path.is_symlink():
            # Renaming over a symlink would replace the link by a plain file; save to what it points at.
            try:
                path = path.resolve()
            except (RuntimeError, OSError):  # a symlink loop (RuntimeError before Python 3.13, OSError after)
                raise StoreReadError(path, "symlink_loop") from None
        self.path = path
        self.lock_path = path.with_name(path.name + ".lock")
        self.backup_dir = path.with_name(path.name + ".backups")
        self.parts_dir = parts.parts_dir(path)
        self.lock_timeout = lock_timeout
        self.keep_backups = keep_backups
        self.create_folder = create_folder
        self._file_lock: filelock.FileLock | None = None  # made on the first change (importing filelock costs)
        self._file_lock_guard = threading.Lock()
        self._local = threading.local()
        # (signature, decoded tables, parts) of the last read; see ``read_shared``.
        self._cache: tuple[tuple[int, int, int, int], Tables, Parts] | None = None
        #: What else a backup must pass to count as good (the repository checks its records); raises if not.
        self.content_check: Callable[[Tables], object] | None = None
        #: Why the last save made no backup (its folder cannot be used), None when it made one: the data was
        #: saved all the same, and the CLI and the TUI say so.
        self.backup_problem: StoreBackupProblem | None = None

    def __repr__(self) -> str:
        return f"Store({str(self.path)!r})"

    @property
    def temp_prefix(self) -> str:
        """Names of this file's temporary saves start with this (in its folder and its backups folder)."""
        return temp_prefix(self.path)

    @property
    def damaged_prefix(self) -> str:
        """Names of the damaged files ``restore`` keeps beside the data file start with this."""
        return f"{self.path.name}.damaged-"

    # -- reading -------------------------------------------------------------------------------------------

    def read(self) -> Tables:
        """The whole database (TinyDB layout, migrated, without ``_meta``); ``{}`` if there is no file yet.

        A missing file is not created: looking must not leave traces (``huabei status`` on a typo'd --db).
        The result is the caller's own copy: changing it changes neither the file nor later reads. Rows kept
        in parts are not in it: see ``read_with_parts`` and ``iter_part``.
        """
        return copy_tables(self.read_shared())

    def read_shared(self) -> Tables:
        """Like ``read``, but the tables are shared with later reads: the caller must not change them.

        Decoded tables are kept with the file's ``signature``, so reading an unchanged file again (a command
        asks for one setting, then for the whole ledger) costs one ``stat``. A save by any process replaces
        the file (new inode, mtime and usually size), which changes the signature and makes the next read
        decode the file again; this process's own saves also drop the cache outright.
        """
        return self.read_with_parts()[0]

    def read_with_parts(self) -> tuple[Tables, Parts]:
        """The shared tables (as ``read_shared``) and the parts this version of the file relies on.

        Every part named is checked to be there with its size (a ``stat`` each); its rows are checked against
        their hash when they are read (``iter_part``).
        """
        cached = self._cache
        if cached is not None and cached[0] == self.signature():
            return cached[1], cached[2]
        signature, _raw, tables, refs = self._load_raw(self.path)
        if signature is not None:
            self._cache = (signature, tables, refs)
        return tables, refs

    def iter_part(self, ref: PartRef, *, start: int = 0, stop: int | None = None,
                  check: bool = True) -> Iterator[dict[str, Any]]:
        """The documents of one part (rows ``start`` to ``stop``), streamed; see ``parts.iter_docs``.

        A part that is gone or not what was saved raises ``StoreCorrupt`` naming it, like any damaged file.
        """
        try:
            yield from parts.iter_docs(self.path, ref, start=start, stop=stop, check=check)
        except PartDamaged as damaged:
            raise self._damaged_part(damaged) from None

    def signature(self) -> tuple[int, int, int, int] | None:
        """Cheap fingerprint of the file: when it changes, another process saved and a view should reload.

        Every save renames a new inode into place, so this changes even where mtime granularity is coarse.
        Parts never change once written, and the file names every part it relies on, so the file's signature
        stands for the parts too.
        """
        try:
            st = os.stat(self.path)
        except (FileNotFoundError, NotADirectoryError):
            return None
        except OSError as error:  # a symlink loop in the path, a folder we may not enter: say which, no traceback
            raise StoreReadError(self.path, *reason_for_oserror(error)) from error
        return (st.st_mtime_ns, st.st_size, st.st_ino, st.st_dev)

    def backups(self) -> list[Path]:
        """Backups of the data file, newest first."""
        return list_backups(self.path, self.backup_dir)

    def backups_folder_problem(self) -> StoreBackupProblem | None:
        """Why the next save could not keep a backup (checked now, nothing written), or None."""
        if self.keep_backups <= 0:
            return None
        problem = backups_folder_problem(self.backup_dir)
        return StoreBackupProblem.of(self.path, problem, key="store.backups_unusable") if problem else None

    def newest_good_backup(self) -> Path | None:
        """The newest backup that parses, that this program can read, and whose parts are all there."""
        for candidate in self.backups():
            try:
                tables, refs = decode_file(candidate.read_bytes())
                self._check_content(tables)
                for ref in refs:
                    parts.check_present(self.path, ref)
            except (_Invalid, OSError, StoreCorrupt, PartDamaged):
                continue
            return candidate
        return None

    def _check_content(self, tables: Tables) -> None:
        if self.content_check is not None:
            self.content_check(tables)

    def _load_raw(self, path: Path) -> tuple[tuple[int, int, int, int] | None, bytes | None, Tables, Parts]:
        """(signature, bytes, decoded tables, parts) of the file; ``(None, None, {}, ())`` when there is none.
        The signature is taken from the open file, so it belongs to exactly the bytes decoded."""
        try:
            with open(path, "rb") as handle:
                st = os.fstat(handle.fileno())
                raw = handle.read()
        except FileNotFoundError:
            return None, None, {}, ()
        except OSError as error:
            raise StoreReadError(path, *reason_for_oserror(error)) from error
        try:
            tables, refs = decode_file(raw)
        except _Invalid as bad:
            raise self._corrupt(path, bad) from None
        try:
            for ref in refs:
                parts.check_present(self.path, ref)
        except PartDamaged as damaged:
            raise self._damaged_part(damaged) from None
        return (st.st_mtime_ns, st.st_size, st.st_ino, st.st_dev), raw, tables, refs

    def _corrupt(self, path: Path, bad: _Invalid) -> StoreCorrupt:
        backup = self.newest_good_backup()
        if bad.reason == "schema_newer" and bad.found is not None:
            return StoreTooNew(path, bad.found, migrations.CURRENT_SCHEMA, backup)
        return StoreCorrupt(path, bad.reason, backup)

    def _damaged_part(self, damaged: PartDamaged) -> StoreCorrupt:
        """A part the data file relies on is gone or changed: the data file is damaged as a whole (its totals
        count rows that are not there), so the way out is the same: the newest backup whose parts are intact."""
        return StoreCorrupt(self.path, damaged.reason, self.newest_good_backup(),
                            part=str(self.parts_dir / damaged.name))

    # -- writing -------------------------------------------------------------------------------------------

    @contextlib.contextmanager
    def transaction(self, *, lock_timeout: float | None = None) -> Iterator[TinyDB]:
        """Lock, re-read, yield a TinyDB on the fresh data, and save once if it changed.

        Saving once at the end makes a bulk import one write instead of one per record, and makes the whole
        block all-or-nothing: if it raises, nothing is written (parts it added are deleted again). A damaged
        file raises here, before the block runs, so it can never be overwritten. Do not keep the TinyDB past
        the block. Inside it, ``add_part``/``drop_parts``/``transaction_parts`` work on this transaction's parts.
        ``lock_timeout`` overrides the store's wait for the lock (0: do not wait at all).
        """
        from tinydb import TinyDB

        from huabei_tui.storage.memory import TransactionStorage

        with self._locked(lock_timeout):
            # A save is always based on the bytes on disk now, never on the read cache: the cache trusts the
            # file's signature, and a signature can repeat (an inode freed by one save reused by the next within
            # one timestamp tick, same size). Showing a stale view is harmless; saving over a newer file is not.
            signature, raw, tables, refs = self._load_raw(self.path)
            self._collect(refs)
            db = TinyDB(tables, storage=TransactionStorage)
            storage = db.storage
            assert isinstance(storage, TransactionStorage)
            state = _PartsState(refs)
            self._local.parts = state
            committed = False
            try:
                yield db
                # Nothing written through TinyDB and no part added or dropped: nothing changed. Else the new
                # bytes are compared with the bytes read, so a change that lands on the same content (a step
                # ticked again on the same day) writes nothing either; a file in another form (indented by
                # hand) is rewritten in ours then.
                changed = storage.written or state.refs != refs
                after = encode(storage.tables, state.refs) if changed else None
                if after is not None and after != raw:
                    problems: list[BackupUnavailable] = []
                    atomic_write(self.path, after, backup_dir=self.backup_dir, keep=self.keep_backups,
                                 on_backup_problem=problems.append)
                    self.backup_problem = StoreBackupProblem.of(self.path, problems[0]) if problems else None
                    signature = self.signature()  # under the lock: exactly the bytes just written
                committed = True
                # The finished transaction's tables are the file's content now: the next read (the app
                # reloading after its own change) costs a stat instead of a decode.
                self._cache = (signature, storage.tables, state.refs) if signature is not None else None
            finally:
                storage.finish()
                self._local.parts = None
                if not committed:
                    # The data file does not name them: they would only wait for ``_collect``.
                    parts.remove(self.path, state.added)
            if state.refs != refs:
                self._collect(state.refs)

    def add_part(self, table: str, docs: Iterable[Any], *, encode_doc: Callable[[Any], str] | None = None,
                 body: tuple[Iterable[bytes], int] | None = None) -> PartRef:
        """Inside a transaction: write ``docs`` as a new part of ``table`` (streamed), named by the file the
        transaction saves. The part is complete on disk when this returns; it becomes part of the data when the
        transaction commits, and is deleted if it does not. Returns its reference (row count included).

        ``docs`` are JSON documents, or any values ``encode_doc`` turns into one line of JSON each (an import
        hands purchases and their encoder, sparing a dict per row); or ``body``, rows already in the part's form
        (``parts.write``)."""
        state = self._state()
        try:
            ref = parts.write(self.path, table, docs, encode=encode_doc, body=body)
        except OSError as error:
            if not self.path.parent.is_dir():
                raise StoreMissingFolder(self.path) from error
            raise StoreWriteError(self.path, *reason_for_oserror(error)) from error
        state.added.append(ref)
        state.refs = (*state.refs, ref)
        return ref

    def drop_parts(self, table: str) -> None:
        """Inside a transaction: the data file stops relying on the parts of ``table`` (their files stay while a
        backup names them, so an older version can still be restored)."""
        state = self._state()
        state.refs = tuple(ref for ref in state.refs if ref.table != table)

    def transaction_parts(self) -> Parts:
        """Inside a transaction: the parts the data file will rely on if it commits now."""
        return self._state().refs

    def _state(self) -> _PartsState:
        state = getattr(self._local, "parts", None)
        if state is None:
            raise RuntimeError("parts can only be changed inside Store.transaction()")
        return state

    def _collect(self, keep: Parts) -> None:
        """Delete parts that neither the data file (with ``keep``) nor any backup or damaged copy names."""
        def others() -> Iterator[Path]:
            yield from self.backups()
            yield from sorted(self.path.parent.glob(f"{glob.escape(self.damaged_prefix)}*"))

        parts.collect(self.path, {ref.name for ref in keep}, others)

    def restore(self, backup: Path | None = None) -> tuple[Path, Path | None]:
        """Put a backup (default: the newest good one) in place; return (restored_from, damaged_copy).

        The current file, if any, is first kept as ``{name}.damaged-{stamp}`` (a hard link, so it costs
        nothing) and never deleted: it may still hold the only copy of recent changes worth rescuing by hand;
        the parts it names are kept with it. The backup's own parts are checked against their hashes first:
        a backup is restored with exactly the rows it was saved with, or not at all.
        """
        with self._locked():
            chosen = Path(backup) if backup is not None else self.newest_good_backup()
            if chosen is None:
                raise StoreNoBackup(self.path, self.backup_dir)
            try:
                raw = chosen.read_bytes()
            except OSError as error:
                raise StoreReadError(chosen, *reason_for_oserror(error)) from error
            try:
                tables, refs = decode_file(raw)
                self._check_content(tables)
                for ref in refs:
                    parts.verify(self.path, ref)
            except (_Invalid, PartDamaged) as bad:
                # Name the unusable backup, but suggest restoring into the data file, not into the backup.
                good = self.newest_good_backup()
                raise StoreCorrupt(chosen, bad.reason, good, db_arg=shell_quote(str(self.path))) from None
            except StoreCorrupt as bad:
                good = self.newest_good_backup()
                params = {k: v for k, v in bad.params.items() if k not in ("path", "db_arg", "reason", "backup")}
                raise StoreCorrupt(chosen, bad.reason, good, db_arg=shell_quote(str(self.path)), **params) from None
            damaged: Path | None = None
            if os.path.lexists(self.path):
                damaged = unique_stamped_name(self.path.parent, f"{self.damaged_prefix}{{stamp}}")
                try:
                    link_or_copy(self.path, damaged, data_path=self.path)
                except OSError as error:
                    raise StoreWriteError(self.path, *reason_for_oserror(error)) from error
            # Restore the exact bytes: if the backup is an older schema, the next save migrates it as usual.
            self._cache = None
            atomic_write(self.path, raw, backup_dir=None, keep=0)
            return chosen, damaged

    @contextlib.contextmanager
    def _locked(self, timeout: float | None = None) -> Iterator[None]:
        if getattr(self._local, "held", False):
            # The outer transaction would save its own snapshot over the inner one's changes.
            raise RuntimeError("Store.transaction() cannot be nested")
        self._prepare_folder()
        import filelock

        lock = self._lock()
        timeout = self.lock_timeout if timeout is None else timeout
        try:
            lock.acquire(timeout=timeout)
        except filelock.Timeout:
            raise StoreBusy(self.path, timeout) from None
        except OSError as error:
            if not self.path.parent.is_dir():
                raise StoreMissingFolder(self.path) from error
            raise StoreWriteError(self.path, *reason_for_oserror(error)) from error
        self._local.held = True
        try:
            clean_temp_files(self.path, self.backup_dir, self.parts_dir)
            yield
        finally:
            self._local.held = False
            lock.release()

    def _lock(self) -> filelock.FileLock:
        """The inter-process lock, made on first use so that reading never imports filelock."""
        with self._file_lock_guard:
            if self._file_lock is None:
                import filelock

                # filelock polls (flock without blocking); 10 ms instead of its 50 ms default lets a waiting
                # terminal in during the short gaps between another process's saves instead of starving behind a
                # busy writer.
                self._file_lock = filelock.FileLock(
                    str(self.lock_path), timeout=self.lock_timeout, mode=FILE_MODE, poll_interval=0.01
                )
            return self._file_lock

    def _prepare_folder(self) -> None:
        folder = self.path.parent
        if folder.is_dir():
            return
        if os.path.lexists(folder):
            try:
                os.stat(folder)
            except OSError as error:  # a symlink loop, most likely
                raise StoreWriteError(self.path, *reason_for_oserror(error)) from error
            raise StoreWriteError(self.path, "path_not_folder", "")
        if not self.create_folder:
            raise StoreMissingFolder(self.path)
        missing: list[Path] = []
        while not os.path.lexists(folder):
            missing.append(folder)
            folder = folder.parent
        for new in reversed(missing):
            try:
                os.mkdir(new, DIR_MODE)
            except FileExistsError:
                continue  # another process made it at the same moment
            except OSError as error:
                raise StoreWriteError(self.path, *reason_for_oserror(error)) from error
            with contextlib.suppress(OSError):
                os.chmod(new, DIR_MODE)  # the umask may have removed bits; make sure it is private
