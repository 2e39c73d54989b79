-- name: overview_case_events
-- answers: the events of one reported case (case_id prefix such as 'FR-001.'), in order, with legal status, status against the directive, confidence and source
-- params: $case_prefix
SELECT
    case_id, event_date, event_type, place, legal_status, description, directive_id,
    status_vs_directive, confidence, source_type, source_title, source_url
FROM case_events
WHERE starts_with(case_id, $case_prefix)
ORDER BY case_id
