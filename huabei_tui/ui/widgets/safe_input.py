"""A text field that keeps control characters out, whatever way they arrive (typed, pasted, from the clipboard).

Textual's ``Input`` inserts a paste as it comes, and draws what it holds: a pasted OSC 52 sequence reached the
terminal from the field itself before any check ran, and then the data file. Every insertion in an ``Input`` goes
through ``replace``, so cleaning the text there (``domain.textsafe.sanitize``, one line) covers typing, pasting
and ``ctrl+v`` alike; ``validate_value`` covers a value set by the program. Used by every form and dialog.
"""

from __future__ import annotations

from textual.widgets import Input

from huabei_tui.domain.textsafe import sanitize


class SafeInput(Input):
    """An ``Input`` whose inserted text never carries escape sequences or control characters."""

    def replace(self, text: str, start: int, end: int) -> None:
        # Cleaned before Textual places the cursor after the inserted text, so the cursor lands where it should.
        super().replace(sanitize(text), start, end)

    def validate_value(self, value: str) -> str:
        """Textual's hook for every assignment to ``value`` (a prefilled value, a program setting it)."""
        return sanitize(value)
