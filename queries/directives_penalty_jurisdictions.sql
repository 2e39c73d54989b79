-- name: directives_penalty_jurisdictions
-- answers: the jurisdictions whose sustained allegations carry both a recommended and a final level (the recommended-vs-final section), with the sources of those rows and of the outcome maps that levelled them, and the region level below the jurisdiction where the rows are placed (NULL: one figure for the whole jurisdiction) with the sources of those regions
-- params: none
WITH rows AS (
    SELECT a.jurisdiction, a.source_id, a.allegations, r.level, r.source_id AS region_source
    FROM allegation_summary AS a
    LEFT JOIN regions AS r ON r.region_id = a.region_id
    WHERE a.finding = 'sustained'
      AND a.recommended_level IS NOT NULL
      AND a.final_level IS NOT NULL
),
placed AS (
    -- the most used level other than the jurisdiction's top one (a city, a country)
    SELECT rows.jurisdiction, rows.level,
           list(DISTINCT rows.region_source ORDER BY rows.region_source) AS region_source_ids
    FROM rows
    JOIN jurisdictions AS j ON j.code = rows.jurisdiction
    WHERE rows.level IS NOT NULL AND rows.level <> coalesce(j.region_levels[1], '')
    GROUP BY rows.jurisdiction, rows.level
    QUALIFY row_number() OVER (PARTITION BY rows.jurisdiction
                               ORDER BY sum(rows.allegations) DESC, rows.level) = 1
),
maps AS (
    SELECT DISTINCT j.code AS jurisdiction, m.source_id
    FROM outcome_map AS m
    JOIN jurisdictions AS j ON m.jurisdiction IN (j.code, j.country)
)
SELECT
    rows.jurisdiction,
    list_sort(list_distinct(list(rows.source_id)
                            || coalesce((SELECT list(maps.source_id) FROM maps
                                         WHERE maps.jurisdiction = rows.jurisdiction), [])))
        AS source_ids,
    sum(rows.allegations)::BIGINT AS both_levels,
    any_value(placed.level) AS region_level,
    any_value(placed.region_source_ids) AS region_source_ids
FROM rows
LEFT JOIN placed ON placed.jurisdiction = rows.jurisdiction
GROUP BY rows.jurisdiction
ORDER BY rows.jurisdiction
