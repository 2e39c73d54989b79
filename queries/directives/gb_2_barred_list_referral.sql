-- name: gb_2_barred_list_referral
-- answers: GB-2 for England and Wales, one observation: can the duty to report dismissed officers to the College of Policing within 5 working days be checked from published data? (not yet: insufficient_data)
-- params: none
SELECT
    d.directive_id,
    'GB-2/barred-list-referral' AS rule_id,
    'region' AS scope_level,
    'GB-EAW' AS scope_id,
    (SELECT region_id FROM regions WHERE region_id = 'GB-EAW') AS region_id,
    CAST(NULL AS DATE) AS observed_date,
    'insufficient_data' AS status,
    true AS in_jurisdiction,
    'Not checkable with the loaded data. It would take each force''s published dismissal '
        || 'outcomes (and findings that a former officer would have been dismissed) with their '
        || 'dates, joined person by person to the College of Policing''s barred-list entries '
        || 'with the date each report was made, so as to count the '
        || coalesce(CAST(d.deadline_days AS VARCHAR), '5')
        || ' working days from the dismissal (weekends and bank holidays excluded). The '
        || 'warehouse holds only IOPC case-to-answer counts by force, with no outcomes or dates.'
        AS evidence,
    nullif(trim(split_part(d.source_url, ' | ', 1)), '') AS evidence_url,
    'No published dataset links dismissals to barred-list reports with both dates, so no '
        || 'observation of the deadline is possible; the status stays insufficient_data until '
        || 'such data is loaded.' AS method,
    'curated_directives' AS source_id,
    'high' AS confidence,
    'not_checkable_with_loaded_data' AS status_reason,
    -- The same evidence and method in French (translated by the project)
    'Invérifiable avec les données chargées. Il faudrait les décisions de révocation publiées '
        || 'par chaque force (et les conclusions qu''un ancien agent aurait été révoqué) avec '
        || 'leurs dates, rapprochées personne par personne des inscriptions du College of '
        || 'Policing sur la liste d''interdiction avec la date de chaque signalement, afin de '
        || 'compter les ' || coalesce(CAST(d.deadline_days AS VARCHAR), '5')
        || ' jours ouvrés à partir de la révocation (week-ends et jours fériés exclus). '
        || 'L''entrepôt ne contient que les décomptes de l''IOPC des affaires appelant une '
        || 'réponse, par force, sans décisions ni dates.' AS evidence_fr,
    'Aucun jeu de données publié ne relie les révocations aux signalements à la liste '
        || 'd''interdiction avec leurs deux dates : aucune observation du délai n''est possible ; '
        || 'le statut reste « données insuffisantes » tant que de telles données ne sont pas '
        || 'chargées.' AS method_fr
FROM directives AS d
WHERE d.directive_id = 'GB-2'
