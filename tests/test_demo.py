"""The demo store: enough varied synthetic stays, a valid answer key, obviously fake people."""

import json
from datetime import date, datetime, timezone

import pytest

from db.abstract import parse_abstract, validate
from db.demo import create_demo_store
from db.records import documents, get_record, queue_counts
from tests.conftest import run_cli


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    store = create_demo_store(tmp_path_factory.mktemp("demo") / "demo.sqlite", "mgr")
    yield store
    store.close()


def test_two_hundred_stays_across_at_least_25_scenarios(demo):
    assert queue_counts(demo)["ready"] == 200
    scenarios = {row[0] for row in demo.con.execute("SELECT scenario FROM answer_key")}
    assert len(scenarios) >= 25


def test_answer_keys_are_committable_abstracts(demo, ref):
    for (expected,) in demo.con.execute("SELECT expected FROM answer_key"):
        abstract = parse_abstract(json.loads(expected))
        assert validate(abstract, ref) == [], expected


def test_people_are_obviously_fake_and_dates_recent(demo):
    today = datetime.now(timezone.utc).date()
    for name, admit, discharge in demo.con.execute("SELECT patient_name, admit_date, discharge_date FROM records"):
        assert name.startswith("Zztest, ")
        assert 0 <= (today - date.fromisoformat(discharge)).days <= 36
        assert date.fromisoformat(admit) <= date.fromisoformat(discharge)


def test_procedures_come_with_an_operative_note(demo):
    for record_id, expected in demo.con.execute("SELECT record_id, expected FROM answer_key"):
        kinds = {d.doc_type for d in documents(demo, record_id)}
        assert "discharge summary" in kinds
        if json.loads(expected)["procedures"]:
            assert "operative note" in kinds
        record = get_record(demo, record_id)
        for proc in json.loads(expected)["procedures"]:
            assert record.admit_date <= proc["date"] <= record.discharge_date


def test_demo_command(tmp_path):
    path = tmp_path / "d.sqlite"
    result = run_cli("demo", "--db", str(path), "--records", "30")
    assert result.returncode == 0, result.stderr
    assert json.loads(run_cli("queue", "--json", "--db", str(path)).stdout)["ready"] == 30
    again = run_cli("demo", "--db", str(path))
    assert again.returncode == 1 and b"--force" in again.stderr
