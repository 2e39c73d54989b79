"""What Compare offers is what the warehouse holds, plus the declaration
(queries/measures/comparisons.toml): a new city needs no page code."""

from __future__ import annotations

import shutil

import duckdb
import pytest

from queries.measures import definitions
from queries.measures.comparisons import load as declaration
from tests.conftest import APP_TIMEOUT, PROJECT_DIR
from views import region_measures as rm

# Jurisdictions whose allegations are placed (the region or its parent) at one of their
# region levels that has map shapes of its own regions.
PLACED_AND_MAPPED = """
SELECT DISTINCT s.jurisdiction
FROM allegations AS a
JOIN sources AS s USING (source_id)
JOIN jurisdictions AS j ON j.code = s.jurisdiction
JOIN regions AS r ON r.region_id = a.region_id
LEFT JOIN regions AS p ON p.region_id = r.parent_id
WHERE EXISTS (
    SELECT 1 FROM regions AS q
    JOIN boundaries AS b USING (region_id)
    JOIN sources AS qs ON qs.source_id = q.source_id
    WHERE qs.jurisdiction = s.jurisdiction
      AND q.level IN (r.level, p.level)
      AND list_contains(j.region_levels, q.level)
)
"""


def registry_of(path, monkeypatch) -> dict:
    monkeypatch.setenv("ACCOUNTABILITY_WAREHOUSE", str(path))
    return rm.jurisdictions()


@pytest.fixture
def registry(built_data_dir, monkeypatch):
    return registry_of(built_data_dir / "warehouse.duckdb", monkeypatch)


def test_every_jurisdiction_with_placed_allegations_and_shapes_is_offered(db, registry):
    placed = {row[0] for row in db.execute(PLACED_AND_MAPPED).fetchall()}
    assert placed and placed <= set(registry)
    automatic = {m.id for m in definitions().measures.values() if m.automatic}
    for code in placed:
        offered = {m.catalogue_id for m in registry[code].measures if not _declared(code, m)}
        # every automatic measure whose denominator has cases; the count at least
        assert "allegations" in offered and offered <= automatic, code
        declared = declaration().jurisdictions.get(code)
        low, high = declared.years if declared and declared.years else (0, 9999)
        years = db.execute(
            "SELECT min(y), max(y) FROM (SELECT year(CASE coalesce(s.year_basis, j.year_basis) "
            "WHEN 'received' THEN received_date WHEN 'closed' THEN closed_date "
            "ELSE incident_date END) AS y FROM allegations JOIN sources AS s USING (source_id) "
            "JOIN jurisdictions AS j ON j.code = s.jurisdiction WHERE s.jurisdiction = ?) "
            "WHERE y BETWEEN ? AND ?",
            [code, low, high],
        ).fetchone()
        count = next(m for m in registry[code].measures if m.catalogue_id == "allegations")
        assert count.years == years, code
        (recommended,) = db.execute(
            "SELECT count(*) FROM allegations JOIN sources USING (source_id) "
            "WHERE jurisdiction = ? AND recommended_level IN "
            "('advice', 'warning', 'suspension', 'demotion', 'dismissal') "
            "AND final_level IS NOT NULL",
            [code],
        ).fetchone()
        assert ("downgrade_rate" in offered) == (recommended > 0), code


def _declared(code: str, measure) -> bool:
    declared = declaration().jurisdictions.get(code)
    return declared is not None and measure.key in {m.key for m in declared.measures}


def test_only_jurisdictions_with_something_to_map_are_offered(db, registry):
    """Virginia and Washington State: allegations placed in no region, no statistics
    declared: not on Compare."""
    unplaced = {
        row[0]
        for row in db.execute(
            "SELECT jurisdiction FROM allegations JOIN sources USING (source_id) "
            "GROUP BY ALL HAVING count(region_id) = 0"
        ).fetchall()
    }
    assert unplaced and not unplaced & set(registry)


def test_declared_jurisdictions_have_their_declared_measures(registry):
    for code, declared in declaration().jurisdictions.items():
        offered = registry[code]
        keys = [m.key for m in offered.measures]
        assert {m.key for m in declared.measures} <= set(keys), code
        assert keys[: len(declared.order)] == list(declared.order), code
        for catalogue_id, key in declared.keys.items():
            assert offered.measure(key).catalogue_id == catalogue_id
        for level in offered.levels:
            if declared.levels.get(level.key) and declared.levels[level.key].vintage:
                assert level.vintage == declared.levels[level.key].vintage
    # today's permalinks keep working
    chicago = registry["US-IL-CHI"]
    assert chicago.measure("chi_sustained").catalogue_id == "sustained_share"
    assert chicago.measure("chi_dv_sustained").load is not chicago.measure("chi_sustained").load


def test_names_and_levels_come_from_the_warehouse(db, registry):
    for code, jurisdiction in registry.items():
        name_en, name_fr, levels = db.execute(
            "SELECT name_en, name_fr, region_levels FROM jurisdictions WHERE code = ?", [code]
        ).fetchone()
        assert jurisdiction.name == {"en": name_en, "fr": name_fr}
        keys = [level.key for level in jurisdiction.levels]
        assert keys == [level for level in reversed(levels) if level in keys]  # finest first
        for level in jurisdiction.levels:
            source = db.execute(
                "SELECT DISTINCT source_id FROM boundaries WHERE vintage = ? "
                "AND starts_with(region_id, ?)",
                [level.vintage, level.prefix],
            ).fetchall()
            assert source == [(level.shape_source,)]


NEW_CITY = [
    "INSERT INTO jurisdictions (code, name_en, name_fr, country, region_levels, year_basis, "
    "denominators, note) VALUES ('XX-NEW', 'Newtown', 'Villeneuve', 'XX', "
    "['city', 'ward'], 'received', [], 'test city')",
    "INSERT INTO sources (source_id, title, publisher, jurisdiction, url, licence, "
    "retrieved_at, sha256, rows_read, rows_loaded, rows_rejected, year_basis) VALUES "
    "('xx_new_complaints', 'Complaints', 'Newtown', 'XX-NEW', 'https://example.org', 'CC0', "
    "'2026-01-01', 'x', 4, 4, 0, 'received')",
    "INSERT INTO regions VALUES ('XX-NEW', 'XX', 'city', 'NEW', 'Newtown', NULL, "
    "'xx_new_complaints', NULL)",
    "INSERT INTO regions VALUES ('XX-NEW-W1', 'XX', 'ward', '1', 'North', 'XX-NEW', "
    "'xx_new_complaints', NULL), ('XX-NEW-W2', 'XX', 'ward', '2', 'South', 'XX-NEW', "
    "'xx_new_complaints', NULL)",
    "INSERT INTO boundaries VALUES "
    """('XX-NEW-W1', 'xx_new_complaints', '2020', '{"type": "Polygon", "coordinates": """
    """[[[0, 1], [1, 1], [1, 2], [0, 2], [0, 1]]]}'), """
    """('XX-NEW-W2', 'xx_new_complaints', '2020', '{"type": "Polygon", "coordinates": """
    """[[[0, 0], [1, 0], [1, 1], [0, 1], [0, 0]]]}')""",
    # received dates only; ward 1: 40 allegations, 10 sustained; ward 2: 5; 3 unplaced
    "INSERT INTO allegations (allegation_id, source_id, case_id, officer_key, region_id, "
    "received_date, finding, final_level) SELECT 'xx' || i, 'xx_new_complaints', 'c' || i, "
    "'o' || i, CASE WHEN i < 40 THEN 'XX-NEW-W1' WHEN i < 45 THEN 'XX-NEW-W2' "
    "ELSE 'XX-NEW' END, DATE '2019-01-01' + INTERVAL (i * 10) DAY, "
    "CASE WHEN i < 10 THEN 'sustained' ELSE 'not_sustained' END, "
    "CASE WHEN i < 5 THEN 'suspension' END FROM range(48) AS t(i)",
]


@pytest.fixture
def new_city(built_data_dir, tmp_path):
    """The session warehouse plus a city no code knows: its jurisdiction, source, wards
    with shapes, and allegations dated by their received date only."""
    path = tmp_path / "warehouse.duckdb"
    shutil.copy(built_data_dir / "warehouse.duckdb", path)
    con = duckdb.connect(str(path))
    for statement in NEW_CITY:
        con.execute(statement)
    con.close()
    return path


def test_a_new_city_is_offered_with_the_catalogue_measures(new_city, monkeypatch):
    city = registry_of(new_city, monkeypatch)["XX-NEW"]
    assert city.name["fr"] == "Villeneuve"
    (ward,) = city.levels
    assert (ward.key, ward.prefix, ward.vintage, ward.shape_source) == (
        "ward",
        "XX-NEW-W",
        "2020",
        "xx_new_complaints",
    )
    keys = {m.key: m for m in city.measures}
    # no recommended levels: no downgrade rate; keys are the catalogue ids
    assert set(keys) == {
        "allegations",
        "sustained_share",
        "final_warning_share",
        "final_suspension_share",
        "final_dismissal_share",
    }
    # years on the received date (the 48 allegations were received 2019-2020)
    assert keys["allegations"].years == (2019, 2020)
    assert keys["final_suspension_share"].years == (2019, 2019)  # 5 outcomes, all in 2019
    frame, unplaced = rm.compute(
        keys["sustained_share"], ward, ["XX-NEW-W1", "XX-NEW-W2"], 2019, 2020, jurisdiction="XX-NEW"
    )
    assert list(frame["numerator"]) == [10, 0] and list(frame["denominator"]) == [40, 5]
    assert frame["status"].tolist() == [rm.OK, rm.SMALL]  # 5 cases: under the threshold of 30
    assert (unplaced["numerator"], unplaced["total"]) == (0, 10)
    value, _, _ = rm.overall(keys["sustained_share"], "XX-NEW", 2019, 2020)
    assert value == pytest.approx(10 / 48 * 100)


def test_a_new_city_renders_on_compare(new_city, monkeypatch):
    import streamlit as st
    from streamlit.testing.v1 import AppTest

    monkeypatch.setenv("ACCOUNTABILITY_WAREHOUSE", str(new_city))
    st.cache_resource.clear()
    st.cache_data.clear()
    app = AppTest.from_file(str(PROJECT_DIR / "dashboard.py"), default_timeout=APP_TIMEOUT)
    app.query_params.update(page="compare", jurisdiction="XX-NEW", measure="allegations")
    app.run()
    assert not app.exception and not app.warning
    assert len(app.get("vega_lite_chart")) == 2
    table = app.dataframe[-1].value.set_index("Region id")
    assert table.loc["XX-NEW-W1", "Allegations"] == 40
    assert table.loc["XX-NEW-W2", "Allegations"] == 5
    assert "Newtown" in [option for box in app.selectbox for option in box.options]
    captions = [caption.value for caption in app.caption]
    assert "Years: those of the date the complaint was received." in captions
    # 3 of the 48 allegations are in no ward: said, with the level's own name
    assert any("(Allegations: 3 of 48) are placed in no ward" in c for c in captions)


def test_every_declared_statistic_and_region_is_in_the_warehouse(db):
    known = set(db.execute("SELECT DISTINCT source_id, measure FROM statistics").fetchall())
    regions = {row[0] for row in db.execute("SELECT region_id FROM regions").fetchall()}
    for code, declared in declaration().jurisdictions.items():
        for m in declared.measures:
            for pair in (m.statistic, m.numerator, m.denominator):
                assert pair is None or pair in known, (code, m.key, pair)
            for region_id in [*m.caveat_values.values(), *(r for r, _ in m.excluded)]:
                assert region_id in regions, (code, m.key, region_id)


def test_the_warehouse_holds_the_declaration(db, registry):
    """The build loads the file; the registry reads it back from the warehouse."""
    from queries.measures import comparisons
    from views.compare.registry import declaration as read_back

    table = db.execute("SELECT * FROM comparisons ORDER BY position").fetchall()
    assert table == comparisons.rows()
    assert set(read_back().jurisdictions) == set(declaration().jurisdictions)
    assert read_back().default == declaration().default


def test_a_bad_declaration_is_refused(tmp_path):
    from queries import QueryError
    from queries.measures import comparisons as decl

    text = decl.DECLARATION_FILE.read_text(encoding="utf-8")
    for old, new, message in [
        ('loader = "statistics_ratio"', 'loader = "guess"', "is not one of"),
        ('catalogue_id = "published_count"', 'catalogue_id = "nope"', "not in catalogue"),
        ('unit.fr = "Victimes', 'unit.de = "Victimes', "needs non-empty"),
    ]:
        broken = tmp_path / "comparisons.toml"
        broken.write_text(text.replace(old, new, 1), encoding="utf-8")
        with pytest.raises(QueryError, match=message):
            decl.load(broken)


def test_a_bad_declaration_fails_the_build(monkeypatch):
    from etl.build import BuildError, load_comparisons
    from queries import QueryError
    from queries.measures import comparisons

    con = duckdb.connect()
    con.execute(
        "CREATE TABLE comparisons (position INTEGER, jurisdiction VARCHAR, declaration VARCHAR)"
    )
    load_comparisons(con)
    assert con.execute("SELECT count(*) FROM comparisons").fetchone()[0] == 1 + len(
        declaration().jurisdictions
    )

    def broken():
        raise QueryError("comparisons.toml, jurisdiction FR: loader 'guess' is not one of ...")

    monkeypatch.setattr(comparisons, "rows", broken)
    with pytest.raises(BuildError, match="comparisons: .*loader"):
        load_comparisons(con)
