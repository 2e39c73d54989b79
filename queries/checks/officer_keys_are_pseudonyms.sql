-- name: officer_keys_are_pseudonyms
-- answers: officer keys that are not 16-hex-digit pseudonyms (a raw publisher id leaked)
-- params: none
SELECT 'allegations' AS in_table, officer_key FROM allegations
WHERE officer_key IS NOT NULL AND NOT regexp_full_match(officer_key, '[0-9a-f]{16}')
UNION ALL
SELECT 'assignments', officer_key FROM assignments
WHERE NOT regexp_full_match(officer_key, '[0-9a-f]{16}')
UNION ALL
SELECT 'departure_letters', officer_key FROM departure_letters
WHERE officer_key IS NOT NULL AND NOT regexp_full_match(officer_key, '[0-9a-f]{16}')
UNION ALL
SELECT 'settlements', officer_key FROM settlements
WHERE officer_key IS NOT NULL AND NOT regexp_full_match(officer_key, '[0-9a-f]{16}')
