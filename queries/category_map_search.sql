-- name: category_map_search
-- answers: published complaint categories and the common category they map to, filtered by text
-- params: $search
SELECT jurisdiction, original_label, category, note
FROM category_map
WHERE $search IS NULL OR contains(lower(original_label), lower($search))
ORDER BY jurisdiction, category, original_label
