-- name: compare_regions
-- answers: the regions of one jurisdiction at one level, whether each has a map shape of the given boundary vintage, and whether it is retired (a valid_note and no shape in any vintage: Chicago's districts 13, 21 and 23)
-- params: $level, $prefix, $vintage
SELECT
    r.region_id,
    r.code,
    r.name,
    r.valid_note,
    EXISTS (
        SELECT 1 FROM boundaries AS b WHERE b.region_id = r.region_id AND b.vintage = $vintage
    ) AS has_shape,
    r.valid_note IS NOT NULL
    AND NOT EXISTS (SELECT 1 FROM boundaries AS b WHERE b.region_id = r.region_id) AS retired
FROM regions AS r
WHERE r.level = $level
  AND starts_with(r.region_id, $prefix)
  -- A region drawn only in another vintage did not exist in this one (NYC's 116th precinct,
  -- created in 2024, has no data for 2006-2019); regions never drawn (transit districts,
  -- retired Chicago districts, overseas departements) stay, listed as having no shape.
  AND (
      NOT EXISTS (SELECT 1 FROM boundaries AS b WHERE b.region_id = r.region_id)
      OR EXISTS (
          SELECT 1 FROM boundaries AS b WHERE b.region_id = r.region_id AND b.vintage = $vintage
      )
  )
-- Publisher's order: numbers as numbers (4 before 11), Corsica's 2A/2B between 29 and 30,
-- NYC transit districts after the precincts.
ORDER BY lpad(r.code, 4, '0'), r.code
