"""Importing official CMS files: detection, validation, atomic rebuild, several fiscal
years side by side, Alphabetic Index search, the Neoplasm and Drug tables."""

import shutil
from datetime import date
from pathlib import Path

import pytest

from db.abstract import parse_abstract, validate
from db.codeset_import import ImportFailed, import_codesets, imports_dir
from db.index_tables import headings, search_table
from db.reference import Reference
from db.search import search
from tests.conftest import run_cli

FIXTURES = Path(__file__).parent / "fixtures" / "cms"
SHARED = Path(__file__).resolve().parents[2] / "shared" / "cms"


def order_line(n: int, code: str, title: str) -> str:
    return f"{n:05d} {code:<7} 1 {title[:60]:<60} {title}"


@pytest.fixture(scope="module")
def imported(tmp_path_factory, reference_path):
    """The session's reference database plus every fixture kind and a FY2027 CM order file."""
    folder = tmp_path_factory.mktemp("imported")
    target = folder / "reference.sqlite"
    shutil.copy(reference_path, target)
    fy2027 = folder / "icd10cm_order_2027.txt"
    fy2027.write_text("\n".join([order_line(1, "I5023", "Acute on chronic systolic (congestive) heart failure"),
                                 order_line(2, "N184", "Chronic kidney disease, stage 4 (severe)")]) + "\n")
    files = sorted(p for p in FIXTURES.iterdir() if p.suffix in (".xml", ".txt")) + [fy2027]
    messages = []
    imported_files, report = import_codesets(target, files, progress=messages.append)
    return target, imported_files, messages


def test_every_kind_is_detected_and_imported(imported):
    target, files, messages = imported
    kinds = {f.kind for f in files}
    assert kinds >= {"cm_index", "cm_eindex", "cm_neoplasm", "cm_drug", "cm_order", "pcs_tables", "pcs_index",
                     "pcs_definitions", "pcs_order"}
    assert any("checking" in m for m in messages) and any("indexing" in m for m in messages)  # progress
    ref = Reference(target)
    assert {k for k, *_ in ref.imports()} == kinds
    assert (imports_dir(target) / "imports.json").exists()


def test_index_paths_are_searched_with_the_tabular(imported):
    ref = Reference(imported[0])
    found = search("amyloidosis heart", "cm", 5, ref=ref)
    assert found[0].code == "E85.4" and found[0].match.startswith("index: Amyloidosis > heart")
    fracture = [r for r in search("fracture femur neck", "cm", 10, ref=ref) if r.match.startswith("index:")]
    assert fracture and fracture[0].code == "S72.00"  # "S72.00-": incomplete, the coder finishes it
    assert "Fracture, traumatic > femur, femoral > neck" in fracture[0].match
    # a PCS index entry gives a partial code, to finish in the builder
    pcs = search("abdominohysterectomy", "pcs", 5, ref=ref)
    assert pcs[0].code == "0UT9" and not pcs[0].billable


def test_neoplasm_and_drug_table_columns(imported):
    ref = Reference(imported[0])
    assert headings(ref, "neoplasm")[:2] == ["Malignant Primary", "Malignant Secondary"]
    row = search_table(ref, "neoplasm", "abdomen")[0]
    assert row.path == "Neoplasm, neoplastic > abdomen, abdominal"
    assert row.cells == ("C762", "C798-", "D098", "D367", "D487", "D4989")
    drug = search_table(ref, "drug", "propanol")[0]
    assert drug.cells[:4] == ("T512X1", "T512X2", "T512X3", "T512X4") and drug.cells[4:] == (None, None)


def test_a_code_valid_in_one_fiscal_year_and_not_the_other(imported):
    ref = Reference(imported[0])
    assert 2027 in ref.installed_years("cm")
    abstract = parse_abstract({"pdx": {"code": "I50.23", "poa": "Y"}, "sdx": [{"code": "J18.9", "poa": "Y"}]})
    assert validate(abstract, ref, date(2026, 9, 30)) == []  # FY2026: both valid
    assert validate(abstract, ref, date(2026, 10, 1)) == ["J18.9: not a valid code for FY2027 discharges"]


def test_a_truncated_file_changes_nothing(imported, tmp_path):
    target = imported[0]
    before = target.stat().st_ino, (imports_dir(target) / "imports.json").read_text()
    broken = tmp_path / "icd10cm_index_2028.xml"
    broken.write_text((FIXTURES / "icd10cm_index_2026.xml").read_text()[:600])
    with pytest.raises(ImportFailed, match="icd10cm_index_2028.xml"):
        import_codesets(target, [broken])
    assert (target.stat().st_ino, (imports_dir(target) / "imports.json").read_text()) == before


def test_cli_import_and_info(imported, tmp_path):
    target = imported[0]
    bad = tmp_path / "notes.txt"
    bad.write_text("hello")
    result = run_cli("codeset", "import", str(bad), "--codes", str(target))
    assert result.returncode == 1 and b"nothing imported" in result.stderr and b"notes.txt" in result.stderr
    info = run_cli("codeset", "info", "--codes", str(target)).stdout.decode()
    assert "Imported CMS files:" in info and "cm neoplasm" in info and "FY2027" in info


def test_a_running_app_sees_the_new_database_on_its_next_chart(imported, tmp_path):
    target = imported[0]
    copy = tmp_path / "reference.sqlite"
    shutil.copy(target, copy)
    opened = Reference(copy)
    assert not opened.is_stale()
    shutil.copy(target, tmp_path / "new.sqlite")
    (tmp_path / "new.sqlite").replace(copy)  # what an import's rename does
    assert opened.is_stale()


@pytest.mark.skipif(not SHARED.exists(), reason="../shared/cms (real CMS files) is not present")
def test_a_full_year_of_real_cms_files(tmp_path, reference_path):
    target = tmp_path / "reference.sqlite"
    shutil.copy(reference_path, target)
    files = [SHARED / n for n in ("icd-10-cm-eindex-2025.xml", "icd-10-cm-neoplasm-2025.xml", "icd-10-cm-drug-2025.xml",
                                  "icd10pcs_tables_2025.xml", "icd10pcs_index_2025.xml",
                                  "icd10pcs_definitions_2025.xml", "table5_fy2026.txt")]
    imported_files, report = import_codesets(target, files)
    assert {f.kind for f in imported_files} == {"cm_eindex", "cm_neoplasm", "cm_drug", "pcs_tables", "pcs_index",
                                                 "pcs_definitions", "table5"}
    ref = Reference(target)
    assert ref.installed_years("pcs") == [2025]
    assert ref.valid_in("pcs", "0SR9019", 2025) and not ref.valid_in("pcs", "X27H385", 2025)  # deleted in FY2025
    hit = search("bare foot water skiier", "cm", 5, ref=ref)
    assert hit[0].code == "V94.4" and hit[0].match.startswith("index: Accident > bare foot water skiier")
    see = search("accident automobile", "cm", 3, ref=ref)  # a "see" reference, followed to its code
    assert see[0].code == "V49.9" and "(see Accident, transport, car occupant)" in see[0].match
    assert search_table(ref, "neoplasm", "abdomen cavity")[0].cells[0] == "C762"


async def test_tables_screen_posts_the_column_code(imported, tmp_path):
    from tests.app_helpers import demo_store, make_app, type_text, wait_for
    from tests.test_app_flow import open_next_chart

    store = demo_store(tmp_path / "demo.sqlite")
    app = make_app(imported[0], store)
    async with app.run_test(size=(120, 36)) as pilot:
        chart = await open_next_chart(pilot, app)
        await pilot.press("ctrl+o")
        await wait_for(pilot, lambda: type(app.screen).__name__ == "TablesScreen" and app.screen.heads,
                       what="the tables")
        await type_text(pilot, "abdomen")
        await wait_for(pilot, lambda: app.screen.hits and app.screen.hits[0].path.endswith("abdomen, abdominal"),
                       what="the abdomen row")
        await pilot.press("down", "1")  # Malignant Primary
        await wait_for(pilot, lambda: type(app.screen).__name__ == "ChartScreen", what="back on the chart")
        assert chart.abstract.pdx.code == "C762"
