"""Text from people and files made inert for a terminal: no control characters in, none out.

A terminal obeys control characters: ESC starts sequences that move the cursor, retitle the window, or (OSC 52)
set the user's clipboard; C1 characters (U+0080–U+009F, e.g. ``\\x9b``, the one-byte CSI) do the same on many
terminals; BEL rings. An Alipay export, a note typed or pasted, a file name, a bad cell echoed in an error: any of
them may carry such bytes, and printing them hands the terminal to whoever wrote the file.

``sanitize`` is applied twice: when text enters the store (so the file never holds them) and when any stored or
echoed text is printed (the CLI's output and error lines, exports, the TUI), because a file edited by hand or
written by an older version may still hold them. A whole escape sequence is removed, not only its ESC, so no
half-sequence such as ``]52;c;…`` is left behind; any other control character is dropped. A tab becomes a space;
a newline is kept only where the text may have several lines (a note), else it becomes a space too.

Pure and dependency-free (the rules, the storage and the CLI all call it; the CLI's reading commands must stay
cheap to import).
"""

from __future__ import annotations

import re
from functools import cached_property

# ESC-introduced sequences (ECMA-48): CSI ``ESC [ params intermediates final``, string sequences (OSC, DCS, SOS,
# PM, APC) ending at BEL or ST (``ESC \\``) or at the end of the text, and two-character escapes ``ESC x``.
# Their C1 one-byte forms (``\x9b`` CSI, ``\x9d`` OSC, ``\x90`` DCS, ``\x98`` SOS, ``\x9e`` PM, ``\x9f`` APC,
# ``\x9c`` ST) are handled the same way.
_SEQUENCE = (
    r"(?:\x1b\[|\x9b)[0-?]*[ -/]*[@-~]?"  # CSI (the final byte may be missing in a cut-off sequence)
    r"|(?:\x1b[\]PX^_]|[\x90\x98\x9d\x9e\x9f])[^\x07\x1b\x9c\n]*(?:\x07|\x1b\\|\x9c)?"  # OSC, DCS, SOS, PM, APC
    r"|\x1b[ -/]*[0-~]?"  # other escapes (ESC ( B, ESC 7, ESC c …), or a lone ESC
)
# What is left after the sequences: every other C0 control, DEL and C1 control; tabs and line ends are handled
# before this runs. U+2028/U+2029 (line and paragraph separators) break lines in some terminals: treated as newlines.
# Bidirectional formatting characters (the embeddings, overrides and isolates U+202A–U+202E, U+2066–U+2069, and the
# marks U+200E, U+200F, U+061C) are dropped too: they print nothing themselves but reorder what follows them in a
# bidi-aware terminal, editor or mail reader, so a note "\u202e00.0001¥" would read "¥1000.00" ("Trojan Source").
# Chinese and English text never needs them. (Not printable either, so the ``isprintable`` shortcut still holds.)
_BIDI = r"\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069"
_CONTROL = rf"[\x00-\x08\x0b-\x1f\x7f-\x9f{_BIDI}]"
_ANY_UNSAFE = rf"[\x00-\x1f\x7f-\x9f\u2028\u2029{_BIDI}]"
_UNSAFE_OUTPUT = rf"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029{_BIDI}]|\r(?!\n)"
_CONTROL_BUT_TAB = rf"[\x00-\x08\x0a-\x1f\x7f-\x9f{_BIDI}]"


class _Patterns:
    """The patterns above, each compiled the first time it is needed: compiling them all costs 2–4 ms, which the
    app's first frame (its tab bar cleans the user's names) and every cheap command would pay for text that, as
    nearly all text does, holds no control character at all (``str.isprintable`` answers that first)."""

    @cached_property
    def sequence(self) -> re.Pattern[str]:
        return re.compile(_SEQUENCE)

    @cached_property
    def control(self) -> re.Pattern[str]:
        return re.compile(_CONTROL)

    @cached_property
    def any_unsafe(self) -> re.Pattern[str]:
        return re.compile(_ANY_UNSAFE)

    @cached_property
    def unsafe_output(self) -> re.Pattern[str]:
        return re.compile(_UNSAFE_OUTPUT)

    @cached_property
    def control_but_tab(self) -> re.Pattern[str]:
        return re.compile(_CONTROL_BUT_TAB)


_patterns = _Patterns()


def sanitize(text: str, *, multiline: bool = False) -> str:
    """``text`` without escape sequences or control characters; tabs become spaces; line ends become ``\\n``
    when ``multiline``, else spaces. Text without any of them is returned as is (the common case, and cheap)."""
    if text.isprintable() or not _patterns.any_unsafe.search(text):  # every character matched is unprintable
        return text
    text = _patterns.sequence.sub("", text)
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n").replace("\u2029", "\n")
    text = text.replace("\t", " ")
    if not multiline:
        text = text.replace("\n", " ")
    return _patterns.control.sub("", text)


def one_line(text: str) -> str:
    """``text`` for a label that must stay one line of plain characters (the tab bar's names): ``sanitize``d,
    then what ``sanitize`` keeps because it cannot drive a terminal yet still changes a line on screen is dropped
    too: zero-width characters (ZWSP, ZWJ, BOM, soft hyphen: measured as no cells, drawn by some terminals as one),
    with any other character that is not printable (private use, unassigned; ``sanitize`` already drops the
    bidirectional controls, an RLO drawing the rest of the line backwards: the tab keys, the date, the warning);
    a space of another kind
    (no-break, ideographic) becomes a plain one. An emoji sequence joined with ZWJ falls apart into its emoji,
    which are then measured as drawn."""
    text = sanitize(text)
    if text.isprintable():
        return text
    return "".join(char if char.isprintable() else " " if char.isspace() else "" for char in text)



def escaped(text: str) -> str:
    """``text`` with every character that cannot be shown as itself (controls, escape sequences' ESC, bidi
    controls, zero-width characters, line breaks) written as a Python-style escape (``\\x1b``, ``\\u202e``),
    the rest as is. For a file's name in a message: cleaned, ``out<ESC>[2J.txt`` read ``out[2J.txt``, a name the
    user could not find or type; escaped, it is inert and still says which file it is."""
    if text.isprintable():
        return text
    return "".join(char if char.isprintable() else _escape(char) for char in text)


def _escape(char: str) -> str:
    code = ord(char)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}"


def inert_json(text: str) -> str:
    """JSON text (as ``json.dumps(..., ensure_ascii=False)`` writes it) with every character that cannot be shown as
    itself inside its strings written as a JSON escape (``\\u001b``, ``\\u202e``, a surrogate pair above U+FFFF;
    a lone surrogate, from a file name that is not UTF-8, as itself escaped): the same JSON to any reader, every
    value intact, and nothing a terminal would act on. ``json`` already escapes C0 controls; DEL, C1 controls,
    bidi controls, line separators and zero-width characters it leaves as they are. The line ends of an indented
    dump are outside strings and stay."""
    if text.isprintable() or text.replace("\n", "").isprintable():
        return text
    return "".join(char if char.isprintable() or char == "\n" else _json_escape(char) for char in text)


def _json_escape(char: str) -> str:
    code = ord(char)
    if code < 0x10000:
        return f"\\u{code:04x}"
    code -= 0x10000
    return f"\\u{0xD800 + (code >> 10):04x}\\u{0xDC00 + (code & 0x3FF):04x}"


def printable(text: str) -> str:
    """Output of several lines (a report, an export, an error line) made safe to print: escape sequences and
    control characters removed as by ``sanitize``, but line ends kept, a CR kept directly before a LF (CSV and
    iCalendar end their lines with CRLF) and tabs kept (a tab cannot drive a terminal)."""
    # Every character this removes is one ``isprintable`` refuses, so text whose only such characters are line
    # ends needs no regex (the 179 kB of a ten-year ``status --json``: 0.2 ms, the search 1–3 ms).
    if text.isprintable() or text.replace("\n", "").isprintable() or not _patterns.unsafe_output.search(text):
        return text
    cleaned = []
    lines = text.split("\n")
    for index, line in enumerate(lines):
        crlf = line.endswith("\r") and index < len(lines) - 1  # a CR at the very end has no LF after it
        body = _patterns.sequence.sub("", line[:-1] if crlf else line).replace("\u2028", " ").replace("\u2029", " ")
        cleaned.append(_patterns.control_but_tab.sub("", body) + ("\r" if crlf else ""))
    return "\n".join(cleaned)


def has_controls(text: str) -> bool:
    """Whether ``text`` holds anything ``sanitize`` would remove or change (tabs and newlines included)."""
    return not text.isprintable() and _patterns.any_unsafe.search(text) is not None

