"""Shared fixtures: one warehouse built from the bundled snapshots per test session."""

from __future__ import annotations

import shutil
from pathlib import Path

import duckdb
import pytest

PROJECT_DIR = Path(__file__).resolve().parent.parent
DATA_DIR = PROJECT_DIR / "data"
RAW_DIR = DATA_DIR / "raw"
REFERENCE_DIR = DATA_DIR / "reference"
# Long and varied enough for etl.pseudonym.checked_key (a real key is 64 random hex digits).
TEST_KEY = "test-pseudonym-key-0123456789abcdef"
# Longest a script run of the dashboard may take in AppTest: a net for a hung page, far
# above what any page needs even on a loaded machine, so no test depends on its speed.
APP_TIMEOUT = 180


def copy_data(target: Path) -> Path:
    """A private copy of data/raw and data/reference, so tests never touch data/."""
    shutil.copytree(RAW_DIR, target / "raw")
    shutil.copytree(REFERENCE_DIR, target / "reference")
    return target


@pytest.fixture(scope="session")
def built_data_dir(tmp_path_factory) -> Path:
    from etl.build import build

    data_dir = copy_data(tmp_path_factory.mktemp("data"))
    mp = pytest.MonkeyPatch()
    mp.setenv("ACCOUNTABILITY_PSEUDONYM_KEY", TEST_KEY)
    try:
        build(data_dir, show_progress=False)
    finally:
        mp.undo()
    return data_dir


@pytest.fixture(scope="session")
def warehouse(built_data_dir) -> duckdb.DuckDBPyConnection:
    con = duckdb.connect(str(built_data_dir / "warehouse.duckdb"), read_only=True)
    yield con
    con.close()


class ThreadedWarehouse:
    """A warehouse file attached read-only to a private in-memory database run on a chosen
    number of threads (as ui.data.Warehouse attaches it, without its other settings), so a
    test of parallel execution does not depend on the machine's number of cores."""

    def __init__(self, path: Path, threads: int):
        self._con = duckdb.connect(":memory:", config={"threads": threads})
        self._con.execute("ATTACH $path AS warehouse (READ_ONLY)", {"path": str(path)})

    def cursor(self) -> duckdb.DuckDBPyConnection:
        cursor = self._con.cursor()
        cursor.execute("USE warehouse")
        return cursor

    def close(self) -> None:
        self._con.close()


@pytest.fixture(scope="session")
def four_threads(built_data_dir) -> ThreadedWarehouse:
    """The session warehouse on 4 threads, however many cores the machine has."""
    con = ThreadedWarehouse(built_data_dir / "warehouse.duckdb", threads=4)
    yield con
    con.close()


@pytest.fixture
def db(warehouse):
    """A cursor per test: `db.execute(sql, params).fetchall()`."""
    return warehouse.cursor()


@pytest.fixture
def app(built_data_dir, monkeypatch):
    """A fresh AppTest of dashboard.py on the session warehouse, with empty caches."""
    import streamlit as st
    from streamlit.testing.v1 import AppTest

    monkeypatch.setenv("ACCOUNTABILITY_WAREHOUSE", str(built_data_dir / "warehouse.duckdb"))
    st.cache_resource.clear()
    st.cache_data.clear()
    return AppTest.from_file(str(PROJECT_DIR / "dashboard.py"), default_timeout=APP_TIMEOUT)
