"""From parsed Alipay exports to the records the ledger keeps, plus the preview the user confirms.

Purchases keep their timestamp and land on bills by the statement-cycle rule when bills are resolved (so a later
change of statement day re-sorts them correctly); a ``花呗分期(N期)`` purchase becomes an instalment plan whose
periods fall on the following bills; a refund is kept as a negative purchase in the cycle it happened; a
repayment is credited to the bill it names. Order numbers are the identity, so importing the same export twice,
or overlapping exports, adds nothing twice.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from huabei_tui.domain import cycle
from huabei_tui.domain.account import Account
from huabei_tui.domain.bills import Payment
from huabei_tui.domain.dates import Month
from huabei_tui.domain.installments import InstallmentPlan
from huabei_tui.domain.ledger import Purchase
from huabei_tui.i18n import register, tr
from huabei_tui.io.alipay import MESSAGES, AlipayRow, ParsedExport

register(MESSAGES)

STRINGS: dict[str, tuple[str, str]] = {
    "import.preview": ("{file}：读取 {rows} 行（{layout}，{encoding}）", "{file}: {rows} rows read ({layout}, {encoding})"),
    "import.counts": ("花呗消费 {purchases} 笔（其中分期 {plans} 笔），退款 {refunds} 笔，还款 {repayments} 笔",
                      "Huabei purchases {purchases} ({plans} in instalments), refunds {refunds}, repayments {repayments}"),
    "import.bills": ("涉及账单：{months}", "Bills affected: {months}"),
    "import.bills_many": ("涉及账单 {count} 期：{months}", "Bills affected ({count}): {months}"),
    "import.more_runs": ("等另 {count} 段", "and {count} more"),
    "import.skipped": ("跳过 {count} 行：", "Skipped {count} rows:"),
    "import.skip_reason": ("  {reason}：{count} 行", "  {reason}: {count}"),
    "import.new": ("新增：消费/退款 {purchases} 笔，还款 {payments} 笔，分期计划 {plans} 个；已有的 {known} 笔未重复导入",
                   "Added: {purchases} purchases/refunds, {payments} repayments, {plans} instalment plans; "
                   "{known} already known were not added again"),
    "import.dry_run": ("预览模式：未保存任何内容", "Dry run: nothing was saved"),
    "import.none": ("没有可导入的花呗记录", "No Huabei records to import"),
    "import.file_error": ("{file}：{message}", "{file}: {message}"),
    "field.import": ("导入", "import"),
}
register(STRINGS)


@dataclass
class ImportBatch:
    """Everything found in one or more exports, ready for one save."""

    purchases: list[Purchase] = field(default_factory=list)
    payments: list[Payment] = field(default_factory=list)
    plans: list[InstallmentPlan] = field(default_factory=list)
    rows_read: int = 0
    refunds: int = 0
    skipped: Counter = field(default_factory=Counter)
    months: set[Month] = field(default_factory=set)
    notices: list[str] = field(default_factory=list)

    @property
    def record_count(self) -> int:
        return len(self.purchases) + len(self.payments)


def _purchase(row: AlipayRow, refund: bool) -> Purchase:
    return Purchase(order_no=row.order_no, time=row.time, amount=row.amount, description=row.description,
                    refund=refund, installments=None if refund else row.installments)


def add_export(batch: ImportBatch, parsed: ParsedExport, account: Account) -> None:
    """Fold one parsed export into ``batch`` (later duplicates of an order number are ignored)."""
    batch.rows_read += parsed.rows_read
    if parsed.notice:
        batch.notices.append(parsed.notice)
    seen = {p.order_no for p in batch.purchases} | {p.order_no for p in batch.payments}
    for skipped in parsed.skipped:
        batch.skipped[skipped.reason] += 1
    for row in parsed.rows:
        if row.order_no in seen:
            continue
        seen.add(row.order_no)
        if row.kind == "repayment" and row.repay_month is not None:
            batch.payments.append(Payment(id=row.order_no, month=row.repay_month, amount=row.amount,
                                          on=row.time.date(), source="alipay", order_no=row.order_no))
            batch.months.add(row.repay_month)
            continue
        refund = row.kind == "refund"
        batch.refunds += refund
        batch.purchases.append(_purchase(row, refund))
        first_bill = cycle.bill_for_moment(row.time, account.statement_day)
        batch.months.add(first_bill)
        if row.installments and not refund:
            periods = row.installments
            batch.plans.append(InstallmentPlan(
                id=row.order_no, principal=row.amount, periods=periods,
                fee_percent=account.installment_rates.get(periods, account.installment_rates.get(3)),
                first_bill=first_bill, description=row.description, order_no=row.order_no))
            batch.months.update(first_bill.shift(i) for i in range(periods))


#: Runs of consecutive months shown before "and N more": a ten-year export is one run, not 120 months.
MAX_MONTH_RUNS = 4


def months_line(months: set[Month], lang: str) -> str:
    """The bills an import touches, consecutive months as one run ("2016-12 – 2026-11"), so the line stays
    short enough to leave the confirmation in view; a handful of months is listed as before."""
    ordered = sorted(months)
    if len(ordered) <= MAX_MONTH_RUNS:
        return tr("import.bills", lang, months=", ".join(str(m) for m in ordered))
    runs: list[tuple[Month, Month]] = []
    start = previous = ordered[0]
    for month in ordered[1:]:
        if month != previous.shift(1):
            runs.append((start, previous))
            start = month
        previous = month
    runs.append((start, previous))
    parts = [str(a) if a == b else f"{a} – {b}" for a, b in runs[:MAX_MONTH_RUNS]]
    if len(runs) > MAX_MONTH_RUNS:
        parts.append(tr("import.more_runs", lang, count=len(runs) - MAX_MONTH_RUNS))
    return tr("import.bills_many", lang, count=len(ordered), months=", ".join(parts))


def preview_lines(batch: ImportBatch, files: list[tuple[str, ParsedExport]], lang: str) -> list[str]:
    """What the user reads before confirming: rows, kinds, bills affected, and why rows were skipped."""
    from huabei_tui.io.alipay import format_message

    lines = [tr("import.preview", lang, file=name, rows=p.rows_read, layout=p.layout, encoding=p.encoding)
             for name, p in files]
    lines += [format_message(note, lang) for note in batch.notices]
    purchases = sum(1 for p in batch.purchases if not p.refund)
    lines.append(tr("import.counts", lang, purchases=purchases, plans=len(batch.plans), refunds=batch.refunds,
                    repayments=len(batch.payments)))
    if batch.months:
        lines.append(months_line(batch.months, lang))
    if batch.skipped:
        lines.append(tr("import.skipped", lang, count=sum(batch.skipped.values())))
        for reason, count in batch.skipped.most_common():
            lines.append(tr("import.skip_reason", lang, reason=format_message(reason, lang), count=count))
    return lines
