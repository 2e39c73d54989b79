-- name: allegations_outcomes_mapped
-- answers: published outcome labels in allegations that outcome_map does not list for the jurisdiction
-- params: none
WITH labels AS (
    SELECT s.jurisdiction, a.recommended_outcome AS label, a.recommended_level AS level
    FROM allegations AS a JOIN sources AS s USING (source_id)
    WHERE a.recommended_outcome IS NOT NULL
    UNION
    SELECT s.jurisdiction, a.final_outcome, a.final_level
    FROM allegations AS a JOIN sources AS s USING (source_id)
    WHERE a.final_outcome IS NOT NULL
    UNION
    SELECT s.jurisdiction, a.apu_reference_outcome, a.apu_reference_level
    FROM allegations AS a JOIN sources AS s USING (source_id)
    WHERE a.apu_reference_outcome IS NOT NULL
)
SELECT l.jurisdiction, l.label, l.level, m.level AS mapped_level
FROM labels AS l
LEFT JOIN outcome_map AS m
       ON m.jurisdiction = l.jurisdiction AND m.original_label = l.label
WHERE m.original_label IS NULL
   OR l.level IS DISTINCT FROM m.level
