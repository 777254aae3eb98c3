"""The TUI side of ``huabei import alipay``: a file path, a preview, then one save or nothing.

Step 1 asks for the path of one or more Alipay exports (separated by spaces, quotes for paths with spaces, ``~``
expanded): CSV files, or the encrypted zip Alipay mails (its password is asked in a masked field, three tries;
nothing decrypted is written to disk). Enter reads and parses them in a thread worker, so the screen keeps
answering and a progress bar can move while a year of a heavy user's export is read. Step 2 shows the same preview
as the command line (``ImportPreview.lines``) and waits: Enter/``y`` saves everything in one save
(``Session.commit_import``, what the command line runs too), Escape/``n`` leaves with nothing written. A damaged
file or a file that is not an export shows the parser's message (which line and why) and nothing is imported; the
path stays editable so the user can try another file.
"""

from __future__ import annotations

import contextlib
import shlex
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

from rich.text import Text
from textual import events, on, work
from textual.app import ComposeResult
from textual.containers import Vertical, VerticalScroll
from textual.message import Message
from textual.screen import ModalScreen
from textual.widgets import Input, Label, ProgressBar, Static
from textual.worker import get_current_worker

from huabei_tui.domain.lines import SKIP
from huabei_tui.domain.textsafe import sanitize
from huabei_tui.i18n import describe_error, tr
from huabei_tui.io.import_files import PasswordNeeded, WrongPassword
from huabei_tui.session.importing import ImportFileError, ImportPreview
from huabei_tui.session.session import Session
from huabei_tui.ui.keys import bindings
from huabei_tui.ui.widgets.safe_input import SafeInput


class ImportHost(Protocol):
    """What the dialog uses of the app (``HuabeiApp``, which opens it: importing it here would be a cycle)."""

    lang: str
    session: Session
    key_names: object  # ``k=`` for ``tr``: the keys in force (``ui.keys.KeyNames``)

    def apply_change(self, change: Callable[[], Any], message: str | None = ..., **params: Any) -> Any: ...

    def notify(self, message: str, *, timeout: float | None = None) -> None: ...


#: Files at least this big (all paths together) get a visible progress bar; smaller ones are read in a blink.
BIG_FILE_BYTES = 256 * 1024
#: Wrong passwords accepted for one zip before the dialog gives up (and goes back to the path).
PASSWORD_TRIES = 3


class _Cancelled(Exception):
    """Raised from the progress callback when the dialog was closed while reading."""


def split_paths(text: str) -> list[Path]:
    """The paths typed: one path that exists as typed (spaces and all), else shell-style words; ``~`` expanded."""
    text = text.strip()
    if not text:
        return []
    whole = Path(text).expanduser()
    if whole.is_file():
        return [whole]
    try:
        words = shlex.split(text)
    except ValueError:  # an unbalanced quote: fall back to plain spaces
        words = text.split()
    return [Path(word).expanduser() for word in words]


@dataclass
class _Outcome:
    """What the worker found: a preview, or an error to show (rendered in the current language)."""

    preview: ImportPreview | None = None
    error: ImportFileError | None = None
    #: An error nobody expected (a bug): shown as it is, never leaving the dialog stuck on "reading".
    failure: str = ""
    #: This zip needs a password (again, when ``wrong``): the masked field asks for it.
    password_for: Path | None = None
    wrong: bool = False
    #: Said instead of the error after the last wrong password.
    given_up: str = ""


class ImportDialog(ModalScreen[bool]):
    """Path → preview → confirm; keyboard only, fits 80×24, both languages."""

    DEFAULT_CSS = """
    ImportDialog { align: center middle; }
    #import-box {
        width: 78; max-width: 100%; height: auto; max-height: 100%;
        border: round $accent; background: $surface; padding: 0 1;
    }
    #import-title { text-style: bold; width: 100%; }
    #import-intro { color: $text-muted; }
    #import-path { height: 3; }
    #import-password-label { height: auto; }
    #import-password { height: 3; }
    #import-error { color: $error; height: auto; }
    #import-progress { height: 1; margin: 0 0 1 0; }
    #import-preview { height: auto; max-height: 14; }  /* 24 rows less the box, title, intro, path, error, hint */
    #import-route { text-style: bold; height: auto; }
    #import-hint { color: $text-muted; }
    """

    BINDINGS = bindings("import")

    class ReadProgress(Message, bubble=False):
        def __init__(self, fraction: float) -> None:
            super().__init__()
            self.fraction = fraction

    class ReadDone(Message, bubble=False):
        def __init__(self, outcome: _Outcome) -> None:
            super().__init__()
            self.outcome = outcome

    def __init__(self) -> None:
        super().__init__(id="import-dialog")
        self.stage = "path"  # "path" → "reading" (↔ "password") → "preview" (or back to "path" after an error)
        self.outcome: _Outcome | None = None
        self.progress_shown = False  # the bar was shown for this read (big files only)
        self.paths: list[Path] = []
        self.passwords: dict[Path, str] = {}  # typed for this read only; never stored
        self.wrong_tries: dict[Path, int] = {}

    @property
    def huabei(self) -> ImportHost:
        return self.app  # type: ignore[return-value]

    @property
    def lang(self) -> str:
        return self.huabei.lang

    # -- layout ----------------------------------------------------------------------------------------------
    def compose(self) -> ComposeResult:
        with Vertical(id="import-box"):
            yield Label(id="import-title")
            yield Static(id="import-intro")
            # select_on_focus off: after an error the cursor waits at the end of the path, ready for a fix.
            yield SafeInput(id="import-path", placeholder="~/Downloads/alipay_record.csv", select_on_focus=False)
            yield Static("", id="import-password-label")
            yield Input(id="import-password", password=True)  # masked, never drawn: taken as typed
            yield Static("", id="import-error")
            yield ProgressBar(total=100, show_eta=False, id="import-progress")
            yield VerticalScroll(Static("", id="import-lines"), id="import-preview")
            yield Static("", id="import-route")
            yield Static(id="import-hint")

    def on_mount(self) -> None:
        self.query_one("#import-progress").display = False
        self.query_one("#import-preview").display = False
        self.query_one("#import-route").display = False
        self.query_one("#import-password-label").display = False
        self.query_one("#import-password").display = False
        self.render_state()
        self.query_one("#import-path", Input).focus()

    def render_state(self) -> None:
        """All text in the current language; the app calls this after a language switch or a reload."""
        lang = self.lang
        self.query_one("#import-title", Label).update(tr("import.title", lang))
        self.query_one("#import-intro", Static).update(tr("import.intro", lang))
        outcome = self.outcome
        if outcome is not None and outcome.password_for is not None:
            label = tr("import.password_label", lang, file=outcome.password_for.name)
            self.query_one("#import-password-label", Static).update(Text(sanitize(label)))  # names a file
            left = PASSWORD_TRIES - self.wrong_tries.get(outcome.password_for, 0)
            wrong = tr("import.password_wrong", lang, left=left) if outcome.wrong else ""
            self.query_one("#import-error", Static).update(wrong)
        elif outcome is not None and outcome.given_up:
            tries = self.wrong_tries.get(Path(outcome.given_up), PASSWORD_TRIES)
            message = tr("import.password_failed", lang, file=outcome.given_up, tries=tries)
            self.query_one("#import-error", Static).update(Text(sanitize(message)))
        elif outcome is not None and (outcome.error is not None or outcome.failure):
            message = outcome.error.reason(lang) if outcome.error is not None else outcome.failure
            # The message may quote a cell of the file: no control character reaches the screen (textsafe).
            self.query_one("#import-error", Static).update(Text(sanitize(message, multiline=True)))
        route = self.query_one("#import-route", Static)
        route.display = self.stage == "route"
        if self.stage == "route" and outcome is not None and outcome.preview is not None:
            method, count = next(iter(outcome.preview.unrouted.items()))
            choices = " · ".join(tr("import.route_choice", lang, n=n, name=name)
                                 for n, name in enumerate(self._route_names(), start=1))
            # Text: a line's name is the user's.
            route.update(Text(tr("import.route_question", lang, method=method, count=count, choices=choices)))
        if self.stage in ("preview", "route") and outcome is not None and outcome.preview is not None:
            # Text, not markup: file names and descriptions may contain "[" and are shown as they are.
            lines = "\n".join(outcome.preview.lines(lang))
            self.query_one("#import-lines", Static).update(Text(sanitize(lines, multiline=True)))
        hint = {"path": "import.hint_path", "reading": "import.hint_reading", "preview": "import.hint_preview",
                "password": "import.hint_password", "route": "import.hint_route"}
        key = hint.get(self.stage, "import.hint_path")
        if self.stage == "preview" and not self._has_records():
            key = "import.hint_nothing"
        self.query_one("#import-hint", Static).update(Text(tr(key, lang, k=self.huabei.key_names)))

    def _has_records(self) -> bool:
        return bool(self.outcome and self.outcome.preview and self.outcome.preview.has_records)

    # -- step 1: the path ------------------------------------------------------------------------------------
    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if event.input.id == "import-password":
            self.unlock(event.value)
        else:
            self.start_reading()

    def start_reading(self) -> None:
        if self.stage != "path":
            return
        paths = split_paths(self.query_one("#import-path", Input).value)
        self.outcome = None
        error = self.query_one("#import-error", Static)
        if not paths:
            error.update(tr("import.no_path", self.lang))
            return
        error.update("")
        self.paths = paths
        self.passwords.clear()
        self.wrong_tries.clear()
        self._read(paths)

    def unlock(self, password: str) -> None:
        """The password typed for the zip that asked: read everything again with it (nothing was kept)."""
        if self.stage != "password" or self.outcome is None or self.outcome.password_for is None:
            return
        self.passwords[self.outcome.password_for] = password
        self.outcome = None
        field = self.query_one("#import-password", Input)
        field.value = ""
        field.disabled = True
        self.query_one("#import-error", Static).update("")
        self._read(self.paths)

    def _read(self, paths: list[Path]) -> None:
        size = 0
        for path in paths:
            with contextlib.suppress(OSError):  # the worker reports it, with the reason
                size += path.stat().st_size
        bar = self.query_one("#import-progress", ProgressBar)
        bar.update(total=100, progress=0)
        self.progress_shown = size >= BIG_FILE_BYTES
        bar.display = self.progress_shown
        self.query_one("#import-path", Input).disabled = True
        self.stage = "reading"
        self.render_state()
        self.read_files(paths, dict(self.passwords))

    @work(thread=True, exclusive=True, group="import-alipay", exit_on_error=False)
    def read_files(self, paths: list[Path], passwords: dict[Path, str] | None = None) -> None:
        """``Session.read_import`` in a thread (all files must be good), then post the outcome; saves nothing.

        An encrypted zip whose password was not typed yet (or was wrong) comes back as ``password_for``.
        """
        worker = get_current_worker()
        count = len(paths)
        known = passwords or {}

        def progress(index: int, done: int, total: int) -> None:
            if worker.is_cancelled:
                raise _Cancelled
            self.post_message(self.ReadProgress((index + (done / total if total else 1.0)) / count))

        try:
            preview = self.huabei.session.read_import(paths, progress, password=known.get)
        except _Cancelled:
            return
        except ImportFileError as error:
            if isinstance(error.cause, PasswordNeeded | WrongPassword):
                wrong = isinstance(error.cause, WrongPassword)
                self.post_message(self.ReadDone(_Outcome(password_for=error.path, wrong=wrong)))
            else:
                self.post_message(self.ReadDone(_Outcome(error=error)))
            return
        except Exception as error:  # never leave the dialog stuck on "reading"
            self.post_message(self.ReadDone(_Outcome(failure=f"{type(error).__name__}: {error}")))
            return
        if not worker.is_cancelled:
            self.post_message(self.ReadDone(_Outcome(preview=preview)))

    @on(ReadProgress)
    def _show_progress(self, message: ReadProgress) -> None:
        self.query_one("#import-progress", ProgressBar).update(progress=round(message.fraction * 100, 1))

    @on(ReadDone)
    def _show_outcome(self, message: ReadDone) -> None:
        if self.stage != "reading":
            return
        self.outcome = message.outcome
        self.query_one("#import-progress", ProgressBar).display = False
        path_input = self.query_one("#import-path", Input)
        if message.outcome.password_for is not None:
            self._ask_password(message.outcome)
            return
        self._hide_password()
        if message.outcome.preview is None:
            self.stage = "path"
            path_input.disabled = False
            path_input.focus()
            path_input.cursor_position = len(path_input.value)
            self.render_state()
            return
        self.stage = "route" if message.outcome.preview.unrouted else "preview"
        preview = self.query_one("#import-preview", VerticalScroll)
        preview.display = True
        self.render_state()
        preview.focus()

    # -- step 1b: which line a payment method goes to (asked once per method) -----------------------------------
    def _route_names(self) -> list[str]:
        """The credit lines a method can go to, numbered from 1 in the question (at most nine)."""
        return self.huabei.session.lines().names[:9]

    def on_key(self, event: events.Key) -> None:
        if self.stage != "route" or self.outcome is None or self.outcome.preview is None:
            return
        names = self._route_names()
        if event.character == "s":
            answer = SKIP
        elif event.character and event.character.isdigit() and 1 <= int(event.character) <= len(names):
            answer = names[int(event.character) - 1]
        else:
            return
        event.stop()
        preview = self.outcome.preview
        method = next(iter(preview.unrouted))
        try:  # the files are not read again: the same rows, routed with the answer
            self.outcome = _Outcome(preview=self.huabei.session.route_import(preview, {method: answer}))
        except Exception as error:  # a line removed in another terminal, a file problem: say so, keep asking
            self.query_one("#import-error", Static).update(Text(describe_error(error, self.lang)))
            return
        self.stage = "route" if self.outcome.preview.unrouted else "preview"
        self.render_state()

    def _ask_password(self, outcome: _Outcome) -> None:
        """Show the masked field for the zip that asked; after ``PASSWORD_TRIES`` wrong ones, back to the path."""
        path = outcome.password_for
        assert path is not None
        if outcome.wrong:
            self.passwords.pop(path, None)
            self.wrong_tries[path] = self.wrong_tries.get(path, 0) + 1
            if self.wrong_tries[path] >= PASSWORD_TRIES:
                self.outcome = _Outcome(given_up=str(path))
                self._hide_password()
                self.stage = "path"
                path_input = self.query_one("#import-path", Input)
                path_input.disabled = False
                path_input.focus()
                self.render_state()
                return
        self.stage = "password"
        self.query_one("#import-password-label").display = True
        field = self.query_one("#import-password", Input)
        field.display = True
        field.disabled = False
        field.value = ""
        self.render_state()
        field.focus()

    def _hide_password(self) -> None:
        self.query_one("#import-password-label").display = False
        field = self.query_one("#import-password", Input)
        field.value = ""
        field.display = False

    # -- step 2: confirm or cancel ---------------------------------------------------------------------------
    def action_confirm(self) -> None:
        if self.stage == "path":
            self.start_reading()
            return
        if self.stage != "preview" or self.outcome is None or self.outcome.preview is None:
            return
        preview = self.outcome.preview
        if not preview.has_records:
            self.dismiss(False)
            return
        app = self.huabei
        try:
            saved = app.apply_change(lambda: app.session.commit_import(preview), None)
        except Exception as error:  # storage errors and the like: say so and keep the preview; nothing was saved
            self.query_one("#import-error", Static).update(Text(describe_error(error, self.lang)))
            return
        app.notify(saved.value.line(self.lang), timeout=8)  # one toast: what was added
        self.dismiss(True)

    def action_cancel(self) -> None:
        self.stage = "closed"
        self.workers.cancel_group(self, "import-alipay")
        if self.outcome is not None and self.outcome.preview is not None:
            self.outcome.preview.discard()  # the purchases read wait on disk (anonymous): let them go now
        self.dismiss(False)

