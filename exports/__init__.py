"""Downloads: the rows behind a view as CSV, with provenance (shared by every page)."""
