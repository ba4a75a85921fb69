"""The store commands' contract: JSON shapes and exit codes scripts rely on."""

import json

import pytest

from tests.conftest import run_cli
from tests.store_helpers import GOOD_ABSTRACT, MANAGER, make_store


@pytest.fixture
def env(tmp_path, reference_path):
    store = make_store(tmp_path / "store.sqlite", records=2, coders=("alice", "bob"))
    store.close()
    return {"CHARTKEY_DB": str(tmp_path / "store.sqlite"), "CHARTKEY_CODES": str(reference_path)}


def as_user(env, user):
    return {**env, "USER": user, "LOGNAME": user}


def test_queue_json(env):
    result = run_cli("queue", "--json", env=env)
    assert json.loads(result.stdout) == {"ready": 2, "in_progress": 0, "on_hold": 0, "coded": 0, "reviewed": 0}


def test_claim_commit_and_exit_codes(env, tmp_path):
    alice, bob = as_user(env, "alice"), as_user(env, "bob")
    claimed = json.loads(run_cli("claim", "--json", env=alice).stdout)
    assert set(claimed) >= {"id", "account", "version"}
    account = claimed["account"]
    abstract = tmp_path / "a.json"
    abstract.write_text(json.dumps(GOOD_ABSTRACT))
    # bob does not hold it: conflict
    assert run_cli("commit", account, "--abstract", str(abstract), env=bob).returncode == 4
    # invalid abstract: 5, one problem per line
    bad = run_cli("commit", account, "--abstract", "-", stdin=b'{"sdx": [{"code": "I50"}]}', env=alice)
    assert bad.returncode == 5
    lines = bad.stderr.decode().splitlines()
    assert "no principal diagnosis" in lines and any("I50: a header" in line for line in lines)
    ok = run_cli("commit", account, "--abstract", str(abstract), env=alice)
    assert ok.returncode == 0, ok.stderr
    # committed: the lease is gone, a second commit conflicts
    assert run_cli("commit", account, "--abstract", str(abstract), env=alice).returncode == 4
    assert json.loads(run_cli("claim", "--json", env=bob).stdout)["account"] != account
    nothing = run_cli("claim", "--json", env=bob)
    assert nothing.returncode == 3 and b"Nothing is free" in nothing.stderr


def test_claim_named_account_taken_by_another(env):
    run_cli("claim", "T00001", env=as_user(env, "alice"))
    taken = run_cli("claim", "T00001", env=as_user(env, "bob"))
    assert taken.returncode == 4 and b"being coded by alice" in taken.stderr


def test_unknown_user_is_not_a_coder(env):
    result = run_cli("claim", env=as_user(env, "mallory"))
    assert result.returncode == 1
    assert b"mallory is not a coder on this store" in result.stderr and b"Traceback" not in result.stderr


def test_coder_add_and_list(env):
    assert run_cli("coder", "add", "carol", "--role", "reviewer", env=as_user(env, "alice")).returncode == 1
    assert run_cli("coder", "add", "carol", "--role", "reviewer", env=as_user(env, MANAGER)).returncode == 0
    listing = run_cli("coder", "list", env=env).stdout.decode()
    assert "carol" in listing and "reviewer" in listing


def test_hold_and_unhold(env):
    alice = as_user(env, "alice")
    run_cli("claim", "T00002", env=alice)
    assert run_cli("hold", "T00002", "--reason", "query", "--query", "Type of heart failure?", env=alice).returncode == 0
    assert json.loads(run_cli("queue", "--json", env=env).stdout)["on_hold"] == 1
    assert run_cli("unhold", "T00002", env=alice).returncode == 0


def test_missing_store_message(tmp_path):
    result = run_cli("queue", env={"CHARTKEY_DB": str(tmp_path / "none.sqlite")})
    assert result.returncode == 1 and b"chartkey demo" in result.stderr
