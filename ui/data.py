"""Read-only access to the warehouse for the dashboard.

One cached read-only connection per warehouse file version (its modification time), so a
rebuild is picked up without a restart; a cursor per query; results cached per version,
query name and parameters. Pages never write SQL: they call named queries.
tests/test_faults.py checks the pickup, tests/test_config.py the read-only access.
"""

from __future__ import annotations

import os
from pathlib import Path

import duckdb
import pandas as pd
import streamlit as st

import queries

DEFAULT_WAREHOUSE = Path(__file__).resolve().parent.parent / "data" / "warehouse.duckdb"


def warehouse_path() -> Path:
    # Tests and deployments may point elsewhere; the default is what `python -m etl` builds.
    return Path(os.environ.get("ACCOUNTABILITY_WAREHOUSE", DEFAULT_WAREHOUSE))


def warehouse_version() -> float | None:
    path = warehouse_path()
    return path.stat().st_mtime if path.exists() else None


class Warehouse:
    """The warehouse file attached read-only to a private in-memory database.

    `duckdb.connect(path)` would hand back the database still open on that path from
    before a rebuild (DuckDB caches instances by path, and the file was replaced since),
    so each warehouse version gets its own database, with the file attached as
    `warehouse`. SQL can then neither write to the warehouse nor touch any other file.
    """

    def __init__(self, path: str):
        self._con = duckdb.connect(":memory:")
        self._con.execute("ATTACH $path AS warehouse (READ_ONLY)", {"path": path})
        self._con.execute("USE warehouse")
        self._con.execute("SET enable_external_access = false")  # no file reads or writes
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


@st.cache_data(max_entries=512, show_spinner=False)
def _cached_query(path: str, version: float, name: str, params: tuple) -> pd.DataFrame:
    values = {key: list(value) if isinstance(value, tuple) else value for key, value in params}
    return queries.run(_connect(path, version), name, values).df()


def query(name: str, **params) -> pd.DataFrame:
    """Run a named query with parameters; cached until the warehouse changes."""
    version = warehouse_version()
    if version is None:
        raise FileNotFoundError(warehouse_path())
    frozen = tuple(sorted((key, _hashable(value)) for key, value in params.items()))
    return _cached_query(str(warehouse_path()), version, name, frozen)


def _hashable(value):
    return tuple(value) if isinstance(value, list) else value
