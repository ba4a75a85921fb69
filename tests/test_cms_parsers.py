"""Parsers of the official CMS/CDC release files: detection, every parser on
small hand-written fixtures, refusal of wrong or cut-short files, and (when the
real FY2025/FY2026 files are present) the full files."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest

from db.cms.cm_index import IndexEntry, read_cm_index
from db.cms.cm_tables import read_cm_table
from db.cms.detect import KINDS, CmsFileError, detect, find_cms_files
from db.cms.order_file import read_order_file
from db.cms.pcs_definitions import read_pcs_definitions
from db.cms.pcs_index import PcsIndexEntry, read_pcs_index
from db.cms.pcs_tables import expand_codes, read_pcs_tables

FIXTURES = Path(__file__).parent / "fixtures" / "cms"
SHARED = Path("/work/shared/cms")


def shared(name: str) -> Path:
    """A real CMS/CDC file, or skip: the release files are not part of the repository."""
    if not SHARED.is_dir():
        pytest.skip(f"{SHARED} does not exist: the real CMS/CDC release files are not available here")
    path = SHARED / name
    if not path.is_file():
        pytest.skip(f"{path} is missing from the CMS/CDC release files")
    return path


# --- detection ---------------------------------------------------------------

@pytest.mark.parametrize("name, kind", [
    ("icd10cm_index_2026.xml", "cm_index"),
    ("icd10cm_eindex_2026.xml", "cm_eindex"),
    ("icd10cm_neoplasm_2026.xml", "cm_neoplasm"),
    ("icd10cm_drug_2026.xml", "cm_drug"),
    ("icd10cm_order_2026.txt", "cm_order"),
    ("icd10pcs_tables_2026.xml", "pcs_tables"),
    ("icd10pcs_index_2026.xml", "pcs_index"),
    ("icd10pcs_definitions_2026.xml", "pcs_definitions"),
    ("icd10pcs_order_2026.txt", "pcs_order"),
])
def test_each_fixture_is_detected_with_its_year(name, kind):
    (found,) = find_cms_files([FIXTURES / name])
    assert (found.kind, found.fiscal_year, found.name) == (kind, 2026, name)
    with found.opener() as stream:
        assert stream.read() == (FIXTURES / name).read_bytes()


def test_tabular_and_table5_headers_are_recognised():
    tabular = (Path(__file__).parent / "fixtures" / "tabular_small.xml").read_bytes()
    assert detect("tabular_small.xml", tabular) == ("cm_tabular", 2031)
    table5 = (b'"TABLE 5.\x97LIST OF MEDICARE SEVERITY DIAGNOSIS-RELATED GROUPS (MS-DRGS), RELATIVE WEIGHTING '
              b'FACTORS\x97FY 2026 Final Rule"\t\t\r\nMS-DRG \tFY 2026 Final Post-Acute DRG\tWeights - Before Cap\r\n')
    assert detect("table5.txt", table5) == ("table5", 2026)


def test_year_comes_from_the_content_before_the_name():
    head = (FIXTURES / "icd10pcs_tables_2026.xml").read_bytes()[:4096]
    assert detect("icd10pcs_tables_2019.xml", head) == ("pcs_tables", 2026)
    with pytest.raises(CmsFileError, match="no fiscal year"):
        detect("tables.xml", head.replace(b"<version>2026</version>", b""))


def test_order_files_tell_cm_from_pcs_by_their_codes():
    line = "00001 {:<7} 1 {:<60} {}\n"
    assert detect("order_2026.txt", line.format("0SR9019", "Repl R Hip Jt", "Replacement ...").encode())[0] == "pcs_order"
    assert detect("order_2026.txt", line.format("S72001A", "Fx neck R femur", "Fracture ...").encode())[0] == "cm_order"
    assert detect("order_2026.txt", b"A00\r\nA000\r\n") is None  # a plain code list is not an order file


def test_zip_members_are_found_without_extracting(tmp_path):
    found = find_cms_files([FIXTURES / "icd10_release_2026.zip"])
    # the schema next to the data is passed over, not refused
    assert [(f.kind, f.fiscal_year, f.name) for f in found] == [
        ("cm_order", 2026, "release/icd10cm_order_2026.txt"),
        ("pcs_index", 2026, "release/icd10pcs_index_2026.xml"),
    ]
    assert read_order_file(found[0].opener())[0].code == "A00"
    with found[1].opener() as stream:
        assert read_pcs_index(stream)[1][0].codes == "0UT9"
    assert not list(tmp_path.iterdir())


def test_directories_are_searched_zips_included():
    found = find_cms_files([FIXTURES])
    assert sorted({f.kind for f in found}) == sorted(set(KINDS) - {"cm_tabular", "table5"})
    assert len(found) == 12  # ten files and the zip's two members


def test_unknown_files_are_refused_by_name(tmp_path):
    notes = tmp_path / "notes.txt"
    notes.write_text("not a CMS file\n")
    with pytest.raises(CmsFileError, match=r"not a recognised CMS/CDC release file: .*notes\.txt"):
        find_cms_files([FIXTURES / "icd10cm_index_2026.xml", notes])
    archive = tmp_path / "mixed.zip"
    with zipfile.ZipFile(archive, "w") as z:
        z.writestr("codes/readme.txt", "Read me first")
    with pytest.raises(CmsFileError, match=r"mixed\.zip:codes/readme\.txt"):
        find_cms_files([archive])
    broken = tmp_path / "broken.zip"
    broken.write_bytes(b"PK not really a zip")
    with pytest.raises(CmsFileError, match=r"broken\.zip: not a readable zip file"):
        find_cms_files([broken])
    with pytest.raises(CmsFileError, match="no such file"):
        find_cms_files([tmp_path / "missing.zip"])


# --- wrong or cut-short files --------------------------------------------------

def test_truncated_xml_names_the_file_and_line(tmp_path):
    data = (FIXTURES / "icd10pcs_tables_2026.xml").read_bytes()
    cut = tmp_path / "icd10pcs_tables_2026.xml"
    cut.write_bytes(data[: len(data) // 2])
    with pytest.raises(CmsFileError, match=r"icd10pcs_tables_2026\.xml: broken XML at line \d+") as err:
        read_pcs_tables(cut)
    assert "\n" not in str(err.value)


def test_a_file_of_another_kind_is_refused():
    with pytest.raises(CmsFileError, match=r"root element <ICD10PCS.index>, expected <ICD10PCS.tabular>"):
        read_pcs_tables(FIXTURES / "icd10pcs_index_2026.xml")
    with pytest.raises(CmsFileError, match="a table .Neoplasm.*read_cm_table"):
        read_cm_index(FIXTURES / "icd10cm_neoplasm_2026.xml")
    with pytest.raises(CmsFileError, match="not a Neoplasm or Drug table"):
        read_cm_table(FIXTURES / "icd10cm_index_2026.xml")


def test_pcs_row_with_a_wrong_code_count_is_refused(tmp_path):
    bad = tmp_path / "t.xml"
    bad.write_bytes((FIXTURES / "icd10pcs_tables_2026.xml").read_bytes().replace(b'codes="30"', b'codes="31"'))
    with pytest.raises(CmsFileError, match="announces 31 codes but its axes give 30"):
        read_pcs_tables(bad)


# --- ICD-10-CM index and tables -------------------------------------------------

def test_index_paths_modifiers_and_codes():
    year, entries = read_cm_index(FIXTURES / "icd10cm_index_2026.xml")
    assert year == 2026
    by_path = {e.path: e for e in entries}
    assert by_path[("Amyloidosis", "heart")] == IndexEntry(
        path=("Amyloidosis", "heart"), modifiers=("generalized", "primary"), code="E854",
        incomplete=False, see=None, see_also=None, manifestation="I43",
    )
    neck = by_path[("Fracture, traumatic", "femur, femoral", "neck")]
    assert neck.code == "S7200" and neck.incomplete
    assert neck.modifiers == ("abduction", "adduction", "separation", "closed")
    top = by_path[("Fracture, traumatic",)]
    assert (top.code, top.incomplete, top.see_also) == ("T148", True, "Fracture, pathological")
    heart = by_path[("Attack, attacks", "heart")]
    assert (heart.code, heart.see) == (None, "Infarct, myocardium")
    # nemod text leaves the title, the tail after it stays
    assert by_path[("Sepsis NOS",)].modifiers == ("generalized", "unspecified organism")
    # "Attack, attacks" only groups its subterms: no entry of its own
    assert ("Attack, attacks",) not in by_path
    assert [e.path[0] for e in entries][:3] == ["Amyloidosis", "Amyloidosis", "Attack, attacks"]


def test_external_cause_subcategory_is_an_incomplete_code():
    _, entries = read_cm_index(FIXTURES / "icd10cm_eindex_2026.xml")
    assert [(e.path, e.code, e.incomplete, e.see) for e in entries] == [
        (("Lightning",), "T750", True, None),
        (("Lightning", "causing fire"), None, False, "Exposure, fire"),
    ]


def test_neoplasm_table_rows_and_cells():
    year, headings, rows = read_cm_table(FIXTURES / "icd10cm_neoplasm_2026.xml")
    assert year == 2026
    assert headings == ["Malignant Primary", "Malignant Secondary", "Ca in situ", "Benign",
                        "Uncertain Behavior", "Unspecified Behavior"]
    by_path = {r.path: r for r in rows}
    assert by_path[("Neoplasm, neoplastic", "abdomen, abdominal")].cells == (
        "C762", "C798-", "D098", "D367", "D487", "D4989")
    connective = by_path[("Neoplasm, neoplastic", "abdomen, abdominal", "wall", "connective tissue")]
    assert connective.cells[2] is None
    assert by_path[("Neoplasm, neoplastic", "abdomen, abdominal", "wall")].see_also == "Neoplasm, abdomen, wall, skin"
    sinus = by_path[("Neoplasm, neoplastic", "accessory sinus")]
    assert (sinus.see, sinus.cells) == ("Neoplasm, sinus", (None,) * 6)
    # sub-headings and notes carry no cells: no rows of their own
    assert not [r for r in rows if "connective tissue NEC" in r.path]


def test_drug_table_rows():
    _, headings, rows = read_cm_table(FIXTURES / "icd10cm_drug_2026.xml")
    assert headings[4:] == ["Adverse effect", "Underdosing"]
    by_path = {r.path: r for r in rows}
    assert by_path[("2-propanol",)].cells == ("T512X1", "T512X2", "T512X3", "T512X4", None, None)
    assert by_path[("Acetone",)].modifiers == ("oils",)
    assert by_path[("Acetone", "chlorinated")].see == "Chloroform"


# --- ICD-10-PCS ---------------------------------------------------------------

def test_pcs_tables_and_code_expansion():
    year, tables = read_pcs_tables(FIXTURES / "icd10pcs_tables_2026.xml")
    assert year == 2026 and [t.prefix for t in tables] == ["0DT", "0SR"]
    hip = tables[1]
    assert hip.axes[2].label == "Replacement" and hip.definition.startswith("Putting in or on")
    assert hip.axis_titles == ("Section", "Body System", "Operation", "Body Part", "Approach", "Device", "Qualifier")
    assert [len(axis) for axis in hip.rows[0]] == [2, 1, 5, 3]
    codes = dict(expand_codes(hip))
    assert len(codes) == 36
    assert codes["0SR9019"] == "Replacement Hip Joint, Right, Open, Synthetic Substitute, Metal, Cemented"
    assert codes["0SRB0EZ"] == "Replacement Hip Joint, Left, Open, Articulating Spacer"
    assert "0SR9ZZZ" not in codes and "0SR907Z" in codes and "0SR9079" not in codes
    assert dict(expand_codes(tables[0]))["0DTJ4ZZ"] == "Resection Appendix, Percutaneous Endoscopic"


def test_pcs_index_entries():
    year, entries = read_pcs_index(FIXTURES / "icd10pcs_index_2026.xml")
    assert year == 2026
    assert entries[0] == PcsIndexEntry(("Abdominohysterectomy",), "0UT9", "Resection, Uterus", None)
    assert [e.use for e in entries if e.path == ("Abductor hallucis muscle",)] == ["Foot Muscle, Right", "Foot Muscle, Left"]
    by_path = {e.path: e for e in entries}
    assert by_path[("Abortion", "Products of Conception")].codes == "10A0"
    assert by_path[("Abortion", "Laminaria")].codes == "10A07ZW"
    assert by_path[("Acetabuloplasty",)] == PcsIndexEntry(("Acetabuloplasty",), "0QQ", "Repair, Lower Bones", None)
    assert by_path[("Activa PC neurostimulator",)].use == "Stimulator Generator, Multiple Array in"
    assert by_path[("Resection", "Hip Joint", "Right")].codes == "0SR9"
    assert ("Resection", "Hip Joint") not in by_path


def test_pcs_definitions():
    year, defs = read_pcs_definitions(FIXTURES / "icd10pcs_definitions_2026.xml")
    assert year == 2026
    by_term = {(d.section, d.axis, d.term): d for d in defs}
    replacement = by_term[("0", 3, "Replacement")]
    assert replacement.definition.startswith("Putting in or on") and replacement.explanation.startswith("The body part")
    assert replacement.includes == ("Total hip replacement, bone graft, free skin graft",)
    assert by_term[("0", 5, "Open")].explanation is None
    # a key entry with two titles gives one definition per title
    assert by_term[("0", 4, "1st Toe, Left")].includes == ("Hallux",) == by_term[("0", 4, "1st Toe, Right")].includes
    assert by_term[("0", 4, "1st Toe, Left")].definition == ""
    assert len(by_term[("0", 6, "Articulating Spacer in Lower Joints")].includes) == 2
    assert ("X", 3, "Introduction") in by_term
    # the device aggregation table is not a definition
    assert len(defs) == 7 and not [d for d in defs if "Cardiac Lead" in d.term]


# --- order files ----------------------------------------------------------------

def test_cm_and_pcs_order_files():
    cm = read_order_file(FIXTURES / "icd10cm_order_2026.txt")
    assert [(e.code, e.billable) for e in cm] == [
        ("A00", False), ("A000", True), ("A009", True), ("I5023", True), ("S72001A", True)]
    assert cm[4].short_title == "Fracture of unsp part of neck of right femur, init"
    assert cm[4].long_title.endswith("initial encounter for closed fracture")
    pcs = read_order_file(io.BytesIO((FIXTURES / "icd10pcs_order_2026.txt").read_bytes()))
    assert [e.code for e in pcs if not e.billable] == ["001", "0SR"]


def test_order_file_encodings_and_bad_lines(tmp_path):
    line = "00001 A0472   1 {:<60} {}\n"
    latin = tmp_path / "order_2026.txt"
    latin.write_bytes(line.format("Enterocolitis d/t C. diff, not spcf as recur", "Sjögren-like colitis").encode("cp1252"))
    assert read_order_file(latin)[0].long_title == "Sjögren-like colitis"
    utf8 = tmp_path / "order_utf8.txt"
    utf8.write_bytes(line.format("Short", "Sjögren-like colitis").encode("utf-8"))
    assert read_order_file(utf8)[0].long_title == "Sjögren-like colitis"
    bad = tmp_path / "order_bad.txt"
    bad.write_text(line.format("Short", "Long") + "00002 A0472  X short\n")
    with pytest.raises(CmsFileError, match=r"order_bad\.txt: line 2 is not in the CMS order-file layout"):
        read_order_file(bad)


# --- the real release files --------------------------------------------------------

def test_real_files_are_detected():
    names = {
        "icd-10-cm-eindex-2025.xml": ("cm_eindex", 2025),
        "icd-10-cm-neoplasm-2025.xml": ("cm_neoplasm", 2025),
        "icd-10-cm-drug-2025.xml": ("cm_drug", 2025),
        "icd10c-tabular-April-1-2026.xml": ("cm_tabular", 2026),
        "icd10pcs_tables_2025.xml": ("pcs_tables", 2025),
        "icd10pcs_index_2025.xml": ("pcs_index", 2025),
        "icd10pcs_definitions_2025.xml": ("pcs_definitions", 2025),
        "table5_fy2026.txt": ("table5", 2026),
    }
    found = find_cms_files([shared(name) for name in names])
    assert {f.name: (f.kind, f.fiscal_year) for f in found} == names


def test_real_external_cause_index():
    year, entries = read_cm_index(shared("icd-10-cm-eindex-2025.xml"))
    assert year == 2025 and len(entries) > 7000
    assert IndexEntry(("Accident", "bare foot water skiier"), ("to",), "V944", False, None, None, None) in entries
    automobile = next(e for e in entries if e.path == ("Accident", "automobile"))
    assert automobile.see == "Accident, transport, car occupant" and automobile.code is None
    abandonment = entries[0]
    assert abandonment.path == ("Abandonment NEC",)
    assert abandonment.modifiers == ("causing exposure to weather conditions", "with intent to injure or kill")


def test_real_neoplasm_and_drug_tables():
    year, _, rows = read_cm_table(shared("icd-10-cm-neoplasm-2025.xml"))
    row = next(r for r in rows if r.path == ("Neoplasm, neoplastic", "abdomen, abdominal"))
    assert year == 2025 and row.cells == ("C762", "C798-", "D098", "D367", "D487", "D4989")
    _, headings, rows = read_cm_table(shared("icd-10-cm-drug-2025.xml"))
    assert headings[0] == "Poisoning Accidental (unintentional)"
    row = next(r for r in rows if r.path == ("2-propanol",))
    assert row.cells == ("T512X1", "T512X2", "T512X3", "T512X4", None, None)
    assert all(len(r.cells) == 6 for r in rows)


def test_real_pcs_tables():
    year, tables = read_pcs_tables(shared("icd10pcs_tables_2025.xml"))
    codes = {code for table in tables for code, _ in expand_codes(table)}
    # CMS counts 78,948 valid FY2025 codes, in 908 tables
    assert (year, len(tables), len(codes)) == (2025, 908, 78_948)
    assert "0SR9019" in codes and "0SR9ZZZ" not in codes


def test_real_pcs_index_and_definitions():
    year, entries = read_pcs_index(shared("icd10pcs_index_2025.xml"))
    assert year == 2025
    assert PcsIndexEntry(("Abdominohysterectomy",), "0UT9", "Resection, Uterus", None) in entries
    _, defs = read_pcs_definitions(shared("icd10pcs_definitions_2025.xml"))
    bypass = next(d for d in defs if (d.section, d.axis, d.term) == ("0", 3, "Bypass"))
    assert bypass.definition == "Altering the route of passage of the contents of a tubular body part"
