"""Server time of full page reruns, cold and warm, and the process's peak memory.

    ACCOUNTABILITY_WAREHOUSE=... .venv/bin/python -m benchmarks.page_rerun RUNS [VIEW ...]

Reuses benchmarks.page_timings.VIEWS (AppTest, in-process). Cold: the query cache is
cleared before each run, so every query of the page runs, as after a filter nobody chose
before; warm: plain reruns, served from the cache. The process's peak resident memory
stands for the dashboard server's with one session (Streamlit's own server is not run).
Prints JSON.
"""

from __future__ import annotations

import json
import sys
import time

import streamlit as st
from streamlit.testing.v1 import AppTest

from benchmarks.measure import own_peak_mb, summary
from benchmarks.page_timings import PROJECT_DIR, VIEWS


def time_view(params: dict, runs: int) -> dict:
    app = AppTest.from_file(str(PROJECT_DIR / "dashboard.py"), default_timeout=300)
    for name, value in params.items():
        app.query_params[name] = value
    app.run()  # imports and the connection: once per server, not per rerun
    if app.exception:
        raise RuntimeError(f"{params}: {app.exception}")
    cold, warm = [], []
    for _ in range(runs):
        st.cache_data.clear()
        started = time.perf_counter()
        app.run()
        cold.append(time.perf_counter() - started)
    for _ in range(runs):
        started = time.perf_counter()
        app.run()
        warm.append(time.perf_counter() - started)
    return {"cold": summary(cold), "warm": summary(warm)}


def main() -> None:
    runs = int(sys.argv[1])
    chosen = sys.argv[2:] or list(VIEWS)
    results = {label: time_view(VIEWS[label], runs) for label in chosen}
    print(json.dumps({"views": results, "peak_mb": round(own_peak_mb(), 1)}))


if __name__ == "__main__":
    main()
