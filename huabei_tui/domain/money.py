"""Money as integer fen (分).

Floats cannot hold ¥0.10 exactly and Huabei fees are summed over many days, so every amount in the program is an
``int`` of fen; only the fee rate and intermediate fee sums use ``Decimal``. Parsing accepts what people actually
type or paste (``¥1,234.50``, ``1234.5``, full-width ``１２３４．５``, ``12元``) and refuses everything else with
a reason (other Unicode digits such as ``²`` included: see ``numbers.py``).
"""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from huabei_tui.domain.errors import InputError
from huabei_tui.domain.numbers import number_text

Fen = int

#: Refuse anything at or above ¥100,000,000: no Huabei limit, bill or balance is that large, a typo is.
MAX_FEN: Fen = 100_000_000 * 100

_PLAIN = re.compile(r"^\d+(\.\d*)?$|^\.\d+$")
#: Thousands groups: the first group has no leading zero ("0,500" is a European 0.5, not ¥500), each other has 3.
_GROUPED = re.compile(r"^[1-9]\d{0,2}(,\d{3})+(\.\d*)?$")
#: The same groups parted by spaces (``1 234 567.50``, as SI and many locales write them); any other space inside
#: the digits ("1 2 3", "12 34") is a typo or two numbers, not one amount.
_SPACE_GROUPED = re.compile(r"^[1-9]\d{0,2}( \d{3})+(\.\d*)?$")
_PREFIXES = ("CNY", "RMB", "¥", "￥", "$")
_SUFFIXES = ("元", "CNY", "RMB")


def parse_money(text: str, *, field: str = "amount", allow_zero: bool = False, maximum: Fen = MAX_FEN) -> Fen:
    """Parse a yuan amount typed by a person into fen, or raise ``InputError`` naming ``field``."""
    if text is None:
        raise InputError(field, "money.empty")
    raw = number_text(text, field=field)  # ² ① 𝟐 ٣ refused, １２３ and ．，made ASCII, ideographic spaces plain
    raw = re.sub(r"\s+", " ", raw.replace("，", ",").replace("。", "."))
    if not raw:
        raise InputError(field, "money.empty")
    negative = False
    if raw[0] in "-−":
        negative = True
        raw = raw[1:].lstrip()
    elif raw[0] == "+":
        raw = raw[1:].lstrip()
    upper = raw.upper()
    for prefix in _PREFIXES:
        if upper.startswith(prefix):
            raw = raw[len(prefix):].lstrip()
            break
    upper = raw.upper()
    for suffix in _SUFFIXES:
        if upper.endswith(suffix):
            raw = raw[: -len(suffix)].rstrip()
            break
    if raw and raw[0] in "-−":
        negative = True
        raw = raw[1:].lstrip()
    if " " in raw and _SPACE_GROUPED.match(raw):
        raw = raw.replace(" ", "")
    if not (_PLAIN.match(raw) or _GROUPED.match(raw)):
        raise InputError(field, "money.malformed", value=str(text).strip())
    digits = raw.replace(",", "")
    if "." in digits and len(digits.split(".", 1)[1]) > 2:
        raise InputError(field, "money.too_precise", value=str(text).strip())
    if negative and Decimal(digits) != 0:
        raise InputError(field, "money.negative", value=str(text).strip())
    try:
        fen = int((Decimal(digits) * 100).to_integral_exact())
    except InvalidOperation:  # pragma: no cover - the regexes above only let decimals through
        raise InputError(field, "money.malformed", value=str(text).strip()) from None
    if fen == 0 and not allow_zero:
        raise InputError(field, "money.zero")
    if fen >= maximum:
        raise InputError(field, "money.too_large", maximum=format_yuan(maximum))
    return fen


def format_money(fen: Fen) -> str:
    """``123450`` → ``"1234.50"``: the JSON and CSV form (exactly two decimals, no grouping)."""
    sign = "-" if fen < 0 else ""
    fen = abs(fen)
    return f"{sign}{fen // 100}.{fen % 100:02d}"


def format_yuan(fen: Fen) -> str:
    """``123450`` → ``"¥1,234.50"``: the form people read on screens and in summaries."""
    sign = "-" if fen < 0 else ""
    fen = abs(fen)
    return f"{sign}¥{fen // 100:,}.{fen % 100:02d}"


def fen_from_decimal(amount: Decimal) -> Fen:
    """Round a ``Decimal`` number of fen once, half up: the only rounding the fee rules allow."""
    return int(amount.quantize(Decimal(1), rounding=ROUND_HALF_UP))


def parse_rate_percent(text: str, *, field: str = "fee_rate") -> Decimal:
    """Parse a daily rate in percent (``0.05`` or ``0.05%``) into a ``Decimal`` percent, refusing nonsense."""
    raw = number_text(text or "", field=field).rstrip("%").strip()
    if not raw:
        raise InputError(field, "rate.malformed", value=str(text))
    if raw.startswith("-"):
        raise InputError(field, "rate.negative", value=str(text).strip())
    if not _PLAIN.match(raw):
        raise InputError(field, "rate.malformed", value=str(text).strip())
    rate = Decimal(raw)
    if rate > 5:
        raise InputError(field, "rate.too_large", value=str(text).strip())
    if "." in raw and len(raw.split(".", 1)[1]) > 6:
        raise InputError(field, "rate.too_precise", value=str(text).strip())
    return rate


#: A minimum-payment rate above this is not a minimum any more; 100 means "the whole bill".
MAX_MIN_RATE = Decimal(100)


def parse_min_rate(text: str, *, field: str = "min_rate") -> Decimal:
    """Parse the minimum-payment percent (``10`` or ``10%``): more than 0, at most 100, at most 2 decimals.

    Only ASCII and full-width digits are numbers here (``²`` or ``⑩`` is refused, never read as 2 or 10: see
    ``numbers.py``): a misread rate silently changes which bills count as overdue.
    """
    raw = number_text(text, field=field).removesuffix("%").strip()
    if not raw or not raw.isascii() or not _PLAIN.match(raw):
        raise InputError(field, "min_rate.malformed", value=str(text).strip())
    if "." in raw and len(raw.split(".", 1)[1]) > 2:
        raise InputError(field, "min_rate.malformed", value=str(text).strip())
    rate = Decimal(raw)
    if not 0 < rate <= MAX_MIN_RATE:
        raise InputError(field, "min_rate.range", value=str(text).strip())
    return rate
