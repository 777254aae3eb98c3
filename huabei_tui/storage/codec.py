"""Turning stored documents into domain values and back.

Documents are plain JSON: money as integer fen, dates as ``YYYY-MM-DD``, months as ``YYYY-MM``, rates as decimal
strings. Anything that does not decode (a hand-edited file, say) raises ``StoreCorrupt`` naming the table,
rather than surfacing later as a confusing crash in a screen.

Decoding checks every value with the rules input obeys (the same parsers where there is one): money in fen below
the money limit and not negative, days of the month 1–28 and different, dates that exist within the accepted
years, a fee rate that is a number from 0 to 5 % a day, instalment periods 1–``MAX_PERIODS``, known answers and
topics, strict JSON types (no ``"5"`` for 5, no ``true`` for 1) and no two records with the same id. A file that
parses but breaks one of them (a NaN fee rate, a plan of 0 or 10^8 periods, statement day 31) is damaged like a
file that does not parse: it is never saved over, and the error names the newest good backup. Without this, such
a file passed the check before a change, the change was saved, and the summary after it failed ("Unexpected
error") or never finished. Text fields are stripped of control characters here too (``domain.textsafe``), since
an older or hand-edited file may hold them.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping, Sequence
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

from huabei_tui.domain.account import (
    DEFAULT_FEE_RATE,
    DEFAULT_INSTALLMENT_RATES,
    DEFAULT_INTEREST_RATE,
    DEFAULT_MIN_RATE,
    Account,
)
from huabei_tui.domain.bill_instalments import BillInstalment
from huabei_tui.domain.bills import Payment
from huabei_tui.domain.checks import MAX_NOTE, MAX_OUTCOME
from huabei_tui.domain.cycle import DEFAULT_DUE_DAY, DEFAULT_STATEMENT_DAY
from huabei_tui.domain.dates import MAX_YEAR, MIN_YEAR, Month, days_in_month, parse_date, parse_month
from huabei_tui.domain.errors import InputError
from huabei_tui.domain.guide import ANSWERS, CONTACT_TOPICS
from huabei_tui.domain.installments import MAX_PERIODS, InstallmentPlan
from huabei_tui.domain.ledger import Checklist, ContactEntry, ImportedTotals, Ledger, Purchase
from huabei_tui.domain.lines import KNOWN_METHODS, CreditLine, Lines
from huabei_tui.domain.money import MAX_FEN, parse_min_rate, parse_rate_percent
from huabei_tui.domain.textsafe import has_controls, sanitize
from huabei_tui.storage.errors import StoreCorrupt
from huabei_tui.storage.parts import PartRef
from huabei_tui.storage.rows import Reader, StoredRows

Doc = dict[str, Any]
Tables = Mapping[str, Mapping[str, Doc]]


class ImpossibleValue(ValueError):
    """A stored value that input could never have produced; ``what`` names the field for the message."""

    def __init__(self, what: str, value: Any) -> None:
        shown = sanitize(repr(value))
        self.what = what
        self.detail = f"{what} = {shown[:40]}{'…' if len(shown) > 40 else ''}"
        super().__init__(self.detail)


def _check(ok: bool, what: str, value: Any) -> None:
    if not ok:
        raise ImpossibleValue(what, value)


def _int(value: Any, what: str, low: int, high: int) -> int:
    _check(type(value) is int and low <= value <= high, what, value)
    return value


def _str(value: Any, what: str) -> str:
    _check(isinstance(value, str), what, value)
    return value


def _date(text: Any, what: str = "date") -> date | None:
    """A stored ``YYYY-MM-DD`` (or nothing): a day that exists, in the years ``parse_date`` accepts."""
    if text is None or text == "":
        return None
    return _day(text, what)


#: Stored days and months already read in this process, by their text. A ten-year file names its ~130 months
#: ~400 times and its days ~170 times, and each reading normalises the text and matches two patterns; both values
#: are immutable, so one object serves every record. Only values that read well are kept, at most ``_KEPT``.
_DAYS: dict[str, date] = {}
_MONTHS: dict[str, Month] = {}
_KEPT = 4096


def _day(text: Any, what: str) -> date:
    return _kept(_DAYS, text, what, parse_date)


def _month(text: Any, what: str = "month") -> Month:
    return _kept(_MONTHS, text, what, parse_month)


def _kept(kept: dict[str, Any], text: Any, what: str, parse: Callable[..., Any]) -> Any:
    """``parse(text)`` as a stored value (a refusal is an ``ImpossibleValue``), from ``kept`` when read before."""
    value = kept.get(text) if type(text) is str else None
    if value is None:
        try:
            value = parse(_str(text, what), field=what)
        except InputError:
            raise ImpossibleValue(what, text) from None
        if len(kept) < _KEPT:
            kept[text] = value
    return value


def _fen(value: Any, what: str = "amount") -> int:
    """Integer fen, not negative, below the limit ``parse_money`` enforces (``MAX_FEN``)."""
    return _int(value, what, 0, MAX_FEN - 1)


def _optional_fen(value: Any, what: str) -> int | None:
    return None if value is None else _fen(value, what)


def _text(value: Any, what: str, *, multiline: bool = False, limit: int | None = None) -> str:
    text = sanitize(_str(value, what), multiline=multiline)
    _check(limit is None or len(text) <= limit, what, value)
    return text


def _optional_text(value: Any, what: str) -> str | None:
    return None if value is None else _text(value, what)


def _percent(value: Any, what: str, high: Decimal) -> Decimal:
    """A rate stored as a decimal string: a finite number from 0 to ``high`` percent."""
    try:
        rate = Decimal(_str(value, what))
    except ArithmeticError:
        raise ImpossibleValue(what, value) from None
    _check(rate.is_finite() and 0 <= rate <= high, what, value)
    return rate


def _unique(values: list[Any], what: str) -> None:
    if len(set(values)) == len(values):  # the usual case, at C speed (a ten-year import has ~27,000 orders)
        return
    seen: set[Any] = set()
    for value in values:
        _check(value not in seen, f"{what} (twice)", value)
        seen.add(value)


def account_to_doc(account: Account) -> Doc:
    return {
        "limit": account.limit,
        "statement_day": account.statement_day,
        "due_day": account.due_day,
        "auto_repay": account.auto_repay,
        "balance": account.balance,
        "balance_checked_on": account.balance_checked_on.isoformat() if account.balance_checked_on else None,
        "opened": account.opened.isoformat() if account.opened else None,
        "fee_rate": str(account.fee_rate),
        "installment_rates": {str(k): str(v) for k, v in account.installment_rates.items()},
        "min_rate": str(account.min_rate),
        "interest_rate": str(account.interest_rate),
    }


def account_from_doc(doc: Doc | None) -> Account:
    if not doc:
        return Account()
    statement_day = _day_of_month(doc.get("statement_day", DEFAULT_STATEMENT_DAY), "statement_day")
    due_day = _day_of_month(doc.get("due_day", DEFAULT_DUE_DAY), "due_day")
    _check(statement_day != due_day, "due_day", due_day)
    auto_repay = doc.get("auto_repay")
    _check(auto_repay is None or isinstance(auto_repay, bool), "auto_repay", auto_repay)
    rates = doc.get("installment_rates") or {}
    _check(isinstance(rates, dict), "installment_rates", rates)
    installment_rates = {_int(_periods_key(k), "installment_rates", 1, MAX_PERIODS): _percent(v, "installment_rates", Decimal(100))
                         for k, v in rates.items()}
    fee_rate = doc.get("fee_rate", str(DEFAULT_FEE_RATE))
    try:
        parsed_rate = parse_rate_percent(_str(fee_rate, "fee_rate"))
    except InputError:
        raise ImpossibleValue("fee_rate", fee_rate) from None
    return Account(
        limit=_optional_fen(doc.get("limit"), "limit"),
        statement_day=statement_day,
        due_day=due_day,
        auto_repay=auto_repay,
        balance=_optional_fen(doc.get("balance"), "balance"),
        balance_checked_on=_date(doc.get("balance_checked_on"), "balance_checked_on"),
        opened=_date(doc.get("opened"), "opened"),
        fee_rate=parsed_rate,
        installment_rates=installment_rates or dict(DEFAULT_INSTALLMENT_RATES),
        min_rate=_min_rate(doc.get("min_rate", str(DEFAULT_MIN_RATE))),
        interest_rate=_percent(doc.get("interest_rate", str(DEFAULT_INTEREST_RATE)), "interest_rate", Decimal(5)),
    )


def _min_rate(value: Any) -> Decimal:
    """The minimum-payment percent, by ``parse_min_rate``'s rule (more than 0, at most 100, two decimals)."""
    try:
        return parse_min_rate(_str(value, "min_rate"))
    except InputError:
        raise ImpossibleValue("min_rate", value) from None


def _day_of_month(value: Any, what: str) -> int:
    """A statement or due day, by ``parse_day_of_month``'s rule (1–28), stored as a JSON integer."""
    return _int(value, what, 1, 28)


def _periods_key(key: Any) -> int:
    return int(key) if isinstance(key, str) and key.isdecimal() and len(key) <= 4 else -1


def payment_to_doc(payment: Payment) -> Doc:
    return {
        "id": payment.id,
        "month": str(payment.month),
        "amount": payment.amount,
        "on": payment.on.isoformat(),
        "source": payment.source,
        "order_no": payment.order_no,
    }


def payment_from_doc(doc: Doc) -> Payment:
    return Payment(
        id=_text(doc["id"], "payments.id"),
        month=_month(doc["month"], "payments.month"),
        amount=_fen(doc["amount"], "payments.amount"),
        on=_day(doc["on"], "payments.on"),
        source=_text(doc.get("source", "manual"), "payments.source"),
        order_no=_optional_text(doc.get("order_no"), "payments.order_no"),
    )


def purchase_to_doc(purchase: Purchase) -> Doc:
    return {
        "order_no": purchase.order_no,
        "time": purchase.time.isoformat(),
        "amount": purchase.amount,
        "description": purchase.description,
        "refund": purchase.refund,
        "installments": purchase.installments,
    }


def purchase_from_doc(doc: Doc) -> Purchase:
    """One imported purchase. Years of imports hold tens of thousands, decoded on every read: the usual document
    passes the checks inline, and only a doubtful one goes through the checking readers (which name the field)."""
    order_no, time, amount = doc["order_no"], doc["time"], doc["amount"]
    description, refund = doc.get("description", ""), doc.get("refund", False)
    installments = doc.get("installments")
    if not (type(order_no) is str and type(description) is str and type(time) is str and type(amount) is int
            and 0 <= amount < MAX_FEN and type(refund) is bool and installments is None
            and not has_controls(order_no + description)):
        order_no = _text(order_no, "purchases.order_no")
        description = _text(description, "purchases.description")
        amount = _fen(amount, "purchases.amount")
        refund = _bool(refund, "purchases.refund")
        if installments is not None:
            installments = _int(installments, "purchases.installments", 1, MAX_PERIODS)
    return Purchase(order_no=order_no, time=_moment(time, "purchases.time"), amount=amount, description=description,
                    refund=refund, installments=installments)


def _moment(text: Any, what: str) -> datetime:
    try:
        moment = datetime.fromisoformat(text)
    except (TypeError, ValueError):
        raise ImpossibleValue(what, text) from None
    if not MIN_YEAR <= moment.year <= MAX_YEAR:
        raise ImpossibleValue(what, text)
    return moment


def _bool(value: Any, what: str) -> bool:
    _check(isinstance(value, bool), what, value)
    return value


def purchase_line(purchase: Purchase) -> str:
    """``purchase_to_doc`` as one line of JSON, for a part (``Store.add_part``): formatted field by field, about
    twice as fast as ``json`` on a dict, which matters when an import writes a million of them. The keys and
    values are exactly those of ``purchase_to_doc`` (a test compares the two)."""
    installments = "null" if purchase.installments is None else str(int(purchase.installments))
    return (f'{{"order_no": {_json_string(purchase.order_no)}, "time": "{purchase.time.isoformat()}", '
            f'"amount": {int(purchase.amount)}, "description": {_json_string(purchase.description)}, '
            f'"refund": {"true" if purchase.refund else "false"}, "installments": {installments}}}')


_json_string = json.encoder.encode_basestring  # type: ignore[attr-defined] - json's own C string escaper


#: The table of the imported totals (one document) and of the rows they sum.
TOTALS_TABLE = "imported_totals"
PURCHASES_TABLE = "purchases"


def totals_to_doc(totals: ImportedTotals) -> Doc:
    """``{"months": {"2025-04": [net of the 1st, of the 2nd, …], …}, "plan_refunds": [[order, day, fen], …]}``:
    a number per day of each month, and the refunds that reach an instalment plan."""
    return {"months": {str(month): list(days) for month, days in totals.months.items()},
            "plan_refunds": [[target, day.isoformat(), amount] for target, day, amount in totals.plan_refunds]}


def totals_from_doc(doc: Doc) -> ImportedTotals:
    """The stored totals, checked like every record: months that exist, a whole number of fen for each of their
    days (a day's net may be negative: more refunded than bought), refunds of a plan with a day and an amount."""
    months = doc["months"]
    _check(isinstance(months, dict), "imported_totals.months", months)
    found: dict[Month, tuple[int, ...]] = {}
    for key, days in months.items():
        month = _month(key, "imported_totals.months")
        _check(isinstance(days, list) and len(days) == days_in_month(month.year, month.month),
               "imported_totals.months", key)
        # Integer fen, not a float or a bool, checked on the types at C speed: ten years are 3,650 numbers,
        # read on every start; and each within what ``MAX_FEN`` allows a row, a thousand rows a day over.
        _check(set(map(type, days)) <= {int} and min(days) > -_DAY_LIMIT and max(days) < _DAY_LIMIT,
               "imported_totals.months", key)
        found[month] = tuple(days)
    refunds = doc.get("plan_refunds") or []
    _check(isinstance(refunds, list), "imported_totals.plan_refunds", refunds)
    plan_refunds = []
    for refund in refunds:
        _check(isinstance(refund, list) and len(refund) == 3, "imported_totals.plan_refunds", refund)
        target, day, amount = refund
        plan_refunds.append((_text(target, "imported_totals.plan_refunds"),
                             _day(day, "imported_totals.plan_refunds"), _fen(amount, "imported_totals.plan_refunds")))
    return ImportedTotals(found, tuple(plan_refunds))


#: No day's net can reach this (it would take a million rows of the largest amount on one day).
_DAY_LIMIT = MAX_FEN * 1_000_000


def _purchases(docs: list[Doc], refs: tuple[PartRef, ...], reader: Reader | None,
               path: Path | None) -> Sequence[Purchase]:
    """The purchases of a ledger: rows in parts stay undecoded (``StoredRows``); rows still inline (a file from
    before parts, until its first change) are decoded and checked now, every one, as every file was before."""
    if docs:
        checked = _records(purchase_from_doc, "order_no", "purchases.order_no")(docs)
        if not refs:
            return checked
    return StoredRows(docs, refs, reader, stored_purchase_decoder(path), path)


def stored_purchase_decoder(path: Path | None) -> Callable[[Doc], Purchase]:
    """``purchase_from_doc`` for ``StoredRows``: a row holding an impossible value is damage named like any other
    (``impossible_value`` and the field), found when the row is read rather than when the file is."""

    def decode(doc: Doc) -> Purchase:
        try:
            return purchase_from_doc(doc)
        except ImpossibleValue as exc:
            raise StoreCorrupt(path or Path("?"), "impossible_value", None, detail=exc.detail) from exc

    return decode


def plan_to_doc(plan: InstallmentPlan) -> Doc:
    return {
        "id": plan.id,
        "principal": plan.principal,
        "periods": plan.periods,
        "fee_percent": str(plan.fee_percent),
        "first_bill": str(plan.first_bill),
        "description": plan.description,
        "order_no": plan.order_no,
    }


def plan_from_doc(doc: Doc) -> InstallmentPlan:
    return InstallmentPlan(
        id=_text(doc["id"], "plans.id"),
        principal=_fen(doc["principal"], "plans.principal"),
        periods=_int(doc["periods"], "plans.periods", 1, MAX_PERIODS),
        fee_percent=_percent(doc["fee_percent"], "plans.fee_percent", Decimal(100)),
        first_bill=_month(doc["first_bill"], "plans.first_bill"),
        description=_text(doc.get("description", ""), "plans.description"),
        order_no=_optional_text(doc.get("order_no"), "plans.order_no"),
    )


def minimum_to_doc(month: Month, amount: int) -> Doc:
    return {"month": str(month), "amount": amount}


def bill_instalment_to_doc(split: BillInstalment) -> Doc:
    return {
        "id": split.id,
        "month": str(split.month),
        "periods": split.periods,
        "principal": split.principal,
        "fee_percent": str(split.fee_percent),
        "on": split.on.isoformat(),
    }


def bill_instalment_from_doc(doc: Doc) -> BillInstalment:
    return BillInstalment(
        id=_text(doc["id"], "bill_instalments.id"),
        month=_month(doc["month"], "bill_instalments.month"),
        periods=_int(doc["periods"], "bill_instalments.periods", 1, MAX_PERIODS),
        principal=_fen(doc["principal"], "bill_instalments.principal"),
        fee_percent=_percent(doc["fee_percent"], "bill_instalments.fee_percent", Decimal(100)),
        on=_day(doc["on"], "bill_instalments.on"),
    )


def checklist_to_doc(name: str, checklist: Checklist) -> Doc:
    return {
        "name": name,
        "ticks": {step: day.isoformat() for step, day in checklist.ticks.items()},
        "answer": checklist.answer,
        "answered_on": checklist.answered_on.isoformat() if checklist.answered_on else None,
    }


def checklist_from_doc(doc: Doc | None) -> Checklist:
    if not doc:
        return Checklist()
    ticks = doc.get("ticks") or {}
    _check(isinstance(ticks, dict), "checklists.ticks", ticks)
    answer = doc.get("answer")
    _check(answer is None or answer in ANSWERS, "checklists.answer", answer)
    # Step ids are not checked against today's steps: a step renamed by a later version is simply not shown.
    return Checklist(
        ticks={step: _day(day, "checklists.ticks") for step, day in ticks.items()},
        answer=answer,
        answered_on=_date(doc.get("answered_on"), "checklists.answered_on"),
    )


def contact_to_doc(entry: ContactEntry) -> Doc:
    return {"id": entry.id, "on": entry.on.isoformat(), "topic": entry.topic, "outcome": entry.outcome,
            "note": entry.note}


def contact_from_doc(doc: Doc) -> ContactEntry:
    topic = doc["topic"]
    _check(topic in CONTACT_TOPICS, "contacts.topic", topic)
    return ContactEntry(id=_text(doc["id"], "contacts.id"), on=_day(doc["on"], "contacts.on"), topic=topic,
                        outcome=_text(doc["outcome"], "contacts.outcome", limit=MAX_OUTCOME),
                        note=_text(doc.get("note", ""), "contacts.note", multiline=True, limit=MAX_NOTE))


def _docs(table: Mapping[str, Doc]) -> list[Doc]:
    return [table[key] for key in sorted(table, key=lambda k: int(k) if str(k).isdigit() else 0)]


def _checklists(docs: list[Doc]) -> tuple[Checklist, Checklist, Checklist]:
    names = [d.get("name") for d in docs]
    _unique(names, "checklists.name")
    lists = dict(zip(names, docs, strict=True))
    return tuple(checklist_from_doc(lists.get(name)) for name in ("auth", "recovery", "revoke"))  # type: ignore[return-value]


def _by_month(docs: list[Doc], table: str) -> dict[Month, int]:
    """An amount per bill month (typed bills, typed minimums): one document per month."""
    amounts = {}
    for doc in docs:
        month = _month(doc["month"], f"{table}.month")
        _check(month not in amounts, f"{table}.month (twice)", doc["month"])
        amounts[month] = _fen(doc["amount"], f"{table}.amount")
    return amounts


def _bill_instalments(docs: list[Doc]) -> tuple[BillInstalment, ...]:
    """Bills split into instalments: one split per bill (a second is refused on input), ids unique."""
    splits = _records(bill_instalment_from_doc, "id", "bill_instalments.id")(docs)
    _unique([split.month for split in splits], "bill_instalments.month")
    return splits


def _records(decode: Callable[[Doc], Any], key: str, what: str) -> Callable[[list[Doc]], tuple[Any, ...]]:
    """Decode every document of a table and refuse two records with the same ``key`` (their identity)."""

    def decode_all(docs: list[Doc]) -> tuple[Any, ...]:
        records = tuple(decode(d) for d in docs)
        _unique([getattr(r, key) for r in records], what)
        return records

    return decode_all


#: How each table becomes (part of) a ``Ledger``, in the order they are decoded.
_DECODERS: dict[str, Callable[[list[Doc]], Any]] = {
    "account": lambda docs: account_from_doc(_only(docs)),
    "bills": lambda docs: _by_month(docs, "bills"),
    "payments": _records(payment_from_doc, "id", "payments.id"),
    "plans": _records(plan_from_doc, "id", "plans.id"),
    "checklists": _checklists,
    "contacts": _records(contact_from_doc, "id", "contacts.id"),
    "minimums": lambda docs: _by_month(docs, "minimums"),
    "bill_instalments": _bill_instalments,
    TOTALS_TABLE: lambda docs: totals_from_doc(docs[0]) if docs else None,
}


def _only(docs: list[Doc]) -> Doc | None:
    _check(len(docs) <= 1, "account (twice)", len(docs))
    return docs[0] if docs else None


class DecodedTables:
    """The decoded value of each table, kept with the table it came from, for ``ledger_from_tables``.

    A change rewrites one or two tables, but the whole ledger is decoded before it (the domain checks run on
    the file as it is now) and after it (the app reloads): with years of imported purchases that was a quarter
    of a second per checklist tick, almost all of it turning the same purchases into the same values. A table
    that is the same object as last time (the store's shared copy) or equal to it (the same file decoded
    again, compared at C speed) reuses its decoded value. The values are immutable, so sharing them is safe.
    """

    def __init__(self) -> None:
        self._entries: dict[str, tuple[Mapping[str, Doc], Any, Any]] = {}

    def value(self, name: str, table: Mapping[str, Doc], *, remember: bool,
              decode: Callable[[list[Doc]], Any] | None = None, extra: Any = None) -> Any:
        """``table`` decoded (by ``_DECODERS[name]`` or ``decode``); ``extra`` is anything else the value was
        made from (the parts of the rows), compared by equality like the table."""
        entry = self._entries.get(name)
        if entry is not None and (entry[0] is table or entry[0] == table) and entry[2] == extra:
            if remember and entry[0] is not table:
                self._entries[name] = (table, entry[1], extra)  # next time, the identity check answers
            return entry[1]
        value = (decode or _DECODERS[name])(_docs(table))
        if remember:
            self._entries[name] = (table, value, extra)
        return value


def ledger_from_tables(
    tables: Tables, path: Path | None = None, cache: DecodedTables | None = None, *, remember: bool = True,
    refs: tuple[PartRef, ...] = (), reader: Reader | None = None,
) -> Ledger:
    """Decode a whole database; ``StoreCorrupt`` names the table whose documents do not make sense.

    With a ``cache``, tables decoded before are not decoded again. Pass ``remember=False`` for tables that
    may still change (a transaction's, which TinyDB edits in place): they are compared with what is
    remembered but never remembered themselves, since a remembered table must never change afterwards.

    Purchases are not decoded: the ledger gets them as ``StoredRows`` over the inline table and the parts
    ``refs`` (read through ``reader``, ``Store.iter_part``), and their per-day totals from the totals table. A
    file without that table (a hand-made one) gets its totals summed from the rows on first use.
    """
    cache = cache if cache is not None else DecodedTables()
    values: dict[str, Any] = {}
    current = ""
    purchase_refs = tuple(ref for ref in refs if ref.table == PURCHASES_TABLE)
    try:
        for current in _DECODERS:
            values[current] = cache.value(current, tables.get(current) or {}, remember=remember)
        current = PURCHASES_TABLE
        values[current] = cache.value(current, tables.get(current) or {}, remember=remember, extra=purchase_refs,
                                      decode=lambda docs: _purchases(docs, purchase_refs, reader, path))
    except ImpossibleValue as exc:
        raise StoreCorrupt(path or Path("?"), "impossible_value", None, detail=exc.detail) from exc
    except (KeyError, TypeError, ValueError, ArithmeticError, AttributeError, IndexError, RecursionError) as exc:
        # The reason is a translated key; the table and the exception stay in the traceback for debugging.
        raise StoreCorrupt(path or Path("?"), "wrong_format", None) from ValueError(f"table {current!r}: {exc}")
    auth, recovery, revoke = values["checklists"]
    return Ledger(
        account=values["account"],
        manual_bills=values["bills"],
        payments=values["payments"],
        purchases=values["purchases"],
        plans=values["plans"],
        auth_check=auth,
        recovery=recovery,
        revoke=revoke,
        contacts=values["contacts"],
        minimums=values["minimums"],
        bill_instalments=values["bill_instalments"],
        imported=values[TOTALS_TABLE],
    )


def lines_from_tables(tables: Tables, path: Path | None = None) -> Lines:
    """The credit lines of a file (``lines`` table; none: the one default line), checked like every record:
    ids from 1 with line 1 present, names that are text and unique, each payment method claimed once."""
    docs = _docs(tables.get("lines") or {})
    if not docs:
        return Lines()
    try:
        items = []
        for doc in docs:
            methods = doc.get("methods", [])
            _check(isinstance(methods, list) and all(m in KNOWN_METHODS for m in methods), "lines: methods", methods)
            items.append(CreditLine(_int(doc.get("id"), "lines: id", 1, 10_000),
                                    _text(doc.get("name"), "lines: name", limit=40), tuple(methods)))
        items.sort(key=lambda line: line.id)
        _unique([line.id for line in items], "lines: id")
        _unique([line.name for line in items], "lines: name")
        _unique([m for line in items for m in line.methods], "lines: methods")
        _check(items[0].id == 1 and all(line.name.strip() for line in items), "lines", [i.id for i in items])
    except ImpossibleValue as exc:
        raise StoreCorrupt(path or Path("?"), "impossible_value", None, detail=exc.detail) from exc
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        raise StoreCorrupt(path or Path("?"), "wrong_format", None) from ValueError(f"table 'lines': {exc}")
    return Lines(tuple(items))
