"""Downloads of the Explore page: literal CSV bytes and the zip data package.

The expected rows come from data/reference/curated/fr_national_sanctions.csv (the two
`blame` figures) and data/raw/us_chicago_cpdp_complaints (counted with Python's csv module).
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import json
import zipfile

import pytest

import queries
from exports.datapackage import (
    FIELD_TYPES,
    csv_file,
    licence_is_unclear,
    package_bytes,
    package_file,
)
from exports.table_csv import query_csv

GENERATED_AT = dt.datetime(2026, 11, 25, 12, 30, 5, tzinfo=dt.UTC)
BLAME_LINK = "?page=explore&lang=en&table=statistics&jurisdiction=FR&measure=blame&sort=year"
BLAME = {
    "jurisdiction": "FR",
    "region": None,
    "year_from": None,
    "year_to": None,
    "measure": "blame",
    "source": None,
    "sort": "year",
    "descending": False,
    "limit": None,
}
# The two rows of fr_national_sanctions.csv with measure "blame", as the CSV must hold them:
# the warehouse adds the jurisdiction, source and region; value 37 is a DOUBLE (37.0).
BLAME_CSV = (
    b"jurisdiction,source_id,region_id,region_name,region_level,year,measure,measure_original,"
    b"value,unit,subject,period_note,confidence,source_url\r\n"
    b"FR,curated_fr_national_sanctions,FR,France,country,2017,blame,blame,37.0,percent,"
    b'police_nationale,"share of the 2,070 sanctions pronounced in 2017 (pre-2019 scale: G2 '
    b'exclusion max 15 days, G3 exclusion up to 2 years)",medium,'
    b"https://scsi-pn.fr/wp-content/uploads/2019/06/files/basic-html/page19.html\r\n"
    b"FR,curated_fr_national_sanctions,FR,France,country,2019,blame,blame,595.0,count,"
    b"police_nationale,calendar year; sanctions pronounced (all personnel categories unless "
    b"stated); from the IGPN 2019 report as reported by LCI,medium,"
    b"https://www.lci.fr/police/rapport-de-l-igpn-beaucoup-plus-d-enquetes-mais-moins-de-"
    b"sanctions-pour-les-policiers-2155921.html\r\n"
)
# Chicago, district 4 (South Chicago), sustained, domestic violence: small and licence-less.
CHICAGO = {
    "jurisdiction": "US-IL-CHI",
    "region": "US-IL-CHI-D4",
    "year_from": None,
    "year_to": None,
    "category": "domestic_violence",
    "finding": "sustained",
    "recommended_level": None,
    "final_level": None,
    "source": None,
    "sort": "allegation_id",
    "descending": False,
    "limit": None,
}
FRICTIONLESS_TYPES = {"string", "integer", "number", "date", "boolean"}


def unzip(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def test_csv_of_a_small_filter_is_exactly_the_published_rows(db):
    assert query_csv(db, "explore_statistics", BLAME) == BLAME_CSV
    assert csv_file(db, "explore_statistics", BLAME).read() == BLAME_CSV


def test_the_table_and_the_download_differ_only_by_the_row_limit(db):
    shown = queries.run(db, "explore_statistics", {**BLAME, "limit": 1}).fetchall()
    everything = queries.run(db, "explore_statistics", BLAME).fetchall()
    assert shown == everything[:1] and len(everything) == 2


def test_package_holds_exactly_the_csv_descriptor_and_readme(db):
    files = unzip(package_bytes(db, "explore_statistics", BLAME, BLAME_LINK, GENERATED_AT))
    assert list(files) == ["statistics.csv", "datapackage.json", "README.md"]
    assert files["statistics.csv"] == BLAME_CSV


def test_package_is_reproducible_with_fixed_dates(db):
    first = package_bytes(db, "explore_statistics", BLAME, BLAME_LINK, GENERATED_AT)
    again = package_bytes(db, "explore_statistics", BLAME, BLAME_LINK, GENERATED_AT)
    assert first == again
    assert package_file(db, "explore_statistics", BLAME, BLAME_LINK, GENERATED_AT).read() == first
    with zipfile.ZipFile(io.BytesIO(first)) as archive:
        assert {info.date_time for info in archive.infolist()} == {(1980, 1, 1, 0, 0, 0)}


def test_descriptor_has_the_frictionless_keys_and_the_view(db):
    files = unzip(package_bytes(db, "explore_statistics", BLAME, BLAME_LINK, GENERATED_AT))
    package = json.loads(files["datapackage.json"])
    for key in ("profile", "name", "title", "resources", "sources", "licenses", "created"):
        assert package[key], key
    assert package["profile"] == "tabular-data-package"
    resource = package["resources"][0]
    assert resource["path"] == "statistics.csv"
    assert (resource["format"], resource["mediatype"], resource["encoding"]) == (
        "csv",
        "text/csv",
        "utf-8",
    )
    assert resource["bytes"] == len(BLAME_CSV)
    assert resource["hash"] == "sha256:" + hashlib.sha256(BLAME_CSV).hexdigest()
    header = next(csv.reader(io.StringIO(files["statistics.csv"].decode())))
    fields = resource["schema"]["fields"]
    assert [field["name"] for field in fields] == header
    assert all(field["type"] in FRICTIONLESS_TYPES for field in fields)
    assert all(field["description"] for field in fields)
    assert {f["name"]: f["type"] for f in fields}["year"] == "integer"
    assert {f["name"]: f["type"] for f in fields}["value"] == "number"
    # the view: filters, sort, query, time and link
    assert package["filters"] == {"jurisdiction": "FR", "measure": "blame"}
    assert package["sort"] == {"column": "year", "descending": False}
    assert package["query"]["name"] == "explore_statistics"
    assert package["query"]["sql"] == queries.get("explore_statistics").sql
    assert package["query"]["parameters"] == BLAME
    assert package["generated_at"] == package["created"] == "2026-11-25T12:30:05Z"
    assert package["permalink"] == BLAME_LINK
    assert package["row_count"] == 2


def test_every_contributing_source_comes_with_its_licence(db):
    files = unzip(package_bytes(db, "explore_allegations", CHICAGO, "?x", GENERATED_AT))
    package = json.loads(files["datapackage.json"])
    rows = list(csv.DictReader(io.StringIO(files["allegations.csv"].decode())))
    contributing = {row["source_id"] for row in rows}
    assert contributing == {"us_chicago_cpdp_complaints"}
    assert {s["source_id"] for s in package["sources"]} == contributing
    licensed = {source for entry in package["licenses"] for source in entry["sources"]}
    assert licensed == contributing
    for source in package["sources"]:
        assert source["path"].startswith("https://")
        assert source["licence"] and source["retrieved_at"] == "2018-08-13"
    # "No licence file; ..." is flagged, and the README says to check before republishing
    assert package["licenses"][0]["name"] == "notspecified"
    assert "check with the publisher before republishing" in files["README.md"].decode()
    # the publisher's labels beside the common ones
    assert {"finding", "finding_original", "final_level", "final_outcome"} <= set(rows[0])
    assert {row["finding_original"] for row in rows} == {"SU"}


def test_readme_carries_a_citation_with_the_link(db):
    files = unzip(package_bytes(db, "explore_statistics", BLAME, BLAME_LINK, GENERATED_AT))
    readme = files["README.md"].decode()
    assert "2 rows of `statistics`" in readme
    assert "## How to cite" in readme
    citation = readme.split("## How to cite")[1].strip()
    assert citation.startswith("Police accountability data, “Published aggregate figures”")
    assert "filtered by jurisdiction = FR; measure = blame: 2 rows" in citation
    assert "Accessed 2026-11-25" in citation and citation.endswith(BLAME_LINK)


def test_an_empty_view_still_packages_a_header_and_says_so(db):
    empty = {**BLAME, "measure": "no_such_measure"}
    files = unzip(package_bytes(db, "explore_statistics", empty, "?x", GENERATED_AT))
    assert files["statistics.csv"] == BLAME_CSV.split(b"\r\n")[0] + b"\r\n"
    package = json.loads(files["datapackage.json"])
    assert package["sources"] == [] and package["licenses"] == [] and package["row_count"] == 0
    assert "no row matches the filters" in files["README.md"].decode()


def test_the_package_of_all_allegations_keeps_the_query_order(four_threads):
    # The zip's CSV is the same DuckDB COPY as the CSV download (exports.table_csv), here
    # on several threads: the rows in the order of the named query, sorted by id.
    from tests.test_table_csv import ALL_ALLEGATIONS, csv_ids, query_ids

    expected = query_ids(four_threads, "explore_allegations", ALL_ALLEGATIONS)
    link = "?page=explore&lang=en&table=allegations"
    spool = package_file(four_threads, "explore_allegations", ALL_ALLEGATIONS, link, GENERATED_AT)
    with spool, zipfile.ZipFile(spool) as archive, archive.open("allegations.csv") as stream:
        assert csv_ids(stream) == expected
    assert len(expected) > 100_000 and expected == sorted(expected)


def test_licence_rule_on_the_warehouse_licences(db):
    licences = dict(db.execute("SELECT source_id, licence FROM sources").fetchall())
    flagged = {source for source, text in licences.items() if licence_is_unclear(text)}
    # sources.licence: "No licence file; ..." (CPDP x3, Chicago districts, BBC), "...which
    # states no licence" (NYPD precinct copy), "No licence stated ...; ask before ..." (PSL)
    assert flagged == {
        "us_chicago_cpdp_complaints",
        "us_chicago_cpdp_settlements",
        "us_chicago_cpdp_units",
        "us_chicago_districts",
        "gb_bbc_iopc_misconduct",
        "us_nyc_nypd_precincts",
        "us_nyc_psl_ccrb_precincts",
        # "...(not checked for these tables); the repository has no licence file"
        "gb_iopc_deaths_police_contact",
    }
    assert not licence_is_unclear("Licence Ouverte / Etalab 2.0")
    assert licence_is_unclear(None)


@pytest.mark.parametrize(
    "name", ["explore_allegations", "explore_statistics", "explore_compliance"]
)
def test_every_column_type_maps_to_a_frictionless_type(db, name):
    params = dict.fromkeys(queries.get(name).params)
    params.update(sort="none", descending=False, limit=0)
    cursor = queries.run(db, name, params)
    for column, kind, *_ in cursor.description:
        assert str(kind) in FIELD_TYPES, (column, kind)
