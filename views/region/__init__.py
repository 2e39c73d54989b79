"""The region page (`?page=region&region=<region_id>`): see views/region/page.py. Its words are
in the message catalogs (locales/, msgctxt "region")."""

from views.region.page import render

__all__ = ["render"]
