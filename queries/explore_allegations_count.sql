-- name: explore_allegations_count
-- answers: how many allegations match the Explore filters (the same filters as explore_allegations)
-- params: $jurisdiction, $region, $year_from, $year_to, $category, $finding, $recommended_level, $final_level, $source
-- Read from allegation_summary (allegations counted by every filter's column), which the
-- build checks against the allegations table: the same answer as counting the rows.
WITH RECURSIVE within_region(region_id) AS (
    SELECT region_id FROM regions WHERE region_id = $region
    UNION
    SELECT r.region_id FROM regions AS r JOIN within_region AS w ON r.parent_id = w.region_id
)
SELECT coalesce(sum(a.allegations), 0)::BIGINT AS row_count
FROM allegation_summary AS a
WHERE ($jurisdiction IS NULL OR a.jurisdiction = $jurisdiction)
  AND ($region IS NULL OR a.region_id IN (SELECT region_id FROM within_region))
  AND ($year_from IS NULL OR a.basis_year >= $year_from)
  AND ($year_to IS NULL OR a.basis_year <= $year_to)
  AND ($category IS NULL OR coalesce(a.category, 'unknown') = $category)
  AND ($finding IS NULL OR coalesce(a.finding, 'unknown') = $finding)
  AND ($recommended_level IS NULL OR coalesce(a.recommended_level, 'unknown') = $recommended_level)
  AND ($final_level IS NULL OR coalesce(a.final_level, 'unknown') = $final_level)
  AND ($source IS NULL OR a.source_id = $source)
