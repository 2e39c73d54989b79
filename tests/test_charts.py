"""Chart builders: valid Vega-Lite specs (Altair validates on to_dict) with the right data."""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest

from ui import charts
from ui.palette import MUTED, NO_DATA

TITLES = {
    "value_title": "% sustained",
    "status_title": "Not compared",
    "tooltip_titles": {
        "label": "District",
        "value_label": "Value",
        "interval_label": "95% interval",
        "status_label": "Status",
    },
    "status_labels": {"small": "Too few cases", "no_data": "No data"},
}


def district_frame(region_ids: list[str]) -> pd.DataFrame:
    """One row per region: the first has no figure, the second too few cases, others ok."""
    count = len(region_ids)
    value = np.linspace(1.0, 20.0, count)
    value[0] = np.nan
    frame = pd.DataFrame(
        {
            "region_id": region_ids,
            "label": [f"Region {i}" for i in range(count)],
            "value": value,
            "lower": value - 1,
            "upper": value + 1,
            "status": ["no_data", "small"] + ["ok"] * (count - 2),
        }
    )
    frame["value_label"] = frame["value"].map(lambda v: "No data" if pd.isna(v) else f"{v:.1f}%")
    frame["interval_label"] = "—"
    frame["status_label"] = frame["status"]
    return frame


def values(spec: dict, layer: dict) -> list:
    """A layer's rows, inline or moved by Altair into the top-level `datasets`."""
    data = layer["data"]
    return data["values"] if "values" in data else spec["datasets"][data["name"]]


@pytest.fixture
def chicago_shapes(db) -> pd.DataFrame:
    return db.execute(
        "SELECT region_id, geometry FROM boundaries WHERE source_id = 'us_chicago_districts'"
    ).df()


def test_feature_collection_has_one_feature_per_region_with_a_shape(chicago_shapes):
    region_ids = [f"US-IL-CHI-D{n}" for n in range(1, 26)]  # 25 districts, 3 retired
    collection = charts.feature_collection(chicago_shapes, district_frame(region_ids))
    assert collection["type"] == "FeatureCollection"
    assert len(collection["features"]) == 22  # the retired 13, 21 and 23 have no boundary
    feature = collection["features"][0]
    assert feature["type"] == "Feature"
    assert feature["geometry"]["type"] in {"Polygon", "MultiPolygon"}
    assert {"region_id", "label", "value", "status"} <= set(feature["properties"])
    json.dumps(collection, allow_nan=False)  # NaN became null: valid JSON for the browser


def test_coordinates_are_rounded_to_keep_the_page_light(chicago_shapes):
    collection = charts.feature_collection(
        chicago_shapes, district_frame(["US-IL-CHI-D1", "US-IL-CHI-D2", "US-IL-CHI-D3"])
    )
    ring = collection["features"][0]["geometry"]["coordinates"][0]
    point = ring[0] if isinstance(ring[0][0], float) else ring[0][0]
    assert all(round(c, charts.COORDINATE_DECIMALS) == c for c in point)


def test_choropleth_spec_is_valid_and_splits_grey_from_coloured(chicago_shapes):
    region_ids = [f"US-IL-CHI-D{n}" for n in (1, 2, 3, 4, 5)]
    collection = charts.feature_collection(chicago_shapes, district_frame(region_ids))
    chosen = ("US-IL-CHI-D2",)
    spec = charts.choropleth(collection, lang="fr", highlighted=chosen, **TITLES).to_dict()
    greyed, coloured, outlined = spec["layer"]
    assert len(values(spec, greyed)) == 2  # no data + too few cases
    assert len(values(spec, coloured)) == 3
    # the chosen region, outlined in black over its colour
    assert [f["properties"]["region_id"] for f in values(spec, outlined)] == list(chosen)
    assert outlined["mark"]["filled"] is False and outlined["mark"]["stroke"] == "#000000"
    # no region chosen (or none with a shape): an empty, silent outline layer
    spec = charts.choropleth(collection, lang="fr", **TITLES).to_dict()
    assert values(spec, spec["layer"][2]) == [] and spec["layer"][2]["mark"]["aria"] is False
    assert greyed["encoding"]["color"]["scale"]["range"] == [MUTED, NO_DATA]
    assert coloured["encoding"]["color"]["scale"]["scheme"] == "viridis"
    assert spec["projection"]["type"] == "mercator"
    assert spec["config"]["locale"]["number"]["decimal"] == ","


def test_ranked_bars_spec_has_bars_whiskers_missing_rows_and_reference():
    frame = district_frame([f"R{i}" for i in range(6)])
    spec = charts.ranked_bars(
        frame,
        label_title="District",
        no_data_text="No data",
        reference=7.5,
        reference_label="All districts",
        **TITLES,
    ).to_dict()
    comparable, small, whiskers, missing, reference = spec["layer"]
    assert len(values(spec, comparable)) == 4
    assert [row["label"] for row in values(spec, small)] == ["Region 1"]
    assert small["encoding"]["color"]["scale"]["range"] == [MUTED]
    assert len(values(spec, whiskers)) == 5  # every region with a figure
    assert whiskers["mark"]["type"] == "rule"
    assert values(spec, missing)[0]["text"] == "No data"
    assert values(spec, reference) == [{"reference": 7.5, "text": "All districts"}]
    # Highest first, regions without a figure last.
    order = comparable["encoding"]["y"]["sort"]
    assert order[0] == "Region 5" and order[-1] == "Region 0"


def test_ranked_bars_without_intervals_or_reference_for_counts():
    frame = district_frame([f"R{i}" for i in range(4)])
    frame["lower"] = np.nan
    frame["upper"] = np.nan
    frame["status"] = ["ok"] * 4
    frame.loc[0, "value"] = 3.0
    spec = charts.ranked_bars(frame, label_title="District", no_data_text="No data", **TITLES)
    layers = spec.to_dict()["layer"]
    marks = [layer["mark"]["type"] for layer in layers]
    assert marks == ["bar", "bar"]  # comparable and (empty) small: no whiskers, no line
    # The empty layer is hidden from screen readers (Vega would announce an unnamed image).
    assert [layer["mark"].get("aria") for layer in layers] == [None, False]


def test_excluded_regions_are_text_after_the_bars_and_out_of_the_scale():
    frame = district_frame([f"R{i}" for i in range(5)])
    frame.loc[4, ["status", "value_label", "status_label"]] = ["excluded", "96.6", "Not comparable"]
    spec = charts.ranked_bars(frame, label_title="Force", no_data_text="No data", **TITLES)
    spec = spec.to_dict()
    comparable, small, whiskers, texts = spec["layer"]
    assert "Region 4" not in [row["label"] for row in values(spec, comparable)]
    assert [row["text"] for row in values(spec, texts)] == ["96.6 · Not comparable", "No data"]
    order = comparable["encoding"]["y"]["sort"]
    assert order[-2:] == ["Region 4", "Region 0"]  # excluded, then no data, at the bottom


def test_the_readable_theme_darkens_chart_text():
    """Axis, legend and title text of every chart at 8.5:1 on white, over Streamlit's own
    grey of 3.7:1: the theme's config goes under each chart's own."""
    import altair as alt

    frame = district_frame([f"R{i}" for i in range(4)])
    previous = alt.theme.active
    try:
        charts.use_readable_theme()
        spec = charts.ranked_bars(frame, label_title="District", no_data_text="-", **TITLES)
        config = spec.to_dict()["config"]
    finally:
        alt.theme.enable(previous)
    assert config["axis"]["labelColor"] == config["axis"]["titleColor"] == charts.CHART_TEXT
    assert config["legend"]["labelColor"] == charts.CHART_TEXT
    assert config["locale"]["number"]["decimal"] == "."  # the chart's own config is kept


def test_yearly_lines_draw_a_band_and_faint_small_years():
    frame = pd.DataFrame(
        {
            "year": [2016, 2017, 2016, 2017],
            "series": ["Val-de-Marne", "Val-de-Marne", "All", "All"],
            "value": [1.9, float("nan"), 1.5, 1.6],
            "lower": [1.8, float("nan"), None, None],
            "upper": [2.0, float("nan"), None, None],
            "value_label": ["1.9", "No data", "1.5", "1.6"],
            "small": [True, False, False, False],
        }
    )
    spec = charts.yearly_lines(
        frame,
        value_title="per 1,000",
        year_title="Year",
        series_title="Where",
        tooltip_titles={"series": "Where", "year": "Year", "value_label": "Value"},
        lang="fr",
    ).to_dict()
    marks = [layer["mark"]["type"] for layer in spec["layer"]]
    assert marks == ["area", "line", "point"]
    points = spec["layer"][2]["encoding"]
    assert points["opacity"]["condition"]["test"] == "datum.small"
    assert spec["config"]["locale"]["number"]["decimal"] == ","


def test_map_shapes_are_thinned_to_the_map_scale_and_stay_closed(chicago_shapes):
    """Chicago's 22 districts hold 26,401 boundary points; a map a few hundred pixels wide
    needs fewer than half (points closer than 1/2000 of the city's extent go)."""
    parsed = charts.parse_shapes(chicago_shapes)
    rings = [ring for geometry in parsed["geometry"] for ring in rings_of(geometry)]
    published = [
        ring
        for text in chicago_shapes["geometry"]
        for ring in rings_of(charts._parsed(text) if isinstance(text, str) else text)
    ]
    assert sum(map(len, published)) == 26_401
    assert sum(map(len, rings)) < 26_401 / 2
    assert len(rings) == len(published)  # no ring dropped
    assert all(len(ring) >= 4 and ring[0] == ring[-1] for ring in rings)  # each still closed


def rings_of(geometry) -> list:
    coordinates = geometry["coordinates"]
    polygons = coordinates if geometry["type"] == "MultiPolygon" else [coordinates]
    return [ring for polygon in polygons for ring in polygon]
