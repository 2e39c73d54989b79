-- name: statistics_valid
-- answers: statistics with a measure that is not snake_case, no unit, or an unknown source
-- params: none
SELECT source_id, region_id, year, measure, unit
FROM statistics
WHERE NOT regexp_full_match(measure, '[a-z][a-z0-9_]*')
   OR coalesce(unit, '') = ''
   OR source_id NOT IN (SELECT source_id FROM sources)
