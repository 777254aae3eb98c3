"""``huabei_tui.record.Record``, which stands in for frozen dataclasses in the modules the first frame imports:
it must behave as one (equality, hashing, ``repr``, immutability, copies) for the values that became Records."""

from __future__ import annotations

import copy
import pickle

import pytest

from huabei_tui.record import Record
from huabei_tui.ui.keymap import Keymap, Problem
from huabei_tui.ui.registry import BY_ID, KeySpec
from huabei_tui.views.blocks import Pair, Phrase


class Point(Record):
    __slots__ = ("x", "y")

    def __init__(self, x: int, y: int = 0) -> None:
        self._init(x=x, y=y)


def test_equal_by_fields_and_class_hashable_and_readable() -> None:
    assert Point(1, 2) == Point(1, 2) and Point(1, 2) != Point(1, 3)
    assert Point(1) != (1, 0) and Phrase("a") != Point(1)
    assert len({Point(1, 2), Point(1, 2), Point(2, 1)}) == 2
    assert repr(Point(1, 2)) == "Point(x=1, y=2)"
    assert Phrase("¥5", "strong") == Phrase("¥5", "strong") and Phrase("¥5") != Phrase("¥5", "strong")
    assert Pair("Due", Phrase("12-09")).value.text == "12-09"


def test_immutable_like_a_frozen_dataclass() -> None:
    point = Point(1, 2)
    with pytest.raises(AttributeError):
        point.x = 5  # type: ignore[misc]
    with pytest.raises(AttributeError):
        del point.y
    with pytest.raises(AttributeError):
        point.z = 1  # type: ignore[attr-defined]
    assert point == Point(1, 2)


def test_copies_and_pickles_keep_every_field() -> None:
    spec = BY_ID["app.quit"]
    assert copy.copy(spec) == spec and copy.deepcopy(spec) == spec
    assert pickle.loads(pickle.dumps(spec)) == spec
    assert isinstance(pickle.loads(pickle.dumps(spec)), KeySpec)
    keymap = Keymap({"app.quit": "x"}, (Problem("keymap.bad_key", {"id": "a"}),))
    assert copy.deepcopy(keymap) == keymap and keymap != Keymap()
    assert Keymap().overrides == {} and Keymap().overrides is not Keymap().overrides  # no shared default
