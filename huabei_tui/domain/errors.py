"""Errors raised for bad input.

An ``InputError`` names the field and carries a message key plus parameters instead of a finished sentence, so the
same error can be shown in Chinese or English by whoever presents it (CLI line, form field, import report).
"""

from __future__ import annotations

from typing import Any


class InputError(ValueError):
    """Something the user typed (or a file they gave us) is not acceptable; nothing was changed."""

    def __init__(self, field: str, key: str, **params: Any) -> None:
        self.field = field
        self.key = key
        self.params = params
        super().__init__(f"{field}: {key} {params}" if params else f"{field}: {key}")
