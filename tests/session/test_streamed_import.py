"""The streamed import (issue 15, goal 4): rows go to each line's batch as the files are read, purchases to an
anonymous file on disk, and the result is the one the in-memory path (``ImportPreview.of``) gives.

Every scenario is run both ways on copies of the same data file and compared: the preview's words, what was saved
(records, per-day totals, plans, payments) and the counts; then the streamed path's own promises: nothing of it
is visible on disk, a cancel or a failed save leaves the data file as it was, the progress ends at 100%.
"""

from __future__ import annotations

import os
import shutil
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from huabei_tui.clock import Clock
from huabei_tui.domain.account import Account
from huabei_tui.domain.lines import CREDIT_PURCHASE, CreditLine
from huabei_tui.session import Session
from huabei_tui.session.importing import ImportPreview, read_exports
from huabei_tui.storage import atomic, codec, parts
from huabei_tui.storage.errors import StoreWriteError
from huabei_tui.storage.repository import Repository
from huabei_tui.storage.spool import PurchaseSpool
from huabei_tui.storage.store import Store
from support.alipay_files import build_app2023, build_zip, many, purchase, refund, repayment

TODAY = date(2025, 6, 20)

FIRST = purchase(1, time="2025-04-03 09:05:07", amount="25.80")
INSTALMENT = purchase(2, time="2025-04-04 10:00:00", amount="300.00", method="花呗分期(3期)", description="手机")
CLOSED = purchase(3, time="2025-04-05 11:00:00", amount="40.00", status="交易关闭", description="退掉的鞋")
ROWS = [
    FIRST,
    INSTALMENT,
    purchase(4, time="2025-04-06 12:00:00", amount="99.00", method="花呗分期(5期)"),  # no rate for 5: skipped
    CLOSED,
    refund(5, CLOSED, "40.00", "2025-04-07 08:00:00"),  # brings the closed purchase in (last, when streamed)
    refund(6, INSTALMENT, "100.00", "2025-05-02 08:00:00"),  # lowers the plan's parts
    refund(7, purchase(99), "5.00", "2025-04-08 08:00:00"),  # of nothing imported: an orphan
    purchase(8, time="2025-04-09 13:00:00", amount="12.00", order_no="xxxx", description="同样的"),
    purchase(9, time="2025-04-09 13:00:00", amount="12.00", order_no="xxxx", description="同样的"),  # twin: kept
    purchase(1, time="2025-04-03 09:05:07", amount="25.80"),  # the same row again: a duplicate
    purchase(10, time="2025-04-10 14:00:00", amount="50.00", order_no=FIRST.order_no),  # same number: conflict
    purchase(11, time="2025-04-11 15:00:00", amount="300.00", method="信用购", description="信用购的"),
    HOSTILE := purchase(12, time="2025-04-12 16:00:00", amount="7.00", description="bad\x1b]52;c;aGk=\x07text"),
    refund(17, HOSTILE, "2.00", "2025-04-13 08:00:00"),  # its text too is cleaned before the preview sees it
    repayment(13, "2025-04", "25.80", "2025-05-09 09:00:00"),
    repayment(14, "2019-01", "1.00", "2025-05-09 09:00:01"),  # a bill nothing lands on
    purchase(15, method="余额宝"),
    purchase(16, time="2025-04-13 17:00:00", amount="1.00", status="等待确认收货"),
]


def make_store(path: Path, *, two_lines: bool = False, stored: list | None = None) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    repo = Repository(Store(path))
    repo.update_account(lambda account: Account(limit=800000))
    if two_lines:
        repo.add_line(lambda lines: CreditLine(lines.next_id(), "兴业", (CREDIT_PURCHASE,)), lambda _line: None)
    if stored:
        source = path.with_name("stored.csv")
        source.write_bytes(build_app2023(stored))
        session = Session(repo, Clock(TODAY))
        session.commit_import(session.read_import([source], routes={CREDIT_PURCHASE: "skip"}))
    return path


def in_memory(session: Session, paths: list[Path], routes=None) -> ImportPreview:
    """The preview the way every release before the streamed one made it: all rows in memory."""
    lines = session.lines()
    ledgers = {line.id: session.root.line(line.id).load() for line in lines.items}
    files = read_exports(paths, password=lambda _path: "123456")
    return ImportPreview.of(files, lines=lines, ledgers=ledgers, routes=routes)


def saved_state(path: Path) -> dict:
    """What an import leaves behind that anyone reads: each line's records and totals, sorted."""
    repo = Repository(Store(path))
    state = {}
    for line in repo.lines().items:
        ledger = repo.line(line.id).load()
        state[line.name] = {
            "purchases": sorted(codec.purchase_to_doc(p).items().__repr__() for p in ledger.purchases),
            "payments": sorted(repr(p) for p in ledger.payments),
            "plans": sorted(repr(p) for p in ledger.plans),
            "totals": ledger.imported_totals,
        }
    return state


def both_ways(tmp_path: Path, files: dict[str, bytes], *, routes=None, **store) -> tuple[Path, list[str]]:
    """Import ``files`` into two copies of one data file, streamed and in memory, and check they end alike;
    (the streamed copy's path, its preview in English)."""
    base = make_store(tmp_path / "base" / "huabei.json", **store)
    exports = []
    for name, data in files.items():
        exports.append(tmp_path / name)
        exports[-1].write_bytes(data)
    results = []
    for way in ("streamed", "memory"):
        shutil.copytree(base.parent, tmp_path / way)
        session = Session(Repository(Store(tmp_path / way / "huabei.json")), Clock(TODAY))
        if way == "streamed":
            preview = session.read_import(exports, routes=routes, password=lambda _path: "123456")
            assert preview.streamed
        else:
            preview = in_memory(session, exports, routes)
        texts = {lang: preview.lines(lang) for lang in ("zh", "en")}
        counts = session.commit_import(preview).value
        results.append((texts, counts))
    (streamed_lines, streamed_counts), (memory_lines, memory_counts) = results
    assert streamed_lines == memory_lines
    assert streamed_counts == memory_counts
    assert saved_state(tmp_path / "streamed" / "huabei.json") == saved_state(tmp_path / "memory" / "huabei.json")
    return tmp_path / "streamed" / "huabei.json", streamed_lines["en"]


def test_one_file_of_every_kind_of_row_imports_as_in_memory(tmp_path: Path) -> None:
    db, lines = both_ways(tmp_path, {"a.csv": build_app2023(ROWS)}, routes={CREDIT_PURCHASE: "skip"})
    text = "\n".join(lines)
    for expected in ("the same record again (overlapping exports): 1", "same order number, another amount",
                     "has 5 periods", "matches no purchase", "lowers the 2 unbilled parts of instalment plan",
                     "paid with a method no line takes (left out as asked): 1"):
        assert expected in text
    stored = Repository(Store(db)).load()
    assert all("\x1b" not in p.description + p.order_no for p in stored.purchases)  # cleaned on the way to disk
    assert "\x1b" not in text
    assert {p.description for p in stored.purchases} >= {"退掉的鞋", "同样的"}
    assert sum(p.description == "同样的" for p in stored.purchases) == 2  # identical twins stay two


def test_two_lines_each_get_their_rows(tmp_path: Path) -> None:
    db, _lines = both_ways(tmp_path, {"a.csv": build_app2023(ROWS)}, two_lines=True)
    repo = Repository(Store(db))
    assert [p.description for p in repo.line(2).load().purchases] == ["信用购的"]
    assert "信用购的" not in {p.description for p in repo.load().purchases}


def test_duplicates_across_files_and_a_zip(tmp_path: Path) -> None:
    later = [purchase(20, time="2025-05-03 09:00:00", amount="8.00"), *ROWS[:6]]
    both_ways(tmp_path, {"a.csv": build_app2023(ROWS), "b.csv": build_app2023(later),
                         "c.zip": build_zip({"x.csv": build_app2023(later), "y.csv": build_app2023(ROWS[:3])})},
              routes={CREDIT_PURCHASE: "skip"})


def test_into_a_file_that_holds_some_of_the_rows_already(tmp_path: Path) -> None:
    """Known rows are counted, not added again (and a stored one with another amount is worth a line)."""
    stored = [FIRST, replace(ROWS[5], amount="90.00"), purchase(30, time="2025-03-01 10:00:00", amount="3.00")]
    db, lines = both_ways(tmp_path, {"a.csv": build_app2023(ROWS)}, routes={CREDIT_PURCHASE: "skip"},
                          stored=stored)
    assert any("were imported before and will not be added twice" in line for line in lines)
    assert any("was imported before as ¥90.00, now ¥100.00" in line for line in lines)
    # Importing the same file again adds nothing at all, streamed.
    session = Session(Repository(Store(db)), Clock(TODAY))
    again = session.commit_import(session.read_import([tmp_path / "a.csv"], routes={CREDIT_PURCHASE: "skip"}))
    assert (again.value.purchases, again.value.payments, again.value.plans) == (0, 0, 0)


def test_a_method_no_line_takes_is_read_again_with_its_rows_kept(tmp_path: Path) -> None:
    """The answer decides where the rows go, so they must be at hand: the files are read a second time (the
    zip's password asked once), and the preview is the in-memory one, ready to be routed."""
    db = make_store(tmp_path / "huabei.json")
    path = tmp_path / "a.zip"
    path.write_bytes(build_zip({"a.csv": build_app2023(ROWS)}))
    asked: list[Path] = []

    def password(p: Path) -> str:
        asked.append(p)
        return "123456"

    session = Session(Repository(Store(db)), Clock(TODAY))
    preview = session.read_import([path], password=password)
    assert asked == [path]
    assert not preview.streamed and preview.unrouted == {CREDIT_PURCHASE: 1}
    routed = session.route_import(preview, {CREDIT_PURCHASE: "花呗"})
    assert not routed.unrouted
    session.commit_import(routed)
    assert "信用购的" in {p.description for p in Repository(Store(db)).load().purchases}


def test_nothing_of_a_streamed_preview_is_visible_on_disk_and_a_cancel_removes_it(tmp_path: Path) -> None:
    db = make_store(tmp_path / "huabei.json")
    before = db.read_bytes()
    listing = sorted(os.listdir(tmp_path))
    (tmp_path / "a.csv").write_bytes(build_app2023(many(3000)))
    session = Session(Repository(Store(db)), Clock(TODAY))
    preview = session.read_import([tmp_path / "a.csv"])
    assert preview.batch.purchase_count == 1500
    assert sorted(os.listdir(tmp_path)) == sorted([*listing, "a.csv"])  # the spool has no name
    spool = preview.batch.purchases
    assert isinstance(spool, PurchaseSpool) and len(spool) == 1500
    preview.discard()  # what the dialog's cancel does
    assert spool.closed
    assert db.read_bytes() == before and not parts.parts_dir(db).exists()


def test_a_save_that_fails_half_way_leaves_the_data_file_and_can_be_tried_again(tmp_path: Path, monkeypatch) -> None:
    """The crash between writing the part and saving the data file: the part is never named, nothing changes."""
    db = make_store(tmp_path / "huabei.json")
    before = db.read_bytes()
    (tmp_path / "a.csv").write_bytes(build_app2023(many(3000)))
    session = Session(Repository(Store(db)), Clock(TODAY))
    preview = session.read_import([tmp_path / "a.csv"])
    real = atomic.write_all
    calls = {"n": 0}

    def full_disk(fd: int, data: bytes) -> None:
        calls["n"] += 1
        if calls["n"] == 3:
            raise OSError(28, "No space left on device")
        real(fd, data)

    monkeypatch.setattr(atomic, "write_all", full_disk)
    with pytest.raises(StoreWriteError):
        session.commit_import(preview)
    assert db.read_bytes() == before
    assert not [name for name in os.listdir(parts.parts_dir(db)) if name.endswith(".json")]
    monkeypatch.setattr(atomic, "write_all", real)
    counts = session.commit_import(preview).value  # the preview is still good: the spool was not let go
    assert counts.purchases == 1500
    assert len(Repository(Store(db)).load().purchases) == 1500


def test_a_full_disk_while_reading_is_a_store_error(tmp_path: Path, monkeypatch) -> None:
    db = make_store(tmp_path / "huabei.json")
    before = db.read_bytes()
    (tmp_path / "a.csv").write_bytes(build_app2023(many(20000)))

    def full(self) -> None:
        raise StoreWriteError(tmp_path, "disk_full")

    monkeypatch.setattr(PurchaseSpool, "_flush", full)
    session = Session(Repository(Store(db)), Clock(TODAY))
    with pytest.raises(StoreWriteError):
        session.read_import([tmp_path / "a.csv"])
    assert db.read_bytes() == before


def test_the_progress_ends_at_exactly_the_whole_file(tmp_path: Path) -> None:
    db = make_store(tmp_path / "huabei.json")
    for name in ("a.csv", "b.csv"):
        (tmp_path / name).write_bytes(build_app2023(many(2500)))
    calls: list[tuple[int, int, int]] = []
    session = Session(Repository(Store(db)), Clock(TODAY))
    session.read_import([tmp_path / "a.csv", tmp_path / "b.csv"], progress=lambda *call: calls.append(call))
    for index, name in enumerate(("a.csv", "b.csv")):
        mine = [(done, total) for i, done, total in calls if i == index]
        size = (tmp_path / name).stat().st_size
        assert mine[-1] == (size, size) and all(total == size for _, total in mine)
        assert [done for done, _ in mine] == sorted(done for done, _ in mine) and len(mine) >= 3


def test_a_spooled_part_is_the_one_encoding_would_write(tmp_path: Path) -> None:
    """``parts.write``'s ``body`` copies the spool's lines: the same bytes as encoding each purchase."""
    from datetime import datetime

    from huabei_tui.domain.ledger import Purchase

    purchases = [Purchase(f"{n:08d}", datetime(2025, 4, 1 + n % 28, 9, n % 60), 100 + n, f"品{n}\"\\",
                          n % 7 == 0, 3 if n % 11 == 0 else None) for n in range(9000)]
    spool = PurchaseSpool(tmp_path)
    for p in purchases:
        spool.append(p)
    assert list(spool) == purchases
    folder = tmp_path / "a"
    folder.mkdir()
    encoded = parts.write(folder / "x.json", "purchases", purchases, encode=codec.purchase_line)
    copied = parts.write(folder / "x.json", "purchases", (), body=(spool.body(), len(spool)))
    assert (encoded.sha256, encoded.rows, encoded.size) == (copied.sha256, copied.rows, copied.size)
    assert list(parts.iter_docs(folder / "x.json", copied)) == [codec.purchase_to_doc(p) for p in purchases]
    empty = PurchaseSpool(tmp_path)
    assert parts.write(folder / "x.json", "purchases", (), body=(empty.body(), 0)).rows == 0


def test_rows_out_of_a_zip_wait_in_memory_not_on_disk(tmp_path: Path, monkeypatch) -> None:
    """What was encrypted is written nowhere before the user says yes: with a zip among the files the spool is
    kept in memory (compactly), and nothing is opened for writing while the files are read."""
    import builtins

    db = make_store(tmp_path / "huabei.json")
    (tmp_path / "a.zip").write_bytes(build_zip({"a.csv": build_app2023(many(3000))}))
    (tmp_path / "b.csv").write_bytes(build_app2023(ROWS[:3]))
    opened: list[str] = []
    real_open, real_os_open = builtins.open, os.open

    def watch_open(file, mode="r", *args, **kwargs):
        if any(flag in str(mode) for flag in "wax+"):
            opened.append(str(file))
        return real_open(file, mode, *args, **kwargs)

    def watch_os_open(file, flags, *args, **kwargs):
        if flags & (os.O_WRONLY | os.O_RDWR | os.O_CREAT):
            opened.append(str(file))
        return real_os_open(file, flags, *args, **kwargs)

    session = Session(Repository(Store(db)), Clock(TODAY))
    monkeypatch.setattr(builtins, "open", watch_open)
    monkeypatch.setattr(os, "open", watch_os_open)
    preview = session.read_import([tmp_path / "b.csv", tmp_path / "a.zip"], password=lambda _p: "123456")
    monkeypatch.undo()
    assert opened == []
    assert not preview.batch.purchases.on_disk and len(preview.batch.purchases) == 1502
    assert session.commit_import(preview).value.purchases == 1502
    # A plain CSV alone (already on disk as it is) spools to disk.
    again = session.read_import([tmp_path / "b.csv"])
    assert again.batch.purchases.on_disk


@pytest.mark.skipif(not Path("/proc/self/fd").is_dir(), reason="needs /proc to tell which file is written")
def test_a_save_that_fails_after_the_part_is_in_place_leaves_nothing_named(tmp_path: Path, monkeypatch) -> None:
    """The part is complete and named, then the data file's save fails: the data file is as it was and the part
    it never named is removed (a kill -9 at that point leaves it unnamed, for ``collect`` to remove later)."""
    db = make_store(tmp_path / "huabei.json")
    before = db.read_bytes()
    (tmp_path / "a.csv").write_bytes(build_app2023(many(3000)))
    session = Session(Repository(Store(db)), Clock(TODAY))
    preview = session.read_import([tmp_path / "a.csv"])
    real = atomic.write_all
    parts_written: list[str] = []

    def data_file_fails(fd: int, data: bytes) -> None:
        target = os.readlink(f"/proc/self/fd/{fd}")
        if ".parts" in target:
            parts_written.append(target)
            real(fd, data)
            return
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(atomic, "write_all", data_file_fails)
    with pytest.raises(StoreWriteError):
        session.commit_import(preview)
    monkeypatch.undo()
    assert parts_written  # the part was written in full before the data file's save was tried
    assert db.read_bytes() == before
    assert not [name for name in os.listdir(parts.parts_dir(db)) if name.endswith(".json")]
    assert Repository(Store(db)).load().purchases == ()


def test_rows_dated_after_today_are_counted_in_the_preview_read_either_way(tmp_path: Path) -> None:
    """Streamed, and read again in memory once a new payment method is answered: the same line about the rows
    dated after the session's today, counting the records kept (not the row left out, nor the duplicate)."""
    later = purchase(40, time="2025-06-21 00:00:00", amount="9.00")
    rows = [FIRST, later, later, repayment(41, "2025-06", "9.00", "2025-07-01 09:00:00"),
            purchase(42, time="2025-06-30 10:00:00", amount="8.00", method="信用购")]
    path = tmp_path / "later.csv"
    path.write_bytes(build_app2023(rows))
    session = Session(Repository(Store(make_store(tmp_path / "db" / "huabei.json"))), Clock(TODAY))
    said = "2 rows are dated after today (2025-06-20): they are saved, but count on bills and in the limit used " \
           "only from their own dates"
    streamed = session.read_import([path], routes={CREDIT_PURCHASE: "skip"})
    assert streamed.streamed and said in streamed.lines("en")
    asked = session.read_import([path])
    assert asked.unrouted and not asked.streamed
    answered = session.route_import(asked, {CREDIT_PURCHASE: "skip"})
    assert said in answered.lines("en")
    assert "2 行的日期在今天（2025-06-20）之后：照样保存，但到了各自的日期才计入账单和已用额度" in answered.lines("zh")
    streamed.discard()
    answered.discard()
