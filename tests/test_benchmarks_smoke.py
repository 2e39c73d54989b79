"""Smoke version of `python -m benchmarks`: 20k synthetic rows, one pass, no timing asserted.

The benchmarks themselves are scripts (docs/performance.md); this checks that they still
run on the real ETL path and that the three engines give the same answers.
"""

import gzip
from pathlib import Path

import duckdb
import pytest

from benchmarks.__main__ import parser, run
from benchmarks.generate_allegations import (
    ACCUSED_FILE,
    PROJECT_DIR,
    SLUG,
    generate,
    refuse_project_data,
)
from benchmarks.query_params import unparameterised
from etl.manifest import Manifest

ROWS = 20_000
REAL = PROJECT_DIR / "data" / "raw" / SLUG


def _header_and_categories(path: Path) -> tuple[str, set[str]]:
    con = duckdb.connect()
    categories = {
        row[0]
        for row in con.execute(
            "SELECT DISTINCT complaint_category FROM read_csv($p, all_varchar = true) "
            "WHERE complaint_category IS NOT NULL",
            {"p": str(path)},
        ).fetchall()
    }
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        return handle.readline(), categories


def test_every_dashboard_query_has_typical_parameters():
    assert unparameterised() == []


def test_synthetic_data_is_never_written_into_the_project_data():
    with pytest.raises(SystemExit):
        refuse_project_data(PROJECT_DIR / "data" / "bench")
    with pytest.raises(SystemExit):
        refuse_project_data(PROJECT_DIR)


def test_generator_writes_real_format_rows_the_manifest_vouches_for(tmp_path):
    counts = generate(tmp_path, ROWS)
    folder = tmp_path / "raw" / SLUG
    manifest = Manifest.read(folder)
    accused = manifest.verified_path(ACCUSED_FILE)  # raises if sha256 does not match
    header, categories = _header_and_categories(accused)
    real_header, real_categories = _header_and_categories(REAL / ACCUSED_FILE)
    assert header == real_header
    assert categories <= real_categories
    # 20k draws from ~200 published categories reach most of them (99 of 100 would be rare
    # to miss): a generator that repeated one row would fail here.
    assert len(categories) > 50
    with gzip.open(accused, "rt", encoding="utf-8") as handle:
        assert sum(1 for _ in handle) == ROWS + 1
    assert counts["allegations"] == ROWS
    # the real ratio of complaints to allegations (181,412 / 244,436) is kept
    assert counts["complaints"] == round(ROWS * 181412 / 244436)


def test_one_benchmark_pass_runs_the_real_etl_and_the_engines_agree(tmp_path):
    args = parser().parse_args(
        [
            "--rows",
            str(ROWS),
            "--runs",
            "1",
            "--build-runs",
            "1",
            "--export-rows",
            "5000",
            "--views",
            "--downloads",
            "2",
            "--load-replicas",
            "--no-bundled",
            "--work-dir",
            str(tmp_path),
        ]
    )
    result = run(args)["sets"][f"{ROWS:,}"]
    con = duckdb.connect(str(tmp_path / f"rows-{ROWS}" / "warehouse.duckdb"), read_only=True)
    [(read, loaded, rejected)] = con.execute(
        "SELECT rows_read, rows_loaded, rows_rejected FROM source_files "
        "WHERE source_id = $s AND file_name = $f",
        {"s": SLUG, "f": ACCUSED_FILE},
    ).fetchall()
    assert read == ROWS and loaded + rejected == read
    assert result["build"]["allegations"] >= loaded
    assert result["queries"]["explore_allegations_count"]["rows"] == 1
    # the download of the most recent incident years holding at least 5,000 rows
    export = result["export"]
    assert export["csv_file"]["year_from"] is not None
    assert 5000 <= export["csv_file"]["rows"] == export["package"]["rows"]
    assert export["csv_file"]["bytes"] > 5000 * 100  # ~300 bytes a row
    assert 0 < export["package"]["bytes"] < export["csv_file"]["bytes"]  # zipped
    downloads = result["downloads"]["gated"]  # two at once, through the export gate
    assert downloads["succeeded"] == 2 and downloads["same_rows"]
    assert downloads["rows_each"] == result["build"]["allegations"]
    alternatives = result["alternatives"]
    assert alternatives["answers_disagree"] == []
    assert alternatives["matching_rows"] > 0
    assert set(alternatives["ratios_to_duckdb"]) == {"duckdb_scan", "pandas", "sqlite"}
