"""Every panel shows the day of the snapshot it reads, never the clock's own (issue 11: "two sources of today").

The clock passes midnight while the app is open and nothing reloads the data: the tab bar, the status panel,
the calendar (its day panel and the `t` key) and the recovery grid still agree on one day, the snapshot's.
"""

from __future__ import annotations

import asyncio
from datetime import date
from pathlib import Path

from huabei_tui.clock import Clock
from huabei_tui.domain.dates import Month
from huabei_tui.domain.demo import demo_ledger
from huabei_tui.storage.repository import Repository
from huabei_tui.storage.store import Store
from huabei_tui.ui.app import HuabeiApp
from huabei_tui.views.phrases import due_phrase

BEFORE_DUE = date(2026, 12, 9)  # the demo's December bill falls due on the 10th


def test_the_clock_passing_midnight_never_splits_the_screens_between_two_days(tmp_path: Path) -> None:
    days = [BEFORE_DUE]
    repo = Repository(Store(tmp_path / "db.json"))
    repo.replace_ledger(demo_ledger(date(2026, 11, 29)), only_if_empty=False)
    app = HuabeiApp(repo, Clock(source=lambda: days[0]), "en", poll_seconds=0, remember_lang=False)

    async def run() -> None:
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            days[0] = date(2026, 12, 10)  # midnight in Shanghai, nothing saved since
            for key in ("1", "2", "4"):
                await pilot.press(key)
                await pilot.pause()
                screen = app.screen
                day = screen.snapshot.today
                assert day.isoformat() in str(screen.query_one("#tabbar").content)
                if key == "1":
                    bill = screen.snapshot.summary.most_urgent_bill
                    assert bill is not None and due_phrase(bill, "en") in str(screen.query_one("#status-next").content)
                elif key == "2":
                    await pilot.press("t")
                    await pilot.pause()
                    assert screen.selected == day
                    assert str(screen.query_one("#cal-day").border_title).startswith(day.isoformat())
                else:
                    assert screen.snapshot.summary.grid[-1].month == Month.of(day)  # the grid ends on its month
                    rows = str(screen.query_one("#rec-grid").content).splitlines()
                    assert rows[-1].startswith(str(day.year)) or any(r.startswith(str(day.year)) for r in rows)

    asyncio.run(run())
