"""A path written as one shell word that is both inert on screen and right when pasted into bash or zsh.

The app suggests commands to copy (``huabei --db PATH line add 信用购``, ``huabei --db PATH restore``). A Linux
file name may hold any byte but ``/`` and NUL: ESC, a C1 control (``\\x9b``, the one-byte CSI), a bidi override.
``shlex.quote`` keeps such a byte as it is inside ``'…'``; every message is then cleaned for the terminal
(``textsafe.sanitize``), which drops it, so the command shown named another file and failed when pasted (and
shown uncleaned it would drive the terminal). ``shell_quote`` writes such a path in ANSI-C quoting instead,
``$'…\\e…'``, which bash and zsh read back to the very bytes of the name while the screen only shows printable
ASCII escapes. An ordinary path (every character printable) keeps ``shlex.quote``'s familiar ``'…'`` form, which
every POSIX shell reads.

Inside ``$'…'`` a character that is not printable is written as the ``\\xHH`` escapes of its bytes in the file
system's encoding (UTF-8 on Linux; an undecodable byte, held by Python as a lone surrogate, as that byte), never
as ``\\uHHHH``, which bash turns into bytes of the current locale. ``\\`` is written ``\\\\``; ``'`` and ``!``
are written ``\\x27`` and ``\\x21`` (not ``\\'``): an interactive shell looks for history expansions (``!``)
before it reads the quoting, each shell and version in its own way, and neither escape gives it a ``!`` or a
``'`` to misread.

Pure and cheap to import (the storage's error messages use it).
"""

from __future__ import annotations

import os
import shlex

#: The named escapes used inside ``$'…'`` (bash and zsh read them alike; any other byte is ``\\xHH``).
_NAMED = {0x1B: "\\e", 0x09: "\\t", 0x0A: "\\n", 0x0D: "\\r"}
#: Printable characters that are escaped all the same inside ``$'…'`` (see the module's docstring).
_SPECIAL = {"\\": "\\\\", "'": "\\x27", "!": "\\x21"}


def shell_quote(text: str) -> str:
    """``text`` (a path) as one word for bash or zsh: ``shlex.quote``'s form when every character is printable,
    else ANSI-C quoting (``$'…'``) with the unprintable characters escaped, so nothing in it drives a terminal and
    the word pasted gives back ``text``'s bytes exactly."""
    if text.isprintable():
        return shlex.quote(text)
    return "$'" + "".join(_ansi_c(char) for char in text) + "'"


def _ansi_c(char: str) -> str:
    if char in _SPECIAL:
        return _SPECIAL[char]
    if char.isprintable():
        return char
    return "".join(_NAMED.get(byte) or f"\\x{byte:02x}" for byte in _encoded(char))


def _encoded(char: str) -> bytes:
    """The bytes the file system holds for ``char`` (``os.fsencode``: UTF-8, a lone surrogate from an undecodable
    byte back to that byte); a surrogate that stands for no byte (not from a file name) as UTF-8 would carry it."""
    try:
        return os.fsencode(char)
    except UnicodeEncodeError:
        return char.encode("utf-8", "surrogatepass")
