"""Where to write an export or a screenshot: a path the user sees, can change, and is told about afterwards.

The ``e``/``E`` keys used to write into whatever folder the app happened to be started from, without a word about
where. Now they ask: the field starts with a new file name in a sensible folder (``default_folder``), Enter
writes, Escape writes nothing; a bare file name (a relative path) is taken in that folder. The path is checked and the file written by ``io.safe_output`` (never onto the
data file, its lock, backups or temp files; never a folder, a pipe or a device; atomically; mode 0600), so the
dialog only presents: a refusal appears under the field and the dialog stays open for a fix. An existing file is
replaced only after a second Enter on the same path, which the message asks for. The full path written is
returned (``dismiss``) for the app to say.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label, Static

from huabei_tui.domain.errors import InputError
from huabei_tui.i18n import describe_error, tr
from huabei_tui.io.safe_output import OutputWriteError, Protected, check_output_path, write_output
from huabei_tui.ui.keys import bindings
from huabei_tui.ui.widgets.paragraph import Paragraph
from huabei_tui.ui.widgets.safe_input import SafeInput

#: Set to choose the folder the dialog suggests (tests, or a user who keeps summaries in one place).
ENV_EXPORT_DIR = "HUABEI_EXPORT_DIR"


def default_folder(data_path: Path, chosen: Path | None = None, *, data_is_temporary: bool = False) -> Path:
    """The folder suggested for a new file: ``chosen`` (the app's own setting), else ``HUABEI_EXPORT_DIR``, else the
    user's documents folder when it exists, else the data file's folder (it exists, and is the user's own) — or
    the home folder when the data lives in a throw-away folder (``huabei --demo`` removes it when it ends)."""
    if chosen is not None:
        return chosen
    env = os.environ.get(ENV_EXPORT_DIR)
    if env:
        return Path(env).expanduser()
    from platformdirs import user_documents_path

    documents = user_documents_path()
    if documents.is_dir():
        return documents
    return Path.home() if data_is_temporary else data_path.parent


def unused_name(folder: Path, stem: str, suffix: str) -> Path:
    """``folder/stem.suffix``, or ``stem-2``, ``stem-3``… when taken: the suggestion never replaces a file."""
    path = folder / f"{stem}{suffix}"
    counter = 2
    while os.path.lexists(path):
        path = folder / f"{stem}-{counter}{suffix}"
        counter += 1
    return path


class SaveDialog(ModalScreen["Path | None"]):
    """A path field with a suggestion; Enter writes ``content`` there through ``safe_output``."""

    DEFAULT_CSS = """
    SaveDialog { align: center middle; }
    #save-box {
        width: 78; max-width: 100%; height: auto; max-height: 100%;
        border: round $accent; background: $surface; padding: 0 1;
    }
    #save-title { text-style: bold; width: 100%; }
    #save-intro, #save-hint { color: $text-muted; }
    #save-label { margin-top: 1; }
    #save-path { height: 1; border: none; padding: 0 1; background: $boost; }
    #save-path:focus { background: $accent 30%; }
    #save-error { color: $error; height: auto; text-style: bold; }
    """

    BINDINGS = bindings("save")

    def __init__(self, title_key: str, intro_key: str, suggestion: Path, content: bytes,
                 protected: list[Protected], on_written: Callable[[Path], None] | None = None) -> None:
        super().__init__(id="save-dialog")
        self.title_key = title_key
        self.intro_key = intro_key
        self.suggestion = suggestion
        self.content = content
        self.protected = protected
        self.on_written = on_written
        self._confirmed: Path | None = None  # the existing file a first Enter asked about

    @property
    def lang(self) -> str:
        return self.app.lang  # type: ignore[attr-defined]

    def compose(self) -> ComposeResult:
        lang = self.lang
        with Vertical(id="save-box"):
            yield Label(tr(self.title_key, lang), id="save-title")
            yield Static(tr(self.intro_key, lang), id="save-intro")
            yield Label(tr("save.label", lang), id="save-label")
            # select_on_focus off: the cursor waits at the end, where the name is changed most often.
            yield SafeInput(str(self.suggestion), id="save-path", select_on_focus=False)
            yield Static("", id="save-error")
            yield Static(Text(tr("save.hint", lang, k=getattr(self.app, "key_names", None))), id="save-hint")

    def on_mount(self) -> None:
        field = self.query_one("#save-path", Input)
        field.focus()
        field.cursor_position = len(field.value)

    def _say(self, message: str) -> None:
        # Plain text, never markup: the message echoes a path, and a path may hold "[" (a folder named "[/]"
        # crashed the old export notification). Laid out with Chinese line breaks: wrapped at spaces only, a long
        # path left "无法写入" alone on its line and put "；" at the start of the next.
        error = self.query_one("#save-error", Static)
        error.update(Paragraph(message, self.lang, first="") if message else Text(""))

    def on_input_changed(self, event: Input.Changed) -> None:
        self._confirmed = None
        self._say("")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.save(event.value)

    def target(self, text: str) -> str:
        """The path typed; a relative one is taken in the suggested folder (the one the user saw), never in the
        folder the app happened to be started from."""
        if not text.strip():
            return text
        path = Path(text.strip()).expanduser()
        # ``Path`` drops a trailing "/", which says the user typed a folder: keep it, so it is refused as one.
        end = os.sep if text.strip().endswith(("/", os.sep)) else ""
        return str(path if path.is_absolute() else self.suggestion.parent / path) + end

    def save(self, text: str) -> None:
        lang = self.lang
        text = self.target(text)
        try:
            real, mode = check_output_path(text, self.protected, lang)
            if mode is not None and self._confirmed != real:
                self._confirmed = real
                self._say(tr("save.exists", lang, path=str(real)))
                return
            written = write_output(text, self.content, self.protected, lang)
        except (InputError, OutputWriteError) as error:
            self._confirmed = None
            self._say(describe_error(error, lang, name_field=False))
            return
        if self.on_written is not None:
            self.on_written(written)
        self.dismiss(written)

    def action_cancel(self) -> None:
        self.dismiss(None)
