-- name: build_info
-- answers: when and with which DuckDB version the warehouse was built
-- params: none
SELECT key, value FROM build_info ORDER BY key
