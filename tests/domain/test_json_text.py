"""``io.json_text``: the app's own indented JSON writer must write byte for byte what ``json.dumps`` writes."""

from __future__ import annotations

import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from huabei_tui.io.json_text import for_terminal, indented


def reference(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, indent=2)


_scalars = st.one_of(st.none(), st.booleans(), st.integers(), st.integers(min_value=-(10**40), max_value=10**40),
                     st.text())
_plain = st.recursive(_scalars, lambda inner: st.one_of(
    st.lists(inner, max_size=4), st.tuples(inner, inner), st.dictionaries(st.text(max_size=6), inner, max_size=4)),
    max_leaves=30)


@given(_plain)
def test_any_plain_value_is_written_as_json_dumps_writes_it(value: object) -> None:
    assert indented(value) == reference(value)


@given(st.recursive(st.one_of(_scalars, st.floats(allow_nan=True)), lambda inner: st.one_of(
    st.lists(inner, max_size=3),
    st.dictionaries(st.one_of(st.text(max_size=4), st.integers(), st.booleans(), st.none(), st.floats()), inner,
                    max_size=3)), max_leaves=12))
def test_floats_and_keys_that_are_not_strings_are_left_to_json_dumps(value: object) -> None:
    assert indented(value) == reference(value)


#: Deeper than the writer goes itself (it hands such a document to json.dumps).
DEEP: list = [1]
for _ in range(45):
    DEEP = [DEEP]


class Name(str):
    pass


class Count(int):
    def __repr__(self) -> str:  # json.dumps writes int.__repr__, not this
        return "Count!"


@pytest.mark.parametrize("value", [
    {}, [], (), {"a": {}}, {"a": []}, [[], [[]], {}], "", "\x00\x1f\x7f\u2028 \ud800 \U0001f600 中文 \"\\/",
    {"k": Name("sub")}, [Count(3)], {"deep": DEEP},
    True, False, None, 0, -1, 10**30,
])
def test_edge_values(value: object) -> None:
    assert indented(value) == reference(value)


def test_a_cycle_is_refused_as_json_dumps_refuses_it() -> None:
    loop: list = []
    loop.append(loop)
    with pytest.raises(ValueError, match="Circular"):
        indented(loop)


def test_a_value_json_cannot_write_is_refused_the_same_way() -> None:
    with pytest.raises(TypeError, match="not JSON serializable"):
        indented({"when": object()})


def test_a_value_shared_by_two_places_is_written_twice() -> None:
    bills = [{"month": "2026-11", "amount": "1.00", "more": {"a": [1, {"b": []}]}}]
    value = {"bills": bills, "lines": [{"bills": bills, "again": [[bills]]}], "last": bills}
    assert indented(value) == reference(value)


@given(_plain, _plain)
def test_parts_shared_at_any_depths_are_written_as_json_dumps_writes_them(shared: object, other: object) -> None:
    """The writer keeps the text of each list and object and indents it anew where the same one comes again."""
    value = {"a": shared, "b": [shared, {"c": [[shared]], "d": other}], "e": [other, shared]}
    assert indented(value) == reference(value)
    inner = [shared, [shared]]
    assert indented([[[inner]], inner]) == reference([[[inner]], inner])


def test_for_terminal_escapes_what_a_terminal_would_act_on_and_reads_back_the_same() -> None:
    value = {"name": "line\x1b]52;c;aGk=\x07 \u202eevil \x9b2J", "note": "中文\u3000ok", "n": 3}
    text = for_terminal(value)
    assert all(char.isprintable() or char == "\n" for char in text)
    assert json.loads(text) == value
    assert "\\u001b" in text and "\\u202e" in text and "\\u009b" in text
    assert for_terminal({"plain": "中文"}) == reference({"plain": "中文"})
