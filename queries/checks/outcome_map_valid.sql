-- name: outcome_map_valid
-- answers: outcome_map rows with a level outside the scale, or one label mapped twice in a regime
-- params: none
SELECT jurisdiction, regime, original_label, 'bad level' AS problem
FROM outcome_map
WHERE level IS NOT NULL
  AND level NOT IN ('none', 'advice', 'warning', 'suspension', 'demotion', 'dismissal')
UNION ALL
SELECT jurisdiction, regime, original_label, 'duplicate label'
FROM outcome_map
GROUP BY jurisdiction, regime, original_label
HAVING count(*) > 1
