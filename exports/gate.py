"""A per-server limit on concurrent exports, with a bounded queue.

Every export through the dashboard's connection (exports.table_csv.spool_query_csv, the
data package) takes a slot of one process-wide gate first. DuckDB's memory limit
(ui.data, 512 MB) is shared by every session of the process: a few unbounded exports
running together exhausted it (six clicks on "CSV of all allegations": two out-of-memory
errors). With at most ACCOUNTABILITY_MAX_EXPORTS (default 2) running, a further export
waits its turn, up to ACCOUNTABILITY_EXPORT_QUEUE (default 16) of them, each for at most
ACCOUNTABILITY_EXPORT_WAIT seconds (default 300); beyond that it is refused with
ExportBusy, and the page says so (ui.capacity). A thread that holds a slot may take it
again (the data package spools its CSV inside its own slot).
"""

from __future__ import annotations

import contextlib
import os
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass


class ExportBusy(RuntimeError):
    """The export could not start: too many are running and waiting already."""


@dataclass(frozen=True)
class GateState:
    running: int
    waiting: int
    slots: int
    queue: int
    refused: int  # exports refused since the process started
    last_refused: float | None  # time.monotonic() of the last refusal

    @property
    def full(self) -> bool:
        """Every slot taken and every place in the queue too: a new export is refused."""
        return self.running >= self.slots and self.waiting >= self.queue

    @property
    def busy(self) -> bool:
        """Every slot taken: a new export waits."""
        return self.running >= self.slots


class ExportGate:
    def __init__(self, slots: int, queue: int, wait_seconds: float | None):
        if slots < 1 or queue < 0:
            raise ValueError("at least one slot, and a queue of zero or more")
        self.slots, self.queue, self.wait_seconds = slots, queue, wait_seconds
        self._condition = threading.Condition()
        self._running = 0
        self._waiting = 0
        self._refused = 0
        self._last_refused: float | None = None
        self._held = threading.local()

    def state(self) -> GateState:
        with self._condition:
            return GateState(
                self._running,
                self._waiting,
                self.slots,
                self.queue,
                self._refused,
                self._last_refused,
            )

    @contextlib.contextmanager
    def slot(self) -> Iterator[None]:
        """Hold one export slot for the block; wait in the queue, or raise ExportBusy."""
        depth = getattr(self._held, "depth", 0)
        if depth:  # this thread's export already holds a slot
            self._held.depth = depth + 1
            try:
                yield
            finally:
                self._held.depth -= 1
            return
        self._acquire()
        self._held.depth = 1
        try:
            yield
        finally:
            self._held.depth = 0
            with self._condition:
                self._running -= 1
                self._condition.notify()

    def _acquire(self) -> None:
        with self._condition:
            if self._running >= self.slots:
                if self._waiting >= self.queue:
                    self._refuse()
                self._waiting += 1
                try:
                    free = self._condition.wait_for(
                        lambda: self._running < self.slots, self.wait_seconds
                    )
                finally:
                    self._waiting -= 1
                if not free:
                    self._refuse()
            self._running += 1

    def _refuse(self) -> None:
        self._refused += 1
        self._last_refused = time.monotonic()
        raise ExportBusy(f"{self._running} exports running and {self._waiting} waiting")


def _int_env(name: str, default: int) -> int:
    value = os.environ.get(name, "")
    return int(value) if value.strip().isdigit() else default


# A file a page prepares is held whole in the server's memory while it is sent (Streamlit
# keeps served downloads in memory): about 300 MB a million allegations. Beyond this many
# rows a page offers no download and says how to narrow it or where the whole data is.
DEFAULT_MAX_DOWNLOAD_ROWS = 1_000_000


def max_download_rows() -> int:
    return max(1, _int_env("ACCOUNTABILITY_MAX_DOWNLOAD_ROWS", DEFAULT_MAX_DOWNLOAD_ROWS))


def gate_from_environment() -> ExportGate:
    return ExportGate(
        slots=max(1, _int_env("ACCOUNTABILITY_MAX_EXPORTS", 2)),
        queue=_int_env("ACCOUNTABILITY_EXPORT_QUEUE", 16),
        wait_seconds=float(_int_env("ACCOUNTABILITY_EXPORT_WAIT", 300)),
    )


_GATE: ExportGate | None = None
_GATE_LOCK = threading.Lock()


def server_gate() -> ExportGate:
    """The gate of this process (every session, every replica's own)."""
    global _GATE
    with _GATE_LOCK:
        if _GATE is None:
            _GATE = gate_from_environment()
        return _GATE


def export_slot(con) -> contextlib.AbstractContextManager:
    """A slot of the server's gate for an export through the dashboard's connection
    (ui.data.Warehouse says so with `gated_exports`); nothing for a plain connection."""
    if getattr(con, "gated_exports", False):
        return server_gate().slot()
    return contextlib.nullcontext()
