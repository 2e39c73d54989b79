"""Time `python -m etl` on the bundled snapshots: median of N runs, warehouse size, machine.

    .venv/bin/python -m benchmarks.build_time [--runs 3]

Builds in a temporary copy of data/, so the project's warehouse is untouched.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

PROJECT_DIR = Path(__file__).resolve().parent.parent


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        for line in cpuinfo.read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    return f"{cpu}, {os.cpu_count()} cores, Python {platform.python_version()}"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        data_dir = Path(scratch) / "data"
        shutil.copytree(PROJECT_DIR / "data" / "raw", data_dir / "raw")
        shutil.copytree(PROJECT_DIR / "data" / "reference", data_dir / "reference")
        timings = []
        for _ in range(args.runs):
            started = time.perf_counter()
            subprocess.run(
                [sys.executable, "-m", "etl", "--data-dir", str(data_dir), "--quiet"],
                check=True,
                cwd=PROJECT_DIR,
                stdout=subprocess.DEVNULL,
            )
            timings.append(time.perf_counter() - started)
        size = (data_dir / "warehouse.duckdb").stat().st_size
    print(f"machine: {machine()}")
    print(f"python -m etl, {args.runs} runs: " + ", ".join(f"{t:.2f} s" for t in timings))
    print(f"median: {statistics.median(timings):.2f} s")
    print(f"warehouse size: {size / 1e6:.1f} MB")


if __name__ == "__main__":
    main()
