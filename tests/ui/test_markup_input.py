"""Text that looks like Rich markup is shown as typed, never interpreted, never a crash (issue 13 item 4).

Typing ``[/]`` into a form field crashed the app (``MarkupError`` from the label that echoes the bad value), and a
working folder with ``[/]`` in its name crashed the export notification. Here each of ``[/]``, ``[bold]`` and
``[@click=app.quit]`` is typed into every text field of every form and dialog; the app must keep running, the
dialog must stay open where the value is refused, and where the text is echoed or saved it reads as typed.

"Reads as typed" is checked on the widget that echoes the value (a form's error line, the import or save dialog's
error, the contact log's rows), never on the whole screen: the field the value was typed into shows it too, so a
check on everything drawn passed even when the error line beneath it had taken ``[bold]`` for a style.
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterable
from pathlib import Path

import pytest
from textual.geometry import Region
from textual.widget import Widget
from textual.widgets import Input, Static

from huabei_tui.ui.app import HuabeiApp
from huabei_tui.ui.demo import demo_app
from huabei_tui.ui.dialogs.form import FormDialog
from huabei_tui.ui.dialogs.import_dialog import ImportDialog
from huabei_tui.ui.dialogs.save_dialog import SaveDialog
from support.tui import type_text

MARKUP = ("[/]", "[bold]", "[@click=app.quit]")

#: (screen key, form key): every form the app has.
FORMS = (("1", "s"), ("1", "b"), ("1", "p"), ("2", "a"), ("2", "p"), ("4", "c"))


def squeezed(text: str) -> str:
    """``text`` without its whitespace: a label wraps the message where it likes (a space becomes a line end, a
    long path is folded), and what is compared is the characters, not where the lines fall."""
    return "".join(text.split())


def drawn(widget: Widget) -> str:
    """What ``widget`` draws at its size, all its lines joined (``squeezed``)."""
    width, height = widget.size
    assert width and height, widget  # laid out: a label not drawn at all would show nothing either
    return squeezed("".join(strip.text for strip in widget.render_lines(Region(0, 0, width, height))))


def echoes(labels: Iterable[Static], text: str) -> int:
    """How many of ``labels`` hold a message quoting ``text``; each of them must draw it as typed.

    What a label holds is its content as plain text (``str`` of a ``Text``, a ``Paragraph``, or the very string
    given to it): a label given the message as markup holds ``[bold]`` but draws nothing of it, and a label that
    parsed the markup itself holds nothing of it, which the caller's count catches."""
    count = 0
    for label in labels:
        held = str(label.content)
        if text in held:
            assert squeezed(text) in drawn(label), (label.id, held, drawn(label))
            count += 1
    return count


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
                        # Refused (the fields typed before still hold the text too). Every parser's message quotes
                        # the value (“[bold]” is not an amount / a whole number 1–28 / a date / a bill month / a
                        # daily rate); "say what came of it" (an empty outcome) quotes nothing.
                        labels = list(form.query(".field-error").results(Static))
                        assert echoes(labels, text) >= 1, [str(label.content) for label in labels]
                        own = form.query_one(f"#error-{(field.id or '').removeprefix('field-')}", Static)
                        assert not str(own.content) or echoes([own], text) == 1, str(own.content)
                await pilot.press("escape")
                await pilot.pause()
            for dialog_key, dialog_type, field_id, error_id in (
                    ("i", ImportDialog, "#import-path", "#import-error"),
                    ("e", SaveDialog, "#save-path", "#save-error")):
                await pilot.press("1", dialog_key)
                await pilot.pause()
                dialog = app.screen
                assert isinstance(dialog, dialog_type)
                if dialog_type is SaveDialog:
                    # Only "[/]" is refused as a name (no folder "["): refuse each text once, inside a folder
                    # that does not exist, so the error line is seen echoing "[bold]" too.
                    await type_into(pilot, dialog.query_one(field_id, Input), f"{text}/{text}")
                    await pilot.press("enter")
                    await pilot.pause()
                    assert app.screen is dialog and app.is_running
                    # "cannot write …/[bold]/[bold]: the folder …/[bold] does not exist"
                    assert echoes([dialog.query_one(error_id, Static)], f"{text}/{text}") == 1
                await type_into(pilot, dialog.query_one(field_id, Input), text)
                await pilot.press("enter")
                await pilot.pause()
                await app.workers.wait_for_complete()
                await pilot.pause()
                assert app.is_running and app.return_code is None
                if app.screen is dialog:  # refused: "cannot read [/]: …", as typed
                    assert echoes([dialog.query_one(error_id, Static)], text) == 1
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
            rows = drawn(contacts)  # the log's rows themselves, not the whole screen
            assert squeezed("[bold]ok[/] [@click=app.quit]") in rows
            assert squeezed("[/] [red]7") in rows

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
            # "“[bold]” is not an amount …" under the field, as typed (the field itself shows the value too).
            assert echoes([app.screen.query_one("#setup-error", Static)], text) == 1

    asyncio.run(go())
