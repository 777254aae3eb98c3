"""Issue 15, goals 3–5: size does not matter. Imported by ``bench/run.py`` (``--size`` / ``--million``).

* **Goal 3** — first paint (Textual's own first frame, ``--no-snapshot``), ``huabei status --json`` and ``huabei pay`` on a data file holding 100,000 (and, with
  ``--million``, 1,000,000) imported purchases, each as a ratio to the same on an *empty* file (the account and
  one typed bill: what ``pay`` needs to have something to pay). Targets: ≤ 1.3× at 100k, ≤ 2× at 1M. The big
  files are written in the single-file layout every release up to schema 1 used (``generate.write_single_file``),
  as a user upgrading has them; one warm-up ``pay`` per file (not timed, its time is printed) is the save that
  migrates it, so what is timed is the steady state. The same three on the ten-year history alone (``10y``: the
  bills, payments and plans the big files also hold, no imported purchase) tell the history's cost from the rows':
  each size's ratio to ``10y`` is printed under its ratio to the empty file.
* **Goal 4** (alone: ``--only-import``) — ``huabei import alipay`` of a 100,000-row (``--million``: 1,000,000-row) export, on a
  pseudo-terminal so the progress bar is drawn, as a ratio to a script that decodes the file with the standard
  library and splits it with ``csv.reader``, streamed (the way the import reads it; holding a million split rows
  would take gigabytes). Target ≤ 2×. Peak RSS of both is printed.
* **Goal 5** — on the 100k file and on the empty one (alternately), in the app (Pilot, Textual's 50 ms switch mask
  off): a screen switch and a key press that redraws (moving the calendar's day), key → first frame, with the
  ratio to the empty file (what the size costs); and the same switches between four trivial Textual screens (what
  the framework alone costs), plus the first visit to four one-line screens built and drawn ahead exactly as
  huabei builds its own (what Textual alone needs to show a screen it has never shown: the wait for that screen's
  first frame tick). Target ≤ 16 ms (one frame at 60 Hz).

Each figure is the median of its runs with the spread (min–max) beside it; runs of one measure on different files
are interleaved so that load from other programs hits them alike (``status`` and ``pay``, a tenth of a second
each, get three times the runs). Never a timed test: these are numbers to read.
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
class Version:
    """The code measured: this tree (``after``), or another installation given by ``--before-python``."""

    name: str  # "after" / "before"
    python: str
    huabei: list[str]
    databases: list[Database] = field(default_factory=list)
    paint: dict[str, list[float]] = field(default_factory=dict)
    status: dict[str, list[float]] = field(default_factory=dict)
    pay: dict[str, list[float]] = field(default_factory=dict)
    status_rss: dict[str, float] = field(default_factory=dict)
    pay_rss: dict[str, float] = field(default_factory=dict)
    #: rows → (import ms, import peak MB)
    imports: dict[int, tuple[list[float], float]] = field(default_factory=dict)


@dataclass
class SizeResults:
    versions: list[Version] = field(default_factory=list)
    #: rows → (split ms, split peak MB): the baseline of goal 4, the same for every version
    splits: dict[int, tuple[list[float], float]] = field(default_factory=dict)
    #: goal 5, per file label ("empty", "100k"): key → first frame, ms
    switch: dict[str, list[float]] = field(default_factory=dict)
    switch_first: dict[str, list[float]] = field(default_factory=dict)
    keypress: dict[str, list[float]] = field(default_factory=dict)
    #: goal 5's floor: four trivial screens (a line of text and a footer each), switched the same way
    floor_first: list[float] = field(default_factory=list)
    floor_switch: list[float] = field(default_factory=list)
    #: the first visit's floor for screens built ahead: four one-line screens built and drawn unseen as huabei's are
    floor_built_first: list[float] = field(default_factory=list)
    #: the same screens built only while frames are held, as huabei built them until session 8 (clock not started)
    floor_batched_first: list[float] = field(default_factory=list)
    #: the same, as CPU time this process spent from the key to the frame (the app's own work, whatever the load)
    cpu: dict[str, dict[str, list[float]]] = field(default_factory=dict)


def pay_month(today: date) -> str:
    """The bill every benchmark file has typed and unpaid (the one accumulating today), so ``pay`` always works."""
    return str(generate.cycle.bill_for_day(today, generate.STATEMENT_DAY))


def build_databases(tmp: Path, today: date, sizes: Sequence[int], copies: Sequence[str],
                    log: Callable[[str], None]) -> dict[str, list[Database]]:
    """The empty file, the ten-year history with no imported purchase (``10y``: what the bigger files hold besides
    their imported rows) and one per size, in the single-file layout, one copy for each of ``copies``."""
    from huabei_tui.domain.ledger import Ledger

    month = generate.cycle.bill_for_day(today, generate.STATEMENT_DAY)
    result: dict[str, list[Database]] = {name: [] for name in copies}
    base = generate.build_ledger(today, purchases=0)
    def history() -> Ledger:
        ledger = generate.build_ledger(today, purchases=0)
        return replace(ledger, manual_bills={**ledger.manual_bills, month: 1_000_000})

    ledgers: list[tuple[str, int, Callable[[], Ledger]]] = [
        ("empty", 0, lambda: Ledger(account=base.account, manual_bills={month: 1_000_000})), (HISTORY, 0, history)]
    for count in sizes:
        label = f"{count // 1000}k" if count < 1_000_000 else f"{count // 1_000_000}M"

        def big(count: int = count) -> Ledger:
            ledger = generate.build_ledger(today, purchases=count)
            bills = dict(ledger.manual_bills)
            bills[month] = 1_000_000
            return replace(ledger, manual_bills=bills)

        ledgers.append((label, count, big))
    for label, count, make in ledgers:
        if count:
            log(f"generating a ten-year file with {count:,} purchases")
        ledger = make()
        first: Path | None = None
        for name in copies:
            path = tmp / f"size-{name}-{label}" / "huabei.json"
            path.parent.mkdir()
            if first is None:
                generate.write_single_file(path, ledger)
                first = path
            else:
                shutil.copy2(first, path)
            result[name].append(Database(label, path, len(ledger.purchases), path.stat().st_size))
        del ledger
    return result


#: The label of the ten-year file without imported purchases.
HISTORY = "10y"


def data_bytes(path: Path) -> int:
    """The data file plus everything it keeps beside it (imported rows), not counting backups."""
    total = path.stat().st_size
    for sibling in path.parent.iterdir():
        if sibling.is_dir() and sibling.name.startswith(path.name + ".") and not sibling.name.endswith(".backups"):
            total += sum(f.stat().st_size for f in sibling.iterdir() if f.is_file())
    return total


def measure(run_process, interleaved, child_env, huabei: list[str], paint_child: str, py: str, tmp: Path,
            today: date, *, repeats: int, million: bool, import_rows: Sequence[int],
            log: Callable[[str], None], before_python: str | None = None) -> SizeResults:
    """Goals 3–5, with ``run_process``/``interleaved`` from ``run.py`` (one way to time a subprocess).

    With ``before_python`` (the interpreter of another installation of huabei-tui, e.g. a checkout of the commit
    before a change), every subprocess figure is also taken with that code, on its own copies of the same files,
    interleaved with this tree's runs: before and after in the same run, under the same load.
    """
    results = SizeResults(versions=import_versions(huabei, py, before_python))
    sizes = [100_000, 1_000_000] if million else [100_000]
    env = child_env(tmp)
    files = build_databases(tmp, today, sizes, [v.name for v in results.versions], log)
    for version in results.versions:
        version.databases = files[version.name]
    month = pay_month(today)
    mark = tmp / "size-painted"

    def common(db: Database) -> list[str]:
        return ["--db", str(db.path), "--today", today.isoformat()]

    for version in results.versions:
        for db in version.databases:
            log(f"{version.name}: warm-up pay on {db.label} (the save that migrates it)")
            run = run_process([*version.huabei, *common(db), "pay", month, "0.01", "--on", today.isoformat()], env,
                              timeout=3600)
            db.migrate_ms = run.wall_ms
            db.size_after = data_bytes(db.path)
            # Byte code and the page cache warm, as for every later run.
            run_process([*version.huabei, *common(db), "status", "--json"], env, timeout=3600)

    def paint_job(version: Version, db: Database):
        # Textual's own first frame (--no-snapshot): the start-up snapshot shows the previous frame whatever the
        # size of the data; what the data costs shows in the real one. (A version without the option is started
        # without it: it has no snapshot either.)
        flags = ["--no-snapshot"] if version.name == "after" or snapshot_option(version, env) else []
        return lambda: run_process([version.python, paint_child, str(mark), "huabei", *flags, *common(db)], env,
                                   terminal=True, mark=mark, timeout=3600)

    def status_job(version: Version, db: Database):
        return lambda: run_process([*version.huabei, *common(db), "status", "--json"], env, timeout=3600)

    def pay_job(version: Version, db: Database):
        return lambda: run_process([*version.huabei, *common(db), "pay", month, "0.01", "--on", today.isoformat()],
                                   env, timeout=3600)

    # status and pay take a tenth of a second: three times the runs steady their medians (a 7-run median of
    # status --json moved from 1.14x to 1.50x between runs of the same code) for a few seconds more.
    for name, job, times in (("first paint", paint_job, 1), ("status --json", status_job, 3), ("pay", pay_job, 3)):
        jobs = {(v.name, db.label): job(v, db) for v in results.versions for db in v.databases}
        log(f"{name}: {repeats * times} runs each of {len(jobs)}")
        runs = interleaved(repeats * times, jobs)
        for version in results.versions:
            for db in version.databases:
                found = runs[(version.name, db.label)]
                if name == "first paint":
                    version.paint[db.label] = [r.mark_ms for r in found]
                elif name == "status --json":
                    version.status[db.label] = [r.wall_ms for r in found]
                    version.status_rss[db.label] = max(r.rss_mb for r in found)
                else:
                    version.pay[db.label] = [r.wall_ms for r in found]
                    version.pay_rss[db.label] = max(r.rss_mb for r in found)

    measure_imports(run_process, interleaved, env, py, tmp, today, results,
                    repeats={rows: max(2, repeats // 2) if rows >= 1_000_000 else repeats for rows in import_rows},
                    import_rows=import_rows, log=log)

    log("screen switch and key press on the empty and the 100k file, alternately, and on four trivial screens "
        "(Pilot)")
    after = {db.label: db for db in results.versions[0].databases}
    for _ in range(2):
        for label in ("empty", "100k"):
            (first, again, presses), cpus = asyncio.run(pilot_figures(after[label].path, today))
            results.switch_first.setdefault(label, []).extend(first)
            results.switch.setdefault(label, []).extend(again)
            results.keypress.setdefault(label, []).extend(presses)
            for kind, values in zip(("switch screen, first visit", "switch screen, after", "key press: calendar day"),
                                    cpus, strict=True):
                results.cpu.setdefault(kind, {}).setdefault(label, []).extend(values)
        (floor_first, floor_again), floor_cpus = asyncio.run(floor_figures())
        results.floor_first.extend(floor_first)
        results.floor_switch.extend(floor_again)
        for kind, values in zip(("switch screen, first visit", "switch screen, after"), floor_cpus, strict=True):
            results.cpu.setdefault(kind, {}).setdefault("floor", []).extend(values)
        built_first, built_cpu = asyncio.run(built_ahead_floor())
        results.floor_built_first.extend(built_first)
        results.cpu.setdefault("switch screen, first visit", {}).setdefault("built", []).extend(built_cpu)
        batched_first, _ = asyncio.run(built_ahead_floor(clock_started=False))
        results.floor_batched_first.extend(batched_first)
    return results


def import_versions(huabei: list[str], py: str, before_python: str | None) -> list[Version]:
    """This tree (``after``) and, with ``before_python``, the installation beside that interpreter."""
    versions = [Version("after", py, huabei)]
    if before_python:
        # Its ``huabei`` script, not ``python -m huabei_tui``: -m would import the package in the current folder.
        script = Path(before_python).with_name("huabei")
        if not script.exists():
            raise SystemExit(f"--before-python: no huabei script next to {before_python}")
        versions.append(Version("before", before_python, [str(script)]))
    return versions


def measure_imports(run_process, interleaved, env: dict[str, str], py: str, tmp: Path, today: date,
                    results: SizeResults, *, repeats: dict[int, int], import_rows: Sequence[int],
                    log: Callable[[str], None]) -> None:
    """Goal 4: ``huabei import alipay`` of each size into an empty file, for every version, interleaved with the
    decode + split script (``STREAM_SPLIT``), on a pseudo-terminal (the progress bar is drawn); wall time and
    peak RSS of each run."""
    empty = tmp / "size-import-empty" / "huabei.json"
    if not empty.exists():
        empty.parent.mkdir()
        from huabei_tui.domain.ledger import Ledger

        month = generate.cycle.bill_for_day(today, generate.STATEMENT_DAY)
        base = generate.build_ledger(today, purchases=0)
        generate.write_single_file(empty, Ledger(account=base.account, manual_bills={month: 1_000_000}))
    copies = iter(range(10**6))

    def fresh_copy(version: Version) -> Path:
        """A copy of the empty file to import into (each import run starts from the same file)."""
        target = tmp / f"size-import-{next(copies)}" / "huabei.json"
        target.parent.mkdir()
        shutil.copy2(empty, target)
        return target

    def cleanup() -> None:
        """Each run's copy is dropped once the measure is done (a million-row import is ~35 MB of rows)."""
        for folder in tmp.glob("size-import-[0-9]*"):
            shutil.rmtree(folder, ignore_errors=True)

    for rows in import_rows:
        log(f"generating a {rows:,}-row export")
        export = tmp / f"alipay-{rows}.csv"
        export.write_bytes(generate.build_export(today, rows=rows))
        import_repeats = repeats[rows]
        log(f"import of {rows:,} rows: {import_repeats} runs each (on a pseudo-terminal: with the progress bar)")
        jobs = {("split", ""): lambda export=export: run_process([py, "-c", STREAM_SPLIT, str(export)], env,
                                                                 timeout=3600)}
        for version in results.versions:
            jobs[("import", version.name)] = lambda export=export, version=version: run_process(
                [*version.huabei, "--db", str(fresh_copy(version)), "--today", today.isoformat(), "import", "alipay",
                 str(export)], env, terminal=True, timeout=3600)
        runs = interleaved(import_repeats, jobs)
        results.splits[rows] = ([r.wall_ms for r in runs[("split", "")]], max(r.rss_mb for r in runs[("split", "")]))
        for version in results.versions:
            found = runs[("import", version.name)]
            version.imports[rows] = ([r.wall_ms for r in found], max(r.rss_mb for r in found))
        export.unlink()
        cleanup()


def snapshot_option(version: Version, env: dict[str, str]) -> bool:
    """Whether ``huabei`` of ``version`` knows ``--no-snapshot`` (releases before the start-up snapshot do not)."""
    import subprocess

    found = subprocess.run([*version.huabei, "--help"], env=env, capture_output=True, text=True, timeout=120)
    return "--no-snapshot" in found.stdout


async def pilot_figures(path: Path, today: date) -> tuple[tuple[list[float], list[float], list[float]],
                                                        tuple[list[float], list[float], list[float]]]:
    """ms from a key to the first frame after it: switching screens (first visit, then again) and moving the
    calendar's day (a redraw of the month grid and the day's details); then the same as CPU ms of this process."""
    import run as bench

    from huabei_tui.clock import Clock
    from huabei_tui.storage.repository import Repository
    from huabei_tui.storage.store import Store
    from huabei_tui.ui.app import HuabeiApp

    def make_app():
        return HuabeiApp(Repository(Store(path)), Clock(today), "zh", poll_seconds=0)

    modes = ("status", "calendar", "checklist", "recovery")
    switches = await bench.measure_switches(make_app, modes, mask=False, rounds=5, fresh_apps=2)
    first = [v for _, v, _, _ in switches.first]
    again = [v for _, v, _, _ in switches.again]

    app = make_app()
    app.resume_gc_after_paint = True  # freeze at the first frame, as huabei started by run_app does
    frames = bench._instrument(app, mask=False)
    presses: list[float] = []
    press_cpu: list[float] = []
    with bench.frozen_heap():
        async with app.run_test(size=bench.SIZE) as pilot:
            await bench._settle(frames, quiet=0.15)
            await pilot.press("2")
            await bench._settle(frames)
            for key in ("right", "right", "down", "left", "up", "right", "left", "down", "up", "left") * 2:
                seen = len(frames)
                start, cpu = time.perf_counter(), time.thread_time()
                await pilot.press(key)
                while len(frames) == seen:
                    if time.perf_counter() - start > 10:
                        raise bench.BenchError(f"no frame within 10 s of pressing {key!r} on the calendar")
                    await asyncio.sleep(0.0005)
                presses.append((frames[seen][0] - start) * 1000)
                press_cpu.append((frames[seen][2] - cpu) * 1000)
                await bench._settle(frames)
    return (first, again, presses), ([c for *_, c in switches.first], [c for *_, c in switches.again], press_cpu)


async def floor_figures() -> tuple[tuple[list[float], list[float]], tuple[list[float], list[float]]]:
    """Goal 5's floor: what Textual needs to switch between four trivial screens, measured like the app's (wall
    ms, then CPU ms)."""
    import run as bench

    switches = await bench.measure_switches(bench.trivial_modes_app, "abcd", mask=False, rounds=5, fresh_apps=2)
    return (([v for _, v, _, _ in switches.first], [v for _, v, _, _ in switches.again]),
            ([c for *_, c in switches.first], [c for *_, c in switches.again]))


async def built_ahead_floor(clock_started: bool = True) -> tuple[list[float], list[float]]:
    """Goal 5's floor for a first visit to a screen built ahead: four one-line Textual screens built and drawn
    unseen after the first frame as huabei builds its own (``run.trivial_built_ahead_app``); wall ms, then CPU ms.
    ``clock_started=False``: built only while frames are held, as until session 8; their first visit then waits
    for the new screen's first frame tick: Textual starts a screen's update timer (1/60 s, ``TEXTUAL_FPS``) paused
    and its first tick comes one period after the screen first asks to be drawn unheld, while a screen whose clock
    was started ticks at once."""
    import run as bench

    switches = await bench.measure_switches(lambda: bench.trivial_built_ahead_app(clock_started), "abcd",
                                            mask=False, rounds=0, fresh_apps=3)
    return [v for _, v, _, _ in switches.first], [c for *_, c in switches.first]


def print_report(results: SizeResults) -> None:
    print()
    names = [v.name for v in results.versions]
    print("Size does not matter (issue 15, goals 3–5): medians with min–max; ratios against the empty file, "
          "measured in the same run" + (" (before and after interleaved)" if len(names) > 1 else ""))
    print(f"machine: {machine()}")
    for version in results.versions:
        for db in version.databases:
            migrated = f"; warm-up pay {db.migrate_ms:,.0f} ms" if db.label != "empty" else ""
            print(f"  {version.name:>6} {db.label:>5}: {db.purchases:>9,} purchases, {db.size_before / 1e3:,.0f} kB "
                  f"as one file, {db.size_after / 1e3:,.0f} kB after the warm-up{migrated}")
    print()
    header = f"{'measure':<28}{'code':>7}{'file':>6}  {'time':<32}{'vs empty':<24}{'target':<8}result"
    print(header)
    print("-" * len(header))
    targets = {"100k": 1.3, "1M": 2.0}
    base = "empty"
    for name, attribute, rss_attribute in (("first paint, 80×24 pty", "paint", None),
                                           ("huabei status --json", "status", "status_rss"),
                                           ("huabei pay (a save)", "pay", "pay_rss")):
        first = True
        for version in results.versions:
            data = getattr(version, attribute)
            rss = getattr(version, rss_attribute) if rss_attribute else None
            for label, values in data.items():
                memory = f" {rss[label]:.0f} MB" if rss else ""
                lead = name if first else ""
                first = False
                if label == base:
                    print(f"{lead:<28}{version.name:>7}{label:>6}  {spread(values) + memory:<32}")
                    continue
                if label == HISTORY:  # the history alone: what the imported rows come on top of
                    print(f"{lead:<28}{version.name:>7}{label:>6}  {spread(values) + memory:<32}"
                          f"{ratio_spread(values, data[base]):<24}(ten years of bills, payments and plans, "
                          "no imported purchase)")
                    continue
                ratio = statistics.median(values) / statistics.median(data[base])
                target = targets.get(label, 2.0)
                print(f"{lead:<28}{version.name:>7}{label:>6}  {spread(values) + memory:<32}"
                      f"{ratio_spread(values, data[base]):<24}≤ {target:.1f}×  {'PASS' if ratio <= target else 'MISS'}")
                if HISTORY in data:
                    print(f"{'':<28}{'':>7}{'':>6}  {'':<32}{ratio_spread(values, data[HISTORY]):<24}"
                          f"(vs {HISTORY}: what the imported rows add)")
    for rows, (split, split_rss) in results.splits.items():
        print(f"{f'import {rows:,} rows':<28}{'split':>7}{'':>6}  {spread(split)} peak {split_rss:.0f} MB  "
              "(decode + csv.reader, streamed)")
        for version in results.versions:
            imported, rss = version.imports[rows]
            ratio = statistics.median(imported) / statistics.median(split)
            # Goal 4 is set for a 1,000,000-row export; a smaller one is shown for what it says (a fixed ~0.15 s
            # of CPU, imports and the save, weighs against a baseline of a few tenths of a second).
            verdict = f"≤ 2.0×  {'PASS' if ratio <= 2 else 'MISS'}" if rows >= 1_000_000 else "(goal 4 is at 1M rows)"
            print(f"{'':<28}{version.name:>7}{'':>6}  {spread(imported) + f' peak {rss:.0f} MB':<34} "
                  f"{ratio_spread(imported, split):<24}{verdict}")
    floors = {"switch screen, first visit": results.floor_first, "switch screen, after": results.floor_switch}
    for name, data in (("switch screen, first visit", results.switch_first),
                       ("switch screen, after", results.switch),
                       ("key press: calendar day", results.keypress)):
        first = True
        for label, values in data.items():
            lead = name if first else ""
            first = False
            med = statistics.median(values)
            versus = ratio_spread(values, data["empty"]) if label != "empty" and "empty" in data else ""
            print(f"{lead:<28}{names[0]:>7}{label:>6}  {spread(values) + f', worst {max(values):.0f}':<32}"
                  f"{versus:<24}≤ 16 ms  {'PASS' if med <= 16 else 'MISS'}")
        floor = floors.get(name)
        if floor:
            print(f"{'':<28}{'floor':>7}{'':>6}  {spread(floor) + f', worst {max(floor):.0f}':<32}"
                  "(four trivial Textual screens: the framework alone)")
        if name == "switch screen, first visit" and results.floor_built_first:
            built = results.floor_built_first
            print(f"{'':<28}{'built':>7}{'':>6}  {spread(built) + f', worst {max(built):.0f}':<32}"
                  "(four one-line Textual screens built and drawn ahead as huabei's are)")
        if name == "switch screen, first visit" and results.floor_batched_first:
            batched = results.floor_batched_first
            print(f"{'':<28}{'batched':>7}{'':>6}  {spread(batched) + f', worst {max(batched):.0f}':<32}"
                  "(the same built only while frames are held, as until session 8: a clock period later)")
        for label, values in results.cpu.get(name, {}).items():
            floor_label = label in ("floor", "built")
            print(f"{'  CPU to that frame':<28}{label if floor_label else names[0]:>7}"
                  f"{'' if floor_label else label:>6}  {spread(values):<32}"
                  "(this process's own work; the rest of the wall time is waiting for the core or a frame tick)")
    sys.stdout.flush()
