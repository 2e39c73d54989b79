-- name: explore_allegations
-- answers: the allegations (officer x allegation) matching the Explore filters, sorted; every one of them when $limit is NULL
-- params: $jurisdiction, $region, $year_from, $year_to, $category, $finding, $recommended_level, $final_level, $source, $sort, $descending, $limit
-- NULL filter = no filter; 'unknown' selects the rows where the value is NULL (not published).
-- The region filter keeps the region and every region inside it. The year is the incident
-- year: rows without an incident date drop out as soon as a year bound is set.
-- $sort is one of the names below (the page checks it against the same whitelist);
-- allegation_id breaks ties, so the order, and the CSV, is always the same.
WITH RECURSIVE within_region(region_id) AS (
    SELECT region_id FROM regions WHERE region_id = $region
    UNION
    SELECT r.region_id FROM regions AS r JOIN within_region AS w ON r.parent_id = w.region_id
)
SELECT
    a.allegation_id,
    s.jurisdiction,
    a.source_id,
    a.case_id,
    a.officer_key,
    a.region_id,
    r.name AS region_name,
    a.incident_date,
    a.received_date,
    a.closed_date,
    a.category,
    a.category_original,
    a.category_group,
    a.finding,
    a.finding_original,
    a.recommended_finding_original,
    a.recommended_level,
    a.recommended_outcome,
    a.final_level,
    a.final_outcome,
    a.final_outcome_detail,
    a.case_status
FROM allegations AS a
JOIN sources AS s USING (source_id)
LEFT JOIN regions AS r ON r.region_id = a.region_id
WHERE ($jurisdiction IS NULL OR s.jurisdiction = $jurisdiction)
  AND ($region IS NULL OR a.region_id IN (SELECT region_id FROM within_region))
  AND ($year_from IS NULL OR year(a.incident_date) >= $year_from)
  AND ($year_to IS NULL OR year(a.incident_date) <= $year_to)
  AND ($category IS NULL OR coalesce(a.category, 'unknown') = $category)
  AND ($finding IS NULL OR coalesce(a.finding, 'unknown') = $finding)
  AND ($recommended_level IS NULL OR coalesce(a.recommended_level, 'unknown') = $recommended_level)
  AND ($final_level IS NULL OR coalesce(a.final_level, 'unknown') = $final_level)
  AND ($source IS NULL OR a.source_id = $source)
ORDER BY
    CASE WHEN $sort = 'incident_date' AND NOT $descending THEN a.incident_date END ASC NULLS LAST,
    CASE WHEN $sort = 'incident_date' AND $descending THEN a.incident_date END DESC NULLS LAST,
    CASE WHEN $sort = 'received_date' AND NOT $descending THEN a.received_date END ASC NULLS LAST,
    CASE WHEN $sort = 'received_date' AND $descending THEN a.received_date END DESC NULLS LAST,
    CASE WHEN $sort = 'closed_date' AND NOT $descending THEN a.closed_date END ASC NULLS LAST,
    CASE WHEN $sort = 'closed_date' AND $descending THEN a.closed_date END DESC NULLS LAST,
    CASE WHEN $sort = 'case_id' AND NOT $descending THEN a.case_id END ASC NULLS LAST,
    CASE WHEN $sort = 'case_id' AND $descending THEN a.case_id END DESC NULLS LAST,
    CASE WHEN $sort = 'region_name' AND NOT $descending THEN r.name END ASC NULLS LAST,
    CASE WHEN $sort = 'region_name' AND $descending THEN r.name END DESC NULLS LAST,
    CASE WHEN $sort = 'category' AND NOT $descending THEN a.category END ASC NULLS LAST,
    CASE WHEN $sort = 'category' AND $descending THEN a.category END DESC NULLS LAST,
    CASE WHEN $sort = 'finding' AND NOT $descending THEN a.finding END ASC NULLS LAST,
    CASE WHEN $sort = 'finding' AND $descending THEN a.finding END DESC NULLS LAST,
    -- levels sort by their rank on the common scale (none = 0 ... dismissal = 5), not by name
    CASE WHEN $sort = 'recommended_level' AND NOT $descending THEN list_position(
        ['none', 'advice', 'warning', 'suspension', 'demotion', 'dismissal'], a.recommended_level
    ) END ASC NULLS LAST,
    CASE WHEN $sort = 'recommended_level' AND $descending THEN list_position(
        ['none', 'advice', 'warning', 'suspension', 'demotion', 'dismissal'], a.recommended_level
    ) END DESC NULLS LAST,
    CASE WHEN $sort = 'final_level' AND NOT $descending THEN list_position(
        ['none', 'advice', 'warning', 'suspension', 'demotion', 'dismissal'], a.final_level
    ) END ASC NULLS LAST,
    CASE WHEN $sort = 'final_level' AND $descending THEN list_position(
        ['none', 'advice', 'warning', 'suspension', 'demotion', 'dismissal'], a.final_level
    ) END DESC NULLS LAST,
    CASE WHEN $sort = 'allegation_id' AND $descending THEN a.allegation_id END DESC,
    a.allegation_id
LIMIT $limit
