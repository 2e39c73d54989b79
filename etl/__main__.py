"""Command line: `python -m etl` builds the warehouse from `data/raw/`.

python -m etl                   build data/warehouse.duckdb (offline)
python -m etl --data-dir DIR    build DIR/warehouse.duckdb from DIR/raw and DIR/reference
python -m etl --refresh         download every source's files from its publisher (only
                                what changed, validated; a bad download keeps the last good
                                copy), then build; exit 1 if any source failed
python -m etl --refresh --source SLUG [SLUG ...] [--url URL] [--no-build]
                                refresh some sources (--url: the file address, for a source
                                with one file whose address is not declared)
python -m etl --new-pseudonym-key
                                build with a pseudonym key other than the previous
                                warehouse's (every officer_key changes; the release history
                                starts afresh); without it such a build is refused
python -m etl verify            check every raw file against its manifest
python -m etl new-source SLUG FILE [FILE ...]
                                start a source: copy the files into data/raw/SLUG/ with a
                                manifest, and write etl/sources/SLUG.toml from their headers
                                (docs/adding-a-source.md)
python -m etl export --parquet DIR
                                write every table of the warehouse to DIR/<table>.parquet,
                                with DIR/manifest.json (the warehouse is opened read-only)
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from etl.build import (
    PROJECT_DATA_DIR,
    WAREHOUSE_NAME,
    BuildError,
    build,
    build_lock,
    format_summary,
)
from etl.export import ExportError, export_parquet, format_manifest
from etl.manifest import Manifest, ManifestError
from etl.registry import source_modules, with_data_dir_sources


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["new-source"]:
        return start_source(argv[1:])
    parser = argparse.ArgumentParser(
        prog="python -m etl",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "command", nargs="?", default="build", choices=["build", "verify", "export"]
    )
    parser.add_argument("--data-dir", type=Path, default=PROJECT_DATA_DIR)
    parser.add_argument("--quiet", action="store_true", help="no progress bars")
    parser.add_argument(
        "--parquet", type=Path, metavar="DIR", help="export: folder for the Parquet files"
    )
    parser.add_argument(
        "--refresh", action="store_true", help="download from the publishers, then build"
    )
    parser.add_argument(
        "--source", nargs="+", metavar="SLUG", default=[], help="refresh: only these sources"
    )
    parser.add_argument("--url", default="", help="refresh: the file address for one source")
    parser.add_argument("--no-build", action="store_true", help="refresh: do not build after")
    parser.add_argument(
        "--new-pseudonym-key",
        action="store_true",
        help="build with a key other than the previous warehouse's (re-keys every officer)",
    )
    args = parser.parse_args(argv)

    if args.parquet is not None and args.command != "export":
        parser.error("--parquet goes with the export command: python -m etl export --parquet DIR")
    if args.refresh and args.command != "build":
        parser.error("--refresh goes with the build command (the default)")
    if (args.source or args.url or args.no_build) and not args.refresh:
        parser.error("--source, --url and --no-build go with --refresh")
    if args.url and len(args.source) != 1:
        parser.error("--url goes with exactly one --source SLUG")
    if args.new_pseudonym_key and (args.command != "build" or args.no_build):
        parser.error("--new-pseudonym-key goes with a build")
    if args.refresh:
        return refresh(parser, args)
    if args.command == "verify":
        return verify(args.data_dir)
    if args.command == "export":
        if args.parquet is None:
            parser.error("export needs --parquet DIR")
        return export(args.data_dir, args.parquet)

    return run_build(args.data_dir, args.quiet, args.new_pseudonym_key)


def start_source(argv: list[str]) -> int:
    from etl.new_source import NewSourceError, new_source

    parser = argparse.ArgumentParser(prog="python -m etl new-source")
    parser.add_argument("slug", help="<jurisdiction>_<publisher>_<dataset>, lower case")
    parser.add_argument("files", nargs="+", type=Path)
    parser.add_argument("--data-dir", type=Path, default=PROJECT_DATA_DIR)
    args = parser.parse_args(argv)
    try:
        raw_dir, manifest, declaration = new_source(args.slug, args.files, args.data_dir)
    except NewSourceError as error:
        print(f"new-source: {error}", file=sys.stderr)
        return 1
    print(f"copied {len(args.files)} file(s) into {raw_dir}")
    print(f"wrote {manifest}: fill url, origin and licence")
    print(f"wrote {declaration}: fill every TODO (docs/adding-a-source.md)")
    return 0


def run_build(data_dir: Path, quiet: bool, new_key: bool = False) -> int:
    started = time.perf_counter()
    try:
        summaries = build(data_dir, show_progress=not quiet, new_key=new_key)
    except BuildError as error:
        print(f"BUILD FAILED, previous warehouse kept: {error}", file=sys.stderr)
        return 1
    print(format_summary(summaries))
    print(f"built {data_dir / 'warehouse.duckdb'} in {time.perf_counter() - started:.1f} s")
    return 0


def refreshable_sources(data_dir: Path) -> list:
    return [module.SOURCE for module in with_data_dir_sources(source_modules(), data_dir)]


def refresh(parser: argparse.ArgumentParser, args) -> int:
    # Imported here: `requests` is needed only by a refresh, never by an offline build.
    from etl.refresh import FAILED, refresh_all
    from etl.refresh import format_summary as format_refresh

    sources = refreshable_sources(args.data_dir)
    known = [s.slug for s in sources]
    unknown = [slug for slug in args.source if slug not in known]
    if unknown:
        parser.error(f"unknown source(s) {unknown}; known: {', '.join(known)}")
    chosen = [s for s in sources if not args.source or s.slug in args.source]
    show = (lambda line: None) if args.quiet else (lambda line: print(line, file=sys.stderr))
    try:
        with build_lock(args.data_dir):  # a build must not read a folder being swapped
            results = refresh_all(chosen, args.data_dir, url_override=args.url, progress=show)
    except BuildError as error:
        print(f"REFRESH FAILED: {error}", file=sys.stderr)
        return 1
    print(format_refresh(results))
    failed = [r for r in results if r.status == FAILED]
    for result in failed:
        print(f"REFRESH FAILED: {result.slug}: {'; '.join(result.details)}", file=sys.stderr)
    built = 0 if args.no_build else run_build(args.data_dir, args.quiet, args.new_pseudonym_key)
    return 1 if failed or built else 0


def export(data_dir: Path, target: Path) -> int:
    try:
        manifest = export_parquet(data_dir / "warehouse.duckdb", target)
    except ExportError as error:
        print(f"EXPORT FAILED: {error}", file=sys.stderr)
        return 1
    print(format_manifest(manifest, target))
    return 0


def verify(data_dir: Path) -> int:
    """Every declared source's folder, and any other folder in data/raw, against its manifest."""
    from etl.build import raw_dir_of

    problems = 0
    folders = {}
    for module in with_data_dir_sources(source_modules(), data_dir):
        folders.setdefault(raw_dir_of(module.SOURCE, data_dir), module.SOURCE)
    raw_root = data_dir / "raw"
    others = sorted(raw_root.iterdir()) if raw_root.is_dir() else []
    for folder in others:
        if folder not in folders and (folder.is_dir() or folder.is_symlink()):
            folders[folder] = None
    for folder, source in folders.items():
        name = source.slug if source else folder.name
        try:
            line = verify_folder(folder, source, data_dir)
            print(f"ok  {name}{line}")
        except ManifestError as error:
            problems += 1
            print(f"BAD {name}: {error}", file=sys.stderr)
    return 1 if problems else 0


def verify_folder(folder: Path, source, data_dir: Path) -> str:
    """' (N files)' for a good folder; raise ManifestError naming what is wrong."""
    from etl.build import BuildError, missing_source_problem
    from etl.manifest import regular_file_problem
    from etl.staging import retired_copy

    if not folder.exists() and not folder.is_symlink():
        retired = retired_copy(data_dir, source.slug) if source else None
        if source and not source.bundled:
            try:
                problem = missing_source_problem(source, data_dir, data_dir / WAREHOUSE_NAME)
            except BuildError as error:
                problem = str(error)
            if problem:
                raise ManifestError(problem)
            return ": no snapshot bundled, none fetched yet (refresh to load)"
        hint = f"; its last good copy is {retired}" if retired and retired.exists() else ""
        raise ManifestError(f"{folder} is missing{hint}")
    manifest = Manifest.read(folder)
    for path in sorted(folder.iterdir()):
        problem = regular_file_problem(path)  # even a link the manifest does not list
        if problem:
            raise ManifestError(problem)
    for name in manifest.entries:
        manifest.verified_path(name)
    return f" ({len(manifest.entries)} files)"


if __name__ == "__main__":
    sys.exit(main())
