-- name: compare_statistic_sum
-- answers: one published measure summed per region (or per parent region) over a year range, with the years it covers
-- params: $source_id, $measure, $year_from, $year_to, $to_parent
SELECT
    -- $to_parent sums the departements of each French region (SSMSI publishes departements only).
    CASE WHEN $to_parent THEN r.parent_id ELSE s.region_id END AS region_id,
    sum(s.value) AS total,
    count(DISTINCT s.year) AS years_covered,
    min(s.year) AS first_year,
    max(s.year) AS last_year
FROM statistics AS s
JOIN regions AS r ON r.region_id = s.region_id
WHERE s.source_id = $source_id
  AND s.measure = $measure
  AND ($year_from IS NULL OR s.year >= $year_from)
  AND ($year_to IS NULL OR s.year <= $year_to)
GROUP BY ALL
ORDER BY region_id
