"""The Compare page: one measure across the regions of one jurisdiction (page.py), what can
be compared (registry.py, from the warehouse and queries/measures/comparisons.toml)."""
