-- name: explore_statistics_facet
-- answers: for one filter ($facet), how many published figures each of its values has under all the other Explore filters
-- params: $facet, $jurisdiction, $region, $year_from, $year_to, $measure, $source
-- Like a Datasette facet: the facet's own filter is left out, so every value shows what
-- choosing it would give; the jurisdiction facet also ignores the region, which depends on
-- it. A region counts the figures placed in it or in any region inside it, up to the
-- jurisdiction's own region.
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
    SELECT t.*, s.jurisdiction
    FROM statistics AS t
    JOIN sources AS s USING (source_id)
    WHERE ($facet = 'jurisdiction' OR $jurisdiction IS NULL OR s.jurisdiction = $jurisdiction)
      AND ($facet IN ('region', 'jurisdiction') OR $region IS NULL
           OR t.region_id IN (SELECT region_id FROM within_region))
      AND ($year_from IS NULL OR t.year >= $year_from)
      AND ($year_to IS NULL OR t.year <= $year_to)
      AND ($facet = 'measure' OR $measure IS NULL OR t.measure = $measure)
      AND ($facet = 'source' OR $source IS NULL OR t.source_id = $source)
),
facet_values AS (
    SELECT CASE $facet
        WHEN 'jurisdiction' THEN jurisdiction
        WHEN 'measure' THEN measure
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
