"""The named-query loader: headers present, parameters only as declared."""

from __future__ import annotations

import re

import duckdb
import pytest

import queries
from queries import QueryError

ALL_FOLDERS = ["", "checks", "directives"]


@pytest.mark.parametrize("folder", ALL_FOLDERS)
def test_every_query_file_has_its_header(folder):
    directory = queries.QUERIES_DIR / folder if folder else queries.QUERIES_DIR
    files = sorted(directory.glob("*.sql"))
    assert files
    for path in files:
        query = queries.parse(path)  # raises on a missing or mismatched header
        assert query.answers, path
        for name in query.params:
            assert f"${name}" in query.sql, f"{path}: declared ${name} is not used"
        used = set(re.findall(r"\$([a-z_][a-z0-9_]*)", query.sql))
        assert used <= set(query.params), f"{path}: uses undeclared {used - set(query.params)}"


def test_undeclared_and_missing_parameters_are_refused():
    con = duckdb.connect()
    con.execute("CREATE TABLE sources (source_id VARCHAR)")
    with pytest.raises(QueryError, match="undeclared"):
        queries.run(con, "sources_overview", {"source_id": "x'; DROP TABLE sources; --"})
    query = queries.Query("q", "test", ("year",), "SELECT $year", path=None)
    with pytest.raises(QueryError, match="missing"):
        queries.bind(query, {})


def test_unknown_query_name_is_an_error():
    with pytest.raises(QueryError, match="no query named"):
        queries.get("does_not_exist")


def test_checks_pass_on_the_built_warehouse(db):
    for name, query in queries.catalogue("checks").items():
        assert db.execute(query.sql).fetchall() == [], name
