"""Numbers typed by people: ASCII digits and full-width digits (１２３), nothing else that Unicode calls a digit.

Every parser of typed numbers (money, rates, dates, days of the month, day counts, step numbers, ports) reads its
text through ``number_text`` first, so the CLI and the forms refuse the same characters. Unicode has hundreds of
characters that are "numeric" and that NFKC normalisation or ``int()`` quietly turn into digits: superscripts
(``²`` → 2), circled digits (``①``), mathematical bold digits (``𝟐``), Arabic-Indic digits (``٣``), CJK numerals
(``三``). A fee rate of ``²`` read as 2 % a day is forty times the real one, and ``²000`` as a limit of ¥2,000 is a
typo nobody meant; so each is refused with a message naming the character, never reinterpreted.

Full-width digits and punctuation (``１２３４．５``) stay accepted: they are what a Chinese input method types.
"""

from __future__ import annotations

import unicodedata

from huabei_tui.domain.errors import InputError

#: ``０`` (U+FF10) minus ``0``: full-width digits map to ASCII by this offset.
_FULL_WIDTH_OFFSET = 0xFF10 - 0x30
#: A whole number longer than this is a pasted wall of digits, not a count (and ``int()`` refuses > 4300 digits).
MAX_WHOLE_DIGITS = 9


def _is_full_width_digit(char: str) -> bool:
    return "０" <= char <= "９"


def number_text(text: object, *, field: str) -> str:
    """``text`` NFKC-normalised and stripped, full-width digits made ASCII; raises ``InputError`` naming ``field``
    if it holds any other character that is, or normalises to, a digit or a number (², ①, 𝟐, ٣, 三, ½, ⒈…).

    Other characters are normalised as before (full-width ``．，％￥`` become ``.,%¥``, ideographic spaces
    spaces), so the caller's own checks see the plain form.
    """
    raw = "" if text is None else str(text)
    if raw.isascii():  # NFKC leaves ASCII as it is and its only numeric characters are 0-9: nothing to change
        return raw.strip()
    out: list[str] = []
    for char in raw:
        if "0" <= char <= "9":
            out.append(char)
        elif _is_full_width_digit(char):
            out.append(chr(ord(char) - _FULL_WIDTH_OFFSET))
        else:
            normal = unicodedata.normalize("NFKC", char)
            if char.isnumeric() or any(c.isnumeric() for c in normal):
                raise InputError(field, "number.not_digit", value=raw.strip(), char=char)
            out.append(normal)
    return "".join(out).strip()


def parse_whole_number(text: object, *, field: str, low: int, high: int, malformed: str = "number.whole",
                       out_of_range: str | None = None) -> int:
    """A whole number ``low``–``high`` typed by a person; raises ``InputError`` with ``malformed`` (not a whole
    number) or ``out_of_range`` (defaults to ``malformed``), both given ``value``, ``low`` and ``high``."""
    raw = number_text(text, field=field)
    params = {"value": raw, "low": low, "high": high}
    if not raw.isascii() or not raw.isdigit():
        raise InputError(field, malformed, **params)
    if len(raw.lstrip("0")) > MAX_WHOLE_DIGITS or not low <= int(raw) <= high:
        raise InputError(field, out_of_range or malformed, **params)
    return int(raw)

