"""Everything a dashboard page shows, as AppTest sees it, for tests that scan it.

The strings of every element (markdown, titles, captions, labels, options, notices, chart
specifications) and every table in full, as CSV.
"""

from __future__ import annotations

from google.protobuf import text_format
from streamlit.testing.v1 import AppTest

from tests.conftest import APP_TIMEOUT, PROJECT_DIR

APP = str(PROJECT_DIR / "dashboard.py")
# Every page, with its default view (the Explore page once per table).
PAGE_LINKS = [
    {"page": "overview"},
    {"page": "compare"},
    {"page": "directives"},
    {"page": "explore", "table": "allegations"},
    {"page": "explore", "table": "statistics"},
    {"page": "explore", "table": "compliance"},
    {"page": "sources"},
]


def _leaves(node):
    children = getattr(node, "children", None)
    if children is None or type(node).__name__ == "ElementList":
        yield node
        return
    for child in children.values():
        yield from _leaves(child)


def shown_text(app: AppTest) -> str:
    parts = []
    for node in _leaves(app._tree):
        if type(node).__name__ == "Dataframe":
            parts.append(node.value.to_csv(index=False))
        proto = getattr(node, "proto", None)
        if proto is not None:
            parts.append(text_format.MessageToString(proto, as_utf8=True))
    return "\n".join(parts)


def open_page(link: dict) -> AppTest:
    app = AppTest.from_file(APP, default_timeout=APP_TIMEOUT)
    for name, value in link.items():
        app.query_params[name] = value
    app.run()
    return app
