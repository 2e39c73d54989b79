"""CSV downloads: literal expected bytes, formula neutralisation, ISO dates."""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import sys
import unicodedata
from pathlib import Path

import duckdb
import pytest

import queries
from exports import table_csv
from exports.table_csv import (
    FORMULA_SIGNS,
    LEADING_BLANKS,
    csv_chunks,
    neutralise,
    query_csv,
    write_query_csv,
)

ZERO_WIDTH = set("\u200b\u200c\u200d\u2060\ufeff")  # blanks no one sees, not whitespace


def test_literal_bytes_with_quoting_dates_and_neutralised_cells():
    rows = [
        ('=HYPERLINK("http://x")', -3, dt.date(2024, 7, 3), True),
        ("+33 1 23", 1.5, None, False),
        ("-", 0, dt.date(2021, 8, 2), None),
        ("@SUM(A1)", 2, None, None),
        ("\tTab", 3, None, None),
        ("\rReturn", 4, None, None),
        ('He said "no", twice\nnew line', 5, None, None),
        ("Maisons-Alfort (94)", 6, None, None),
    ]
    expected = (
        b"label,value,day,flag\r\n"
        b'"\'=HYPERLINK(""http://x"")",-3,2024-07-03,true\r\n'
        b"'+33 1 23,1.5,,false\r\n"
        b"'-,0,2021-08-02,\r\n"
        b"'@SUM(A1),2,,\r\n"
        b"'\tTab,3,,\r\n"
        b'"\'\rReturn",4,,\r\n'
        b'"He said ""no"", twice\nnew line",5,,\r\n'
        b"Maisons-Alfort (94),6,,\r\n"
    )
    assert b"".join(csv_chunks(["label", "value", "day", "flag"], rows)) == expected


def test_utf8_without_bom():
    data = b"".join(csv_chunks(["nom"], [("Île-de-France",)]))
    assert data == "nom\r\nÎle-de-France\r\n".encode()


def test_query_csv_is_the_named_query_with_its_parameters():
    con = duckdb.connect()
    con.execute(
        "CREATE TABLE category_map (jurisdiction VARCHAR, original_label VARCHAR, "
        "category VARCHAR, note VARCHAR)"
    )
    con.execute(
        "INSERT INTO category_map VALUES ('US-IL-CHI', 'DOMESTIC', "
        "'domestic_violence', '=1+1'), ('US-IL-CHI', 'OTHER', 'other', NULL)"
    )
    assert query_csv(con, "category_map_search", {"search": "dom"}) == (
        b"jurisdiction,original_label,category,note\r\n"
        b"US-IL-CHI,DOMESTIC,domestic_violence,'=1+1\r\n"
    )


def test_frame_csv_writes_missing_values_as_empty_cells():
    import pandas as pd

    from exports.table_csv import frame_csv

    frame = pd.DataFrame({"region": ["D11", "-D1"], "rate": [12.5, float("nan")]})
    frame["rank"] = pd.array([1, None], dtype="Int64")
    assert frame_csv(frame) == b"region,rate,rank\r\nD11,12.5,1\r\n'-D1,,\r\n"


TRICKY_TEXTS = [
    '=HYPERLINK("http://x")',
    "+33 1 23",
    "-",
    "@SUM(A1)",
    "\tTab",
    "\rReturn",
    'He said "no", twice\nnew line',
    "Maisons-Alfort (94)",
    "Île-de-France",
    "",
    None,
]


def test_duckdb_writer_gives_the_python_writer_bytes_on_tricky_text():
    con = duckdb.connect()
    con.execute(
        "CREATE TABLE category_map (jurisdiction VARCHAR, original_label VARCHAR, "
        "category VARCHAR, note VARCHAR)"
    )
    rows = [("FR", f"label {number:02}", "other", text) for number, text in enumerate(TRICKY_TEXTS)]
    con.executemany("INSERT INTO category_map VALUES (?, ?, ?, ?)", rows)
    expected = b"".join(csv_chunks(["jurisdiction", "original_label", "category", "note"], rows))
    assert query_csv(con, "category_map_search", {"search": None}) == expected
    assert b'"\'=HYPERLINK(""http://x"")"' in expected  # neutralised, then quoted


def test_duckdb_writer_agrees_with_python_on_every_named_query(db):
    # Every type the queries return (dates, decimals, doubles, booleans, lists, NULLs) on
    # the real warehouse, with the parameters the benchmarks use.
    import queries
    from benchmarks.query_params import PARAMS

    for name, params in PARAMS.items():
        cursor = queries.run(db, name, params)
        columns = [d[0] for d in cursor.description]
        in_python = b"".join(csv_chunks(columns, cursor.fetchall()))
        assert query_csv(db, name, params) == in_python, name


def test_the_dashboard_connection_writes_only_into_its_own_folder(built_data_dir):
    from ui.data import Warehouse

    warehouse = Warehouse(str(built_data_dir / "warehouse.duckdb"))
    payload = query_csv(warehouse, "category_map_search", {"search": "domestic"})
    assert payload.startswith(b"jurisdiction,original_label,category,note\r\n")
    assert not list(Path(warehouse.export_dir).glob("*.csv"))  # spooled file already gone
    cursor = warehouse.cursor()
    with pytest.raises(duckdb.PermissionException):
        cursor.execute("COPY (SELECT 1) TO '/tmp/outside-the-export-folder.csv'")
    with pytest.raises(duckdb.Error):
        cursor.execute("SET enable_external_access = true")


# -- disguised formulas: full-width signs, leading blanks ------------------------------------

DISGUISED = [
    '＝HYPERLINK("http://x")',  # full-width equals sign
    "＋33 1 23",
    "－1",
    "＠SUM(A1)",
    "  =1+1",  # spaces before the sign
    "\t\t=1+1",
    "\u00a0=1+1",  # no-break space
    "\u3000＝1+1",  # ideographic space, full-width sign
    "\u200b=1+1",  # zero-width space
    "\n@SUM(A1)",
    " ﹦1",  # small equals sign
    "⁼1",  # superscript equals sign
]
HARMLESS = ["  text", "1 = 1", "a+b", "\u00a0", "   ", "⸗1", "x＝1"]


@pytest.mark.parametrize("text", DISGUISED)
def test_a_disguised_formula_is_neutralised_by_both_writers(text):
    assert neutralise(text) == "'" + text
    con = duckdb.connect()
    con.execute(
        "CREATE TABLE category_map (jurisdiction VARCHAR, original_label VARCHAR, "
        "category VARCHAR, note VARCHAR)"
    )
    rows = [("FR", "label", "other", text)]
    con.executemany("INSERT INTO category_map VALUES (?, ?, ?, ?)", rows)
    in_python = b"".join(csv_chunks(["jurisdiction", "original_label", "category", "note"], rows))
    assert query_csv(con, "category_map_search", {"search": None}) == in_python


@pytest.mark.parametrize("text", HARMLESS)
def test_text_that_is_no_formula_is_left_alone(text):
    assert neutralise(text) == text


def test_the_formula_signs_and_blanks_cover_every_unicode_form():
    """FORMULA_SIGNS and LEADING_BLANKS, derived again from this Python's Unicode tables."""
    characters = [chr(c) for c in range(sys.maxunicode + 1) if not 0xD800 <= c <= 0xDFFF]
    signs = {c for c in characters if unicodedata.normalize("NFKC", c)[:1] in set("=+-@")}
    blanks = {c for c in characters if unicodedata.normalize("NFKC", c).isspace()}
    assert set(FORMULA_SIGNS) == signs
    assert set(LEADING_BLANKS) - ZERO_WIDTH == blanks == {c for c in characters if c.isspace()}


# -- row order: the named query's, every time ---------------------------------------------

# Explore's "CSV of all allegations" in the page's default order (by allegation id).
ALL_ALLEGATIONS = {
    "jurisdiction": None, "region": None, "year_from": None, "year_to": None,
    "category": None, "finding": None, "recommended_level": None, "final_level": None,
    "source": None, "sort": "allegation_id", "descending": False, "limit": None,
}  # fmt: skip


def query_ids(con, name: str, params: dict) -> list[str]:
    """The first column of a named query, in the order the query itself returns it."""
    return queries.run(con, name, params).to_arrow_table().column(0).to_pylist()


def csv_ids(stream) -> list[str]:
    """The first column of a CSV (a binary stream), header left out, read row by row."""
    rows = csv.reader(io.TextIOWrapper(stream, encoding="utf-8", newline=""))
    next(rows)
    return [row[0] for row in rows]


def exported_ids(con, name: str, params: dict, target: Path) -> list[str]:
    """The first column of the CSV download, in the order of its lines."""
    write_query_csv(con, name, params, target)
    with target.open("rb") as stream:
        return csv_ids(stream)


def test_a_download_of_all_allegations_keeps_the_query_order_every_time(four_threads, tmp_path):
    # What the Explore page says: every allegation, sorted by id; DuckDB writes it on
    # several threads.
    expected = query_ids(four_threads, "explore_allegations", ALL_ALLEGATIONS)
    assert len(expected) > 100_000 and expected == sorted(expected)
    first = tmp_path / "all_0.csv"
    assert exported_ids(four_threads, "explore_allegations", ALL_ALLEGATIONS, first) == expected
    for attempt in (1, 2):  # and the same bytes every time
        again = tmp_path / f"all_{attempt}.csv"
        write_query_csv(four_threads, "explore_allegations", ALL_ALLEGATIONS, again)
        assert digest(again) == digest(first), f"export {attempt} differs from the first"


def digest(path: Path) -> bytes:
    hasher = hashlib.sha256()
    with path.open("rb") as stream:
        while chunk := stream.read(1 << 20):
            hasher.update(chunk)
    return hasher.digest()


def list_lookup_cell(column: str, kind: str) -> str:
    """The formula guard with its characters looked up in lists (the same rule)."""
    name = '"' + column.replace('"', '""') + '"'
    if kind != "VARCHAR":
        return name
    return (
        f"CASE WHEN list_contains(string_split($formula_triggers, ''), left({name}, 1)) "
        f"OR list_contains(string_split($formula_signs, ''), "
        f"left(ltrim({name}, $leading_blanks), 1)) "
        f"THEN '''' || {name} ELSE nullif({name}, '') END AS {name}"
    )


def test_a_download_keeps_the_query_order_whatever_sql_computes_its_cells(
    four_threads, tmp_path, monkeypatch
):
    # With list lookups in the guard, DuckDB's optimiser made each lookup a hash join and
    # the parallel COPY wrote the same rows in a different order each time: the order
    # must not rest on how the cells are computed.
    monkeypatch.setattr(table_csv, "_csv_cell", list_lookup_cell)
    params = {**ALL_ALLEGATIONS, "sort": "incident_date", "descending": True}
    expected = query_ids(four_threads, "explore_allegations", params)
    for attempt in range(2):
        target = tmp_path / f"all_{attempt}.csv"
        ids = exported_ids(four_threads, "explore_allegations", params, target)
        assert ids == expected, f"export {attempt}: not in the query's order"
