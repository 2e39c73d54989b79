"""Simultaneous downloads of every allegation, as one dashboard process serves them.

    .venv/bin/python -m benchmarks.concurrent_downloads WAREHOUSE [--downloads 8]
                                                        [--slots 2] [--queue 16]

`--downloads` threads click Explore's "CSV of all allegations" at once: each runs what
Streamlit 1.67 runs for a deferred download button (datapackage.csv_file through the
dashboard's connection, with its 512 MB DuckDB limit and the export gate of exports.gate
sized by --slots/--queue), then reads the file into bytes, which Streamlit keeps in its
in-memory media storage until the session lets go; here every download's bytes are kept
until all are done, the worst case. Prints JSON: successes, failures (with the error),
seconds per download (median, max), bytes, and the process's peak resident memory.
`--slots 8` is the server without the gate (every export at once).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import threading
import time

from benchmarks.measure import own_peak_mb


def rows_digest(body: bytes) -> int:
    """A digest of the lines that ignores their order."""
    return sum(hash(line) for line in body.split(b"\r\n")) & (2**64 - 1)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("warehouse")
    parser.add_argument("--downloads", type=int, default=8)
    parser.add_argument("--slots", type=int, default=2)
    parser.add_argument("--queue", type=int, default=16)
    args = parser.parse_args(argv)
    os.environ["ACCOUNTABILITY_MAX_EXPORTS"] = str(args.slots)
    os.environ["ACCOUNTABILITY_EXPORT_QUEUE"] = str(args.queue)
    from benchmarks.export_memory import NO_FILTER
    from exports.datapackage import csv_file
    from exports.gate import server_gate
    from ui.data import Warehouse

    con = Warehouse(args.warehouse)
    params = {**NO_FILTER, "limit": None}  # every allegation, sorted by id
    before = own_peak_mb()
    start = threading.Barrier(args.downloads)
    kept: list[bytes] = []
    seconds: list[float] = []
    failures: list[str] = []
    lock = threading.Lock()

    def download() -> None:
        start.wait()
        started = time.perf_counter()
        try:
            with csv_file(con, "explore_allegations", params) as spool:
                body = spool.read()  # what Streamlit's media storage then holds
        except Exception as error:  # noqa: BLE001 - counted and reported
            with lock:
                failures.append(f"{type(error).__name__}: {str(error)[:160]}")
            return
        with lock:
            kept.append(body)
            seconds.append(time.perf_counter() - started)

    threads = [threading.Thread(target=download) for _ in range(args.downloads)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    print(
        json.dumps(
            {
                "downloads": args.downloads,
                "slots": args.slots,
                "succeeded": len(kept),
                # The same rows in every file (their order is DuckDB's: see performance.md).
                "same_rows": len({rows_digest(body) for body in kept}) <= 1,
                "failures": failures,
                "rows_each": kept[0].count(b"\r\n") - 1 if kept else 0,
                "mb_each": round(len(kept[0]) / 1e6, 1) if kept else 0,
                "median_s": round(statistics.median(seconds), 2) if seconds else None,
                "max_s": round(max(seconds), 2) if seconds else None,
                "refused_by_gate": server_gate().state().refused,
                "peak_mb_before": round(before, 1),
                "peak_mb": round(own_peak_mb(), 1),
            }
        )
    )


if __name__ == "__main__":
    main()
