"""Synthetic Chicago allegations at N rows, in the raw format the ETL reads.

    .venv/bin/python -m benchmarks.generate_allegations --rows 1000000 --out /tmp/bench/1m

Writes OUT/raw and OUT/reference: a copy of the project's data/raw and data/reference in
which complaints-accused.csv.gz (N rows) and complaints-complaints.csv.gz are synthetic,
and the Chicago manifest carries their sha256 and size, so `python -m etl --data-dir OUT`
runs the real ETL path on them. Every synthetic row copies the published fields of one
real row drawn at random (category, code, findings, outcomes and release together for an
allegation; dates, beat and release together for a complaint), so the distributions and
their correlations are the real ones. Complaint numbers ('S' + digits) and officer ids
are invented; addresses are left empty. The draws are a hash of the row number and the
seed, so the same arguments give the same files.
"""

from __future__ import annotations

import argparse
import dataclasses
import shutil
import time
from pathlib import Path

import duckdb

from etl.manifest import Manifest, sha256_of, write_manifest

PROJECT_DIR = Path(__file__).resolve().parent.parent
SLUG = "us_chicago_cpdp_complaints"
ACCUSED_FILE = "complaints-accused.csv.gz"
COMPLAINTS_FILE = "complaints-complaints.csv.gz"
ORIGIN = "synthetic: benchmarks/generate_allegations.py (rows={rows}, seed={seed})"


def refuse_project_data(out: Path) -> None:
    """Synthetic rows must never land next to the real snapshots."""
    project_data = (PROJECT_DIR / "data").resolve()
    target = out.resolve()
    if target == project_data or project_data in target.parents or target in project_data.parents:
        raise SystemExit(f"refusing to write synthetic data into or above {project_data}")


def copy_project_data(out: Path) -> Path:
    refuse_project_data(out)
    for folder in ("raw", "reference"):
        if (out / folder).exists():
            shutil.rmtree(out / folder)
        shutil.copytree(PROJECT_DIR / "data" / folder, out / folder)
    return out / "raw" / SLUG


def write_synthetic(folder: Path, rows: int, seed: int) -> dict[str, int]:
    """Replace the two Chicago files in `folder` by `rows` synthetic allegations."""
    real = PROJECT_DIR / "data" / "raw" / SLUG
    con = duckdb.connect(":memory:")
    con.execute(
        "CREATE TABLE real_accused AS SELECT row_number() OVER () - 1 AS k, "
        "complaint_category, complaint_code, cv, final_finding, final_outcome, recc_finding, "
        "recc_outcome, UID FROM read_csv($path, all_varchar = true, header = true)",
        {"path": str(real / ACCUSED_FILE)},
    )
    con.execute(
        "CREATE TABLE real_complaints AS SELECT row_number() OVER () - 1 AS k, cv, "
        "incident_date, complaint_date, closed_date, beat "
        "FROM read_csv($path, all_varchar = true, header = true)",
        {"path": str(real / COMPLAINTS_FILE)},
    )
    [(real_rows, real_officers)] = con.execute(
        "SELECT count(*), count(DISTINCT UID) FROM real_accused"
    ).fetchall()
    [(real_cases,)] = con.execute("SELECT count(*) FROM real_complaints").fetchall()
    # Keep the real ratios: allegations per complaint and per officer.
    cases = max(1, round(rows * real_cases / real_rows))
    officers = max(1, round(rows * real_officers / real_rows))
    params = {"cases": cases, "real_cases": real_cases, "seed": seed}
    con.sql(
        "SELECT 'S' || lpad(CAST(i AS VARCHAR), 9, '0') AS cr_id, c.cv, c.incident_date, "
        "c.complaint_date, c.closed_date, NULL AS add1, NULL AS add2, c.beat, "
        "'CHICAGO IL' AS city, NULL AS full_address, NULL AS location "
        "FROM range($cases) AS r(i) "
        "JOIN real_complaints AS c ON c.k = hash(i, $seed, 'case') % $real_cases "
        "ORDER BY i",
        params=params,
    ).write_csv(str(folder / COMPLAINTS_FILE), header=True, compression="gzip")
    con.sql(
        "SELECT CAST(hash(i, $seed, 'officer') % $officers + 100000 AS VARCHAR) || '.0' "
        "AS UID, a.complaint_category, a.complaint_code, "
        "'S' || lpad(CAST(hash(i, $seed, 'complaint') % $cases AS VARCHAR), 9, '0') AS cr_id, "
        "a.cv, a.final_finding, a.final_outcome, a.recc_finding, a.recc_outcome, "
        "NULL AS link_UID "
        "FROM range($rows) AS r(i) "
        "JOIN real_accused AS a ON a.k = hash(i, $seed, 'allegation') % $real_rows "
        "ORDER BY i",
        params={
            "cases": cases,
            "seed": seed,
            "rows": rows,
            "officers": officers,
            "real_rows": real_rows,
        },
    ).write_csv(str(folder / ACCUSED_FILE), header=True, compression="gzip")
    con.close()
    return {"allegations": rows, "complaints": cases, "officers": officers}


def update_manifest(folder: Path, rows: int, seed: int) -> None:
    manifest = Manifest.read(folder)
    entries = dict(manifest.entries)
    for name in (ACCUSED_FILE, COMPLAINTS_FILE):
        path = folder / name
        entries[name] = dataclasses.replace(
            entries[name],
            sha256=sha256_of(path),
            bytes=path.stat().st_size,
            origin=ORIGIN.format(rows=rows, seed=seed),
            etag="",
            last_modified="",
        )
    write_manifest(folder, list(entries.values()))


def generate(out: Path, rows: int, seed: int = 8) -> dict[str, int]:
    """A data folder at `out` ready for `python -m etl --data-dir out`."""
    folder = copy_project_data(out)
    counts = write_synthetic(folder, rows, seed)
    update_manifest(folder, rows, seed)
    return counts


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--seed", type=int, default=8)
    args = parser.parse_args()
    started = time.perf_counter()
    counts = generate(args.out, args.rows, args.seed)
    print(f"{counts} in {args.out} ({time.perf_counter() - started:.1f} s)")


if __name__ == "__main__":
    main()
