"""A damaged or too-new file is never written over; the error names the way out and restore() takes it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from huabei_tui.storage import migrations
from huabei_tui.storage.errors import StoreCorrupt, StoreNoBackup, StoreTooNew
from huabei_tui.storage.store import Store


def save_versions(store: Store, count: int) -> None:
    """``count`` saves, version i holding {"v": i}; backups then hold versions 1 .. count-1."""
    for i in range(1, count + 1):
        with store.transaction() as db:
            db.table("state").truncate()
            db.table("state").insert({"v": i})


GOOD = b'{"_meta": {"1": {"schema": 1}}, "state": {"1": {"v": 1}}}'

DAMAGE = [
    pytest.param(b"", "empty", id="empty"),
    pytest.param(b"  \n", "empty", id="blank"),
    pytest.param(GOOD[: len(GOOD) // 2], "not_json", id="truncated"),
    pytest.param(GOOD + b'{"extra": 1}', "not_json", id="extra-data"),
    pytest.param(b"\x00\xff\xfe garbage", "not_json", id="binary"),
    pytest.param(b'{"state": {"1": {"v": NaN}}}', "not_json", id="nan"),
    pytest.param(b"[1, 2, 3]", "wrong_format", id="json-array"),
    pytest.param(b'"text"', "wrong_format", id="json-string"),
    pytest.param(b'{"state": [1, 2]}', "wrong_format", id="table-not-object"),
    pytest.param(b'{"state": {"1": 5}}', "wrong_format", id="document-not-object"),
    pytest.param(b'{"state": {"one": {}}}', "wrong_format", id="document-id-not-a-number"),
    pytest.param(b'{"_meta": {"1": {"schema": "1"}}}', "wrong_format", id="schema-not-a-number"),
    pytest.param(b'{"_meta": {"1": {}}}', "wrong_format", id="schema-missing"),
    pytest.param(b'{"_meta": {"1": {"schema": 99}}, "state": {}}', "schema_newer", id="schema-newer"),
]


@pytest.mark.parametrize(("damage", "reason"), DAMAGE)
def test_damaged_file_is_reported_kept_and_restorable(db_path: Path, damage: bytes, reason: str) -> None:
    store = Store(db_path)
    save_versions(store, 3)
    newest = store.backups()[0]
    db_path.write_bytes(damage)
    backups_before = store.backups()

    with pytest.raises(StoreCorrupt) as from_read:
        store.read()
    ran = False
    with pytest.raises(StoreCorrupt) as from_transaction, store.transaction() as db:
        ran = True
        db.table("state").insert({"v": 99})
    assert not ran, "the block must not run on a damaged file"
    assert db_path.read_bytes() == damage, "a damaged file is never written over"
    assert store.backups() == backups_before

    for error in (from_read.value, from_transaction.value):
        assert error.reason == reason
        assert isinstance(error, StoreTooNew) == (reason == "schema_newer")
        assert error.backup == newest
        for lang in ("en", "zh"):
            text = error.message(lang)
            assert str(db_path) in text and str(newest) in text
            assert f"huabei --db {db_path} restore" in text
            assert "\n" not in text

    restored_from, damaged = store.restore()
    assert restored_from == newest
    assert damaged is not None and damaged.parent == db_path.parent
    assert damaged.name.startswith("data.json.damaged-")
    assert damaged.read_bytes() == damage, "the damaged copy is kept as it was"
    assert store.read() == {"state": {"1": {"v": 2}}}
    assert db_path.stat().st_mode & 0o777 == 0o600
    with store.transaction() as db:  # and the store is usable again
        db.table("state").insert({"v": 3})


def test_too_new_error_says_which_versions(db_path: Path) -> None:
    db_path.write_text(json.dumps({"_meta": {"1": {"schema": 7}}}))
    with pytest.raises(StoreTooNew) as caught:
        Store(db_path).read()
    assert (caught.value.found, caught.value.supported) == (7, migrations.CURRENT_SCHEMA)
    assert caught.value.backup is None
    assert "Upgrade huabei" in str(caught.value)
    assert "升级" in caught.value.message("zh")


def test_damaged_without_backup_says_so_and_restore_refuses(db_path: Path) -> None:
    db_path.write_bytes(b"{not json")
    store = Store(db_path)
    with pytest.raises(StoreCorrupt) as caught:
        store.read()
    assert caught.value.backup is None
    assert caught.value.key == "store.corrupt.no_backup"
    assert "No good backup" in str(caught.value)
    assert "没有找到完好的备份" in caught.value.message("zh")
    with pytest.raises(StoreNoBackup):
        store.restore()
    assert db_path.read_bytes() == b"{not json"
    assert sorted(p.name for p in db_path.parent.iterdir()) == ["data.json", "data.json.lock"]


def test_newest_good_backup_skips_bad_backups(db_path: Path) -> None:
    store = Store(db_path)
    save_versions(store, 4)  # backups: v3, v2, v1 (newest first)
    newest, second, oldest = store.backups()
    newest.write_bytes(b'{"state": ')  # backups are separate files: damaging one touches nothing else
    second.write_text(json.dumps({"_meta": {"1": {"schema": 42}}}))
    assert store.newest_good_backup() == oldest
    db_path.write_bytes(b"")
    with pytest.raises(StoreCorrupt) as caught:
        store.read()
    assert caught.value.backup == oldest
    assert store.restore()[0] == oldest
    assert store.read() == {"state": {"1": {"v": 1}}}


def test_restore_a_chosen_backup_of_a_good_file(db_path: Path) -> None:
    store = Store(db_path)
    save_versions(store, 3)
    current = db_path.read_bytes()
    oldest = store.backups()[-1]
    restored_from, previous = store.restore(oldest)
    assert restored_from == oldest
    assert previous is not None and previous.read_bytes() == current
    assert store.read() == {"state": {"1": {"v": 1}}}
    assert oldest.exists(), "restoring copies the backup, it does not use it up"


def test_restore_when_the_file_is_gone(db_path: Path) -> None:
    store = Store(db_path)
    save_versions(store, 2)
    db_path.unlink()
    assert store.restore() == (store.backups()[0], None)
    assert store.read() == {"state": {"1": {"v": 1}}}


def test_restore_refuses_a_damaged_backup(db_path: Path) -> None:
    store = Store(db_path)
    save_versions(store, 3)
    bad = store.backups()[0]
    bad.write_bytes(b"[]")
    current = db_path.read_bytes()
    with pytest.raises(StoreCorrupt) as caught:
        store.restore(bad)
    assert caught.value.path == bad
    assert f"--db {db_path} restore" in str(caught.value)
    assert db_path.read_bytes() == current
    assert not list(db_path.parent.glob("*.damaged-*"))


def test_repeated_restores_never_overwrite_a_damaged_copy(db_path: Path) -> None:
    store = Store(db_path)
    save_versions(store, 2)
    kept = []
    for content in (b"one", b"two", b"three"):
        db_path.write_bytes(content)
        kept.append(store.restore()[1])
    assert len(set(kept)) == 3
    assert [p.read_bytes() for p in kept if p] == [b"one", b"two", b"three"]


@pytest.mark.parametrize("name", ["d\x1b]0;x\x07ata.json", "c1\x9b2J.json", "\u202enosj.json"])
def test_the_restore_command_writes_a_data_file_with_control_characters_in_escapes(tmp_path: Path,
                                                                                  name: str) -> None:
    """The suggested ``huabei --db PATH restore`` quoted the path with ``shlex.quote``, which kept ESC, C1 and bidi
    controls; the message is cleaned before it is shown (``describe_error``), so they were dropped and the command
    named another file. Now the path is in ANSI-C quoting (``$'…\\e…'``), shown as it is and the file when pasted."""
    from huabei_tui.domain.shell_words import shell_quote
    from huabei_tui.i18n import describe_error

    db_path = tmp_path / name
    store = Store(db_path)
    save_versions(store, 3)
    bad = store.backups()[0]
    bad.write_bytes(b"[]")
    with pytest.raises(StoreCorrupt) as from_restore:  # a damaged backup: the command restores the data file
        store.restore(bad)
    db_path.write_bytes(b"")
    with pytest.raises(StoreCorrupt) as from_read:
        store.read()
    word = shell_quote(str(db_path))
    assert word.startswith("$'") and word.isprintable()
    for error in (from_restore.value, from_read.value):
        for lang in ("en", "zh"):
            assert f"huabei --db {word} restore" in describe_error(error, lang)  # as the CLI and the app show it
