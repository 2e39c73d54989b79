-- name: directives_page_regions
-- answers: name, level, publisher's code and validity note of the given regions, to label districts (a retired Chicago district says so)
-- params: $region_ids
SELECT
    region_id,
    name AS region_name,
    level AS region_level,
    code AS region_code,
    valid_note AS region_note
FROM regions
WHERE list_contains($region_ids, region_id)
ORDER BY region_id
