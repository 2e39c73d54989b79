-- name: outcome_flags_valid
-- answers: outcome_map flags outside the vocabulary (imposed_not_served, interim_measure, licence_bar, credibility_list), and allegations whose recommended_flag or final_flag is outside it or differs from the map's flag for the label
-- params: none
WITH vocabulary(flag) AS (
    VALUES ('imposed_not_served'), ('interim_measure'), ('licence_bar'), ('credibility_list')
)
SELECT m.jurisdiction, m.original_label AS label, m.flag, 'outcome_map flag not in vocabulary'
    AS problem
FROM outcome_map AS m
WHERE m.flag IS NOT NULL AND m.flag NOT IN (SELECT flag FROM vocabulary)
UNION ALL
SELECT s.jurisdiction, a.recommended_outcome, a.recommended_flag,
       'recommended_flag is not the outcome_map flag of recommended_outcome'
FROM allegations AS a
JOIN sources AS s USING (source_id)
LEFT JOIN outcome_map AS m
       ON m.jurisdiction = s.jurisdiction AND m.original_label = a.recommended_outcome
WHERE a.recommended_flag IS DISTINCT FROM m.flag
UNION ALL
SELECT s.jurisdiction, a.final_outcome, a.final_flag,
       'final_flag is not the outcome_map flag of final_outcome'
FROM allegations AS a
JOIN sources AS s USING (source_id)
LEFT JOIN outcome_map AS m
       ON m.jurisdiction = s.jurisdiction AND m.original_label = a.final_outcome
WHERE a.final_flag IS DISTINCT FROM m.flag
