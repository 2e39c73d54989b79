-- name: sources_by_id
-- answers: publisher, title, licence and retrieval date of the given sources, for chart footers
-- params: $source_ids
SELECT source_id, title, publisher, licence, retrieved_at, url, licence_fr
FROM sources
WHERE list_contains($source_ids, source_id)
ORDER BY source_id
