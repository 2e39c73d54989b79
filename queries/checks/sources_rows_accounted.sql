-- name: sources_rows_accounted
-- answers: sources whose rows read differ from rows loaded + rows rejected
-- params: none
SELECT source_id, rows_read, rows_loaded, rows_rejected
FROM sources
WHERE rows_read <> rows_loaded + rows_rejected
UNION ALL
SELECT source_id || '/' || file_name, rows_read, rows_loaded, rows_rejected
FROM source_files
WHERE rows_read <> rows_loaded + rows_rejected
