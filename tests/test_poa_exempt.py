"""The CMS POA-exempt code list: detection and fiscal year, the change lists
passed over or refused, damaged files refused, several years imported side by
side and the list a discharge year uses."""

import io
import json
import zipfile

import pytest

from db.cms.detect import CmsFileError, detect, find_cms_files
from db.cms.poa_exempt import read_poa_exempt
from db.codeset_import import ImportFailed, import_codesets, imports_dir
from tests.conftest import NICOTINE, POA, run_cli

KEYS = ["B900", "B901", "B902", "B908", "B909", "B91", "B92", "Y92230", "Y9301", "Y990", "Z370", "Z3800", "Z794",
        "Z800", "Z87891"]


def poa_list(header: str, *lines: str) -> bytes:
    return "".join(f"{line}\r\n" for line in (header, *lines)).encode("cp1252")


@pytest.fixture
def installed(poa_installed):
    return poa_installed


# --- detection and fiscal year ---------------------------------------------------

def test_the_fixture_is_detected_and_read():
    (found,) = find_cms_files([POA])
    assert (found.kind, found.fiscal_year, found.name) == ("cm_poa_exempt", 2026, POA.name)
    assert read_poa_exempt(POA) == (2026, KEYS)


@pytest.mark.parametrize("name, order_column, year", [
    ("POAexemptCodesFY25.txt", "Order25", 2025),
    ("POAexemptCodes2021.txt", "Order2021", 2021),
    ("POAexemptCodesApr23.txt", "OrdApr23", 2023),  # April 2023 falls in FY2023 (October 2022 - September 2023)
])
def test_the_fiscal_year_comes_from_the_header(name, order_column, year):
    data = poa_list(f"{order_column}\tPOAexemptCode\tDescription", "01243\tB91\tSequelae of poliomyelitis")
    assert detect(name, data) == ("cm_poa_exempt", year)
    assert detect("poa.txt", data) == ("cm_poa_exempt", year)  # without help from the name
    assert read_poa_exempt(io.BytesIO(data)) == (year, ["B91"])


def test_the_header_wins_over_the_name_which_is_the_fallback():
    line = "01243\tB91\tSequelae of poliomyelitis"
    assert detect("POAexemptCodesFY19.txt", poa_list("Order25\tPOAexemptCode\tDescription", line))[1] == 2025
    unnamed = poa_list("Order\tPOAexemptCode\tDescription", line)
    assert detect("POAexemptCodesFY25.txt", unnamed) == ("cm_poa_exempt", 2025)
    assert detect("POAexemptCodesApr23.txt", unnamed) == ("cm_poa_exempt", 2023)
    assert detect("POAexemptCodes2021.txt", unnamed) == ("cm_poa_exempt", 2021)
    with pytest.raises(CmsFileError, match=r"poa\.txt: no fiscal year in the header \(Order\) nor in the file name"):
        detect("poa.txt", unnamed)


def test_codes_with_or_without_the_dot_and_cp1252_titles():
    data = b"\xef\xbb\xbf" + poa_list("Order25\tPOAexemptCode\tDescription") + (
        b"97799\tz87891\tAnt\xe9c\xe9dent de d\xe9pendance \x96 nicotine\r\n"
        b"96202\tY93.01\tActivity, walking\x81\r\n"  # 0x81: no cp1252 character at all
        b"\r\n")
    assert read_poa_exempt(io.BytesIO(data)) == (2025, ["Z87891", "Y9301"])


# --- the change lists and read-me beside the list ---------------------------------

@pytest.fixture
def release(tmp_path):
    """CMS's zip layout: the full list, its read-me, change lists and spreadsheet copies."""
    members = {
        "POAexemptCodesFY26.txt": POA.read_bytes(),
        "POAexemptCodesFY26.xlsx": b"PK\x03\x04 spreadsheet",
        "ReadMePOAexemptFY26.txt": b"Description of Present On Admission (POA) files\r\n",
        "POAexemptAddCodesFY26.txt": poa_list("Order26\tPOAexemptCode\tDescription", "01243\tB91\tSequelae of polio"),
        "POAexemptDeleteCodesFY26.txt": poa_list("POAexemptCode\tDescription", "Z99.89\tDependence on machines"),
    }
    archive = tmp_path / "2026-poa-exempt-codes.zip"
    with zipfile.ZipFile(archive, "w") as z:
        for name, data in members.items():
            z.writestr(f"2026-poa-exempt-codes/{name}", data)
    folder = tmp_path / "unzipped"
    folder.mkdir()
    for name, data in members.items():
        (folder / name).write_bytes(data)
    return archive, folder


def test_a_zip_or_folder_yields_only_the_full_list(release):
    archive, folder = release
    (in_zip,) = find_cms_files([archive])
    assert (in_zip.kind, in_zip.fiscal_year, in_zip.name) == (
        "cm_poa_exempt", 2026, "2026-poa-exempt-codes/POAexemptCodesFY26.txt")
    with in_zip.opener() as stream:
        assert read_poa_exempt(stream) == (2026, KEYS)
    (in_folder,) = find_cms_files([folder])
    assert (in_folder.kind, in_folder.name) == ("cm_poa_exempt", "POAexemptCodesFY26.txt")


@pytest.mark.parametrize("name", ["POAexemptAddCodesFY26.txt", "POAexemptDeleteCodesFY26.txt"])
def test_a_change_list_given_alone_is_refused(release, name, tmp_path):
    with pytest.raises(CmsFileError, match=f"{name}: changes to the POA-exempt list.*import the full POAexemptCodes list"):
        find_cms_files([release[1] / name])
    # the Delete list is told by its two-column header even when renamed
    renamed = release[1] / "deleted.txt"
    renamed.write_bytes((release[1] / "POAexemptDeleteCodesFY26.txt").read_bytes())
    with pytest.raises(ImportFailed, match="deleted.txt: changes to the POA-exempt list"):
        import_codesets(tmp_path / "reference.sqlite", [renamed])


# --- damaged files ---------------------------------------------------------------

@pytest.mark.parametrize("damage, message", [
    (lambda data: data[: data.index(b"Y93.01") + 3], r"line 10 is not order<TAB>code<TAB>description: '96202\\tY93'"),
    (lambda data: data.replace(b"\tB91\t", b"\tB9-1\t"), r"line 7 is not order<TAB>code<TAB>description"),
    (lambda data: data.replace(b"01240\t", b"1240 "), r"line 4 is not order<TAB>code<TAB>description"),
    (lambda data: data.replace(b"\tPOAexemptCode\t", b"\tCode\t"), r"line 1 is not the POA-exempt header"),
    (lambda data: data.split(b"\r\n")[0] + b"\r\n", r"no codes in the POA-exempt list"),
])
def test_damaged_lists_are_refused_with_the_line(tmp_path, damage, message):
    bad = tmp_path / "POAexemptCodesFY27.txt"
    bad.write_bytes(damage(POA.read_bytes()))
    with pytest.raises(CmsFileError, match=f"POAexemptCodesFY27.txt: {message}"):
        read_poa_exempt(bad)


def test_a_truncated_list_changes_nothing(installed, tmp_path):
    target = installed[0]
    before = target.stat().st_ino, (imports_dir(target) / "imports.json").read_text()
    cut = tmp_path / "POAexemptCodesFY27.txt"
    data = POA.read_bytes()
    cut.write_bytes(data[: data.index(b"Y93.01") + 3])
    with pytest.raises(ImportFailed, match=r"POAexemptCodesFY27\.txt: .*line 10 is not order<TAB>code"):
        import_codesets(target, [cut])
    assert (target.stat().st_ino, (imports_dir(target) / "imports.json").read_text()) == before


# --- imported lists in the reference database --------------------------------------

def test_every_imported_year_is_kept(installed):
    _, imported, report, ref = installed
    assert sorted((i.kind, i.fiscal_year, i.original) for i in imported) == [
        ("cm_poa_exempt", 2024, "POAexemptCodesFY24.txt"), ("cm_poa_exempt", 2026, "POAexemptCodesFY26.txt")]
    assert report.counts["poa_exempt"] == 15 + 14
    assert ref.is_poa_exempt("Z87891", 2026) and not ref.is_poa_exempt("Z87891", 2024)
    assert ref.is_poa_exempt("B91", 2024) and ref.is_poa_exempt("Y92230", 2026)
    assert not ref.is_poa_exempt("I5023", 2026)  # heart failure: POA must be reported
    assert not ref.is_poa_exempt("B91", 2025)  # a year whose list is not installed holds nothing


@pytest.mark.parametrize("discharge_year, list_year", [
    (2026, 2026), (2024, 2024),
    (2025, 2024), (2030, 2026),  # no list of its own: the nearest earlier one
    (2021, 2024),  # nothing earlier: the nearest later one
])
def test_the_list_a_discharge_year_uses(installed, discharge_year, list_year):
    assert installed[3].poa_exempt_year(discharge_year) == list_year


def test_no_list_installed(ref):
    assert ref.poa_exempt_year(2026) is None


def test_codeset_info_lists_the_poa_exempt_years(installed):
    target = installed[0]
    info = run_cli("codeset", "info", "--codes", str(target))
    assert info.returncode == 0, info.stderr
    lines = [line.split() for line in info.stdout.decode().splitlines() if "cm poa exempt" in line]
    assert [words[3:5] for words in lines] == [["FY2024", "POAexemptCodesFY24.txt"],
                                               ["FY2026", "POAexemptCodesFY26.txt"]]
    imports = json.loads(run_cli("codeset", "info", "--json", "--codes", str(target)).stdout)["imports"]
    assert [(i["kind"], i["fiscal_year"]) for i in imports] == [("cm_poa_exempt", 2024), ("cm_poa_exempt", 2026)]
