"""Server time of full page reruns, cold and warm, and the process's peak memory.

    ACCOUNTABILITY_WAREHOUSE=... .venv/bin/python -m benchmarks.page_rerun RUNS [VIEW ...]
    ACCOUNTABILITY_PROFILE=1 ...: also the 12 costliest functions of the warm reruns (cProfile)

Reuses benchmarks.page_timings.VIEWS (AppTest, in-process). Cold: the query results and
the recorded charts and sections (st.cache_data: ui.chart_cache, ui.page.replayed) are
cleared before each run, so every query of the page runs and every chart is converted, as
for the first visitor of a view after a rebuild; warm: plain reruns, served from them. The
process's peak resident memory stands for the dashboard server's with one session
(Streamlit's own server is not run).
`query_share` is the part of the run spent in ui.data's named queries (or their
cache when warm). Prints JSON.
"""

from __future__ import annotations

import cProfile
import io
import json
import os
import pstats
import sys
import threading
import time

import streamlit as st
from streamlit.testing.v1 import AppTest

from benchmarks.measure import own_peak_mb, summary
from benchmarks.page_timings import PROJECT_DIR, VIEWS
from ui import data, rates

_in_queries = [0.0]
_plain_query = data._query


def _timed_query(name: str, folder: str, params: dict):
    started = time.perf_counter()
    try:
        return _plain_query(name, folder, params)
    finally:
        _in_queries[0] += time.perf_counter() - started


# data.query and data.measure_query (the catalogue's) both call data._query at run time:
# every named query is timed.
data._query = _timed_query


def query_share(run) -> tuple[float, float]:
    _in_queries[0] = 0.0
    started = time.perf_counter()
    run()
    return time.perf_counter() - started, _in_queries[0]


def profiled(app: AppTest, runs: int) -> list[str]:
    """The costliest functions (own time) over `runs` warm reruns; AppTest runs the script
    in a thread of its own, so the profiler is switched on in every new thread."""
    profiler = cProfile.Profile()
    threading.setprofile(lambda *_: profiler.enable())
    try:
        for _ in range(runs):
            app.run()
    finally:
        threading.setprofile(None)
        profiler.disable()
    out = io.StringIO()
    stats = pstats.Stats(profiler, stream=out)
    stats.sort_stats("tottime").print_stats(12)
    return [line.strip() for line in out.getvalue().splitlines() if line.strip()][-13:]


def time_view(params: dict, runs: int) -> dict:
    app = AppTest.from_file(str(PROJECT_DIR / "dashboard.py"), default_timeout=300)
    for name, value in params.items():
        app.query_params[name] = value
    app.run()  # imports and the connection: once per server, not per rerun
    if app.exception:
        raise RuntimeError(f"{params}: {app.exception}")
    cold, warm, cold_q, warm_q = [], [], [], []
    for _ in range(runs):
        data.clear_query_cache()
        rates.gamma_quantile.cache_clear()
        st.cache_data.clear()
        total, in_queries = query_share(app.run)
        cold.append(total)
        cold_q.append(in_queries)
    for _ in range(runs):
        total, in_queries = query_share(app.run)
        warm.append(total)
        warm_q.append(in_queries)
    result = {
        "cold": {**summary(cold), "query_share": round(sum(cold_q) / sum(cold), 2)},
        "warm": {**summary(warm), "query_share": round(sum(warm_q) / sum(warm), 2)},
    }
    return result


def profile_view(params: dict, runs: int) -> list[str]:
    """Apart from the timings: a profiler left on in a reused thread would slow them."""
    app = AppTest.from_file(str(PROJECT_DIR / "dashboard.py"), default_timeout=300)
    for name, value in params.items():
        app.query_params[name] = value
    app.run()
    return profiled(app, runs)


def main() -> None:
    runs = int(sys.argv[1])
    chosen = sys.argv[2:] or list(VIEWS)
    results = {label: time_view(VIEWS[label], runs) for label in chosen}
    if os.environ.get("ACCOUNTABILITY_PROFILE"):
        for label in chosen:
            results[label]["warm_profile"] = profile_view(VIEWS[label], runs)
    print(json.dumps({"views": results, "peak_mb": round(own_peak_mb(), 1)}))


if __name__ == "__main__":
    main()
