"""Stage `refresh`: fetch each source's files from its publisher, keep only good copies.

Per source, every declared file is fetched into a staging copy of `data/raw/<slug>/`
(under `data/.refresh/`, on the same disk) and validated; only when all of them are good
does the staging folder, with its rewritten manifest, take the place of the old one (two
renames, undone or finished by the next run if a kill falls between them: etl/staging.py).
Any failure (HTTP error, timeout, truncated body, HTML instead of data, missing column, too
few rows, checksum mismatch, a damaged manifest, a link in the folder) deletes the staging
folder: the last good copy and its manifest are never touched. A failing source does not
stop the others.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import traceback
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path

import requests

from etl.download import DownloadError, Fetched, HttpSettings, fetch
from etl.manifest import FileEntry, Manifest, ManifestError, write_manifest
from etl.source import Download, Source
from etl.staging import (
    RETIRED_SUFFIX,
    STAGING_DIR,
    StagingError,
    clear_unfinished_staging,
    copy_regular_tree,
    recover_interrupted_swaps,
    swap_in,
)
from etl.validate import ValidationError, validate

UPDATED, UNCHANGED, FAILED, SKIPPED = "updated", "unchanged", "FAILED", "skipped"


@dataclass
class RefreshResult:
    slug: str
    status: str
    details: list[str] = field(default_factory=list)


def raw_dir_of(source: Source, data_dir: Path) -> Path:
    return data_dir / (source.folder or f"raw/{source.slug}")


def refresh_all(
    sources: list[Source],
    data_dir: Path,
    settings: HttpSettings | None = None,
    url_override: str = "",
    session_factory: Callable[[], requests.Session] = requests.Session,
    progress: Callable[[str], None] = lambda line: None,
) -> list[RefreshResult]:
    settings = settings or HttpSettings()
    for line in recover_interrupted_swaps(data_dir, raw_dirs_of(data_dir)):
        progress(f"recovered: {line}")
    clear_unfinished_staging(data_dir)  # half-filled by a killed refresh; never a retired copy
    staging_root = data_dir / STAGING_DIR
    staging_root.mkdir(parents=True, exist_ok=True)
    results = []
    with session_factory() as session:
        for source in sources:
            result = refresh_source(source, data_dir, session, settings, url_override)
            progress(format_result(result))
            results.append(result)
    if not any(staging_root.iterdir()):
        staging_root.rmdir()
    return results


def raw_dirs_of(data_dir: Path) -> dict[str, Path]:
    from etl.registry import source_modules  # imported here: the registry imports every source

    return {module.SOURCE.slug: raw_dir_of(module.SOURCE, data_dir) for module in source_modules()}


def refresh_source(
    source: Source,
    data_dir: Path,
    session: requests.Session,
    settings: HttpSettings,
    url_override: str = "",
) -> RefreshResult:
    downloads = source.downloads
    if url_override:
        if len(downloads) != 1:
            return RefreshResult(source.slug, FAILED, ["--url needs a source with one file"])
        downloads = (replace(downloads[0], url=url_override),)
    if not downloads:
        why = "curated by this project" if source.folder else "no download declared"
        return RefreshResult(source.slug, SKIPPED, [why])
    unknown = [d.file for d in downloads if not d.url]
    if unknown:
        return RefreshResult(
            source.slug,
            SKIPPED,
            [f"no download address declared for {', '.join(unknown)}: give one with --url"],
        )
    raw_dir = raw_dir_of(source, data_dir)
    staging = data_dir / STAGING_DIR / source.slug
    try:
        return _refresh_into(source, downloads, raw_dir, staging, session, settings)
    except (DownloadError, ValidationError, ManifestError, StagingError, OSError) as error:
        return RefreshResult(source.slug, FAILED, [f"{error}; {_what_was_kept(raw_dir)}"])
    except Exception as error:  # noqa: BLE001 - one source's bug must not stop the others
        where = traceback.extract_tb(error.__traceback__)[-1]
        return RefreshResult(
            source.slug,
            FAILED,
            [
                f"unexpected {type(error).__name__} at {Path(where.filename).name}:"
                f"{where.lineno}: {str(error)[:300]}; {_what_was_kept(raw_dir)}"
            ],
        )
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def _what_was_kept(raw_dir: Path) -> str:
    """Say 'kept' only when there is a copy: a source never refreshed has none."""
    if (raw_dir / "manifest.json").exists():
        return "last good copy kept"
    return f"no copy in {raw_dir} before either (nothing was changed)"


def _refresh_into(source, downloads, raw_dir: Path, staging: Path, session, settings):
    old_entries = Manifest.read(raw_dir).entries if raw_dir.exists() else {}
    if raw_dir.exists():
        copy_regular_tree(raw_dir, staging)
    else:
        staging.mkdir(parents=True)
    incoming = staging / ".incoming"
    incoming.mkdir()
    entries = dict(old_entries)
    details, changed = [], False
    for download in downloads:
        old = old_entries.get(download.file)
        detail, entry = _refresh_file(source, download, old, staging, incoming, session, settings)
        details.append(detail)
        if entry != old:
            entries[download.file] = entry
            changed = changed or old is None or entry.sha256 != old.sha256
    shutil.rmtree(incoming)
    if entries == old_entries:
        return RefreshResult(source.slug, UNCHANGED, details)
    write_manifest(staging, list(entries.values()))
    staged = Manifest.read(staging)
    for name in entries:
        staged.verified_path(name)  # the folder that goes in is whole and consistent
    swap_in(staging, raw_dir, staging.with_name(staging.name + RETIRED_SUFFIX))
    return RefreshResult(source.slug, UPDATED if changed else UNCHANGED, details)


def _refresh_file(
    source, download: Download, old: FileEntry | None, staging, incoming, session, settings
):
    """Fetch and validate one file; return (what happened, its manifest entry)."""
    target = incoming / download.file
    current = staging / download.file
    have_copy = old is not None and current.exists()
    where = f"{download.file} from {download.url}"
    if download.sha256 and have_copy and old.sha256 == download.sha256:
        return f"{download.file}: pinned copy present (sha256 matches), not fetched", old
    try:
        fetched = fetch(
            session,
            download.url,
            target,
            settings,
            etag=old.etag if have_copy else "",
            last_modified=old.last_modified if have_copy else "",
        )
    except DownloadError as error:
        raise DownloadError(f"{where}: {error}") from None
    if fetched.not_modified:
        if not have_copy:
            raise DownloadError(f"{where}: 304 Not Modified but there is no copy to keep")
        return f"{download.file}: not modified (304)", _with_validators(old, fetched)
    try:
        rows = validate(target, download, fetched.content_type, fetched.sha256, source.limits)
    except ValidationError as error:
        raise ValidationError(f"{where}: {error}") from None
    if have_copy and fetched.sha256 == old.sha256:
        return f"{download.file}: same bytes as the last copy", _with_validators(old, fetched)
    os.replace(target, current)
    entry = FileEntry(
        name=download.file,
        url=old.url if old else source.url,
        origin=f"{download.url} (downloaded {_now()})",
        retrieved_at=dt.datetime.now(dt.UTC).date().isoformat(),
        sha256=fetched.sha256,
        bytes=fetched.bytes,
        licence=old.licence if old else source.licence,
        etag=fetched.etag,
        last_modified=fetched.last_modified,
    )
    before = f"{old.bytes:,} bytes" if old else "no copy"
    return f"{download.file}: {before} -> {fetched.bytes:,} bytes, {rows:,} records", entry


def _with_validators(entry: FileEntry, fetched: Fetched) -> FileEntry:
    """The same file; remember the server's newest validators for the next request."""
    return replace(
        entry,
        etag=fetched.etag or entry.etag,
        last_modified=fetched.last_modified or entry.last_modified,
    )


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


def format_result(result: RefreshResult) -> str:
    first, *rest = result.details or [""]
    lines = [f"{result.slug:<36}{result.status:<11}{first}"]
    lines += [f"{'':<47}{detail}" for detail in rest]
    return "\n".join(lines)


def format_summary(results: list[RefreshResult]) -> str:
    header = f"{'source':<36}{'status':<11}what happened"
    lines = [header, "-" * 78, *(format_result(r) for r in results), "-" * 78]
    counts = {s: sum(r.status == s for r in results) for s in (UPDATED, UNCHANGED, FAILED, SKIPPED)}
    lines.append(", ".join(f"{n} {status.lower()}" for status, n in counts.items()))
    return "\n".join(lines)
