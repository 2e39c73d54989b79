"""`python -m etl new-source SLUG FILE...`: the first ten minutes of adding a source.

Copies the files byte for byte into `data/raw/<slug>/`, writes the manifest (sha256 and
size measured here; url, origin and licence left for the contributor to fill) and a
declaration skeleton `etl/sources/<slug>.toml` listing each CSV's header, so that the
column map starts from the publisher's own names. docs/adding-a-source.md goes on from here.
"""

from __future__ import annotations

import csv
import datetime as dt
import gzip
import json
import re
import shutil
from pathlib import Path

from etl.manifest import MANIFEST_NAME, sha256_of

SOURCES_DIR = Path(__file__).with_name("sources")
_SLUG = re.compile(r"[a-z][a-z0-9]*(_[a-z0-9]+)+")
TODO = "TODO"


class NewSourceError(Exception):
    pass


def new_source(slug: str, files: list[Path], data_dir: Path, sources_dir: Path = SOURCES_DIR):
    """Create the raw folder, manifest and declaration skeleton; return their paths."""
    if not _SLUG.fullmatch(slug):
        raise NewSourceError(
            f"{slug!r}: a slug is <jurisdiction>_<publisher>_<dataset>, lower case, e.g. "
            "us_wa_cjtc_certification"
        )
    declaration = sources_dir / f"{slug}.toml"
    raw_dir = data_dir / "raw" / slug
    for taken in (declaration, sources_dir / f"{slug}.py", raw_dir):
        if taken.exists():
            raise NewSourceError(f"{taken} already exists")
    for path in files:
        if not path.is_file():
            raise NewSourceError(f"{path} is not a file")
    raw_dir.mkdir(parents=True)
    today = dt.date.today().isoformat()
    entries = []
    for path in files:
        target = raw_dir / path.name
        shutil.copyfile(path, target)
        entries.append(
            {
                "name": path.name,
                "url": TODO,
                "origin": f"{TODO}: where this copy came from (repository@commit:path, or URL)",
                "retrieved_at": today,
                "sha256": sha256_of(target),
                "bytes": target.stat().st_size,
                "licence": TODO,
            }
        )
    manifest = raw_dir / MANIFEST_NAME
    manifest.write_text(json.dumps({"files": entries}, indent=2) + "\n", encoding="utf-8")
    declaration.write_text(skeleton(slug, [raw_dir / p.name for p in files]), encoding="utf-8")
    return raw_dir, manifest, declaration


def header_of(path: Path) -> list[str]:
    """The first row of a CSV (gzip or not), or [] for another format."""
    name = path.name.lower()
    if not (name.endswith(".csv") or name.endswith(".csv.gz")):
        return []
    opener = gzip.open if name.endswith(".gz") else open
    with opener(path, "rt", encoding="utf-8-sig", newline="") as handle:
        sample = handle.read(64 * 1024)
    first = sample.splitlines()[0] if sample else ""
    delimiter = ";" if first.count(";") > first.count(",") else ","
    return next(csv.reader([first], delimiter=delimiter), [])


def skeleton(slug: str, files: list[Path]) -> str:
    lines = [
        f"# {slug}: fill every TODO, then see docs/adding-a-source.md.",
        'title = "TODO"',
        'publisher = "TODO"',
        'jurisdiction = "TODO"  # a code of data/reference/curated/jurisdictions.csv',
        'url = "TODO"  # the publisher\'s page',
        'licence = "TODO"',
        'year_basis = "TODO"  # incident, received, closed, report, period or none',
        "# Can the same row appear twice as two real records (one officer, the same",
        "# allegation twice in one case)? Then true; false rejects all copies but the first.",
        "repeats_are_records = false",
        'coverage = "TODO"',
        'not_covered = "TODO"',
        'caveats = ""',
    ]
    for path in files:
        header = header_of(path)
        fmt = "csv" if header else "TODO  # csv, json or xlsx (xlsx: also sheet, header_row)"
        lines += ["", "[[files]]", f'name = "{path.name}"', f"format = {_format(fmt)}"]
        if header:
            lines.append("columns = [" + ", ".join(json.dumps(c) for c in header) + "]")
            lines.append("never_load = []  # personal names, free text: never staged")
        lines += [
            "",
            "[[load]]",
            f'file = "{path.name}"',
            'into = "TODO"  # allegations, statistics, regions, ...',
            "",
            "[load.columns]",
            'source_id = "$source_id"',
        ]
        for column in header:
            target = re.sub(r"[^a-z0-9]+", "_", column.lower()).strip("_") or "column"
            lines.append(f"# {target} = {json.dumps(_quoted(column))}")
        lines += [
            "",
            "# [[load.reject]]",
            '# column = "..."',
            '# reason = "... (a sentence a person can act on)"',
            '# when = "SQL condition over the staged row"',
        ]
    return "\n".join(lines) + "\n"


def _format(fmt: str) -> str:
    value, _, comment = fmt.partition("  #")
    return f'"{value}"' + (f"  #{comment}" if comment else "")


def _quoted(column: str) -> str:
    return column if re.fullmatch(r"[a-z_][a-z0-9_]*", column) else '"' + column + '"'
