-- name: overview_case_events
-- answers: the events of one reported case (case_id prefix such as 'FR-001.'), in order, with the standing judgment, its court and finality, the status the directive's rule derived from them, confidence and source
-- params: $case_prefix
SELECT
    e.case_id, e.source_id, e.event_date, e.event_type, e.place, e.legal_status, e.judgment, e.court,
    e.finality, e.public_contact, e.description, e.place_fr, e.description_fr, e.directive_id,
    c.status AS derived_status, c.method AS derived_method, e.confidence, e.source_type,
    e.source_title, e.source_url
FROM case_events AS e
LEFT JOIN compliance AS c
  ON c.scope_id = e.case_id AND c.source_id = e.source_id AND c.directive_id = e.directive_id
WHERE starts_with(e.case_id, $case_prefix)
ORDER BY e.case_id
