"""Every export format behind one function, so ``huabei export`` and the TUI's ``e``/``E`` keys write the same.

The text is the screens' views printed (``text_report``, this layer); JSON, CSV and iCalendar come from ``io``.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

from huabei_tui.domain.errors import InputError
from huabei_tui.domain.textsafe import printable
from huabei_tui.io import json_view
from huabei_tui.views import text_report

if TYPE_CHECKING:
    from huabei_tui.session import Snapshot

FORMATS = ("text", "json", "csv", "ics")
SCREENS = ("all", "status", "calendar", "checklist", "recovery")


def text_summary(snapshot: Snapshot, lang: str, screen: str = "all") -> str:
    """One screen's section (what that screen shows), or every screen for ``all``, with no control characters
    (see ``export_document``)."""
    return printable(_text_summary(snapshot, lang, screen))


def _text_summary(snapshot: Snapshot, lang: str, screen: str) -> str:
    if screen in text_report.SECTIONS:
        return text_report.screen_text(snapshot, lang, screen)
    return text_report.full_text(snapshot, lang)


def export_document(snapshot: Snapshot, lang: str, fmt: str = "text", screen: str = "all",
                    remind_days: int = 3) -> str:
    """The export as text; CSV starts with a BOM so Excel reads the Chinese headers as UTF-8.

    Whatever the format, the document holds no control characters but its line ends (and tabs): stored text is
    cleaned when it is saved and when it is read, and this is the last check before it reaches a file or a
    terminal (``huabei export`` prints to one by default).
    """
    return printable(_document(snapshot, lang, fmt, screen, remind_days))


def _document(snapshot: Snapshot, lang: str, fmt: str, screen: str, remind_days: int) -> str:
    summary, ledger = snapshot.summary, snapshot.ledger
    if fmt == "text":
        return text_summary(snapshot, lang, screen)
    if fmt == "json":
        return json.dumps(json_view.full_json(summary, ledger), ensure_ascii=False, indent=2) + "\n"
    if fmt == "csv":
        from huabei_tui.io.csv_export import export_csv

        return "\ufeff" + export_csv(summary, ledger, lang)
    if fmt == "ics":
        from huabei_tui.io.ics_export import export_ics

        return export_ics(summary, lang, remind_days)
    raise InputError("format", "format.unknown", value=fmt)
