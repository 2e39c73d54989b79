-- name: allegations_categories_mapped
-- answers: published category labels in allegations that category_map does not list, or that disagree with it (a map row with a complaint_code applies to that code only, before the label's general row)
-- params: none
SELECT DISTINCT s.jurisdiction, a.category_original, a.category,
       coalesce(c.category, m.category) AS mapped_category
FROM allegations AS a
JOIN sources AS s USING (source_id)
LEFT JOIN category_map AS m
       ON m.jurisdiction = s.jurisdiction AND m.original_label = a.category_original
      AND m.complaint_code IS NULL
LEFT JOIN category_map AS c
       ON c.jurisdiction = s.jurisdiction AND c.original_label = a.category_original
      AND c.complaint_code = a.category_code
WHERE a.category_original IS NOT NULL
  AND (coalesce(c.original_label, m.original_label) IS NULL
       OR a.category IS DISTINCT FROM coalesce(c.category, m.category))
