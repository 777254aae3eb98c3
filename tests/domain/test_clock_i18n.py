"""The clock (``--today`` / ``HUABEI_TODAY``) and the message catalog every error and label goes through."""

from __future__ import annotations

import ast
import string
from datetime import date
from pathlib import Path

import arrow
import pytest

import huabei_tui
from huabei_tui.clock import ENV_TODAY, Clock
from huabei_tui.domain.errors import InputError
from huabei_tui.i18n import ENV_LANG, MissingString, describe_error, detect_lang, has, load_all, tr
from huabei_tui.strings.core import STRINGS as CORE

PACKAGE = Path(huabei_tui.__file__).parent


# -- clock -----------------------------------------------------------------------------------------------------

def test_clock_option_wins_over_environment() -> None:
    clock = Clock.from_option("2025-09-01", {ENV_TODAY: "2020-01-01"})
    assert clock.today() == date(2025, 9, 1)


def test_clock_from_environment() -> None:
    assert Clock.from_option(None, {ENV_TODAY: "2024-02-29"}).today() == date(2024, 2, 29)
    assert Clock.from_option(None, {ENV_TODAY: ""}).fixed is None  # an empty variable is an unset one


def test_an_empty_today_option_is_refused_not_taken_as_the_real_date() -> None:
    """``huabei --today "$DAY" status`` with ``DAY`` empty answered for the real date without a word; a script
    asking about a given day must hear that it gave none."""
    with pytest.raises(InputError) as caught:
        Clock.from_option("", {ENV_TODAY: "2024-02-29"})
    assert caught.value.field == "today"


def test_clock_refuses_garbage() -> None:
    for option, env, field in (("garbage", {}, "today"), (None, {ENV_TODAY: "2025-02-30"}, "today_env")):
        with pytest.raises(InputError) as caught:
            Clock.from_option(option, env)
        assert caught.value.field == field


def test_a_bad_huabei_today_is_named_as_the_variable_it_came_from() -> None:
    """``HUABEI_TODAY=bad huabei status`` said “today (--today): “bad” is not a date” to someone who typed no
    ``--today``: the message names where the value came from."""
    assert tr("field.today_env", "en") == "today (HUABEI_TODAY)"
    assert tr("field.today_env", "zh") == "今天日期 (HUABEI_TODAY)"


def test_clock_defaults_to_shanghai_today() -> None:
    clock = Clock.from_option(None, {})
    assert clock.fixed is None
    before = arrow.now("Asia/Shanghai").date()
    today = clock.today()
    assert before <= today <= arrow.now("Asia/Shanghai").date()
    assert Clock(source=lambda: date(2030, 1, 1)).today() == date(2030, 1, 1)
    assert Clock(date(2025, 1, 1), source=lambda: date(2030, 1, 1)).today() == date(2025, 1, 1)


# -- language --------------------------------------------------------------------------------------------------

@pytest.mark.parametrize(
    ("option", "env", "lang"),
    [
        ("en", {ENV_LANG: "zh"}, "en"),
        ("zh_CN", {}, "zh"),
        (None, {ENV_LANG: "zh"}, "zh"),
        (None, {ENV_LANG: "EN_us"}, "en"),
        ("fr", {ENV_LANG: "zh"}, "zh"),  # an unknown option falls through (the CLI refuses it separately)
        (None, {"LANG": "zh_CN.UTF-8"}, "zh"),
        (None, {"LC_ALL": "en_US.UTF-8", "LANG": "zh_CN.UTF-8"}, "en"),
        (None, {"LANG": "de_DE.UTF-8"}, "en"),
        (None, {}, "en"),
    ],
)
def test_detect_lang(option: str | None, env: dict[str, str], lang: str) -> None:
    assert detect_lang(option, env) == lang


def test_tr() -> None:
    assert tr("label.due_in", "en", days=3) == "due in 3 days"
    assert tr("label.due_in", "zh", days=3) == "3 天后到期"
    assert tr("label.due_in", "en") == "due in {days} days"  # a missing parameter never crashes
    with pytest.raises(MissingString):  # the tests run strict (tests/conftest.py)
        tr("no.such.key", "en")


def test_the_import_route_question_reads_right_for_one_row() -> None:
    """The singular rule only changes the noun: a verb after it ("1 row are paid") would stay plural."""
    question = tr("import.route_question", "en", count=1, method="信用购", choices="1 花呗")
    assert question.startswith("1 row paid with “信用购”: which credit line? 1 花呗")


def test_a_missing_key_outside_tests_is_logged_and_bracketed(monkeypatch: pytest.MonkeyPatch,
                                                             caplog: pytest.LogCaptureFixture) -> None:
    monkeypatch.delenv("HUABEI_STRICT_STRINGS")
    assert tr("no.such.key", "en") == "‹no.such.key›"  # never the bare key
    assert "no.such.key" in caplog.text


def test_describe_error_names_the_field() -> None:
    error = InputError("amount", "money.too_precise", value="12.345")
    assert describe_error(error, "en") == "amount: “12.345” has more than two decimals (fen)"
    assert describe_error(error, "zh") == "金额：“12.345”超过两位小数（最小单位为分）"
    unknown_field = InputError("weird", "money.zero")
    assert describe_error(unknown_field, "en") == "weird: must be more than zero"
    assert describe_error(ValueError("plain"), "en") == "plain"


def _placeholders(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


@pytest.mark.parametrize("key", sorted(CORE))
def test_catalog_entries_have_both_languages_and_matching_placeholders(key: str) -> None:
    zh, en = CORE[key]
    assert zh.strip() and en.strip()
    assert _placeholders(zh) == _placeholders(en)
    assert "\n" not in zh + en


def _calls(paths: list[Path], name: str) -> list[tuple[Path, ast.Call]]:
    found = []
    for path in paths:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call):
                callee = node.func.id if isinstance(node.func, ast.Name) else getattr(node.func, "attr", None)
                if callee == name:
                    found.append((path, node))
    return found


def _sources() -> list[Path]:
    return [*sorted((PACKAGE / "domain").glob("*.py")), *sorted((PACKAGE / "cli").glob("*.py")),
            *sorted((PACKAGE / "views").glob("*.py")),
            PACKAGE / "clock.py", PACKAGE / "io" / "json_view.py"]


def test_every_input_error_key_and_field_has_text() -> None:
    calls = _calls(_sources(), "InputError")
    assert len(calls) > 30
    for path, call in calls:
        literal = [a.value for a in call.args[:2] if isinstance(a, ast.Constant)]
        if len(literal) < 2:
            continue  # the field is a parameter: checked where the parameter is given
        field, key = literal
        assert has(key), f"{path.name}: {key}"
        assert has(f"field.{field}"), f"{path.name}: field.{field}"


def test_every_literal_tr_key_exists() -> None:
    for path, call in _calls(_sources(), "tr"):
        if call.args and isinstance(call.args[0], ast.Constant):
            assert has(call.args[0].value), f"{path.name}: {call.args[0].value}"


def test_every_field_passed_to_a_parser_has_text() -> None:
    for path, call in _calls(_sources(), "parse_money") + _calls(_sources(), "parse_date") + \
            _calls(_sources(), "parse_day_of_month") + _calls(_sources(), "parse_on_off") + \
            _calls(_sources(), "parse_rate_percent") + _calls(_sources(), "parse_month"):
        for keyword in call.keywords:
            if keyword.arg == "field" and isinstance(keyword.value, ast.Constant):
                assert has(f"field.{keyword.value.value}"), f"{path.name}: field.{keyword.value.value}"


def test_english_counts_of_one_take_the_singular() -> None:
    assert tr("status.streak", "en", n=1) == "1 clean month in a row"
    assert tr("status.streak", "en", n=11) == "11 clean months in a row"
    assert tr("status.streak", "en", n=0) == "0 clean months in a row"
    assert tr("label.due_in", "en", days=1) == "due in 1 day"
    assert tr("label.due_in", "en", days=21) == "due in 21 days"
    assert tr("warn.overdue_more", "en", n=1) == "1 more bill overdue too: see 4"
    assert tr("status.streak", "zh", n=1) == "连续 1 个月无逾期"
    assert "(s)" not in "".join(en for _, en in load_all().values())


def test_a_count_of_one_agrees_with_its_verb_and_every_counted_noun() -> None:
    """``huabei import alipay`` printed “1 row are paid with 信用购” and “Added: 1 purchases/refunds, 1 repayments,
    1 instalment plans”."""
    assert tr("line.unrouted", "en", count=1, method="信用购").startswith("1 row is paid with “信用购”")
    assert tr("line.unrouted", "en", count=2, method="信用购").startswith("2 rows are paid with")
    assert tr("import.route_question", "en", count=1, method="x", choices="").startswith("1 row paid with")
    assert tr("import.new", "en", purchases=1, payments=1, plans=1, known=1).startswith(
        "Added: 1 purchase/refund, 1 repayment, 1 instalment plan; 1 already known was not added again")
    assert tr("import.new", "en", purchases=2, payments=0, plans=3, known=0).startswith(
        "Added: 2 purchases/refunds, 0 repayments, 3 instalment plans; 0 already known were not added again")
    assert tr("line.remove_has_records", "en", name="x", bills=1, records=1).startswith(
        "“x” holds 1 bill and 1 record;")
    assert tr("import.new", "en", purchases=11, payments=21, plans=1.5, known=0).startswith(
        "Added: 11 purchases/refunds, 21 repayments, 1.5 instalment plans")


def test_common_system_reasons_are_translated(tmp_path: Path) -> None:
    from huabei_tui.i18n import os_reason

    try:
        (tmp_path / "nope.csv").read_bytes()
    except OSError as missing:
        assert os_reason(missing, "zh") == "文件或文件夹不存在"
        assert os_reason(missing, "en") == "no such file or folder"
    try:
        tmp_path.read_bytes()
    except OSError as folder:
        assert os_reason(folder, "zh") == "这是一个文件夹，不是文件"
    odd = OSError(999_999, "Something unusual")
    assert os_reason(odd, "zh") == "Something unusual"  # anything else keeps the system's words
