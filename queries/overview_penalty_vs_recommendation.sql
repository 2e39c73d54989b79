-- name: overview_penalty_vs_recommendation
-- answers: per jurisdiction, among sustained allegations where both the recommended and the final level are known, how many final penalties were below, equal to or above the recommendation on the common scale, and the sources counted
-- params: none
-- Read from allegation_summary (allegations counted per finding and levels).
WITH ranked AS (
    SELECT
        jurisdiction,
        source_id,
        allegations,
        list_position(['none', 'advice', 'warning', 'suspension', 'demotion', 'dismissal'],
                      recommended_level) AS recommended_rank,
        list_position(['none', 'advice', 'warning', 'suspension', 'demotion', 'dismissal'],
                      final_level) AS final_rank
    FROM allegation_summary
    WHERE finding = 'sustained'
      AND recommended_level IS NOT NULL
      AND final_level IS NOT NULL
)
SELECT
    jurisdiction,
    list(DISTINCT source_id ORDER BY source_id) AS source_ids,
    sum(allegations)::BIGINT AS both_known,
    coalesce(sum(allegations) FILTER (WHERE final_rank < recommended_rank), 0)::BIGINT AS below,
    coalesce(sum(allegations) FILTER (WHERE final_rank = recommended_rank), 0)::BIGINT AS same,
    coalesce(sum(allegations) FILTER (WHERE final_rank > recommended_rank), 0)::BIGINT AS above
FROM ranked
GROUP BY jurisdiction
ORDER BY jurisdiction
