"""The registry is the listing of `etl/sources/`: one module per source, named by slug."""

from __future__ import annotations

import importlib
import pkgutil
from types import ModuleType

import etl.sources


def source_modules() -> list[ModuleType]:
    modules = []
    for info in pkgutil.iter_modules(etl.sources.__path__):
        if info.name.startswith("_"):
            continue
        module = importlib.import_module(f"etl.sources.{info.name}")
        if module.SOURCE.slug != info.name:
            raise RuntimeError(f"etl/sources/{info.name}.py declares slug {module.SOURCE.slug!r}")
        modules.append(module)
    return sorted(modules, key=lambda m: (m.SOURCE.order, m.SOURCE.slug))
