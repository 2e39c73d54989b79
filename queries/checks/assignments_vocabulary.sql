-- name: assignments_vocabulary
-- answers: assignments with a role outside the vocabulary, no officer, or an end before the start
-- params: none
SELECT officer_key, unit_id, role_category, start_date, end_date
FROM assignments
WHERE role_category NOT IN ('victim_facing', 'public_facing', 'back_office', 'unknown')
   OR officer_key IS NULL
   OR end_date < start_date
