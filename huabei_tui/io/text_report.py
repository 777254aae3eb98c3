"""Plain-text summaries that line up in any terminal or e-mail, Chinese included.

Used by ``huabei status``, ``huabei export`` and the TUI's export keys, so every place prints the same words.
Columns are padded by terminal cell width (``textwidth``), never by ``len``.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from huabei_tui.domain.bills import BillState
from huabei_tui.domain.grid import GridCell
from huabei_tui.domain.guide import ANSWER_TEXT, AUTH_STEPS, CONTACT_TOPICS, RECOVERY_STEPS, REVOKE_STEPS
from huabei_tui.domain.ledger import Checklist, Ledger
from huabei_tui.domain.money import format_yuan
from huabei_tui.domain.summary import Summary
from huabei_tui.i18n import bracketed, labelled, pick, tr
from huabei_tui.textwidth import key_values, table


def yuan(fen: int | None, lang: str) -> str:
    return tr("value.unknown", lang) if fen is None else format_yuan(fen)


def on_off(value: bool | None, lang: str) -> str:
    return tr("value.not_set", lang) if value is None else tr("onoff.on" if value else "onoff.off", lang)


def due_phrase(state: BillState, lang: str) -> str:
    if state.days_to_due > 0:
        return tr("label.due_in", lang, days=state.days_to_due)
    if state.days_to_due == 0:
        return tr("label.due_today", lang)
    return tr("label.overdue_by", lang, days=-state.days_to_due)


def warning_lines(summary: Summary, lang: str) -> list[str]:
    params = {
        "shortfall": yuan(summary.shortfall, lang),
        "days": summary.balance_age_days,
        "over": yuan(-summary.available if summary.available is not None else None, lang),
    }
    late = summary.overdue_unpaid
    if late:
        oldest = late[0]
        params.update(month=str(oldest.month), late_days=oldest.overdue_days, outstanding=yuan(oldest.outstanding, lang),
                      per_day=yuan(oldest.fee_per_day, lang))
    lines = []
    for key in summary.warnings():
        lines.append(tr(key, lang, **params))
        if key == "warn.overdue" and len(late) > 1:
            lines.append(tr("warn.overdue_more", lang, n=len(late) - 1))
    return lines


def account_lines(summary: Summary, lang: str) -> list[str]:
    account = summary.account
    balance = yuan(account.balance, lang)
    if account.balance_checked_on:
        balance += ("" if lang == "zh" else " ") + tr("label.checked_on", lang, date=account.balance_checked_on.isoformat())
    pairs = [
        (tr("label.limit", lang), yuan(account.limit, lang)),
        (tr("label.used", lang), yuan(summary.used, lang)),
        (tr("label.available", lang), yuan(summary.available, lang)),
        (tr("label.statement_day", lang), str(account.statement_day)),
        (tr("label.due_day", lang), str(account.due_day)),
        (tr("label.auto_repay", lang), on_off(account.auto_repay, lang)),
        (tr("label.balance", lang), balance),
        (tr("label.credit_reporting", lang), tr(summary.reporting_text_key, lang)),
        (tr("label.opened", lang), account.opened.isoformat() if account.opened else tr("value.unknown", lang)),
        (tr("label.fee_rate", lang), f"{account.fee_rate}%/{tr('label.day', lang)}"),
    ]
    if summary.unbilled_installments:
        pairs.append((tr("label.unbilled_installments", lang), yuan(summary.unbilled_installments, lang)))
    return key_values(pairs)


def bill_to_pay_title(summary: Summary, lang: str) -> str:
    """"Overdue bill" when what to pay now is late, else "Next bill"."""
    bill = summary.most_urgent_bill
    return tr("label.overdue_bill" if bill is not None and bill.days_to_due < 0 else "label.next_bill", lang)


def fee_growth(bill: BillState, lang: str) -> str:
    """The fee so far and what each further day adds: ``¥4.13 (+¥0.83/day)``, ``¥4.13（+¥0.83/天）``."""
    growth = f"+{yuan(bill.fee_per_day, lang)}/{tr('label.day', lang)}"
    return yuan(bill.fee, lang) + bracketed(growth, lang)


def next_bill_lines(summary: Summary, lang: str) -> list[str]:
    """What to pay now (the oldest overdue bill, else the next one), for ``huabei status`` and the exports."""
    bill = summary.most_urgent_bill
    if bill is None:
        return [tr("label.no_next_bill", lang)]
    pairs = [
        (tr("label.bill", lang), str(bill.month)),
        (tr("label.due_date", lang), f"{bill.due_date.isoformat()}  {due_phrase(bill, lang)}"),
        (tr("label.amount", lang), yuan(bill.amount, lang)),
        (tr("label.paid", lang), yuan(bill.paid, lang)),
        (tr("label.outstanding", lang), yuan(bill.outstanding, lang)),
    ]
    if bill.days_to_due < 0:
        pairs.append((tr("label.fee", lang), fee_growth(bill, lang)))
    if summary.shortfall is not None:
        pairs.append((tr("label.shortfall", lang), yuan(summary.shortfall, lang)))
    upcoming = summary.next_bill
    if upcoming is not None and upcoming is not bill:
        pairs.append((tr("label.then", lang), f"{upcoming.month}  {yuan(upcoming.outstanding, lang)}  "
                                              f"{due_phrase(upcoming, lang)}"))
    return key_values(pairs)


def bills_lines(bills: Sequence[BillState], lang: str) -> list[str]:
    if not bills:
        return [tr("label.no_bills", lang)]
    headers = [tr(k, lang) for k in ("label.bill", "label.due_date", "label.amount", "label.paid",
                                     "label.outstanding", "label.status", "label.overdue_days", "label.fee")]
    rows = [
        [str(b.month), b.due_date.isoformat(), format_yuan(b.amount), format_yuan(b.paid), format_yuan(b.outstanding),
         tr(f"status.{b.status}", lang), str(b.overdue_days) if b.overdue_days else "-",
         format_yuan(b.fee) if b.fee else "-"]
        for b in bills
    ]
    return table(headers, rows, ["left", "left", "right", "right", "right", "left", "right", "right"])


def days_left_text(bill: BillState, today: date, lang: str, *, unit: bool = False) -> str:
    """Days until the record is deleted (``unit``: "1563 d" / "1563 天", for a column whose header has no room
    to say so); "deleted" once its five years are over (never a negative count); "-" while it is unpaid and the
    five years have not started."""
    if bill.record_gone(today):
        return tr("label.record_gone", lang)
    left = bill.record_days_left(today)
    if left is None:
        return "-"
    return tr("label.days_n", lang, n=left) if unit else str(left)


def overdue_lines(summary: Summary, lang: str) -> list[str]:
    if not summary.overdue_episodes:
        return [tr("label.no_overdue", lang)]
    headers = [tr(k, lang) for k in ("label.bill", "label.due_date", "label.overdue_days", "label.outstanding",
                                     "label.fee", "label.settled_on", "label.record_expires_on", "label.days_left")]
    rows = []
    for b in summary.overdue_episodes:
        expires = b.record_expires_on.isoformat() if b.record_expires_on else tr("label.unsettled", lang)
        fee = fee_growth(b, lang) if b.outstanding else format_yuan(b.fee)
        rows.append([str(b.month), b.due_date.isoformat(), str(b.overdue_days), format_yuan(b.outstanding), fee,
                     b.settled_on.isoformat() if b.settled_on else "-", expires, days_left_text(b, summary.today, lang)])
    lines = table(headers, rows, ["left", "left", "right", "right", "right", "left", "left", "right"])
    if any(b.record_expires_on is None for b in summary.overdue_episodes):
        lines.append(tr("label.not_yet", lang))
    return lines


def grid_lines(cells: Sequence[GridCell], lang: str, per_row: int = 12) -> list[str]:
    """Years as rows, months as columns, as the credit report prints it."""
    lines = [tr("label.grid", lang)]
    for start in range(0, len(cells), per_row):
        chunk = cells[start:start + per_row]
        lines.append(f"{chunk[0].month} … {chunk[-1].month}  " + " ".join(c.code for c in chunk))
    lines.append(tr("label.grid_legend", lang))
    return lines


def checklist_lines(title: str, steps, checklist: Checklist, lang: str, with_caveats: bool = False,
                    since: date | None = None) -> list[str]:
    """The steps with their marks; a tick from before ``since`` (an earlier overdue's recovery, while a new
    one is unpaid) reads as not done, last done on its date, as on the recovery screen."""
    lines = [title]
    for number, step in enumerate(steps, start=1):
        day = checklist.ticks.get(step.id)
        done = checklist.is_done(step.id, since)
        mark = "[x]" if done else "[ ]"
        state = tr("label.ticked" if done else "label.last_done", lang, date=day.isoformat()) if day else ""
        lines.append(f"{mark} {number}. {pick(step.text, lang)}" + (f"  {state}" if state else ""))
        if with_caveats and step.caveat:
            lines.append("       " + labelled(tr("label.caveat", lang), pick(step.caveat, lang), lang))
    return lines


def auth_lines(ledger: Ledger, summary: Summary, lang: str) -> list[str]:
    lines = checklist_lines(tr("label.auth_check", lang), AUTH_STEPS, ledger.auth_check, lang)
    answer = ledger.auth_check.answer
    text = pick(ANSWER_TEXT[answer], lang) if answer in ANSWER_TEXT else tr("value.unknown", lang)
    if ledger.auth_check.answered_on:
        text += f" ({ledger.auth_check.answered_on.isoformat()})"
    lines.append(labelled(tr("label.answer", lang), text, lang))
    lines.append(labelled(tr("label.credit_reporting", lang), tr(summary.reporting_text_key, lang), lang))
    return lines


def contact_lines(ledger: Ledger, lang: str) -> list[str]:
    lines = [tr("label.contacts", lang)]
    if not ledger.contacts:
        return [*lines, tr("value.none", lang)]
    for entry in sorted(ledger.contacts, key=lambda c: c.on):
        topic = pick(CONTACT_TOPICS.get(entry.topic, CONTACT_TOPICS["other"]), lang)
        note = bracketed(entry.note, lang) if entry.note else ""
        lines.append(f"{entry.on.isoformat()}  " + labelled(topic, entry.outcome, lang) + note)
    return lines


def header(summary: Summary, lang: str) -> list[str]:
    return [tr("label.summary_title", lang), tr("label.generated", lang, date=summary.today.isoformat())]


def status_text(summary: Summary, lang: str) -> str:
    """What ``huabei status`` prints: the at-a-glance answer, warnings first."""
    lines = [labelled(tr("label.today", lang), summary.today.isoformat(), lang)]
    warnings = warning_lines(summary, lang)
    if warnings:
        lines += ["", *[f"! {w}" for w in warnings]]
    lines += ["", f"[{bill_to_pay_title(summary, lang)}]", *next_bill_lines(summary, lang)]
    lines += ["", f"[{tr('label.account', lang)}]", *account_lines(summary, lang)]
    if summary.overdue_episodes:
        lines += ["", f"[{tr('label.overdue', lang)}]", *overdue_lines(summary, lang)]
    streak = summary.clean_streak
    if streak is not None:
        lines += ["", labelled(tr("label.clean_streak", lang), tr("label.months", lang, n=streak), lang)]
    return "\n".join(lines) + "\n"


def status_screen_text(summary: Summary, ledger: Ledger, lang: str) -> str:
    return "\n".join(header(summary, lang)) + "\n\n" + status_text(summary, lang)


def calendar_text(summary: Summary, lang: str) -> str:
    return "\n".join([*header(summary, lang), "", f"[{tr('label.bills', lang)}]", *bills_lines(summary.bills, lang)]) + "\n"


def checklist_text(summary: Summary, ledger: Ledger, lang: str) -> str:
    lines = [*header(summary, lang), "", *auth_lines(ledger, summary, lang), ""]
    lines += checklist_lines(tr("label.revoke", lang), REVOKE_STEPS, ledger.revoke, lang, with_caveats=True)
    return "\n".join(lines) + "\n"


def recovery_text(summary: Summary, ledger: Ledger, lang: str) -> str:
    lines = [*header(summary, lang), "", f"[{tr('label.overdue', lang)}]", *overdue_lines(summary, lang), ""]
    lines += [*checklist_lines(tr("label.recovery", lang), RECOVERY_STEPS, ledger.recovery, lang,
                               since=summary.recovery_since), ""]
    lines += [*contact_lines(ledger, lang), ""]
    lines += grid_lines(summary.grid, lang)
    return "\n".join(lines) + "\n"


def full_text(summary: Summary, ledger: Ledger, lang: str) -> str:
    """The complete summary: ``huabei export`` and the TUI's ``E``."""
    lines = [*header(summary, lang), "", status_text(summary, lang).rstrip("\n"), ""]
    lines += [f"[{tr('label.bills', lang)}]", *bills_lines(summary.bills, lang), ""]
    lines += [*grid_lines(summary.grid, lang), ""]
    lines += [*auth_lines(ledger, summary, lang), ""]
    lines += [*checklist_lines(tr("label.recovery", lang), RECOVERY_STEPS, ledger.recovery, lang,
                               since=summary.recovery_since), ""]
    lines += contact_lines(ledger, lang)
    return "\n".join(lines) + "\n"
