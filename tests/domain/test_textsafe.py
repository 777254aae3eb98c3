"""``domain.textsafe``: escape sequences and control characters never survive, ordinary text is untouched."""

from __future__ import annotations

import subprocess
import sys

import pytest
from hypothesis import given
from hypothesis import strategies as st

from huabei_tui.domain.textsafe import escaped, has_controls, one_line, printable, sanitize

#: What a hostile file or paste may hold: OSC 52 (sets the clipboard), a title change, CSI, C1 CSI, BEL, DEL.
HOSTILE = [
    ("a\x1b]52;c;aGVsbG8=\x07b", "ab"),
    ("a\x1b]0;pwned\x1b\\b", "ab"),
    ("x\x1b[31mred\x1b[0m", "xred"),
    ("\x1b[2J\x1b[Hclear", "clear"),
    ("\x9b31mc1", "c1"),
    ("p\x9d0;title\x9cq", "pq"),
    ("bell\x07", "bell"),
    ("del\x7f", "del"),
    ("cut\x1b]52;c;abc", "cut"),  # a sequence cut off at the end of the cell
    ("lone\x1b", "lone"),
    ("reset\x1bc!", "reset!"),
    ("\x1bPdcs\x1b\\ok", "ok"),
    ("nul\x00", "nul"),
]


@pytest.mark.parametrize(("text", "expected"), HOSTILE)
def test_sequences_go_whole(text: str, expected: str) -> None:
    assert sanitize(text) == expected
    assert not has_controls(sanitize(text))


def test_tabs_become_spaces_and_newlines_only_stay_where_text_has_lines() -> None:
    assert sanitize("a\tb") == "a b"
    assert sanitize("one\ntwo\r\nthree\rfour") == "one two three four"
    assert sanitize("one\ntwo\r\nthree", multiline=True) == "one\ntwo\nthree"
    assert sanitize("para\u2029graph") == "para graph"


def test_a_string_sequence_does_not_swallow_the_next_line_of_a_note() -> None:
    assert sanitize("first\x1b]52;c;xx\nsecond line", multiline=True) == "first\nsecond line"


@pytest.mark.parametrize("text", ["", "美团订单-午餐", "¥1,234.50 [bold] [/] [@click=app.quit]", "emoji 🙂 ok",
                                  "全角　空格", "Ünïcödé"])
def test_ordinary_text_is_returned_as_is(text: str) -> None:
    assert sanitize(text) is text
    assert printable(text) is text


def test_printable_keeps_crlf_line_ends_and_tabs_but_nothing_else() -> None:
    csv = "a,b\r\nc\x1b[2J,d\x9b\r\n\tx\ry\n"
    assert printable(csv) == "a,b\r\nc,d\r\n\txy\n"
    assert printable("\r") == "" and printable("end\r") == "end"  # found by the property test below


#: Bidirectional formatting characters: invisible, but they reorder what follows in a bidi-aware terminal, editor or
#: mail reader ("Trojan Source"): a note "\u202e00.0001¥" reads "¥1000.00".
BIDI = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c"


@pytest.mark.parametrize("mark", list(BIDI))
def test_bidirectional_controls_are_dropped_in_and_out(mark: str) -> None:
    assert has_controls(f"花呗{mark}账单")
    assert sanitize(f"还款{mark}00.0001¥") == "还款00.0001¥"
    assert sanitize(f"a{mark}\nb", multiline=True) == "a\nb"
    assert printable(f"x,{mark}y\r\nz{mark}\n") == "x,y\r\nz\n"


@given(st.text())
def test_nothing_unsafe_survives_any_text(text: str) -> None:
    for cleaned in (sanitize(text), sanitize(text, multiline=True), printable(text)):
        assert not any((ord(ch) < 0x20 and ch not in "\t\n\r") or 0x7f <= ord(ch) <= 0x9f or ch in BIDI
                       for ch in cleaned)
    assert not any(ch in sanitize(text) for ch in "\n\t\r")
    assert "\r" not in sanitize(text, multiline=True)
    assert "\r" not in printable(text).replace("\r\n", "")


@pytest.mark.parametrize(("text", "expected"), [
    ("a\x1b[31mb", "ab"), ("mum\nx", "mum x"), ("a\u2028b\tc", "a b c"),
    ("x\u202eevil\u202c", "xevil"), ("\u2066iso\u2069\u200e\u200f\u061c", "iso"),  # bidirectional controls
    ("z\u200bw\u200dj\ufeff\u00ad\u2060", "zwj"),  # zero-width characters
    ("no\u00a0break\u3000wide", "no break wide"),  # other spaces: one plain space each
    ("\ue000private\U000f0000", "private"), ("老王 🙂 ok", "老王 🙂 ok"),
])
def test_one_line_leaves_only_characters_drawn_as_themselves(text: str, expected: str) -> None:
    assert one_line(text) == expected


@given(st.text())
def test_one_line_is_printable_whatever_the_text(text: str) -> None:
    assert one_line(text).isprintable()
    assert one_line(one_line(text)) == one_line(text)


def test_the_patterns_wait_until_text_needs_them() -> None:
    """Compiling them costs milliseconds the first frame would pay for names that never need them."""
    code = ("import huabei_tui.domain.textsafe as t\nassert not vars(t._patterns)\nt.one_line('老王 ok')\n"
            "t.sanitize('plain')\nassert not vars(t._patterns)\nassert t.sanitize('a\\x1b[1mb') == 'ab'\n"
            "assert set(vars(t._patterns)) == {'any_unsafe', 'sequence', 'control'}")
    subprocess.run([sys.executable, "-c", code], check=True, timeout=60)


def test_escaped_shows_what_cannot_be_shown_as_an_escape_and_the_rest_as_is() -> None:
    assert escaped("账单 2026-12.txt") == "账单 2026-12.txt"
    assert escaped("out\x1b[2J\u202e.txt") == "out\\x1b[2J\\u202e.txt"
    assert escaped("a\tb\nc\u200bd\x9b") == "a\\x09b\\x0ac\\u200bd\\x9b"
    assert escaped("\U000e0001") == "\\U000e0001"


@given(st.text())
def test_escaped_is_always_printable_and_keeps_printable_text(text: str) -> None:
    shown = escaped(text)
    assert shown.isprintable()
    if text.isprintable():
        assert shown == text


def test_a_file_named_in_a_message_is_shown_escaped() -> None:
    from pathlib import PurePosixPath

    from huabei_tui.i18n import tr

    assert tr("cli.exported", "en", path=PurePosixPath("/tmp/out\x1b[2J.txt")) == "Exported to /tmp/out\\x1b[2J.txt"
    assert tr("import.where", "zh", file="a\u202eb.csv", line=3) == "a\\u202eb.csv 第 3 行"
    assert tr("cli.exported", "en", path="/tmp/普通.txt") == "Exported to /tmp/普通.txt"


@pytest.mark.parametrize("value", [
    "plain 中文 path", "esc\x1b[2J bel\x07 del\x7f c1\x9b nl\n cr\r", "bidi\u202e\u2066 sep\u2028\u2029 zw\u200b\ufeff",
    "lone surrogate \udcff", "astral tag \U000e0041 and emoji \U0001f600", "nbsp\u00a0 ideographic\u3000",
])
def test_inert_json_reads_back_the_same_and_holds_nothing_unprintable(value: str) -> None:
    import json

    from huabei_tui.domain.textsafe import inert_json

    dumped = json.dumps({"path": value, "list": [value]}, ensure_ascii=False, indent=2)
    text = inert_json(dumped)
    assert all(char.isprintable() or char == "\n" for char in text)
    assert json.loads(text) == {"path": value, "list": [value]}
    assert "\U0001f600" not in value or "\U0001f600" in text  # printable characters stay as they are


@given(st.text())
def test_inert_json_round_trips_any_text(value: str) -> None:
    import json

    from huabei_tui.domain.textsafe import inert_json

    text = inert_json(json.dumps([value, {"k": value}], ensure_ascii=False, indent=2))
    assert all(char.isprintable() or char == "\n" for char in text)
    assert json.loads(text) == [value, {"k": value}]
