-- name: compare_boundaries
-- answers: the map shape (GeoJSON geometry text) of each region of one jurisdiction and level, for one boundary vintage
-- params: $level, $prefix, $vintage
SELECT b.region_id, b.geometry
FROM boundaries AS b
JOIN regions AS r USING (region_id)
WHERE r.level = $level
  AND starts_with(b.region_id, $prefix)
  AND b.vintage = $vintage
ORDER BY b.region_id
