-- name: compare_chicago_allegations
-- answers: Chicago allegations per police district over incident years: counts, findings, final outcomes and recommended-versus-final downgrades
-- params: $year_from, $year_to, $category
-- Read from allegation_summary (allegations counted per combination of these columns).
WITH chosen AS (
    SELECT
        region_id,
        finding,
        allegations,
        -- Position on the common outcome scale: 1 = none ... 6 = dismissal; NULL unknown.
        list_position(
            ['none', 'advice', 'warning', 'suspension', 'demotion', 'dismissal'], final_level
        ) AS final_rank,
        list_position(
            ['none', 'advice', 'warning', 'suspension', 'demotion', 'dismissal'], recommended_level
        ) AS recommended_rank
    FROM allegation_summary
    WHERE source_id = 'us_chicago_cpdp_complaints'
      AND incident_year BETWEEN $year_from AND $year_to
      AND ($category IS NULL OR category = $category)
)
SELECT
    region_id,  -- 'US-IL-CHI' holds the allegations placed in no district
    sum(allegations)::BIGINT AS allegations,
    coalesce(sum(allegations) FILTER (WHERE finding IS NOT NULL AND finding <> 'pending'), 0)::BIGINT
        AS with_finding,
    coalesce(sum(allegations) FILTER (WHERE finding = 'sustained'), 0)::BIGINT AS sustained,
    coalesce(sum(allegations) FILTER (WHERE final_rank IS NOT NULL), 0)::BIGINT AS with_final_level,
    coalesce(sum(allegations) FILTER (WHERE final_rank >= 3), 0)::BIGINT AS final_warning_or_heavier,
    coalesce(sum(allegations) FILTER (WHERE final_rank >= 4), 0)::BIGINT
        AS final_suspension_or_heavier,
    coalesce(sum(allegations) FILTER (WHERE final_rank = 6), 0)::BIGINT AS final_dismissal,
    -- Downgrades: among allegations where a sanction (advice or heavier) was recommended and
    -- both levels are known, those whose final level is lighter than the recommended one.
    coalesce(sum(allegations) FILTER (WHERE recommended_rank >= 2 AND final_rank IS NOT NULL), 0)::BIGINT
        AS sanction_recommended,
    coalesce(sum(allegations) FILTER (
        WHERE recommended_rank >= 2 AND final_rank IS NOT NULL AND final_rank < recommended_rank
    ), 0)::BIGINT AS downgraded
FROM chosen
GROUP BY region_id
ORDER BY region_id
