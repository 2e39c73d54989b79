-- name: allegations_categories_mapped
-- answers: published category labels in allegations that category_map does not list, or that disagree with it
-- params: none
SELECT DISTINCT s.jurisdiction, a.category_original, a.category, m.category AS mapped_category
FROM allegations AS a
JOIN sources AS s USING (source_id)
LEFT JOIN category_map AS m
       ON m.jurisdiction = s.jurisdiction AND m.original_label = a.category_original
WHERE a.category_original IS NOT NULL
  AND (m.original_label IS NULL OR a.category IS DISTINCT FROM m.category)
