-- name: overview_recommendation_fields
-- answers: per jurisdiction, which publisher column each recommendation comes from (allegations.recommended_outcome_field), counted over the sustained rows where both the recommended and the final level are known (the rows of the recommended-vs-imposed figures)
-- params: none
-- Read from allegation_summary.
SELECT
    jurisdiction,
    recommended_outcome_field,
    sum(allegations)::BIGINT AS both_known
FROM allegation_summary
WHERE finding = 'sustained'
  AND recommended_level IS NOT NULL
  AND final_level IS NOT NULL
GROUP BY ALL
ORDER BY jurisdiction, both_known DESC, recommended_outcome_field
