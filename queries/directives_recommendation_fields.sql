-- name: directives_recommendation_fields
-- answers: for one jurisdiction and range of decision years, which publisher column the recommendations of the recommended-vs-final figures come from (allegations.recommended_outcome_field), counted over the same rows as directives_downgrades_by_region (sustained, both levels known, closing year in the range)
-- params: $jurisdiction, $year_from, $year_to
-- Read from allegation_summary.
SELECT
    recommended_outcome_field,
    sum(allegations)::BIGINT AS both_levels
FROM allegation_summary
WHERE jurisdiction = $jurisdiction
  AND finding = 'sustained'
  AND recommended_level IS NOT NULL
  AND final_level IS NOT NULL
  AND closed_year BETWEEN $year_from AND $year_to
GROUP BY ALL
ORDER BY both_levels DESC, recommended_outcome_field
