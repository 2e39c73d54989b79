-- name: case_events_no_press_violation
-- answers: observations of the cases register derived as a violation on press evidence alone, or low confidence
-- params: none
SELECT c.scope_id, c.status, e.source_type, e.confidence
FROM compliance AS c
JOIN case_events AS e ON e.case_id = c.scope_id
WHERE c.source_id = e.source_id
  AND c.status = 'violation'
  AND (e.source_type NOT IN ('official', 'court') OR e.confidence = 'low')
