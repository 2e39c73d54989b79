"""N dashboard replicas behind HAProxy on one port: `make serve REPLICAS=N [PORT=8501]`.

    .venv/bin/python -m deploy.serve --replicas 2 --port 8501 [--bind 127.0.0.1]
                                     [--warehouse data/warehouse.duckdb]

Starts N `streamlit run dashboard.py` processes on free loopback ports, each opening the
same warehouse file read-only (ui.data: a rebuilt file is picked up by each on its own),
waits until each answers /_stcore/health, writes the HAProxy configuration for them from
deploy/haproxy.cfg.template and runs Debian's HAProxy in the foreground on `--port`:
sticky sessions by cookie (a visitor's websocket and downloads reach the replica that
holds the session), health checks on /_stcore/health, /_stcore/metrics denied. Then it
opens the main views on each replica (deploy.warm), and again after each rebuild, so that
no visitor is the first of a view. Ctrl-C (or SIGTERM) stops the balancer and every
replica. docs/deployment.md covers N machines.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from string import Template

from deploy.warm import Warmer

PROJECT_DIR = Path(__file__).resolve().parent.parent
TEMPLATE = Path(__file__).resolve().parent / "haproxy.cfg.template"
INSTALL_HINT = "HAProxy is not installed: `sudo apt-get install -y haproxy` (Debian, Ubuntu)"
COOKIE = "dashboard_replica"
# How long a replica or the balancer may take to answer its health check: a net for a
# hung process, far above what a loaded machine needs.
START_SECONDS = 180


@dataclass
class Cluster:
    url: str  # the balancer
    replicas: list[str]  # each replica's own address (loopback)
    processes: list[subprocess.Popen] = field(default_factory=list)  # replicas, then HAProxy
    config: Path | None = None

    @property
    def pids(self) -> list[int]:
        return [process.pid for process in self.processes]


def haproxy_binary() -> str:
    found = shutil.which("haproxy") or next(
        (p for p in ("/usr/sbin/haproxy", "/sbin/haproxy") if Path(p).exists()), None
    )
    if found is None:
        raise SystemExit(INSTALL_HINT)
    return found


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def render_config(
    port: int, replica_ports: list[int], bind: str = "127.0.0.1", maxconn: int = 4096
) -> str:
    """The HAProxy configuration for these replicas (all on this machine's loopback)."""
    servers = "\n".join(
        f"    server replica{i} 127.0.0.1:{p} cookie replica{i}"
        for i, p in enumerate(replica_ports, 1)
    )
    return Template(TEMPLATE.read_text(encoding="utf-8")).substitute(
        bind=bind,
        port=port,
        maxconn=maxconn,
        server_maxconn=max(64, maxconn // max(1, len(replica_ports))),
        cookie=COOKIE,
        servers=servers,
    )


def wait_healthy(url: str, process: subprocess.Popen, what: str) -> None:
    deadline = time.monotonic() + START_SECONDS
    while True:
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=5) as response:
                if response.status == 200:
                    return
        except OSError:
            pass
        if process.poll() is not None:
            raise RuntimeError(f"{what} exited with status {process.returncode}")
        if time.monotonic() > deadline:
            raise RuntimeError(f"{what} did not answer {url}/_stcore/health")
        time.sleep(0.3)


def start_replica(port: int, warehouse: Path, env: dict, log) -> subprocess.Popen:
    command = [sys.executable, "-m", "streamlit", "run", "dashboard.py"]
    command += ["--server.port", str(port), "--server.address", "127.0.0.1"]
    command += ["--server.headless", "true", "--server.fileWatcherType", "none"]
    return subprocess.Popen(
        command,
        cwd=PROJECT_DIR,
        env={**env, "ACCOUNTABILITY_WAREHOUSE": str(warehouse)},
        stdout=log,
        stderr=subprocess.STDOUT,
    )


def stop(processes: list[subprocess.Popen]) -> None:
    """SIGTERM to each (the balancer first), then SIGKILL to those still up after 10 s."""
    for process in reversed(processes):
        if process.poll() is None:
            process.terminate()
    for process in reversed(processes):
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)


@contextlib.contextmanager
def cluster(
    replicas: int,
    port: int | None = None,
    warehouse: Path | None = None,
    bind: str = "127.0.0.1",
    log_dir: Path | None = None,
    extra_env: dict | None = None,
) -> Iterator[Cluster]:
    """Start `replicas` dashboards and HAProxy in front; stop them all on exit."""
    if replicas < 1:
        raise ValueError("at least one replica")
    haproxy = haproxy_binary()
    warehouse = Path(warehouse or os.environ.get("ACCOUNTABILITY_WAREHOUSE", "")).resolve()
    if not warehouse.is_file():
        raise SystemExit(f"no warehouse at {warehouse}: build it with `python -m etl`")
    port = port or free_port()
    env = {**os.environ, **(extra_env or {})}
    # One XSRF/cookie secret for every replica, so that a visitor moved to another replica
    # (its own went down) keeps a valid XSRF cookie.
    env.setdefault("STREAMLIT_SERVER_COOKIE_SECRET", secrets.token_hex(32))
    processes: list[subprocess.Popen] = []
    with contextlib.ExitStack() as stack:
        folder = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="dashboard-serve-")))
        logs = log_dir or folder
        ports = [free_port() for _ in range(replicas)]
        stack.callback(stop, processes)
        for i, replica_port in enumerate(ports, 1):
            log = stack.enter_context(open(logs / f"replica{i}.log", "ab"))  # noqa: SIM115
            processes.append(start_replica(replica_port, warehouse, env, log))
        for i, (replica_port, process) in enumerate(zip(ports, processes, strict=True), 1):
            wait_healthy(f"http://127.0.0.1:{replica_port}", process, f"replica {i}")
        config = folder / "haproxy.cfg"
        config.write_text(render_config(port, ports, bind), encoding="utf-8")
        subprocess.run([haproxy, "-c", "-q", "-f", str(config)], check=True)
        log = stack.enter_context(open(logs / "haproxy.log", "ab"))  # noqa: SIM115
        balancer = subprocess.Popen(
            [haproxy, "-db", "-f", str(config)], stdout=log, stderr=subprocess.STDOUT
        )
        processes.append(balancer)
        host = "127.0.0.1" if bind in ("0.0.0.0", "::", "*") else bind  # noqa: S104
        url = f"http://{host}:{port}"
        wait_healthy(url, balancer, "HAProxy")
        yield Cluster(url, [f"http://127.0.0.1:{p}" for p in ports], processes, config)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m deploy.serve", description=__doc__)
    parser.add_argument("--replicas", type=int, default=2)
    parser.add_argument("--port", type=int, default=8501, help="the balancer's port")
    parser.add_argument("--bind", default="127.0.0.1", help="0.0.0.0 to serve the network")
    parser.add_argument(
        "--warehouse",
        type=Path,
        default=Path(
            os.environ.get("ACCOUNTABILITY_WAREHOUSE", PROJECT_DIR / "data" / "warehouse.duckdb")
        ),
    )
    parser.add_argument("--log-dir", type=Path, help="replica and HAProxy logs (default: temp)")
    parser.add_argument(
        "--no-warm",
        dest="warm",
        action="store_false",
        help="do not open the main views on each replica at start and after each rebuild",
    )
    args = parser.parse_args(argv)
    stopping = []
    signal.signal(signal.SIGTERM, lambda *_: stopping.append(True))
    with cluster(args.replicas, args.port, args.warehouse, args.bind, args.log_dir) as running:
        print(f"{args.replicas} replicas behind HAProxy: {running.url}", flush=True)
        print(f"HAProxy configuration: {running.config}; Ctrl-C stops everything", flush=True)
        if args.warm:  # in the background: visitors are served meanwhile
            Warmer(running.replicas, args.warehouse.resolve()).start()
        try:
            while not stopping and all(p.poll() is None for p in running.processes):
                time.sleep(0.5)
        except KeyboardInterrupt:
            pass
        down = [p.args[0] for p in running.processes if p.poll() is not None]
    if down and not stopping:
        print(f"stopped: a process exited ({down[0]})", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
