-- name: published_statistic
-- answers: one published statistic of one source summed per region of a level (or for the whole jurisdiction), optionally per year, over a year range, with the years it covers
-- params: $source_id, $measure, $region_level, $year_from, $year_to, $by_year
-- Figures of regions below $region_level are summed into their parent (French regions sum
-- their departements); figures of bodies placed at no region of that level (British
-- Transport Police) get the jurisdiction code. NULL $region_level: the whole jurisdiction.
-- Yearly sums leave out rollups published with no year (NYC PSL's 2006-2019 means).
SELECT
    CASE
        WHEN $region_level IS NULL THEN src.jurisdiction
        WHEN r.level = $region_level THEN r.region_id
        WHEN p.level = $region_level THEN p.region_id
        ELSE src.jurisdiction
    END AS region_id,
    CASE WHEN $by_year THEN s.year END AS year,
    sum(s.value) AS total,
    count(DISTINCT s.year) AS years_covered,
    min(s.year) AS first_year,
    max(s.year) AS last_year
FROM statistics AS s
JOIN sources AS src ON src.source_id = s.source_id
JOIN regions AS r ON r.region_id = s.region_id
LEFT JOIN regions AS p ON p.region_id = r.parent_id
WHERE s.source_id = $source_id
  AND s.measure = $measure
  AND ($year_from IS NULL OR s.year >= $year_from)
  AND ($year_to IS NULL OR s.year <= $year_to)
  AND NOT ($by_year AND s.year IS NULL)
GROUP BY ALL
ORDER BY region_id, year
