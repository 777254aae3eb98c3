"""One translation mechanism: every string in ``huabei_tui/strings/``, found by ``tr`` whatever was imported first.

The checks: each area module holds only its own keys (so ``tr`` finds a key by its first segment alone) and no key
twice; every entry has both languages; every key the code names — a literal given to ``tr``, a key stored in a
binding, a form, an error, a palette entry — exists, and every family of keys built at run time
(``f"status.{state}"``) exists for each of its members; and in a fresh interpreter that imported nothing else,
``tr`` of any key returns its text.
"""

from __future__ import annotations

import ast
import importlib
import json
import re
import string
import subprocess
import sys
from pathlib import Path

import pytest

import huabei_tui
from huabei_tui import strings
from huabei_tui.i18n import has, load_all, tr
from huabei_tui.ui.registry import BY_ID

PACKAGE = Path(huabei_tui.__file__).parent
KEY = re.compile(r"[a-z][a-z_]*(\.[A-Za-z0-9_]+)+")


def area_tables() -> dict[str, dict[str, tuple[str, str]]]:
    return {area: importlib.import_module(f"huabei_tui.strings.{area}").STRINGS for area in strings.all_areas()}


def test_every_module_of_the_package_is_an_area() -> None:
    modules = {p.stem for p in (PACKAGE / "strings").glob("*.py") if p.stem != "__init__"}
    assert modules == set(strings.all_areas())


def test_each_key_lives_where_its_first_segment_says_and_only_there() -> None:
    seen: dict[str, str] = {}
    for area, table in area_tables().items():
        for key in table:
            assert key not in seen, f"{key} is in both {seen[key]} and {area}"
            seen[key] = area
            if area != "core":
                assert strings.area_of(key) == area, f"{key} is in {area}, but AREAS sends it to {strings.area_of(key)}"


def _placeholders(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


#: Keys whose languages name different parameters on purpose (the caller passes all of them).
DIFFERENT_PARAMETERS = {"cal.month_title"}  # "{year}年{month}月" / "{name} {year}"


@pytest.mark.parametrize("key", sorted(load_all()))
def test_every_entry_has_both_languages(key: str) -> None:
    pair = load_all()[key]
    assert isinstance(pair, tuple) and len(pair) == 2
    zh, en = pair
    assert isinstance(zh, str) and isinstance(en, str)
    assert zh.strip() and en.strip()
    if key not in DIFFERENT_PARAMETERS:
        assert _placeholders(zh) == _placeholders(en)


def _string_constants(path: Path) -> list[tuple[int, str, bool]]:
    """(line, text, is it the first argument of ``tr``) for every string constant in ``path``."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    first_args = {id(node.args[0]) for node in ast.walk(tree) if isinstance(node, ast.Call) and node.args
                  and (getattr(node.func, "id", None) or getattr(node.func, "attr", None)) == "tr"}
    docstrings = {id(node.body[0].value) for node in ast.walk(tree)
                  if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef)
                  and node.body and isinstance(node.body[0], ast.Expr)}
    parts = {id(value) for node in ast.walk(tree) if isinstance(node, ast.JoinedStr) for value in node.values}
    return [(node.lineno, node.value, id(node) in first_args) for node in ast.walk(tree)
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings | parts]


#: The first segments that start string keys: any constant in the code that looks like a key with one of these
#: must exist (it is a label in a binding, a form field, an error's key, a message given to ``apply_change``, …).
KEY_SEGMENTS = {key.partition(".")[0] for key in load_all()}
#: Constants that look like keys but are not: a stylesheet, actions, key binding ids (``ui/registry.py``).
NOT_KEYS = {"app.tcss", "app.focus_next", "app.focus_previous", "app.quit", "app.command_palette", "screen.minimize",
            "screen.maximize",
            "screen.copy_text", *BY_ID}


def _code_files() -> list[Path]:
    return [p for p in sorted(PACKAGE.rglob("*.py")) if "strings" not in p.relative_to(PACKAGE).parts]


def test_every_key_named_in_the_code_exists() -> None:
    checked = 0
    for path in _code_files():
        for line, text, given_to_tr in _string_constants(path):
            looks_like_key = KEY.fullmatch(text) and text.partition(".")[0] in KEY_SEGMENTS and text not in NOT_KEYS
            if given_to_tr or looks_like_key:
                assert has(text), f"{path.relative_to(PACKAGE)}:{line}: no string {text!r}"
                checked += 1
    assert checked > 300


def test_every_key_prefix_built_at_run_time_starts_some_key() -> None:
    """``tr(f"cal.legend.{name}")``: the constant part must start at least one key (the families are below)."""
    keys = load_all()
    for path in _code_files():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.JoinedStr) and node.values and isinstance(node.values[0], ast.Constant):
                prefix = node.values[0].value
                if isinstance(prefix, str) and KEY.fullmatch(prefix.rstrip(".")) and prefix.endswith(".") \
                        and prefix.partition(".")[0] in KEY_SEGMENTS:
                    assert any(key.startswith(prefix) for key in keys), f"{path.name}: nothing starts {prefix!r}"


def test_every_family_of_keys_built_at_run_time_is_complete() -> None:
    from huabei_tui.domain.cycle import ALIPAY_DAY_PAIRS
    from huabei_tui.domain.guide import ANSWERS, AUTH_STEPS, AVOID_STEPS, RECOVERY_STEPS, REVOKE_STEPS
    from huabei_tui.domain.planner import KINDS, REASONS
    from huabei_tui.io.csv_export import COLUMNS
    from huabei_tui.ui.screens.help import RULES

    families = {
        "status": ("paid", "paid_late", "unpaid", "overdue"),
        "reporting": ("reported", "not_reported", "unknown", "unsure"),
        "screen": ("status", "calendar", "checklist", "recovery", "help", "planner"),
        "chk.meaning": set(ANSWERS.values()),
        "label.source": ("manual", "import", "alipay"),
        "csv": COLUMNS,
        "cal.legend": ("today", "statement", "due_day", "paid", "paid_late", "unpaid", "overdue", "installment",
                       "minimum_paid", "carried", "instalment"),
        "form.pair": (*(f"{s}_{d}" for s, d in ALIPAY_DAY_PAIRS), "other"),
        "plan.kind": KINDS,
        "plan.reason": REASONS,
        "help.rule": RULES,
        "rec.legend": ("N", "overdue", "none", "closed"),
        "rec.col": ("bill", "due", "days", "owed", "fee", "per_day", "settled", "expires", "left"),
    }
    for prefix, members in families.items():
        for member in members:
            assert has(f"{prefix}.{member}"), f"{prefix}.{member}"
    for steps in (AUTH_STEPS, AVOID_STEPS, RECOVERY_STEPS, REVOKE_STEPS):
        for step in steps:
            assert has(step.text) and (step.caveat is None or has(step.caveat))


_FRESH = """
import json, sys
from huabei_tui.i18n import tr
keys = json.load(sys.stdin)
bad = [(key, lang) for key in keys for lang in ("zh", "en") if tr(key, lang).startswith("‹")]
print(json.dumps({"bad": bad, "textual": "textual" in sys.modules}))
"""


def test_tr_of_any_key_works_in_a_fresh_interpreter() -> None:
    """Nothing imported but ``i18n``: every area loads on its first key, in whatever order keys come."""
    keys = sorted(load_all(), key=lambda k: (k[::-1]))  # an order unlike any module's
    env = {"PYTHONPATH": str(PACKAGE.parent), "PATH": "/usr/bin:/bin"}
    done = subprocess.run([sys.executable, "-c", _FRESH], input=json.dumps(keys), capture_output=True, text=True,
                          timeout=60, check=True, env=env)
    result = json.loads(done.stdout)
    assert result == {"bad": [], "textual": False}


def test_tr_gives_the_text_of_an_area_loaded_on_demand() -> None:
    assert tr("guide.auth.open_alipay", "zh") == "打开支付宝 App"
    assert tr("store.reason.disk_full", "en") == "the disk is full"
    assert tr("arg.usage", "zh") == "用法："


#: A Chinese character (CJK ideographs; not the full-width punctuation, which takes no space around it anyway).
_HAN = "[\u3400-\u9fff]"
#: Functions whose result is a phrase in the user's language: a placeholder given one holds Chinese in zh.
_PHRASE_FUNCTIONS = {"tr", "due_phrase"}


def _phrase_placeholders() -> set[str]:
    """The placeholder names the code fills with a translated phrase (``when=due_phrase(...)``, ``status=tr(...)``)."""
    names: set[str] = set()
    for path in PACKAGE.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call):
                for keyword in node.keywords:
                    value = keyword.value
                    values = (value.body, value.orelse) if isinstance(value, ast.IfExp) else (value,)
                    if keyword.arg and any(isinstance(v, ast.Call) and isinstance(v.func, ast.Name)
                                           and v.func.id in _PHRASE_FUNCTIONS for v in values):
                        names.add(keyword.arg)
    return names


def test_no_zh_string_puts_a_space_between_chinese_and_a_chinese_phrase() -> None:
    # "账单 今天到期": in Chinese a space separates Chinese from Latin letters and digits, never from more Chinese.
    # A placeholder filled with a translated phrase holds Chinese in zh, so no space may stand between it and a
    # Chinese character.
    names = _phrase_placeholders()
    assert {"when", "status"} <= names
    stray = []
    for key, (zh, _en) in load_all().items():
        for name in names:
            field = r"\{" + name + r"(?:[:!][^}]*)?\}"
            if re.search(_HAN + " " + field, zh) or re.search(field + " " + _HAN, zh):
                stray.append(f"{key}: {zh}")
    assert stray == []


def test_reminders_read_without_a_stray_space_in_zh() -> None:
    today = tr("label.due_today", "zh")
    line = tr("remind.due", "zh", line="花呗", month="2026-12", when=today, date="2026-12-10", amount="¥1.00")
    assert line == "花呗 2026-12 账单，今天到期（2026-12-10）：待还 ¥1.00"
    assert tr("remind.due", "en", line="Huabei", month="2026-12", when="due today", date="2026-12-10",
              amount="¥1.00") == "Huabei bill 2026-12 due today (2026-12-10): ¥1.00 to pay"


def test_no_zh_sentence_puts_a_space_between_two_chinese_words() -> None:
    # A space between two Chinese characters is a slip ("打开 花呗"); lists of day names and the syntax of an
    # option (付款方式=信用账户 或 付款方式=skip, --line 名称) are spaced on purpose.
    spaced_on_purpose = {"cal.weekdays", "cal.weekdays_long", "line.route_malformed", "line.which", "profile.how"}
    stray = [f"{key}: {zh}" for key, (zh, _en) in load_all().items()
             if key not in spaced_on_purpose and re.search(_HAN + " " + _HAN, zh)]
    assert stray == []
