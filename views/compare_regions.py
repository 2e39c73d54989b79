"""The Compare page (`?page=compare`): see views/compare/page.py."""

from views.compare.page import render
from views.compare.text import TEXT  # the page's words (dashboard.page_translator)

__all__ = ["TEXT", "render"]
