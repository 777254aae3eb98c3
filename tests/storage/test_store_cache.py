"""Reading an unchanged file again costs a ``stat``, not a decode; any save, from any process, is seen at once.

Every command reads the file twice (the language setting, then the ledger); on a ten-year history each decode
costs milliseconds, so ``Store`` keeps the decoded tables with the file's signature.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from huabei_tui.storage import store as store_module
from huabei_tui.storage.repository import Repository
from huabei_tui.storage.store import Store

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def decodes(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Counts how many times the store decodes a data file."""
    calls: list[int] = []
    real = store_module.decode_file

    def counting(raw: bytes) -> tuple[store_module.Tables, store_module.Parts]:
        calls.append(len(raw))
        return real(raw)

    monkeypatch.setattr(store_module, "decode_file", counting)
    return calls


def save(store: Store, table: str, doc: dict) -> None:
    with store.transaction() as db:
        db.table(table).insert(doc)


def save_from_another_process(path: Path, table: str, doc: dict) -> None:
    code = (
        "import json, sys\n"
        f"sys.path.insert(0, {str(ROOT)!r})\n"
        "from huabei_tui.storage.store import Store\n"
        "with Store(sys.argv[1]).transaction() as db:\n"
        "    db.table(sys.argv[2]).insert(json.loads(sys.argv[3]))\n"
    )
    subprocess.run([sys.executable, "-c", code, str(path), table, json.dumps(doc)], check=True, timeout=60)


def test_second_read_of_an_unchanged_file_does_not_decode(db_path: Path, decodes: list[int]) -> None:
    save(Store(db_path), "notes", {"text": "花呗"})
    store = Store(db_path)  # a new command: nothing cached yet
    decodes.clear()
    first = store.read()
    assert store.read() == first
    assert store.read_shared() == first
    assert len(decodes) == 1


def test_a_save_by_another_process_is_read(db_path: Path, decodes: list[int]) -> None:
    store = Store(db_path)
    save(store, "notes", {"text": "one"})
    assert [d["text"] for d in store.read()["notes"].values()] == ["one"]
    save_from_another_process(db_path, "notes", {"text": "two"})
    decodes.clear()
    assert [d["text"] for d in store.read()["notes"].values()] == ["one", "two"]
    assert len(decodes) == 1


def test_a_file_replaced_by_hand_is_read(db_path: Path) -> None:
    """An editor that writes a new file, same size, same mtime: the inode still tells it apart."""
    store = Store(db_path)
    save(store, "notes", {"text": "aaa"})
    assert store.read()["notes"]["1"]["text"] == "aaa"
    before = os.stat(db_path)
    replacement = db_path.with_name("new.json")
    replacement.write_bytes(db_path.read_bytes().replace(b'"aaa"', b'"bbb"'))
    os.utime(replacement, ns=(before.st_atime_ns, before.st_mtime_ns))
    os.replace(replacement, db_path)
    assert store.read()["notes"]["1"]["text"] == "bbb"


def test_a_file_rewritten_in_place_is_read(db_path: Path) -> None:
    store = Store(db_path)
    save(store, "notes", {"text": "short"})
    assert store.read()["notes"]["1"]["text"] == "short"
    with open(db_path, "r+b") as handle:  # same inode, new size and mtime
        handle.write(db_path.read_bytes().replace(b'"short"', b'"longer text"'))
    assert store.read()["notes"]["1"]["text"] == "longer text"


def test_own_save_is_read(db_path: Path, decodes: list[int]) -> None:
    store = Store(db_path)
    save(store, "notes", {"text": "one"})
    assert len(store.read()["notes"]) == 1
    save(store, "notes", {"text": "two"})
    assert len(store.read()["notes"]) == 2
    with store.transaction() as db:  # a save that changes nothing keeps the cache
        db.table("notes").all()
    decodes.clear()
    assert len(store.read()["notes"]) == 2
    assert decodes == []


def test_restore_is_read(db_path: Path) -> None:
    store = Store(db_path)
    save(store, "notes", {"text": "one"})
    save(store, "notes", {"text": "two"})
    assert len(store.read()["notes"]) == 2
    store.restore()
    assert len(store.read()["notes"]) == 1


def test_a_deleted_file_reads_empty(db_path: Path) -> None:
    store = Store(db_path)
    save(store, "notes", {"text": "one"})
    assert store.read()
    db_path.unlink()
    assert store.read() == {}


def test_callers_cannot_change_the_cached_tables(db_path: Path) -> None:
    store = Store(db_path)
    save(store, "notes", {"text": "one", "tags": ["a"], "meta": {"k": [1]}})
    mine = store.read()
    mine["notes"]["1"]["text"] = "changed"
    mine["notes"]["1"]["tags"].append("b")
    mine["notes"]["1"]["meta"]["k"].append(2)
    mine["notes"]["2"] = {"text": "added"}
    mine["other"] = {}
    assert store.read() == {"notes": {"1": {"text": "one", "tags": ["a"], "meta": {"k": [1]}}}}
    assert store.read_shared() == store.read()


def test_a_failed_transaction_leaves_the_cached_tables_alone(db_path: Path) -> None:
    store = Store(db_path)
    save(store, "notes", {"text": "one"})
    before = store.read()
    with pytest.raises(RuntimeError), store.transaction() as db:
        db.table("notes").insert({"text": "two"})
        db.table("notes").update({"text": "changed"}, doc_ids=[1])
        raise RuntimeError("abandon")
    assert store.read() == before
    assert store.read_shared() == before


def test_repository_reads_a_command_s_file_once(db_path: Path, decodes: list[int]) -> None:
    Repository(Store(db_path)).set_setting("lang", "en")
    repo = Repository(Store(db_path))  # a new command
    decodes.clear()
    assert repo.setting("lang") == "en"
    repo.load()
    repo.load()
    assert len(decodes) == 1


def test_damaged_file_is_not_cached(db_path: Path) -> None:
    store = Store(db_path)
    save(store, "notes", {"text": "one"})
    good = db_path.read_bytes()
    db_path.write_bytes(b"{not json")
    with pytest.raises(store_module.StoreCorrupt):
        store.read()
    with pytest.raises(store_module.StoreCorrupt):
        store.read()
    db_path.write_bytes(good)
    assert store.read()["notes"]["1"]["text"] == "one"


def test_a_change_starts_from_the_file_even_when_its_signature_repeats(db_path: Path) -> None:
    """The cache trusts the signature; a save must not. Here another writer's change keeps inode, size and
    mtime (as an inode reused within one timestamp tick could): a read may be stale, a save may not lose it."""
    store = Store(db_path)
    save(store, "notes", {"text": "aaa"})
    assert store.read()["notes"]["1"]["text"] == "aaa"  # now cached
    signature = store.signature()
    before = os.stat(db_path)
    with open(db_path, "r+b") as handle:
        handle.write(db_path.read_bytes().replace(b'"aaa"', b'"bbb"'))
    os.utime(db_path, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert store.signature() == signature
    save(store, "notes", {"text": "ccc"})
    stored = json.loads(db_path.read_text(encoding="utf-8"))["notes"]
    assert [doc["text"] for doc in stored.values()] == ["bbb", "ccc"]
    assert [doc["text"] for doc in store.read()["notes"].values()] == ["bbb", "ccc"]


def test_after_its_own_save_the_store_reads_without_decoding(db_path: Path, decodes: list[int]) -> None:
    """The app reloads after each change it makes: the saved tables are what the file now holds."""
    store = Store(db_path)
    save(store, "notes", {"text": "one"})
    decodes.clear()
    assert [d["text"] for d in store.read()["notes"].values()] == ["one"]
    assert decodes == []
    save_from_another_process(db_path, "notes", {"text": "two"})  # and another writer is still seen
    assert [d["text"] for d in store.read()["notes"].values()] == ["one", "two"]
    assert len(decodes) == 1


def test_a_transaction_that_changes_nothing_leaves_a_hand_formatted_file_alone(db_path: Path) -> None:
    """A transaction that writes nothing through TinyDB leaves the file alone, whatever form it is in."""
    save(Store(db_path), "notes", {"text": "one"})
    pretty = json.dumps(json.loads(db_path.read_text(encoding="utf-8")), indent=4, ensure_ascii=False).encode()
    db_path.write_bytes(pretty)
    store = Store(db_path)
    with store.transaction() as db:
        assert db.table("notes").all()[0]["text"] == "one"
    assert db_path.read_bytes() == pretty
    assert store.backups() == []


def test_a_change_that_lands_on_the_same_content_writes_nothing(db_path: Path) -> None:
    store = Store(db_path)
    save(store, "notes", {"text": "one"})
    before = os.stat(db_path)
    with store.transaction() as db:  # TinyDB writes, but the content is what it was
        db.table("notes").update({"text": "one"}, doc_ids=[1])
    after = os.stat(db_path)
    assert (after.st_ino, after.st_mtime_ns) == (before.st_ino, before.st_mtime_ns)
    assert store.backups() == []
