"""Streamlit entry point: `streamlit run dashboard.py` (or `make run`).

This first version shows what the warehouse holds: every source with its publisher,
licence, retrieval date and row accounting. It opens the warehouse read-only.
"""

from __future__ import annotations

import os
from pathlib import Path

import duckdb
import streamlit as st

import queries

# Tests and deployments may point elsewhere; the default is the one `python -m etl` builds.
WAREHOUSE = Path(
    os.environ.get(
        "ACCOUNTABILITY_WAREHOUSE", Path(__file__).resolve().parent / "data" / "warehouse.duckdb"
    )
)


@st.cache_resource
def connect(path: str, version: float) -> duckdb.DuckDBPyConnection:
    """One read-only connection per warehouse file version (its modification time)."""
    return duckdb.connect(path, read_only=True)


def warehouse_connection() -> duckdb.DuckDBPyConnection | None:
    if not WAREHOUSE.exists():
        return None
    return connect(str(WAREHOUSE), WAREHOUSE.stat().st_mtime)


def main() -> None:
    st.set_page_config(page_title="Police accountability data", layout="wide")
    st.title("Police accountability data")
    st.write(
        "Published records of police misconduct, discipline and convictions from France, "
        "England and Wales, New York City and Chicago, loaded into one warehouse with the "
        "provenance and licence of every row."
    )
    con = warehouse_connection()
    if con is None:
        st.error("No warehouse yet: build it with `python -m etl` (or `make run`).")
        return
    sources = queries.run(con, "sources_overview").df()
    st.subheader("Sources")
    st.caption(
        "Rows read = rows loaded + rows rejected for every source; rejected rows are kept "
        "in the `rejects` table with a reason."
    )
    st.dataframe(
        sources,
        hide_index=True,
        height=36 * (len(sources) + 1) + 2,  # every source visible without scrolling
        column_order=list(sources.columns),
        column_config={
            "source_id": "Source",
            "title": "Title",
            "publisher": "Publisher",
            "jurisdiction": "Jurisdiction",
            "licence": "Licence",
            "retrieved_at": "Retrieved",
            "rows_read": st.column_config.NumberColumn("Rows read", format="localized"),
            "rows_loaded": st.column_config.NumberColumn("Rows loaded", format="localized"),
            "rows_rejected": st.column_config.NumberColumn("Rows rejected", format="localized"),
            "url": st.column_config.LinkColumn("Publisher URL"),
            "sha256": "SHA-256 of the main file",
        },
    )
    info = dict(queries.run(con, "build_info").fetchall())
    st.caption(f"Warehouse built {info.get('built_at', 'at an unknown time')}.")


main()
