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
from huabei_tui.i18n import register, tr
from huabei_tui.ui.dialogs.form import FormDialog, FormField

if TYPE_CHECKING:
    from huabei_tui.ui.app import HuabeiApp

STRINGS: dict[str, tuple[str, str]] = {
    "rec.form.title": ("记录一次客服沟通", "Log a customer-service contact"),
    "rec.form.intro": ("可能还不上时尽早联系客服，申请延期或分期，并记下结果",
                       "Call early, ask for deferral or instalments, note the answer"),
    "rec.form.on": ("日期（YYYY-MM-DD）", "Date (YYYY-MM-DD)"),
    "rec.form.topic": ("沟通事项", "What you asked"),
    "rec.form.outcome": ("结果（必填）", "Outcome (required)"),
    "rec.form.outcome_hint": ("例如：同意分 6 期还款", "e.g. agreed to 6 instalments"),
    "rec.form.note": ("备注（可不填）", "Note (optional)"),
    "rec.form.note_hint": ("例如：客服工号、回电时间", "e.g. agent number, when they call back"),
    "rec.msg.contact_saved": ("客服沟通已记录", "Contact logged"),
    **{f"rec.topic.{key}": text for key, text in CONTACT_TOPICS.items()},
}
register(STRINGS)


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
                  choices=[(f"rec.topic.{key}", key) for key in CONTACT_TOPICS]),
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
