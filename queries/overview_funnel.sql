-- name: overview_funnel
-- answers: for one jurisdiction's allegations, the funnel from all allegations to sustained ones, then the discipline recommended and imposed for sustained allegations, by level of the common scale; a penalty imposed but not served (flag imposed_not_served, no level) is its own group 'imposed_not_served', never counted as no sanction or unknown
-- params: $jurisdiction
-- Read from allegation_summary (allegations counted per finding and levels).
WITH rows AS (
    SELECT finding, allegations,
           coalesce(recommended_level,
                    CASE WHEN recommended_flag = 'imposed_not_served' THEN recommended_flag END)
               AS recommended_level,
           coalesce(final_level,
                    CASE WHEN final_flag = 'imposed_not_served' THEN final_flag END) AS final_level
    FROM allegation_summary
    WHERE jurisdiction = $jurisdiction
)
SELECT 1 AS stage_order, 'all' AS stage, 'count' AS level,
       coalesce(sum(allegations), 0)::BIGINT AS allegations
FROM rows
UNION ALL
SELECT 2, 'with_finding', 'count', coalesce(sum(allegations), 0)::BIGINT
FROM rows WHERE finding IS NOT NULL
UNION ALL
SELECT 3, 'sustained', 'count', coalesce(sum(allegations), 0)::BIGINT
FROM rows WHERE finding = 'sustained'
UNION ALL
SELECT 4, 'recommended', coalesce(recommended_level, 'unknown'), sum(allegations)::BIGINT
FROM rows WHERE finding = 'sustained' GROUP BY ALL
UNION ALL
SELECT 5, 'final', coalesce(final_level, 'unknown'), sum(allegations)::BIGINT
FROM rows WHERE finding = 'sustained' GROUP BY ALL
ORDER BY stage_order,
         list_position(['none', 'advice', 'warning', 'suspension', 'demotion', 'dismissal',
                        'imposed_not_served', 'unknown'], level)
