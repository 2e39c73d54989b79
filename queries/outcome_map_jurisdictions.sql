-- name: outcome_map_jurisdictions
-- answers: the jurisdictions that have outcome labels mapped
-- params: none
SELECT DISTINCT jurisdiction FROM outcome_map ORDER BY jurisdiction
