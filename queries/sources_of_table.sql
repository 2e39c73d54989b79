-- name: sources_of_table
-- answers: the sources whose files were loaded into a warehouse table (source_files.loaded_into), for the captions of rows read from that table
-- params: $table_name
SELECT DISTINCT source_id
FROM source_files
WHERE list_contains(string_split(loaded_into, ', '), $table_name)
ORDER BY source_id
