"""Every user-visible string, in Chinese and English, through one function: ``tr(key, lang, **params)``.

The strings live in ``huabei_tui/strings/``, one Textual-free module per area, each a plain
``STRINGS: dict[str, tuple[str, str]]`` of ``key → (zh, en)`` templates (``str.format`` with named parameters).
The core area (what any command may print) is loaded with this module; any other area is loaded the first time
one of its keys is asked for, found from the key's first segment (``strings.AREAS``). So ``tr`` never depends on
what was imported before it, and a reading command such as ``huabei status --json`` never loads the screens'
strings.

A key that exists nowhere is a bug: tests check every key literal in the code, and in a test run (or with
``HUABEI_STRICT_STRINGS=1``) ``tr`` raises ``MissingString``; elsewhere it logs the bug and shows the key in
brackets, so the screen still says something and the bug is plain to see.
"""

from __future__ import annotations

import os
import re
import threading
from collections.abc import Mapping
from importlib import import_module
from typing import Any

from huabei_tui import strings
from huabei_tui.strings.core import STRINGS as _CORE

LANGS = ("zh", "en")
ENV_LANG = "HUABEI_LANG"
ENV_STRICT = "HUABEI_STRICT_STRINGS"

Catalog = Mapping[str, tuple[str, str]]

_CATALOG: dict[str, tuple[str, str]] = dict(_CORE)
_LOADED: set[str] = {"core"}
_LOCK = threading.Lock()


class MissingString(KeyError):
    """``tr`` was asked for a key no strings module holds (a typo, or a string never written)."""


def _load(area: str) -> None:
    """Merge the strings of ``area`` (a module of ``huabei_tui.strings``) into the catalog, once."""
    if area in _LOADED:
        return
    table: Catalog = import_module(f"{strings.__name__}.{area}").STRINGS
    with _LOCK:
        for key, pair in table.items():
            if _CATALOG.get(key, pair) != pair:
                raise KeyError(f"string {key!r} is defined twice with different text")
        _CATALOG.update(table)
        _LOADED.add(area)


def _lookup(key: str) -> tuple[str, str] | None:
    pair = _CATALOG.get(key)
    if pair is None:
        area = strings.area_of(key)
        if area is not None and area not in _LOADED:
            _load(area)
            pair = _CATALOG.get(key)
    return pair


def load_all() -> Catalog:
    """Every string of every area (for tests and tools); the app itself never needs them all at once."""
    for area in strings.all_areas():
        _load(area)
    return dict(_CATALOG)


def has(key: str) -> bool:
    return _lookup(key) is not None


def _strict() -> bool:
    return os.environ.get(ENV_STRICT, "") not in ("", "0")


#: English nouns counted in the strings ("{n} months"): after "1 " they lose their "s" ("1 month", "1 more bill").
#: (Patterns, compiled by ``re`` on first use and cached there: compiling both costs most of a millisecond, and
#: the app's first frame, in Chinese or with no count of one, needs neither.)
_ONE = (r"(?<![\d.,])\b1 ((?:more |clean |overdue |instalment )?)"
        r"(day|month|bill|episode|time|row|record|repayment|plan|purchase)s(/refund)?s?\b")
#: ... and the verb after such a count of one: “1 row is paid”, “1 already known was not added”.
_ONE_VERB = (r"(?<![\d.,])\b(1 (?:[a-z]+ )?(?:row|bill|record|repayment|plan|purchase|known|of them)) "
             r"(are|were)\b")


class DefaultKeys:
    """A key named in a string, ``{k:<binding id>|<default key>}`` ("{k:setup.skip|Ctrl+N} skip this step"),
    shown as its default key. The app passes ``k=KeyNames(keymap)`` (``huabei_tui.ui.keys``) instead, which shows
    the key in force after a ``keys.toml`` remap; a test checks each default against the registry. Text made
    without the app (commands, exports) shows the default keys."""

    def __format__(self, spec: str) -> str:
        return spec.partition("|")[2]


DEFAULT_KEYS = DefaultKeys()


#: The parameters that name a file or folder in every string (``{path}``, ``{file}``, ``{folder}``).
_PATH_PARAMS = frozenset({"path", "file", "folder"})


def _shown_path(value: object) -> object:
    """A file's name as a message shows it: a character that cannot be shown as itself (an escape, a bidi
    control, a line break) is written as an escape (``domain.textsafe.escaped``) rather than dropped later by the
    output's cleaning, so the name is inert and still the file's. Imported here only when a path is shown: the
    app's first frame imports this module."""
    text = os.fspath(value) if isinstance(value, os.PathLike) else value
    if not isinstance(text, str) or text.isprintable():
        return value
    from huabei_tui.domain.textsafe import escaped

    return escaped(text)


def tr(key: str, lang: str, /, **params: Any) -> str:
    """The string for ``key`` in ``lang``; a missing parameter shows as ``{name}`` instead of crashing.

    English strings are written with plural nouns ("{n} clean months in a row"); a count of one gets the singular
    ("1 clean month in a row"), so no string needs "(s)". Chinese has no plural.
    """
    pair = _lookup(key)
    if pair is None:
        if _strict():
            raise MissingString(key)
        import logging  # here only: every command imports this module, and logging costs milliseconds to import

        logging.getLogger(__name__).error("no string %r in huabei_tui/strings", key)
        return f"‹{key}›"
    template = pair[0] if lang == "zh" else pair[1]
    for name in _PATH_PARAMS.intersection(params):
        params[name] = _shown_path(params[name])
    if params.get("k") is None and "{k:" in template:
        params["k"] = DEFAULT_KEYS
    try:
        text = template.format(**params)
    except (KeyError, IndexError, ValueError):
        return template
    if lang == "zh" or "1 " not in text:
        return text
    text = re.sub(_ONE, r"1 \1\2\3", text)
    return re.sub(_ONE_VERB, lambda found: f"{found[1]} {'is' if found[2] == 'are' else 'was'}", text)


def os_reason(error: OSError, lang: str) -> str:
    """Why a file could not be read or written, in the user's language where it is a common reason."""
    import errno

    key = f"os.{errno.errorcode.get(error.errno or 0, '')}"
    if key in _CATALOG:  # core strings
        return tr(key, lang)
    return error.strerror or str(error)


def bracketed(text: str, lang: str) -> str:
    """``text`` in brackets after what precedes it: “（…）” in Chinese, “ (…)” with a space in English."""
    return f"（{text}）" if lang == "zh" else f" ({text})"


def labelled(label: str, value: str, lang: str) -> str:
    """``label: value`` with the colon of the language: full-width in Chinese (“今天：2025-09-01”)."""
    return f"{label}：{value}" if lang == "zh" else f"{label}: {value}"


def detect_lang(option: str | None = None, environ: Mapping[str, str] | None = None) -> str:
    """``--lang``, else ``HUABEI_LANG``, else the locale (``zh_*`` → Chinese), else English."""
    env = os.environ if environ is None else environ
    for value in (option, env.get(ENV_LANG)):
        if value:
            lang = value.strip().lower()[:2]
            if lang in LANGS:
                return lang
    for var in ("LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE"):
        value = env.get(var)
        if value:
            return "zh" if value.lower().startswith("zh") else "en"
    return "en"


def describe_error(error: Exception, lang: str, *, name_field: bool = True) -> str:
    """One line for an error that carries ``key``/``params`` (and ``field``); used by CLI and forms alike.

    ``name_field=False`` leaves out the field's name, for a message shown right under that field in a form.
    The message often echoes what was typed or read (a bad cell, a file name): control characters are removed
    so it cannot drive the terminal it is printed on (``domain.textsafe``).
    """
    from huabei_tui.domain.textsafe import sanitize

    return sanitize(_describe_error(error, lang, name_field=name_field))


def _describe_error(error: Exception, lang: str, *, name_field: bool) -> str:
    message = getattr(error, "message", None)
    if callable(message):  # storage and import errors phrase themselves (a reason inside a sentence)
        return str(message(lang))
    key = getattr(error, "key", None)
    params = dict(getattr(error, "params", {}) or {})
    params = {k: (str(v) if v is not None else tr("value.none", lang)) for k, v in params.items()}
    reason = tr(key, lang, **params) if key else str(error)
    field = getattr(error, "field", None)
    if field and name_field:
        name = tr(f"field.{field}", lang) if has(f"field.{field}") else field
        return tr("error.field", lang, field=name, reason=reason)
    return reason
