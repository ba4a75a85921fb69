"""The shared store: settings, coders, audit, permissions, migrations."""

import json
import os
import sqlite3
import stat

import pytest

from db import store_schema
from db.records import get_record, queue_counts
from db.store import Forbidden, NotACoder, ReadOnlyStore, Store, StoreError
from tests.store_helpers import MANAGER, make_store, record_json


@pytest.fixture
def store(tmp_path):
    s = make_store(tmp_path / "store.sqlite")
    yield s
    s.close()


def test_connection_settings(store):
    con = store.con
    assert con.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert con.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
    assert con.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert con.execute("PRAGMA busy_timeout").fetchone()[0] >= 10000
    assert con.execute("PRAGMA user_version").fetchone()[0] == store_schema.LATEST


def test_new_store_is_group_shared_never_world_readable(tmp_path):
    old = os.umask(0o000)
    try:
        s = Store.open(tmp_path / "new.sqlite", create_as=MANAGER)
    finally:
        os.umask(old)
    assert stat.S_IMODE((tmp_path / "new.sqlite").stat().st_mode) == 0o660
    assert s.warnings == []


def test_world_readable_store_warns(store):
    store.path.chmod(0o664)
    again = Store.open(store.path)
    assert any("can be read by every user" in w and str(store.path) in w for w in again.warnings)


def test_creator_is_manager_and_unknown_users_are_told(store):
    assert store.coder(MANAGER).role == "manager"
    with pytest.raises(NotACoder, match="mallory is not a coder on this store"):
        store.require_coder("mallory")


def test_only_managers_add_coders(store):
    with pytest.raises(Forbidden):
        store.add_coder("alice", "eve", "manager")
    store.add_coder(MANAGER, "rita", "reviewer")
    assert store.coder("rita").role == "reviewer"


def test_missing_store_says_how_to_create_one(tmp_path):
    with pytest.raises(StoreError, match="chartkey demo"):
        Store.open(tmp_path / "nope.sqlite")


def test_audit_rows_cannot_be_updated_or_deleted(store):
    assert store.con.execute("SELECT COUNT(*) FROM audit").fetchone()[0] > 0
    with pytest.raises(sqlite3.IntegrityError, match="append-only"):
        store.con.execute("UPDATE audit SET coder = 'x'")
    with pytest.raises(sqlite3.IntegrityError, match="append-only"):
        store.con.execute("DELETE FROM audit")


def test_every_change_is_audited_with_before_and_after(store):
    store.set_setting(MANAGER, "base_rate", "7000")
    row = store.con.execute("SELECT coder, action, before, after FROM audit ORDER BY id DESC LIMIT 1").fetchone()
    assert row[0] == MANAGER and row[1] == "setting"
    assert json.loads(row[2]) == {"base_rate": "6500.00"} and json.loads(row[3]) == {"base_rate": "7000"}


def test_change_marker_moves_on_every_write(store):
    before = store.change_marker()
    store.add_coder(MANAGER, "carol")
    assert store.change_marker() == before + 1


def test_upgrade_from_the_first_schema_keeps_data(tmp_path):
    path = tmp_path / "old.sqlite"
    con = sqlite3.connect(path, isolation_level=None)
    for statement in store_schema._statements(store_schema.V1):
        con.execute(statement)
    con.execute("PRAGMA user_version = 1")
    con.execute("INSERT INTO settings VALUES ('change_seq', '5'), ('lease_minutes', '30')")
    con.execute("INSERT INTO coders VALUES ('old', 'manager', 1, '2026-01-01', 'old')")
    fields = {k: v for k, v in record_json(1).items() if k != "documents"}
    con.execute(f"INSERT INTO records ({', '.join(fields)}, imported_at) VALUES ({', '.join('?' * len(fields))}, 'x')",
                list(fields.values()))
    con.execute("INSERT INTO abstracts VALUES (1, '{}', 'old', '2026-01-02', 3)")
    con.close()
    store = Store.open(path)
    assert store.con.execute("PRAGMA user_version").fetchone()[0] == store_schema.LATEST
    assert get_record(store, "T00001").patient_name == "Zztest, Patient1"
    assert store.coder("old").role == "manager"
    row = store.con.execute("SELECT committed_by, record_version, drg, grouper_version FROM abstracts").fetchone()
    assert row == ("old", 3, None, None)


def test_read_only_store_gets_a_clear_error(store, monkeypatch):
    """A store on a read-only disk: reading works, saving says so and loses nothing."""
    path = store.path
    store.close()
    ro = sqlite3.connect(f"file:{path}?mode=ro", uri=True, isolation_level=None, check_same_thread=False)
    readonly = Store(path, ro)
    assert queue_counts(readonly)["ready"] == 10
    with pytest.raises(ReadOnlyStore, match="read-only"):
        readonly.add_coder(MANAGER, "dave")
