-- name: overview_statistics
-- answers: the published statistics of one jurisdiction's sources for the given measures (every subject and year), with confidence, source and the source's id
-- params: $jurisdiction, $measures
SELECT st.source_id, st.measure, st.subject, st.year, st.value, st.unit, st.period_note,
       st.confidence, st.source_url
FROM statistics AS st
JOIN sources AS src ON src.source_id = st.source_id
WHERE src.jurisdiction = $jurisdiction
  AND list_contains($measures, st.measure)
ORDER BY st.measure, st.subject, st.year
