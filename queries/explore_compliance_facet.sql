-- name: explore_compliance_facet
-- answers: for one filter ($facet), how many observations of directive rules each of its values has under all the other Explore filters
-- params: $facet, $jurisdiction, $region, $year_from, $year_to, $rule, $status, $source
-- Like a Datasette facet: the facet's own filter is left out, so every value shows what
-- choosing it would give; the jurisdiction facet also ignores the region, which depends on
-- it. The jurisdiction is derived as in explore_compliance. A region counts the rows placed
-- in it or in any region inside it, up to the jurisdiction's own region.
WITH RECURSIVE within_region(region_id) AS (
    SELECT region_id FROM regions WHERE region_id = $region
    UNION
    SELECT r.region_id FROM regions AS r JOIN within_region AS w ON r.parent_id = w.region_id
),
ancestry(region_id, ancestor_id) AS (
    SELECT region_id, region_id FROM regions
    UNION
    SELECT an.region_id, r.parent_id
    FROM ancestry AS an JOIN regions AS r ON r.region_id = an.ancestor_id
    WHERE r.parent_id IS NOT NULL
      AND an.ancestor_id NOT IN (SELECT jurisdiction FROM sources)
),
observations AS (
    SELECT c.*,
        CASE WHEN s.jurisdiction = 'multi' THEN d.jurisdiction ELSE s.jurisdiction END
            AS jurisdiction
    FROM compliance AS c
    LEFT JOIN sources AS s ON s.source_id = c.source_id
    LEFT JOIN directives AS d ON d.directive_id = c.directive_id
),
filtered AS (
    SELECT *
    FROM observations AS o
    WHERE ($facet = 'jurisdiction' OR $jurisdiction IS NULL OR o.jurisdiction = $jurisdiction)
      AND ($facet IN ('region', 'jurisdiction') OR $region IS NULL
           OR o.region_id IN (SELECT region_id FROM within_region))
      AND ($year_from IS NULL OR year(o.observed_date) >= $year_from)
      AND ($year_to IS NULL OR year(o.observed_date) <= $year_to)
      AND ($facet = 'rule' OR $rule IS NULL OR o.rule_id = $rule)
      AND ($facet = 'status' OR $status IS NULL OR o.status = $status)
      AND ($facet = 'source' OR $source IS NULL OR o.source_id = $source)
),
facet_values AS (
    SELECT CASE $facet
        WHEN 'jurisdiction' THEN jurisdiction
        WHEN 'rule' THEN rule_id
        WHEN 'status' THEN status
        WHEN 'source' THEN source_id
    END AS value
    FROM filtered
    WHERE $facet <> 'region'
    UNION ALL
    SELECT an.ancestor_id
    FROM filtered AS f JOIN ancestry AS an ON an.region_id = f.region_id
    WHERE $facet = 'region'
)
SELECT value, count(*) AS row_count
FROM facet_values
WHERE value IS NOT NULL
GROUP BY value
ORDER BY row_count DESC, value
