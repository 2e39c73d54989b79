-- name: explore_statistics
-- answers: the published aggregate figures matching the Explore filters, sorted; every one of them when $limit is NULL
-- params: $jurisdiction, $region, $year_from, $year_to, $measure, $source, $sort, $descending, $limit
-- NULL filter = no filter. The region filter keeps the region and every region inside it.
-- Figures without a year (spanning several years) drop out as soon as a year bound is set.
-- The last ORDER BY keys make the order, and the CSV, always the same.
WITH RECURSIVE within_region(region_id) AS (
    SELECT region_id FROM regions WHERE region_id = $region
    UNION
    SELECT r.region_id FROM regions AS r JOIN within_region AS w ON r.parent_id = w.region_id
)
SELECT
    s.jurisdiction,
    t.source_id,
    t.region_id,
    r.name AS region_name,
    r.level AS region_level,
    t.year,
    t.measure,
    t.measure_original,
    t.value,
    t.unit,
    t.subject,
    t.period_note,
    t.confidence,
    t.source_url
FROM statistics AS t
JOIN sources AS s USING (source_id)
LEFT JOIN regions AS r ON r.region_id = t.region_id
WHERE ($jurisdiction IS NULL OR s.jurisdiction = $jurisdiction)
  AND ($region IS NULL OR t.region_id IN (SELECT region_id FROM within_region))
  AND ($year_from IS NULL OR t.year >= $year_from)
  AND ($year_to IS NULL OR t.year <= $year_to)
  AND ($measure IS NULL OR t.measure = $measure)
  AND ($source IS NULL OR t.source_id = $source)
ORDER BY
    CASE WHEN $sort = 'region_name' AND NOT $descending THEN r.name END ASC NULLS LAST,
    CASE WHEN $sort = 'region_name' AND $descending THEN r.name END DESC NULLS LAST,
    CASE WHEN $sort = 'year' AND NOT $descending THEN t.year END ASC NULLS LAST,
    CASE WHEN $sort = 'year' AND $descending THEN t.year END DESC NULLS LAST,
    CASE WHEN $sort = 'measure' AND NOT $descending THEN t.measure END ASC NULLS LAST,
    CASE WHEN $sort = 'measure' AND $descending THEN t.measure END DESC NULLS LAST,
    CASE WHEN $sort = 'value' AND NOT $descending THEN t.value END ASC NULLS LAST,
    CASE WHEN $sort = 'value' AND $descending THEN t.value END DESC NULLS LAST,
    CASE WHEN $sort = 'source_id' AND $descending THEN t.source_id END DESC,
    t.source_id, t.region_id, t.year, t.measure, t.subject, t.unit, t.measure_original,
    t.period_note
LIMIT $limit
