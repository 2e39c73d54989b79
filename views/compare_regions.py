"""The Compare page (`?page=compare`): see views/compare/page.py. Its words are in the
message catalogs (locales/, msgctxt "compare")."""

from views.compare.page import render

__all__ = ["render"]
