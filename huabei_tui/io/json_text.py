"""JSON text as the app prints and exports it: indented by two spaces, non-ASCII as itself, and, on a terminal,
inert.

``indented`` writes exactly what ``json.dumps(value, ensure_ascii=False, indent=2)`` writes, but builds the text
in one recursive pass over plain values with the C string encoder, instead of the standard library's pure-Python
encoder, which it falls back to whenever a ``indent`` is given (CPython ≤ 3.13). ``huabei status --json`` on a
ten-year file (121 bills, printed twice: the top level and ``lines``; 179 kB of text) spent 4 ms there warm and
10–12 ms in a fresh process, a third of what the ten-year file costs it over an empty one (issue 15, goal 3).
Anything that is not a plain JSON value (a float, a key that is not a string, a cycle) goes to ``json.dumps``
whole, so the output is always what it would have been.
"""

from __future__ import annotations

import json
from json.encoder import encode_basestring  # the C function when the _json accelerator is there (always in CPython)

from huabei_tui.domain.textsafe import inert_json

#: Past this depth the text is left to ``json.dumps`` (our documents are at most five levels deep).
_MAX_DEPTH = 40


class _NotPlain(Exception):
    """A value this module does not write itself: ``json.dumps`` writes the whole document instead."""


def indented(value: object) -> str:
    """``json.dumps(value, ensure_ascii=False, indent=2)``, faster for the documents the app writes."""
    try:
        return _write(value, "\n", 0)
    except _NotPlain:
        return json.dumps(value, ensure_ascii=False, indent=2)


def for_terminal(value: object) -> str:
    """``indented``, with every character a terminal could act on written as a JSON escape (the same JSON to any
    reader): what the ``--json`` options print."""
    return inert_json(indented(value))


def _write(value: object, newline: str, depth: int) -> str:
    # Exact types only: a subclass of str, int or dict may encode differently (json.dumps decides for it).
    kind = type(value)
    if kind is str:
        return encode_basestring(value)
    if value is None:
        return "null"
    if value is True:
        return "true"
    if value is False:
        return "false"
    if kind is int:
        return int.__repr__(value)
    if depth >= _MAX_DEPTH:
        raise _NotPlain
    inner = newline + "  "
    if kind is dict:
        if not value:
            return "{}"
        parts = []
        for key, item in value.items():  # type: ignore[attr-defined]
            if type(key) is not str:
                raise _NotPlain  # json.dumps turns int, float, bool and None keys into strings its own way
            parts.append(f"{encode_basestring(key)}: {_write(item, inner, depth + 1)}")
        return "{" + inner + ("," + inner).join(parts) + newline + "}"
    if kind is list or kind is tuple:
        if not value:
            return "[]"
        items = [_write(item, inner, depth + 1) for item in value]  # type: ignore[attr-defined]
        return "[" + inner + ("," + inner).join(items) + newline + "]"
    raise _NotPlain
