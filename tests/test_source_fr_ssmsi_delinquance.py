"""fr_ssmsi_delinquance: SSMSI recorded crime by departement and year, 2016-2023."""

import json
import shutil

import duckdb
import pytest

from etl.manifest import Manifest, sha256_of
from etl.source import LoadContext, SourceError
from etl.sources import fr_insee_cog, fr_ssmsi_delinquance
from tests.conftest import PROJECT_DIR, RAW_DIR

SLUG = "fr_ssmsi_delinquance"
FILE = "donnee-dep-2023.csv"
INTRAFAMILY = "intrafamily_assault_victims"


def value(db, region_id, year, measure):
    rows = db.execute(
        "SELECT value FROM statistics WHERE source_id = ? AND region_id = ? AND year = ? "
        "AND measure = ?",
        [SLUG, region_id, year, measure],
    ).fetchall()
    assert len(rows) == 1, (region_id, year, measure, rows)
    return rows[0][0]


def test_file_counts(db):
    rows = db.execute(
        "SELECT file_name, rows_read, rows_loaded, rows_rejected, loaded_into "
        "FROM source_files WHERE source_id = ?",
        [SLUG],
    ).fetchall()
    # 13,056 records (16 classes x 102 codes x 8 years); every record is loaded once as a
    # count row, the derived rate/population rows do not add to rows_loaded.
    assert rows == [(FILE, 13056, 13056, 0, "statistics")]


def test_sources_row(db):
    row = db.execute(
        "SELECT jurisdiction, rows_read, rows_loaded, rows_rejected, sha256 "
        "FROM sources WHERE source_id = ?",
        [SLUG],
    ).fetchone()
    assert row == (
        "FR",
        13056,
        13056,
        0,
        "575f86a33271de5808864fe7360d8e1ee5060e4ee2e23200879b36e86f8a39b8",
    )


def test_statistics_row_counts(db):
    counts = dict(
        db.execute(
            "SELECT unit, count(*) FROM statistics WHERE source_id = ? GROUP BY unit", [SLUG]
        ).fetchall()
    )
    assert counts == {
        # 13,056 count rows + 101 x 8 population + 101 x 8 dwellings
        "count": 13056 + 808 + 808,
        # the 12,928 departement records carry a rate (the 128 'NA' records do not)
        "per_1000_inhabitants": 15 * 808,
        "per_1000_dwellings": 808,
    }


def test_val_de_marne_intrafamily_assault(db):
    # grep '^"Coups et blessures volontaires intrafamiliaux";"[0-9]*";"94";' donnee-dep-2023.csv
    # -> faits 2657 in 16, 4587 in 22, 4865 in 23; tauxpourmille 3,43727103994936e+00 in 23
    assert value(db, "FR-DEP-94", 2016, INTRAFAMILY) == 2657
    assert value(db, "FR-DEP-94", 2022, INTRAFAMILY) == 4587
    assert value(db, "FR-DEP-94", 2023, INTRAFAMILY) == 4865
    assert value(db, "FR-DEP-94", 2023, INTRAFAMILY + "_per_1000") == pytest.approx(
        3.43727103994936, rel=1e-12
    )
    unit = db.execute(
        "SELECT unit, measure_original FROM statistics WHERE source_id = ? "
        "AND region_id = 'FR-DEP-94' AND year = 2023 AND measure = ?",
        [SLUG, INTRAFAMILY],
    ).fetchone()
    assert unit == ("count", "Coups et blessures volontaires intrafamiliaux")


def test_val_de_marne_population(db):
    # same grep, column POP: 1378151 in 16; 1415367 in 21, 22 and 23 (millPOP = 21)
    assert value(db, "FR-DEP-94", 2016, "population") == 1378151
    assert value(db, "FR-DEP-94", 2023, "population") == 1415367
    note = db.execute(
        "SELECT period_note FROM statistics WHERE source_id = ? AND region_id = 'FR-DEP-94' "
        "AND year = 2023 AND measure = 'population'",
        [SLUG],
    ).fetchone()[0]
    assert "population of 2021" in note and "not a 2023 figure" in note
    # one population row per departement-year, not one per class
    assert (
        db.execute(
            "SELECT count(*) FROM statistics WHERE source_id = ? AND measure = 'population'", [SLUG]
        ).fetchone()[0]
        == 101 * 8
    )


def test_hand_computed_national_sums(db):
    def total(measure, year):
        return db.execute(
            "SELECT sum(value) FROM statistics WHERE source_id = ? AND measure = ? AND year = ?",
            [SLUG, measure, year],
        ).fetchone()[0]

    # awk -F';' (quotes stripped) sum of $8 where classe = intrafamiliaux and annee = 23,
    # over all 102 rows -> 212615
    assert total(INTRAFAMILY, 2023) == 212615
    # same awk, sum of POP ($9) for Homicides, annee 23, Code.département != NA -> 67664570
    assert total("population", 2023) == 67664570
    # same awk for Violences sexuelles, annee 23 -> 94864 (includes the 1 'NA' victim)
    assert total("sexual_violence_victims", 2023) == 94864


def test_unallocated_rows_go_to_france_not_as_totals(db):
    rows = db.execute(
        "SELECT measure, year, value, period_note FROM statistics "
        "WHERE source_id = ? AND region_id = 'FR'",
        [SLUG],
    ).fetchall()
    # grep -c ';NA;' donnee-dep-2023.csv -> 128; only one has faits != "0":
    # "Violences sexuelles";"23";NA;NA;"victime";NA;NA;"1";NA;NA;NA
    assert len(rows) == 128
    assert [(m, y, v) for m, y, v, _ in rows if v != 0] == [("sexual_violence_victims", 2023, 1)]
    assert all("NOT a national total" in note for *_, note in rows)


def test_class_mapping(db):
    mapping = dict(
        db.execute(
            "SELECT DISTINCT measure_original, measure FROM statistics "
            "WHERE source_id = ? AND unit = 'count' AND measure_original NOT IN ('POP', 'LOG')",
            [SLUG],
        ).fetchall()
    )
    assert len(mapping) == 16
    assert mapping["Coups et blessures volontaires intrafamiliaux"] == INTRAFAMILY
    assert mapping["Homicides"] == "homicide_victims"
    assert mapping["Cambriolages de logement"] == "residential_burglary_offences"
    assert mapping["Usage de stupéfiants"] == "drug_use_suspects"
    # burglary is the one class whose published rate is per 1000 dwellings
    units = db.execute(
        "SELECT DISTINCT measure, unit FROM statistics WHERE source_id = ? "
        "AND unit LIKE 'per_1000%' AND unit <> 'per_1000_inhabitants'",
        [SLUG],
    ).fetchall()
    assert units == [("residential_burglary_offences_per_1000", "per_1000_dwellings")]


def test_every_region_exists(db):
    assert (
        db.execute(
            "SELECT count(*) FROM statistics WHERE source_id = ? "
            "AND region_id NOT IN (SELECT region_id FROM regions)",
            [SLUG],
        ).fetchone()[0]
        == 0
    )


def test_bad_records_are_rejected_with_reasons(tmp_path):
    """Unknown class, unknown departement, bad count and a rate on the wrong base."""
    cog_dir = tmp_path / "fr_insee_cog"
    shutil.copytree(RAW_DIR / "fr_insee_cog", cog_dir)
    raw_dir = tmp_path / SLUG
    shutil.copytree(RAW_DIR / SLUG, raw_dir)
    csv_path = raw_dir / FILE
    extra = [
        '"Vols de bicyclettes";"23";"94";"11";"victime";"21";"20";"5";"1415367";"654339,6";"1"',
        '"Homicides";"23";"99";"11";"victime";"21";"20";"5";"1415367";"654339,6";"1"',
        '"Homicides";"23";"94";"11";"victime";"21";"20";"cinq";"1415367";"654339,6";"1"',
        # 20 homicides per 1000 dwellings, not per 1000 inhabitants
        '"Homicides";"23";"94";"11";"victime";"21";"20";"20";"1415367";"654339,6";"0,0305651"',
    ]
    with csv_path.open("a", encoding="utf-8", newline="") as handle:
        handle.write("\n".join(extra) + "\n")
    manifest_path = raw_dir / "manifest.json"
    manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    manifest["files"][0].update(sha256=sha256_of(csv_path), bytes=csv_path.stat().st_size)
    manifest_path.write_text(json.dumps(manifest), encoding="utf-8")

    con = duckdb.connect()
    con.execute((PROJECT_DIR / "etl" / "schema.sql").read_text(encoding="utf-8"))
    reference = tmp_path / "reference"
    fr_insee_cog.load(
        LoadContext(con, fr_insee_cog.SOURCE, cog_dir, reference, Manifest.read(cog_dir))
    )
    ctx = LoadContext(con, fr_ssmsi_delinquance.SOURCE, raw_dir, reference, Manifest.read(raw_dir))
    fr_ssmsi_delinquance.load(ctx)
    tally = ctx.counts[FILE]
    assert (tally.rows_read, tally.rows_loaded, tally.rows_rejected) == (13060, 13056, 4)
    rejects = con.execute(
        "SELECT row_number, column_name, reason, raw FROM rejects "
        "WHERE source_id = ? ORDER BY row_number",
        [SLUG],
    ).fetchall()
    assert [(r[0], r[1]) for r in rejects] == [
        (13057, "classe"),
        (13058, "Code.département"),
        (13059, "faits"),
        (13060, "tauxpourmille"),
    ]
    assert all(reason for _, _, reason, _ in rejects)
    assert "classe is not one of the 16" in rejects[0][2]
    assert json.loads(rejects[0][3])["classe"] == "Vols de bicyclettes"
    assert "not faits per 1000 of the base" in rejects[3][2]
    # rejected records add no derived rows either: 94 still has one 2023 homicide figure
    assert (
        con.execute(
            "SELECT count(*) FROM statistics WHERE region_id = 'FR-DEP-94' AND year = 2023 "
            "AND measure LIKE 'homicide_victims%'"
        ).fetchone()[0]
        == 2
    )


def test_conflicting_population_stops_the_load(tmp_path):
    """[[load.check]]: two populations for one departement-year cannot both be the base."""
    cog_dir = tmp_path / "fr_insee_cog"
    shutil.copytree(RAW_DIR / "fr_insee_cog", cog_dir)
    raw_dir = tmp_path / SLUG
    shutil.copytree(RAW_DIR / SLUG, raw_dir)
    csv_path = raw_dir / FILE
    with csv_path.open("a", encoding="utf-8", newline="") as handle:
        # a valid record (0 homicides, rate 0) but POP one more than 94's other 2023 rows
        handle.write(
            '"Homicides";"23";"94";"11";"victime";"21";"20";"0";"9999999";"654339,6";"0"\n'
        )
    manifest_path = raw_dir / "manifest.json"
    manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    manifest["files"][0].update(sha256=sha256_of(csv_path), bytes=csv_path.stat().st_size)
    manifest_path.write_text(json.dumps(manifest), encoding="utf-8")
    con = duckdb.connect()
    con.execute((PROJECT_DIR / "etl" / "schema.sql").read_text(encoding="utf-8"))
    reference = tmp_path / "reference"
    fr_insee_cog.load(
        LoadContext(con, fr_insee_cog.SOURCE, cog_dir, reference, Manifest.read(cog_dir))
    )
    ctx = LoadContext(con, fr_ssmsi_delinquance.SOURCE, raw_dir, reference, Manifest.read(raw_dir))
    with pytest.raises(SourceError, match="cannot load one population per departement-year"):
        fr_ssmsi_delinquance.load(ctx)
