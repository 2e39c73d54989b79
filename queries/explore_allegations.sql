-- name: explore_allegations
-- answers: the allegations (officer x allegation) matching the Explore filters, sorted; every one of them when $limit is NULL
-- params: $jurisdiction, $region, $year_from, $year_to, $category, $finding, $recommended_level, $final_level, $source, $sort, $descending, $limit
-- NULL filter = no filter; 'unknown' selects the rows where the value is NULL (not published).
-- The region filter keeps the region and every region inside it. The year is the year of
-- the date the source's year_basis names (incident, received or closed; sources.year_basis):
-- rows without that date drop out as soon as a year bound is set.
-- $sort is one of the names below (the page checks it against the same whitelist);
-- allegation_id breaks ties, so the order, and the CSV, is always the same.
--
-- Fast on millions of rows: the rows are stored by source and incident date (the ETL
-- inserts them so), the years are compared as dates so whole blocks of other years are
-- skipped, and the page is chosen on a few narrow columns (`page`) before the other
-- columns are read for the rows kept only (joined back on rowid).
WITH RECURSIVE within_region(region_id) AS (
    SELECT region_id FROM regions WHERE region_id = $region
    UNION
    SELECT r.region_id FROM regions AS r JOIN within_region AS w ON r.parent_id = w.region_id
),
page AS (
    SELECT
        a.rowid AS row_number,
        a.allegation_id,
        -- Two keys, so that DuckDB compares few values per row: dates (as day numbers) and
        -- levels (by rank on the common scale, none = 1 ... dismissal = 6) in number_key,
        -- negated for a descending sort; texts in text_key. For any $sort one is NULL.
        CASE $sort
            WHEN 'incident_date' THEN a.incident_date - DATE '1970-01-01'
            WHEN 'received_date' THEN a.received_date - DATE '1970-01-01'
            WHEN 'closed_date' THEN a.closed_date - DATE '1970-01-01'
            WHEN 'recommended_level' THEN list_position(
                ['none', 'advice', 'warning', 'suspension', 'demotion', 'dismissal'],
                a.recommended_level
            )
            WHEN 'final_level' THEN list_position(
                ['none', 'advice', 'warning', 'suspension', 'demotion', 'dismissal'],
                a.final_level
            )
        END * CASE WHEN $descending THEN -1 ELSE 1 END AS number_key,
        CASE $sort
            WHEN 'allegation_id' THEN a.allegation_id
            WHEN 'case_id' THEN a.case_id
            WHEN 'region_name' THEN r.name
            WHEN 'category' THEN a.category
            WHEN 'finding' THEN a.finding
        END AS text_key
    FROM allegations AS a
    JOIN sources AS s USING (source_id)
    LEFT JOIN regions AS r ON r.region_id = a.region_id
    WHERE ($jurisdiction IS NULL OR s.jurisdiction = $jurisdiction)
      AND ($region IS NULL OR a.region_id IN (SELECT region_id FROM within_region))
      AND ($year_from IS NULL OR CASE s.year_basis
          WHEN 'received' THEN a.received_date WHEN 'closed' THEN a.closed_date
          ELSE a.incident_date END >= make_date($year_from, 1, 1))
      AND ($year_to IS NULL OR CASE s.year_basis
          WHEN 'received' THEN a.received_date WHEN 'closed' THEN a.closed_date
          ELSE a.incident_date END < make_date($year_to + 1, 1, 1))
      AND ($category IS NULL OR coalesce(a.category, 'unknown') = $category)
      AND ($finding IS NULL OR coalesce(a.finding, 'unknown') = $finding)
      AND ($recommended_level IS NULL OR coalesce(a.recommended_level, 'unknown') = $recommended_level)
      AND ($final_level IS NULL OR coalesce(a.final_level, 'unknown') = $final_level)
      AND ($source IS NULL OR a.source_id = $source)
    ORDER BY
        number_key ASC NULLS LAST,
        CASE WHEN NOT $descending THEN text_key END ASC NULLS LAST,
        CASE WHEN $descending THEN text_key END DESC NULLS LAST,
        a.allegation_id
    LIMIT $limit
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
FROM page AS p
JOIN allegations AS a ON a.rowid = p.row_number
JOIN sources AS s ON s.source_id = a.source_id
LEFT JOIN regions AS r ON r.region_id = a.region_id
ORDER BY
    p.number_key ASC NULLS LAST,
    CASE WHEN NOT $descending THEN p.text_key END ASC NULLS LAST,
    CASE WHEN $descending THEN p.text_key END DESC NULLS LAST,
    p.allegation_id
