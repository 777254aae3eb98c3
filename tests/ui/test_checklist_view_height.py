"""``ChecklistView`` keeps its measured height for the same rows at the same width (``OptionList`` measured every
row again on every layout); any change to the rows or the width measures again, and gives what a fresh
measurement gives."""

from __future__ import annotations

import asyncio

from textual.app import App, ComposeResult
from textual.geometry import Size
from textual.widgets import OptionList

from huabei_tui.ui.widgets.checklist_view import ChecklistView, Row

LONG = "打开支付宝 → 我的 → 花呗 → 设置 → 征信授权，核对授权状态与日期 " * 3


class Host(App):
    def compose(self) -> ComposeResult:
        yield ChecklistView(id="list")


def _rows(note: str | None = None) -> list[Row]:
    return [Row(None, "Steps"), Row("a", "short step", mark="[ ]"), Row("b", LONG, mark="[x]", note=note, aside="11-29")]


def test_the_height_is_kept_for_the_same_rows_and_width_and_measured_again_on_any_change(monkeypatch) -> None:
    measured: list[int] = []
    base = OptionList.get_content_height

    def counted(self, container, viewport, width):
        height = base(self, container, viewport, width)
        measured.append(height)
        return height

    async def go() -> None:
        app = Host()
        async with app.run_test(size=(80, 24)) as pilot:
            view = app.query_one(ChecklistView)
            view.show(_rows())
            await pilot.pause()
            monkeypatch.setattr(OptionList, "get_content_height", counted)
            size = Size(80, 24)

            def height(width: int) -> int:
                return view.get_content_height(size, size, width)

            wide = height(70)
            assert height(70) == wide and len(measured) == 1  # same rows, same width: kept
            narrow = height(30)
            assert narrow > wide and len(measured) == 2  # another width: measured
            assert height(70) == wide and len(measured) == 3  # and back
            view.show(_rows(note="注意：撤销后仍可能保留历史记录。" * 2))  # the same keys, a row with a longer text
            grown = height(70)
            assert grown > wide and len(measured) == 4
            view.show(_rows()[:2])  # a row gone
            assert height(70) < wide and len(measured) == 5
            view.show(_rows())
            assert height(70) == wide and len(measured) == 6
            view.move_to("b")  # the cursor moves: the rows it leaves and reaches are drawn anew
            assert height(70) == wide and len(measured) == 7
            monkeypatch.undo()
            assert height(70) == OptionList.get_content_height(view, size, size, 70)

    asyncio.run(go())
