-- name: compare_levels
-- answers: every region level of every jurisdiction (jurisdictions.region_levels) whose regions have map shapes: its position in region_levels, its first and last region id (their common prefix names its regions), and each boundary vintage with its number of shapes, the source of the shapes, and the regions retired (a valid_note and never drawn)
-- params: none
-- A region belongs to the jurisdiction of the source that loaded it (regions.source_id).
WITH levels AS (
    SELECT
        j.code AS jurisdiction,
        unnest(j.region_levels) AS level,
        generate_subscripts(j.region_levels, 1) AS position
    FROM jurisdictions AS j
),
own AS (
    SELECT l.jurisdiction, l.level, l.position, r.region_id, r.valid_note
    FROM levels AS l
    JOIN regions AS r ON r.level = l.level
    JOIN sources AS s ON s.source_id = r.source_id AND s.jurisdiction = l.jurisdiction
),
drawn AS (
    SELECT DISTINCT region_id FROM boundaries
),
spans AS (
    SELECT
        jurisdiction,
        level,
        any_value(position) AS position,
        min(region_id) AS first_region,
        max(region_id) AS last_region,
        count(*) FILTER (
            WHERE valid_note IS NOT NULL AND region_id NOT IN (SELECT region_id FROM drawn)
        ) AS retired
    FROM own
    GROUP BY ALL
)
SELECT
    sp.jurisdiction,
    sp.level,
    sp.position,
    sp.first_region,
    sp.last_region,
    sp.retired,
    b.vintage,
    b.source_id AS shape_source,
    count(*) AS shapes
FROM spans AS sp
JOIN own AS o USING (jurisdiction, level)
JOIN boundaries AS b ON b.region_id = o.region_id
GROUP BY ALL
ORDER BY sp.jurisdiction, sp.position, shapes DESC, b.vintage DESC
