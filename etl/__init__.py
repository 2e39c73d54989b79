"""ETL: published files in data/raw/ -> data/warehouse.duckdb (python -m etl)."""
