"""The registry is the listing of `etl/sources/`: one declaration or module per source.

`<slug>.toml` is a declaration (see etl/declaration.py and docs/adding-a-source.md);
`<slug>.py` is a Python module for a source no declaration can describe yet. Both give
the build a `SOURCE` and a `load(ctx)`. A data folder may hold declarations of its own,
`<data dir>/sources/<slug>.toml` (a deployment's or a contributor's sources, kept beside their
raw files rather than in the code tree): the build loads them with the bundled ones.
"""

from __future__ import annotations

import importlib
import pkgutil
from pathlib import Path

import etl.sources
from etl.declaration import DeclaredSource

SOURCES_DIR = Path(etl.sources.__file__).parent


def declared_sources() -> list[DeclaredSource]:
    return [etl.sources.declared(path.stem) for path in sorted(SOURCES_DIR.glob("*.toml"))]


def source_modules() -> list:
    modules = []
    for info in pkgutil.iter_modules(etl.sources.__path__):
        if info.name.startswith("_"):
            continue
        module = importlib.import_module(f"etl.sources.{info.name}")
        if module.SOURCE.slug != info.name:
            raise RuntimeError(f"etl/sources/{info.name}.py declares slug {module.SOURCE.slug!r}")
        modules.append(module)
    slugs = {module.SOURCE.slug for module in modules}
    for declared in declared_sources():
        if declared.SOURCE.slug in slugs:
            raise RuntimeError(f"{declared.SOURCE.slug}: both a .py module and a .toml declaration")
        modules.append(declared)
    return sorted(modules, key=lambda m: (m.SOURCE.order, m.SOURCE.slug))


def data_dir_sources(data_dir: Path) -> list[DeclaredSource]:
    """The declarations of `<data dir>/sources/`, in slug order (none if no such folder)."""
    folder = data_dir / "sources"
    if not folder.is_dir():
        return []
    return [DeclaredSource(path) for path in sorted(folder.glob("*.toml"))]


def with_data_dir_sources(modules: list, data_dir: Path) -> list:
    """`modules` and the data folder's own declarations, in build order; a slug declared
    twice (in the code tree and in the data folder) is refused by name."""
    slugs = {module.SOURCE.slug for module in modules}
    extra = data_dir_sources(data_dir)
    for declared in extra:
        if declared.SOURCE.slug in slugs:
            raise RuntimeError(
                f"{declared.path}: source {declared.SOURCE.slug} is also in etl/sources/"
            )
    return sorted([*modules, *extra], key=lambda m: (m.SOURCE.order, m.SOURCE.slug))
