"""The app's forms, each a ``FormDialog`` wired to one session use case and the parsers the CLI uses.

Kept in one place so the status screen, the calendar and the command palette open the very same dialogs. The
settings form writes only the settings the user changed; if one of them was changed elsewhere while the form was
open, it shows both values and asks which to keep (``ConflictDialog``) instead of overwriting.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from huabei_tui.domain.cycle import ALIPAY_DAY_PAIRS
from huabei_tui.domain.dates import Month, parse_date, parse_month
from huabei_tui.domain.lines import DEFAULT_LINE
from huabei_tui.domain.money import format_money, format_yuan, parse_money
from huabei_tui.i18n import tr
from huabei_tui.session.settings import (
    FORM_SETTINGS,
    UNSET,
    SettingsConflict,
    changed,
    current_values,
    parse_setting,
    value_text,
)
from huabei_tui.ui.dialogs.conflict import ConflictDialog
from huabei_tui.ui.dialogs.form import FormDialog, FormField

if TYPE_CHECKING:
    from huabei_tui.ui.app import HuabeiApp


#: The settings form's label key for each setting, and the choices of auto-repay (label key, value).
SETTING_LABELS = {name: f"form.{name}" for name in FORM_SETTINGS}
AUTO_REPAY_CHOICES = [("form.on", "on"), ("form.off", "off"), ("form.unknown", UNSET)]

#: The settings form's choice of Alipay's statement/due day pairs: "s/d" values, and "" for a pair typed below.
DAY_PAIR = "day_pair"
OTHER_PAIR = ""
DAY_PAIR_CHOICES = [*((f"form.pair.{s}_{d}", f"{s}/{d}") for s, d in ALIPAY_DAY_PAIRS), ("form.pair.other", OTHER_PAIR)]


def pair_value(statement_day: int | str, due_day: int | str) -> str:
    """The choice for two days: the pair Alipay offers, or "other" when Alipay offers no such pair."""
    value = f"{str(statement_day).strip()}/{str(due_day).strip()}"
    return value if any(value == f"{s}/{d}" for s, d in ALIPAY_DAY_PAIRS) else OTHER_PAIR


def _pair_chosen(dialog: FormDialog) -> None:
    """A pair was chosen: it fills the two days (choosing "other" leaves them for typing)."""
    value = dialog.raw_values()[DAY_PAIR]
    if value != OTHER_PAIR:
        statement_day, due_day = value.split("/")
        dialog.set_value("statement_day", statement_day)
        dialog.set_value("due_day", due_day)


def _days_typed(dialog: FormDialog) -> None:
    """Days typed by hand: the choice follows, showing the pair when Alipay offers it, else "other"."""
    raw = dialog.raw_values()
    dialog.set_value(DAY_PAIR, pair_value(raw["statement_day"], raw["due_day"]))


def line_shown(app: HuabeiApp) -> str | None:
    """The credit line a form changes, for its title, when the file holds several (else None: nothing to tell)."""
    snapshot = app.snapshot
    return snapshot.line if snapshot.several_lines else None


def settings_dialog(app: HuabeiApp) -> FormDialog:
    """The account settings; saving writes only what the user changed, checked against what the form showed."""
    started = current_values(app.snapshot.ledger.account)

    def parse(name: str):
        return lambda text: parse_setting(name, text, app.snapshot.today, blank_clears=True)

    labels = dict(SETTING_LABELS)
    if app.snapshot.line != DEFAULT_LINE:  # 信用购's limit is not "花呗额度"
        labels["limit"] = "form.limit_line"
    fields = [FormField(name, labels[name], value_text(name, started[name]), parse=parse(name),
                        choices=AUTO_REPAY_CHOICES if name == "auto_repay" else None,
                        on_change=_days_typed if name in ("statement_day", "due_day") else None)
              for name in FORM_SETTINGS]
    # Alipay's statement/due day pairs as a choice before the two days it fills (any other pair can be typed).
    pair = pair_value(started["statement_day"], started["due_day"])
    fields.insert(FORM_SETTINGS.index("statement_day"),
                  FormField(DAY_PAIR, "form.day_pair", pair, choices=DAY_PAIR_CHOICES, on_change=_pair_chosen))

    def settings_only(values: dict[str, Any]) -> dict[str, Any]:
        return {name: value for name, value in values.items() if name != DAY_PAIR}

    dialog = FormDialog("form.settings", fields, lambda values: save(changed(settings_only(values), started), started),
                        line=line_shown(app))

    def save(changes: dict[str, Any], base: dict[str, Any]) -> bool | None:
        """Save ``changes`` made from ``base``; False keeps the form open while the user answers a conflict."""
        if not changes:
            app.notify(tr("msg.settings_unchanged", app.lang))
            return None
        try:
            app.apply_change(lambda: app.session.change_settings(changes, base), "msg.settings_saved")
        except SettingsConflict as conflict:
            found = conflict  # the except clause unbinds its own name; the callback runs later
            app.push_screen(ConflictDialog(found.conflicts, SETTING_LABELS),
                            lambda choice: resolve(choice, changes, base, found))
            return False
        return None

    def resolve(choice: str | None, changes: dict[str, Any], base: dict[str, Any], conflict: SettingsConflict) -> None:
        """``mine``: write the user's values over the others; ``theirs``: keep those, save the rest; None: back
        to the form. Either answer is checked again against the file (a third change asks again)."""
        if choice is None:
            return
        seen = {**base, **conflict.theirs}
        if choice == "theirs":
            changes = {name: value for name, value in changes.items() if name not in conflict.theirs}
            if not changes:
                app.notify(tr("msg.settings_kept", app.lang))
                dialog.dismiss(True)
                return
        try:
            kept_open = save(changes, seen) is False
        except Exception as error:  # refused or not saved: shown on the form, which stays open
            dialog.show_refusal(error)
            return
        if not kept_open:
            dialog.dismiss(True)

    return dialog


def balance_dialog(app: HuabeiApp) -> FormDialog:
    account = app.snapshot.ledger.account
    fields = [FormField("balance", "form.balance_amount", value_text("balance", account.balance),
                        parse=lambda t: parse_setting("balance", t, app.snapshot.today))]

    def save(values: dict[str, Any]) -> None:
        app.apply_change(lambda: app.session.record_balance(values["balance"]), "msg.balance_saved")

    return FormDialog("form.balance", fields, save, intro="form.balance_intro", line=line_shown(app))


def bill_dialog(app: HuabeiApp, month: Month | None = None) -> FormDialog:
    # The month's bill as it stands (typed or summed from imports) is shown, so saving visibly changes it.
    existing = app.snapshot.summary.bill(month) if month else None
    fields = [
        FormField("month", "form.month", str(month) if month else "", placeholder="YYYY-MM", parse=parse_month),
        FormField("amount", "form.amount", format_money(existing.amount) if existing else "",
                  placeholder=tr("form.amount_hint", app.lang), parse=parse_money),
    ]

    def save(values: dict[str, Any]) -> None:
        month, amount = values["month"], values["amount"]
        # The form replaces the month's amount (its intro says so), whether typed or summed from imports.
        saved = app.apply_change(lambda: app.session.save_bill(month, amount, replace=True), None)
        before = saved.value
        if before is not None and before.amount != amount:
            app.notify(tr("msg.bill_changed", app.lang, month=str(month), old=format_yuan(before.amount),
                          new=format_yuan(amount)))
        else:
            app.notify(tr("msg.bill_saved", app.lang))

    return FormDialog("form.bill", fields, save, intro="form.bill_intro", line=line_shown(app))


def pay_dialog(app: HuabeiApp, month: Month | None = None, amount: int | None = None) -> FormDialog:
    fields = [
        FormField("month", "form.month", str(month) if month else "", placeholder="YYYY-MM", parse=parse_month),
        FormField("amount", "form.amount", format_money(amount) if amount else "",
                  placeholder=tr("form.amount_hint", app.lang), parse=parse_money),
        FormField("on", "form.pay_date", app.snapshot.today.isoformat(), parse=lambda t: parse_date(t, field="on")),
    ]

    def save(values: dict[str, Any]) -> None:
        app.apply_change(lambda: app.session.record_payment(values["month"], values["amount"], values["on"]),
                         "msg.payment_saved")

    return FormDialog("form.pay", fields, save, line=line_shown(app))
