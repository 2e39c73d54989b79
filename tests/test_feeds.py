"""Atom feeds of what changed: valid Atom, stable ids, no entry for a rebuild with no change,
an entry in the feeds of the change's region (and the regions above it) and directive, and
served by the running dashboard."""

from __future__ import annotations

import datetime as dt
import shutil
import urllib.request
import xml.etree.ElementTree as ET
from pathlib import Path

import duckdb
import pytest

from etl.build import build
from etl.feeds import DEFAULT_FEEDS_DIR, write_feeds
from tests.browser import streamlit_server
from tests.conftest import PROJECT_DIR, TEST_KEY, copy_data
from tests.test_build import edit_csv, replace_file

ATOM = "{http://www.w3.org/2005/Atom}"
CURATED = Path("reference") / "curated"


@pytest.fixture
def rebuilt(tmp_path, built_data_dir, monkeypatch) -> Path:
    """A private data folder whose previous warehouse is the suite's first build."""
    monkeypatch.setenv("ACCOUNTABILITY_PSEUDONYM_KEY", TEST_KEY)
    data_dir = copy_data(tmp_path / "data")
    shutil.copyfile(built_data_dir / "warehouse.duckdb", data_dir / "warehouse.duckdb")
    return data_dir


def feed_entries(data_dir: Path) -> dict[str, tuple]:
    with duckdb.connect(str(data_dir / "warehouse.duckdb"), read_only=True) as con:
        rows = con.execute("SELECT entry_id, kind, title, updated, feeds FROM feed_entries")
        return {row[0]: row[1:] for row in rows.fetchall()}


def parse_atom(content: bytes) -> list[ET.Element]:
    """The feed's entries, after checking what RFC 4287 requires of a feed and an entry."""
    root = ET.fromstring(content)
    assert root.tag == f"{ATOM}feed"
    for tag in ("id", "title", "updated", "author"):
        assert root.find(f"{ATOM}{tag}") is not None, tag
    dt.datetime.fromisoformat(root.find(f"{ATOM}updated").text)
    assert root.find(f"{ATOM}link[@rel='self']") is not None
    entries = root.findall(f"{ATOM}entry")
    ids = [entry.find(f"{ATOM}id").text for entry in entries]
    assert len(ids) == len(set(ids)), "an entry id repeats"
    for entry in entries:
        for tag in ("id", "title", "updated", "summary"):
            assert entry.find(f"{ATOM}{tag}") is not None and entry.find(f"{ATOM}{tag}").text
        assert entry.find(f"{ATOM}id").text.startswith("urn:police-accountability:")
        dt.datetime.fromisoformat(entry.find(f"{ATOM}updated").text)
        assert entry.find(f"{ATOM}link[@rel='alternate']").get("href").startswith("http")
    return entries


def entry_ids(path: Path) -> set[str]:
    return {entry.find(f"{ATOM}id").text for entry in parse_atom(path.read_bytes())}


def all_feed_bytes(feeds: Path) -> dict[str, bytes]:
    return {str(p.relative_to(feeds)): p.read_bytes() for p in sorted(feeds.rglob("*.xml"))}


def test_the_first_build_is_a_baseline_with_one_entry_per_release(warehouse, built_data_dir):
    # A first build records every observation's state without calling it news; each source
    # release loaded is an entry (every bundled source with a snapshot is at release 1).
    kinds = dict(warehouse.execute("SELECT kind, count(*) FROM feed_entries GROUP BY 1").fetchall())
    (releases,) = warehouse.execute("SELECT count(*) FROM releases").fetchone()
    assert kinds == {"release": releases}
    (states,) = warehouse.execute("SELECT count(*) FROM feed_state").fetchone()
    (observed,) = warehouse.execute(
        "SELECT (SELECT count(*) FROM compliance) + (SELECT count(*) FROM case_events)"
    ).fetchone()
    assert states == observed
    feeds = built_data_dir / "feeds"
    assert len(parse_atom((feeds / "all.xml").read_bytes())) == releases
    # one file per region and per directive, so any of them can be subscribed to
    (regions,) = warehouse.execute("SELECT count(*) FROM regions").fetchone()
    assert len(list((feeds / "region").glob("*.xml"))) == regions
    assert (feeds / "directive" / "FR-1.xml").exists()
    assert (feeds / "region" / "FR-DEP-94.xml").exists()


def test_a_rebuild_with_no_change_adds_no_entry_and_rewrites_the_same_bytes(
    rebuilt,
):
    data_dir = rebuilt
    before = feed_entries(data_dir)
    build(data_dir, show_progress=False)
    first = all_feed_bytes(data_dir / "feeds")
    assert feed_entries(data_dir) == before
    build(data_dir, show_progress=False)
    assert feed_entries(data_dir) == before
    assert all_feed_bytes(data_dir / "feeds") == first


def test_a_changed_case_is_news_in_its_region_directive_and_everything(rebuilt):
    data_dir = rebuilt
    before = feed_entries(data_dir)

    def conviction_became_final(rows):
        header = rows[0]
        for row in rows[1:]:
            if row[0] == "FR-001.2":  # Maisons-Alfort: public contact reported by the press
                row[header.index("finality")] = "final"

    path = data_dir / CURATED / "cases_register.csv"
    replace_file(data_dir, CURATED, "cases_register.csv", edit_csv(path, conviction_became_final))
    build(data_dir, show_progress=False)
    after = feed_entries(data_dir)
    assert set(before) <= set(after)  # entries are never dropped or renamed
    new = {entry_id: after[entry_id] for entry_id in set(after) - set(before)}
    titles = sorted(title for _kind, title, _updated, _feeds in new.values())
    # final conviction + public contact on press evidence: alleged_violation (was
    # insufficient_data); the register's new bytes are its release 2
    assert titles == [
        "Case event FR-001.2: conviction | appeal | final | yes | -",
        "FR-1/cases-register: FR-001.2 is now alleged violation",
        "Register of reported cases (curated, pseudonymous): release 2",
    ]
    case = next(v for v in new.values() if v[0] == "case")
    feeds = data_dir / "feeds"
    observation_id = next(k for k, v in new.items() if v[0] == "observation")
    case_id = next(k for k, v in new.items() if v is case)
    for name in ("all", "directive/FR-1", "region/FR-DEP-94", "region/FR-REG-11", "region/FR"):
        ids = entry_ids(feeds / f"{name}.xml")
        assert {observation_id, case_id} <= ids, name
    assert observation_id not in entry_ids(feeds / "region" / "FR-DEP-33.xml")
    assert observation_id not in entry_ids(feeds / "directive" / "US-NY-NYC-1.xml")
    # the entry links to the observation on the Directives page
    entry = next(
        e
        for e in parse_atom((feeds / "all.xml").read_bytes())
        if e.find(f"{ATOM}id").text == observation_id
    )
    assert (
        entry.find(f"{ATOM}link")
        .get("href")
        .endswith("?page=directives&directive=FR-1&rule=FR-1%2Fcases-register&obs=FR-001.2")
    )


def test_the_running_dashboard_serves_the_feeds(built_data_dir):
    # The dashboard serves ./static (server.enableStaticServing): the build writes the
    # feeds of the project's own data folder there.
    warehouse = built_data_dir / "warehouse.duckdb"
    write_feeds(warehouse, DEFAULT_FEEDS_DIR)
    with streamlit_server(PROJECT_DIR, warehouse) as url:
        for name in ("all", "region/FR-DEP-94", "directive/FR-1"):
            with urllib.request.urlopen(f"{url}/app/static/feeds/{name}.xml", timeout=60) as r:
                assert r.status == 200
                parse_atom(r.read())
