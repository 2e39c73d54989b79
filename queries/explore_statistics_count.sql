-- name: explore_statistics_count
-- answers: how many published figures match the Explore filters (the same filters as explore_statistics)
-- params: $jurisdiction, $region, $year_from, $year_to, $measure, $source
WITH RECURSIVE within_region(region_id) AS (
    SELECT region_id FROM regions WHERE region_id = $region
    UNION
    SELECT r.region_id FROM regions AS r JOIN within_region AS w ON r.parent_id = w.region_id
)
SELECT count(*) AS row_count
FROM statistics AS t
JOIN sources AS s USING (source_id)
WHERE ($jurisdiction IS NULL OR s.jurisdiction = $jurisdiction)
  AND ($region IS NULL OR t.region_id IN (SELECT region_id FROM within_region))
  AND ($year_from IS NULL OR t.year >= $year_from)
  AND ($year_to IS NULL OR t.year <= $year_to)
  AND ($measure IS NULL OR t.measure = $measure)
  AND ($source IS NULL OR t.source_id = $source)
