"""Chart builders for comparing regions: a choropleth map, a ranked bar chart, and small
charts by year (a region beside all regions).

The map and the ranking take small, already computed frames (one row per region) with the
same columns, so they always show the same figures:

- `label`: the region's display name; `value` (NaN when there is no figure);
  `lower`, `upper`: the 95% interval (NaN when it does not apply);
- `status`: `ok`, `small` (too few cases to compare) or `excluded` (a figure that cannot
  be compared, e.g. a force with almost no residents), both drawn in MUTED grey, or
  `no_data` (drawn in NO_DATA, the lightest grey);
- `status_label`, `value_label`, `interval_label`: the same, as text in the page's language.

All titles come from the caller, translated. No Streamlit here, so the specs are tested with
`to_dict()`.

Every chart of the app is drawn with the "readable" Altair theme (`use_readable_theme`):
axis, legend and title text in CHART_TEXT, 8.5:1 on white, where Streamlit's own chart
theme draws it in a grey of 3.7:1. A layer without data is hidden from screen readers
(`aria=False`): Vega would announce it as an unnamed image.
"""

from __future__ import annotations

import json

import altair as alt
import pandas as pd

from ui.palette import MUTED, NO_DATA, OKABE_ITO, SEQUENTIAL_SCHEME

CHART_TEXT = "#4d4d4d"
HIGHLIGHT = "#000000"  # the chosen regions: outlined on the map, bold on the ranking
READABLE_THEME = "readable"
OK, SMALL, EXCLUDED, NO_VALUE = "ok", "small", "excluded", "no_data"
GREYS = {SMALL: MUTED, EXCLUDED: MUTED, NO_VALUE: NO_DATA}  # legend order
COORDINATE_DECIMALS = 4  # about 10 m: plenty for a district map, and a much lighter page
BAR_ROW_HEIGHT = 20
TOOLTIP_FIELDS = ("label", "value_label", "interval_label", "status_label")

# Number formats of the chart axes and legends, per language (d3-format locales).
NUMBER_LOCALES = {
    "en": alt.NumberLocale(decimal=".", thousands=",", grouping=[3], currency=["$", ""]),
    "fr": alt.NumberLocale(
        decimal=",", thousands="\u202f", grouping=[3], currency=["", "\u00a0€"], percent="\u202f%"
    ),
}


@alt.theme.register(READABLE_THEME, enable=False)
def readable_theme() -> alt.theme.ThemeConfig:
    text = {"labelColor": CHART_TEXT, "titleColor": CHART_TEXT}
    return {
        "config": {
            "axis": text,
            "legend": text,
            "header": text,
            "title": {"color": CHART_TEXT, "subtitleColor": CHART_TEXT},
        }
    }


def use_readable_theme() -> None:
    """Every chart drawn from now on (Streamlit keeps an active Altair theme, and merges its
    own design under the chart's config)."""
    if alt.theme.active != READABLE_THEME:
        alt.theme.enable(READABLE_THEME)


def feature_collection(shapes: pd.DataFrame, regions: pd.DataFrame) -> dict:
    """A GeoJSON FeatureCollection of the regions that have a shape.

    `shapes` has `region_id` and `geometry` (GeoJSON geometry as text, or as already parsed
    by `parse_shapes`); `regions` has `region_id` and the per-region columns that become each
    feature's properties. Regions without a shape are simply absent (the caller lists them
    under the map).
    """
    properties = regions.set_index("region_id")
    features = []
    for region_id, geometry in zip(shapes["region_id"], shapes["geometry"], strict=True):
        if region_id not in properties.index:
            continue
        row = properties.loc[region_id]
        features.append(
            {
                "type": "Feature",
                "geometry": geometry if isinstance(geometry, dict) else _parsed(geometry),
                "properties": {"region_id": region_id, **_plain(row.to_dict())},
            }
        )
    return {"type": "FeatureCollection", "features": features}


def region_map(shapes: pd.DataFrame, regions: pd.DataFrame, **choropleth_options) -> alt.Chart:
    """The choropleth of `regions` on their `shapes` (feature_collection, then choropleth)."""
    return choropleth(feature_collection(shapes, regions), **choropleth_options)


def choropleth(
    collection: dict,
    *,
    value_title: str,
    status_title: str,
    tooltip_titles: dict[str, str],
    status_labels: dict[str, str],
    lang: str = "en",
    height: int = 420,
    highlighted: tuple[str, ...] = (),
) -> alt.LayerChart:
    """Regions coloured by value (viridis, darker = higher); regions with too few cases in
    MUTED grey and regions without a figure in NO_DATA grey, each with its own legend entry;
    the `highlighted` region ids outlined in black (the places a visitor chose)."""
    comparable = [f for f in collection["features"] if f["properties"]["status"] == OK]
    greyed = [f for f in collection["features"] if f["properties"]["status"] != OK]
    tooltip = [
        alt.Tooltip(f"properties.{name}:N", title=tooltip_titles[name]) for name in TOOLTIP_FIELDS
    ]
    base = dict(stroke="white", strokeWidth=0.6)
    present = {f["properties"]["status"] for f in greyed}
    greys = [(status_labels[s], colour) for s, colour in GREYS.items() if s in present]
    grey_layer = (
        alt.Chart(alt.NamedData(name="greyed_regions"))  # placeholder
        .mark_geoshape(**base)
        .encode(
            color=alt.Color(
                "properties.status_label:N",
                scale=alt.Scale(
                    domain=[label for label, _ in greys] or [""],
                    range=[colour for _, colour in greys] or [NO_DATA],
                ),
                # A legend entry only for the greys actually on the map.
                legend=alt.Legend(title=status_title, orient="bottom", labelLimit=400)
                if greys
                else None,
            ),
            tooltip=tooltip,
        )
    )
    value_layer = (
        alt.Chart(alt.NamedData(name="comparable_regions"))  # placeholder
        .mark_geoshape(**base)
        .encode(
            color=alt.Color(
                "properties.value:Q",
                scale=alt.Scale(scheme=SEQUENTIAL_SCHEME, reverse=True, zero=False),
                legend=alt.Legend(
                    title=value_title, orient="bottom", gradientLength=320, titleLimit=600
                ),
            ),
            tooltip=tooltip,
        )
    )
    # aria off: decoration over the regions already described; the page names them
    outline = dict(filled=False, stroke=HIGHLIGHT, strokeWidth=2.5, aria=False)
    outline_layer = alt.Chart(alt.NamedData(name="chosen_regions")).mark_geoshape(**outline)
    chart = (
        alt.layer(grey_layer, value_layer, outline_layer)
        .resolve_scale(color="independent")
        .project(type="mercator")
        .properties(height=height, width="container")
        .configure(locale=alt.Locale(number=NUMBER_LOCALES[lang]))
        .configure_view(stroke=None)
    )
    # The shapes are attached last: every Altair method above copies the whole chart, and
    # copying (or validating as Altair objects) a city's shapes took most of a second.
    chosen = [f for f in collection["features"] if f["properties"]["region_id"] in highlighted]
    layers = zip(chart.layer, (greyed, comparable, chosen), (base, base, outline), strict=True)
    for layer, features, mark in layers:
        layer.data = _inline(features)
        if not features:
            layer.mark = alt.MarkDef(type="geoshape", **{**mark, "aria": False})
    return chart


def ranked_bars(
    frame: pd.DataFrame,
    *,
    value_title: str,
    label_title: str,
    status_title: str,
    tooltip_titles: dict[str, str],
    status_labels: dict[str, str],
    no_data_text: str,
    reference: float | None = None,
    reference_label: str | None = None,
    lang: str = "en",
    highlighted: tuple[str, ...] = (),
) -> alt.LayerChart:
    """Horizontal bars, highest first (the `highlighted` labels in bold, black), with 95%
    interval whiskers where `lower`/`upper` are given; too-small regions in MUTED grey;
    then, as text without a bar (so that they do not stretch the scale), excluded regions
    with their value, and regions without a figure, marked `no_data_text`; an optional
    dashed line for the value of all regions together."""
    group = frame["status"].map({EXCLUDED: 1, NO_VALUE: 2}).fillna(0)
    ordered = (
        frame.assign(_group=group)
        .sort_values(["_group", "value", "label"], ascending=[True, False, True])
        .drop(columns="_group")
    )
    records = [_plain(row) for row in ordered.to_dict(orient="records")]
    order = [row["label"] for row in records]
    chosen = json.dumps([label for label in highlighted if label in order])
    is_chosen = f"indexof({chosen}, datum.value) >= 0"
    y = alt.Y(
        "label:N",
        sort=order,
        title=label_title,
        axis=alt.Axis(
            labelLimit=260,
            labelOverlap=False,  # every region named
            labelFontWeight=alt.ExprRef(f"{is_chosen} ? 'bold' : 'normal'"),
            labelColor=alt.ExprRef(
                f"{is_chosen} ? {json.dumps(HIGHLIGHT)} : {json.dumps(CHART_TEXT)}"
            ),
        ),
    )
    tooltip = [alt.Tooltip(f"{name}:N", title=tooltip_titles[name]) for name in TOOLTIP_FIELDS]
    shown = [row for row in records if row["status"] in (OK, SMALL)]
    comparable = [row for row in shown if row["status"] == OK]
    small = [row for row in shown if row["status"] == SMALL]
    texts = [
        {**row, "value": 0, "text": f"{row['value_label']} · {row['status_label']}"}
        if row["status"] == EXCLUDED
        else {**row, "value": 0, "text": no_data_text}
        for row in records
        if row["status"] in (EXCLUDED, NO_VALUE)
    ]
    x_title = alt.X("value:Q", title=value_title)

    layers = [
        alt.Chart(_inline(comparable))
        .mark_bar(**_silent_if_empty(comparable))
        .encode(
            x=x_title,
            y=y,
            color=alt.Color(
                "value:Q",
                scale=alt.Scale(scheme=SEQUENTIAL_SCHEME, reverse=True, zero=False),
                legend=None,  # the axis already gives the value; colour echoes the map
            ),
            tooltip=tooltip,
        ),
        alt.Chart(_inline(small))
        .mark_bar(**_silent_if_empty(small))
        .encode(
            x=x_title,
            y=y,
            color=alt.Color(
                "status_label:N",
                scale=alt.Scale(domain=[status_labels[SMALL]], range=[MUTED]),
                legend=alt.Legend(title=status_title, orient="bottom", labelLimit=400)
                if small
                else None,
            ),
            tooltip=tooltip,
        ),
    ]
    with_interval = [row for row in shown if row.get("lower") is not None]
    if with_interval:
        layers.append(
            alt.Chart(_inline(with_interval))
            .mark_rule(color="black", strokeWidth=1.5)
            .encode(x="lower:Q", x2="upper:Q", y=y, tooltip=tooltip)
        )
    if texts:
        layers.append(
            alt.Chart(_inline(texts))
            .mark_text(align="left", dx=4, color="#555555", fontStyle="italic")
            .encode(x="value:Q", y=y, text="text:N", tooltip=tooltip)
        )
    if reference is not None:
        layers.append(
            alt.Chart(_inline([{"reference": reference, "text": reference_label}]))
            .mark_rule(color="#D55E00", strokeDash=[6, 4], strokeWidth=2)
            .encode(x="reference:Q", tooltip=alt.Tooltip("text:N", title=reference_label))
        )
    return (
        alt.layer(*layers)
        .resolve_scale(color="independent")
        .properties(height=alt.Step(BAR_ROW_HEIGHT), width="container")
        .configure(locale=alt.Locale(number=NUMBER_LOCALES[lang]))
    )


def yearly_lines(
    frame: pd.DataFrame,
    *,
    value_title: str,
    year_title: str,
    series_title: str,
    tooltip_titles: dict[str, str],
    lang: str = "en",
    height: int = 260,
) -> alt.LayerChart:
    """A small chart by year: one line per `series` (a region, all regions), points where a
    year has a figure, and each series' 95% interval as a band where `lower`/`upper` are
    given. `frame`: year, series, value, lower, upper, value_label (a year without a figure
    has a NaN value and draws no point: the line breaks there; `small`, optional, makes a
    point faint: too few cases to compare). A chart drawn to its
    container's size fits axes and legend within `height` too: keep it generous."""
    records = [_plain(row) for row in frame.to_dict(orient="records")]
    series = list(dict.fromkeys(row["series"] for row in records))
    colour = alt.Color(
        "series:N",
        scale=alt.Scale(domain=series, range=OKABE_ITO[: len(series)]),
        legend=alt.Legend(title=series_title, orient="top", labelLimit=400),
    )
    x = alt.X("year:O", title=year_title, axis=alt.Axis(labelAngle=0, labelOverlap=True))
    tooltip = [
        alt.Tooltip("series:N", title=tooltip_titles["series"]),
        alt.Tooltip("year:O", title=tooltip_titles["year"]),
        alt.Tooltip("value_label:N", title=tooltip_titles["value_label"]),
    ]
    known = [row for row in records if row["value"] is not None]
    # a figure resting on too few cases to compare (column `small`): a faint point
    opacity = alt.condition("datum.small", alt.value(0.3), alt.value(1.0))
    layers = []
    banded = [row for row in known if row.get("lower") is not None]
    if banded:
        layers.append(
            alt.Chart(_inline(banded))
            .mark_area(opacity=0.2)
            .encode(x=x, y="lower:Q", y2="upper:Q", color=colour)
        )
    y = alt.Y("value:Q", title=value_title, scale=alt.Scale(zero=True))
    layers.append(alt.Chart(_inline(records)).mark_line().encode(x=x, y=y, color=colour))
    layers.append(
        alt.Chart(_inline(known))
        .mark_point(filled=True, size=40)
        .encode(x=x, y=y, color=colour, opacity=opacity, tooltip=tooltip)
    )
    return (
        alt.layer(*layers)
        .properties(height=height, width="container")
        .configure(locale=alt.Locale(number=NUMBER_LOCALES[lang]))
    )


def parse_shapes(shapes: pd.DataFrame) -> pd.DataFrame:
    """The same shapes with each geometry parsed, rounded and thinned to the map's scale
    once (worth caching: parsing a city's boundaries takes a tenth of a second)."""
    geometries = [_parsed(text) for text in shapes["geometry"]]
    step = _map_extent(geometries) / POINTS_ACROSS
    return shapes.assign(geometry=[_thinned(geometry, step) for geometry in geometries])


def _parsed(geometry_text: str) -> dict:
    return _rounded(json.loads(geometry_text))


# A map is drawn a few hundred pixels wide: a boundary point closer than 1/POINTS_ACROSS of
# the whole map's extent to the previous one kept is below a pixel, and left out (Chicago's
# districts: 0.6 MB of page for every view of the map before).
POINTS_ACROSS = 2000


def _map_extent(geometries: list) -> float:
    points = [point for geometry in geometries for point in _points(geometry)]
    if not points:
        return 0.0
    longitudes, latitudes = zip(*points, strict=True)
    return max(max(longitudes) - min(longitudes), max(latitudes) - min(latitudes))


def _points(geometry):
    if isinstance(geometry, dict):
        yield from _points(geometry.get("coordinates", []))
    elif _is_ring(geometry):
        yield from (point[:2] for point in geometry)
    elif isinstance(geometry, list):
        for item in geometry:
            yield from _points(item)


def _is_ring(value) -> bool:
    return (
        isinstance(value, list)
        and bool(value)
        and isinstance(value[0], list)
        and bool(value[0])
        and isinstance(value[0][0], int | float)
    )


def _thinned(geometry, step: float):
    """Every ring without the points closer than `step` (both coordinates) to the last one
    kept; a ring keeps its first and closing points and never falls below four."""
    if isinstance(geometry, dict):
        return {key: _thinned(value, step) for key, value in geometry.items()}
    if _is_ring(geometry):
        kept = [geometry[0]]
        for point in geometry[1:-1]:
            last = kept[-1]
            if abs(point[0] - last[0]) >= step or abs(point[1] - last[1]) >= step:
                kept.append(point)
        kept.append(geometry[-1])
        return kept if len(kept) >= 4 else geometry
    if isinstance(geometry, list):
        return [_thinned(item, step) for item in geometry]
    return geometry


def _silent_if_empty(values: list) -> dict:
    """Mark options for a layer: without data, no ARIA (an empty Vega mark is announced as
    an image without a name)."""
    return {} if values else {"aria": False}


def _inline(values: list[dict]) -> dict:
    """Inline data as a plain dict: `alt.Data(values=...)` would wrap and validate every
    coordinate of every shape, which takes about a second for a city map."""
    return {"values": values}


def _rounded(geometry):
    """Round every coordinate (nested lists of [lon, lat]) to COORDINATE_DECIMALS."""
    if isinstance(geometry, dict):
        return {key: _rounded(value) for key, value in geometry.items()}
    if isinstance(geometry, list):
        return [_rounded(item) for item in geometry]
    if isinstance(geometry, float):
        return round(geometry, COORDINATE_DECIMALS)
    return geometry


def _plain(row: dict) -> dict:
    """JSON-ready values: NaN and pandas NA become None, numpy numbers become Python ones."""
    plain = {}
    for key, value in row.items():
        if value is None or (not isinstance(value, str) and pd.isna(value)):
            plain[key] = None
        elif hasattr(value, "item"):
            plain[key] = value.item()
        else:
            plain[key] = value
    return plain
