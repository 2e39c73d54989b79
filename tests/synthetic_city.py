"""A data folder with a made-up city added as data only (tests/fixtures/synthetic_city/):
its declaration in `<data dir>/sources/`, its raw files, its label maps and its row of
jurisdictions.csv. No Python of the project names it, so every page that shows it proves
that a new jurisdiction needs no page code (issue 14)."""

from __future__ import annotations

import csv
import hashlib
import io
import json
import shutil
from pathlib import Path

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "synthetic_city"
SLUG = "us_zz_synthetic_city_complaints"
CODE = "US-ZZ-SYN"


def add_synthetic_city(data_dir: Path) -> Path:
    """Add the city to a copy of the project's data folder (see conftest.copy_data)."""
    shutil.copytree(FIXTURE / "sources", data_dir / "sources", dirs_exist_ok=True)
    shutil.copytree(FIXTURE / "raw" / SLUG, data_dir / "raw" / SLUG)
    for path in (FIXTURE / "reference" / "maps").glob("*.csv"):
        shutil.copy(path, data_dir / "reference" / "maps" / path.name)
    curated = data_dir / "reference" / "curated"
    jurisdictions = curated / "jurisdictions.csv"
    with jurisdictions.open("a", encoding="utf-8", newline="") as file:
        file.write((FIXTURE / "jurisdiction.csv").read_text(encoding="utf-8"))
    _refresh_manifest_entry(curated / "manifest.json", jurisdictions)
    return data_dir


def _refresh_manifest_entry(manifest_path: Path, changed: Path) -> None:
    manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    content = changed.read_bytes()
    for entry in manifest["files"]:
        if entry["name"] == changed.name:
            entry["sha256"] = hashlib.sha256(content).hexdigest()
            entry["bytes"] = len(content)
    manifest_path.write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")


def allegation_rows() -> list[dict[str, str]]:
    """The city's allegations as published (the fixture's complaints.csv)."""
    text = (FIXTURE / "raw" / SLUG / "complaints.csv").read_text(encoding="utf-8")
    return list(csv.DictReader(io.StringIO(text)))
