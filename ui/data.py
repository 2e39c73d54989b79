"""Read-only access to the warehouse for the dashboard.

One cached read-only connection per warehouse file version (its modification time), so a
rebuild is picked up without a restart; a cursor per query; results cached per version,
query name and parameters. Pages never write SQL: they call named queries.
tests/test_faults.py checks the pickup, tests/test_config.py the read-only access.
"""

from __future__ import annotations

import contextlib
import functools
import os
import shutil
import tempfile
import threading
import weakref
from collections import OrderedDict
from pathlib import Path

import duckdb
import pandas as pd
import streamlit as st

import queries

DEFAULT_WAREHOUSE = Path(__file__).resolve().parent.parent / "data" / "warehouse.duckdb"
# DuckDB's share of the dashboard process: beyond it a query or an export spills to the
# connection's private folder instead of growing the process (DuckDB's default is 80% of
# the machine). ACCOUNTABILITY_DASHBOARD_MEMORY_LIMIT overrides it.
DEFAULT_MEMORY_LIMIT = "512MB"


def warehouse_path() -> Path:
    # Tests and deployments may point elsewhere; the default is what `python -m etl` builds.
    return Path(os.environ.get("ACCOUNTABILITY_WAREHOUSE", DEFAULT_WAREHOUSE))


def warehouse_version() -> float | None:
    try:  # one system call per query: a rebuild is seen by the next query
        return os.stat(warehouse_path()).st_mtime
    except FileNotFoundError:
        return None


class Warehouse:
    """The warehouse file attached read-only to a private in-memory database.

    `duckdb.connect(path)` would hand back the database still open on that path from
    before a rebuild (DuckDB caches instances by path, and the file was replaced since),
    so each warehouse version gets its own database, with the file attached as
    `warehouse`. SQL can then neither write to the warehouse nor touch any other file but
    those of `export_dir`, a private folder where DuckDB writes CSV downloads and spills.
    Exports through it take turns (exports.gate): the memory limit is the process's.
    """

    gated_exports = True

    def __init__(self, path: str):
        self.export_dir = tempfile.mkdtemp(prefix="accountability-exports-")
        weakref.finalize(self, shutil.rmtree, self.export_dir, ignore_errors=True)
        self._con = duckdb.connect(":memory:")
        self._con.execute("ATTACH $path AS warehouse (READ_ONLY)", {"path": path})
        self._con.execute("USE warehouse")
        limit = os.environ.get("ACCOUNTABILITY_DASHBOARD_MEMORY_LIMIT", DEFAULT_MEMORY_LIMIT)
        self._con.execute("SET memory_limit = $limit", {"limit": limit})
        self._con.execute("SET temp_directory = $spill", {"spill": f"{self.export_dir}/spill"})
        self._con.execute("SET allowed_directories = [$dir]", {"dir": f"{self.export_dir}/"})
        self._con.execute("SET enable_external_access = false")  # no other file reads or writes
        self._con.execute("SET lock_configuration = true")  # and no SQL can undo that

    def cursor(self) -> duckdb.DuckDBPyConnection:
        """A cursor per query (queries.run), reading the warehouse by default."""
        cursor = self._con.cursor()
        cursor.execute("USE warehouse")
        return cursor


@st.cache_resource(max_entries=2)
def _connect(path: str, version: float) -> Warehouse:
    return Warehouse(path)


def connection() -> Warehouse | None:
    version = warehouse_version()
    if version is None:
        return None
    return _connect(str(warehouse_path()), version)


class QueryResults:
    """Query results kept in this process, one shared frame per warehouse file, version,
    query and parameters, the least recently used dropped beyond `max_entries`.

    Not st.cache_data: it unpickles a copy of the frame on every hit, and hashes every
    parameter with Streamlit's hasher; with a few hundred queries a page that was half of
    a warm Overview rerun. Callers get a shallow copy, which pandas' copy-on-write keeps
    apart from the shared frame.
    """

    def __init__(self, max_entries: int = 512):
        self.max_entries = max_entries
        self._frames: OrderedDict[tuple, pd.DataFrame] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: tuple, compute) -> pd.DataFrame:
        # A hit takes no lock: under load, sessions queued on it while its holder waited
        # for the interpreter (12% of a busy server's time). OrderedDict's get and
        # move_to_end are single steps for the interpreter; an entry dropped in between
        # is simply not moved.
        frame = self._frames.get(key)
        if frame is not None:
            with contextlib.suppress(KeyError):
                self._frames.move_to_end(key)
            return frame.copy(deep=False)
        frame = compute()  # outside the lock: other sessions' queries run meanwhile
        with self._lock:
            self._frames[key] = frame
            self._frames.move_to_end(key)
            while len(self._frames) > self.max_entries:
                self._frames.popitem(last=False)
        return frame.copy(deep=False)

    def clear(self) -> None:
        with self._lock:
            self._frames.clear()


@st.cache_resource(show_spinner=False)
def _results() -> QueryResults:
    # Held by Streamlit, so st.cache_resource.clear() forgets the results too.
    return QueryResults()


def query(name: str, **params) -> pd.DataFrame:
    """Run a named query with parameters; cached until the warehouse changes."""
    return _query(name, "", params)


def measure_query(name: str, **params) -> pd.DataFrame:
    """Run a query of the measure catalogue (queries/measures/<name>.sql)."""
    return _query(name, "measures", params)


def _query(name: str, folder: str, params: dict) -> pd.DataFrame:
    version = warehouse_version()
    if version is None:
        raise FileNotFoundError(warehouse_path())
    path = str(warehouse_path())
    frozen = tuple(sorted((key, _hashable(value)) for key, value in params.items()))

    def run() -> pd.DataFrame:
        values = {
            key: list(value) if isinstance(value, tuple) else value for key, value in params.items()
        }
        return queries.run(_connect(path, version), name, values, folder).df()

    return _results().get((path, version, name, frozen, folder), run)


def per_version(func):
    """Remember a pure function of the warehouse's contents per warehouse file, version and
    (hashable) arguments, for figures a page derives from query results on every rerun.
    The result is shared by every session: callers must not modify it."""

    @functools.lru_cache(maxsize=256)
    def remembered(path: str, version: float | None, *args):
        return func(*args)

    @functools.wraps(func)
    def wrapper(*args):
        return remembered(str(warehouse_path()), warehouse_version(), *args)

    wrapper.cache_clear = remembered.cache_clear
    _REMEMBERED.append(remembered)
    return wrapper


_REMEMBERED: list = []  # every per_version function's memory


def clear_query_cache() -> None:
    """Forget every query result and every figure derived from them (the benchmark's cold
    runs: the first visitor of a view after a rebuild)."""
    _results().clear()
    for remembered in _REMEMBERED:
        remembered.cache_clear()


def _hashable(value):
    """A key for a parameter value: lists (of lists) as tuples."""
    if isinstance(value, list | tuple):
        return tuple(_hashable(item) for item in value)
    return value
