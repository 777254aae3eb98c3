"""Terminal escape sequences never come out: not on the command line, not in exports, not on the screen.

Issue 13 item 3: control characters in imported CSV cells, contact notes and echoed bad values reached the
terminal (an OSC 52 sequence sets the user's clipboard). ``HOSTILE`` holds ESC, BEL, OSC 52, a CSI colour, a screen
clear, a one-byte C1 CSI and two bidirectional controls (a right-to-left override and an isolate: invisible, they
reorder what follows in a bidi-aware terminal, editor or mail reader); it goes in through every input path and every
output is checked for what survives.
"""

from __future__ import annotations

import asyncio
import json
import re
from datetime import date
from pathlib import Path

import pytest
from textual import events
from textual.geometry import Region

from huabei_tui.clock import Clock
from huabei_tui.storage.repository import Repository
from huabei_tui.storage.store import Store, encode
from huabei_tui.ui.app import HuabeiApp
from huabei_tui.ui.dialogs.form import FormDialog
from support.alipay_files import Quirks, build_app2023, purchase

TODAY = "2025-05-09"
HOSTILE = "\x1b]52;c;cHduZWQ=\x07\x1b[2J\x1b[31mX\x9b1m\x07\x1b]0;title\x1b\\\u202e\u2066"
#: Any C0 control but tab and line ends, DEL, any C1 control, any bidirectional formatting character.
UNSAFE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
#: What would be left of a sequence whose ESC alone was dropped: the whole sequence must go.
REMNANT = re.compile(r"\]52;|\[2J|\[31m")


def assert_inert(text: str, where: str) -> None:
    found = UNSAFE.search(text)
    assert found is None, f"{where}: {found.group()!r} in {text!r}"
    if "\\x1b" not in text:  # argparse quotes a bad choice with repr(): "\x1b]52;…" is printable text already
        found = REMNANT.search(text)
        assert found is None, f"{where}: {found.group()!r} left in {text!r}"


def stored_strings(db: Path) -> list[str]:
    """Every string value in the data file."""
    found: list[str] = []

    def walk(value: object) -> None:
        if isinstance(value, str):
            found.append(value)
        elif isinstance(value, dict):
            for key, item in value.items():
                found.append(key)
                walk(item)
        elif isinstance(value, list):
            for item in value:
                walk(item)

    walk(json.loads(db.read_text(encoding="utf-8")))
    return found


def every_output(huabei, lang: str = "en") -> dict[str, str]:
    """What each reading command and each export format prints."""
    outputs = {}
    for name, args in {"status": ("status",), "status --json": ("status", "--json"),
                       "contact log": ("contact",), "bill list": ("bill", "list"),
                       "export text": ("export",), "export json": ("export", "--format", "json"),
                       "export csv": ("export", "--format", "csv"), "export ics": ("export", "--format", "ics"),
                       "export calendar": ("export", "--screen", "calendar"),
                       "export recovery": ("export", "--screen", "recovery")}.items():
        result = huabei(*args, lang=lang)
        assert result.code in (0, 3, 4), (name, result)
        outputs[name] = result.out + result.err
    return outputs


def hostile_export() -> bytes:
    """An Alipay export whose description cells carry the sequences (UTF-8: GBK cannot hold C1 characters)."""
    rows = [purchase(1, time="2025-04-03 09:05:07", description=f"午餐{HOSTILE}", counterparty=f"商户{HOSTILE}"),
            purchase(2, time="2025-04-04 10:00:00", method="花呗分期(3期)", amount="300.00",
                     description=f"手机{HOSTILE}分期")]
    return build_app2023(rows, Quirks(encoding="utf-8-sig"))


def test_contact_log_from_the_command_line(huabei) -> None:
    result = huabei("contact", "add", "--topic", "deferral", "--outcome", f"agreed{HOSTILE}",
                    "--note", f"agent 12{HOSTILE}\nline two")
    assert result.code == 0, result
    assert_inert(result.out + result.err, "contact add")
    for value in stored_strings(huabei.db):
        assert_inert(value, "stored")
    data = huabei.data()
    assert data["contacts"][0]["outcome"] == "agreedX"
    assert data["contacts"][0]["note"] == "agent 12X\nline two", "a note keeps its lines"
    for name, text in every_output(huabei).items():
        assert_inert(text, name)


@pytest.mark.parametrize("args", [
    ("bill", "add", "2025-04", f"12{HOSTILE}"),
    ("pay", f"2025-04{HOSTILE}", "5"),
    ("check", "answer", f"maybe{HOSTILE}"),
    ("contact", "add", "--topic", f"weather{HOSTILE}", "--outcome", "x"),
    ("grid", "--months", f"12{HOSTILE}"),
    ("export", "--format", f"pdf{HOSTILE}"),
    ("--today", f"2025-13-01{HOSTILE}", "status"),
    ("--lang", f"fr{HOSTILE}", "status"),
    (f"frob{HOSTILE}",),
])
def test_a_bad_value_echoed_in_an_error_is_inert(huabei, args: tuple[str, ...]) -> None:
    result = huabei.bare("--db", str(huabei.db), *args) if args[0].startswith("--") else huabei(*args)
    assert result.code == 2, result
    assert len(result.err_lines) == 1
    assert_inert(result.err, " ".join(args))


def test_an_import_stores_and_shows_nothing_that_drives_a_terminal(huabei, write) -> None:
    path = write("alipay.csv", hostile_export())
    result = huabei("import", "alipay", str(path))
    assert result.code == 0, result
    assert_inert(result.out + result.err, "import")
    for value in stored_strings(huabei.db):
        assert_inert(value, "stored")
    data = huabei.data()
    assert {p["description"] for p in data["purchases"]} == {"午餐X", "手机X分期"}
    for lang in ("en", "zh"):
        for name, text in every_output(huabei, lang).items():
            assert_inert(text, f"{name} ({lang})")
    assert [p["description"] for p in data["installment_plans"]] == ["手机X分期"]


def test_a_damaged_cell_echoed_by_the_import_error_is_inert(huabei, write) -> None:
    rows = [purchase(1, amount=f"12{HOSTILE}")]
    path = write("bad.csv", build_app2023(rows, Quirks(encoding="utf-8-sig")))
    result = huabei("import", "alipay", str(path))
    assert result.code == 2, result
    assert len(result.err_lines) == 1
    assert_inert(result.err, "import error")
    assert not huabei.db.exists()


def hand_edited(db: Path) -> None:
    """A data file written by hand (or by an older version) with the sequences already inside."""
    tables = {
        "account": {"1": {"limit": 500000, "statement_day": 1, "due_day": 10, "auto_repay": True}},
        "bills": {"1": {"month": "2025-04", "amount": 30000}},
        "purchases": {"1": {"order_no": "o1", "time": "2025-04-04T10:00:00", "amount": 30000,
                            "description": f"手机{HOSTILE}", "refund": False, "installments": 3}},
        "plans": {"1": {"id": "o1", "principal": 30000, "periods": 3, "fee_percent": "2.3",
                        "first_bill": "2025-05", "description": f"手机{HOSTILE}", "order_no": "o1"}},
        "contacts": {"1": {"id": "c1", "on": "2025-05-01", "topic": "other", "outcome": f"ok{HOSTILE}",
                           "note": f"note{HOSTILE}"}},
    }
    db.write_bytes(encode(tables))


def test_text_already_in_the_file_is_cleaned_when_it_is_printed(huabei) -> None:
    hand_edited(huabei.db)
    for name, text in every_output(huabei).items():
        assert_inert(text, name)
    assert "okX" in huabei("contact").out


def rendered(app: HuabeiApp) -> str:
    """Every line each widget of the current screen draws, as the terminal would receive its text."""
    parts = []
    for widget in app.screen.query("*"):
        width, height = widget.size
        if width and height and widget.display:
            for strip in widget.render_lines(Region(0, 0, width, height)):
                parts.append("".join(segment.text for segment in strip))
    return "\n".join(parts)


def test_the_screens_draw_no_control_characters(tmp_path: Path) -> None:
    db = tmp_path / "db.json"
    hand_edited(db)
    app = HuabeiApp(Repository(Store(db)), Clock(date(2025, 5, 9)), "en", poll_seconds=0, warm_screens=False)
    seen: dict[str, str] = {}

    async def go() -> None:
        async with app.run_test(size=(100, 40)) as pilot:
            await pilot.pause()
            for keys in (("1",), ("2", "l"), ("4",)):  # the calendar on 05-10: the instalment's day
                await pilot.press(*keys)
                await pilot.pause()
                seen[keys[0]] = rendered(app)
            # A value pasted into a form (paste can carry any character) is echoed by the error under the field.
            await pilot.press("1", "b")
            await pilot.pause()
            assert isinstance(app.screen, FormDialog)
            await pilot.press("ctrl+a", "ctrl+k")
            app.screen.query_one("#field-balance").post_message(events.Paste(f"12{HOSTILE}"))
            await pilot.pause()
            await pilot.press("enter")
            await pilot.pause()
            seen["form"] = rendered(app)

    asyncio.run(go())
    assert "手机X" in seen["2"] and "okX" in seen["4"]
    assert "not an amount" in seen["form"]
    for key, text in seen.items():
        assert_inert(text, f"screen {key}")


def test_a_note_pasted_into_the_contact_form_is_stored_clean(tmp_path: Path) -> None:
    db = tmp_path / "db.json"
    # An empty file opens the first-run setup (tests/ui/test_first_run.py); this test starts at the contact form.
    app = HuabeiApp(Repository(Store(db)), Clock(date(2025, 5, 9)), "en", poll_seconds=0, warm_screens=False,
                    offer_setup=False)

    async def go() -> None:
        async with app.run_test(size=(100, 40)) as pilot:
            await pilot.press("4", "c")
            await pilot.pause()
            assert isinstance(app.screen, FormDialog)
            for name, text in (("outcome", f"agreed{HOSTILE}"), ("note", f"agent{HOSTILE}")):
                field = app.screen.query_one(f"#field-{name}")
                field.focus()
                field.post_message(events.Paste(text))
                await pilot.pause()
            await pilot.press("enter")
            await pilot.pause()
            assert not isinstance(app.screen, FormDialog)
            assert_inert(rendered(app), "recovery")

    asyncio.run(go())
    for value in stored_strings(db):
        assert_inert(value, "stored")
    assert {"agreedX", "agentX"} <= set(stored_strings(db))


def test_the_json_of_status_keeps_c1_characters_out(huabei) -> None:
    """JSON escapes C0 controls itself, but not C1 ones (``ensure_ascii=False``): printing removes them."""
    hand_edited(huabei.db)
    out = huabei("export", "--format", "json").out
    assert "\x9b" not in out and "\\u001b" not in out


def test_the_import_dialog_shows_a_damaged_cell_and_a_file_name_inert(tmp_path: Path) -> None:
    """The dialog's own messages (which line, which cell) and its preview (file names) are drawn inert too."""
    from huabei_tui.ui.dialogs.import_dialog import ImportDialog

    bad = tmp_path / "bad.csv"
    bad.write_bytes(build_app2023([purchase(1, amount=f"12{HOSTILE}")], Quirks(encoding="utf-8-sig")))
    named = tmp_path / "x\x1b[31m.csv"
    named.write_bytes(hostile_export())
    shown = tmp_path / "x.csv"  # what the field keeps of the pasted name: the import reads the file it names
    shown.write_bytes(hostile_export())
    app = HuabeiApp(Repository(Store(tmp_path / "db.json")), Clock(date(2025, 5, 9)), "en", poll_seconds=0,
                    warm_screens=False, offer_setup=False)  # an empty file: straight to the import dialog
    seen: list[str] = []

    async def go() -> None:
        async with app.run_test(size=(100, 40)) as pilot:
            for path in (bad, named):
                await pilot.press("i")
                await pilot.pause()
                assert isinstance(app.screen, ImportDialog)
                app.screen.query_one("#import-path").post_message(events.Paste(str(path)))
                await pilot.press("enter")
                await app.workers.wait_for_complete()
                await pilot.pause()
                seen.append(rendered(app))
                await pilot.press("escape")
                await pilot.pause()

    asyncio.run(go())
    assert "line 26" in seen[0] or "26" in seen[0]
    assert "Huabei purchases" in seen[1]
    for text in seen:
        assert_inert(text, "import dialog")


def test_the_first_run_setup_field_keeps_pasted_sequences_out(tmp_path: Path) -> None:
    """The setup's own field (the first thing a new user types into) is a SafeInput too."""
    from huabei_tui.ui.dialogs.first_run import SetupStep

    app = HuabeiApp(Repository(Store(tmp_path / "db.json")), Clock(date(2025, 5, 9)), "en", poll_seconds=0,
                    warm_screens=False)
    seen: list[str] = []

    async def go() -> None:
        async with app.run_test(size=(80, 24)) as pilot:
            for _ in range(100):  # until the setup's first step has its field
                if isinstance(app.screen, SetupStep) and app.screen.query("#setup-input"):
                    break
                await pilot.pause(0.02)
            field = app.screen.query_one("#setup-input")
            field.focus()
            field.post_message(events.Paste(f"80{HOSTILE}00"))
            await pilot.pause()
            seen.append(field.value)
            await pilot.press("enter")
            await pilot.pause()
            seen.append(rendered(app))

    asyncio.run(go())
    assert seen[0] == "80X00"
    assert_inert(seen[1], "setup")
