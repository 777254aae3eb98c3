"""Issue 15, goals 3–5: size does not matter. Imported by ``bench/run.py`` (``--size`` / ``--million``).

* **Goal 3** — first paint (Textual's own first frame, ``--no-snapshot``), ``huabei status --json`` and ``huabei pay`` on a data file holding 100,000 (and, with
  ``--million``, 1,000,000) imported purchases, each as a ratio to the same on an *empty* file (the account and
  one typed bill: what ``pay`` needs to have something to pay). Targets: ≤ 1.3× at 100k, ≤ 2× at 1M. The big
  files are written in the single-file layout every release up to schema 1 used (``generate.write_single_file``),
  as a user upgrading has them; one warm-up ``pay`` per file (not timed, its time is printed) is the save that
  migrates it, so what is timed is the steady state.
* **Goal 4** — ``huabei import alipay`` of a 100,000-row (``--million``: 1,000,000-row) export, on a
  pseudo-terminal so the progress bar is drawn, as a ratio to a script that decodes the file with the standard
  library and splits it with ``csv.reader``, streamed (the way the import reads it; holding a million split rows
  would take gigabytes). Target ≤ 2×. Peak RSS of both is printed.
* **Goal 5** — on the 100k file, in the app (Pilot, Textual's 50 ms switch mask off): a screen switch and a key
  press that redraws (moving the calendar's day), key → first frame. Target ≤ 16 ms (one frame at 60 Hz).

Each figure is the median of its runs with the spread (min–max) beside it; runs of one measure on different files
are interleaved so that load from other programs hits them alike. Never a timed test: these are numbers to read.
"""

from __future__ import annotations

import asyncio
import os
import platform
import shutil
import statistics
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path

import generate

#: Decode + split, streamed: the floor of any importer that reads every row (goal 4's baseline).
STREAM_SPLIT = (
    "import csv, io, sys\n"
    "n = 0\n"
    "with open(sys.argv[1], 'rb') as raw:\n"
    "    for row in csv.reader(io.TextIOWrapper(raw, encoding='gb18030', newline='')):\n"
    "        n += 1\n"
    "print(n)\n"
)


def machine() -> str:
    """The machine the figures were taken on: CPU, cores, memory, OS, Python, and the load when asked."""
    model = "?"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        model = platform.processor() or "?"
    memory = ""
    try:
        pages, size = os.sysconf("SC_PHYS_PAGES"), os.sysconf("SC_PAGE_SIZE")
        memory = f", {pages * size / 2**30:.0f} GiB"
    except (ValueError, OSError, AttributeError):
        pass
    load = ""
    if hasattr(os, "getloadavg"):
        load = ", load {:.1f} {:.1f} {:.1f}".format(*os.getloadavg())
    return (f"{model}, {os.cpu_count()} cores{memory}; {platform.system()} {platform.release()}; "
            f"Python {platform.python_version()}{load}")


def spread(values: Sequence[float], unit: str = "ms") -> str:
    """``median (min–max)``: the figure and how much it moved between runs."""
    med = statistics.median(values)
    fmt = (lambda v: f"{v:,.0f}") if med >= 10 else (lambda v: f"{v:.1f}")
    return f"{fmt(med)} {unit} ({fmt(min(values))}–{fmt(max(values))})"


def ratio_spread(values: Sequence[float], base: Sequence[float]) -> str:
    """The ratio of medians, with the ratio of the extremes as its spread (best case over worst and back)."""
    med = statistics.median(values) / statistics.median(base)
    return f"{med:.2f}× ({min(values) / max(base):.2f}–{max(values) / min(base):.2f})"


@dataclass
class Database:
    label: str  # "empty", "100k", "1M"
    path: Path
    purchases: int
    size_before: int  # bytes of the single-file layout as generated
    migrate_ms: float = 0.0  # the warm-up pay that migrates it (0 for a file that needs none)
    size_after: int = 0  # bytes of the data file (and its parts) after the warm-up


@dataclass
class SizeResults:
    databases: list[Database] = field(default_factory=list)
    paint: dict[str, list[float]] = field(default_factory=dict)
    status: dict[str, list[float]] = field(default_factory=dict)
    pay: dict[str, list[float]] = field(default_factory=dict)
    status_rss: dict[str, float] = field(default_factory=dict)
    pay_rss: dict[str, float] = field(default_factory=dict)
    imports: dict[int, tuple[list[float], float, list[float], float]] = field(default_factory=dict)
    switch: list[float] = field(default_factory=list)
    switch_first: list[float] = field(default_factory=list)
    keypress: list[float] = field(default_factory=list)


def pay_month(today: date) -> str:
    """The bill every benchmark file has typed and unpaid (the one accumulating today), so ``pay`` always works."""
    return str(generate.cycle.bill_for_day(today, generate.STATEMENT_DAY))


def build_databases(tmp: Path, today: date, sizes: Sequence[int], log: Callable[[str], None]) -> list[Database]:
    from huabei_tui.domain.ledger import Ledger

    month = generate.cycle.bill_for_day(today, generate.STATEMENT_DAY)
    result: list[Database] = []
    empty = tmp / "size-empty" / "huabei.json"
    empty.parent.mkdir()
    base = generate.build_ledger(today, purchases=0)
    generate.write_single_file(empty, Ledger(account=base.account, manual_bills={month: 1_000_000}))
    result.append(Database("empty", empty, 0, empty.stat().st_size))
    for count in sizes:
        label = f"{count // 1000}k" if count < 1_000_000 else f"{count // 1_000_000}M"
        log(f"generating a ten-year file with {count:,} purchases")
        ledger = generate.build_ledger(today, purchases=count)
        bills = dict(ledger.manual_bills)
        bills[month] = 1_000_000
        path = tmp / f"size-{label}" / "huabei.json"
        path.parent.mkdir()
        generate.write_single_file(path, replace(ledger, manual_bills=bills))
        purchases = len(ledger.purchases)
        del ledger
        result.append(Database(label, path, purchases, path.stat().st_size))
    return result


def data_bytes(path: Path) -> int:
    """The data file plus everything it keeps beside it (imported rows), not counting backups."""
    total = path.stat().st_size
    for sibling in path.parent.iterdir():
        if sibling.is_dir() and sibling.name.startswith(path.name + ".") and not sibling.name.endswith(".backups"):
            total += sum(f.stat().st_size for f in sibling.iterdir() if f.is_file())
    return total


def measure(run_process, interleaved, child_env, huabei: list[str], paint_child: str, py: str, tmp: Path,
            today: date, *, repeats: int, million: bool, import_rows: Sequence[int],
            log: Callable[[str], None]) -> SizeResults:
    """Goals 3–5, with ``run_process``/``interleaved`` from ``run.py`` (one way to time a subprocess)."""
    results = SizeResults()
    sizes = [100_000, 1_000_000] if million else [100_000]
    env = child_env(tmp)
    databases = build_databases(tmp, today, sizes, log)
    results.databases = databases
    month = pay_month(today)
    mark = tmp / "size-painted"

    def common(db: Database) -> list[str]:
        return ["--db", str(db.path), "--today", today.isoformat()]

    for db in databases:
        log(f"warm-up pay on {db.label} (the save that migrates it)")
        run = run_process([*huabei, *common(db), "pay", month, "0.01", "--on", today.isoformat()], env,
                          timeout=3600)
        db.migrate_ms = run.wall_ms
        db.size_after = data_bytes(db.path)
        # Byte code and the page cache warm, as for every later run.
        run_process([*huabei, *common(db), "status", "--json"], env, timeout=3600)

    def paint_job(db: Database):
        # Textual's own first frame (--no-snapshot): the start-up snapshot shows the previous frame whatever the
        # size of the data; what the data costs shows in the real one.
        return lambda: run_process([py, paint_child, str(mark), "huabei", "--no-snapshot", *common(db)], env,
                                   terminal=True, mark=mark, timeout=3600)

    def status_job(db: Database):
        return lambda: run_process([*huabei, *common(db), "status", "--json"], env, timeout=3600)

    def pay_job(db: Database):
        return lambda: run_process([*huabei, *common(db), "pay", month, "0.01", "--on", today.isoformat()], env,
                                   timeout=3600)

    for name, job, store in (("first paint", paint_job, results.paint), ("status --json", status_job, None),
                             ("pay", pay_job, None)):
        log(f"{name}: {repeats} runs on each of {', '.join(db.label for db in databases)}")
        runs = interleaved(repeats, {db.label: job(db) for db in databases})
        for label, found in runs.items():
            if name == "first paint":
                results.paint[label] = [r.mark_ms for r in found]
            elif name == "status --json":
                results.status[label] = [r.wall_ms for r in found]
                results.status_rss[label] = max(r.rss_mb for r in found)
            else:
                results.pay[label] = [r.wall_ms for r in found]
                results.pay_rss[label] = max(r.rss_mb for r in found)
        del store

    copies = iter(range(10**6))

    def fresh_copy() -> Path:
        """A copy of the empty file to import into (each import run starts from the same file)."""
        target = tmp / f"size-import-{next(copies)}" / "huabei.json"
        target.parent.mkdir()
        shutil.copy2(databases[0].path, target)
        return target

    for rows in import_rows:
        log(f"generating a {rows:,}-row export")
        export = tmp / f"alipay-{rows}.csv"
        export.write_bytes(generate.build_export(today, rows=rows))

        import_repeats = max(2, repeats // 2) if rows >= 1_000_000 else repeats
        log(f"import of {rows:,} rows: {import_repeats} runs each (on a pseudo-terminal: with the progress bar)")
        runs = interleaved(import_repeats, {
            "split": lambda export=export: run_process([py, "-c", STREAM_SPLIT, str(export)], env, timeout=3600),
            "import": lambda export=export: run_process(
                [*huabei, "--db", str(fresh_copy()), "--today", today.isoformat(), "import", "alipay", str(export)],
                env, terminal=True, timeout=3600),
        })
        results.imports[rows] = ([r.wall_ms for r in runs["import"]], max(r.rss_mb for r in runs["import"]),
                                 [r.wall_ms for r in runs["split"]], max(r.rss_mb for r in runs["split"]))
        export.unlink()

    big = next(db for db in databases if db.label == "100k")
    log("screen switch and key press on the 100k file (Pilot)")
    results.switch_first, results.switch, results.keypress = asyncio.run(pilot_figures(big.path, today))
    return results


async def pilot_figures(path: Path, today: date) -> tuple[list[float], list[float], list[float]]:
    """ms from a key to the first frame after it: switching screens (first visit, then again) and moving the
    calendar's day (a redraw of the month grid and the day's details)."""
    import run as bench

    from huabei_tui.clock import Clock
    from huabei_tui.storage.repository import Repository
    from huabei_tui.storage.store import Store
    from huabei_tui.ui.app import HuabeiApp

    def make_app():
        return HuabeiApp(Repository(Store(path)), Clock(today), "zh", poll_seconds=0)

    modes = ("status", "calendar", "checklist", "recovery")
    switches = await bench.measure_switches(make_app, modes, mask=False, rounds=5, fresh_apps=2)
    first = [v for _, v, _ in switches.first]
    again = [v for _, v, _ in switches.again]

    app = make_app()
    frames = bench._instrument(app, mask=False)
    presses: list[float] = []
    async with app.run_test(size=bench.SIZE) as pilot:
        await bench._settle(frames, quiet=0.15)
        await pilot.press("2")
        await bench._settle(frames)
        for key in ("right", "right", "down", "left", "up", "right", "left", "down", "up", "left") * 2:
            seen = len(frames)
            start = time.perf_counter()
            await pilot.press(key)
            while len(frames) == seen:
                if time.perf_counter() - start > 10:
                    raise bench.BenchError(f"no frame within 10 s of pressing {key!r} on the calendar")
                await asyncio.sleep(0.0005)
            presses.append((frames[seen][0] - start) * 1000)
            await bench._settle(frames)
    return first, again, presses


def print_report(results: SizeResults) -> None:
    print()
    print("Size does not matter (issue 15, goals 3–5): medians with min–max; ratios against the empty file, "
          "measured in the same run")
    print(f"machine: {machine()}")
    for db in results.databases:
        migrated = f"; warm-up pay (migrates it) {db.migrate_ms:,.0f} ms" if db.purchases else ""
        print(f"  {db.label:>5}: {db.purchases:>9,} purchases, {db.size_before / 1e6:.1f} MB as one file, "
              f"{db.size_after / 1e3:,.0f} kB after{migrated}")
    print()
    base = "empty"
    header = f"{'measure':<34}{'file':>6}  {'time':<30}{'vs empty':<22}{'target':<8}result"
    print(header)
    print("-" * len(header))
    targets = {"100k": 1.3, "1M": 2.0}
    for name, data, rss in (("first paint, 80×24 pty", results.paint, None),
                            ("huabei status --json", results.status, results.status_rss),
                            ("huabei pay (a save)", results.pay, results.pay_rss)):
        for label, values in data.items():
            memory = f" {rss[label]:.0f} MB" if rss else ""
            if label == base:
                print(f"{name:<34}{label:>6}  {spread(values) + memory:<30}")
                continue
            ratio = statistics.median(values) / statistics.median(data[base])
            target = targets.get(label, 2.0)
            print(f"{'':<34}{label:>6}  {spread(values) + memory:<30}{ratio_spread(values, data[base]):<22}"
                  f"≤ {target:.1f}×  {'PASS' if ratio <= target else 'MISS'}")
    for rows, (imported, import_rss, split, split_rss) in results.imports.items():
        ratio = statistics.median(imported) / statistics.median(split)
        print(f"{f'import {rows:,} rows (progress bar)':<34}{'':>6}  {spread(imported)} peak {import_rss:.0f} MB")
        print(f"{'  decode + csv.reader, streamed':<34}{'':>6}  {spread(split)} peak {split_rss:.0f} MB")
        print(f"{'':<34}{'':>6}  {'':<30}{ratio_spread(imported, split):<22}≤ 2.0×  {'PASS' if ratio <= 2 else 'MISS'}")
    for name, values in (("switch screen, first visit (100k)", results.switch_first),
                         ("switch screen, after (100k)", results.switch),
                         ("key press: calendar day (100k)", results.keypress)):
        if values:
            med = statistics.median(values)
            print(f"{name:<34}{'':>6}  {spread(values) + f', worst {max(values):.0f} ms':<30}{'':<22}≤ 16 ms  "
                  f"{'PASS' if med <= 16 else 'MISS'}")
    sys.stdout.flush()
