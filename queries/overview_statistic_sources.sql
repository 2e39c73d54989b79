-- name: overview_statistic_sources
-- answers: which sources of a jurisdiction publish each of the given statistics, with the first and last year published
-- params: $jurisdiction, $measures
SELECT st.measure, st.source_id, min(st.year) AS first_year, max(st.year) AS last_year
FROM statistics AS st
JOIN sources AS src ON src.source_id = st.source_id
WHERE src.jurisdiction = $jurisdiction
  AND list_contains($measures, st.measure)
GROUP BY ALL
ORDER BY st.measure, st.source_id
