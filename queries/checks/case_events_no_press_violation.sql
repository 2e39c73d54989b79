-- name: case_events_no_press_violation
-- answers: reported cases marked as a violation on press evidence alone, or low confidence
-- params: none
SELECT case_id, status_vs_directive, source_type, confidence
FROM case_events
WHERE status_vs_directive = 'violation' AND (source_type = 'press' OR confidence = 'low')
