-- name: jurisdiction_names
-- answers: every jurisdiction of the warehouse with its English and French names (data/reference/curated/jurisdictions.csv), so that pages name a jurisdiction without knowing it in code
-- params: none
SELECT code, name_en, name_fr
FROM jurisdictions
ORDER BY code
