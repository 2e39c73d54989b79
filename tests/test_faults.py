"""Faults: a killed build never damages the warehouse, and the dashboard picks up a rebuild.

Each test gets a copy of the bundled data (the three Chicago gzip files cut to their first
2,000 records, so that a build takes a second or two) and of a warehouse built from it. A
build killed with SIGKILL at any stage must leave that warehouse byte for byte in place
and readable; the next build must clean up after it and succeed.

Kills and pauses happen at named stages the build reaches (a function of the build
replaced by a SIGKILL or a wait), never after a guessed delay: a loaded machine only makes
the tests slower, never red. No assertion depends on how long anything takes.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest
from streamlit.testing.v1 import AppTest

from etl.manifest import sha256_of
from etl.registry import source_modules
from tests.conftest import APP_TIMEOUT, PROJECT_DIR, TEST_KEY, copy_data
from tests.corrupted_files import head
from tests.test_build import replace_file

APP = str(PROJECT_DIR / "dashboard.py")
SAMPLED = ("us_chicago_cpdp_complaints", "us_chicago_cpdp_units", "us_chicago_cpdp_settlements")
SAMPLED_RECORDS = 2000
# Sources with a bundled snapshot: each new source adds one.
BUNDLED_SOURCES = sum(1 for module in source_modules() if module.SOURCE.bundled)
ENV = {**os.environ, "ACCOUNTABILITY_PSEUDONYM_KEY": TEST_KEY}

# Runs `python -m etl` with one function replaced by an immediate SIGKILL of the process:
# a deterministic kill at a named stage, in the order the build reaches them.
EARLY_STAGES = ("schema", "loading", "summarise", "history")
LATE_STAGES = ("directives", "checks", "swap")
KILL_AT_STAGE = """
import os, signal, sys
import etl.build, etl.source

def die(*args, **kwargs):
    os.kill(os.getpid(), signal.SIGKILL)

stage = sys.argv[1]
if stage == "schema":  # the new file created with its tables, nothing loaded yet
    etl.build.install_officer_key = die
elif stage == "loading":  # mid-source: its rows inserted, its transaction not committed
    load_rows = etl.source.LoadContext.load_rows
    def load_then_die(self, file_name, staged, target, *args, **kwargs):
        loaded = load_rows(self, file_name, staged, target, *args, **kwargs)
        if target == "assignments":
            die()
        return loaded
    etl.source.LoadContext.load_rows = load_then_die
elif stage == "summarise":  # every source loaded and committed
    etl.build.summarise = die
elif stage == "history":
    etl.build.record = die
elif stage == "directives":
    etl.build.evaluate_directives = die
elif stage == "checks":
    etl.build.run_checks = die
elif stage == "swap":  # the new file complete and closed, not yet moved into place
    real_os = etl.build.os
    class KillOnReplace:
        def __getattr__(self, name):
            return getattr(real_os, name)
        def replace(self, *args):
            die()
    etl.build.os = KillOnReplace()
from etl.__main__ import main
sys.exit(main(sys.argv[2:]))
"""

# Runs `python -m etl` paused before its data checks (the new file loaded, not yet swapped
# in): it writes `paused` into the folder argv[1], then waits for `resume` to appear there.
PAUSE_BEFORE_CHECKS = """
import sys, time
from pathlib import Path
import etl.build

signals = Path(sys.argv[1])
run_checks = etl.build.run_checks

def pause_then_check(con):
    (signals / "paused").touch()
    give_up = time.monotonic() + 600  # the test died: do not wait forever
    while not (signals / "resume").exists():
        if time.monotonic() > give_up:
            sys.exit("never resumed")
        time.sleep(0.05)
    run_checks(con)

etl.build.run_checks = pause_then_check
from etl.__main__ import main
sys.exit(main(sys.argv[2:]))
"""


@pytest.fixture(scope="session")
def sampled_build(tmp_path_factory) -> Path:
    """The bundled data with the Chicago gzip files sampled, and a warehouse built from it."""
    data_dir = copy_data(tmp_path_factory.mktemp("faults") / "data")
    for slug in SAMPLED:
        folder = Path("raw") / slug
        for path in sorted((data_dir / folder).glob("*.csv.gz")):
            sample = head(path.read_bytes(), True, SAMPLED_RECORDS)
            replace_file(data_dir, folder, path.name, sample)
    built = run_build(data_dir)
    assert built.returncode == 0, built.stderr.decode()[-2000:]
    return data_dir


@pytest.fixture
def data_dir(tmp_path, sampled_build) -> Path:
    return shutil.copytree(sampled_build, tmp_path / "data")


def summary(warehouse: Path) -> tuple:
    """What a reader sees: sources, their records read, allegations, and the build time.

    The file is attached to a fresh database: `duckdb.connect(path)` could return a
    database this process still has open on the path from before a rebuild.
    """
    with duckdb.connect() as con:
        con.execute("ATTACH $path AS opened (READ_ONLY)", {"path": str(warehouse)})
        return con.execute(
            "SELECT (SELECT count(*) FROM opened.sources), "
            "(SELECT sum(rows_read) FROM opened.sources), "
            "(SELECT count(*) FROM opened.allegations), "
            "(SELECT value FROM opened.build_info WHERE key = 'built_at')"
        ).fetchone()


def etl_options(data_dir: Path) -> list[str]:
    return ["--data-dir", str(data_dir), "--quiet"]  # no progress bars to fill a pipe


def etl_command(data_dir: Path) -> list[str]:
    return [sys.executable, "-m", "etl", *etl_options(data_dir)]


def run_build(data_dir: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        etl_command(data_dir), cwd=PROJECT_DIR, env=ENV, capture_output=True, timeout=300
    )


def assert_kept(data_dir: Path, sha: str, seen: tuple, when: str) -> None:
    assert sha256_of(data_dir / "warehouse.duckdb") == sha, f"warehouse changed: {when}"
    assert summary(data_dir / "warehouse.duckdb") == seen, f"warehouse unreadable: {when}"


def assert_whole(data_dir: Path) -> None:
    """A complete build of the sampled data is in place, and no killed build's file."""
    assert not list(data_dir.glob("warehouse.building-*"))
    sources, _, allegations, _ = summary(data_dir / "warehouse.duckdb")
    # 2,000 sampled Chicago accused records + every NYC penalty row (14,918) + every
    # Washington CJTC case (2,055) + every Virginia DCJS decertification row (521); every
    # source with a snapshot (New Jersey has none; was a hard-coded 20)
    assert (sources, allegations) == (BUNDLED_SOURCES, 2000 + 14918 + 2055 + 521)


def kill_at(stage: str, data_dir: Path) -> None:
    killed = subprocess.run(
        [sys.executable, "-c", KILL_AT_STAGE, stage, *etl_options(data_dir)],
        cwd=PROJECT_DIR,
        env=ENV,
        capture_output=True,
        timeout=300,
    )
    assert killed.returncode == -signal.SIGKILL, killed.stderr.decode()[-2000:]


def test_sigkill_at_the_early_stages_keeps_the_previous_warehouse(data_dir):
    """Killed once its new file exists, mid-source, after loading, and in the history."""
    sha = sha256_of(data_dir / "warehouse.duckdb")
    seen = summary(data_dir / "warehouse.duckdb")
    for stage in EARLY_STAGES:
        kill_at(stage, data_dir)
        assert_kept(data_dir, sha, seen, f"killed at stage {stage}")
        assert list(data_dir.glob("warehouse.building-*.duckdb"))  # it had begun
    assert run_build(data_dir).returncode == 0
    assert sha256_of(data_dir / "warehouse.duckdb") != sha
    assert_whole(data_dir)


def test_sigkill_at_the_late_stages_keeps_the_previous_warehouse(data_dir):
    """Killed at the moment it evaluates the directives, runs the checks, or would swap."""
    sha = sha256_of(data_dir / "warehouse.duckdb")
    seen = summary(data_dir / "warehouse.duckdb")
    for stage in LATE_STAGES:
        kill_at(stage, data_dir)
        assert_kept(data_dir, sha, seen, f"killed at stage {stage}")
    # the swap kill left its complete, never used file; the next build removes it
    assert list(data_dir.glob("warehouse.building-*.duckdb"))
    assert run_build(data_dir).returncode == 0
    assert sha256_of(data_dir / "warehouse.duckdb") != sha
    assert_whole(data_dir)


def complaints_read(app: AppTest) -> int:
    table = app.dataframe[0].value.set_index("source_id")
    return int(table.loc["us_chicago_cpdp_complaints", "rows_read"])


def test_dashboard_picks_up_a_rebuild_whole_without_restart(data_dir, monkeypatch):
    warehouse = data_dir / "warehouse.duckdb"
    monkeypatch.setenv("ACCOUNTABILITY_WAREHOUSE", str(warehouse))
    import streamlit as st

    st.cache_resource.clear()
    st.cache_data.clear()
    app = AppTest.from_file(APP, default_timeout=APP_TIMEOUT)
    app.query_params["page"] = "sources"
    app.run()
    assert not app.exception
    before = complaints_read(app)
    assert before == summary_of_complaints(warehouse)

    # the next snapshot has fewer complaints: 1,000 accused records instead of 2,000
    folder = Path("raw/us_chicago_cpdp_complaints")
    accused = data_dir / folder / "complaints-accused.csv.gz"
    replace_file(data_dir, folder, accused.name, head(accused.read_bytes(), True, 1000))
    signals = data_dir / "signals"
    signals.mkdir()
    rebuild = subprocess.Popen(
        [sys.executable, "-c", PAUSE_BEFORE_CHECKS, str(signals), *etl_options(data_dir)],
        cwd=PROJECT_DIR,
        env=ENV,
        stderr=subprocess.PIPE,
    )
    while not (signals / "paused").exists():  # the new file is loaded, not yet in place
        assert rebuild.poll() is None, rebuild.stderr.read().decode()[-2000:]
        time.sleep(0.05)
    for _ in range(20):  # whoever opens the file mid-build gets the whole old warehouse
        assert summary(warehouse)[0] == BUNDLED_SOURCES
    app.run()
    assert not app.exception
    assert complaints_read(app) == before

    (signals / "resume").touch()
    shown = set()
    while rebuild.poll() is None:  # and across the swap, one whole warehouse or the other
        assert summary(warehouse)[0] == BUNDLED_SOURCES
        app.run()
        assert not app.exception
        shown.add(complaints_read(app))
    assert rebuild.returncode == 0, rebuild.stderr.read().decode()[-2000:]

    app.run()  # the same process and caches: no restart
    assert not app.exception
    after = complaints_read(app)
    assert after == summary_of_complaints(warehouse) == before - 1000
    assert shown <= {before, after}  # never a mixture, never a half-built file


def summary_of_complaints(warehouse: Path) -> int:
    with duckdb.connect() as con:
        con.execute("ATTACH $path AS opened (READ_ONLY)", {"path": str(warehouse)})
        return con.execute(
            "SELECT rows_read FROM opened.sources WHERE source_id = 'us_chicago_cpdp_complaints'"
        ).fetchone()[0]
