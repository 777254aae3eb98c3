"""From parsed Alipay exports to the records the ledger keeps, plus the preview the user confirms.

Purchases keep their timestamp and land on bills by the statement-cycle rule when bills are resolved (so a later
change of statement day re-sorts them correctly); a ``花呗分期(N期)`` purchase becomes an instalment plan whose
periods fall on the following bills, with the fee the account's table gives for N periods; a refund is kept as a
negative purchase in the cycle it happened (a refund of an instalment purchase reaches the plan's unbilled parts
instead: ``installments.refund_schedule``); a repayment is credited to the bill it names.

Identity: an order number identifies a record, so importing the same export twice, or overlapping exports, adds
nothing twice. A masked or empty order number (``xxxx``) identifies nothing: such a row is identified by its
content (kind, time, counterparty, amount, item) and by its position among identical rows of its file, so two
genuine identical purchases stay two, and the same row in an overlapping export is still recognised.

Accounting: every row read ends up in exactly one place — a purchase, a refund, a repayment, or skipped with a
reason — so ``ImportBatch.accounted() == rows_read`` always holds, and the preview adds up. What the import did
that the user might not expect is listed line by line (``Oddity``): the same order number with another amount,
an instalment count Huabei does not offer, a refund with no purchase, a repayment for a bill that does not exist,
a refund that cancels or lowers a plan's parts. Nothing is dropped without a line saying so.
"""

from __future__ import annotations

import hashlib
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from huabei_tui.domain import cycle
from huabei_tui.domain.account import Account
from huabei_tui.domain.bills import Payment
from huabei_tui.domain.dates import Month, shanghai_date
from huabei_tui.domain.installments import PERIOD_CHOICES, InstallmentPlan, refund_schedule, refund_target, schedule
from huabei_tui.domain.ledger import Ledger, Purchase
from huabei_tui.domain.money import Fen, format_yuan
from huabei_tui.i18n import tr
from huabei_tui.io.alipay import AlipayRow, ParsedExport, is_masked_order_no

#: Oddity lines of one kind shown before "and N more like this": the counts stay exact, the preview stays short.
MAX_ODDITIES_SHOWN = 20


@dataclass(frozen=True)
class Oddity:
    """One row the import treated in a way the user may not expect, for one line of the preview."""

    kind: str  # "conflict" | "stored_conflict" | "periods" | "orphan_refund" | "no_bill" | "plan_refund"
    file: str
    line: int
    params: dict[str, Any] = field(default_factory=dict)


#: How ``ImportBatch.origins`` packs a row's place: line (low bits), file index, kind (2 bits), then the amount.
_LINE_BITS, _FILE_BITS = 32, 16
_LINE_MASK, _FILE_MASK = (1 << _LINE_BITS) - 1, (1 << _FILE_BITS) - 1
_KINDS = ("purchase", "refund", "repayment")
_KIND_CODE = {kind: code for code, kind in enumerate(_KINDS)}


@dataclass
class ImportBatch:
    """Everything found in one or more exports, ready for one save."""

    #: A list, or (an import read from files) a ``storage.spool.PurchaseSpool``: the same ``append``, ``len`` and
    #: iteration, with the rows on disk and ``per_day`` and ``refunds`` kept as they arrive.
    purchases: list[Purchase] = field(default_factory=list)
    payments: list[Payment] = field(default_factory=list)
    plans: list[InstallmentPlan] = field(default_factory=list)
    rows_read: int = 0
    refunds: int = 0
    skipped: Counter = field(default_factory=Counter)
    months: set[Month] = field(default_factory=set)
    notices: list[str] = field(default_factory=list)
    oddities: list[Oddity] = field(default_factory=list)
    #: Key → (amount, kind, file, line) of the row first read with it, packed in one int (``origin`` unpacks it):
    #: tells a later duplicate from a conflict, and names the place in the lines the review adds. One per Huabei
    #: row of every export read, the one thing an import holds per row: an int (~40 bytes) instead of a tuple of
    #: four (~170 bytes with its numbers), which is what bounds a streamed import's memory.
    origins: dict[str, int] = field(default_factory=dict, repr=False)
    #: The names of the files read (``origins`` holds their index).
    file_names: list[str] = field(default_factory=list, repr=False)
    #: Keys of purchases read but not kept (an instalment count the account has no rate for): few.
    dropped: set[str] = field(default_factory=set, repr=False)
    #: Records kept per (Shanghai) day: the preview counts those dated after "today", which are saved but count
    #: only from their own date (a few thousand days, however many rows).
    record_days: dict[date, int] = field(default_factory=lambda: defaultdict(int), repr=False)
    #: The day of each instalment purchase kept (one per plan): a plan dated after today counts at once.
    plan_days: list[date] = field(default_factory=list, repr=False)

    def after(self, today: date) -> tuple[int, int]:
        """(records, of which instalment plans) dated after ``today``."""
        return (sum(count for day, count in self.record_days.items() if day > today),
                sum(1 for day in self.plan_days if day > today))

    def origin(self, key: str) -> tuple[Fen, str, str, int] | None:
        """(amount, kind, file, line) of the first row read with ``key``, or None."""
        packed = self.origins.get(key)
        return None if packed is None else self.unpack(packed)

    def unpack(self, packed: int) -> tuple[Fen, str, str, int]:
        line = packed & _LINE_MASK
        packed >>= _LINE_BITS
        file = packed & _FILE_MASK
        packed >>= _FILE_BITS
        return packed >> 2, _KINDS[packed & 3], self.file_names[file], line

    def file_index(self, name: str) -> int:
        """The index ``origins`` packs for file ``name`` (each export read is a new one, even with the same name)."""
        self.file_names.append(name)
        if len(self.file_names) > _FILE_MASK:
            raise ValueError("too many files in one import")
        return len(self.file_names) - 1

    def refund_list(self) -> list[Purchase]:
        """The refunds among the purchases, without reading a spool back (it keeps them as they come)."""
        kept = getattr(self.purchases, "refunds", None)
        return list(kept) if kept is not None else [p for p in self.purchases if p.refund]

    def purchase_days(self) -> set[date]:
        """The days with a purchase that lands on a bill by its day (not a refund, not an instalment purchase)."""
        per_day = getattr(self.purchases, "per_day", None)
        if per_day is not None:
            return set(per_day)
        return {_day(p) for p in self.purchases if not p.refund and not p.installments}

    def purchase_orders(self) -> set[str]:
        """Order numbers (keys) of the purchases that are not refunds; from ``origins`` for a spool (no read)."""
        if hasattr(self.purchases, "per_day"):
            return {key for key in self.origins if self.is_purchase_order(key)}
        return {p.order_no for p in self.purchases if not p.refund}

    def is_purchase_order(self, key: str) -> bool:
        """``key in purchase_orders()`` without making the set: for a spool, a look at ``origins`` (a million-row
        import's review asked this of a set of a quarter of a million keys built for a few thousand refunds)."""
        if not hasattr(self.purchases, "per_day"):
            return any(p.order_no == key and not p.refund for p in self.purchases)
        packed = self.origins.get(key)
        return (packed is not None and (packed >> (_LINE_BITS + _FILE_BITS)) & 3 == _KIND_CODE["purchase"]
                and key not in self.dropped)

    @property
    def record_count(self) -> int:
        return len(self.purchases) + len(self.payments)

    @property
    def purchase_count(self) -> int:
        """Purchases (not refunds), including those that became instalment plans."""
        return len(self.purchases) - self.refunds

    def accounted(self) -> int:
        """Purchases + refunds + repayments + skipped rows: always ``rows_read`` (checked by the tests)."""
        return len(self.purchases) + len(self.payments) + sum(self.skipped.values())


def row_key(row: AlipayRow, occurrence: int) -> str:
    """The key of a row whose order number is masked or empty: its content and its place among identical rows.

    The time is part of the content, and an export covers whole days, so any export holding one of several
    identical rows holds all of them, in the same order: the n-th stays the n-th across overlapping exports.
    No ``_`` in the key (that would read as a refund's ``<original>_<suffix>``).
    """
    content = "|".join((row.kind, f"{row.time:%Y-%m-%d %H:%M:%S}", row.counterparty, str(row.amount), row.description))
    digest = hashlib.sha1(content.encode("utf-8")).hexdigest()[:20]
    return f"row:{digest}:{occurrence}"


def add_export(batch: ImportBatch, parsed: ParsedExport, account: Account, name: str = "") -> None:
    """Fold one parsed export (``name`` is what the preview calls it) into ``batch``."""
    add_counts(batch, parsed)
    add = row_adder(batch, account, name)
    for row in parsed.rows:
        add(row)


def add_counts(batch: ImportBatch, parsed: ParsedExport) -> None:
    """The export's counts (rows read, skipped and why, notices); its rows go through ``row_adder``."""
    batch.rows_read += parsed.rows_read
    if parsed.notice:
        batch.notices.append(parsed.notice)
    batch.skipped.update(parsed.skipped.counts())


def row_adder(batch: ImportBatch, account: Account, name: str = "",
              skipped: Counter[str] | None = None) -> Callable[[AlipayRow], None]:
    """Fold the rows of one export into ``batch``, one call per row in file order (the rows may be streamed
    from the file as it is read: nothing here needs the next row or keeps this one). Rows it skips (duplicates,
    conflicts, instalment counts with no rate) are counted in ``skipped`` (default: the batch's): a streamed read
    counts them apart and adds them after the file's own counts, in the order the preview lists them."""
    skipped = batch.skipped if skipped is None else skipped
    occurrences: Counter[tuple[Any, ...]] = Counter()
    origins = batch.origins
    # The export's times are Shanghai wall time without a zone, so the date is the Shanghai day; one statement date
    # per month instead of the full rule per row (``cycle.bill_finder`` gives the same answers).
    bill_of = cycle.bill_finder(account.statement_day)
    # Once per row of a big export (a quarter of a million for a million rows): methods looked up once, the
    # purchase made positionally, and a bill added to ``months`` only when it is not the previous row's (an
    # export is in time order, so neighbours share their bill).
    add_purchase, add_month, find_origin = batch.purchases.append, batch.months.add, origins.get
    last_bill: Month | None = None
    # The bill of the previous row's day: neighbours share their day, so ``bill_of`` runs once a day, not a row.
    last_day: date | None = None
    day_bill: Month | None = None
    add_fields = getattr(batch.purchases, "add", None)
    file_bits = batch.file_index(name) << _LINE_BITS
    kind_code = _KIND_CODE
    place_bits = _FILE_BITS + _LINE_BITS
    record_days = batch.record_days

    def add(row: AlipayRow) -> None:
        nonlocal last_bill, last_day, day_bill
        key = row.order_no
        if not key.isdigit() and is_masked_order_no(key):
            content = (row.kind, row.time, row.counterparty, row.amount, row.description)
            occurrences[content] += 1
            key = row_key(row, occurrences[content])
        packed = find_origin(key)
        if packed is not None:
            first = batch.unpack(packed)
            if first[0] == row.amount and first[1] == row.kind:
                skipped["skip.duplicate"] += 1
            else:
                skipped["skip.conflict"] += 1
                batch.oddities.append(Oddity("conflict", name, row.line, {
                    "order": row.order_no, "amount": row.amount, "first_amount": first[0],
                    "first_file": first[2], "first_line": first[3]}))
            return
        kind, time, amount = row.kind, row.time, row.amount
        origins[key] = (((amount << 2) | kind_code[kind]) << place_bits) | file_bits | row.line
        if kind == "repayment" and row.repay_month is not None:
            paid_on = time.date()
            batch.payments.append(Payment(id=key, month=row.repay_month, amount=amount,
                                          on=paid_on, source="alipay", order_no=key))
            record_days[paid_on] += 1
            add_month(row.repay_month)
            return
        refund = kind == "refund"
        if time.tzinfo is None:
            day = time.date()
            if day != last_day:
                last_day, day_bill = day, bill_of(day)
            first_bill = day_bill
        else:
            first_bill = cycle.bill_for_moment(time, account.statement_day)
            day = shanghai_date(time)
        installments = row.installments
        if installments is not None and not refund:
            rate = account.installment_rates.get(installments)
            if rate is None or installments < 2:
                skipped["skip.bad_periods"] += 1
                batch.dropped.add(key)
                offered = "/".join(str(n) for n in sorted(account.installment_rates) or PERIOD_CHOICES)
                batch.oddities.append(Oddity("periods", name, row.line, {
                    "method": row.method, "periods": installments, "offered": offered, "amount": amount}))
                return
            batch.plans.append(InstallmentPlan(
                id=key, principal=amount, periods=installments, fee_percent=rate,
                first_bill=first_bill, description=row.description, order_no=key))
            batch.plan_days.append(day)
            batch.months.update(first_bill.shift(i) for i in range(installments))
        elif first_bill is not last_bill:
            add_month(first_bill)
            last_bill = first_bill
        record_days[day] += 1
        if refund:
            batch.refunds += 1
            installments = None
        if add_fields is not None:  # a spool: the row goes to disk as it is, no ``Purchase`` made for it
            add_fields(key, time, amount, row.description, refund, installments, day)
        else:  # Purchase(order_no, time, amount, description, refund, installments)
            add_purchase(Purchase(key, time, amount, row.description, refund, installments))

    return add


# ----------------------------------------------------------------------------------------------------
# The review against the data already stored
# ----------------------------------------------------------------------------------------------------


@dataclass
class Review:
    """What the batch means next to the stored data: records known already, and the oddities only they show."""

    known: int = 0
    oddities: list[Oddity] = field(default_factory=list)


def _charged_months(days: Iterable[date], plans: Iterable[InstallmentPlan], statement_day: int) -> set[Month]:
    """Bills that some purchase (by its ``days``) or instalment part lands on (refunds make no bill exist)."""
    bill_of = cycle.bill_finder(statement_day)
    months = {bill_of(day) for day in set(days)}
    for plan in plans:
        months.update(period.bill for period in schedule(plan))
    return months


def review_import(batch: ImportBatch, ledger: Ledger) -> Review:
    """Compare the batch with ``ledger``: how many records are known, and what stands out next to stored data.

    Lists a record known under the same order number with another amount (the stored one stays), refunds that match
    no purchase (they still lower the bill of their cycle), repayments for bills that do not exist (kept, they
    count once the bill is typed) and refunds that cancel or lower an instalment plan's unbilled parts.

    The batch's purchases are read back once, only when the ledger has stored purchases to compare them with; the
    rest needs only the batch's refunds and days (a spooled import keeps those in memory).
    """
    review = Review()
    # Stored purchases as (amount, refund) by order number, read without decoding a row (a stored ledger may hold
    # a million); the few stored refunds are decoded below, only if the batch has plans or refunds.
    stored_purchases = ledger.purchase_amounts()
    stored_payments = {p.order_no: p for p in ledger.payments if p.order_no}
    statement_day = ledger.account.statement_day

    def place(key: str) -> tuple[str, int]:
        origin = batch.origin(key)
        return (origin[2], origin[3]) if origin else ("", 0)

    if stored_purchases:
        new_refunds: list[Purchase] = []
        new_days: set[date] = set()
        for purchase in batch.purchases:
            stored = stored_purchases.get(purchase.order_no)
            if stored is None:
                if purchase.refund:
                    new_refunds.append(purchase)
                elif not purchase.installments:
                    new_days.add(_day(purchase))
                continue
            review.known += 1
            stored_amount, stored_refund = stored
            if stored_amount != purchase.amount or stored_refund != purchase.refund:
                file, line = place(purchase.order_no)
                review.oddities.append(Oddity("stored_conflict", file, line, {
                    "order": purchase.order_no, "amount": purchase.amount, "stored": stored_amount}))
    else:
        new_refunds = batch.refund_list()
        new_days = batch.purchase_days()
    new_payments: list[Payment] = []
    for payment in batch.payments:
        stored_payment = stored_payments.get(payment.order_no or "")
        if stored_payment is None:
            new_payments.append(payment)
            continue
        review.known += 1
        if stored_payment.amount != payment.amount:
            file, line = place(payment.id)
            review.oddities.append(Oddity("stored_conflict", file, line, {
                "order": payment.order_no, "amount": payment.amount, "stored": stored_payment.amount}))

    known_plans = {plan.order_no for plan in ledger.plans if plan.order_no}
    plans = {plan.order_no: plan for plan in (*ledger.plans, *(p for p in batch.plans if p.order_no not in known_plans))
             if plan.order_no}
    purchase_orders: set[str] | None = None  # built on the first refund that needs it
    bill_of = cycle.bill_finder(statement_day)

    # Refunds: of a plan (what they do to its parts), of a known purchase (nothing to say), or of nothing found.
    plan_refunds: dict[str, list[tuple[Month, Fen, Purchase | None]]] = defaultdict(list)
    if new_refunds:
        for purchase in ledger.refunds():
            if (target := refund_target(purchase.order_no)) in plans:
                plan_refunds[target].append((bill_of(_day(purchase)), purchase.amount, None))
    for purchase in new_refunds:
        target = refund_target(purchase.order_no)
        month = bill_of(_day(purchase))
        if target in plans:
            plan_refunds[target].append((month, purchase.amount, purchase))
            continue
        if purchase_orders is None:
            # A spool answers from its keys (``is_purchase_order``); a list of purchases is gone through once.
            purchase_orders = set(stored_purchases)
            if not hasattr(batch.purchases, "per_day"):
                purchase_orders |= batch.purchase_orders()
        if target is None or (target not in purchase_orders and not (
                hasattr(batch.purchases, "per_day") and batch.is_purchase_order(target))):
            file, line = place(purchase.order_no)
            review.oddities.append(Oddity("orphan_refund", file, line, {
                "amount": purchase.amount, "description": purchase.description, "month": month}))
    for order, refunds in plan_refunds.items():
        plan = plans[order]
        _periods, _credits, effects = refund_schedule(plan, [(month, amount) for month, amount, _ in refunds])
        # Effects come out in cycle order, as the refunds were sorted; pair them back the same way.
        ordered = sorted(refunds, key=lambda refund: refund[0])
        for (month, amount, purchase), effect in zip(ordered, effects, strict=False):
            if purchase is None:
                continue
            file, line = place(purchase.order_no)
            review.oddities.append(Oddity("plan_refund", file, line, {
                "plan": plan.description or order, "amount": amount, "month": month, "cancelled": effect.cancelled,
                "lowered": effect.lowered, "credited": effect.credited, "before": effect.before,
                "after": effect.after}))

    # Repayments for bills nothing lands on and nobody typed.
    if new_payments:
        existing = set(ledger.manual_bills)
        # Bills the stored purchases land on, from their totals (no row read; a bill whose purchases were all
        # refunded the same day nets to nothing and counts as no bill).
        stored_days = ledger.imported_totals.by_bill(statement_day, date.max)
        existing |= {month for month, total in stored_days.items() if total}
        existing |= _charged_months((), ledger.plans, statement_day)
        existing |= _charged_months(new_days, [p for p in batch.plans if p.order_no not in known_plans],
                                    statement_day)
        for payment in new_payments:
            if payment.month not in existing:
                file, line = place(payment.id)
                review.oddities.append(Oddity("no_bill", file, line, {"amount": payment.amount,
                                                                      "month": payment.month}))
    return review


def _day(purchase: Purchase) -> date:
    time = purchase.time
    return time.date() if time.tzinfo is None else purchase.day


# ----------------------------------------------------------------------------------------------------
# The preview
# ----------------------------------------------------------------------------------------------------

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


def _where(file: str, line: int, lang: str) -> str:
    if not line:
        return file
    return tr("import.where", lang, file=file, line=line) if file else tr("import.where_bare", lang, line=line)


def oddity_line(oddity: Oddity, lang: str) -> str:
    """One oddity as the preview shows it, naming the file and the line."""
    p = oddity.params
    where = _where(oddity.file, oddity.line, lang)
    if oddity.kind == "conflict":
        first = _where(p["first_file"], p["first_line"], lang)
        return tr("odd.conflict", lang, where=where, order=p["order"], amount=format_yuan(p["amount"]), first=first,
                  first_amount=format_yuan(p["first_amount"]))
    if oddity.kind == "stored_conflict":
        return tr("odd.stored_conflict", lang, where=where, order=p["order"], amount=format_yuan(p["amount"]),
                  stored=format_yuan(p["stored"]))
    if oddity.kind == "periods":
        return tr("odd.periods", lang, where=where, method=p["method"], periods=p["periods"], offered=p["offered"],
                  amount=format_yuan(p["amount"]))
    if oddity.kind == "orphan_refund":
        return tr("odd.orphan_refund", lang, where=where, amount=format_yuan(p["amount"]),
                  description=p["description"] or "—", month=str(p["month"]))
    if oddity.kind == "no_bill":
        return tr("odd.no_bill", lang, where=where, amount=format_yuan(p["amount"]), month=str(p["month"]))
    # plan_refund
    common = {"where": where, "amount": format_yuan(p["amount"]), "plan": p["plan"], "from_month": str(p["month"])}
    if p["cancelled"]:
        text = tr("odd.plan_cancelled", lang, parts=p["cancelled"], before=format_yuan(p["before"]), **common)
        if p["credited"]:
            text += tr("odd.plan_credit", lang, credit=format_yuan(p["credited"]), month=str(p["month"]))
        return text
    if p["lowered"]:
        return tr("odd.plan_lowered", lang, parts=p["lowered"], before=format_yuan(p["before"]),
                  after=format_yuan(p["after"]), **common)
    return tr("odd.plan_after_end", lang, where=where, amount=format_yuan(p["amount"]), plan=p["plan"],
              month=str(p["month"]))


def oddity_lines(oddities: Iterable[Oddity], lang: str) -> list[str]:
    """Every oddity, grouped by kind in file order, at most ``MAX_ODDITIES_SHOWN`` of a kind then a count."""
    by_kind: dict[str, list[Oddity]] = defaultdict(list)
    for oddity in oddities:
        by_kind[oddity.kind].append(oddity)
    lines: list[str] = []
    for group in by_kind.values():
        lines += [oddity_line(oddity, lang) for oddity in group[:MAX_ODDITIES_SHOWN]]
        if len(group) > MAX_ODDITIES_SHOWN:
            lines.append(tr("odd.more", lang, count=len(group) - MAX_ODDITIES_SHOWN))
    return lines


def preview_lines(batch: ImportBatch, files: list[tuple[str, ParsedExport]], lang: str,
                  review: Review | None = None, counts_key: str = "import.counts", today: date | None = None
                  ) -> list[str]:
    """What the user reads before confirming: rows, kinds, bills affected, why rows were skipped, what stands out.

    With ``review`` (``review_import`` against the stored data) it also says how many records are known already
    and what the stored data shows (plan refunds, orphan refunds, repayments for missing bills). ``counts_key``:
    one credit line's share, printed under its name, counts "purchases", not "Huabei purchases".

    With ``today`` (the session's clock) it says how many records are dated after it: they are saved, but bills
    and the limit used count them only from their own date (``--today`` in the past, or a clock that is off), except
    an instalment purchase, whose plan counts at once.
    """
    from huabei_tui.io.alipay import format_message

    lines = [tr("import.preview", lang, file=name, rows=p.rows_read, layout=p.layout, encoding=p.encoding)
             for name, p in files]
    if len(files) > 1:
        lines.append(tr("import.total", lang, rows=batch.rows_read))
    lines += [format_message(note, lang) for note in batch.notices]
    lines.append(tr(counts_key, lang, purchases=batch.purchase_count, plans=len(batch.plans),
                    refunds=batch.refunds, repayments=len(batch.payments)))
    if batch.months:
        lines.append(months_line(batch.months, lang))
    later, later_plans = batch.after(today) if today is not None else (0, 0)
    if later:
        lines.append(tr("import.after_today_one" if later == 1 else "import.after_today", lang, count=later,
                        today=today.isoformat() if today else ""))
        if later_plans:
            lines.append(tr("import.after_today_plans", lang, plans=later_plans))
    if batch.skipped:
        lines.append(tr("import.skipped", lang, count=sum(batch.skipped.values())))
        for reason, count in batch.skipped.most_common():
            lines.append(tr("import.skip_reason", lang, reason=tr(reason, lang), count=count))
    oddities = [*batch.oddities, *(review.oddities if review else ())]
    if oddities:
        lines.append(tr("import.notes", lang))
        lines += oddity_lines(oddities, lang)
    if review is not None and review.known:
        lines.append(tr("import.already", lang, known=review.known))
    return lines
