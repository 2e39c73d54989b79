-- name: region_directory
-- answers: every region with its level, code, parent (id and name), validity note and jurisdiction (its nearest ancestor, itself included, that is a code of the jurisdictions table; regions under no jurisdiction are left out), with the jurisdiction's names: the region page's places and its chooser
-- params: none
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
JOIN region_jurisdictions AS rj USING (region_id)
JOIN jurisdictions AS j ON j.code = rj.jurisdiction
LEFT JOIN regions AS p ON p.region_id = r.parent_id
-- the jurisdiction itself first, then its regions in the publisher's order (numbers as
-- numbers, Corsica's 2A/2B between 29 and 30)
ORDER BY rj.jurisdiction, r.region_id <> rj.jurisdiction, r.level, lpad(r.code, 4, '0'), r.code
