"""The `chartkey` command-line contract that scripts and benchmarks rely on."""

import json
import subprocess
import sys

import pytest

from tests.conftest import ROOT, run_cli


def search_json(reference_path, *args):
    result = run_cli("search", *args, "--json", "--codes", str(reference_path))
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_chf_has_a_heart_failure_code_in_the_top_5(reference_path):
    found = search_json(reference_path, "chf")
    assert any(r["code"].startswith("I50") for r in found[:5])
    assert set(found[0]) >= {"code", "system", "description", "billable"}


def test_appendicitis_acute_perforated(reference_path):
    found = search_json(reference_path, "appendicitis acute perforated")
    assert any(r["code"].startswith("K35") and "with perforation" in r["description"] for r in found[:5])


def test_0sr9_lists_hip_replacements(reference_path):
    found = search_json(reference_path, "0SR9", "--system", "pcs")
    assert found and all(r["code"].startswith("0SR9") and r["system"] == "pcs" for r in found)
    assert all("Replacement of Right Hip Joint" in r["description"] for r in found)


def test_pneumonai_has_j18_9_in_the_top_10(reference_path):
    assert "J18.9" in [r["code"] for r in search_json(reference_path, "pneumonai")[:10]]


def test_table_output_is_readable(reference_path):
    result = run_cli("search", "chf", "--limit", "3", "--codes", str(reference_path))
    assert result.returncode == 0
    lines = result.stdout.decode().splitlines()
    assert lines[0].startswith("I50.9") and "Heart failure, unspecified" in lines[0]


@pytest.mark.parametrize("query", ["", "   ", "?!.,", "qqqqzzzz xxyyzz"])
def test_empty_or_nonsense_prints_empty_array(reference_path, query):
    result = run_cli("search", query, "--json", "--codes", str(reference_path))
    assert result.returncode == 0
    assert result.stdout == b"[]\n"


def test_stdin_mode_answers_line_by_line_and_flushes(reference_path):
    proc = subprocess.Popen(
        [sys.executable, "-m", "tui.cli", "search", "-", "--json", "--codes", str(reference_path)],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=ROOT,
    )
    try:
        proc.stdin.write(b"chf\n")
        proc.stdin.flush()
        first = json.loads(proc.stdout.readline())  # answered before more input arrives
        assert first[0]["code"].startswith("I50")
        proc.stdin.write(b"0SR9\n\n")
        proc.stdin.flush()
        assert json.loads(proc.stdout.readline())[0]["code"].startswith("0SR9")
        assert json.loads(proc.stdout.readline()) == []
        proc.stdin.close()
        assert proc.wait(timeout=30) == 0
    finally:
        proc.kill()


def test_stdin_mode_survives_bad_bytes_long_lines_and_fts_syntax(reference_path):
    lines = [b"\xff\xfe\xfa heart failure", b"x" * 10000, b'"NEAR(heart failure)" AND -(x*)', b"text : code : I50",
             b"\x1b[2J\x1b]0;pwned\x07", b"chf"]
    result = run_cli("search", "-", "--json", "--codes", str(reference_path), stdin=b"\n".join(lines) + b"\n")
    assert result.returncode == 0, result.stderr
    answers = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(answers) == len(lines)
    assert answers[0] and answers[0][0]["code"].startswith("I50")
    assert answers[-1][0]["code"].startswith("I50")
    assert b"Traceback" not in result.stderr


@pytest.mark.parametrize(
    "args",
    [["--help"], ["search", "--help"], ["codeset", "--help"], ["codeset", "build", "--help"], ["codeset", "info", "--help"]],
)
def test_every_subcommand_has_help(args):
    result = run_cli(*args)
    assert result.returncode == 0
    assert result.stdout.startswith(b"usage: chartkey")


def test_help_lists_subcommands():
    out = run_cli("--help").stdout.decode()
    assert "search" in out and "codeset" in out


@pytest.mark.parametrize(
    "args",
    [["bogus"], ["search"], ["search", "x", "--limit", "0"], ["search", "x", "--limit", "ten"],
     ["search", "x", "--system", "icd9"], ["codeset"], ["codeset", "explode"], ["search", "x", "--nope"]],
)
def test_bad_arguments_exit_2_with_one_line(args):
    result = run_cli(*args)
    assert result.returncode == 2
    err = result.stderr.decode()
    assert err.count("\n") == 1 and "error:" in err and "Traceback" not in err


def test_corrupt_reference_is_named_with_how_to_rebuild(tmp_path):
    bad = tmp_path / "codes.sqlite"
    bad.write_bytes(b"garbage" * 1000)
    result = run_cli("search", "chf", "--codes", str(bad))
    assert result.returncode == 1
    err = result.stderr.decode()
    assert str(bad) in err and "chartkey codeset build" in err and "Traceback" not in err


def test_codeset_info_names_sources_years_and_counts(reference_path):
    result = run_cli("codeset", "info", "--codes", str(reference_path))
    out = result.stdout.decode()
    assert "ICD-10-CM: FY2026, April 1, 2026 update" in out
    assert "98,505 codes, 74,719 billable" in out
    assert "ICD-10-PCS" in out and "abbreviations" in out
    info = json.loads(run_cli("codeset", "info", "--json", "--codes", str(reference_path)).stdout)
    assert {s["system"] for s in info["systems"]} == {"cm", "pcs"}


def test_env_variable_points_at_the_reference(reference_path):
    result = run_cli("search", "chf", "--json", env={"CHARTKEY_CODES": str(reference_path)})
    assert json.loads(result.stdout)[0]["code"].startswith("I50")


def test_codeset_build_replaces_atomically(tmp_path):
    target = tmp_path / "built.sqlite"
    result = run_cli("codeset", "build", "--codes", str(target), timeout=120)
    assert result.returncode == 0, result.stderr
    assert "Built" in result.stdout.decode() and target.exists()
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".building")]
