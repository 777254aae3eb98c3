"""Every storage error reads well in both languages, on one line, and survives pickling."""

from __future__ import annotations

import errno
import pickle
import string
from pathlib import Path

import pytest

from huabei_tui.storage.errors import (
    StoreBusy,
    StoreCorrupt,
    StoreError,
    StoreMissingFolder,
    StoreNoBackup,
    StoreReadError,
    StoreTooNew,
    StoreWriteError,
    reason_for_oserror,
    render,
)
from huabei_tui.strings.storage import STRINGS as MESSAGES

PATH = Path("/home/me/花呗 data/data.json")
BACKUP = Path("/home/me/花呗 data/data.json.backups/data.20261129T091530123456Z.json")

EXAMPLES: list[StoreError] = [
    StoreBusy(PATH, 10.0),
    StoreCorrupt(PATH, "not_json", BACKUP),
    StoreCorrupt(PATH, "empty", None),
    StoreTooNew(PATH, 3, 1, BACKUP),
    StoreTooNew(PATH, 3, 1, None),
    StoreWriteError(PATH, "disk_full"),
    StoreWriteError(PATH, "os_error", "Input/output error"),
    StoreMissingFolder(PATH),
    StoreReadError(PATH, "permission"),
    StoreNoBackup(PATH, PATH.with_name("data.json.backups")),
]


def fields(template: str) -> set[str]:
    return {name.split(".")[0].split("[")[0] for _, name, _, _ in string.Formatter().parse(template) if name}


@pytest.mark.parametrize("key", sorted(MESSAGES))
def test_message_pairs_are_complete_one_line_and_agree(key: str) -> None:
    zh, en = MESSAGES[key]
    assert zh and en
    assert "\n" not in zh and "\n" not in en
    assert any("\u4e00" <= ch <= "\u9fff" for ch in zh), "the first entry is Chinese"
    assert en.isascii(), "the second entry is English"
    assert fields(zh) == fields(en), "both languages use the same parameters"


@pytest.mark.parametrize("error", EXAMPLES, ids=lambda e: e.key)
def test_every_error_renders_in_both_languages(error: StoreError) -> None:
    assert error.key in MESSAGES
    for lang in ("zh", "en", "zh_CN", "en_US"):
        text = error.message(lang)
        assert str(PATH) in text
        assert "{" not in text and "store.reason" not in text
    assert str(error) == error.message("en")
    assert error.params["path"] == str(PATH)


def test_corrupt_message_names_backup_and_a_pasteable_restore_command() -> None:
    error = StoreCorrupt(PATH, "not_json", BACKUP)
    for lang in ("zh", "en"):
        text = error.message(lang)
        assert str(BACKUP) in text
        assert "huabei --db '/home/me/花呗 data/data.json' restore" in text
    assert "截断" in error.message("zh")


def test_reasons_are_translated_and_free_text_passes_through() -> None:
    assert "the disk is full" in render("store.write_failed", {"path": "p", "reason": "disk_full"}, "en")
    assert "磁盘已满" in render("store.write_failed", {"path": "p", "reason": "disk_full"}, "zh")
    custom = render("store.corrupt.no_backup", {"path": "p", "reason": "bad record in 'bills'"}, "en")
    assert "bad record in 'bills'" in custom


def test_errors_survive_pickling() -> None:
    for error in EXAMPLES:
        copy = pickle.loads(pickle.dumps(error))
        assert type(copy) is type(error)
        assert (copy.key, copy.params, str(copy)) == (error.key, error.params, str(error))


def test_hierarchy() -> None:
    assert issubclass(StoreTooNew, StoreCorrupt)
    assert issubclass(StoreMissingFolder, StoreWriteError)
    assert all(isinstance(e, StoreError) for e in EXAMPLES)


@pytest.mark.parametrize(
    ("code", "reason"),
    [
        (errno.ENOSPC, "disk_full"),
        (errno.EDQUOT, "disk_full"),
        (errno.EROFS, "read_only"),
        (errno.EACCES, "permission"),
        (errno.EPERM, "permission"),
        (errno.ENOENT, "missing_folder"),
        (errno.EISDIR, "is_folder"),
        (errno.ENOTDIR, "path_not_folder"),
        (errno.EIO, "os_error"),
    ],
)
def test_reason_for_oserror(code: int, reason: str) -> None:
    assert reason_for_oserror(OSError(code, "x"))[0] == reason
