-- name: gb_3_barred_list
-- answers: GB-3 for England and Wales, one observation: can the bar on employing people on the Police Barred List be checked from published data? (not yet: insufficient_data)
-- params: none
SELECT
    d.directive_id,
    'GB-3/barred-list' AS rule_id,
    'region' AS scope_level,
    'GB-EAW' AS scope_id,
    (SELECT region_id FROM regions WHERE region_id = 'GB-EAW') AS region_id,
    CAST(NULL AS DATE) AS observed_date,
    'insufficient_data' AS status,
    true AS in_jurisdiction,
    'Not checkable with the loaded data. It would take the College of Policing''s Police '
        || 'Barred List (who was barred, from when) joined to later appointments by policing '
        || 'bodies (who was employed or appointed, where and from when), to find anyone '
        || 'appointed while barred. Neither is loaded in the warehouse.' AS evidence,
    nullif(trim(split_part(d.source_url, ' | ', 1)), '') AS evidence_url,
    'No published data on appointments can be joined to the barred list, so no observation '
        || 'is possible; the status stays insufficient_data until such data is loaded.'
        AS method,
    'curated_directives' AS source_id,
    'high' AS confidence,
    'not_checkable_with_loaded_data' AS status_reason,
    -- The same evidence and method in French (translated by the project)
    'Invérifiable avec les données chargées. Il faudrait la Police Barred List du College of '
        || 'Policing (qui a été inscrit, depuis quand) rapprochée des nominations ultérieures '
        || 'par les organismes de police (qui a été employé ou nommé, où et depuis quand), pour '
        || 'trouver toute personne nommée alors qu''elle était inscrite. Aucune des deux n''est '
        || 'chargée dans l''entrepôt.' AS evidence_fr,
    'Aucune donnée publiée sur les nominations ne peut être rapprochée de la liste '
        || 'd''interdiction : aucune observation n''est possible ; le statut reste « données '
        || 'insuffisantes » tant que de telles données ne sont pas chargées.' AS method_fr
FROM directives AS d
WHERE d.directive_id = 'GB-3'
