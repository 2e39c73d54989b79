"""Stage `feeds`: Atom feeds of what changed, one for everything, one per region and one per
directive, so that a journalist can subscribe to Val-de-Marne or to FR-1.

What is an entry:
- a source release (release 1 is the first one a build saw; later ones say how many records
  were added, removed or changed their outcome, from `releases`);
- a directive observation that is new, or whose status changed, since the previous build;
- a reported case event that is new, or whose judgment, finality or public contact changed.

The build keeps `feed_state` (the observations' and case events' states) and `feed_entries`
in the warehouse and carries them forward from the previous warehouse (opened read-only).
The first build records the states as a baseline without an entry each (they are not news);
a rebuild with no change adds no entry, and an entry keeps its id and date forever.
After the warehouse is swapped in, `write_feeds` writes the XML files, atomically, into the
dashboard's static folder (served at /app/static/feeds/...), or into ACCOUNTABILITY_FEEDS_DIR.
"""

from __future__ import annotations

import os
import re
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import duckdb

PROJECT_DIR = Path(__file__).resolve().parent.parent
DEFAULT_FEEDS_DIR = PROJECT_DIR / "static" / "feeds"
PUBLIC_URL = "http://localhost:8501/"
ATOM = "http://www.w3.org/2005/Atom"
MAX_ENTRIES = 200  # per file: the most recent
SAFE_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]*$")

# The states a build compares with the previous one. `feeds` lists the feeds an entry about
# the row belongs to: everything, its directive, its region and every region above it.
CURRENT_STATE = """
CREATE OR REPLACE TEMP TABLE feed_now AS
WITH RECURSIVE ancestors(region_id, ancestor_id) AS (
    SELECT region_id, region_id FROM regions
    UNION
    SELECT a.region_id, r.parent_id
    FROM ancestors AS a JOIN regions AS r ON r.region_id = a.ancestor_id
    WHERE r.parent_id IS NOT NULL
),
region_feeds AS (
    SELECT region_id, list('region/' || ancestor_id ORDER BY ancestor_id) AS feeds
    FROM ancestors GROUP BY region_id
),
rows AS (
    SELECT 'observation' AS kind, rule_id || ' ' || scope_id AS state_key, status AS state,
           directive_id, region_id, rule_id, scope_id,
           CASE WHEN in_jurisdiction THEN '' ELSE ' (what-if, not a finding)' END AS note
    FROM compliance
    UNION ALL
    SELECT 'case', case_id,
           concat_ws(' | ', judgment, coalesce(court, '-'), coalesce(finality, '-'),
                     public_contact, coalesce(event_date, '-')),
           directive_id, region_id, NULL, case_id, ''
    FROM case_events
)
SELECT r.*, ['all', 'directive/' || r.directive_id] || coalesce(f.feeds, []) AS feeds
FROM rows AS r
LEFT JOIN region_feeds AS f ON f.region_id = r.region_id
"""

NEW_ENTRIES = """
INSERT INTO feed_entries
SELECT
    'urn:police-accountability:' || sha256(n.kind || '|' || n.state_key || '|' || n.state),
    n.kind,
    CASE n.kind
        WHEN 'observation' THEN n.rule_id || ': ' || n.scope_id || ' is now '
             || replace(n.state, '_', ' ') || n.note
        ELSE 'Case event ' || n.state_key || ': ' || replace(n.state, '_', ' ')
    END,
    CASE
        WHEN p.state IS NULL THEN 'New ' || n.kind || '.'
        ELSE 'Changed from ''' || replace(p.state, '_', ' ') || '''.'
    END,
    CASE n.kind
        WHEN 'observation' THEN '?page=directives&directive=' || url_encode(n.directive_id)
             || '&rule=' || url_encode(n.rule_id) || '&obs=' || url_encode(n.scope_id)
        ELSE '?page=overview'
    END,
    $built_at,
    n.feeds
FROM feed_now AS n
LEFT JOIN feed_state_before AS p ON p.kind = n.kind AND p.state_key = n.state_key
WHERE p.state IS DISTINCT FROM n.state
ON CONFLICT DO NOTHING
"""

RELEASE_ENTRIES = """
INSERT INTO feed_entries
SELECT
    'urn:police-accountability:' || sha256('release|' || r.source_id || '|' || r.fingerprint),
    'release',
    s.title || ': release ' || r.release_number,
    CASE
        WHEN r.release_number = 1
            THEN 'First release loaded: ' || r.rows_loaded || ' rows (retrieved '
                 || r.retrieved_at || ').'
        ELSE 'Retrieved ' || r.retrieved_at || ': ' || coalesce(r.added, 0) || ' records added, '
             || coalesce(r.removed, 0) || ' removed, ' || coalesce(r.changed, 0)
             || ' with a changed outcome.'
    END,
    '?page=sources&changes=' || url_encode(r.source_id),
    r.first_built_at,
    ['all'] || CASE WHEN g.region_id IS NULL THEN [] ELSE ['region/' || g.region_id] END
FROM releases AS r
JOIN sources AS s ON s.source_id = r.source_id
LEFT JOIN regions AS g ON g.region_id = s.jurisdiction
ON CONFLICT DO NOTHING
"""


def record_feed_entries(con: duckdb.DuckDBPyConnection, previous: Path | None, built_at: str):
    """Carry entries and states forward, then add what is new in this build."""
    con.execute(CURRENT_STATE)
    con.execute("CREATE TEMP TABLE feed_state_before AS SELECT * FROM feed_state LIMIT 0")
    baseline = True
    if previous is not None and previous.exists():
        con.execute("ATTACH $path AS previous_feeds (READ_ONLY)", {"path": str(previous)})
        try:
            tables = {
                row[0]
                for row in con.execute(
                    "SELECT table_name FROM information_schema.tables "
                    "WHERE table_catalog = 'previous_feeds'"
                ).fetchall()
            }
            if {"feed_state", "feed_entries"} <= tables:
                baseline = False
                con.execute("INSERT INTO feed_state_before SELECT * FROM previous_feeds.feed_state")
                con.execute("INSERT INTO feed_entries SELECT * FROM previous_feeds.feed_entries")
        finally:
            con.execute("DETACH previous_feeds")
    if not baseline:
        con.execute(NEW_ENTRIES, {"built_at": built_at})
    con.execute(RELEASE_ENTRIES)
    con.execute(
        "INSERT INTO feed_state SELECT kind, state_key, state FROM feed_now ON CONFLICT DO NOTHING"
    )


def feeds_dir_for(data_dir: Path, project_data_dir: Path) -> Path:
    configured = os.environ.get("ACCOUNTABILITY_FEEDS_DIR")
    if configured:
        return Path(configured)
    return (
        DEFAULT_FEEDS_DIR
        if data_dir.resolve() == project_data_dir.resolve()
        else (data_dir / "feeds")
    )


def write_feeds(warehouse: Path, feeds_dir: Path) -> int:
    """Write every feed file from the warehouse into `feeds_dir` (swapped in whole)."""
    public = os.environ.get("ACCOUNTABILITY_PUBLIC_URL", PUBLIC_URL).rstrip("/") + "/"
    with duckdb.connect(str(warehouse), read_only=True) as con:
        entries = con.execute(
            "SELECT entry_id, kind, title, what_changed, link, updated, feeds FROM feed_entries "
            "ORDER BY updated DESC, entry_id"
        ).fetchall()
        names = {"all": "Everything"}
        for region_id, name in con.execute("SELECT region_id, name FROM regions").fetchall():
            names[f"region/{region_id}"] = name
        for directive_id, title in con.execute(
            "SELECT directive_id, title FROM directives"
        ).fetchall():
            names[f"directive/{directive_id}"] = f"{directive_id}: {title}"
        built_at = con.execute("SELECT value FROM build_info WHERE key = 'built_at'").fetchone()
    by_feed: dict[str, list] = {feed: [] for feed in names}
    for entry in entries:
        for feed in entry[6]:
            if feed in by_feed and len(by_feed[feed]) < MAX_ENTRIES:
                by_feed[feed].append(entry)
    staging = feeds_dir.with_name(feeds_dir.name + ".writing")
    shutil.rmtree(staging, ignore_errors=True)
    written = 0
    for feed, items in by_feed.items():
        kind, _, name = feed.partition("/")
        if name and not SAFE_NAME.match(name):
            continue
        path = staging / (f"{kind}/{name}.xml" if name else f"{kind}.xml")
        path.parent.mkdir(parents=True, exist_ok=True)
        # An empty feed is as old as the newest entry anywhere: unchanged by a rebuild with
        # no change, so a feed reader sees nothing new.
        fallback = entries[0][5] if entries else (built_at[0] if built_at else "1970-01-01")
        path.write_bytes(atom_document(feed, names[feed], items, public, fallback))
        written += 1
    old = feeds_dir.with_name(feeds_dir.name + ".old")
    shutil.rmtree(old, ignore_errors=True)
    feeds_dir.parent.mkdir(parents=True, exist_ok=True)
    if feeds_dir.exists():
        os.replace(feeds_dir, old)
    os.replace(staging, feeds_dir)
    shutil.rmtree(old, ignore_errors=True)
    return written


def atom_document(feed: str, title: str, entries, public: str, fallback_updated: str) -> bytes:
    ET.register_namespace("", ATOM)

    def add(parent, tag, text=None, **attributes):
        element = ET.SubElement(parent, f"{{{ATOM}}}{tag}", attributes)
        if text is not None:
            element.text = text
        return element

    root = ET.Element(f"{{{ATOM}}}feed")
    add(root, "id", f"urn:police-accountability:feed:{feed}")
    add(root, "title", f"Police accountability data: {title}")
    # The newest entry's date, so that a rebuild with no change leaves the file unchanged.
    add(root, "updated", entries[0][5] if entries else fallback_updated)
    author = add(root, "author")
    add(author, "name", "Police accountability data (open-data project)")
    add(root, "link", rel="self", href=f"{public}app/static/feeds/{feed}.xml")
    add(root, "link", rel="alternate", href=public)
    for entry_id, _kind, entry_title, summary, link, updated, _feeds in entries:
        item = add(root, "entry")
        add(item, "id", entry_id)
        add(item, "title", entry_title)
        add(item, "updated", updated)
        add(item, "link", rel="alternate", href=public + link)
        add(item, "summary", summary)
    return ET.tostring(root, encoding="utf-8", xml_declaration=True)
