-- name: sources_detail
-- answers: every source with provenance, coverage, caveats and row accounting, for the methodology page
-- params: none
SELECT
    source_id, title, publisher, jurisdiction, url, licence, retrieved_at, sha256,
    rows_read, rows_loaded, rows_rejected, coverage, not_covered, caveats, coverage_fr,
    not_covered_fr, caveats_fr, licence_fr
FROM sources
ORDER BY jurisdiction, source_id
