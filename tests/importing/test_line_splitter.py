"""The parser's line splitter (``alipay._lines``) reads exactly what ``TextIOWrapper(newline="")`` reads.

csv is fed those lines, so any difference (a ``\\r\\n`` cut between two blocks, a lone ``\\r``, a BOM, GBK bytes
cut in half, a ``\\x85`` or ``\\u2028`` inside a quoted cell that ``str.splitlines`` would break at) would change
the rows. Blocks are made tiny here so every boundary falls everywhere; one test uses the real 64 KiB blocks.
"""

from __future__ import annotations

import codecs
import io

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from huabei_tui.io import alipay

PIECES = ["a", "花呗", ",", '"', "\r", "\n", "\r\n", "\x85", "\u2028", "\u2029", "\x0b", "\x0c", "\x1c", "\x1e",
          "\ufeff", "€", "x" * 7, "𠀀"]


def wrapper_lines(data: bytes, encoding: str) -> list[str]:
    return list(io.TextIOWrapper(io.BytesIO(data), encoding=encoding, newline=""))


def splitter_lines(data: bytes, encoding: str) -> list[str]:
    return list(alipay._lines(alipay._Guard(io.BytesIO(data)), encoding))


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=40), st.sampled_from(["utf-8", "utf-8-sig", "gb18030"]),
       st.integers(min_value=1, max_value=9), st.booleans())
def test_same_lines_as_the_wrapper(pieces: list[str], encoding: str, block: int, bom: bool) -> None:
    text = "".join(pieces)
    data = text.encode("utf-8" if encoding.startswith("utf-8") else encoding)
    if bom and encoding == "utf-8-sig":
        data = codecs.BOM_UTF8 + data
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(alipay, "_CHUNK_BYTES", block)
        assert splitter_lines(data, encoding) == wrapper_lines(data, encoding)


@pytest.mark.parametrize("encoding", ["utf-8", "gb18030"])
def test_crlf_and_characters_across_real_block_boundaries(encoding: str) -> None:
    """Every byte of a line (its ``\\r\\n``, its two-byte characters) falls on a real 64 KiB boundary once."""
    body = "花呗,2025-04-03 09:05:07,12.34\r\n".encode(encoding)
    lines = body * (alipay._CHUNK_BYTES // len(body) + 2)
    tail = '"quoted\x85cell\u2028with\rodd\nbreaks"\r'.encode(encoding) + b"tail"
    for shift in range(len(body) + 1):
        data = b"z" * shift + b"\n" + lines + tail
        assert splitter_lines(data, encoding) == wrapper_lines(data, encoding)


def test_bad_bytes_raise_like_the_wrapper() -> None:
    for data in (b"ok\n\xff\n", "花".encode("gb18030")[:1], b"ok\r\n\xe8\x8a"):
        for encoding in ("utf-8", "gb18030"):
            try:
                wrapper_lines(data, encoding)
            except UnicodeDecodeError:
                with pytest.raises(UnicodeDecodeError):
                    splitter_lines(data, encoding)
            else:
                assert splitter_lines(data, encoding) == wrapper_lines(data, encoding)
