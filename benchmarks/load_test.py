"""Bounded load test: concurrent sessions driving the main pages of a real Streamlit server.

    .venv/bin/python -m benchmarks.load_test [--sessions 30] [--seconds 60] [--think 0]
                                             [--replicas 1] [--balancer] [--warehouse W]

Starts `streamlit run dashboard.py` on 127.0.0.1 (a free port; never the network) and
opens `--sessions` simulated visitors at once, each speaking Streamlit's own websocket
protocol, as the browser does: a visitor opens a page's link (a new session, the script's
first run), reruns it once (what a click on a widget costs the server), closes it, pauses
`--think` seconds on average, and goes on to another link, until `--seconds` are up. A run
is timed from the request to the server's "script finished"; an error is an exception or
the dashboard's friendly error message on the page, a run that does not finish
successfully, or a lost connection.
The server's memory (RSS of the streamlit process) is sampled every half second.
`--replicas N` starts N servers on the same read-only warehouse file, as N dashboard
replicas behind a load balancer would be, and spreads the visitors over them (visitor i
talks to replica i mod N); the memory is then their sum. With `--balancer` the replicas
run behind Debian's HAProxy (deploy.serve, as `make serve REPLICAS=N`) and every visitor
talks to the balancer's port, which spreads the websockets round robin. A visitor turned
away with the "busy" message (ui.capacity) is counted apart, not as an error.

Prints the error count, p50/p95/max rerun time per page and overall, and the RSS before,
at its peak and after. A browser only adds its own rendering to these times; the server
time is what concurrent visitors share.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

import websockets

from benchmarks.build_time import machine
from deploy.warm import run_script, warm

PROJECT_DIR = Path(__file__).resolve().parent.parent
LINKS = {  # the main pages, as a visitor arrives from a link
    "overview": "page=overview",
    "compare (Chicago)": "page=compare&jurisdiction=US-IL-CHI",
    "compare (France)": "page=compare&jurisdiction=FR",
    "directives": "page=directives",
    "explore (allegations)": "page=explore&table=allegations",
    "explore (NYC, filtered)": "page=explore&table=allegations&jurisdiction=US-NY-NYC"
    "&finding=sustained&sort=-incident_date",
    "sources": "page=sources",
}
RUN_TIMEOUT = 120  # seconds a visitor waits for a busy server to accept its connection


@dataclass
class Tally:
    timings: dict[str, list[float]] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)
    busy: int = 0  # runs answered with the "busy" message
    rss: list[int] = field(default_factory=list)  # kB

    def add(self, label: str, seconds: float) -> None:
        self.timings.setdefault(label, []).append(seconds)


def free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextlib.contextmanager
def streamlit_server(warehouse: Path):
    port = free_port()
    env = {**os.environ, "ACCOUNTABILITY_WAREHOUSE": str(warehouse)}
    command = [sys.executable, "-m", "streamlit", "run", "dashboard.py"]
    command += ["--server.port", str(port), "--server.address", "127.0.0.1"]
    command += ["--server.headless", "true", "--server.fileWatcherType", "none"]
    process = subprocess.Popen(
        command, cwd=PROJECT_DIR, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=2):
                    break
            except OSError:
                if process.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(process.stderr.read().decode()) from None
                time.sleep(0.3)
        yield port, process
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()


def rss_kb(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    return 0


async def visitor(port: int, stop_at: float, tally: Tally, seed: int, think: float) -> None:
    rng = random.Random(seed)
    url = f"ws://127.0.0.1:{port}/_stcore/stream"
    while time.monotonic() < stop_at:
        label = rng.choice(list(LINKS))
        try:
            # As a browser does: it waits for a busy server to accept (Streamlit's client
            # retries) and sends no keepalive pings of its own.
            async with websockets.connect(
                url,
                subprotocols=["streamlit"],
                max_size=None,
                open_timeout=RUN_TIMEOUT,
                ping_interval=None,
            ) as ws:
                for _ in range(2):  # the first run of the link, then a rerun
                    seconds, problem = await run_script(ws, LINKS[label])
                    if problem == "busy":
                        tally.busy += 1
                        break
                    tally.add(label, seconds)
                    if problem:
                        tally.errors.append(f"{label}: {problem}")
        except (OSError, TimeoutError, websockets.WebSocketException) as error:
            tally.errors.append(f"{label}: {type(error).__name__}: {error}")
        await asyncio.sleep(rng.uniform(0, 2 * think))  # reading the page


async def sample_memory(pids: list[int], stop_at: float, tally: Tally) -> None:
    while time.monotonic() < stop_at:
        tally.rss.append(sum(rss_kb(pid) for pid in pids))
        await asyncio.sleep(0.5)


async def drive(
    ports: list[int], pids: list[int], sessions: int, seconds: float, think: float
) -> Tally:
    tally = Tally()
    stop_at = time.monotonic() + seconds
    await asyncio.gather(
        sample_memory(pids, stop_at, tally),
        *(
            visitor(ports[seed % len(ports)], stop_at, tally, seed, think)
            for seed in range(sessions)
        ),
    )
    return tally


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def report(tally: Tally, sessions: int, seconds: float, rss_before: int, rss_after: int) -> str:
    every = [t for times in tally.timings.values() for t in times]
    lines = [
        f"{sessions} sessions for {seconds:.0f} s: {len(every)} runs "
        f"({len(every) / seconds:.1f}/s), {len(tally.errors)} errors, "
        f"{tally.busy} turned away busy",
        f"{'page':<28}{'runs':>6}{'p50 s':>8}{'p95 s':>8}{'max s':>8}",
    ]
    for label, times in sorted(tally.timings.items()):
        lines.append(
            f"{label:<28}{len(times):>6}{statistics.median(times):>8.2f}"
            f"{percentile(times, 0.95):>8.2f}{max(times):>8.2f}"
        )
    if every:
        lines.append(
            f"{'all':<28}{len(every):>6}{statistics.median(every):>8.2f}"
            f"{percentile(every, 0.95):>8.2f}{max(every):>8.2f}"
        )
    peak = max(tally.rss, default=0)
    lines.append(
        f"server RSS: {rss_before / 1024:.0f} MB after warm-up, {peak / 1024:.0f} MB at peak, "
        f"{rss_after / 1024:.0f} MB after the sessions closed"
    )
    lines += [f"error: {error}" for error in tally.errors[:20]]
    return "\n".join(lines)


def summary_json(tally: Tally, args, rss_before: int, rss_after: int) -> str:
    every = [t for times in tally.timings.values() for t in times]
    return json.dumps(
        {
            "sessions": args.sessions,
            "seconds": args.seconds,
            "think": args.think,
            "replicas": args.replicas,
            "balancer": args.balancer,
            "runs": len(every),
            "runs_per_s": round(len(every) / args.seconds, 1),
            "errors": len(tally.errors),
            "busy": tally.busy,
            "p50_s": round(statistics.median(every), 2) if every else None,
            "p95_s": round(percentile(every, 0.95), 2) if every else None,
            "max_s": round(max(every), 2) if every else None,
            "rss_mb_peak": round(max(tally.rss, default=0) / 1024),
            "rss_mb_after_warmup": round(rss_before / 1024),
            "rss_mb_after": round(rss_after / 1024),
            "first_errors": tally.errors[:5],
        }
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sessions", type=int, default=30)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument(
        "--think", type=float, default=0, help="mean pause between visits (0: no pause, a stress)"
    )
    parser.add_argument(
        "--replicas", type=int, default=1, help="dashboard servers sharing the visitors"
    )
    parser.add_argument("--json", action="store_true", help="one JSON line, exit 0")
    parser.add_argument(
        "--balancer", action="store_true", help="the replicas behind HAProxy (deploy.serve)"
    )
    parser.add_argument(
        "--warehouse",
        type=Path,
        default=Path(
            os.environ.get("ACCOUNTABILITY_WAREHOUSE", PROJECT_DIR / "data/warehouse.duckdb")
        ),
    )
    args = parser.parse_args(argv)
    if not args.json:
        print(f"machine: {machine()}; warehouse: {args.warehouse}")
    with tempfile.TemporaryDirectory() as scratch:
        # A copy, so that a rebuild of the original during the test changes nothing here.
        warehouse = Path(scratch) / "warehouse.duckdb"
        shutil.copyfile(args.warehouse, warehouse)
        with contextlib.ExitStack() as servers:
            if args.balancer:
                from deploy.serve import cluster

                running = servers.enter_context(cluster(args.replicas, warehouse=warehouse))
                pids = running.pids
                replica_ports = [int(url.rsplit(":", 1)[1]) for url in running.replicas]
                ports = [int(running.url.rsplit(":", 1)[1])]
            else:
                replicas = [
                    servers.enter_context(streamlit_server(warehouse)) for _ in range(args.replicas)
                ]
                ports = replica_ports = [port for port, _ in replicas]
                pids = [process.pid for _, process in replicas]
            # One visit of every page first, as `make serve` warms its replicas: the
            # recorded figures and charts are what visitors share.
            problems = warm([f"http://127.0.0.1:{port}" for port in replica_ports], LINKS.values())
            if problems:
                raise RuntimeError("; ".join(problems))
            rss_before = sum(rss_kb(pid) for pid in pids)
            tally = asyncio.run(drive(ports, pids, args.sessions, args.seconds, args.think))
            time.sleep(2)  # sessions closed: what the servers keep
            rss_after = sum(rss_kb(pid) for pid in pids)
    if args.json:
        print(summary_json(tally, args, rss_before, rss_after))
        return 0
    print(
        f"think time: {args.think:g} s on average between visits; replicas: {args.replicas}"
        + (" behind HAProxy" if args.balancer else "")
    )
    print(report(tally, args.sessions, args.seconds, rss_before, rss_after))
    return 1 if tally.errors or not tally.timings else 0


if __name__ == "__main__":
    sys.exit(main())
