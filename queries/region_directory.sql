-- name: region_directory
-- answers: every region with its level, code, parent (id and name), validity note and jurisdiction (its nearest ancestor, itself included, that is a code of the jurisdictions table; regions under no jurisdiction are left out), with the jurisdiction's names: the region page's places and its chooser
-- params: none
WITH RECURSIVE
ancestry(region_id, ancestor_id, depth) AS (
    SELECT region_id, region_id, 0 FROM regions
    UNION ALL
    SELECT a.region_id, r.parent_id, a.depth + 1
    FROM ancestry AS a
    JOIN regions AS r ON r.region_id = a.ancestor_id
    WHERE r.parent_id IS NOT NULL AND a.depth < 10
),
region_jurisdiction AS (
    SELECT a.region_id, arg_min(a.ancestor_id, a.depth) AS jurisdiction
    FROM ancestry AS a
    JOIN jurisdictions AS j ON j.code = a.ancestor_id
    GROUP BY a.region_id
)
SELECT
    r.region_id,
    r.level,
    r.code,
    r.name,
    r.parent_id,
    p.name AS parent_name,
    r.valid_note,
    rj.jurisdiction,
    j.name_en AS jurisdiction_en,
    j.name_fr AS jurisdiction_fr
FROM regions AS r
JOIN region_jurisdiction AS rj USING (region_id)
JOIN jurisdictions AS j ON j.code = rj.jurisdiction
LEFT JOIN regions AS p ON p.region_id = r.parent_id
-- the jurisdiction itself first, then its regions in the publisher's order (numbers as
-- numbers, Corsica's 2A/2B between 29 and 30)
ORDER BY rj.jurisdiction, r.region_id <> rj.jurisdiction, r.level, lpad(r.code, 4, '0'), r.code
