"""Text that looks like Rich markup is shown as typed, never interpreted, never a crash (issue 13 item 4).

Typing ``[/]`` into a form field crashed the app (``MarkupError`` from the label that echoes the bad value), and a
working folder with ``[/]`` in its name crashed the export notification. Here each of ``[/]``, ``[bold]`` and
``[@click=app.quit]`` is typed into every text field of every form and dialog; the app must keep running, the
dialog must stay open where the value is refused, and where the text is echoed or saved it reads as typed.
"""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
from textual.geometry import Region
from textual.widgets import Input

from huabei_tui.ui.app import HuabeiApp
from huabei_tui.ui.demo import demo_app
from huabei_tui.ui.dialogs.form import FormDialog
from huabei_tui.ui.dialogs.import_dialog import ImportDialog
from huabei_tui.ui.dialogs.save_dialog import SaveDialog
from support.tui import type_text

MARKUP = ("[/]", "[bold]", "[@click=app.quit]")

#: (screen key, form key): every form the app has.
FORMS = (("1", "s"), ("1", "b"), ("1", "p"), ("2", "a"), ("2", "p"), ("4", "c"))


def rendered(app: HuabeiApp) -> str:
    parts = []
    for widget in app.screen.query("*"):
        width, height = widget.size
        if width and height and widget.display:
            for strip in widget.render_lines(Region(0, 0, width, height)):
                parts.append("".join(segment.text for segment in strip))
    return "\n".join(parts)


async def type_into(pilot, field: Input, text: str) -> None:
    """Empty ``field`` and type ``text`` into it key by key (the focus lands before the keys: both are queued in
    order, and a key that went elsewhere would fail the check on the value)."""
    field.focus()
    field.clear()
    await type_text(pilot, text)
    assert field.value == text


@pytest.mark.parametrize("text", MARKUP)
def test_markup_typed_into_every_form_field_is_plain_text(tmp_path: Path, text: str) -> None:
    app = demo_app(tmp_path, "en")
    app.warm_screens = False
    messages: list[str] = []
    notify = app.notify
    app.notify = lambda message, **kwargs: (messages.append(message), notify(message, **kwargs))[1]

    async def go() -> None:
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            for screen_key, form_key in FORMS:
                await pilot.press(screen_key, form_key)
                await pilot.pause()
                form = app.screen
                assert isinstance(form, FormDialog), (screen_key, form_key)
                for field in list(form.query(Input)):
                    await type_into(pilot, field, text)
                    await pilot.press("enter")
                    await pilot.pause()
                    assert app.is_running and app.return_code is None
                    if app.screen is not form:  # saved (the contact log takes any outcome and note)
                        await pilot.press(screen_key, form_key)
                        await pilot.pause()
                        form = app.screen
                        assert isinstance(form, FormDialog)
                    else:
                        shown = rendered(app)
                        assert text in shown or "[" not in text, shown  # echoed as typed where it is echoed
                await pilot.press("escape")
                await pilot.pause()
            for dialog_key, dialog_type, field_id in (("i", ImportDialog, "#import-path"),
                                                      ("e", SaveDialog, "#save-path")):
                await pilot.press("1", dialog_key)
                await pilot.pause()
                assert isinstance(app.screen, dialog_type)
                await type_into(pilot, app.screen.query_one(field_id, Input), text)
                await pilot.press("enter")
                await pilot.pause()
                await app.workers.wait_for_complete()
                await pilot.pause()
                assert app.is_running and app.return_code is None
                if isinstance(app.screen, dialog_type):  # refused: "cannot read [/]: …", as typed
                    assert text in rendered(app)
                    await pilot.press("escape")
                    await pilot.pause()
                else:  # a file named "[bold]" in the export folder: written, and the toast says where
                    assert messages[-1] == f"Exported to {tmp_path / text}"
                    assert (tmp_path / text).is_file()

    asyncio.run(go())


def test_a_contact_note_and_outcome_in_markup_are_saved_and_shown_as_typed(tmp_path: Path) -> None:
    app = demo_app(tmp_path, "en")
    app.warm_screens = False

    async def go() -> None:
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.press("4", "c")
            await pilot.pause()
            form = app.screen
            await type_into(pilot, form.query_one("#field-outcome", Input), "[bold]ok[/] [@click=app.quit]")
            await type_into(pilot, form.query_one("#field-note", Input), "[/] [red]7")
            await pilot.press("enter")
            await pilot.pause()
            assert not isinstance(app.screen, FormDialog)
            assert app.is_running and app.return_code is None
            contacts = app.screen.query_one("#rec-contacts")
            contacts.scroll_visible()
            await pilot.pause()
            text = rendered(app)
            assert "[bold]ok[/] [@click=app.quit]" in text
            assert "[/] [red]7" in text

    asyncio.run(go())
    notes = [(c.outcome, c.note) for c in app.repo.load().contacts]
    assert ("[bold]ok[/] [@click=app.quit]", "[/] [red]7") in notes


def test_an_export_folder_named_with_markup_does_not_crash_the_notification(tmp_path: Path) -> None:
    folder = tmp_path / "[/] [bold]exports"  # "[" then "] [bold]exports": a path with "[/]" in it
    folder.mkdir(parents=True)
    app = demo_app(tmp_path, "en")
    app.export_dir = folder
    app.warm_screens = False
    messages: list[str] = []
    notify = app.notify
    app.notify = lambda message, **kwargs: (messages.append(message), notify(message, **kwargs))[1]

    async def go() -> None:
        # Notifications on (run_test turns them off by default): the toast is where the old crash happened.
        async with app.run_test(size=(80, 24), notifications=True) as pilot:
            await pilot.press("e")
            await pilot.pause()
            await pilot.press("enter")
            await pilot.pause()
            await pilot.pause()
            assert app.is_running and app.return_code is None
            toasts = list(app.screen.query("Toast"))  # (Textual keeps the Toast class private)
            assert toasts and "Exported to" in rendered(app)  # drawn without a MarkupError
            # The toast holds the path as it is: "[bold]" was not taken for a style, nor "[/]" for a closing tag.
            assert str(folder) in str(toasts[-1].render())

    asyncio.run(go())
    written = list(folder.iterdir())
    assert len(written) == 1 and messages[-1] == f"Exported to {written[0]}"


@pytest.mark.parametrize("text", MARKUP)
def test_markup_typed_into_the_first_run_setup_is_plain_text(tmp_path: Path, text: str) -> None:
    """The setup a new user meets first (an empty file): its field echoes a refused value like the forms do."""
    from datetime import date

    from huabei_tui.clock import Clock
    from huabei_tui.storage.repository import Repository
    from huabei_tui.storage.store import Store
    from huabei_tui.ui.dialogs.first_run import SetupStep

    app = HuabeiApp(Repository(Store(tmp_path / "new.json")), Clock(date(2026, 12, 6)), "en", poll_seconds=0,
                    warm_screens=False)

    async def go() -> None:
        async with app.run_test(size=(80, 24)) as pilot:
            for _ in range(100):
                if isinstance(app.screen, SetupStep) and app.screen.query("#setup-input"):
                    break
                await pilot.pause(0.02)
            await type_into(pilot, app.screen.query_one("#setup-input", Input), text)
            await pilot.press("enter")
            await pilot.pause()
            assert app.is_running and app.return_code is None
            assert isinstance(app.screen, SetupStep) and app.screen.step == "limit"
            assert text in rendered(app)

    asyncio.run(go())
