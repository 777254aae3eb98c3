"""Read an Alipay transaction export (支付宝交易明细 CSV) and pick out what Huabei needs.

Why it works the way it does:

* **Layouts are recognised from the content, never the file name.** People rename downloads, and
  Alipay has shipped at least three layouts: the current app export (2023+, a 24-line preamble, then
  ``交易时间,…``), the 2021–2022 app export (header ``收/支,…`` first, a footer after a dashed line)
  and the old web export (``支付宝交易记录明细查询``, no payment-method column). Columns are found by
  their stripped, NFKC-normalised names, so a reordered or re-saved file still reads.
* **All or nothing.** A damaged Huabei row (bad time, amount or order number, wrong number of cells)
  raises ``AlipayImportError`` naming the line, and nothing is imported: silently dropping one purchase
  would make the bill and the overdue fee wrong without anyone noticing. Rows irrelevant to Huabei are
  never parsed beyond the few cells needed to classify them, so garbage there cannot block an import.
* **Everything else is counted, not hidden.** Each row not imported is kept as a ``SkippedRow`` with a
  reason key (compactly, ``SkippedRows``), so the caller can preview "rows read, purchases, refunds, repayments,
  rows skipped and why" before saving; ``rows_read == len(rows) + len(skipped)`` always holds.
* **Messages are keys.** Errors and skip reasons carry a string key (``alipay.*``, ``skip.*``, in
  ``huabei_tui/strings/imports.py``) plus parameters, like ``InputError`` in the domain, so the CLI and the TUI
  can show either language.
* **Fast.** Years of exports reach a million rows, three in four of them not Huabei's. The decoded text is
  looked at a block (a few hundred lines) at a time: when every line of a block has the plain shape (no quote,
  the header's cell count, the trailing comma), the lines without 花呗 or 信用购 are counted as skipped at once
  and only the others are split; any other block is read line by line with ``csv`` and the full checks, which
  read every file the same (a test compares both ways). Amounts and times have fast paths for the exported
  ``12.34`` and ``2025-04-03 09:05:07`` (the shared ``parse_money`` still decides every other spelling, such as
  Excel's ``1,234.50``).
* **Streamed, with caps.** The file is read through a decoder in 64 KiB chunks, never whole; with a ``sink``
  each Huabei row is handed on as it is read and none is kept, so memory follows neither the file nor its rows
  (the importer spools them to disk, ``storage/spool.py``). A file past ``MAX_FILE_BYTES`` or a line past ``MAX_LINE_BYTES`` stops
  the import with one message: a real export is a few megabytes with lines of a few hundred bytes, and a
  wrong file (a disk image, a one-line gigabyte) must not take the machine's memory before saying so. The
  encoding is decided on the file's head (the preamble and header, where an export always has Chinese);
  undecodable bytes further on are reported with their line, as before.
* **Masked order numbers are kept, not keys.** Real exports sometimes print ``xxxx`` (or nothing) as the
  order number; such a row is read like any other (``order_no`` as printed) and ``is_masked_order_no``
  tells the importer to identify it by its content instead.

Pure Python on purpose: no Textual and no TinyDB, so it is testable and reusable from the CLI.
"""

from __future__ import annotations

import codecs
import csv
import heapq
import io
import re
import unicodedata
from array import array
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime
from itertools import chain, repeat
from typing import Any, BinaryIO, TextIO

from huabei_tui.domain.dates import MAX_YEAR, MIN_YEAR, Month
from huabei_tui.domain.errors import InputError
from huabei_tui.domain.lines import HUABEI, credit_method
from huabei_tui.domain.money import MAX_FEN, parse_money
from huabei_tui.i18n import tr

__all__ = [
    "MAX_FILE_BYTES",
    "MAX_LINE_BYTES",
    "AlipayImportError",
    "AlipayRow",
    "Opener",
    "ParsedExport",
    "SkippedRow",
    "SkippedRows",
    "format_message",
    "is_masked_order_no",
    "parse_alipay_export",
    "parse_alipay_source",
]

#: A file larger than this is refused before it is read: ten years of a heavy user's export is ~60 MB.
MAX_FILE_BYTES = 512 * 1024 * 1024
#: A line longer than this is refused: real rows are a few hundred bytes, the longest preamble line ~200.
MAX_LINE_BYTES = 64 * 1024
#: Bytes read at once; never more than ``MAX_LINE_BYTES``, so one chunk cannot hide an over-long line inside it.
_CHUNK_BYTES = 64 * 1024
#: The head read to decide the encoding: the header sits within the first 100 lines of every layout.
_HEAD_BYTES = 256 * 1024

#: Opens the export's bytes from the start; called more than once (the head, the rows; the size when not given).
Opener = Callable[[], BinaryIO]


def format_message(key: str, lang: str = "zh", **params: Any) -> str:
    """Render ``key`` (an ``alipay.*`` or ``skip.*`` string) in ``lang`` ("zh" or "en")."""
    return tr(key, "zh" if lang.startswith("zh") else "en", **params)


class AlipayImportError(ValueError):
    """The file is not an Alipay export, or it is damaged: says which line and why; nothing was imported."""

    def __init__(self, key: str, line: int | None = None, **params: Any) -> None:
        self.key = key
        self.line = line
        self.params: dict[str, Any] = dict(params)
        if line is not None:
            self.params.setdefault("line", line)
        super().__init__(self.message("en"))

    def message(self, lang: str = "zh") -> str:
        """The one-line message for the user, in Chinese (``zh``) or English (``en``)."""
        return format_message(self.key, lang, **self.params)


@dataclass(frozen=True, slots=True)
class AlipayRow:
    """One Huabei-relevant transaction, already checked: the caller can store it without re-validating."""

    line: int  # 1-based line number in the file, for messages that point the user at the row
    kind: str  # "purchase" | "refund" | "repayment"
    time: datetime  # naive, Shanghai wall-clock time as printed (the export has no zone)
    amount: int  # fen, > 0
    order_no: str  # 交易订单号, stripped (the export pads it and appends a tab to keep Excel off it)
    counterparty: str
    description: str
    method: str
    status: str
    installments: int | None = None  # N of 花呗分期(N期)
    repay_month: Month | None = None  # the bill a repayment pays, from "…花呗2025年04月账单"
    refund_of: str | None = None  # order number of the original purchase, from "<original>_<suffix>"
    credit: str = HUABEI  # the credit line the row names: 花呗 or 信用购 (``domain.lines.credit_method``)


class _RowBuilder:
    """An ``AlipayRow`` under construction: the same slots in the same order, but not frozen, so its ``__init__``
    sets them with plain attribute stores; it then becomes an ``AlipayRow`` (``__class__`` may change between
    two classes of the same slots). A frozen dataclass's ``__init__`` sets each field through
    ``object.__setattr__``, and even the slots' own setters cost a call each: building the row was a quarter of
    a Huabei row's parse (a quarter of a million rows per million-row export). The result is the same frozen,
    hashable row (a test compares them)."""

    __slots__ = AlipayRow.__slots__

    def __init__(self, line: int, kind: str, time: datetime, amount: int, order_no: str, counterparty: str,
                 description: str, method: str, status: str, installments: int | None, repay_month: Month | None,
                 refund_of: str | None, credit: str) -> None:
        self.line = line
        self.kind = kind
        self.time = time
        self.amount = amount
        self.order_no = order_no
        self.counterparty = counterparty
        self.description = description
        self.method = method
        self.status = status
        self.installments = installments
        self.repay_month = repay_month
        self.refund_of = refund_of
        self.credit = credit
        self.__class__ = AlipayRow  # type: ignore[assignment]


#: ``AlipayRow(...)`` for the parser's hot path (``_RowBuilder``).
_new_row: Callable[..., AlipayRow] = _RowBuilder  # type: ignore[assignment]


@dataclass(frozen=True, slots=True)
class SkippedRow:
    """A data row that was read but not imported; ``reason`` is a ``skip.*`` string key."""

    line: int
    reason: str


class SkippedRows(Sequence[SkippedRow]):
    """The rows read but not imported, in line order, kept as a line number and a reason code each.

    Most of an export is not Huabei's (three rows in four of a real one): a million-row export made 770,000
    ``SkippedRow`` objects, about 60 MB and most of a second, only to be counted. Here each costs a few bytes in
    two arrays, counting is done at C speed, and a ``SkippedRow`` is made only for whoever reads one. Rows skipped
    after the main pass (closed purchases with no refund, decided at the end) are kept apart and merged in line
    order when read.
    """

    def __init__(self) -> None:
        self._lines = array("I")
        self._codes = bytearray()
        self._reasons: list[str] = []
        self._code_of: dict[str, int] = {}
        self._late: list[SkippedRow] = []

    def add(self, line: int, reason: str) -> None:
        """Record a row of the main pass (lines in increasing order)."""
        code = self._code_of.get(reason)
        if code is None:
            code = self._code_of[reason] = len(self._reasons)
            self._reasons.append(reason)
        self._lines.append(line)
        self._codes.append(code)

    def appenders(self, reason: str) -> tuple[Callable[[int], None], Callable[[int], None], int]:
        """(append a line, append a code, the code of ``reason``): for the parser's hottest path, where a method
        call per row would cost more than the row's classification."""
        code = self._code_of.get(reason)
        if code is None:
            code = self._code_of[reason] = len(self._reasons)
            self._reasons.append(reason)
        return self._lines.append, self._codes.append, code

    def extenders(self) -> tuple[Callable[[Iterable[int]], None], Callable[[bytes], None]]:
        """(add lines, add their codes, one byte each): many rows of the main pass at once, for the parser's fast
        path (a run of rows skipped for the same reason; codes from ``appenders``)."""
        return self._lines.extend, self._codes.extend

    def add_late(self, line: int, reason: str) -> None:
        """Record a row decided after the main pass (its line may come before rows recorded already)."""
        self._late.append(SkippedRow(line, reason))

    def __len__(self) -> int:
        return len(self._lines) + len(self._late)

    def __iter__(self) -> Iterator[SkippedRow]:
        reasons = self._reasons
        main = (SkippedRow(line, reasons[code]) for line, code in zip(self._lines, self._codes, strict=True))
        if not self._late:
            return main
        return heapq.merge(main, sorted(self._late, key=_line_of), key=_line_of)

    def __getitem__(self, index: int) -> SkippedRow:  # type: ignore[override]
        if not self._late:
            if index < 0:
                index += len(self._lines)
            return SkippedRow(self._lines[index], self._reasons[self._codes[index]])
        return list(self)[index]

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Sequence):
            return NotImplemented
        return len(self) == len(other) and all(a == b for a, b in zip(self, other, strict=True))

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"SkippedRows({list(self)!r})"

    def plus(self, extra: Iterable[SkippedRow]) -> SkippedRows:
        """A copy with ``extra`` rows added (an import split over credit lines leaves some out on purpose)."""
        copy = SkippedRows()
        copy._lines = array("I", self._lines)
        copy._codes = bytearray(self._codes)
        copy._reasons = list(self._reasons)
        copy._code_of = dict(self._code_of)
        copy._late = [*self._late, *extra]
        return copy

    def counts(self) -> Counter[str]:
        """Skip reason → rows, counted without making a ``SkippedRow``."""
        found: Counter[str] = Counter()
        for code, reason in enumerate(self._reasons):
            found[reason] += self._codes.count(code)
        for row in self._late:
            found[row.reason] += 1
        return +found


def _line_of(row: SkippedRow) -> int:
    return row.line


@dataclass
class ParsedExport:
    """Everything read from one export, ready for a preview before anything is saved."""

    layout: str  # "app2023" | "app2021" | "web"
    encoding: str  # "utf-8-sig" | "utf-8" | "gb18030"
    rows: list[AlipayRow]
    skipped: SkippedRows
    rows_read: int  # data rows between header and footer (blank lines not counted)
    huabei_identifiable: bool  # False for the web export: it has no payment-method column
    notice: str | None = None  # an ``alipay.*`` key saying why huabei_identifiable is False

    def count(self, kind: str) -> int:
        """Number of imported rows of ``kind`` ("purchase", "refund", "repayment"), for the preview."""
        return sum(1 for row in self.rows if row.kind == kind)

    def skipped_by_reason(self) -> dict[str, int]:
        """Skip reason key → number of rows, most frequent first, for the import preview."""
        return dict(self.skipped.counts().most_common())


# ----------------------------------------------------------------------------------------------------
# Layout description
# ----------------------------------------------------------------------------------------------------

_TIME = "交易时间"
_COUNTERPARTY = "交易对方"
_DESCRIPTION = "商品说明"
_DIRECTION = "收/支"
_AMOUNT = "金额"
_METHOD = "收/付款方式"
_STATUS = "交易状态"
_ORDER_NO = "交易订单号"

#: Columns both app layouts must have; 对方账号, 商家订单号, 备注 and 交易分类 are optional.
_APP_REQUIRED = (_TIME, _COUNTERPARTY, _DESCRIPTION, _DIRECTION, _AMOUNT, _METHOD, _STATUS, _ORDER_NO)
_APP_MARKERS = frozenset({_TIME, _ORDER_NO, _METHOD, _DESCRIPTION, _AMOUNT, "商家订单号", "对方账号"})
#: The old web export, compared after NFKC (so 金额（元） and 金额(元) are the same name).
_WEB_REQUIRED = ("交易号", "交易创建时间", _COUNTERPARTY, "商品名称", "金额(元)", _DIRECTION, _STATUS)
_WEB_MARKERS = frozenset(
    {"交易号", "交易创建时间", "付款时间", "最近修改时间", "交易来源地", "商品名称", "金额(元)"}
)

#: The header sits after at most ~24 preamble lines; looking further only slows down rejecting a wrong file.
_HEADER_SEARCH_LINES = 100
_PROGRESS_EVERY = 1000

_EXPENSE = "支出"
_SUCCESS = "交易成功"
_CLOSED = "交易关闭"
_REFUND_SUCCESS = "退款成功"
_REPAY_SUCCESS = frozenset({"还款成功", _SUCCESS})

_TIME_RE = re.compile(
    r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?(?:\s+|T)(\d{1,2}):(\d{1,2})(?::(\d{1,2}))?",
    re.ASCII,
)
_INSTALLMENTS_RE = re.compile(r"分期\s*[(（]\s*(\d{1,3})\s*期\s*[)）]")
_BILL_MONTH_RE = re.compile(r"(\d{4})\s*年\s*(\d{1,2})\s*月", re.ASCII)
_EXCEL_NUMBER_RE = re.compile(r"\d+(?:\.\d+)?[eE]\+?\d+")


def _column_name(cell: str) -> str:
    """Header cells are padded, maybe full-width or BOM-prefixed; compare them in one normal form."""
    return unicodedata.normalize("NFKC", cell).strip().strip("\ufeff").strip()


# ----------------------------------------------------------------------------------------------------
# Decoding and header search
# ----------------------------------------------------------------------------------------------------


def _decode(data: bytes) -> tuple[str, str]:
    """BOM → utf-8-sig; else strict UTF-8 if it decodes (GBK Chinese never does); else GB18030 (⊃ GBK).

    Undecodable bytes are only an *encoding* error when the text around them is recognisably an export;
    otherwise the file is simply not an export (a PNG, a zip, a PDF), which is the more useful message.
    """
    attempts: list[tuple[str, bytes, str]]
    if data.startswith(codecs.BOM_UTF8):
        offset = len(codecs.BOM_UTF8)
        attempts = [("utf-8-sig", data[offset:], "utf-8")]
    else:
        offset = 0
        attempts = [("utf-8", data, "utf-8"), ("gb18030", data, "gb18030")]
    failures: list[UnicodeDecodeError] = []
    for name, payload, codec in attempts:
        try:
            return payload.decode(codec), name
        except UnicodeDecodeError as exc:
            failures.append(exc)
    for (_name, payload, codec), failure in zip(attempts, failures, strict=True):
        lossy = payload.decode(codec, errors="replace")
        if _find_header(io.StringIO(lossy, newline=""), strict=False) is not None:
            before = data[: failure.start + offset]
            raise AlipayImportError("alipay.bad_encoding", (before.count(b"\n") or before.count(b"\r")) + 1)
    raise AlipayImportError("alipay.not_an_export")


@dataclass(frozen=True, slots=True)
class _Header:
    line: int  # 1-based line of the header
    layout: str
    names: tuple[str, ...]
    width: int  # cells up to the last named one; the trailing comma's empty cell is not a column


def _find_header(stream: TextIO, *, strict: bool = True) -> _Header | None:
    """Consume lines until the column header; the stream is then positioned on the first data line.

    A line is a header candidate when it names several columns of one layout; only then are its
    required columns checked, so a header that lost a column gets "missing columns", not "not an export".
    With ``strict=False`` a candidate is returned as is: enough to tell that a file means to be an export.
    """
    for line_no, raw in enumerate(stream, start=1):
        if line_no > _HEADER_SEARCH_LINES:
            return None
        if raw.count("交易") < 2:  # cheap filter: every layout's header names 4–5 交易… columns
            continue
        try:
            cells = next(csv.reader([raw]), [])
        except csv.Error:
            continue
        names = tuple(_column_name(cell) for cell in cells)
        present = set(names)
        if len(present & _APP_MARKERS) >= 3 and "交易号" not in present:
            layout = "app2021" if names and names[0] == _DIRECTION else "app2023"
            required: tuple[str, ...] = _APP_REQUIRED
        elif len(present & _WEB_MARKERS) >= 3:
            layout, required = "web", _WEB_REQUIRED
        else:
            continue
        missing = [name for name in required if name not in present]
        if missing and strict:
            raise AlipayImportError("alipay.missing_columns", line_no, columns="、".join(missing))
        width = max(index for index, name in enumerate(names) if name) + 1
        return _Header(line_no, layout, names, width)
    return None


# ----------------------------------------------------------------------------------------------------
# Cell parsers (only ever called for Huabei-relevant rows)
# ----------------------------------------------------------------------------------------------------


def _parse_time(text: str, line: int) -> datetime:
    """``2025-04-03 09:05:07`` as exported, or Excel's ``2025/4/3 9:05`` (seconds become 0)."""
    value = text.strip()
    if len(value) == 19 and value[4] == "-" and value[10] == " ":
        try:
            moment = datetime.fromisoformat(value)
        except ValueError:
            moment = None
        if moment is not None and moment.tzinfo is None and MIN_YEAR <= moment.year <= MAX_YEAR:
            return moment
    match = _TIME_RE.fullmatch(value)
    if match:
        year, month, day, hour, minute, second = (int(part or 0) for part in match.groups())
        if MIN_YEAR <= year <= MAX_YEAR:
            try:
                return datetime(year, month, day, hour, minute, second)
            except ValueError:
                pass
    raise AlipayImportError("alipay.bad_time", line, value=value)


def _parse_amount(text: str, line: int) -> int:
    """Fen from ``12.34``; anything unusual (``1,234.50``, ``¥12``) goes through ``parse_money``."""
    value = text.strip()
    whole, dot, frac = value.partition(".")
    if (
        0 < len(whole) <= 12
        and whole.isascii()
        and whole.isdigit()
        and (not dot or (0 < len(frac) <= 2 and frac.isascii() and frac.isdigit()))
    ):
        fen = int(whole) * 100 + (int(frac) * (10 if len(frac) == 1 else 1) if frac else 0)
        if 0 < fen < MAX_FEN:
            return fen
    try:
        return parse_money(value, field="amount", allow_zero=True)
    except InputError as exc:
        raise AlipayImportError("alipay.bad_amount", line, value=value, reason=exc.key) from None


def _parse_order_no(text: str, line: int) -> str:
    """The export appends a tab so Excel keeps the digits; if Excel won anyway the number is lost for good.

    An empty (or masked) number is not an error: Alipay leaves some out, and the importer identifies such a
    row by its content (``is_masked_order_no``).
    """
    value = text.strip()
    if ("E" in value or "e" in value) and _EXCEL_NUMBER_RE.fullmatch(value):
        raise AlipayImportError("alipay.order_no_mangled", line, value=value)
    return value


#: Characters Alipay (and people sharing exports) print in place of hidden digits: ``xxxx``, ``2025****01``.
_MASK_CHARACTERS = frozenset("xX*＊×•●")


def is_masked_order_no(order_no: str) -> bool:
    """True when ``order_no`` cannot identify a transaction: empty, or with digits hidden (``xxxx``, ``20**01``).

    Alipay's order numbers are digits (a refund's is ``<original>_<suffix>``), so any mask character means the
    number was hidden; two different purchases may then print the same text.
    """
    if order_no.isdigit():  # nearly every order number: decided without looking at each character
        return False
    return not order_no or not _MASK_CHARACTERS.isdisjoint(order_no)


def _skip_reason_for_status(status: str) -> str:
    if status == _CLOSED:
        return "skip.closed"
    if status.startswith("等待") or status.endswith("中"):  # 等待确认收货, 等待付款, 退款中, 处理中
        return "skip.pending"
    return "skip.not_successful"


# ----------------------------------------------------------------------------------------------------
# The parser
# ----------------------------------------------------------------------------------------------------


def parse_alipay_export(
    data: bytes, *, progress: Callable[[int, int], None] | None = None
) -> ParsedExport:
    """Parse an export's raw bytes already in memory (tests, the benchmark); see ``parse_alipay_source``."""
    return parse_alipay_source(lambda: io.BytesIO(data), progress=progress, size=len(data))


def parse_alipay_source(
    open_source: Opener, *, progress: Callable[[int, int], None] | None = None, size: int | None = None,
    sink: Callable[[AlipayRow], None] | None = None,
) -> ParsedExport:
    """Parse an export streamed from ``open_source()``; raise ``AlipayImportError`` when it is not one or is damaged.

    ``open_source`` is called again for each pass (the head that decides the encoding, the line count when
    ``progress`` is asked for, the rows), so a file or a zip member is read in chunks and never held whole.

    ``progress(done, total)`` is called every ~1000 data rows and once at the end with ``done == total``: bytes
    of the file read so far, of ``size`` (the file's size, which the caller knows from a ``stat`` or the zip's
    directory). Bytes, not rows: the total is known before anything is read, so the bar never runs backwards and
    no pass counts the lines first (a million-row export: 0.3–0.6 s). Without ``size`` the bytes are counted
    through once first.

    Purchases are Huabei (收/付款方式 contains 花呗) expenses with status 交易成功. One exception keeps
    the books balanced: Alipay shows a fully refunded purchase as 交易关闭 next to a 退款成功 row whose
    order number is ``<original>_<suffix>``; that purchase is imported too (status 交易关闭), because
    its refund is.

    With ``sink`` each row is handed to ``sink(row)`` as soon as it is read, and ``rows`` stays empty: the caller
    keeps what it needs of each, not every row (an import streams them to disk). Rows come in line order, except
    closed purchases brought in by a refund, which can only be decided at the end of the file and come last.
    """
    encoding = _sniff_encoding(open_source)
    if progress is not None and size is None:
        size = _count_bytes(open_source)
    total = size or 0
    with open_source() as raw:
        guard = _Guard(raw, open_source)
        stream = _Cursor(_blocks(guard, encoding))
        try:
            header = _find_header(stream)
            if header is None:  # the head had one, so only a file changed while being read gets here
                raise AlipayImportError("alipay.not_an_export")
            result = _read_rows(stream, header, encoding, guard, total, progress, sink)
        except UnicodeDecodeError:
            raise AlipayImportError("alipay.bad_encoding", _decode_error_line(open_source, encoding)) from None
    if progress is not None:
        total = max(total, guard.size)  # a file that grew while read: still ends at 100%
        progress(total, total)
    return result


#: Line breaks ``str.splitlines`` knows but a CSV line does not end at (``TextIOWrapper(newline="")`` ends lines
#: at ``\r``, ``\n`` and ``\r\n`` only); a block holding one is split by ``_LINE`` instead. Looked for one by one
#: with ``in`` (a character search in C, 15× faster than one regular expression over a CJK block).
_OTHER_BREAKS = "\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"
_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+")


def _blocks(raw: _Guard, encoding: str) -> Iterator[str]:
    """The decoded text of ``raw`` a block at a time, each block ending at a line end (but the last), decoded
    64 KiB at a time: per line, ``TextIOWrapper``'s machinery cost more than decoding (a million-row GBK export:
    2.4 s against 1.3 s), and this is the one pass that reads every row. A block is a few hundred lines, which
    the parser classifies mostly a block at a time (``_read_rows``); ``_split_lines`` makes its lines.

    A ``\r`` that ends a block waits for the next one (it may be half of a ``\r\n``). Undecodable bytes raise
    ``UnicodeDecodeError`` from the same codec, as the wrapper would; a BOM is dropped by ``utf-8-sig``.
    """
    decoder = codecs.getincrementaldecoder(encoding)(errors="strict")
    pending = ""
    while chunk := raw.read1():
        text = pending + decoder.decode(chunk)
        cut = text.rfind("\n")
        cr = text.rfind("\r", 0, len(text) - 1)  # a CR before the last character ends a line for sure
        cut = max(cut, cr)
        if cut < 0:
            pending = text
            continue
        if cut == len(text) - 1:
            pending = ""
            yield text
        else:
            pending = text[cut + 1:]
            yield text[:cut + 1]
    text = pending + decoder.decode(b"", final=True)
    if text:
        yield text


def _lines(raw: _Guard, encoding: str) -> Iterator[str]:
    """The decoded lines of ``raw``, each with its line end, exactly as ``TextIOWrapper(newline="")`` gives them
    (``_blocks``, split by ``_split_lines``)."""
    for text in _blocks(raw, encoding):
        yield from _split_lines(text)


class _Cursor:
    """The decoded text, read either a block at a time (``next_block``: the parser's fast path) or line by line
    (``read_lines``, then iteration: the header search, the rows that need the full checks, and ``csv`` reading on
    past a quoted line break, which may run into the next block). Both ways share one position, so no line is read
    twice or missed.
    """

    __slots__ = ("_blocks", "at", "lines")

    def __init__(self, blocks: Iterator[str]) -> None:
        self._blocks = blocks
        self.lines: list[str] = []  # the lines of the block being read line by line
        self.at = 0  # the next line of ``lines`` to read

    def __iter__(self) -> _Cursor:
        return self

    def __next__(self) -> str:
        while self.at >= len(self.lines):
            self.read_lines(next(self._blocks))
        line = self.lines[self.at]
        self.at += 1
        return line

    def read_lines(self, text: str) -> None:
        """Read ``text`` (a block from ``next_block``) line by line from now on."""
        self.lines = _split_lines(text)
        self.at = 0

    def next_block(self) -> str | None:
        """The text not read yet, whole: the rest of the block being read line by line, else the next block;
        None at the end of the file."""
        rest = self.lines[self.at:] if self.at < len(self.lines) else None
        self.lines = []
        self.at = 0
        if rest:
            return "".join(rest)
        return next(self._blocks, None)


def _split_lines(block: str) -> list[str]:
    if ("\r" not in block or block.count("\r") == block.count("\r\n")) and not any(
            other in block for other in _OTHER_BREAKS):
        return block.splitlines(keepends=True)  # only \n and \r\n in it: the same lines, in C
    return _LINE.findall(block)


class _Guard(io.BufferedIOBase):
    """The export's bytes as the decoder pulls them, refusing a file past ``MAX_FILE_BYTES`` or a line past
    ``MAX_LINE_BYTES`` before either is held in memory. The refusal names the line: with ``reopen`` (the source
    again, from its start) the line ends before it are counted only then, in a second read of what came before;
    without, they are counted as the chunks pass (a C-speed scan of every chunk, a few per cent of a big import).
    """

    def __init__(self, raw: BinaryIO, reopen: Opener | None = None) -> None:
        super().__init__()
        self._raw = raw
        self._reopen = reopen
        self.size = 0
        self.lf = 0  # line ends read so far (without ``reopen`` only)
        self.cr = 0
        #: Whether a NUL byte was read: in UTF-8 and GB18030 only a NUL byte decodes to NUL, so text decoded from
        #: what was read so far holds none while this is False (the parser's NUL search is slow in CJK text).
        self.nul = False
        self._run = 0  # bytes since the last line end

    def readable(self) -> bool:
        return True

    def read1(self, size: int | None = -1, /) -> bytes:
        return self._take(self._raw.read(_CHUNK_BYTES))

    def read(self, size: int | None = -1, /) -> bytes:
        if size is None or size < 0:
            return b"".join(iter(self.read1, b""))
        return self._take(self._raw.read(min(size, _CHUNK_BYTES)))

    def line(self) -> int:
        """The 1-based line the next byte belongs to (LF-counted, or CR-counted in an old Mac file)."""
        return (self.lf or self.cr) + 1

    def _too_long(self, end: int) -> AlipayImportError:
        """The refusal of the line that is open after the first ``end`` bytes."""
        if self._reopen is None:
            line = self.line()
        else:
            lf = cr = 0
            with self._reopen() as raw:
                while end > 0 and (chunk := raw.read(min(end, _CHUNK_BYTES))):
                    end -= len(chunk)
                    lf += chunk.count(b"\n")
                    cr += chunk.count(b"\r")
            line = (lf or cr) + 1
        return AlipayImportError("alipay.line_too_long", line, limit=MAX_LINE_BYTES // 1024)

    def _take(self, chunk: bytes) -> bytes:
        size = len(chunk)
        if not size:
            return chunk
        self.size += size
        if not self.nul and b"\x00" in chunk:
            self.nul = True
        if self.size > MAX_FILE_BYTES:
            raise AlipayImportError("alipay.too_big", limit=MAX_FILE_BYTES // 2**20)
        last = max(chunk.rfind(b"\n"), chunk.rfind(b"\r"))
        if last < 0:
            self._run += size
        else:
            ends = [index for index in (chunk.find(b"\n"), chunk.find(b"\r")) if index >= 0]
            if self._run + min(ends) > MAX_LINE_BYTES:
                raise self._too_long(self.size - size)
            if self._reopen is None:
                self.lf += chunk.count(b"\n")
                if not self.lf:  # CRs number the lines only in a file with no LF so far (``line``)
                    self.cr += chunk.count(b"\r")
            self._run = size - last - 1
        if self._run > MAX_LINE_BYTES:
            raise self._too_long(self.size)
        return chunk


def _sniff_encoding(open_source: Opener) -> str:
    """The encoding, decided on the head (preamble and header): ``_decode``'s rules on at most 256 KiB.

    The header always holds Chinese, so GBK and UTF-8 can be told apart there; a head without an export header
    is "not an export" (or "damaged text" when a lossy reading shows one), exactly as for the whole file.
    """
    with open_source() as raw:
        head = raw.read(_HEAD_BYTES)
        complete = len(head) < _HEAD_BYTES or not raw.read(1)
    if not complete:
        cut = max(head.rfind(b"\n"), head.rfind(b"\r"))
        if cut < 0:
            raise AlipayImportError("alipay.not_an_export")
        head = head[: cut + 1]
    text, encoding = _decode(head)
    if _find_header(io.StringIO(text, newline="")) is None:
        raise AlipayImportError("alipay.not_an_export")
    return encoding


def _count_bytes(open_source: Opener) -> int:
    """The source's size, read through once: for a caller that could not say it (progress needs a total)."""
    with open_source() as raw:
        guard = _Guard(raw, open_source)
        while guard.read1():
            pass
        return guard.size


def _decode_error_line(open_source: Opener, encoding: str) -> int:
    """The line of the first undecodable byte, for the message (the main pass only knows it failed).

    Lines are decoded one by one: in UTF-8 and GB18030 no byte of a multi-byte character is a line end, so a
    character never spans two lines and line-by-line decoding fails exactly where decoding the whole file would.
    Numbering follows ``_decode``: line ends are LFs, or CRs before the first LF.
    """
    codec = "utf-8" if encoding.startswith("utf-8") else encoding
    number = 0
    pending = b""
    with open_source() as raw:
        guard = _Guard(raw)
        chunks = iter(guard.read1, b"")
        done = False
        while not done:
            chunk = next(chunks, None)
            if chunk is None:
                done, lines = True, [pending]
            else:
                *lines, pending = (pending + chunk).split(b"\n")
            for line in lines:
                number += 1
                if number == 1 and encoding == "utf-8-sig":
                    line = line.removeprefix(codecs.BOM_UTF8)
                try:
                    line.decode(codec)
                except UnicodeDecodeError as exc:
                    return line[: exc.start].count(b"\r") + 1 if number == 1 else number
    return number


#: Line ends after a last empty cell; first characters that need the full checks (an empty first cell, a footer,
#: padding, an empty line).
_TRAILING_COMMA = (",\n", ",\r\n", ",\r", ",")
_ODD_FIRST = ",- \t\u3000\r\n"
#: The first characters ``_plain_lines`` sends line by line; "" is an empty line.
_ODD_START = frozenset({*_ODD_FIRST, ""})
#: Spellings of the payment-method cell remembered by one read (a real export has a handful).
_METHOD_SPELLINGS = 4096


def _plain_lines(text: str, width: int) -> list[str] | None:
    """The lines of ``text`` (a block) without their line ends, when every one of them is a line the line-by-line
    path would take without a second look: no quote (the caller checks quotes and NULs), ``width`` cells, or
    ``width + 1`` with the last one empty (the trailing comma), a first character that is not odd, every line
    ended by ``\n`` (or every one by ``\r\n``); else None.

    Each check is one pass at C speed over the block or its lines (the commas are counted line by line, since a
    line with a comma too many and one with a comma too few add up to the right total): together less than
    asking each line the line-by-line questions.
    """
    lines = text.split("\n")
    if lines.pop():  # the last line has no line end (the end of a file): line by line
        return None
    size = len(lines)
    crlf = "\r" in text
    if crlf and text.count("\r") != size:  # CRs other than one before each LF: line by line
        return None
    commas = list(map(str.count, lines, repeat(",", size)))
    shape = commas[0] if size else -1
    if commas.count(shape) != size:
        return None
    tails = {line[-2:] for line in lines}
    if crlf:
        if tails != {",\r"} if shape == width else not all(tail[-1:] == "\r" for tail in tails):
            return None
    elif shape == width and {tail[-1:] for tail in tails} != {","}:
        return None
    if not (shape == width or shape == width - 1) or not _ODD_START.isdisjoint({line[:1] for line in lines}):
        return None
    return lines


def _credit_lines(text: str) -> list[int]:
    """The indexes of the lines of ``text`` that hold 花呗 or 信用购, in order.

    Found by searching the whole block for one character (呗, 信), which runs at memory speed, and a look at its
    neighbours where it is found: asking each line for the two-character 花呗 took half a microsecond a line,
    most of the time of skipping a line that is not Huabei's.
    """
    found: list[int] = []
    at = text.find("呗")
    while at >= 0:
        if at and text[at - 1] == "花":
            found.append(at)
        at = text.find("呗", at + 1)
    huabei = len(found)
    at = text.find("信")
    while at >= 0:
        if text.startswith("信用购", at):
            found.append(at)
        at = text.find("信", at + 1)
    if not found:
        return found
    if 0 < huabei < len(found):
        found.sort()
    indexes: list[int] = []
    line = last = 0
    for at in found:
        line += text.count("\n", last, at)
        last = at
        if not indexes or indexes[-1] != line:
            indexes.append(line)
    return indexes


def _is_footer_or_blank(row: list[str]) -> str | None:
    """Slow path for the rare rows whose first cell is empty or starts oddly: "footer", "blank" or None."""
    if row[0].strip().startswith("---"):
        return "footer"  # summary text follows the dashed line in the 2021 and web layouts
    if not "".join(row).strip():
        return "blank"
    return None


def _read_rows(
    stream: _Cursor,
    header: _Header,
    encoding: str,
    guard: _Guard,
    total: int,
    progress: Callable[[int, int], None] | None,
    sink: Callable[[AlipayRow], None] | None = None,
) -> ParsedExport:
    """One pass over the data rows, classifying each with a few ``in`` checks before parsing anything.

    Cell counts are checked for every layout: a row may carry extra *empty* cells (the trailing comma, or
    Excel padding every row to the widest one) but never fewer cells, or extra non-empty ones. The old web
    export is read through the same way (so damage is still reported) but yields no rows: it has no
    payment-method column, and guessing Huabei from descriptions would put wrong amounts on real bills.
    """
    web = header.layout == "web"
    names = header.names
    if web:
        i_time = i_cp = i_desc = i_dir = i_amount = i_method = i_status = i_order = 0
    else:
        i_time = names.index(_TIME)
        i_cp = names.index(_COUNTERPARTY)
        i_desc = names.index(_DESCRIPTION)
        i_dir = names.index(_DIRECTION)
        i_amount = names.index(_AMOUNT)
        i_method = names.index(_METHOD)
        i_status = names.index(_STATUS)
        i_order = names.index(_ORDER_NO)

    rows: list[AlipayRow] = []
    skipped = SkippedRows()
    add_row = rows.append if sink is None else sink
    skip = skipped.add
    # Closed Huabei expenses wait here until we know whether a refund in the same file points at them.
    closed: list[tuple[int, list[str]]] = []
    refunded: set[str] = set()

    def build(
        line: int,
        row: list[str],
        kind: str,
        status: str,
        installments: int | None,
        repay_month: Month | None,
        refund_of: str | None,
        credit: str = HUABEI,
    ) -> bool:
        """Check and hand on one row; False when it was skipped (a zero amount)."""
        value = row[i_amount].strip()
        # Fast path for the exported "12.34"; every other spelling goes through the shared parse_money.
        digits = value[:-3] + value[-2:] if value[-3:-2] == "." else ""
        amount = int(digits) if digits.isdigit() and digits.isascii() and len(digits) <= 12 else -1
        if not 0 < amount < MAX_FEN:
            amount = _parse_amount(value, line)
        text = row[i_time].strip()
        time: datetime | None = None
        if len(text) == 19 and text[10] == " ":  # fast path for the exported "2025-04-03 09:05:07"
            try:
                time = fromisoformat(text)
            except ValueError:
                time = None
        if time is None or time.tzinfo is not None or not MIN_YEAR <= time.year <= MAX_YEAR:
            time = _parse_time(text, line)
        order_no = row[i_order].strip()
        if "E" in order_no or "e" in order_no:
            order_no = _parse_order_no(order_no, line)
        if amount == 0:
            skip(line, "skip.zero_amount")
            return False
        counterparty = row[i_cp].strip()
        method = row[i_method].strip()
        if hold:
            counterparty, method, status = same(counterparty, counterparty), same(method, method), same(status, status)
        add_row(_new_row(line, kind, time, amount, order_no, counterparty, row[i_desc].strip(), method, status,
                         installments, repay_month, refund_of, credit))
        return True

    # The payment-method cell as printed (padding and all) → (its credit line, its instalment count): a handful of
    # spellings in a whole export, so each is worked out once. Capped, so a file of a million spellings cannot
    # grow it without bound (past the cap each is worked out every time, as before).
    method_info: dict[str, tuple[str | None, int | None]] = {}

    def classify(line: int, row: list[str]) -> None:
        """Decide one data row of an app layout: hand it on (``build``), keep it for the end (a closed purchase),
        or skip it with its reason. Rows without 花呗 or 信用购 anywhere end as "not Huabei" here too."""
        description = row[i_desc]
        # Repayments first: they are paid *from* a bank card or 余额宝, so the method says nothing.
        if "还款" in description and (repaid := credit_method(description, row[i_cp])) is not None:
            status = row[i_status].strip()
            if status not in _REPAY_SUCCESS:
                skip(line, _skip_reason_for_status(status))
                return
            match = _BILL_MONTH_RE.search(description)
            if match is None:
                skip(line, "skip.repayment_no_month")
                return
            year, month = int(match.group(1)), int(match.group(2))
            if not (MIN_YEAR <= year <= MAX_YEAR and 1 <= month <= 12):
                raise AlipayImportError("alipay.bad_repay_month", line, value=description.strip())
            build(line, row, "repayment", status, None, Month(year, month), None, repaid)
            return

        method = row[i_method]
        info = method_info.get(method)
        if info is None:
            info = (credit_method(method), _installments(method))
            if len(method_info) < _METHOD_SPELLINGS:
                method_info[method] = info
        credit = info[0]
        if credit is None:
            skip(line, "skip.not_huabei")
            return

        status = row[i_status].strip()
        if status == _SUCCESS:
            if row[i_dir].strip() != _EXPENSE:
                skip(line, "skip.not_expense")
                return
            build(line, row, "purchase", status, info[1], None, None, credit)
        elif status == _REFUND_SUCCESS:
            original, underscore, suffix = row[i_order].strip().partition("_")
            usable = underscore and suffix and not is_masked_order_no(original)
            refund_of = original if usable else None
            if build(line, row, "refund", status, None, None, refund_of, credit) and refund_of is not None:
                refunded.add(refund_of)
        elif status == _CLOSED and row[i_dir].strip() == _EXPENSE:
            closed.append((line, row))
        else:
            skip(line, _skip_reason_for_status(status))

    fromisoformat = datetime.fromisoformat
    # One string object per distinct merchant, method and status, not one per row, when the rows are held until the
    # import is saved (no ``sink``): these repeat (a million-row export: ~227,000 Huabei rows, a handful of methods
    # and statuses). A sink keeps what it needs of each row as it comes, so there is nothing to share.
    same: Callable[[str, str], str] = {}.setdefault
    hold = sink is None
    width = header.width
    physical = header.line  # lines consumed so far, header included
    rows_read = 0
    no_progress = 1 << 62
    tick = _PROGRESS_EVERY if progress is not None else no_progress
    # Lines are split by hand, at C speed, and most are never split at all: a line without a quote splits like
    # csv splits it (on every comma), and a line without 花呗 or 信用购 can be neither a purchase nor a repayment,
    # so counting its commas is all it needs (three rows in four of a real export). A line with a quote (or a NUL)
    # goes to ``csv``, which may read on for a quoted cell holding a line break; a line of any unusual shape takes
    # the full checks below.
    wide = width + 1  # the trailing comma of every app-layout line: one more cell, empty
    add_line, add_code, not_huabei = skipped.appenders("skip.not_huabei")
    add_lines, add_codes = skipped.extenders()
    not_huabei_code = bytes((not_huabei,))
    while (text := stream.next_block()) is not None:
        # The fast path, a block (a few hundred lines) at a time, taken only when every line of the block is one
        # the line-by-line path below would count as "not Huabei" on its commas alone, or split by hand
        # (``_plain_lines``). Then the lines without 花呗 or 信用购 are recorded as skipped all at once (their
        # numbers follow each other), and only the others are split and classified. Any other block goes line by
        # line. (A NUL is looked for in the text only when the file has a NUL byte: the search is slow in CJK text.)
        if (not web and '"' not in text and not (guard.nul and "\x00" in text)
                and (lines := _plain_lines(text, width)) is not None):
            size = len(lines)
            first = physical + 1
            physical += size
            start = 0
            for index in _credit_lines(text):
                if index > start:
                    add_lines(range(first + start, first + index))
                    add_codes(not_huabei_code * (index - start))
                classify(first + index, lines[index].rstrip("\r").split(","))
                start = index + 1
            if start < size:
                add_lines(range(first + start, first + size))
                add_codes(not_huabei_code * (size - start))
            rows_read += size
            if rows_read >= tick:
                tick = rows_read - rows_read % _PROGRESS_EVERY + _PROGRESS_EVERY
                progress(guard.size, max(total, guard.size))  # type: ignore[misc]
            continue
        stream.read_lines(text)
        footer = False
        while stream.at < len(stream.lines):  # line by line (``csv`` may move the cursor into the next block)
            text = stream.lines[stream.at]
            stream.at += 1
            physical += 1
            line = physical
            if '"' in text or "\x00" in text:
                reader = csv.reader(chain((text,), stream))
                try:
                    row = next(reader, [])
                except csv.Error as exc:
                    raise AlipayImportError("alipay.csv_error", line + max(reader.line_num - 1, 0),
                                            detail=str(exc)) from None
                physical += max(reader.line_num - 1, 0)
            else:
                if not web and "花呗" not in text and "信用购" not in text:
                    # The cell-count rule below, on commas: ``width`` cells, or one more that is empty (the
                    # trailing comma); and a first cell that is not empty and does not start like a footer.
                    # Anything else (Excel's padding, a blank line) takes the full checks.
                    cells = text.count(",") + 1
                    if ((cells == width or (cells == wide and text.endswith(_TRAILING_COMMA)))
                            and text[0] not in _ODD_FIRST):
                        rows_read += 1
                        if rows_read >= tick:
                            tick += _PROGRESS_EVERY
                            progress(guard.size, max(total, guard.size))  # type: ignore[misc]
                        add_line(line)
                        add_code(not_huabei)
                        continue
                body = text.rstrip("\r\n")
                if not body:
                    continue  # an empty line: no record at all (csv gives [])
                row = body.split(",")
            count = len(row)
            if count != width:
                if not count:
                    continue
                if count < width or "".join(row[width:]).strip():
                    verdict = _is_footer_or_blank(row)
                    if verdict == "footer":
                        footer = True
                        break
                    if verdict == "blank":
                        continue
                    raise AlipayImportError("alipay.cell_count", line, expected=width, found=count)
            if row[0][:1] in "- \t\u3000":  # also true for an empty first cell
                verdict = _is_footer_or_blank(row)
                if verdict == "footer":
                    footer = True
                    break
                if verdict == "blank":
                    continue
            rows_read += 1
            if rows_read >= tick:
                tick += _PROGRESS_EVERY
                progress(guard.size, max(total, guard.size))  # type: ignore[misc]
            if web:
                skip(line, "skip.web_layout")
                continue
            classify(line, row)
        if footer:
            break

    if closed:
        for line, row in closed:
            order_no = row[i_order].strip()
            if order_no in refunded and not is_masked_order_no(order_no):
                build(line, row, "purchase", _CLOSED, _installments(row[i_method]), None, None,
                      credit_method(row[i_method]) or HUABEI)
            else:
                skipped.add_late(line, "skip.closed")
        if sink is None:
            rows.sort(key=lambda item: item.line)

    return ParsedExport(
        layout=header.layout,
        encoding=encoding,
        rows=rows,
        skipped=skipped,
        rows_read=rows_read,
        huabei_identifiable=not web,
        notice="alipay.web_no_method" if web else None,
    )


def _installments(method: str) -> int | None:
    """N of 花呗分期(N期) / 花呗分期（N期）; None for a one-off purchase."""
    if "分期" not in method:
        return None
    found = _INSTALLMENTS_RE.search(method)
    return int(found.group(1)) if found else None
