"""Typical parameters of every named query the dashboard runs (queries/*.sql and the
measure catalogue's, queries/measures/*.sql).

Values are what a visitor's first clicks send: the Chicago page of Explore with a year
range and a category, the Chicago districts on Compare, the NYC departure-letter rule on
Directives. A query left out of PARAMS is listed in SKIPPED with the reason.
"""

from __future__ import annotations

import queries

CHICAGO = "US-IL-CHI"
DISTRICT_VINTAGE = "lines of 2012-12-19, portal copy of 2017-05-12"
RULE = "US-NY-NYC-1/departure-letter"  # the rule with the most observations
EXPLORE_ALLEGATIONS = {
    "jurisdiction": CHICAGO,
    "region": None,
    "year_from": 2005,
    "year_to": 2015,
    "category": "use_of_force",
    "finding": None,
    "recommended_level": None,
    "final_level": None,
    "source": None,
}
# explore.py PAGE_ROWS: rows shown on screen, sorted by the newest incident.
PAGE = {"sort": "incident_date", "descending": True, "limit": 1000}

PARAMS: dict[str, dict] = {
    "build_info": {},
    "category_map_search": {"search": "force"},
    "changes_by_source": {},
    "changes_since_last_release": {"source_id": None, "row_limit": 1000},
    "compare_allegation_sources": {},
    "compare_boundaries": {
        "level": "district",
        "prefix": "US-IL-CHI-D",
        "vintage": DISTRICT_VINTAGE,
    },
    "compare_declarations": {},
    "compare_levels": {},
    "compare_regions": {"level": "district", "prefix": "US-IL-CHI-D", "vintage": DISTRICT_VINTAGE},
    "directives_biggest_gaps": {"jurisdiction": "US-NY-NYC"},
    "directives_downgrades_by_region": {
        "jurisdiction": CHICAGO,
        "year_from": 2005,
        "year_to": 2015,
    },
    "directives_recommendation_fields": {
        "jurisdiction": CHICAGO,
        "year_from": 2005,
        "year_to": 2015,
    },
    "directives_page_directives": {},
    "directives_page_methods": {"rule_id": RULE},
    "directives_page_observations": {
        "rule_id": RULE,
        "status": None,
        "year": None,
        "undated": False,
    },
    "directives_penalty_jurisdictions": {},
    "directives_page_regions": {"region_ids": [f"US-IL-CHI-D{n}" for n in range(1, 26)]},
    "directives_page_rule_by_region": {"rule_id": RULE},
    "directives_page_rule_by_year": {"rule_id": RULE},
    "directives_page_rules": {},
    "directives_page_status_summary": {},
    "jurisdiction_names": {},
    "directives_page_what_if_since": {"rule_id": "FR-1/what-if-chicago"},
    "explore_allegations": {**EXPLORE_ALLEGATIONS, **PAGE},
    "explore_allegations_count": EXPLORE_ALLEGATIONS,
    "explore_allegations_facet": {"facet": "finding", **EXPLORE_ALLEGATIONS},
    "explore_compliance": {
        "jurisdiction": None,
        "region": None,
        "year_from": None,
        "year_to": None,
        "rule": None,
        "status": None,
        "source": None,
        **PAGE,
    },
    "explore_compliance_count": {
        "jurisdiction": None,
        "region": None,
        "year_from": None,
        "year_to": None,
        "rule": None,
        "status": None,
        "source": None,
    },
    "explore_compliance_facet": {
        "facet": "status",
        "jurisdiction": None,
        "region": None,
        "year_from": None,
        "year_to": None,
        "rule": None,
        "status": None,
        "source": None,
    },
    "explore_regions": {},
    "explore_statistics": {
        "jurisdiction": "US-NY-NYC",
        "region": None,
        "year_from": None,
        "year_to": None,
        "measure": None,
        "source": None,
        "sort": "year",
        "descending": True,
        "limit": 1000,
    },
    "explore_statistics_count": {
        "jurisdiction": "US-NY-NYC",
        "region": None,
        "year_from": None,
        "year_to": None,
        "measure": None,
        "source": None,
    },
    "explore_statistics_facet": {
        "facet": "measure",
        "jurisdiction": "US-NY-NYC",
        "region": None,
        "year_from": None,
        "year_to": None,
        "measure": None,
        "source": None,
    },
    "explore_year_bounds": {},
    "outcome_map_jurisdictions": {},
    "outcome_map_search": {"search": "suspen", "jurisdiction": None},
    "region_cases": {"region_id": "FR-DEP-94"},
    "region_directory": {},
    "region_observations": {"region_id": "FR-DEP-94"},
    "search": {"term": "val de marne", "limit": 8},
    "overview_allegation_headlines": {},
    "overview_case_events": {"case_prefix": "FR-001."},
    "overview_directive": {"directive_id": "FR-1"},
    "overview_funnel": {"jurisdiction": "US-IL-CHI"},
    "overview_jurisdictions": {},
    "overview_penalty_vs_recommendation": {},
    "overview_recommendation_fields": {},
    "overview_regional_statistic": {
        "jurisdiction": "FR",
        "measure": "intrafamily_assault_victims",
        "level": "departement",
    },
    "overview_statistic_sources": {
        "jurisdiction": "US-NY-NYC",
        "measures": ["complaint_records", "substantiated_records"],
    },
    "overview_statistics": {
        "jurisdiction": "FR",
        "measures": ["removed_from_public_contact_dv", "sanctions_total"],
    },
    "reject_reasons_of_source": {"source_id": "us_chicago_cpdp_complaints"},
    "source_files_of_source": {"source_id": "us_chicago_cpdp_complaints"},
    "sources_by_id": {"source_ids": ["us_chicago_cpdp_complaints"]},
    "sources_detail": {},
    "sources_overview": {},
    "sources_of_table": {"table_name": "directives"},
}

SKIPPED: dict[str, str] = {}


def measure_params() -> dict[str, dict]:
    """Typical parameters of the measure catalogue's queries (queries/measures/): Compare's
    Chicago districts by year for the sustained share (the clustered share: it groups the
    allegations by complaint and by officer), the NYC precincts' published statistics, the
    NYC directive's compliance rate. The findings and closures come from the catalogue."""
    from ui.measures import definitions

    catalogue = definitions()
    return {
        "allegation_share": {
            "jurisdiction": CHICAGO,
            "region_level": "district",
            "year_from": 2000,
            "year_to": 2018,
            "category": None,
            "by_year": True,
            "measure": "sustained_share",
            "findings": list(catalogue.findings_counted),
            "not_investigated": catalogue.not_investigated_labels(CHICAGO),
        },
        "published_statistic": {
            "source_id": "us_nyc_psl_ccrb_precincts",
            "measure": "substantiated_records",
            "region_level": "precinct",
            "year_from": None,
            "year_to": None,
            "by_year": True,
        },
        "compliance_rate": {"directive_id": "US-NY-NYC-1"},
    }


def unparameterised() -> list[str]:
    """Named queries of queries/ and queries/measures/ with neither parameters here nor a
    reason to skip."""
    missing = set(queries.catalogue()) - set(PARAMS) - set(SKIPPED)
    missing |= {f"measures/{name}" for name in set(queries.catalogue("measures"))}
    missing -= {f"measures/{name}" for name in measure_params()}
    return sorted(missing)
