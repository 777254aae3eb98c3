"""The app's forms, each a ``FormDialog`` wired to one repository change and the CLI's parsers.

Kept in one place so the status screen, the calendar and the command palette open the very same dialogs.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from huabei_tui.domain.account import Account, parse_on_off
from huabei_tui.domain.dates import Month, parse_date, parse_day_of_month, parse_month
from huabei_tui.domain.money import format_money, format_yuan, parse_money, parse_rate_percent
from huabei_tui.i18n import register, tr
from huabei_tui.ui.dialogs.form import FormDialog, FormField

if TYPE_CHECKING:
    from huabei_tui.ui.app import HuabeiApp

FORMS: dict[str, tuple[str, str]] = {
    "form.settings": ("账户设置", "Account settings"),
    "form.balance": ("我刚查看了还款账户余额", "I just checked my repayment balance"),
    "form.balance_intro": ("记为今天核对；用于判断余额是否够还下一期账单",
                           "Recorded as checked today; used to tell whether it covers the next bill"),
    "form.bill": ("录入账单", "Add a bill"),
    "form.bill_intro": ("金额以支付宝账单页显示为准；同月已有账单时会修改金额",
                        "Type the amount shown on the Alipay bill; an existing month's amount is replaced"),
    "form.pay": ("记录还款", "Record a payment"),
    "form.limit": ("花呗额度（元）", "Credit limit (¥)"),
    "form.statement_day": ("出账日（1–28）", "Statement day (1–28)"),
    "form.due_day": ("还款日（1–28）", "Due day (1–28)"),
    "form.auto_repay": ("自动还款", "Auto-repay"),
    "form.opened": ("开通日期（YYYY-MM-DD，可空）", "Opened on (YYYY-MM-DD, optional)"),
    "form.fee_rate": ("逾期日费率（%）", "Overdue fee per day (%)"),
    "form.balance_amount": ("余额（元）", "Balance (¥)"),
    "form.month": ("账单月份（YYYY-MM）", "Bill month (YYYY-MM)"),
    "form.amount": ("金额（元）", "Amount (¥)"),
    "form.amount_hint": ("例如 1234.50", "e.g. 1234.50"),
    "form.pay_date": ("还款日期（YYYY-MM-DD）", "Paid on (YYYY-MM-DD)"),
    "form.on": ("开", "on"),
    "form.off": ("关", "off"),
    "form.unknown": ("未设置", "not set"),
    "msg.settings_saved": ("设置已保存", "Settings saved"),
    "msg.balance_saved": ("余额已记录", "Balance recorded"),
    "msg.bill_saved": ("账单已保存", "Bill saved"),
    "msg.bill_changed": ("{month} 账单已从 {old} 改为 {new}", "Bill {month} changed from {old} to {new}"),
    "msg.payment_saved": ("还款已记录", "Payment recorded"),
}
register(FORMS)


def _optional(parse):
    def parse_or_none(text: str) -> Any:
        return parse(text) if text.strip() else None

    return parse_or_none


def settings_dialog(app: HuabeiApp) -> FormDialog:
    account = app.ledger.account
    fields = [
        FormField("limit", "form.limit", format_money(account.limit) if account.limit is not None else "",
                  parse=_optional(lambda t: parse_money(t, field="limit"))),
        FormField("statement_day", "form.statement_day", str(account.statement_day),
                  parse=lambda t: parse_day_of_month(t, field="statement_day")),
        FormField("due_day", "form.due_day", str(account.due_day),
                  parse=lambda t: parse_day_of_month(t, field="due_day")),
        FormField("auto_repay", "form.auto_repay",
                  {True: "on", False: "off", None: "unset"}[account.auto_repay],
                  choices=[("form.on", "on"), ("form.off", "off"), ("form.unknown", "unset")],
                  parse=lambda t: None if t == "unset" else parse_on_off(t, field="auto_repay")),
        FormField("opened", "form.opened", account.opened.isoformat() if account.opened else "",
                  parse=_optional(lambda t: parse_date(t, field="opened"))),
        FormField("fee_rate", "form.fee_rate", str(account.fee_rate),
                  parse=lambda t: parse_rate_percent(t, field="fee_rate")),
    ]

    def save(values: dict[str, Any]) -> None:
        from huabei_tui.domain.errors import InputError

        if values["opened"] and values["opened"] > app.today:
            raise InputError("opened", "date.in_future", value=values["opened"].isoformat())
        app.apply_change(lambda: app.repo.update_account(lambda a: Account.with_changes(a, **values)),
                         "msg.settings_saved")

    return FormDialog("form.settings", fields, save)


def balance_dialog(app: HuabeiApp) -> FormDialog:
    account = app.ledger.account
    current = format_money(account.balance) if account.balance is not None else ""
    fields = [FormField("balance", "form.balance_amount", current,
                        parse=lambda t: parse_money(t, field="balance", allow_zero=True))]

    def save(values: dict[str, Any]) -> None:
        today = app.today
        app.apply_change(
            lambda: app.repo.update_account(
                lambda a: Account.with_changes(a, balance=values["balance"], balance_checked_on=today)),
            "msg.balance_saved")

    return FormDialog("form.balance", fields, save, intro="form.balance_intro")


def bill_dialog(app: HuabeiApp, month: Month | None = None) -> FormDialog:
    # The month's bill as it stands (typed or summed from imports) is shown, so saving visibly changes it.
    existing = app.summary.bill(month) if month else None
    fields = [
        FormField("month", "form.month", str(month) if month else "", placeholder="YYYY-MM", parse=parse_month),
        FormField("amount", "form.amount", format_money(existing.amount) if existing else "",
                  placeholder=tr("form.amount_hint", app.lang), parse=parse_money),
    ]

    def save(values: dict[str, Any]) -> None:
        month, amount = values["month"], values["amount"]
        replace = month in app.ledger.manual_bills
        before = app.summary.bill(month)
        change = lambda: app.repo.add_bill(month, amount, app.today, replace=replace)  # noqa: E731
        if before is not None and before.amount != amount:
            app.apply_change(change, "msg.bill_changed", month=str(month), old=format_yuan(before.amount),
                             new=format_yuan(amount))
        else:
            app.apply_change(change, "msg.bill_saved")

    return FormDialog("form.bill", fields, save, intro="form.bill_intro")


def pay_dialog(app: HuabeiApp, month: Month | None = None, amount: int | None = None) -> FormDialog:
    fields = [
        FormField("month", "form.month", str(month) if month else "", placeholder="YYYY-MM", parse=parse_month),
        FormField("amount", "form.amount", format_money(amount) if amount else "",
                  placeholder=tr("form.amount_hint", app.lang), parse=parse_money),
        FormField("on", "form.pay_date", app.today.isoformat(), parse=lambda t: parse_date(t, field="on")),
    ]

    def save(values: dict[str, Any]) -> None:
        app.apply_change(lambda: app.repo.add_payment(values["month"], values["amount"], values["on"], app.today),
                         "msg.payment_saved")

    return FormDialog("form.pay", fields, save)
