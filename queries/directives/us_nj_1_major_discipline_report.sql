-- name: us_nj_1_major_discipline_report
-- answers: US-NJ-1 for New Jersey, one observation: can the duty to publish each agency's annual Major Discipline Report by 31 January be checked from published data? (not yet: insufficient_data)
-- params: none
-- US-NJ is not a region of the warehouse: region_id is NULL, scope_id names the state.
-- When the Attorney General's compilation is loaded (python -m etl --refresh --source
-- us_nj_ag_major_discipline --url ...), each agency and year in it adds an observation:
-- still insufficient_data, since the compilation gives no publication date to hold
-- against 31 January, but its evidence says what the agency reported.
SELECT
    d.directive_id,
    'US-NJ-1/major-discipline-report' AS rule_id,
    'region' AS scope_level,
    'US-NJ' AS scope_id,
    CAST(NULL AS VARCHAR) AS region_id,
    CAST(NULL AS DATE) AS observed_date,
    'insufficient_data' AS status,
    true AS in_jurisdiction,
    'Not checkable with the loaded data. It would take, for each New Jersey law-enforcement '
        || 'agency and reporting year, the date its annual Major Discipline Report was '
        || 'published on its website and sent to the Attorney General and County Prosecutor, '
        || 'compared with 31 January of the following year (the list of agencies expected to '
        || 'report is needed too, to find those that never published); or the Attorney '
        || 'General''s statewide compilation of these reports with the date each was received. '
        || 'No New Jersey data is loaded.' AS evidence,
    nullif(trim(split_part(d.source_url, ' | ', 1)), '') AS evidence_url,
    'No dated record of agency report publications is loaded, so no observation of the '
        || '31 January deadline is possible; the status stays insufficient_data until such '
        || 'data is loaded.' AS method,
    'curated_directives' AS source_id,
    'high' AS confidence,
    'not_checkable_with_loaded_data' AS status_reason,
    -- The same evidence and method in French (translated by the project)
    'Invérifiable avec les données chargées. Il faudrait, pour chaque service de police du '
        || 'New Jersey et chaque année de rapport, la date à laquelle son rapport annuel des '
        || 'sanctions disciplinaires lourdes a été publié sur son site et envoyé au procureur '
        || 'général et au procureur du comté, comparée au 31 janvier de l''année suivante (la '
        || 'liste des services tenus de publier est aussi nécessaire, pour trouver ceux qui '
        || 'n''ont jamais publié) ; ou la compilation de ces rapports par le procureur général '
        || 'pour tout l''État, avec la date de réception de chacun. Aucune donnée du New Jersey '
        || 'n''est chargée.' AS evidence_fr,
    'Aucun enregistrement daté des publications des rapports des services n''est chargé : '
        || 'aucune observation de l''échéance du 31 janvier n''est possible ; le statut reste '
        || '« données insuffisantes » tant que de telles données ne sont pas chargées.'
        AS method_fr
FROM directives AS d
WHERE d.directive_id = 'US-NJ-1'
UNION ALL
SELECT
    d.directive_id,
    'US-NJ-1/major-discipline-report' AS rule_id,
    'agency' AS scope_level,
    m.agency || ' (' || CAST(m.reporting_year AS VARCHAR) || ')' AS scope_id,
    CAST(NULL AS VARCHAR) AS region_id,
    make_date(m.reporting_year + 1, 1, 31) AS observed_date,
    'insufficient_data' AS status,
    true AS in_jurisdiction,
    m.agency || ' reported ' || CAST(count(*) AS VARCHAR) || ' major discipline(s) for '
        || CAST(m.reporting_year AS VARCHAR) || ' in the Attorney General''s compilation ('
        || CAST(count(*) FILTER (WHERE m.terminated) AS VARCHAR) || ' termination(s)); '
        || 'the compilation does not say when the agency published its report.' AS evidence,
    nullif(trim(split_part(d.source_url, ' | ', 1)), '') AS evidence_url,
    'An agency listed in the compilation did report for that year, but without the date of '
        || 'its own publication the 31 January deadline cannot be checked.' AS method,
    m.source_id,
    'medium' AS confidence,
    'no_publication_date_in_compilation' AS status_reason,
    m.agency || ' a déclaré ' || CAST(count(*) AS VARCHAR)
        || ' sanction(s) disciplinaire(s) lourde(s) pour ' || CAST(m.reporting_year AS VARCHAR)
        || ' dans la compilation du procureur général ('
        || CAST(count(*) FILTER (WHERE m.terminated) AS VARCHAR) || ' révocation(s)) ; '
        || 'la compilation ne dit pas quand le service a publié son rapport.' AS evidence_fr,
    'Un service figurant dans la compilation a bien fait sa déclaration pour cette année, '
        || 'mais sans la date de sa propre publication, l''échéance du 31 janvier ne peut pas '
        || 'être vérifiée.' AS method_fr
FROM major_discipline AS m
JOIN directives AS d ON d.directive_id = 'US-NJ-1'
GROUP BY d.directive_id, d.source_url, m.agency, m.reporting_year, m.source_id
