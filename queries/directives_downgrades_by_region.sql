-- name: directives_downgrades_by_region
-- answers: recommended vs final penalty by region and year of the disciplinary decision (year of closed_date; rows with no closed_date are left out): among sustained allegations of the jurisdiction's sources where both levels are known, how many final levels fell below the recommendation on the common scale (NYC penalties have no precinct, so NYC is one city row; Chicago is by district)
-- params: $jurisdiction, $year_from, $year_to
-- Read from allegation_summary (allegations counted per region, closing year and levels).
WITH ranked AS (
    SELECT
        a.region_id,
        a.closed_year AS year,
        a.allegations,
        list_position(['none', 'advice', 'warning', 'suspension', 'demotion', 'dismissal'],
                      a.recommended_level) AS recommended_rank,
        list_position(['none', 'advice', 'warning', 'suspension', 'demotion', 'dismissal'],
                      a.final_level) AS final_rank
    FROM allegation_summary AS a
    WHERE a.jurisdiction = $jurisdiction
      AND a.finding = 'sustained'
      AND a.recommended_level IS NOT NULL
      AND a.final_level IS NOT NULL
      AND a.closed_year BETWEEN $year_from AND $year_to
)
SELECT
    r.region_id,
    g.name AS region_name,
    r.year,
    sum(r.allegations)::BIGINT AS both_levels,
    coalesce(sum(r.allegations) FILTER (WHERE r.final_rank < r.recommended_rank), 0)::BIGINT
        AS downgraded,
    round(100.0 * coalesce(sum(r.allegations) FILTER (WHERE r.final_rank < r.recommended_rank), 0)
          / sum(r.allegations), 1) AS downgraded_pct
FROM ranked AS r
LEFT JOIN regions AS g ON g.region_id = r.region_id
GROUP BY r.region_id, g.name, g.level, g.code, r.year
ORDER BY g.level, TRY_CAST(g.code AS INTEGER) NULLS FIRST, r.region_id, r.year
