"""Every export format behind one function, so ``huabei export`` and the TUI's ``e``/``E`` keys write the same."""

from __future__ import annotations

import json

from huabei_tui.domain.errors import InputError
from huabei_tui.domain.ledger import Ledger
from huabei_tui.domain.summary import Summary
from huabei_tui.domain.textsafe import printable
from huabei_tui.io import json_view, text_report

FORMATS = ("text", "json", "csv", "ics")
SCREENS = ("all", "status", "calendar", "checklist", "recovery")


def text_summary(summary: Summary, ledger: Ledger, lang: str, screen: str = "all") -> str:
    """The text export of one screen (or ``"all"``), with no control characters (see ``export_document``)."""
    return printable(_text_summary(summary, ledger, lang, screen))


def _text_summary(summary: Summary, ledger: Ledger, lang: str, screen: str) -> str:
    if screen == "status":
        return text_report.status_screen_text(summary, ledger, lang)
    if screen == "calendar":
        return text_report.calendar_text(summary, lang)
    if screen == "checklist":
        return text_report.checklist_text(summary, ledger, lang)
    if screen == "recovery":
        return text_report.recovery_text(summary, ledger, lang)
    return text_report.full_text(summary, ledger, lang)


def export_document(summary: Summary, ledger: Ledger, lang: str, fmt: str = "text", screen: str = "all",
                    remind_days: int = 3) -> str:
    """The export as text; CSV starts with a BOM so Excel reads the Chinese headers as UTF-8.

    Whatever the format, the document holds no control characters but its line ends (and tabs): stored text is
    cleaned when it is saved and when it is read, and this is the last check before it reaches a file or a
    terminal (``huabei export`` prints to one by default).
    """
    return printable(_document(summary, ledger, lang, fmt, screen, remind_days))


def _document(summary: Summary, ledger: Ledger, lang: str, fmt: str, screen: str, remind_days: int) -> str:
    if fmt == "text":
        return text_summary(summary, ledger, lang, screen)
    if fmt == "json":
        return json.dumps(json_view.full_json(summary, ledger), ensure_ascii=False, indent=2) + "\n"
    if fmt == "csv":
        from huabei_tui.io.csv_export import export_csv

        return "\ufeff" + export_csv(summary, ledger, lang)
    if fmt == "ics":
        from huabei_tui.io.ics_export import export_ics

        return export_ics(summary, lang, remind_days)
    raise InputError("format", "format.unknown", value=fmt)
