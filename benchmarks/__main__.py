"""All benchmarks in one run: `python -m benchmarks [--rows 1000000 10000000]`.

For the bundled snapshots and for each synthetic size (benchmarks.generate_allegations,
in WORK_DIR, never in data/): ETL build time, rows per second and peak memory; warehouse
size; every named query with typical parameters (benchmarks.query_params); cold and warm
page reruns and the dashboard process's peak memory; a CSV export of up to 1M rows with
its peak memory; the same questions answered by pandas and SQLite, as ratios to the
warehouse; on the largest set, --downloads simultaneous downloads of every allegation
(with the export gate and without it) and the load test through HAProxy for each of
--load-replicas (benchmarks.load_test --balancer: 30 sessions without pause, 50 with a
5 s think time; on 2 cores, more than 2 replicas cannot add throughput). Medians and
p95 over --runs. Results go to WORK_DIR/results.json and stdout;
docs/performance.md explains the method and reports a run.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import time
from pathlib import Path

from benchmarks import alternatives
from benchmarks.build_time import machine
from benchmarks.generate_allegations import copy_project_data, generate, refuse_project_data
from benchmarks.measure import run_child, summary, timed
from benchmarks.page_timings import VIEWS
from benchmarks.query_params import PARAMS, SKIPPED, measure_params

DEFAULT_WORK_DIR = Path("/tmp/accountability-benchmarks")


def prepare(folder: Path, rows: int | None) -> dict:
    """A data folder: the bundled snapshots (rows None) or `rows` synthetic allegations."""
    refuse_project_data(folder)
    folder.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    counts = {} if rows is None else generate(folder, rows)
    if rows is None:
        copy_project_data(folder)
    return {"generated": counts, "generate_s": round(time.perf_counter() - started, 1)}


def build(folder: Path, runs: int, rows: int | None = None) -> dict:
    import duckdb

    # The synthetic Chicago file is many times the published one: its declared size limits
    # (etl.limits) are raised in proportion, as an operator loading such a copy would.
    factor = {"ACCOUNTABILITY_ETL_LIMITS_FACTOR": str(max(1, (rows or 0) // 500_000 + 1))}
    seconds, peaks = [], []
    for _ in range(runs):
        wall, peak, _ = run_child(["-m", "etl", "--data-dir", str(folder), "--quiet"], env=factor)
        seconds.append(wall)
        peaks.append(peak)
    warehouse = folder / "warehouse.duckdb"
    con = duckdb.connect(str(warehouse), read_only=True)
    [(allegations, loaded)] = con.execute(
        "SELECT (SELECT count(*) FROM allegations), (SELECT sum(rows_loaded) FROM source_files)"
    ).fetchall()
    con.close()
    timing = summary(seconds)
    return {
        **timing,
        "allegations": allegations,
        "rows_loaded": int(loaded),
        "rows_per_s": round(loaded / (timing["median_ms"] / 1000)),
        "allegations_per_s": round(allegations / (timing["median_ms"] / 1000)),
        "peak_mb": round(max(peaks), 1),
        "warehouse_mb": round(warehouse.stat().st_size / 1e6, 1),
    }


def query_timings(warehouse: Path, runs: int) -> dict:
    import queries
    from ui.data import Warehouse

    con = Warehouse(str(warehouse))
    results = {}
    for name, params in PARAMS.items():
        timing, frame = timed(lambda n=name, p=params: queries.run(con, n, p).df(), runs)
        results[name] = {**timing, "rows": len(frame)}
    for name, params in measure_params().items():
        timing, frame = timed(
            lambda n=name, p=params: queries.run(con, n, p, "measures").df(), runs
        )
        results[f"measures/{name}"] = {**timing, "rows": len(frame)}
    return results


def page_reruns(warehouse: Path, runs: int, views: list[str]) -> dict:
    _, peak, output = run_child(
        ["-m", "benchmarks.page_rerun", str(runs), *views],
        env={"ACCOUNTABILITY_WAREHOUSE": str(warehouse)},
    )
    result = json.loads(output)
    return {**result, "child_peak_mb": round(peak, 1)}


def csv_exports(warehouse: Path, rows: int) -> dict:
    results = {}
    for mode in ("csv_file", "package"):
        _, peak, output = run_child(
            ["-m", "benchmarks.export_memory", str(warehouse), str(rows), mode]
        )
        results[mode] = {**json.loads(output), "child_peak_mb": round(peak, 1)}
    return results


def concurrent_downloads(warehouse: Path, downloads: int) -> dict:
    results = {}
    for label, slots in (("gated", "2"), ("ungated", str(downloads))):
        _, peak, output = run_child(
            [
                "-m",
                "benchmarks.concurrent_downloads",
                str(warehouse),
                "--downloads",
                str(downloads),
                "--slots",
                slots,
            ]
        )
        results[label] = {**json.loads(output), "child_peak_mb": round(peak, 1)}
    return results


LOAD_SCENARIOS = {"30 sessions, no pause": ("30", "0"), "50 sessions, 5 s think": ("50", "5")}


def load_figures(warehouse: Path, replicas: list[int], seconds: float) -> dict:
    from deploy.serve import haproxy_binary

    haproxy_binary()  # says how to install HAProxy when it is missing
    results = {}
    for label, (sessions, think) in LOAD_SCENARIOS.items():
        for count in replicas:
            args = ["-m", "benchmarks.load_test", "--json", "--balancer"]
            args += ["--replicas", str(count), "--sessions", sessions, "--think", think]
            args += ["--seconds", str(seconds), "--warehouse", str(warehouse)]
            _, _, output = run_child(args)
            results[f"{label}, {count} replica(s)"] = json.loads(output)
            print(f"   load {label}, {count} replica(s): {output.strip()}", flush=True)
    return results


def compare_engines(folder: Path, runs: int) -> dict:
    warehouse = folder / "warehouse.duckdb"
    flat = folder / "allegations.csv"
    rows = alternatives.write_flat_csv(warehouse, flat)
    engines = {}
    for engine in alternatives.ENGINES:
        wall, peak, output = run_child(
            ["-m", "benchmarks.alternatives", engine, str(warehouse), str(flat), str(runs)]
        )
        engines[engine] = {**json.loads(output), "child_peak_mb": round(peak, 1)}
    reference = engines["duckdb"]
    answers = {name: engine.pop("answers") for name, engine in engines.items()}
    disagree = [
        f"{engine}:{question}"
        for engine in engines
        for question in alternatives.QUESTIONS
        if answers[engine][question] != answers["duckdb"][question]
    ]
    ratios = {
        engine: {
            question: round(
                engines[engine]["questions"][question]["median_ms"]
                / max(reference["questions"][question]["median_ms"], 0.1),
                1,
            )
            for question in alternatives.QUESTIONS
        }
        for engine in engines
        if engine != "duckdb"
    }
    return {
        "csv_rows": rows,
        "csv_mb": round(flat.stat().st_size / 1e6, 1),
        "engines": engines,
        "ratios_to_duckdb": ratios,
        "answers_disagree": disagree,
        "matching_rows": answers["duckdb"]["count"],
    }


def run(args: argparse.Namespace) -> dict:
    work_dir = args.work_dir
    refuse_project_data(work_dir)
    report = {"machine": machine(), "runs": args.runs, "skipped_queries": SKIPPED, "sets": {}}
    sizes = ([None] if args.bundled else []) + args.rows
    for rows in sizes:
        label = "bundled" if rows is None else f"{rows:,}"
        folder = work_dir / ("bundled" if rows is None else f"rows-{rows}")
        print(f"== {label}", flush=True)
        result = prepare(folder, rows)
        result["build"] = build(folder, args.build_runs, rows)
        print(f"   build: {result['build']}", flush=True)
        warehouse = folder / "warehouse.duckdb"
        result["queries"] = query_timings(warehouse, args.runs)
        if rows is not None:
            if args.views:
                result["pages"] = page_reruns(warehouse, args.page_runs, args.views)
            if "exports" not in args.skip:
                export_rows = min(args.export_rows, result["build"]["allegations"])
                result["export"] = csv_exports(warehouse, export_rows)
            if "alternatives" not in args.skip:
                result["alternatives"] = compare_engines(folder, args.runs)
            if rows == max(args.rows):
                if args.downloads:
                    result["downloads"] = concurrent_downloads(warehouse, args.downloads)
                if args.load_replicas:
                    result["load"] = load_figures(warehouse, args.load_replicas, args.load_seconds)
        # Another process on the machine slows every figure: the 1/5/15-minute load is kept.
        result["load_average_after"] = [round(x, 2) for x in os.getloadavg()]
        report["sets"][label] = result
        print(json.dumps({k: v for k, v in result.items() if k != "queries"}, indent=1))
        if args.clean and rows is not None:
            shutil.rmtree(folder)
    return report


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__)
    p.add_argument("--rows", type=int, nargs="*", default=[1_000_000])
    p.add_argument("--runs", type=int, default=20, help="timed runs per query and question")
    p.add_argument("--build-runs", type=int, default=3)
    p.add_argument("--page-runs", type=int, default=5)
    p.add_argument("--export-rows", type=int, default=1_000_000)
    p.add_argument("--views", nargs="*", default=list(VIEWS), help="page_timings.VIEWS labels")
    p.add_argument("--downloads", type=int, default=8, help="simultaneous; 0: none")
    p.add_argument("--load-replicas", type=int, nargs="*", default=[1, 2, 4])
    p.add_argument("--load-seconds", type=float, default=30)
    p.add_argument("--no-bundled", dest="bundled", action="store_false")
    p.add_argument(
        "--skip",
        nargs="*",
        default=[],
        choices=["exports", "alternatives"],
        help="parts not measured this time (their figures are long to get and unchanged)",
    )
    p.add_argument("--clean", action="store_true", help="delete each synthetic folder after")
    p.add_argument("--work-dir", type=Path, default=DEFAULT_WORK_DIR)
    p.add_argument("--out", type=Path, help="results JSON (default WORK_DIR/results.json)")
    return p


def main() -> None:
    args = parser().parse_args()
    report = run(args)
    out = args.out or args.work_dir / "results.json"
    out.write_text(json.dumps(report, indent=1), encoding="utf-8")
    print(f"results: {out}")


if __name__ == "__main__":
    main()
