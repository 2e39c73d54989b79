"""fr_insee_cog: French regions and departements (INSEE COG 2021) and their shapes."""

import json
import shutil

import duckdb

from etl.manifest import Manifest, sha256_of
from etl.source import LoadContext
from etl.sources import fr_insee_cog
from tests.conftest import PROJECT_DIR, RAW_DIR

SLUG = "fr_insee_cog"


def test_file_counts(db):
    rows = db.execute(
        "SELECT file_name, rows_read, rows_loaded, rows_rejected, loaded_into "
        "FROM source_files WHERE source_id = ? ORDER BY file_name",
        [SLUG],
    ).fetchall()
    assert rows == [
        ("departement2021.csv", 101, 101, 0, "regions"),
        ("departements-version-simplifiee.geojson", 96, 96, 0, "boundaries"),
        ("region2021.csv", 18, 18, 0, "regions"),
        ("regions-version-simplifiee.geojson", 13, 13, 0, "boundaries"),
    ]


def test_sources_row(db):
    row = db.execute(
        "SELECT jurisdiction, rows_read, rows_loaded, rows_rejected, sha256, caveats "
        "FROM sources WHERE source_id = ?",
        [SLUG],
    ).fetchone()
    assert row[:4] == ("FR", 228, 228, 0)
    assert row[4] == "ef783f7e88027dddbfa05b83c40a67d3f0f3894de165aace0acb118529eb97f7"
    assert "Overseas departements have no boundary" in row[5]


def test_region_counts_by_level(db):
    counts = dict(
        db.execute(
            "SELECT level, count(*) FROM regions WHERE source_id = ? GROUP BY level", [SLUG]
        ).fetchall()
    )
    # `tail -n +2 departement2021.csv | wc -l` = 101; `tail -n +2 region2021.csv | wc -l` = 18
    assert counts == {"departement": 101, "region": 18}


def test_hand_counted_departements_per_region(db):
    def children(region_id):
        return db.execute(
            "SELECT count(*) FROM regions WHERE parent_id = ? AND level = 'departement'",
            [region_id],
        ).fetchone()[0]

    # awk -F, 'NR>1 && $2=="11"' departement2021.csv | wc -l  -> 8 (Île-de-France)
    assert children("FR-REG-11") == 8
    # awk -F, 'NR>1 && $2=="84"' departement2021.csv | wc -l  -> 12 (Auvergne-Rhône-Alpes)
    assert children("FR-REG-84") == 12


def test_codes_are_text_and_ids_follow_the_convention(db):
    rows = db.execute(
        "SELECT region_id, level, code, name, parent_id FROM regions "
        "WHERE region_id IN ('FR-DEP-01', 'FR-DEP-2A', 'FR-DEP-94', 'FR-DEP-976', "
        "'FR-REG-11', 'FR-REG-94') ORDER BY region_id"
    ).fetchall()
    assert rows == [
        ("FR-DEP-01", "departement", "01", "Ain", "FR-REG-84"),
        ("FR-DEP-2A", "departement", "2A", "Corse-du-Sud", "FR-REG-94"),
        ("FR-DEP-94", "departement", "94", "Val-de-Marne", "FR-REG-11"),
        ("FR-DEP-976", "departement", "976", "Mayotte", "FR-REG-06"),
        ("FR-REG-11", "region", "11", "Île-de-France", "FR"),
        ("FR-REG-94", "region", "94", "Corse", "FR"),
    ]
    # every French region and departement hangs under an existing parent
    orphans = db.execute(
        "SELECT count(*) FROM regions r WHERE source_id = ? "
        "AND parent_id NOT IN (SELECT region_id FROM regions)",
        [SLUG],
    ).fetchone()[0]
    assert orphans == 0


def test_boundaries(db):
    rows = db.execute(
        "SELECT b.region_id, b.vintage, b.geometry FROM boundaries b WHERE b.source_id = ?",
        [SLUG],
    ).fetchall()
    assert len(rows) == 96 + 13
    assert {vintage for _, vintage, _ in rows} == {"2018"}
    types = {}
    for region_id, _, geometry in rows:
        shape = json.loads(geometry)
        types[region_id] = shape["type"]
        assert shape["coordinates"]
    # grep -o '"type": *"MultiPolygon"' departements-version-simplifiee.geojson | wc -l -> 10
    assert sum(1 for k, t in types.items() if k.startswith("FR-DEP-") and t == "MultiPolygon") == 10
    # same grep on regions-version-simplifiee.geojson -> 5
    assert sum(1 for k, t in types.items() if k.startswith("FR-REG-") and t == "MultiPolygon") == 5
    # overseas departements have no shape in the bundled (metropolitan) files
    assert not any(k.startswith("FR-DEP-97") for k in types)
    assert "FR-DEP-94" in types and "FR-DEP-2A" in types


def test_unknown_geojson_code_is_rejected(tmp_path):
    """A shape whose code is not an INSEE code goes to rejects with a reason."""
    raw_dir = tmp_path / SLUG
    shutil.copytree(RAW_DIR / SLUG, raw_dir)
    shapes = raw_dir / "departements-version-simplifiee.geojson"
    document = json.loads(shapes.read_text(encoding="utf-8"))
    bogus = dict(document["features"][0], properties={"code": "20", "nom": "Corse (pre-1976)"})
    document["features"].append(bogus)
    shapes.write_text(json.dumps(document), encoding="utf-8")
    manifest_path = raw_dir / "manifest.json"
    manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    for entry in manifest["files"]:
        if entry["name"] == shapes.name:
            entry["sha256"] = sha256_of(shapes)
            entry["bytes"] = shapes.stat().st_size
    manifest_path.write_text(json.dumps(manifest), encoding="utf-8")

    con = duckdb.connect()
    con.execute((PROJECT_DIR / "etl" / "schema.sql").read_text(encoding="utf-8"))
    ctx = LoadContext(
        con, fr_insee_cog.SOURCE, raw_dir, tmp_path / "reference", Manifest.read(raw_dir)
    )
    fr_insee_cog.load(ctx)
    tally = ctx.counts[shapes.name]
    assert (tally.rows_read, tally.rows_loaded, tally.rows_rejected) == (97, 96, 1)
    reject = con.execute(
        "SELECT row_number, reason, column_name, file_name FROM rejects"
    ).fetchall()
    assert len(reject) == 1
    row_number, reason, column, file_name = reject[0]
    assert (row_number, column, file_name) == (97, "code", shapes.name)
    assert "not a departement code" in reason


def test_no_rejects(db):
    assert db.execute("SELECT count(*) FROM rejects WHERE source_id = ?", [SLUG]).fetchone()[0] == 0
