"""A modal form: labelled fields, each checked by the same parsers as the CLI, errors shown beside the field.

The dialog does not save anything itself: ``on_save`` gets the parsed values and runs the change (a session use
case). If the rules refuse it (``InputError``), the reason appears next to the field it names and the dialog stays
open; nothing was written. ``on_save`` returning ``False`` also keeps it open (it asked the user something first
and closes the dialog itself). Escape always cancels, so no field can trap a keyboard user.

A refused field gets the focus and is scrolled into view with its label and its message: the message is a line
below the field, hidden until it has text, so scrolling only to the focused field (what focusing does) left it
under the bottom edge of the scrolling area for the last fields of a long form, and Enter seemed to do nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.css.query import NoMatches
from textual.screen import ModalScreen
from textual.widget import Widget
from textual.widgets import Button, Input, Label, Select, Static

from huabei_tui.domain.errors import InputError
from huabei_tui.i18n import describe_error, tr
from huabei_tui.ui.keys import bindings
from huabei_tui.ui.widgets.safe_input import SafeInput


@dataclass
class FormField:
    name: str
    label: str  # i18n key
    value: str = ""
    placeholder: str = ""
    #: (i18n label key, value) pairs: shown as a Select instead of a text field.
    choices: list[tuple[str, str]] | None = None
    #: Turns the text into a value or raises ``InputError``; ``None`` keeps the text as typed.
    parse: Callable[[str], Any] | None = None
    #: Other field names whose errors should show here (a domain check may name "on" for a "date" field).
    aliases: tuple[str, ...] = field(default_factory=tuple)
    #: Called with the dialog when the user changes this field (a choice that fills other fields, say).
    on_change: Callable[[FormDialog], None] | None = None


class FormDialog(ModalScreen[bool]):
    BINDINGS = bindings("form")  # Esc, Ctrl+S, and Tab/Shift+Tab with priority (see the registry)

    def __init__(self, title: str, fields: list[FormField], on_save: Callable[[dict[str, Any]], bool | None],
                 intro: str | None = None, line: str | None = None) -> None:
        super().__init__(classes="form-dialog")
        self.title_key = title
        #: The credit line the form changes, named after the title when the file holds several.
        self.line = line
        self.fields = fields
        self.on_save = on_save
        self.intro = intro

    @property
    def lang(self) -> str:
        return self.app.lang  # type: ignore[attr-defined]

    def compose(self) -> ComposeResult:
        lang = self.lang
        with Vertical(id="form"):
            title = tr(self.title_key, lang) + (f" · {self.line}" if self.line else "")
            yield Label(Text(title), id="form-title")  # Text: a line's name is the user's
            if self.intro:
                yield Static(tr(self.intro, lang), id="form-intro")
            with VerticalScroll(id="form-fields"):
                for spec in self.fields:
                    yield Label(tr(spec.label, lang), id=f"label-{spec.name}", classes="field-label")
                    if spec.choices:
                        options = [(tr(label, lang), value) for label, value in spec.choices]
                        yield Select(options, value=spec.value or options[0][1], allow_blank=False,
                                     id=f"field-{spec.name}")
                    else:
                        yield SafeInput(value=spec.value, placeholder=spec.placeholder, id=f"field-{spec.name}")
                    yield Static("", id=f"error-{spec.name}", classes="field-error empty")
            yield Static("", id="error-_form", classes="field-error empty")
            yield Static(Text(tr("form.hint", lang, k=getattr(self.app, "key_names", None))), id="form-hint")
            with Horizontal(id="form-buttons"):
                yield Button(tr("form.save", lang), id="save", variant="primary")
                yield Button(tr("form.cancel", lang), id="cancel")

    def on_mount(self) -> None:
        """Start in the first field so typing works at once and Enter saves."""
        first = self.fields[0].name if self.fields else None
        if first:
            self.query_one(f"#field-{first}").focus()

    def _changed(self, widget_id: str | None) -> None:
        name = (widget_id or "").removeprefix("field-")
        spec = next((s for s in self.fields if s.name == name), None)
        if spec is not None and spec.on_change is not None and self.is_mounted:
            spec.on_change(self)

    def on_input_changed(self, event: Input.Changed) -> None:
        self._changed(event.input.id)

    def on_select_changed(self, event: Select.Changed) -> None:
        self._changed(event.select.id)

    def set_value(self, name: str, value: str) -> None:
        """Put ``value`` in field ``name`` (when another field's choice fills it); no-op when it is there already."""
        widget = self.query_one(f"#field-{name}")
        if isinstance(widget, Select | Input) and str(widget.value) != value:
            widget.value = value

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_submit()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "save":
            self.action_submit()
        else:
            self.action_cancel()

    def action_cancel(self) -> None:
        self.dismiss(False)

    def raw_values(self) -> dict[str, str]:
        values: dict[str, str] = {}
        for spec in self.fields:
            widget = self.query_one(f"#field-{spec.name}")
            values[spec.name] = str(widget.value) if isinstance(widget, Select | Input) else ""
        return values

    def _show_error(self, name: str, message: str) -> None:
        target = next((s.name for s in self.fields if name == s.name or name in s.aliases), "_form")
        self._set_error(target, message)
        self._point_at(target)

    def _point_at(self, name: str) -> None:
        """Focus the field ``name`` (not for ``"_form"``) and bring its label, the field and its message into view."""
        if name != "_form":
            self.query_one(f"#field-{name}").focus(scroll_visible=False)  # the reveal below does the scrolling
        self._reveal_after_layout(name, passes=2)

    def _reveal_after_layout(self, name: str, passes: int) -> None:
        """Scroll to the message once the layout has given it its place and height.

        The message was just set: its widget gets its size at the next layout of the dialog, which a widget's own
        refresh only asks for from its own queue, later than a plain ``call_after_refresh`` would run. Asking the
        dialog itself for a layout makes the callback wait for it. A second pass follows the layout after the
        scroll: a scrollbar appearing because of the message narrows the fields and can wrap it once more.
        """
        self.refresh(layout=True)
        self.call_after_refresh(self._reveal, name, passes)

    def _reveal(self, name: str, passes: int) -> None:
        try:
            error = self.query_one(f"#error-{name}", Static)
            parts: list[Widget] = [error]
            if name != "_form":
                parts = [self.query_one(f"#label-{name}"), self.query_one(f"#field-{name}"), error]
        except NoMatches:
            return  # the dialog closed meanwhile
        if not self.is_attached or not self.is_current:
            return
        if error.region:
            # Top first, then the message: the least scrolling that shows the message, keeping the label in view
            # when both fit (they always do: a label, a one-line field and a message of a few lines).
            for widget in (parts[0], parts[-1]):
                self.scroll_to_widget(widget, animate=False, immediate=True)
        if passes > 1:
            self._reveal_after_layout(name, passes - 1)

    def _set_error(self, name: str, message: str) -> None:
        widget = self.query_one(f"#error-{name}", Static)
        # Text, never markup: the message echoes what was typed ("“[/]” is not an amount" crashed the form).
        widget.update(Text(message))
        widget.set_class(not message, "empty")

    def _clear_errors(self) -> None:
        for spec in self.fields:
            self._set_error(spec.name, "")
        self._set_error("_form", "")

    def action_submit(self) -> None:
        self._clear_errors()
        raw = self.raw_values()
        values: dict[str, Any] = {}
        failed: list[str] = []
        for spec in self.fields:
            try:
                values[spec.name] = spec.parse(raw[spec.name]) if spec.parse else raw[spec.name]
            except InputError as error:
                failed.append(spec.name)
                self._set_error(spec.name, describe_error(error, self.lang, name_field=False))
        if failed:
            self._point_at(failed[0])
            return
        try:
            kept_open = self.on_save(values) is False
        except Exception as error:
            self.show_refusal(error)
            return
        if not kept_open:
            self.dismiss(True)

    def show_refusal(self, error: Exception) -> None:
        """Why the save did not happen: under the field an ``InputError`` names, else under the form (storage
        errors and the like); the dialog and its values stay."""
        if isinstance(error, InputError):
            under_its_field = any(error.field == s.name or error.field in s.aliases for s in self.fields)
            self._show_error(error.field, describe_error(error, self.lang, name_field=not under_its_field))
        else:
            self._show_error("_form", describe_error(error, self.lang))
