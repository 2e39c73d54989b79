"""Command line: `python -m etl` builds the warehouse from `data/raw/`.

python -m etl                   build data/warehouse.duckdb (offline)
python -m etl --data-dir DIR    build DIR/warehouse.duckdb from DIR/raw and DIR/reference
python -m etl verify            check every raw file against its manifest
python -m etl export --parquet DIR
                                write every table of the warehouse to DIR/<table>.parquet,
                                with DIR/manifest.json (the warehouse is opened read-only)
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from etl.build import PROJECT_DATA_DIR, BuildError, build, format_summary
from etl.export import ExportError, export_parquet, format_manifest
from etl.manifest import Manifest, ManifestError


def main(argv: list[str] | None = None) -> int:
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
    args = parser.parse_args(argv)

    if args.parquet is not None and args.command != "export":
        parser.error("--parquet goes with the export command: python -m etl export --parquet DIR")
    if args.command == "verify":
        return verify(args.data_dir)
    if args.command == "export":
        if args.parquet is None:
            parser.error("export needs --parquet DIR")
        return export(args.data_dir, args.parquet)

    started = time.perf_counter()
    try:
        summaries = build(args.data_dir, show_progress=not args.quiet)
    except BuildError as error:
        print(f"BUILD FAILED, previous warehouse kept: {error}", file=sys.stderr)
        return 1
    print(format_summary(summaries))
    print(f"built {args.data_dir / 'warehouse.duckdb'} in {time.perf_counter() - started:.1f} s")
    return 0


def export(data_dir: Path, target: Path) -> int:
    try:
        manifest = export_parquet(data_dir / "warehouse.duckdb", target)
    except ExportError as error:
        print(f"EXPORT FAILED: {error}", file=sys.stderr)
        return 1
    print(format_manifest(manifest, target))
    return 0


def verify(data_dir: Path) -> int:
    problems = 0
    for folder in sorted((data_dir / "raw").iterdir()):
        if not folder.is_dir():
            continue
        try:
            manifest = Manifest.read(folder)
            for name in manifest.entries:
                manifest.verified_path(name)
            print(f"ok  {folder.name} ({len(manifest.entries)} files)")
        except ManifestError as error:
            problems += 1
            print(f"BAD {folder.name}: {error}", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
