-- name: directives_biggest_gaps
-- answers: the most frequent downgrades in one jurisdiction: sustained allegations whose final penalty fell below the recommended one on the common scale, counted by recommended and final label as published (e.g. '1 DAY SUSPENSION' -> 'REPRIMAND'), with how many levels down
-- params: $jurisdiction
WITH ranked AS (
    SELECT
        a.recommended_outcome,
        a.final_outcome,
        a.recommended_level,
        a.final_level,
        list_position(['none', 'advice', 'warning', 'suspension', 'demotion', 'dismissal'],
                      a.recommended_level) AS recommended_rank,
        list_position(['none', 'advice', 'warning', 'suspension', 'demotion', 'dismissal'],
                      a.final_level) AS final_rank
    FROM allegations AS a
    JOIN sources AS s ON s.source_id = a.source_id
    WHERE s.jurisdiction = $jurisdiction
      AND a.finding = 'sustained'
      AND a.recommended_level IS NOT NULL
      AND a.final_level IS NOT NULL
)
SELECT
    recommended_outcome,
    final_outcome,
    recommended_level,
    final_level,
    recommended_rank - final_rank AS levels_down,
    count(*) AS downgrades
FROM ranked
WHERE final_rank < recommended_rank
GROUP BY ALL
ORDER BY downgrades DESC, levels_down DESC, recommended_outcome, final_outcome
