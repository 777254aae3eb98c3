"""The spool writes each purchase as its part's own line (``spool._line``), also on its fast path (``add``)."""

from __future__ import annotations

from datetime import datetime

import pytest

from huabei_tui.domain.ledger import Purchase
from huabei_tui.storage import spool
from huabei_tui.storage.spool import PurchaseSpool


@pytest.mark.parametrize("refund, installments", [(False, None), (False, 6), (True, None)])
def test_add_writes_the_line_the_part_format_gives(tmp_path, refund: bool, installments: int | None) -> None:
    rows = [("2025040322001400001", datetime(2025, 4, 3, 9, 5, 7), 2580, '带"引号"和\\反斜杠的说明'),
            ("x", datetime(2024, 2, 29, 23, 59, 59), 1, ""),
            ("2025040322001400003", datetime(2025, 12, 31, 0, 0, 0), 99_999_999, "全角　文字，和 emoji 🙂")]
    kept = PurchaseSpool(tmp_path)
    for order_no, time, amount, description in rows:
        kept.add(order_no, time, amount, description, refund, installments)
    body = b"".join(kept.body()).decode("utf-8").splitlines()
    assert body == [spool._line(n, order_no, time.isoformat(), amount, description, refund, installments)
                    for n, (order_no, time, amount, description) in enumerate(rows, start=1)]
    assert list(kept) == [Purchase(order_no, time, amount, description, refund, installments)
                          for order_no, time, amount, description in rows]
    kept.close()
