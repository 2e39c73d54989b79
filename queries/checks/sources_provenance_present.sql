-- name: sources_provenance_present
-- answers: sources or files without a URL, licence, retrieval date or sha256
-- params: none
SELECT source_id, 'sources' AS in_table
FROM sources
WHERE coalesce(url, '') = '' OR coalesce(licence, '') = '' OR coalesce(retrieved_at, '') = ''
   OR NOT regexp_full_match(sha256, '[0-9a-f]{64}')
UNION ALL
SELECT source_id || '/' || file_name, 'source_files'
FROM source_files
WHERE coalesce(url, '') = '' OR coalesce(licence, '') = ''
   OR NOT regexp_full_match(sha256, '[0-9a-f]{64}')
