"""Screen 3, Authorization checklist / 授权核查, as data: "is my Huabei on my credit report?"

A banner with the credit-reporting status the answer sets (and what to do next), then one list: the article's
five steps to find the authorization, the three answers, and the "revoke" steps with their caveats. Each row
that can be chosen has a key (``auth:open_alipay``, ``answer:found``, …) the screen acts on.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from huabei_tui.domain.guide import ANSWER_TEXT, AUTH_STEPS, REVOKE_STEPS, Step
from huabei_tui.domain.ledger import Checklist
from huabei_tui.i18n import tr
from huabei_tui.views.blocks import Line, Phrase, line
from huabei_tui.views.phrases import reporting_see, reporting_text, reporting_words

if TYPE_CHECKING:
    from huabei_tui.session import Snapshot


#: The key that picks each answer from anywhere on the screen, shown beside it.
ANSWER_KEYS = {"found": "f", "not_found": "n", "unsure": "u"}
DONE, NOT_DONE = "[x]", "[ ]"
CHOSEN, NOT_CHOSEN = "(*)", "( )"


@dataclass(frozen=True)
class StepRow:
    """One row of a checklist: a heading when ``key`` is None, else a row that can be chosen.

    ``mark`` is ``[x]``/``[ ]`` (or ``(*)``/``( )`` for an answer), ``number`` the step's "1.", ``note`` a line
    under the text (a caveat), ``aside`` what stands at the right: the date a step was done; ``key_hint`` the key
    that picks an answer from anywhere (the screen shows it at the right, the export leaves it out).
    """

    key: str | None
    text: Line
    mark: str = ""
    number: str = ""
    note: Line = ()
    aside: str = ""
    key_hint: str = ""


@dataclass(frozen=True)
class ChecklistPage:
    #: The credit-reporting status the answer sets ("reported", "not_reported", "unknown").
    reporting: str
    #: The status with the date it was recorded, then what it means (or, as a hint, which keys to press next).
    banner: tuple[Line, ...]
    rows: tuple[StepRow, ...]


def heading(text: str, *extra: Phrase) -> StepRow:
    return StepRow(None, (Phrase(text, "heading"), *extra))


def step_rows(name: str, steps: tuple[Step, ...], checklist: Checklist, lang: str,
              with_caveats: bool = False, since: date | None = None) -> list[StepRow]:
    """One row per step: ``[x]``/``[ ]``, the numbered text, its caveat below, the date it was ticked.

    A tick from before ``since`` (the recovery steps of an earlier overdue, while a new one is unpaid) shows as
    not done, with the date it was last done.
    """
    rows = []
    for number, step in enumerate(steps, start=1):
        day = checklist.ticks.get(step.id)
        note: Line = ()
        if with_caveats and step.caveat:
            note = (Phrase(tr("chk.caveat", lang, text=tr(step.caveat, lang)), "note"),)
        if checklist.is_done(step.id, since):
            mark, aside = DONE, day.isoformat() if day else ""
        else:
            mark, aside = NOT_DONE, tr("chk.last_done", lang, date=day.isoformat()) if day else ""
        rows.append(StepRow(f"{name}:{step.id}", line(tr(step.text, lang)), mark, f"{number}.", note, aside))
    return rows


def checklist_page(snapshot: Snapshot, lang: str, keys: object = None, *, on_screen: bool = False) -> ChecklistPage:
    """Everything the checklist screen shows for ``snapshot`` in ``lang``.

    ``on_screen``: for screen 3 itself, where "unchecked (see 3)" would send the user to where they are; there the
    status is followed by what to do on this screen (a hint). The export and ``huabei check`` keep the pointer to
    the screen."""
    ledger, summary = snapshot.ledger, snapshot.summary
    auth = ledger.auth_check
    status = summary.credit_reporting
    first = [Phrase(tr("chk.status", lang), "strong")]
    if on_screen and reporting_see(summary, lang, keys):
        first += [Phrase(reporting_words(summary, lang), "badge"), Phrase(tr("chk.status_here", lang, k=keys), "hint")]
    else:
        first.append(Phrase(reporting_text(summary, lang, keys), "badge"))
    if auth.answer and auth.answered_on:
        first.append(Phrase(tr("chk.answered_on", lang, date=auth.answered_on.isoformat())))
    done = sum(1 for step in AUTH_STEPS if step.id in auth.ticks)
    if not auth.answer:
        second = Phrase(tr("chk.next.answer" if done == len(AUTH_STEPS) else "chk.next.steps", lang, k=keys), "hint")
    else:
        second = Phrase(tr(f"chk.meaning.{status}", lang))

    rows = [heading(tr("chk.section.auth", lang),
                    Phrase("  " + tr("chk.progress", lang, done=done, total=len(AUTH_STEPS)), "strong"))]
    rows += step_rows("auth", AUTH_STEPS, auth, lang)
    rows.append(heading(tr("chk.section.answer", lang), Phrase(tr("chk.hint.answer", lang, k=keys), "heading hint")))
    for answer, key in ANSWER_KEYS.items():
        mark = CHOSEN if auth.answer == answer else NOT_CHOSEN
        rows.append(StepRow(f"answer:{answer}", line(tr(ANSWER_TEXT[answer], lang)), mark, key_hint=key))
    rows.append(heading(tr("chk.section.revoke", lang)))
    rows += step_rows("revoke", REVOKE_STEPS, ledger.revoke, lang, with_caveats=True)
    return ChecklistPage(status, (tuple(first), (second,)), tuple(rows))
