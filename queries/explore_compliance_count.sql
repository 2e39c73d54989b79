-- name: explore_compliance_count
-- answers: how many observations of directive rules match the Explore filters (the same filters as explore_compliance)
-- params: $jurisdiction, $region, $year_from, $year_to, $rule, $status, $source
WITH RECURSIVE within_region(region_id) AS (
    SELECT region_id FROM regions WHERE region_id = $region
    UNION
    SELECT r.region_id FROM regions AS r JOIN within_region AS w ON r.parent_id = w.region_id
),
observations AS (
    SELECT c.*,
        CASE WHEN s.jurisdiction = 'multi' THEN d.jurisdiction ELSE s.jurisdiction END
            AS jurisdiction
    FROM compliance AS c
    LEFT JOIN sources AS s ON s.source_id = c.source_id
    LEFT JOIN directives AS d ON d.directive_id = c.directive_id
)
SELECT count(*) AS row_count
FROM observations AS o
WHERE ($jurisdiction IS NULL OR o.jurisdiction = $jurisdiction)
  AND ($region IS NULL OR o.region_id IN (SELECT region_id FROM within_region))
  AND ($year_from IS NULL OR year(o.observed_date) >= $year_from)
  AND ($year_to IS NULL OR year(o.observed_date) <= $year_to)
  AND ($rule IS NULL OR o.rule_id = $rule)
  AND ($status IS NULL OR o.status = $status)
  AND ($source IS NULL OR o.source_id = $source)
