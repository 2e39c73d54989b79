-- name: overview_penalty_vs_recommendation
-- answers: per allegation source, among sustained rows where both the recommended and the final level are known, how many final penalties were below, equal to or above the recommendation on the common scale
-- params: none
WITH ranked AS (
    SELECT
        source_id,
        list_position(['none', 'advice', 'warning', 'suspension', 'demotion', 'dismissal'],
                      recommended_level) AS recommended_rank,
        list_position(['none', 'advice', 'warning', 'suspension', 'demotion', 'dismissal'],
                      final_level) AS final_rank
    FROM allegations
    WHERE finding = 'sustained'
      AND recommended_level IS NOT NULL
      AND final_level IS NOT NULL
)
SELECT
    source_id,
    count(*) AS both_known,
    count(*) FILTER (WHERE final_rank < recommended_rank) AS below,
    count(*) FILTER (WHERE final_rank = recommended_rank) AS same,
    count(*) FILTER (WHERE final_rank > recommended_rank) AS above
FROM ranked
GROUP BY source_id
ORDER BY source_id
