-- name: category_map_valid
-- answers: category_map rows with a category outside the vocabulary, or one label (for one complaint code, or for all codes) mapped twice
-- params: none
SELECT jurisdiction, original_label, 'bad category' AS problem
FROM category_map
WHERE category NOT IN ('domestic_violence', 'use_of_force', 'abuse_of_authority', 'discourtesy',
                       'bias', 'dishonesty', 'criminal_conduct', 'other')
UNION ALL
SELECT jurisdiction, original_label, 'duplicate label'
FROM category_map
GROUP BY jurisdiction, original_label, complaint_code
HAVING count(*) > 1
