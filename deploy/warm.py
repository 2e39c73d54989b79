"""Warm the replicas: open the main views once, in each language, as a first visitor would.

    .venv/bin/python -m deploy.warm http://127.0.0.1:PORT [...]

A replica computes a view's figures and converts its charts once per warehouse version and
keeps them (ui.data, ui.chart_cache, ui.page.replayed); the first visitor of a view after a
start or a rebuild pays for it. `make serve` (deploy.serve) warms every replica when it
starts and again whenever the warehouse file changes, so that visitor is the warmer.
Each replica is visited directly (caches are per process), speaking Streamlit's own
websocket protocol, as benchmarks.load_test does.
"""

from __future__ import annotations

import asyncio
import os
import sys
import threading
import time
from pathlib import Path

import websockets
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

# The views most visitors arrive at: every page's default, in both languages. The region
# page's default region computes its jurisdiction's figures by year for every region of
# its level, which the other regions of that jurisdiction then share.
PAGES = ("overview", "compare", "directives", "explore&table=allegations", "sources", "region")
WARM_LINKS = tuple(f"page={page}&lang={lang}" for lang in ("en", "fr") for page in PAGES)
RUN_TIMEOUT = 300  # seconds: a cold page at 10M rows takes about one; a net for a hang
FRIENDLY_ERROR = "Something went wrong while preparing this view"
BUSY = "The dashboard is very busy right now"


async def run_script(websocket, query_string: str) -> tuple[float, str | None]:
    """One run of the script for `query_string` on an open session: its duration and what
    went wrong, if anything (an exception, the friendly error, "busy", a failed run)."""
    request = BackMsg()
    request.rerun_script.query_string = query_string
    started = time.perf_counter()
    await websocket.send(request.SerializeToString())
    problem = None
    while True:
        message = ForwardMsg()
        message.ParseFromString(await asyncio.wait_for(websocket.recv(), RUN_TIMEOUT))
        kind = message.WhichOneof("type")
        if kind == "delta" and message.delta.WhichOneof("type") == "new_element":
            element = message.delta.new_element
            if element.WhichOneof("type") == "exception":
                problem = f"exception: {element.exception.message[:200]}"
            elif element.WhichOneof("type") == "alert" and FRIENDLY_ERROR in element.alert.body:
                problem = "friendly error message shown"
            elif element.WhichOneof("type") == "alert" and BUSY in element.alert.body:
                problem = problem or "busy"
        elif kind == "page_not_found":
            problem = "page not found"
        elif kind == "script_finished":
            status = ForwardMsg.ScriptFinishedStatus.Name(message.script_finished)
            if status != "FINISHED_SUCCESSFULLY":
                problem = problem or f"script finished: {status}"
            return time.perf_counter() - started, problem


def stream_url(replica_url: str) -> str:
    return replica_url.replace("http://", "ws://", 1).rstrip("/") + "/_stcore/stream"


async def _warm(replica_url: str, links) -> list[str]:
    problems = []
    for link in links:  # a new session per link, as a visitor arriving from it
        async with websockets.connect(
            stream_url(replica_url), subprotocols=["streamlit"], max_size=None, ping_interval=None
        ) as websocket:
            _, problem = await run_script(websocket, link)
        if problem:
            problems.append(f"{replica_url} {link}: {problem}")
    return problems


def warm(replica_urls: list[str], links=WARM_LINKS) -> list[str]:
    """Open every link once on every replica, one replica after another (a warm-up should
    not take every core from visitors); the problems met, none if all went well."""
    problems = []
    for url in replica_urls:
        try:
            problems += asyncio.run(_warm(url, links))
        except (OSError, TimeoutError, websockets.WebSocketException) as error:
            problems.append(f"{url}: {type(error).__name__}: {error}")
    return problems


class Warmer(threading.Thread):
    """Warms the replicas now, then whenever the warehouse file changes (a rebuild swaps
    it in; each replica moves to the new version on its next query)."""

    def __init__(
        self, replica_urls: list[str], warehouse: Path, interval: float = 5.0, links=WARM_LINKS
    ):
        super().__init__(name="warmer", daemon=True)
        self.replica_urls, self.warehouse, self.interval = replica_urls, warehouse, interval
        self.links = links
        self.rounds = 0  # warm-ups done
        self.problems: list[str] = []
        self.stopping = threading.Event()

    def _version(self) -> float | None:
        try:
            return os.stat(self.warehouse).st_mtime
        except FileNotFoundError:
            return None

    def run(self) -> None:
        warmed = None
        while not self.stopping.is_set():
            version = self._version()
            if version is not None and version != warmed:
                started = time.monotonic()
                problems = warm(self.replica_urls, self.links)
                for problem in problems:
                    print(f"warm-up: {problem}", file=sys.stderr, flush=True)
                self.problems += problems
                warmed = version
                self.rounds += 1
                seconds = time.monotonic() - started
                print(f"warm-up {self.rounds}: {seconds:.1f} s", file=sys.stderr, flush=True)
            self.stopping.wait(self.interval)

    def stop(self) -> None:
        self.stopping.set()


if __name__ == "__main__":
    found = warm(sys.argv[1:])
    print("\n".join(found) or "warm")
    sys.exit(1 if found else 0)
