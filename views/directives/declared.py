"""What the Directives page reads about jurisdictions and sources: from the warehouse, or
declared in queries/directives.toml. No module of the page names a jurisdiction or a source.
"""

from __future__ import annotations

import functools
import tomllib

import pandas as pd

from queries import QUERIES_DIR
from ui import data

DATA_FILE = QUERIES_DIR / "directives.toml"


@functools.cache
def declarations() -> dict:
    with DATA_FILE.open("rb") as file:
        return tomllib.load(file)


def default_directive(ids: list[str]) -> str:
    """The declared default if the warehouse has it, else the first directive."""
    declared = declarations().get("default_directive")
    return declared if declared in ids else ids[0]


def penalty_note(code: str, lang: str) -> str | None:
    words = declarations().get("penalties", {}).get(code, {}).get("note")
    return (words.get(lang) or words["en"]) if words else None


def penalty_jurisdictions() -> pd.DataFrame:
    """Jurisdictions whose sustained allegations carry both a recommended and a final level,
    indexed by code: source_ids, both_levels, region_level (None: no region below the
    jurisdiction), region_source_ids."""
    return data.query("directives_penalty_jurisdictions").set_index("jurisdiction")


def directive_sources() -> list[str]:
    """The sources of the directives table (the register of directives)."""
    return list(data.query("sources_of_table", table_name="directives")["source_id"])
