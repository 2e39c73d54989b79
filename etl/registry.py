"""The registry is the listing of `etl/sources/`: one declaration or module per source.

`<slug>.toml` is a declaration (see etl/declaration.py and docs/adding-a-source.md);
`<slug>.py` is a Python module for a source no declaration can describe yet. Both give
the build a `SOURCE` and a `load(ctx)`.
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
