-- name: compare_chicago_allegations
-- answers: Chicago allegations per police district over incident years: counts, findings, final outcomes and recommended-versus-final downgrades
-- params: $year_from, $year_to, $category
WITH chosen AS (
    SELECT
        region_id,
        finding,
        -- Position on the common outcome scale: 1 = none ... 6 = dismissal; NULL unknown.
        list_position(
            ['none', 'advice', 'warning', 'suspension', 'demotion', 'dismissal'], final_level
        ) AS final_rank,
        list_position(
            ['none', 'advice', 'warning', 'suspension', 'demotion', 'dismissal'], recommended_level
        ) AS recommended_rank
    FROM allegations
    WHERE source_id = 'us_chicago_cpdp_complaints'
      AND year(incident_date) BETWEEN $year_from AND $year_to
      AND ($category IS NULL OR category = $category)
)
SELECT
    region_id,  -- 'US-IL-CHI' holds the allegations placed in no district
    count(*) AS allegations,
    count(*) FILTER (WHERE finding IS NOT NULL AND finding <> 'pending') AS with_finding,
    count(*) FILTER (WHERE finding = 'sustained') AS sustained,
    count(final_rank) AS with_final_level,
    count(*) FILTER (WHERE final_rank >= 3) AS final_warning_or_heavier,
    count(*) FILTER (WHERE final_rank >= 4) AS final_suspension_or_heavier,
    count(*) FILTER (WHERE final_rank = 6) AS final_dismissal,
    -- Downgrades: among allegations where a sanction (advice or heavier) was recommended and
    -- both levels are known, those whose final level is lighter than the recommended one.
    count(*) FILTER (WHERE recommended_rank >= 2 AND final_rank IS NOT NULL) AS sanction_recommended,
    count(*) FILTER (
        WHERE recommended_rank >= 2 AND final_rank IS NOT NULL AND final_rank < recommended_rank
    ) AS downgraded
FROM chosen
GROUP BY region_id
ORDER BY region_id
