"""How to follow and reuse the region page: its Atom feed, and each chart as a PNG or SVG
file (vl-convert) for an article or a briefing (its link and citation: ui/share.py)."""

from __future__ import annotations

import functools
import json
from pathlib import Path
from urllib.parse import urlencode

import streamlit as st
import vl_convert

from ui.page import PageContext

# Where the build writes the feeds that the server publishes at app/static/ (etl/feeds.py).
SERVED_FEEDS = Path(__file__).resolve().parent.parent.parent / "static" / "feeds"
EXPORT_WIDTH = 640  # pixels: a chart drawn to its container's width needs one in a file


def link(values: dict) -> str:
    """A page address with these link values (None values left out)."""
    query = urlencode({name: value for name, value in values.items() if value is not None})
    return f"{st.context.url or ''}?{query}"


def feed_url(region_id: str) -> str | None:
    """The served address of the region's Atom feed, None if the build wrote none."""
    path = SERVED_FEEDS / "region" / f"{region_id}.xml"
    return f"app/static/feeds/region/{region_id}.xml" if path.is_file() else None


def render_feed(page: PageContext, region_id: str) -> None:
    url = feed_url(region_id)
    st.caption(page.t("feed_line", url=url) if url else page.t("no_feed"))


def chart_downloads(page: PageContext, chart: functools.partial, name: str) -> None:
    """PNG and SVG buttons for a chart (its recipe: ui.chart_cache.draw_built), the chart
    built and drawn only when clicked: its spec cost more than the rest of the page."""
    left, right = st.columns(2)
    for column, kind, mime in ((left, "png", "image/png"), (right, "svg", "image/svg+xml")):
        with column:
            st.download_button(
                page.t(f"download_{kind}"),
                functools.partial(built_chart_file, chart, kind),
                file_name=f"{name}.{kind}",
                mime=mime,
                key=f"{name}_{kind}",
                on_click="ignore",  # no rerun: the other buttons' files stay valid
            )


def built_chart_file(chart: functools.partial, kind: str) -> bytes:
    return chart_file(json.dumps(chart().to_dict()), kind)


def chart_file(spec_json: str, kind: str) -> bytes:
    """The chart as a PNG (twice the pixels, for print) or an SVG file."""
    spec = json.loads(spec_json)
    if spec.get("width") in (None, "container"):
        spec["width"] = EXPORT_WIDTH
    if kind == "png":
        return vl_convert.vegalite_to_png(spec, scale=2)
    return vl_convert.vegalite_to_svg(spec).encode("utf-8")
