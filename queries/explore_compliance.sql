-- name: explore_compliance
-- answers: the observations of directive rules matching the Explore filters, sorted; every one of them when $limit is NULL
-- params: $jurisdiction, $region, $year_from, $year_to, $rule, $status, $source, $sort, $descending, $limit
-- The jurisdiction is that of the data observed (the source's); for the project's curated
-- directive notes, which cover several jurisdictions, it is the directive's. So the FR-1
-- what-if on Chicago data is under Chicago (in_jurisdiction = false says it is a what-if).
-- The year is the observed year: rows without an observed date drop out once a bound is set.
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
SELECT
    o.directive_id,
    o.rule_id,
    o.jurisdiction,
    o.in_jurisdiction,
    o.scope_level,
    o.scope_id,
    o.region_id,
    r.name AS region_name,
    o.observed_date,
    o.status,
    CASE
        WHEN o.in_jurisdiction THEN o.status
        ELSE 'what-if only, not a finding: ' || replace(o.status, '_', ' ') || ' if '
             || o.directive_id || ' applied to this jurisdiction'
    END AS status_label,
    o.status_reason,
    o.confidence,
    o.evidence,
    o.evidence_url,
    o.method,
    o.source_id
FROM observations AS o
LEFT JOIN regions AS r ON r.region_id = o.region_id
WHERE ($jurisdiction IS NULL OR o.jurisdiction = $jurisdiction)
  AND ($region IS NULL OR o.region_id IN (SELECT region_id FROM within_region))
  AND ($year_from IS NULL OR year(o.observed_date) >= $year_from)
  AND ($year_to IS NULL OR year(o.observed_date) <= $year_to)
  AND ($rule IS NULL OR o.rule_id = $rule)
  AND ($status IS NULL OR o.status = $status)
  AND ($source IS NULL OR o.source_id = $source)
ORDER BY
    CASE WHEN $sort = 'observed_date' AND NOT $descending THEN o.observed_date END ASC NULLS LAST,
    CASE WHEN $sort = 'observed_date' AND $descending THEN o.observed_date END DESC NULLS LAST,
    CASE WHEN $sort = 'status' AND NOT $descending THEN o.status END ASC NULLS LAST,
    CASE WHEN $sort = 'status' AND $descending THEN o.status END DESC NULLS LAST,
    CASE WHEN $sort = 'region_name' AND NOT $descending THEN r.name END ASC NULLS LAST,
    CASE WHEN $sort = 'region_name' AND $descending THEN r.name END DESC NULLS LAST,
    CASE WHEN $sort = 'scope_id' AND NOT $descending THEN o.scope_id END ASC NULLS LAST,
    CASE WHEN $sort = 'scope_id' AND $descending THEN o.scope_id END DESC NULLS LAST,
    CASE WHEN $sort = 'rule_id' AND $descending THEN o.rule_id END DESC,
    o.rule_id, o.scope_id
LIMIT $limit
