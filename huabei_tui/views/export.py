"""Every export format behind one function, so ``huabei export`` and the TUI's ``e``/``E`` keys write the same.

The text is the screens' views printed (``text_report``, this layer); JSON, CSV and iCalendar come from ``io``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from huabei_tui.domain.errors import InputError
from huabei_tui.domain.textsafe import printable
from huabei_tui.i18n import labelled, tr
from huabei_tui.io import json_view
from huabei_tui.io.json_text import indented
from huabei_tui.views import text_report

if TYPE_CHECKING:
    from huabei_tui.session import Snapshot
    from huabei_tui.session.snapshot import AllLines

FORMATS = ("text", "json", "csv", "ics")
SCREENS = ("all", "status", "calendar", "checklist", "recovery")


def text_summary(snapshot: Snapshot, lang: str, screen: str = "all", profile: str | None = None,
                 keys: object = None) -> str:
    """One screen's section (what that screen shows), or every screen for ``all``, with no control characters
    (see ``export_document``); a profile is named under the title. ``keys``: how the text names keys ("see 3"),
    the keys in force (``ui.key_names``: the app's keymap, or ``keys.toml`` read for a command); None: the
    defaults."""
    return printable(with_profile(_text_summary(snapshot, lang, screen, keys), profile, lang))


def with_profile(text: str, profile: str | None, lang: str) -> str:
    """The profile's name right under the summary's title line, so a printed or mailed summary says whose account
    it is (a family's summaries look alike otherwise); unchanged without a profile."""
    if profile is None:
        return text
    title, newline, rest = text.partition("\n")
    return f"{title}\n{labelled(tr('label.profile', lang), profile, lang)}{newline}{rest}"


def _text_summary(snapshot: Snapshot, lang: str, screen: str, keys: object) -> str:
    if screen in text_report.SECTIONS:
        return text_report.screen_text(snapshot, lang, screen, keys)
    return text_report.full_text(snapshot, lang, keys)


def export_document(snapshot: Snapshot, lang: str, fmt: str = "text", screen: str = "all",
                    remind_days: int = 3, profile: str | None = None, keys: object = None) -> str:
    """The export as text (``keys``: see ``text_summary``); CSV starts with a BOM so Excel reads the Chinese headers as UTF-8.

    Whatever the format, the document holds no control characters but its line ends (and tabs): stored text is
    cleaned when it is saved and when it is read, and this is the last check before it reaches a file or a
    terminal (``huabei export`` prints to one by default).
    """
    return printable(_document(snapshot, lang, fmt, screen, remind_days, profile, keys))


def _document(snapshot: Snapshot, lang: str, fmt: str, screen: str, remind_days: int, profile: str | None,
              keys: object = None) -> str:
    """A profile is named in the text summary's header and at the top of the JSON."""
    summary, ledger = snapshot.summary, snapshot.ledger
    if fmt == "text":
        return text_summary(snapshot, lang, screen, profile, keys)
    if fmt == "json":
        data = json_view.full_json(summary, ledger)
        data["line"] = snapshot.line  # the credit line this is (one export per line: --line picks it)
        if profile is not None:
            data = {"profile": profile, **data}
        return indented(data) + "\n"
    if fmt == "csv":
        from huabei_tui.io.csv_export import export_csv

        return "\ufeff" + export_csv(summary, ledger, lang)
    if fmt == "ics":
        from huabei_tui.io.ics_export import export_ics

        return export_ics(summary, lang, remind_days, line_id=snapshot.line_id,
                          line=snapshot.line if snapshot.several_lines else None)
    raise InputError("format", "format.unknown", value=fmt)


def export_all_lines(every: AllLines, lang: str, fmt: str = "text", screen: str = "all", remind_days: int = 3,
                     profile: str | None = None, keys: object = None) -> str:
    """Every credit line in one document (``huabei export --all-lines``): the text has the lines block of
    ``huabei status`` (each line and the total) then each line under its heading; the JSON a ``lines`` list of
    one-line exports and ``lines_total``; the CSV a first column naming the line; the calendar every line's
    events. Cleaned of control characters like ``export_document``."""
    return printable(_all_lines(every, lang, fmt, screen, remind_days, profile, keys))


def _all_lines(every: AllLines, lang: str, fmt: str, screen: str, remind_days: int, profile: str | None,
               keys: object = None) -> str:
    snapshots = every.snapshots
    first = every.first
    if fmt == "text":
        from huabei_tui.views.lines import line_heading, lines_status_lines

        lines = [tr("label.summary_title", lang), tr("label.generated", lang, date=first.today.isoformat()),
                 *text_report.fitted([tr("label.export_all_lines", lang, names=" / ".join(s.line for s in snapshots)),
                                      "", *lines_status_lines(every, lang)], lang)]
        for snapshot in snapshots:
            lines += ["", line_heading(snapshot.line, lang)]
            body = text_report.body_lines(snapshot, lang, screen, keys)
            lines += body if body[:1] == [""] else ["", *body]
        return with_profile("\n".join(lines) + "\n", profile, lang)
    if fmt == "json":
        data: dict = {"profile": profile} if profile is not None else {}  # first, as in the one-line export
        data["today"] = first.today.isoformat()
        data["lines"] = [{"line": s.line, **json_view.full_json(s.summary, s.ledger)} for s in snapshots]
        data["lines_total"] = json_view.lines_total_json(every.total)
        return indented(data) + "\n"
    if fmt == "csv":
        from huabei_tui.io.csv_export import export_csv_lines

        return "\ufeff" + export_csv_lines([(s.line, s.summary, s.ledger) for s in snapshots], lang)
    if fmt == "ics":
        from huabei_tui.io.ics_export import export_ics_lines

        # With one line the titles do not name it, as the one-line calendar's do not: the same file.
        return export_ics_lines([(s.line_id, s.line if every.several else None, s.summary) for s in snapshots],
                                lang, remind_days)
    raise InputError("format", "format.unknown", value=fmt)
