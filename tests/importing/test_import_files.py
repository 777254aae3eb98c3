"""The paths given to the import: regular files only, streamed with caps, and the encrypted zip Alipay mails.

Zips are built here with pyzipper from the synthetic exports in ``tests/support``; nothing comes from outside.
"""

from __future__ import annotations

import io
import os
import socket
import tracemalloc
from pathlib import Path

import pytest

from huabei_tui.io import alipay, import_files
from huabei_tui.io.alipay import AlipayImportError, parse_alipay_export, parse_alipay_source
from huabei_tui.io.import_files import (
    ImportPathError,
    PasswordNeeded,
    WrongPassword,
    open_regular,
    password_source,
    read_export_path,
    read_password_file,
)
from support.alipay_files import APP2023_FIRST_DATA_LINE, Tx, build_app2023, build_zip, purchase, refund, repayment

SMALL = [purchase(1), purchase(2, amount="12.00"), refund(3, purchase(2), "2.00", "2025-04-05 10:00:00"),
         repayment(4, "2025-05", "10.00", "2025-05-08 08:00:00"), purchase(5, method="余额宝")]
EXPORT = build_app2023(SMALL)


def write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def same(a, b) -> bool:
    return (a.rows, a.skipped, a.rows_read, a.layout, a.encoding) == (b.rows, b.skipped, b.rows_read, b.layout,
                                                                       b.encoding)


# -- zips ---------------------------------------------------------------------------------------------------------


def test_an_aes_zip_reads_exactly_like_the_csv_inside(tmp_path: Path) -> None:
    path = write(tmp_path, "alipay.zip", build_zip({"支付宝交易明细(20250401-20250531).csv": EXPORT}))
    asked: list[Path] = []

    def password(p: Path) -> str:
        asked.append(p)
        return "123456"

    ((name, parsed),) = read_export_path(path, password=password)
    assert name == "alipay.zip/支付宝交易明细(20250401-20250531).csv"
    assert same(parsed, parse_alipay_export(EXPORT))
    assert asked == [path]  # asked once, for this zip


def test_no_password_to_give_asks_for_one(tmp_path: Path) -> None:
    path = write(tmp_path, "a.zip", build_zip({"a.csv": EXPORT}))
    for source in (None, lambda _p: None):
        with pytest.raises(PasswordNeeded) as caught:
            read_export_path(path, password=source)
        assert caught.value.path == path
    assert "--password-file" in caught.value.message("en") and "HUABEI_ZIP_PASSWORD" in caught.value.message("zh")


# "１２３４５６" was here: it is the password typed with a full-width input method, and now opens the zip
# (test_a_password_typed_in_full_width_digits_opens_the_zip); full-width and non-ASCII wrong ones stay wrong.
@pytest.mark.parametrize("wrong", ["000000", "", "1234567", "１２３４５７", "１２３４５６７", "密码"])
def test_a_wrong_password_says_so(tmp_path: Path, wrong: str) -> None:
    path = write(tmp_path, "a.zip", build_zip({"a.csv": EXPORT}))
    with pytest.raises(WrongPassword) as caught:
        read_export_path(path, password=lambda _p: wrong)
    assert (caught.value.message("en"), caught.value.message("zh")) == ("wrong password", "密码错误")


def test_a_wrong_password_that_passes_the_quick_check_still_says_wrong_password(tmp_path: Path, monkeypatch) -> None:
    """AES zips check 2 bytes of the password first (1 in 65,536 wrong ones pass); the full check is the MAC."""
    import pyzipper

    path = write(tmp_path, "a.zip", build_zip({"a.csv": EXPORT}))

    def always_bad(self, *args, **kwargs):
        raise pyzipper.BadZipFile("Bad HMAC check for file 'a.csv'")

    original = pyzipper.zipfile_aes.AESZipExtFile.check_integrity \
        if hasattr(pyzipper.zipfile_aes.AESZipExtFile, "check_integrity") else None
    if original is None:
        pytest.skip("this pyzipper checks the MAC elsewhere")
    monkeypatch.setattr(pyzipper.zipfile_aes.AESZipExtFile, "check_integrity", always_bad)
    with pytest.raises(WrongPassword):
        read_export_path(path, password=lambda _p: "123456")


def test_every_csv_in_the_zip_is_read_in_order(tmp_path: Path) -> None:
    second = build_app2023([purchase(9, amount="99.00")])
    path = write(tmp_path, "two.zip", build_zip({"a.csv": EXPORT, "readme.txt": b"hi", "b/second.CSV": second,
                                                 "__MACOSX/._a.csv": b"\x00\x05", "b/": b""}))
    found = read_export_path(path, password=lambda _p: "123456")
    assert [name for name, _ in found] == ["two.zip/a.csv", "two.zip/b/second.CSV"]
    assert [p.rows_read for _, p in found] == [5, 1]


def test_a_plain_zip_needs_no_password(tmp_path: Path) -> None:
    path = write(tmp_path, "plain.zip", build_zip({"a.csv": EXPORT}, password=None))

    def never(_p: Path) -> str:
        raise AssertionError("asked for a password")

    ((_, parsed),) = read_export_path(path, password=never)
    assert same(parsed, parse_alipay_export(EXPORT))


def test_a_zip_is_known_by_its_content_not_its_name(tmp_path: Path) -> None:
    path = write(tmp_path, "statement.csv", build_zip({"a.csv": EXPORT}))
    ((name, _),) = read_export_path(path, password=lambda _p: "123456")
    assert name == "statement.csv/a.csv"


@pytest.mark.parametrize(("members", "key", "en"), [
    ({"readme.pdf": b"%PDF", "photo.png": b"\x89PNG"}, "zip.no_csv",
     "the zip holds no CSV file (it holds: readme.pdf、photo.png)"),
    ({}, "zip.empty", "an empty zip file"),
])
def test_a_zip_without_a_csv_says_so(tmp_path: Path, members: dict, key: str, en: str) -> None:
    path = write(tmp_path, "x.zip", build_zip(members, password=None))
    with pytest.raises(ImportPathError) as caught:
        read_export_path(path)
    assert (caught.value.key, caught.value.message("en")) == (key, en)
    assert "zip" in caught.value.message("zh")


def test_a_damaged_zip_says_so(tmp_path: Path) -> None:
    data = build_zip({"a.csv": EXPORT}, password=None)
    path = write(tmp_path, "cut.zip", data[: len(data) // 2])
    with pytest.raises(ImportPathError) as caught:
        read_export_path(path)
    assert caught.value.key == "zip.damaged"
    assert caught.value.message("en").startswith("the zip is damaged and cannot be unpacked (")


def test_a_damaged_export_inside_a_zip_names_the_member_and_the_line(tmp_path: Path) -> None:
    bad = build_app2023([purchase(1), purchase(2, amount="abc")])
    path = write(tmp_path, "a.zip", build_zip({"支付宝.csv": bad}))
    with pytest.raises(ImportPathError) as caught:
        read_export_path(path, password=lambda _p: "123456")
    line = APP2023_FIRST_DATA_LINE + 1
    assert caught.value.message("en") == f"支付宝.csv: line {line}: invalid amount “abc”"
    assert caught.value.message("zh") == f"支付宝.csv：第 {line} 行：金额“abc”无效"


def test_a_gbk_member_name_from_chinese_windows_reads_in_chinese(tmp_path: Path) -> None:
    """Zip tools on Chinese Windows store names in GBK without the UTF-8 flag; zipfile reads them as cp437."""
    gbk = "支付宝明细.csv".encode("gbk")
    placeholder = b"X" * (len(gbk) - 4) + b".csv"
    data = build_zip({placeholder.decode(): EXPORT}).replace(placeholder, gbk)
    ((name, _),) = read_export_path(write(tmp_path, "a.zip", data), password=lambda _p: "123456")
    assert name == "a.zip/支付宝明细.csv"


def test_progress_over_several_members_never_runs_backwards(tmp_path: Path) -> None:
    big = build_app2023([purchase(i) for i in range(2500)])
    path = write(tmp_path, "a.zip", build_zip({"a.csv": big, "b.csv": big}))
    calls: list[tuple[int, int]] = []
    read_export_path(path, password=lambda _p: "123456", progress=lambda d, t: calls.append((d, t)))
    fractions = [done / total for done, total in calls]
    assert fractions == sorted(fractions) and fractions[-1] == 1.0 and len(calls) >= 4


def test_nothing_decrypted_is_written_to_disk(tmp_path: Path, monkeypatch) -> None:
    """Every file opened for writing while a zip is read would be a leak of the statement."""
    import builtins

    path = write(tmp_path, "a.zip", build_zip({"a.csv": EXPORT}))
    opened: list[str] = []
    real_open, real_os_open = builtins.open, os.open

    def watch_open(file, mode="r", *args, **kwargs):
        if any(flag in str(mode) for flag in "wax+"):
            opened.append(str(file))
        return real_open(file, mode, *args, **kwargs)

    def watch_os_open(file, flags, *args, **kwargs):
        if flags & (os.O_WRONLY | os.O_RDWR | os.O_CREAT):
            opened.append(str(file))
        return real_os_open(file, flags, *args, **kwargs)

    monkeypatch.setattr(builtins, "open", watch_open)
    monkeypatch.setattr(os, "open", watch_os_open)
    read_export_path(path, password=lambda _p: "123456")
    assert opened == []
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.zip"]


# -- what can be imported at all ----------------------------------------------------------------------------------


def test_a_fifo_is_refused_without_waiting_for_a_writer(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.csv"
    os.mkfifo(fifo)
    with pytest.raises(ImportPathError) as caught:
        read_export_path(fifo)
    assert caught.value.message("en") == "this is a named pipe (FIFO), not a file: give the exported CSV or zip file"
    assert caught.value.message("zh") == "这是命名管道（FIFO），不是文件：请给出导出的 CSV 或 zip 文件"


@pytest.mark.parametrize(("target", "kind"), [("/dev/zero", "a device"), ("/dev/null", "a device"),
                                              (".", "a folder")])
def test_devices_and_folders_are_refused(tmp_path: Path, target: str, kind: str) -> None:
    path = tmp_path if target == "." else Path(target)
    if not path.exists():
        pytest.skip(f"{target} does not exist here")
    with pytest.raises(ImportPathError) as caught:
        read_export_path(path)
    assert caught.value.message("en").startswith(f"this is {kind}, not a file")


def test_a_socket_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "s"
    with socket.socket(socket.AF_UNIX) as server:
        try:
            server.bind(str(path))
        except OSError as exc:  # pragma: no cover - a file system without sockets
            pytest.skip(f"cannot bind a socket here: {exc}")
        with pytest.raises(ImportPathError) as caught:
            open_regular(path)
    assert caught.value.message("en").startswith("this is a socket")


def test_a_symlink_to_an_export_is_fine(tmp_path: Path) -> None:
    link = tmp_path / "link.csv"
    link.symlink_to(write(tmp_path, "real.csv", EXPORT))
    ((name, parsed),) = read_export_path(link)
    assert name == "link.csv" and parsed.rows_read == 5


def test_a_missing_file_is_an_os_error_for_the_caller_to_phrase(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError):
        read_export_path(tmp_path / "nope.csv")


def test_a_file_over_the_size_cap_is_refused_before_reading(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr(import_files, "MAX_FILE_BYTES", 1000)
    with pytest.raises(ImportPathError) as caught:
        read_export_path(write(tmp_path, "big.csv", EXPORT))
    assert caught.value.message("en") == "larger than 0 MB, which no Alipay export is"


def test_a_stream_growing_past_the_cap_is_stopped(monkeypatch) -> None:
    """/proc files and the like say 0 bytes and keep giving: the reader counts what it gets."""
    monkeypatch.setattr(alipay, "MAX_FILE_BYTES", 200 * 1024)
    data = build_app2023([purchase(i, method="余额宝") for i in range(2000)])
    assert len(data) > 200 * 1024
    with pytest.raises(AlipayImportError) as caught:
        parse_alipay_export(data)
    assert caught.value.key == "alipay.too_big"
    assert "0 MB" in caught.value.message("en") or "MB" in caught.value.message("zh")


def test_an_over_long_line_names_its_line() -> None:
    lines = EXPORT.split(b"\n")
    row = APP2023_FIRST_DATA_LINE + 2
    lines[row - 1] = lines[row - 1].replace(b"2025", b"2025" + b" " * (alipay.MAX_LINE_BYTES + 10), 1)
    with pytest.raises(AlipayImportError) as caught:
        parse_alipay_export(b"\n".join(lines))
    assert (caught.value.key, caught.value.line) == ("alipay.line_too_long", row)
    assert caught.value.message("en") == f"line {row} is longer than 64 KB, which no line of an Alipay export is"
    assert caught.value.message("zh") == f"第 {row} 行超过 64 KB，不是支付宝交易明细的一行"


@pytest.mark.parametrize("newline", [b"\r\n", b"\r"])
def test_an_over_long_line_is_found_with_any_line_end(newline: bytes) -> None:
    lines = EXPORT.split(b"\n")
    lines[APP2023_FIRST_DATA_LINE - 1] += b"x" * (alipay.MAX_LINE_BYTES + 1)
    with pytest.raises(AlipayImportError) as caught:
        parse_alipay_export(newline.join(lines))
    assert caught.value.line == APP2023_FIRST_DATA_LINE


def test_a_huge_one_line_file_is_not_an_export_and_is_not_held_in_memory() -> None:
    calls = 0

    class Endless(io.RawIOBase):
        def readable(self) -> bool:
            return True

        def readinto(self, buffer) -> int:
            nonlocal calls
            calls += 1
            buffer[:] = b"\x00" * len(buffer)
            return len(buffer)

    with pytest.raises(AlipayImportError) as caught:
        parse_alipay_source(lambda: io.BufferedReader(Endless()))
    assert caught.value.key == "alipay.not_an_export"
    assert calls < 100  # the head only (256 KiB), never the endless rest


def test_memory_follows_the_rows_kept_not_the_file(tmp_path: Path) -> None:
    """A file of rows that are not Huabei's: the old parser held its whole decoded text (≥ 2× its size)."""
    filler = "超长的商品说明" * 60
    path = write(tmp_path, "big.csv", build_app2023([purchase(i, method="余额宝", description=filler)
                                                     for i in range(8000)]))
    size = path.stat().st_size
    assert size > 8_000_000
    tracemalloc.start()
    try:
        ((_, parsed),) = read_export_path(path)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert parsed.rows_read == 8000
    assert peak < size / 4, f"peak {peak / 1e6:.1f} MB for a {size / 1e6:.1f} MB file"


def test_undecodable_bytes_late_in_a_streamed_file_name_their_line() -> None:
    txs: list[Tx] = [purchase(i) for i in range(3000)]
    data = build_app2023(txs)
    lines = data.split(b"\n")
    bad = APP2023_FIRST_DATA_LINE + 2900
    lines[bad - 1] = lines[bad - 1].replace(b"2025", b"\xff\xfe\xff", 1)
    with pytest.raises(AlipayImportError) as caught:
        parse_alipay_export(b"\n".join(lines))
    assert (caught.value.key, caught.value.line) == ("alipay.bad_encoding", bad)


# -- passwords for scripts ------------------------------------------------------------------------------------------


def test_password_file_first_line_stripped(tmp_path: Path) -> None:
    assert read_password_file(write(tmp_path, "pw", b"123456\r\nsecond line\n")) == "123456"
    assert read_password_file(write(tmp_path, "empty", b"")) == ""


def test_password_sources_in_order(tmp_path: Path) -> None:
    path = tmp_path / "a.zip"
    ask = lambda _p: "asked"  # noqa: E731
    assert password_source(file_password="f", environ={"HUABEI_ZIP_PASSWORD": "e"}, ask=ask)(path) == "f"
    assert password_source(file_password=None, environ={"HUABEI_ZIP_PASSWORD": "e"}, ask=ask)(path) == "e"
    assert password_source(file_password=None, environ={"HUABEI_ZIP_PASSWORD": ""}, ask=ask)(path) == "asked"
    assert password_source(file_password=None, environ={}, ask=None)(path) is None


def test_control_characters_in_a_member_name_never_reach_the_terminal(tmp_path: Path) -> None:
    hostile = "a\x1b]52;c;cHduZWQ=\x07\x1b[2J\x9b31m.csv"
    ((name, _),) = read_export_path(write(tmp_path, "a.zip", build_zip({hostile: EXPORT})), password=lambda _p: "123456")
    assert name == "a.zip/a]52;c;cHduZWQ=[2J31m.csv"
    assert not any(ord(ch) < 32 or 0x7F <= ord(ch) < 0xA0 for ch in name)
