-- name: regions_vocabulary
-- answers: regions with a country or level outside the contract vocabulary, or a dangling parent
-- params: none
SELECT r.region_id, r.country, r.level, r.parent_id
FROM regions AS r
LEFT JOIN regions AS parent ON parent.region_id = r.parent_id
WHERE r.country NOT IN ('FR', 'GB', 'US')
   OR r.level NOT IN ('country', 'region', 'departement', 'police_force', 'city',
                      'district', 'precinct', 'beat')
   OR (r.parent_id IS NOT NULL AND parent.region_id IS NULL)
   OR (r.level <> 'country' AND r.parent_id IS NULL)
