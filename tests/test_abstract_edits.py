"""Editing an abstract the way the chart screen does: posting, sequencing, POA."""

import pytest

from db.abstract import Abstract, AbstractEditError


def codes(a):
    return [d.code for d in a.diagnoses()]


def test_first_posted_diagnosis_is_principal_then_secondaries():
    a = Abstract()
    a.post_secondary("I5023")
    a.post_secondary("N184")
    assert a.pdx.code == "I5023" and codes(a) == ["I5023", "N184"]
    with pytest.raises(AbstractEditError, match="already on the abstract"):
        a.post_secondary("N184")


def test_post_principal_moves_the_old_one_down():
    a = Abstract()
    a.post_secondary("I5023")
    a.post_secondary("N184")
    a.post_principal("I130")
    assert codes(a) == ["I130", "I5023", "N184"]
    a.post_principal("N184", "Y")  # an existing secondary becomes principal
    assert codes(a) == ["N184", "I130", "I5023"]


def test_sequencing_moves_and_delete():
    a = Abstract()
    for c in ("A", "B", "C"):
        a.post_secondary(c)
    assert a.move_diagnosis(2, -1) == 1 and codes(a) == ["A", "C", "B"]
    assert a.move_diagnosis(1, -1) == 0 and codes(a) == ["C", "A", "B"]
    assert a.move_diagnosis(0, -1) == 0  # already first
    a.delete_diagnosis(0)
    assert codes(a) == ["A", "B"] and a.pdx.code == "A"
    a.delete_diagnosis(0)
    a.delete_diagnosis(0)
    assert a.pdx is None and a.sdx == []


def test_poa_values():
    a = Abstract()
    a.post_secondary("I5023")
    a.set_poa(0, "Y")
    assert a.pdx.poa == "Y"
    with pytest.raises(AbstractEditError):
        a.set_poa(0, "X")


def test_procedures():
    a = Abstract()
    a.post_procedure("02703DZ", "2026-11-02")
    a.post_procedure("4A023N7", "2026-11-01")
    assert a.move_procedure(1, -1) == 0 and [p.code for p in a.procedures] == ["4A023N7", "02703DZ"]
    with pytest.raises(AbstractEditError):
        a.post_procedure("02703DZ", "2026-11-02")


def test_limits():
    a = Abstract()
    for n in range(25):
        a.post_secondary(f"E{n:02d}")
    with pytest.raises(AbstractEditError, match="at most 24"):
        a.post_secondary("Z99")
    for n in range(12):  # external causes have their own 12 places
        a.post_secondary(f"W{n:02d}")
    with pytest.raises(AbstractEditError, match="at most 12 external"):
        a.post_secondary("Y99")
