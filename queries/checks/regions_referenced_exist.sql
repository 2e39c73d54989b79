-- name: regions_referenced_exist
-- answers: region ids used by facts, boundaries or cases that are not in regions
-- params: none
SELECT 'allegations' AS in_table, region_id FROM allegations
WHERE region_id IS NOT NULL AND region_id NOT IN (SELECT region_id FROM regions)
UNION ALL
SELECT 'statistics', region_id FROM statistics
WHERE region_id IS NOT NULL AND region_id NOT IN (SELECT region_id FROM regions)
UNION ALL
SELECT 'boundaries', region_id FROM boundaries
WHERE region_id NOT IN (SELECT region_id FROM regions)
UNION ALL
SELECT 'cases', region_id FROM cases
WHERE region_id IS NOT NULL AND region_id NOT IN (SELECT region_id FROM regions)
UNION ALL
SELECT 'case_events', region_id FROM case_events
WHERE region_id IS NOT NULL AND region_id NOT IN (SELECT region_id FROM regions)
UNION ALL
SELECT 'compliance', region_id FROM compliance
WHERE region_id IS NOT NULL AND region_id NOT IN (SELECT region_id FROM regions)
