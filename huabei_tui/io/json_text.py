"""JSON text as the app prints and exports it: indented by two spaces, non-ASCII as itself, and, on a terminal,
inert.

``indented`` writes exactly what ``json.dumps(value, ensure_ascii=False, indent=2)`` writes. The standard library
falls back to its pure-Python encoder whenever an ``indent`` is given (CPython ≤ 3.13), a generator per list and
object and a call per value; this writes each list or object in one loop with the C string encoder, the text of
each key kept. ``huabei status --json`` on a ten-year file (121 bills, given twice: the top level and
``lines[0]``; 177 kB of text) spent 3.2 ms in ``json.dumps`` warm and 6–11 ms in a fresh process; here 1–3 ms.
A list or object met a second time (the top level and ``lines[0]`` share the first line's bills) is written
once, its text indented anew. Anything that is not a plain JSON value (a float, a key that is not a string, a
cycle) goes to ``json.dumps`` whole, so the output is always what it would have been.
"""

from __future__ import annotations

import json
from json.encoder import encode_basestring  # the C function when the _json accelerator is there (always in CPython)

from huabei_tui.domain.textsafe import inert_json

#: Past this depth the text is left to ``json.dumps`` (our documents are at most five levels deep).
_MAX_DEPTH = 40
#: The text of a key and its separator (``"month": ``), for the keys met most: documents repeat a few dozen keys.
_KEYS: dict[str, str] = {}
_KEPT_KEYS = 1024


class _NotPlain(Exception):
    """A value this module does not write itself: ``json.dumps`` writes the whole document instead."""


def indented(value: object) -> str:
    """``json.dumps(value, ensure_ascii=False, indent=2)``, faster for the documents the app writes."""
    return _document(value)[0]


def for_terminal(value: object) -> str:
    """``indented``, with every character a terminal could act on written as a JSON escape (the same JSON to any
    reader): what the ``--json`` options print. Only strings can hold such a character (the rest of the text is
    ASCII punctuation, digits, keywords, spaces and line ends), so the text is searched for one only when a string
    was not printable."""
    text, printable = _document(value)
    return text if printable else inert_json(text)


def _document(value: object) -> tuple[str, bool]:
    writer = _Writer()
    try:
        return writer.write(value, "\n", 0), writer.printable
    except _NotPlain:
        return json.dumps(value, ensure_ascii=False, indent=2), False


class _Writer:
    def __init__(self) -> None:
        #: The text of every list and object written so far, by ``id``, with the line start it was written at
        #: (all alive: they are parts of the value being written).
        self.done: dict[int, tuple[str, str]] = {}
        #: Whether every string written so far was printable as it is.
        self.printable = True

    def scalar(self, value: object) -> str | None:
        """The text of a string, ``null``, ``true``, ``false`` or an int; None for anything else. Exact types only:
        a subclass may encode differently (``json.dumps`` decides for it)."""
        kind = type(value)
        if kind is str:
            if not value.isprintable():  # type: ignore[attr-defined]
                self.printable = False
            return encode_basestring(value)
        if value is None:
            return "null"
        if value is True:
            return "true"
        if value is False:
            return "false"
        if kind is int:
            return int.__repr__(value)  # type: ignore[arg-type]
        return None

    def write(self, value: object, newline: str, depth: int) -> str:
        """``value`` as JSON text whose line breaks are followed by ``newline``'s indentation."""
        text = self.scalar(value)
        if text is not None:
            return text
        if depth >= _MAX_DEPTH:
            raise _NotPlain  # deeper than our documents go, or a cycle: json.dumps writes it or says why not
        seen = self.done.get(id(value))
        if seen is not None:
            # JSON text has no line break inside a string, and every one in this text is followed by at least the
            # indentation it was written at: moving that prefix moves the whole text.
            was, text = seen
            return text if was == newline else text.replace(was, newline)
        kind = type(value)
        if kind is dict:
            text = self.object(value, newline, depth)  # type: ignore[arg-type]
        elif kind is list or kind is tuple:
            text = self.array(value, newline, depth)  # type: ignore[arg-type]
        else:
            raise _NotPlain
        self.done[id(value)] = newline, text
        return text

    def object(self, value: dict, newline: str, depth: int) -> str:
        if not value:
            return "{}"
        inner = newline + "  "
        parts = []
        for key, item in value.items():
            head = _KEYS.get(key)
            if head is None:
                if type(key) is not str:
                    raise _NotPlain  # json.dumps turns int, float, bool and None keys into strings its own way
                head = encode_basestring(key) + ": "
                if not key.isprintable():
                    self.printable = False
                elif len(_KEYS) < _KEPT_KEYS:
                    _KEYS[key] = head
            text = self.scalar(item)
            parts.append(head + (self.write(item, inner, depth + 1) if text is None else text))
        return "{" + inner + ("," + inner).join(parts) + newline + "}"

    def array(self, value: list | tuple, newline: str, depth: int) -> str:
        if not value:
            return "[]"
        inner = newline + "  "
        parts = []
        for item in value:
            text = self.scalar(item)
            parts.append(self.write(item, inner, depth + 1) if text is None else text)
        return "[" + inner + ("," + inner).join(parts) + newline + "]"
