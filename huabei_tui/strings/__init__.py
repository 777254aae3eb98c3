"""Every user-visible string, one module per area, each a plain ``STRINGS: dict[str, tuple[str, str]]``.

No module here imports anything: they are data, read by ``huabei_tui.i18n``. ``core`` is loaded with ``i18n``;
every other area is loaded the first time one of its keys is asked for, found by the key's first segment
(``AREAS``). A new string goes into the module of its area; a new area needs a line in ``AREAS`` (a test checks
that every key is where its first segment says, and that no key is in two places).
"""

from __future__ import annotations

#: The first segment of a key → the module that holds it. Keys of ``core`` need no entry (it is always loaded);
#: a segment listed here may also start core keys (``status.paid`` is core, ``status.account`` the status screen's).
AREAS: dict[str, str] = {
    "arg": "cli",
    "doctor": "cli",
    "profile": "cli",
    "serve": "web",
    "web": "web",
    "conflict": "ui",
    "store": "storage",
    "alipay": "imports",
    "skip": "imports",
    "import": "imports",
    "odd": "imports",
    "zip": "imports",
    "guide": "guide",
    "csv": "exports",
    "ics": "exports",
    "output": "exports",
    "export": "exports",
    "app": "ui",
    "screen": "ui",
    "key": "ui",
    "cmd": "ui",
    "msg": "ui",
    "form": "ui",
    "keymap": "ui",
    "save": "ui",
    "setup": "setup",
    "status": "status",
    "cal": "calendar",
    "chk": "checklist",
    "rec": "recovery",
    "plan": "planner",
    "help": "help",
    "line": "lines",
    "lines": "lines",
}


def area_of(key: str) -> str | None:
    """The module of ``huabei_tui.strings`` that holds ``key`` (None: a core key, or no such area)."""
    return AREAS.get(key.partition(".")[0])


def all_areas() -> tuple[str, ...]:
    """Every module of the package, core first."""
    return ("core", *sorted(set(AREAS.values())))
