"""Timing and memory helpers: median and p95 of runs, and a child's peak resident memory."""

from __future__ import annotations

import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

PROJECT_DIR = Path(__file__).resolve().parent.parent
POLL_S = 0.02


def summary(seconds: list[float]) -> dict:
    """Median and p95 in milliseconds (p95 by nearest rank: with few runs, the slowest)."""
    ordered = sorted(seconds)
    rank = max(0, -(-95 * len(ordered) // 100) - 1)
    return {
        "runs": len(ordered),
        "median_ms": round(statistics.median(ordered) * 1000, 1),
        "p95_ms": round(ordered[rank] * 1000, 1),
    }


def timed(function, runs: int, warmup: int = 1) -> tuple[dict, object]:
    """Call `function` warmup + runs times; the summary of the timed runs and the last result."""
    result = None
    for _ in range(warmup):
        result = function()
    seconds = []
    for _ in range(runs):
        started = time.perf_counter()
        result = function()
        seconds.append(time.perf_counter() - started)
    return summary(seconds), result


def high_water_mb(status: Path = Path("/proc/self/status")) -> float:
    """Peak resident memory (VmHWM) of one process.

    Not getrusage's ru_maxrss: Linux carries the parent's high-water mark across fork and
    exec into it, so a small child of a big parent would report the parent's peak.
    VmHWM belongs to the process's own address space, which exec replaces.
    """
    for line in status.read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024  # kB
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # not Linux


def own_peak_mb() -> float:
    return high_water_mb()


def run_child(args: list[str], env: dict | None = None) -> tuple[float, float, str]:
    """Run `python args...` from the project; wall seconds, peak resident MB, stdout.

    The child's VmHWM is read every POLL_S while it runs (it only grows, so the last
    reading misses at most the growth of the child's last POLL_S). A reading counts only
    once /proc shows the child's own command line: before its exec, the pid still has a
    copy of this process's address space and its high-water mark (seen in a run: a 43 MB
    child sampled at the parent's 5.3 GB).
    """
    started = time.perf_counter()
    peak = 0.0
    with (
        tempfile.TemporaryFile("w+") as output,
        subprocess.Popen(
            [sys.executable, *args],
            cwd=PROJECT_DIR,
            env={**os.environ, **(env or {})},
            stdout=output,
            text=True,
        ) as child,
    ):
        status = Path(f"/proc/{child.pid}/status")
        command = Path(f"/proc/{child.pid}/cmdline")
        own_command = "\0".join(args).encode()
        while child.poll() is None:
            try:
                if own_command in command.read_bytes():
                    peak = max(peak, high_water_mb(status))
            except (FileNotFoundError, ProcessLookupError):
                pass  # exited between poll() and the read
            time.sleep(POLL_S)
        output.seek(0)
        text = output.read()
    seconds = time.perf_counter() - started
    if child.returncode != 0:
        raise RuntimeError(f"{' '.join(args)} exited with {child.returncode}")
    return seconds, peak, text
