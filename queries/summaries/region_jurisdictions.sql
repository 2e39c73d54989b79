-- name: region_jurisdictions
-- answers: each region's jurisdiction: its nearest ancestor, itself included, that is a code of the jurisdictions table (regions under no jurisdiction have no row); the rows of the region_jurisdictions table, read by the search and the region page
-- params: none
WITH RECURSIVE
ancestry(region_id, ancestor_id, depth) AS (
    SELECT region_id, region_id, 0 FROM regions
    UNION ALL
    SELECT a.region_id, r.parent_id, a.depth + 1
    FROM ancestry AS a
    JOIN regions AS r ON r.region_id = a.ancestor_id
    WHERE r.parent_id IS NOT NULL AND a.depth < 10
)
SELECT a.region_id, arg_min(a.ancestor_id, a.depth) AS jurisdiction
FROM ancestry AS a
JOIN jurisdictions AS j ON j.code = a.ancestor_id
GROUP BY a.region_id
