-- name: compare_declarations
-- answers: what the Compare page cannot derive from the data (queries/measures/comparisons.toml, loaded at build): the settings (jurisdiction NULL), then each declared jurisdiction's block, as JSON, in the file's order
-- params: none
SELECT jurisdiction, declaration
FROM comparisons
ORDER BY position
