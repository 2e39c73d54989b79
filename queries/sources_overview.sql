-- name: sources_overview
-- answers: every loaded source with its publisher, licence, retrieval date and row accounting
-- params: none
SELECT
    source_id,
    title,
    publisher,
    jurisdiction,
    licence,
    retrieved_at,
    rows_read,
    rows_loaded,
    rows_rejected,
    url,
    sha256
FROM sources
ORDER BY jurisdiction, source_id
