-- name: source_files_of_source
-- answers: the files one source read, with origin, sha256 and row accounting
-- params: $source_id
SELECT file_name, rows_read, rows_loaded, rows_rejected, loaded_into, retrieved_at, bytes,
       sha256, url, origin, licence
FROM source_files
WHERE source_id = $source_id
ORDER BY file_name
