"""Importing official CMS/CDC release files into the reference database.

Each file is recognised by its content (db.cms.detect), parsed in full to
validate it, and kept (extracted from its zip) in an imports folder beside
the reference database; then the whole reference database is rebuilt from
the packaged data plus every import, into a temporary file renamed over the
old one. A wrong or truncated file stops the import before anything changes;
coders already running keep the old file open and move to the new one on
their next chart.
"""

from __future__ import annotations

import json
import shutil
import time
from dataclasses import asdict, dataclass
from pathlib import Path

from db.cms.detect import CmsFile, CmsFileError, find_cms_files

MANIFEST = "imports.json"


@dataclass(frozen=True)
class ImportedFile:
    kind: str
    fiscal_year: int
    file: str  # name inside the imports folder
    original: str  # the name it was imported from
    imported_at: str


class ImportFailed(RuntimeError):
    """Nothing was imported; the message lists why."""


def imports_dir(reference: Path) -> Path:
    return reference.with_name(reference.stem + "-imports")


def read_manifest(folder: Path) -> list[ImportedFile]:
    path = folder / MANIFEST
    if not path.exists():
        return []
    return [ImportedFile(**item) for item in json.loads(path.read_text())]


def validate_file(found: CmsFile) -> int:
    """Parse the whole file (the only way to know it is not cut short); returns how many items it holds."""
    from db.cms import cm_index, cm_tables, order_file, pcs_definitions, pcs_index, pcs_tables, poa_exempt
    from db.table5 import Table5Error, parse_table5
    from db.tabular import read_tabular

    try:
        with found.opener() as stream:
            if found.kind == "cm_tabular":
                return len(read_tabular(stream).entries)
            if found.kind in ("cm_index", "cm_eindex"):
                return len(cm_index.read_cm_index(stream)[1])
            if found.kind in ("cm_neoplasm", "cm_drug"):
                return len(cm_tables.read_cm_table(stream)[2])
            if found.kind in ("cm_order", "pcs_order"):
                return len(order_file.read_order_file(stream))
            if found.kind == "pcs_tables":
                return len(pcs_tables.read_pcs_tables(stream)[1])
            if found.kind == "pcs_index":
                return len(pcs_index.read_pcs_index(stream)[1])
            if found.kind == "pcs_definitions":
                return len(pcs_definitions.read_pcs_definitions(stream)[1])
            if found.kind == "table5":
                return len(parse_table5(stream.read())[1])
            if found.kind == "cm_poa_exempt":
                return len(poa_exempt.read_poa_exempt(stream)[1])
    except (Table5Error, CmsFileError) as exc:
        raise ImportFailed(f"{found.name}: {exc}") from None
    except Exception as exc:  # a parser tripping over a damaged file: name the file, nothing changes
        raise ImportFailed(f"{found.name}: not a complete {found.kind} file ({type(exc).__name__}: {exc})") from None
    raise ImportFailed(f"{found.name}: unsupported kind {found.kind}")


def import_codesets(reference: Path, paths: list[Path], progress=None) -> tuple[list[ImportedFile], object]:
    """Validate and import `paths`, then rebuild the reference database; returns (imported, build report)."""
    from db.codeset_build import build_reference

    say = progress or (lambda _m: None)
    try:
        found = find_cms_files(paths)
    except CmsFileError as exc:
        raise ImportFailed(str(exc)) from None
    if not found:
        raise ImportFailed("no CMS or CDC release files in what was given")
    for f in found:
        say(f"checking {f.name}: {f.kind.replace('_', ' ')} FY{f.fiscal_year}")
        count = validate_file(f)
        say(f"  {count:,} items")
    folder = imports_dir(reference)
    staging = folder.with_name(folder.name + f".staging-{int(time.time() * 1000)}")
    if folder.exists():
        shutil.copytree(folder, staging)
    else:
        staging.mkdir(parents=True)
    try:
        kept = {(i.kind, i.fiscal_year): i for i in read_manifest(staging)}
        now = time.strftime("%Y-%m-%dT%H:%M:%S%z")
        new = []
        for f in found:
            name = f"{f.kind}-FY{f.fiscal_year}{Path(f.name).suffix or '.txt'}"
            with f.opener() as src, open(staging / name, "wb") as dst:
                shutil.copyfileobj(src, dst)
            item = ImportedFile(f.kind, f.fiscal_year, name, f.name, now)
            kept[(f.kind, f.fiscal_year)] = item
            new.append(item)
        (staging / MANIFEST).write_text(json.dumps([asdict(i) for i in kept.values()], indent=1))
        report = build_reference(reference, progress=say, imports_folder=staging)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    # the new database is in place: the staged imports become the imports
    old = folder.with_name(folder.name + ".old")
    if folder.exists():
        folder.rename(old)
    staging.rename(folder)
    shutil.rmtree(old, ignore_errors=True)
    return new, report
