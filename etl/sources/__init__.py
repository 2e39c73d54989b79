"""One source per file: `<slug>.toml` (a declaration) or `<slug>.py` (a Python module).

`from etl.sources import <slug>` gives either: a declaration is compiled once, on first
use, into an object with the same `SOURCE` and `load(ctx)` as a module.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

_HERE = Path(__file__).parent


@cache
def declared(slug: str):
    from etl.declaration import DeclaredSource

    return DeclaredSource(_HERE / f"{slug}.toml")


def __getattr__(name: str):
    if not name.startswith("_") and (_HERE / f"{name}.toml").is_file():
        return declared(name)
    raise AttributeError(f"module 'etl.sources' has no attribute {name!r}")
