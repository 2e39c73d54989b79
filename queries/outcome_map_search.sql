-- name: outcome_map_search
-- answers: published outcome labels and their level on the common scale, filtered by text and jurisdiction
-- params: $search, $jurisdiction
SELECT jurisdiction, original_label, level, is_sanction, regime, note, source_id
FROM outcome_map
WHERE ($jurisdiction IS NULL OR jurisdiction = $jurisdiction)
  AND ($search IS NULL OR contains(lower(original_label), lower($search))
       OR contains(lower(coalesce(note, '')), lower($search)))
ORDER BY jurisdiction, level NULLS LAST, original_label
