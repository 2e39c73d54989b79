"""The tables the Explore page offers: their filters (with counts), the columns a link may
sort on, the queries behind them, and which catalog keys translate their values."""

from __future__ import annotations

from dataclasses import dataclass

UNKNOWN = "unknown"  # the queries' stand-in for NULL (not published) in a filter


@dataclass(frozen=True)
class Table:
    name: str
    facets: tuple[str, ...]  # filters with counts, in display order (= SQL parameter names)
    sortable: tuple[str, ...]  # the only columns ?sort= accepts (the SQL knows the same list)
    default_sort: str
    years_key: str  # catalog key naming the year the year range filters on

    @property
    def rows_query(self) -> str:
        return f"explore_{self.name}"

    @property
    def count_query(self) -> str:
        return f"explore_{self.name}_count"

    @property
    def facet_query(self) -> str:
        return f"explore_{self.name}_facet"


TABLES = {
    "allegations": Table(
        "allegations",
        (
            "jurisdiction",
            "region",
            "category",
            "finding",
            "recommended_level",
            "final_level",
            "source",
        ),
        (
            "allegation_id",
            "case_id",
            "incident_date",
            "received_date",
            "closed_date",
            "region_name",
            "category",
            "finding",
            "recommended_level",
            "final_level",
        ),
        "allegation_id",
        "years_incident",
    ),
    "statistics": Table(
        "statistics",
        ("jurisdiction", "region", "measure", "source"),
        ("source_id", "region_name", "year", "measure", "value"),
        "source_id",
        "years_figure",
    ),
    "compliance": Table(
        "compliance",
        ("jurisdiction", "region", "rule", "status", "source"),
        ("rule_id", "scope_id", "observed_date", "status", "region_name"),
        "rule_id",
        "years_observed",
    ),
}
# Which catalog key prefix translates the values of a filter (None: shown as published).
VALUE_KEYS = {
    "jurisdiction": "jur_",
    "category": "category_",
    "finding": "finding_",
    "recommended_level": "outcome_",
    "final_level": "outcome_",
    "status": "status_",
}
UNKNOWN_KEYS = {
    "category": "category_unknown",
    "finding": "finding_unknown",
    "recommended_level": "outcome_unknown",
    "final_level": "outcome_unknown",
}
DATE_COLUMNS = ("incident_date", "received_date", "closed_date", "observed_date")
