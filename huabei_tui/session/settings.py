"""Account settings as people type them: one reading for ``huabei account set`` and the settings form, and the
check that keeps the form from overwriting a change made elsewhere while it was open.

The form and the CLI name the same settings and give text; ``parse_settings`` turns the text into values with the
domain's parsers (every value checked before anything is saved). The form may leave an optional setting blank to
clear it; the CLI has no blank (``--limit ""`` is refused, as before).

A form shows the values of the moment it opened. If another terminal changes a setting meanwhile, saving every
field would silently put the old value back. So the form sends only what the user changed, plus the values it
started from; ``find_conflicts`` compares them, inside the save's lock, with what the file holds now.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from huabei_tui.domain.account import Account, parse_on_off
from huabei_tui.domain.dates import parse_date, parse_day_of_month
from huabei_tui.domain.errors import InputError
from huabei_tui.domain.money import format_money, parse_min_rate, parse_money, parse_rate_percent

#: The settings the form shows, in its order (the balance has a form of its own: it is checked, not set).
FORM_SETTINGS = ("limit", "statement_day", "due_day", "auto_repay", "opened", "fee_rate")
#: Every setting a person can type (the minimum payment's rate and the interest after it: ``account set``).
SETTINGS = (*FORM_SETTINGS, "balance", "min_rate", "interest_rate")
#: Settings that may be "not set": blank in the form (``UNSET`` for auto-repay's choice) clears them.
OPTIONAL = frozenset({"limit", "auto_repay", "opened", "balance"})
#: The auto-repay choice for "not set".
UNSET = "unset"


def parse_setting(name: str, text: str, today: date, *, blank_clears: bool = False) -> Any:
    """The value of setting ``name`` typed as ``text``; raises ``InputError`` naming the setting.

    ``blank_clears``: blank text (or ``UNSET``) is "not set" (``None``) for an optional setting, as in the form.
    """
    if blank_clears and name in OPTIONAL and (not str(text).strip() or text == UNSET):
        return None
    if name in ("limit", "balance"):
        return parse_money(text, field=name, allow_zero=name == "balance")
    if name in ("statement_day", "due_day"):
        return parse_day_of_month(text, field=name)
    if name == "auto_repay":
        return parse_on_off(text, field=name)
    if name in ("fee_rate", "interest_rate"):
        return parse_rate_percent(text, field=name)
    if name == "min_rate":
        return parse_min_rate(text, field=name)
    if name == "opened":
        opened = parse_date(text, field=name)
        if opened > today:
            raise InputError(name, "date.in_future", value=opened.isoformat())
        return opened
    raise KeyError(name)


def parse_settings(texts: Mapping[str, str | None], today: date, *, blank_clears: bool = False) -> dict[str, Any]:
    """Every setting given (``None``: not given) parsed, in order; the first refusal raises, nothing is saved."""
    return {name: parse_setting(name, text, today, blank_clears=blank_clears)
            for name, text in texts.items() if text is not None}


def value_text(name: str, value: Any) -> str:
    """A setting's value as the form writes it in its field (and ``parse_setting`` reads it back)."""
    if value is None:
        return UNSET if name == "auto_repay" else ""
    if name == "auto_repay":
        return "on" if value else "off"
    if name in ("limit", "balance"):
        return format_money(value)
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def current_values(account: Account, names: tuple[str, ...] = FORM_SETTINGS) -> dict[str, Any]:
    """What the form starts from: the stored value of each setting it shows."""
    return {name: getattr(account, name) for name in names}


def changed(values: Mapping[str, Any], started_from: Mapping[str, Any]) -> dict[str, Any]:
    """Only the settings the user changed (a value equal to the one shown, however retyped, is not a change)."""
    return {name: value for name, value in values.items() if name not in started_from or value != started_from[name]}


@dataclass(frozen=True)
class Conflict:
    """A setting the user changed in the form that was also changed elsewhere since the form opened."""

    name: str
    started: Any  # what the form showed when it opened
    theirs: Any  # what the file holds now
    mine: Any  # what the user typed


class SettingsConflict(Exception):
    """Raised instead of saving: the user must choose between their value and the one saved meanwhile."""

    def __init__(self, conflicts: list[Conflict]) -> None:
        super().__init__(", ".join(c.name for c in conflicts))
        self.conflicts = conflicts

    @property
    def theirs(self) -> dict[str, Any]:
        """The values found in the file: the form's new starting point when the user has seen them."""
        return {c.name: c.theirs for c in self.conflicts}


def find_conflicts(current: Account, changes: Mapping[str, Any], started_from: Mapping[str, Any]) -> list[Conflict]:
    """The changed settings whose stored value moved since the form opened, to something other than this change
    (two people making the same change agree: no question to ask)."""
    found = []
    for name, mine in changes.items():
        if name not in started_from:
            continue
        theirs = getattr(current, name)
        if theirs != started_from[name] and theirs != mine:
            found.append(Conflict(name, started_from[name], theirs, mine))
    return found
