"""The contact-log form (article §3.4): when you talked to customer service, what you asked, what came of it.

Date, topic, outcome and an optional note (the same four values as ``huabei contact add``). A ``FormDialog`` like the others: the date and the outcome are checked field by field (so both errors show at
once, each beside its field), then the session's ``add_contact`` (the use case ``huabei contact add`` runs) checks
it again before anything is written.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from huabei_tui.domain.dates import parse_date
from huabei_tui.domain.errors import InputError
from huabei_tui.domain.guide import CONTACT_TOPICS
from huabei_tui.i18n import tr
from huabei_tui.ui.dialogs.form import FormDialog, FormField

if TYPE_CHECKING:
    from huabei_tui.ui.app import HuabeiApp


class ContactDialog(FormDialog):
    """The shared form, starting in the date field (not on the scrolling container around the fields)."""

    AUTO_FOCUS = "#field-on"


def parse_contact_date(text: str, today: date) -> date:
    on = parse_date(text, field="on")
    if on > today:
        raise InputError("on", "date.in_future", value=on.isoformat())
    return on


def parse_outcome(text: str) -> str:
    if not text.strip():
        raise InputError("outcome", "contact.outcome_empty")
    return text.strip()


def contact_dialog(app: HuabeiApp) -> FormDialog:
    fields = [
        FormField("on", "rec.form.on", app.snapshot.today.isoformat(),
                  parse=lambda t: parse_contact_date(t, app.snapshot.today)),
        FormField("topic", "rec.form.topic", "deferral",
                  choices=[(text, key) for key, text in CONTACT_TOPICS.items()]),
        FormField("outcome", "rec.form.outcome", placeholder=tr("rec.form.outcome_hint", app.lang),
                  parse=parse_outcome),
        FormField("note", "rec.form.note", placeholder=tr("rec.form.note_hint", app.lang)),
    ]

    def save(values: dict[str, Any]) -> None:
        app.apply_change(
            lambda: app.session.add_contact(values["topic"], values["outcome"], values["note"], values["on"]),
            "rec.msg.contact_saved",
        )

    return ContactDialog("rec.form.title", fields, save, intro="rec.form.intro")
