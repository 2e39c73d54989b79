"""Injection: whatever reaches a named query or a page's link, nothing breaks and nothing leaks.

Property-based (hypothesis, fixed seed): arbitrary Unicode, SQL metacharacters and huge
values are thrown

- at every parameter of every named query in queries/ (types from the parameter names),
  run through the dashboard's own read-only connection: no exception, a value that names
  nothing selects what an obviously unknown value selects (usually nothing), a prefix or
  search selects only what starts with or contains it, a limit is a limit;
- at every parameter each page reads from its link, through AppTest: no exception, no error,
  a value the page does not know is ignored with a notice, which shows it inert (no link,
  image or formula can be smuggled onto the page).

tests/test_sql_safety.py checks the code side: no value is ever formatted into SQL.
"""

from __future__ import annotations

import re

import duckdb
import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

import queries
from etl import registry
from tests.app_text import open_page, shown_text
from ui.data import Warehouse
from ui.state import notice_value
from views import explore

ROWS = 200  # rows compared per run: the queries are ordered, so the first rows tell
UNKNOWN = "zz-no-such-value"  # names nothing in the warehouse
SQL_METACHARACTERS = [
    "'",
    "''",
    "' OR '1'='1",
    "x'; DROP TABLE sources; --",
    '" OR 1=1 --',
    "1; DELETE FROM allegations",
    "$source_id",
    "?",
    "%",
    "_",
    "\\",
    "*/ SELECT 1 /*",
    "' UNION SELECT sha256, title FROM sources --",
    "NULL",
    "\x00",
    "᾿Ελλάς\u202e\u200bكلمة😀",
]
HUGE_TEXT = ["x" * 2_000_000, "'" * 100_000, "é" * 500_000]

TEXT = st.one_of(
    st.text(max_size=30),  # arbitrary Unicode: control characters, RTL, emoji, combining
    st.sampled_from(SQL_METACHARACTERS),
    st.sampled_from(HUGE_TEXT),
)
INTEGER = st.one_of(
    st.integers(-(2**31), 2**31 - 1),
    st.sampled_from([-(2**63), 2**63 - 1, 0, 1899, 2016, 2023]),
)
LIMIT = st.integers(0, 2**63 - 1)  # the pages send 1,000 or NULL; never a negative limit
INTEGERS = {"year_from", "year_to", "year"}
LIMITS = {"limit", "row_limit"}
BOOLEANS = {"descending", "undated"}
LISTS = {"source_ids", "region_ids", "measures"}
PREFIXES = {"case_prefix", "prefix"}  # starts_with(first column, value)
SEARCHES = {"search"}  # contains(lower(label or note), lower(value))
# Words of the search box (queries/search.sql): any text may match something, so it is not
# replaced by an unknown value; it stays a parameter like every other.
FREE_WORDS = {"term"}


def known_texts(con) -> set[str]:
    """Every value a text parameter can name: the categorical columns' values, the
    Explore page's facet and sort names; a value outside it names nothing."""
    values = {"all", "unknown"}
    for table in explore.TABLES.values():
        values |= {*table.facets, *table.sortable}
    columns = con.execute(
        "SELECT table_name, column_name FROM information_schema.columns "
        "WHERE data_type = 'VARCHAR' AND table_schema = 'main'"
    ).fetchall()
    for table, column in columns:
        distinct = con.execute(
            f'SELECT approx_count_distinct("{column}") FROM "{table}"'
        ).fetchone()[0]
        if distinct <= 20_000:
            rows = con.execute(f'SELECT DISTINCT "{column}" FROM "{table}"').fetchall()
            values |= {value for (value,) in rows if value is not None}
    return values


@pytest.fixture(scope="module")
def con(built_data_dir):
    """The dashboard's connection: read-only, no access to other files."""
    return Warehouse(str(built_data_dir / "warehouse.duckdb"))


@pytest.fixture(scope="module")
def known(built_data_dir) -> set[str]:
    with duckdb.connect(str(built_data_dir / "warehouse.duckdb"), read_only=True) as plain:
        return known_texts(plain)


def strategy(parameter: str):
    if parameter in INTEGERS:
        typed = INTEGER
    elif parameter in LIMITS:
        typed = LIMIT
    elif parameter in BOOLEANS:
        typed = st.booleans()
    elif parameter in LISTS:
        typed = st.lists(TEXT, max_size=4)
    else:
        typed = TEXT
    return st.one_of(st.none(), typed)


def fetch(con, name: str, params: dict) -> list[tuple]:
    return queries.run(con, name, params).fetchmany(ROWS)


def unknown_replaced(params: dict, known: set[str]) -> dict:
    """The same parameters with every text that names nothing replaced by UNKNOWN."""
    replaced = {}
    for name, value in params.items():
        if name in PREFIXES | SEARCHES | FREE_WORDS or name in INTEGERS | LIMITS | BOOLEANS:
            replaced[name] = value
        elif isinstance(value, list):
            replaced[name] = [v if v in known else UNKNOWN for v in value]
        elif isinstance(value, str) and value not in known:
            replaced[name] = UNKNOWN
        else:
            replaced[name] = value
    return replaced


PARAMETERISED = sorted(name for name, query in queries.catalogue().items() if query.params)
# The Explore queries scan every allegation: fewer examples keep this file under a minute.
EXAMPLES = {name: 6 for name in PARAMETERISED if name.startswith("explore_")}
SETTINGS = dict(
    deadline=None,
    derandomize=True,  # the same examples on every run
    database=None,
    # a failure is reported as found: shrinking through page runs would take minutes
    phases=[Phase.explicit, Phase.generate],
    report_multiple_bugs=False,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


def test_every_query_parameter_has_a_type():
    typed = INTEGERS | LIMITS | BOOLEANS | LISTS | PREFIXES | SEARCHES | FREE_WORDS
    parameters = {p for name in PARAMETERISED for p in queries.get(name).params}
    # the rest are text compared for equality (ids, codes, levels, statuses...)
    assert typed <= parameters
    # 28 since the per-page measure SQL moved to queries/measures/ (not fuzzed here yet)
    assert len(PARAMETERISED) >= 28


def assert_inert(run, params: dict, known: set[str]) -> None:
    """The properties every named query keeps, whatever `params` hold."""
    rows = run(params)
    for limit in (params.get(p) for p in LIMITS):
        if limit is not None:
            assert len(rows) <= limit
    for prefix in (params.get(p) for p in PREFIXES):
        if prefix is not None:
            assert all(row[0].startswith(prefix) for row in rows)
    search = params.get("search")
    if search is not None and search.isascii():  # Python's and DuckDB's lower() agree
        needle = search.lower()
        # the original_label, and for outcome labels the reviewer's note too
        texts = [(row[1] or "") + "\n" + (row[-2] or "" if len(row) > 4 else "") for row in rows]
        assert all(needle in text.lower() for text in texts)
    replaced = unknown_replaced(params, known)
    if replaced != params:
        assert rows == run(replaced)


@pytest.mark.parametrize("name", PARAMETERISED)
def test_any_parameter_value_is_inert(name, con, known):
    query = queries.get(name)

    @settings(max_examples=EXAMPLES.get(name, 15), **SETTINGS)
    @given(st.fixed_dictionaries({p: strategy(p) for p in query.params}))
    def check(params):
        assert_inert(lambda values: fetch(con, name, values), params, known)

    check()


def test_the_property_catches_a_value_formatted_into_sql(con, known):
    """What tests/test_sql_safety.py forbids in the code would fail here."""

    def formatted(params):
        sql = "SELECT source_id FROM sources WHERE source_id = '" + params["source_id"] + "'"
        return con.cursor().execute(sql).fetchall()

    assert_inert(formatted, {"source_id": UNKNOWN}, known)
    with pytest.raises(AssertionError):
        assert_inert(formatted, {"source_id": "x' OR '1'='1"}, known)


def test_an_injection_attempt_selects_what_an_unknown_value_selects(con):
    """The classic payloads, on queries whose answer is plain: nothing matches."""
    for payload in SQL_METACHARACTERS + HUGE_TEXT:
        assert fetch(con, "sources_by_id", {"source_ids": [payload]}) == []
        assert fetch(con, "reject_reasons_of_source", {"source_id": payload}) == []
        assert fetch(con, "overview_directive", {"directive_id": payload}) == []
    # Nothing was deleted: every source with a bundled snapshot is still there (was a
    # hard-coded 20, which each new source broke).
    bundled = [m.SOURCE.slug for m in registry.source_modules() if m.SOURCE.bundled]
    assert con.cursor().execute("SELECT count(*) FROM sources").fetchone()[0] == len(bundled)


# -- the pages' links -------------------------------------------------------------------

# Parameters each page reads whatever else the link says: a value it does not know must be
# ignored with a notice. Other parameters (read only in some views) must merely be harmless.
ALWAYS_READ = {
    "overview": ["lang", "funnel", "year_from", "year_to"],
    "compare": ["lang", "jurisdiction", "measure", "year_from", "year_to"],
    "directives": ["lang", "directive", "rule", "penalty_jurisdiction"],
    "explore": ["lang", "table", "jurisdiction", "category", "source", "sort"],
    "sources": ["lang", "source", "map_jurisdiction"],
    "region": ["lang", "region"],
}
SOMETIMES_READ = {  # e.g. `level` only where a jurisdiction has several map levels
    "overview": [],
    "compare": ["level", "region_a", "region_b"],
    "directives": ["status", "year", "obs", "penalty_from", "penalty_to"],
    "explore": ["region", "finding", "measure", "rule", "status", "year_from", "year_to"],
    "sources": ["changes", "q"],
    "region": ["year_from", "year_to"],  # where the place's level has measures
}
VALID = {  # some values the pages know, so that valid and invalid ones meet
    "lang": ["en", "fr"],
    "table": ["allegations", "statistics", "compliance"],
    "jurisdiction": ["US-IL-CHI", "US-NY-NYC", "FR", "GB-EAW"],
    "year_from": ["2016"],
    "year_to": ["2019"],
    "sort": ["-incident_date", "region_name"],
    "source": ["us_nyc_ccrb_penalties", "gb_bbc_iopc_misconduct"],
    "directive": ["FR-1", "US-NY-NYC-1"],
    "region": ["FR-DEP-94", "US-NY-NYC-P75", "GB-PFA-E23000003"],
}
# No value a page knows has any other character, nor such a length.
PLAIN_VALUE = re.compile(r"[A-Za-z0-9_.:-]{1,80}")
# Markdown that would draw something outside a code span (where nothing is drawn): links,
# autolinks, images, HTML, code, formulas, colour and icon directives.
CODE_SPAN = re.compile(r"(`+)(.+?)\1")
ACTIVE_MARKDOWN = re.compile(r"[\[\]()<>`$@]|https?:|www\.|:\w+[\[/]")
LINK_TEXT = st.one_of(
    st.text(max_size=30),
    st.sampled_from(
        SQL_METACHARACTERS
        + ["[click](https://evil.example)", "![x](https://evil.example/x.png)", "$x^2$"]
        + ["<script>alert(1)</script>", "www.evil.example", ":red[alarm]", "a@evil.example"]
        + ["`x` [y](https://evil.example)", "``", "**bold**"]
        + ["x" * 100_000]
    ),
)


def link_values(page: str):
    names = ALWAYS_READ[page] + SOMETIMES_READ[page]
    return st.fixed_dictionaries(
        {},
        optional={
            name: st.one_of(st.sampled_from(VALID[name]), LINK_TEXT) if name in VALID else LINK_TEXT
            for name in names
        },
    )


NOTICE_STARTS = ("The link's value", "La valeur")  # ui/i18n.py: ignored_parameter
LINK_EXAMPLES = {"compare": 6, "region": 6}  # a run takes a second or more


@pytest.mark.parametrize("page", list(ALWAYS_READ))
def test_any_link_value_is_ignored_with_an_inert_notice(page, built_data_dir, monkeypatch):
    import streamlit as st_app

    monkeypatch.setenv("ACCOUNTABILITY_WAREHOUSE", str(built_data_dir / "warehouse.duckdb"))
    st_app.cache_resource.clear()
    st_app.cache_data.clear()

    @settings(max_examples=LINK_EXAMPLES.get(page, 12), **SETTINGS)
    @given(link_values(page))
    def check(values):
        app = open_page({"page": page, **values})
        assert not app.exception
        assert not app.error, [e.value for e in app.error]
        assert app.title and app.title[0].value
        notices = [w.value for w in app.warning if w.value.startswith(NOTICE_STARTS)]
        for notice in notices:
            assert len(notice) < 400
            assert not ACTIVE_MARKDOWN.search(CODE_SPAN.sub("", notice)), notice
        for name, value in values.items():
            # (an empty value is no value: the default applies, without a notice)
            if name in ALWAYS_READ[page] and value and not PLAIN_VALUE.fullmatch(value):
                shown = notice_value(value)
                assert any(shown in notice and name in notice for notice in notices), (
                    name,
                    value[:80],
                    notices,
                )
        assert "Traceback" not in shown_text(app)

    check()
