"""The first run's setup: five short modal steps on the first start with an empty data file (issue 14).

Limit, the statement/due day pair (the pairs Alipay offers, or any other typed), auto-repay, the repayment
balance, then an offer to import the Alipay export. Keyboard only: Enter saves the step and goes on, Ctrl+N skips
it (shown on every step), Esc leaves the setup. Each step saves on its own through the session, so leaving half
way keeps what was given. Finishing or leaving is remembered in the data file (``domain/first_run.py``) and the
setup is not offered again; every setting stays where it always was (``s`` settings, ``b`` balance, ``i``
import) and the palette runs the setup again.

The step screens only collect: parsing is the domain's (the same parsers as the CLI and the settings form) and
saving is the session's.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Protocol

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label, OptionList, Static
from textual.widgets.option_list import Option

from huabei_tui.domain.errors import InputError
from huabei_tui.domain.first_run import FINISHED, LEFT, OFFERED_PAIRS, STEPS, DayPair, parse_day_pair
from huabei_tui.i18n import describe_error, tr
from huabei_tui.session import Session, Snapshot
from huabei_tui.storage.errors import StoreError
from huabei_tui.ui.keys import bindings
from huabei_tui.ui.widgets.paragraph import Paragraph
from huabei_tui.ui.widgets.safe_input import SafeInput


class SetupHost(Protocol):
    """What the setup needs of the app (typed without importing ``ui.app``, which imports this module)."""

    lang: str
    session: Session
    snapshot: Snapshot
    key_names: object  # ``k=`` for ``tr``: the keys in force (``ui.keys.KeyNames``)

    def apply_change(self, change: Callable[[], Any], message: str | None = ..., **params: Any) -> Any: ...
    def notify(self, message: str, *, severity: str = ...) -> None: ...
    def push_screen(self, screen: Any, callback: Any = ...) -> Any: ...
    def action_import_alipay(self) -> None: ...


#: What a step ends with: saved (Enter), skipped (Ctrl+N), left (Esc), or "import" (the last step's yes).
SAVED, SKIPPED, IMPORT = "saved", "skipped", "import"


def pair_label(pair: DayPair, lang: str) -> str:
    """"Issued on the 1st, due on the 10th" — "next month" when the due day comes before the statement day."""
    key = "setup.pair" if pair.due_day > pair.statement_day else "setup.pair.next_month"
    return tr(key, lang, statement=pair.statement_day, due=pair.due_day)


def step_error(error: Exception, lang: str) -> str:
    """A refusal as the step shows it, right under its field: without the field's name, which the label above
    already gives ("Credit limit (¥)" over "limit: “abc” is not an amount" said it twice). The day pair's field
    holds two days, so a day refused on its own says which one, as the start of the sentence."""
    field = getattr(error, "field", None)
    if isinstance(error, InputError) and field in ("statement_day", "due_day") and error.key in DAY_REASONS:
        return tr("setup.error.day", lang, day=tr(f"setup.day.{field}", lang),
                  reason=describe_error(error, lang, name_field=False))
    return describe_error(error, lang, name_field=False)


#: Refusals of one day of the pair that start with the value typed ("“45” is out of range"), so the day's name
#: can lead the sentence ("Statement day “45” is out of range").
DAY_REASONS = ("day.range", "day.malformed")


class SetupStep(ModalScreen[str]):
    """One step of the setup; dismisses with ``SAVED``, ``SKIPPED``, ``LEFT`` or ``IMPORT``."""

    DEFAULT_CSS = """
    SetupStep { align: center middle; }
    #setup-box {
        width: 74; max-width: 100%; height: auto; max-height: 100%;
        border: round $accent; background: $surface; padding: 0 1;
    }
    #setup-title { text-style: bold; width: 100%; }
    #setup-intro { color: $text-muted; margin-bottom: 1; }
    #setup-choices { height: auto; max-height: 8; }
    #setup-label { margin-top: 1; }
    #setup-input { height: 1; border: none; padding: 0 1; background: $boost; }
    #setup-input:focus { background: $accent 30%; text-style: bold; }
    #setup-error { color: $error; text-style: bold; height: auto; }
    #setup-error.empty { display: none; }
    #setup-hint { margin-top: 1; }
    #setup-later { color: $text-muted; }
    """

    # Esc leaves, Ctrl+N skips, Tab/Shift+Tab move between the list and the field (ui/registry.py, "setup").
    BINDINGS = bindings("setup")

    def __init__(self, step: str) -> None:
        super().__init__(id=f"setup-{step}", classes="setup-step")
        self.step = step
        self.number = STEPS.index(step) + 1

    @property
    def huabei(self) -> SetupHost:
        return self.app  # type: ignore[return-value]

    @property
    def lang(self) -> str:
        return self.huabei.lang

    # -- layout ----------------------------------------------------------------------------------------------
    def compose(self) -> ComposeResult:
        lang, step = self.lang, self.step
        with Vertical(id="setup-box"):
            yield Label(tr("setup.title", lang, n=self.number, total=len(STEPS), step=tr(f"setup.step.{step}", lang)),
                        id="setup-title")
            # Laid out with Chinese line breaks: plain wrapping left "…花呗 → 账单 →" alone on its line.
            yield Static(Paragraph(tr(f"setup.intro.{step}", lang), lang, first=""), id="setup-intro")
            choices = self.choices()
            if choices:
                yield OptionList(*choices, id="setup-choices")
            if step in ("limit", "balance", "days"):
                yield Label(tr(f"setup.label.{step}", lang), id="setup-label")
                yield SafeInput(placeholder=tr(f"setup.placeholder.{step}", lang), id="setup-input",
                                value=self.current_text())
            yield Static("", id="setup-error", classes="empty")
            hint = "setup.hint" if not choices else "setup.hint.days" if step == "days" else "setup.hint.choice"
            keys = self.huabei.key_names
            yield Static(Text(tr(hint, lang, k=keys), style="bold"), id="setup-hint")
            yield Static(Text(tr("setup.later", lang, k=keys)), id="setup-later")  # a key may be "["

    def choices(self) -> list[Option]:
        lang = self.lang
        if self.step == "days":
            account = self.huabei.snapshot.summary.account
            current = DayPair(account.statement_day, account.due_day)
            return [Option(pair_label(pair, lang) + (tr("setup.pair.current", lang) if pair == current else ""),
                           id=str(pair)) for pair in OFFERED_PAIRS]
        if self.step == "auto_repay":
            return [Option(tr("setup.auto.on", lang), id="on"), Option(tr("setup.auto.off", lang), id="off")]
        if self.step == "import":
            return [Option(tr("setup.import.now", lang), id=IMPORT), Option(Text(tr("setup.import.later", lang, k=self.huabei.key_names)), id="later")]
        return []

    def current_text(self) -> str:
        """What the file already holds for this step (the setup run again from the palette shows it)."""
        from huabei_tui.domain.money import format_money

        account = self.huabei.snapshot.summary.account
        value = {"limit": account.limit, "balance": account.balance}.get(self.step)
        return format_money(value) if value is not None else ""

    def on_mount(self) -> None:
        if self.step == "days":
            account = self.huabei.snapshot.summary.account
            current = DayPair(account.statement_day, account.due_day)
            options = self.query_one(OptionList)
            options.highlighted = next((i for i, p in enumerate(OFFERED_PAIRS) if p == current), 0)
            options.focus()
        elif self.step in ("auto_repay", "import"):
            options = self.query_one(OptionList)
            auto = self.huabei.snapshot.summary.account.auto_repay
            options.highlighted = 1 if self.step == "auto_repay" and auto is False else 0
            options.focus()
        else:
            self.query_one(Input).focus()

    # -- answers ---------------------------------------------------------------------------------------------
    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        text = event.value
        if self.step == "days":
            if not text.strip():
                self.query_one(OptionList).focus()  # nothing typed: back to the offered pairs
                return
            self.save(lambda: self._save_pair(parse_day_pair(text)))
        elif not text.strip():
            self.dismiss(SKIPPED)  # nothing typed: the same as Ctrl+N
        else:
            self.save(lambda: self._save_settings({self.step: text}))

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        chosen = event.option.id or ""
        if self.step == "days":
            statement, due = chosen.split("/")
            self.save(lambda: self._save_pair(DayPair(int(statement), int(due))))
        elif self.step == "auto_repay":
            self.save(lambda: self._save_settings({"auto_repay": chosen}))
        elif self.step == "import":
            self.dismiss(IMPORT if chosen == IMPORT else SKIPPED)

    def _save_settings(self, texts: dict[str, str]) -> None:
        from huabei_tui.session.settings import parse_settings

        session = self.huabei.session
        values = parse_settings(texts, session.current().today)
        self.huabei.apply_change(lambda: session.change_settings(values), None)

    def _save_pair(self, pair: DayPair) -> None:
        session = self.huabei.session
        changes = {"statement_day": pair.statement_day, "due_day": pair.due_day}
        self.huabei.apply_change(lambda: session.change_settings(changes), None)

    def save(self, change: Callable[[], Any]) -> None:
        """Run the step's change; a refusal (or a file problem) is shown under the field and the step stays."""
        error = self.query_one("#setup-error", Static)
        try:
            change()
        except (InputError, StoreError) as refused:
            error.update(Text(step_error(refused, self.lang)))
            error.remove_class("empty")
            return
        self.dismiss(SAVED)

    def action_skip(self) -> None:
        self.dismiss(SKIPPED)

    def action_leave(self) -> None:
        self.dismiss(LEFT)


class FirstRun:
    """Runs the steps one after the other, then remembers the outcome (and opens the import if asked)."""

    def __init__(self, app: SetupHost, steps: tuple[str, ...] = STEPS) -> None:
        self.app = app
        self.steps = steps
        self.wants_import = False

    def start(self) -> None:
        self.show(0)

    def show(self, index: int) -> None:
        if index >= len(self.steps):
            self.end(FINISHED)
            return
        self.app.push_screen(SetupStep(self.steps[index]), callback=lambda outcome: self.after(index, outcome))

    def after(self, index: int, outcome: str | None) -> None:
        if outcome == LEFT:
            self.end(LEFT)
            return
        if outcome == IMPORT:
            self.wants_import = True
        self.show(index + 1)

    def end(self, outcome: str) -> None:
        app = self.app
        try:
            app.apply_change(lambda: app.session.remember_first_run(outcome), None)
        except StoreError as error:
            app.notify(describe_error(error, app.lang), severity="error")
            return
        app.notify(tr("msg.setup_done" if outcome == FINISHED else "msg.setup_left", app.lang, k=app.key_names))
        if outcome == FINISHED and self.wants_import:
            app.action_import_alipay()
