-- name: compare_allegation_sources
-- answers: per jurisdiction and source of the allegations table, the region levels its allegations are placed at (the region's own level or its parent's; NULL for allegations placed nowhere), with the number of allegations and the date the years are read from (the source's year basis, else the jurisdiction's)
-- params: none
WITH placed AS (
    SELECT s.jurisdiction, a.source_id, r.level
    FROM allegations AS a
    JOIN sources AS s USING (source_id)
    LEFT JOIN regions AS r ON r.region_id = a.region_id
    UNION ALL
    SELECT s.jurisdiction, a.source_id, p.level
    FROM allegations AS a
    JOIN sources AS s USING (source_id)
    JOIN regions AS r ON r.region_id = a.region_id
    JOIN regions AS p ON p.region_id = r.parent_id
)
SELECT
    placed.jurisdiction,
    placed.source_id,
    placed.level,
    count(*) AS allegations,
    any_value(coalesce(s.year_basis, j.year_basis)) AS year_basis
FROM placed
JOIN sources AS s USING (source_id)
LEFT JOIN jurisdictions AS j ON j.code = placed.jurisdiction
GROUP BY placed.jurisdiction, placed.source_id, placed.level
ORDER BY placed.jurisdiction, placed.source_id, placed.level
