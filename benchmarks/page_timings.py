"""Server time of a full page rerun, per page, on the bundled data (AppTest, in-process).

    .venv/bin/python -m benchmarks.page_timings [--runs 5]

The first run of a page fills the query cache; the median of the next runs is what a
user waits for after changing a filter that hits the cache, and the first run is what
the first visitor waits for.
"""

from __future__ import annotations

import argparse
import os
import statistics
import time
from pathlib import Path

from streamlit.testing.v1 import AppTest

from benchmarks.build_time import machine

PROJECT_DIR = Path(__file__).resolve().parent.parent
VIEWS = {
    "overview": {"page": "overview"},
    "compare (Chicago, sustained rate)": {"page": "compare", "jurisdiction": "US-IL-CHI"},
    "compare (France, departements)": {"page": "compare", "jurisdiction": "FR"},
    "directives": {"page": "directives"},
    "explore (allegations)": {"page": "explore"},
    "sources": {"page": "sources"},
    "region (Val-de-Marne)": {"page": "region", "region": "FR-DEP-94"},
    "region (Chicago district 4)": {"page": "region", "region": "US-IL-CHI-D4"},
}


def time_view(params: dict, runs: int) -> tuple[float, float]:
    app = AppTest.from_file(str(PROJECT_DIR / "dashboard.py"), default_timeout=120)
    for name, value in params.items():
        app.query_params[name] = value
    started = time.perf_counter()
    app.run()
    first = time.perf_counter() - started
    if app.exception:
        raise RuntimeError(f"{params}: {app.exception}")
    timings = []
    for _ in range(runs):
        started = time.perf_counter()
        app.run()
        timings.append(time.perf_counter() - started)
    return first, statistics.median(timings)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    warehouse = os.environ.get(
        "ACCOUNTABILITY_WAREHOUSE", str(PROJECT_DIR / "data" / "warehouse.duckdb")
    )
    print(f"machine: {machine()}; warehouse: {warehouse}")
    print(f"{'view':<40}{'first run':>12}{'rerun median':>15}")
    for label, params in VIEWS.items():
        first, median = time_view(params, args.runs)
        print(f"{label:<40}{first * 1000:>10.0f} ms{median * 1000:>12.0f} ms")


if __name__ == "__main__":
    main()
