-- name: explore_allegations_facet
-- answers: for one filter ($facet), how many allegations each of its values has under all the other Explore filters
-- params: $facet, $jurisdiction, $region, $year_from, $year_to, $category, $finding, $recommended_level, $final_level, $source
-- Like a Datasette facet: the facet's own filter is left out, so every value shows what
-- choosing it would give; the jurisdiction facet also ignores the region, which depends on
-- it. 'unknown' stands for NULL (not published). A region counts the rows placed in it or
-- in any region inside it, up to the jurisdiction's own region. Counted from
-- allegation_summary, which the build checks against the allegations table.
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
filtered AS (
    SELECT a.*
    FROM allegation_summary AS a
    WHERE ($facet = 'jurisdiction' OR $jurisdiction IS NULL OR a.jurisdiction = $jurisdiction)
      AND ($facet IN ('region', 'jurisdiction') OR $region IS NULL
           OR a.region_id IN (SELECT region_id FROM within_region))
      AND ($year_from IS NULL OR a.basis_year >= $year_from)
      AND ($year_to IS NULL OR a.basis_year <= $year_to)
      AND ($facet = 'category' OR $category IS NULL
           OR coalesce(a.category, 'unknown') = $category)
      AND ($facet = 'finding' OR $finding IS NULL OR coalesce(a.finding, 'unknown') = $finding)
      AND ($facet = 'recommended_level' OR $recommended_level IS NULL
           OR coalesce(a.recommended_level, 'unknown') = $recommended_level)
      AND ($facet = 'final_level' OR $final_level IS NULL
           OR coalesce(a.final_level, 'unknown') = $final_level)
      AND ($facet = 'source' OR $source IS NULL OR a.source_id = $source)
),
facet_values AS (
    SELECT CASE $facet
        WHEN 'jurisdiction' THEN jurisdiction
        WHEN 'category' THEN coalesce(category, 'unknown')
        WHEN 'finding' THEN coalesce(finding, 'unknown')
        WHEN 'recommended_level' THEN coalesce(recommended_level, 'unknown')
        WHEN 'final_level' THEN coalesce(final_level, 'unknown')
        WHEN 'source' THEN source_id
    END AS value,
    allegations
    FROM filtered
    WHERE $facet <> 'region'
    UNION ALL
    SELECT an.ancestor_id, f.allegations
    FROM filtered AS f JOIN ancestry AS an ON an.region_id = f.region_id
    WHERE $facet = 'region'
)
SELECT value, sum(allegations)::BIGINT AS row_count
FROM facet_values
WHERE value IS NOT NULL
GROUP BY value
ORDER BY row_count DESC, value
