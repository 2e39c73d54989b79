"""Jurisdiction names from the warehouse's `jurisdictions` table, in a page's language."""

from __future__ import annotations

from ui import data


def jurisdiction_name(code: str, lang: str) -> str:
    """The table's name of `code` in `lang` (French or English); the code itself if the
    warehouse has no such jurisdiction."""
    return _names().get((code, lang), code)


@data.per_version
def _names() -> dict[tuple[str, str], str]:
    # A dictionary built once per warehouse version: pages name jurisdictions hundreds of
    # times a rerun, and a lookup in the query's frame cost a third of a millisecond.
    names = {}
    for row in data.query("jurisdiction_names").itertuples():
        names[(row.code, "en")] = row.name_en
        names[(row.code, "fr")] = row.name_fr
    return names
