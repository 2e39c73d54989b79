-- name: sources_overview
-- answers: every loaded source with its publisher, licence, retrieval date and row accounting
-- params: none
SELECT
    source_id,
    jurisdiction,
    rows_read,
    rows_loaded,
    rows_rejected,
    retrieved_at,
    title,
    publisher,
    licence,
    url,
    sha256
FROM sources
ORDER BY jurisdiction, source_id
