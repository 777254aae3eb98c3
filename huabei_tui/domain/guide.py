"""The seed article's advice as data: the five-step authorization check, the answers, recovery and "revoke" steps.

Kept beside the rules rather than in the UI so the CLI, the exports and the TUI all say the same thing. Each step
holds an id (what the data file records when it is ticked) and the keys of its words, which live in
``huabei_tui/strings/guide.py`` (the domain stays free of the translation machinery: ``i18n.tr(step.text, lang)``).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Step:
    id: str
    text: str  # string key, e.g. "guide.auth.open_alipay"
    caveat: str | None = None  # string key of the caveat shown under it, if any


def _steps(area: str, *ids: str, caveats: bool = False) -> tuple[Step, ...]:
    return tuple(Step(id, f"guide.{area}.{id}", f"guide.{area}.{id}.caveat" if caveats else None) for id in ids)


AUTH_STEPS: tuple[Step, ...] = _steps("auth", "open_alipay", "open_huabei", "tap_mine", "open_contracts",
                                      "find_authorization")

#: The checklist answer and the credit-reporting status it sets everywhere.
ANSWERS: dict[str, str] = {"found": "reported", "not_found": "not_reported", "unsure": "unknown"}

#: The words of each answer (string keys).
ANSWER_TEXT: dict[str, str] = {answer: f"guide.answer.{answer}" for answer in ANSWERS}

AVOID_STEPS: tuple[Step, ...] = _steps("avoid", "check_balance", "auto_repay", "plan_spending", "contact_early")

RECOVERY_STEPS: tuple[Step, ...] = _steps("recovery", "contact_service", "repay_all", "know_five_years",
                                          "keep_clean")

REVOKE_STEPS: tuple[Step, ...] = _steps("revoke", "revoke_authorization", "close_huabei", "wait_expiry",
                                        caveats=True)

#: What a customer-service contact was about, and the words for it (string keys).
CONTACT_TOPICS: dict[str, str] = {topic: f"guide.topic.{topic}" for topic in ("deferral", "instalments", "other")}


def credit_reporting_for(answer: str | None) -> str:
    """The status the checklist answer implies: reported / not_reported / unknown."""
    return ANSWERS.get(answer or "", "unknown")
