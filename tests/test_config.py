"""Configuration: a read-only warehouse, no stack traces for users, safe Streamlit defaults."""

from __future__ import annotations

import json
import logging
import subprocess
import sys
import tomllib
from pathlib import Path

import duckdb
import pytest
from streamlit.testing.v1 import AppTest

from etl.manifest import sha256_of
from tests.app_text import APP, shown_text
from tests.conftest import APP_TIMEOUT, PROJECT_DIR
from ui import data
from views import overview

CONFIG_FILE = PROJECT_DIR / ".streamlit" / "config.toml"
FRIENDLY = "Something went wrong while preparing this view. The details are in the server log."
SECRET = "secret detail 4242 in /srv/app/views/overview.py"


# -- read-only --------------------------------------------------------------------------


@pytest.fixture
def dashboard_connection(built_data_dir, monkeypatch):
    """The connection the pages use, from the cache the dashboard keeps."""
    monkeypatch.setenv("ACCOUNTABILITY_WAREHOUSE", str(built_data_dir / "warehouse.duckdb"))
    import streamlit as st

    st.cache_resource.clear()
    return data.connection()


@pytest.mark.parametrize(
    "statement",
    [
        "CREATE TABLE notes (body VARCHAR)",
        "INSERT INTO directives SELECT * FROM directives",
        "UPDATE regions SET name = 'renamed'",
        "DELETE FROM rejects",
        "DROP TABLE allegations",
        "ALTER TABLE sources ADD COLUMN extra VARCHAR",
    ],
)
def test_a_write_through_the_dashboard_connection_fails(
    dashboard_connection, built_data_dir, statement
):
    warehouse = built_data_dir / "warehouse.duckdb"
    before = sha256_of(warehouse)
    cursor = dashboard_connection.cursor()
    with pytest.raises(duckdb.InvalidInputException, match="attached in read-only mode"):
        cursor.execute(statement)
    assert cursor.execute("SELECT count(*) FROM directives").fetchone()[0] == 14
    assert sha256_of(warehouse) == before


def test_sql_through_the_dashboard_connection_reaches_no_other_file(dashboard_connection, tmp_path):
    cursor = dashboard_connection.cursor()
    outside = tmp_path / "copied.csv"
    # Tests may write SQL text; the dashboard only runs the named queries in queries/.
    for statement in [
        f"COPY (SELECT * FROM sources) TO '{outside}'",
        f"ATTACH '{tmp_path / 'other.duckdb'}' AS other",
        "SELECT * FROM read_csv('/etc/passwd')",
        "SET enable_external_access = true",
    ]:
        with pytest.raises(duckdb.Error, match="disabled by configuration|configuration has been"):
            cursor.execute(statement)
    assert not outside.exists()


def test_the_dashboard_connection_writes_only_into_its_own_export_folder(dashboard_connection):
    # CSV downloads and spills go there (exports/table_csv.py); the settings are locked.
    cursor = dashboard_connection.cursor()
    inside = Path(dashboard_connection.export_dir) / "check.csv"
    cursor.execute("COPY (SELECT 1 AS one) TO $path (HEADER)", {"path": str(inside)})
    assert inside.read_text() == "one\n1\n"
    for setting in (
        "allowed_directories = ['/']",
        "memory_limit = '20GB'",
        "temp_directory = '/tmp'",
    ):
        with pytest.raises(duckdb.Error, match="configuration has been"):
            cursor.execute(f"SET {setting}")


def test_the_dashboard_connection_has_a_memory_limit(dashboard_connection, monkeypatch):
    [(limit,)] = (
        dashboard_connection.cursor().execute("SELECT current_setting('memory_limit')").fetchall()
    )
    assert limit == "488.2 MiB"  # 512MB, the default, instead of 80% of the machine's RAM
    monkeypatch.setenv("ACCOUNTABILITY_DASHBOARD_MEMORY_LIMIT", "1GB")
    other = data.Warehouse(str(data.warehouse_path()))
    [(limit,)] = other.cursor().execute("SELECT current_setting('memory_limit')").fetchall()
    assert limit == "953.6 MiB"


# -- no stack traces --------------------------------------------------------------------


def assert_friendly(app: AppTest, caplog) -> None:
    assert not app.exception  # nothing reached Streamlit's own error display
    assert [e.value for e in app.error] == [FRIENDLY]
    shown = shown_text(app)
    assert "Traceback" not in shown and "secret detail" not in shown
    assert "File " not in shown and ".py" not in shown
    logged = [r for r in caplog.records if r.name == "dashboard" and r.exc_info]
    assert logged, "the stack trace goes to the server log"


def test_a_failing_page_shows_a_sentence_and_logs_the_trace(app, monkeypatch, caplog):
    def broken(page):
        raise RuntimeError(SECRET)

    monkeypatch.setattr(overview, "render", broken)
    caplog.set_level(logging.ERROR, logger="dashboard")
    app.query_params["page"] = "overview"
    app.run()
    assert_friendly(app, caplog)
    assert SECRET in caplog.text  # with the exception's own words


def test_a_damaged_warehouse_file_shows_a_sentence(tmp_path, monkeypatch, caplog):
    damaged = tmp_path / "warehouse.duckdb"
    damaged.write_bytes(b"not a database: " + b"\x00" * 4096)
    monkeypatch.setenv("ACCOUNTABILITY_WAREHOUSE", str(damaged))
    import streamlit as st

    st.cache_resource.clear()
    caplog.set_level(logging.ERROR, logger="dashboard")
    app = AppTest.from_file(APP, default_timeout=APP_TIMEOUT)
    app.run()
    assert_friendly(app, caplog)


# -- Streamlit defaults -----------------------------------------------------------------


def test_the_config_file_sets_safe_defaults():
    config = tomllib.loads(CONFIG_FILE.read_text(encoding="utf-8"))
    assert config["browser"]["gatherUsageStats"] is False
    assert config["server"]["enableXsrfProtection"] is True
    assert config["server"]["enableCORS"] is True
    # "none": no exception text or traceback in the browser (`false` would mean "stacktrace")
    assert config["client"]["showErrorDetails"] == "none"
    assert config["client"]["toolbarMode"] == "viewer"
    # the tables' toolbar download has no formula guard: the pages' buttons have one
    assert config["client"]["disableDataExport"] is True
    # /_stcore/metrics cannot be closed by configuration: no user attributes in it, and
    # the deployment notes say to deny it at the proxy
    assert config["server"]["unsafeMetricsUserAttributes"] == []
    for doc in (PROJECT_DIR / "README.md", PROJECT_DIR / "docs" / "privacy.md"):
        assert "location ^~ /_stcore/metrics" in doc.read_text(encoding="utf-8"), doc


def test_streamlit_reads_the_config_file_as_written():
    """Streamlit itself parses the file (a misspelt option would be silently ignored)."""
    names = [
        f"{section}.{option}"
        for section, options in tomllib.loads(CONFIG_FILE.read_text(encoding="utf-8")).items()
        for option in options
    ]
    script = (
        "import json, sys\n"
        "from streamlit import config\n"
        "config.get_config_options(force_reparse=True)\n"
        "names = json.loads(sys.argv[1])\n"
        "known = config._config_options_template\n"
        "print(json.dumps({n: config.get_option(n) if n in known else '?' for n in names}))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script, json.dumps(names)],
        cwd=PROJECT_DIR,
        capture_output=True,
        text=True,
        check=True,
    )
    effective = json.loads(result.stdout.splitlines()[-1])
    assert effective == {
        "browser.gatherUsageStats": False,
        "server.enableXsrfProtection": True,
        "server.enableCORS": True,
        "server.headless": True,
        "server.unsafeMetricsUserAttributes": [],
        "server.enableStaticServing": True,
        "client.showErrorDetails": "none",
        "client.toolbarMode": "viewer",
        "client.disableDataExport": True,
        # a full collection after every run took half a busy server's time (py-spy)
        "runner.postScriptGC": False,
    }
