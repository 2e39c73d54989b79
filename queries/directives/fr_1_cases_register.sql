-- name: fr_1_cases_register
-- answers: FR-1, one observation per event of the curated French cases register that bears on FR-1, with the register's assessment made safe by the confidence policy
-- params: none
--
-- The status is the register's status_vs_directive, with two guards enforced here and not
-- left to the curator:
-- * 'violation' needs official or court evidence that is not low confidence; otherwise it
--   becomes 'alleged_violation' (a press report never proves a violation);
-- * FR-1 is triggered only by a final conviction: a (alleged) violation recorded on a
--   non-final conviction (legal_status 'convicted_nonfinal') becomes 'policy_gap'.
-- event_date 'YYYY-MM' is dated the first of the month; an empty date gives NULL.
WITH rule AS (
    SELECT directive_id FROM directives WHERE directive_id = 'FR-1'
),
events AS (
    SELECT
        e.*,
        CASE
            WHEN e.status_vs_directive IN ('violation', 'alleged_violation')
             AND e.legal_status = 'convicted_nonfinal' THEN 'policy_gap'
            WHEN e.status_vs_directive = 'violation'
             AND (coalesce(e.source_type, '') NOT IN ('official', 'court')
                  OR coalesce(e.confidence, 'low') = 'low') THEN 'alleged_violation'
            ELSE e.status_vs_directive
        END AS safe_status
    FROM case_events AS e
    WHERE e.directive_id = 'FR-1'
)
SELECT
    rule.directive_id,
    'FR-1/cases-register' AS rule_id,
    'case' AS scope_level,
    e.case_id AS scope_id,
    e.region_id,
    coalesce(TRY_CAST(e.event_date AS DATE),
             TRY_CAST(try_strptime(e.event_date, '%Y-%m') AS DATE)) AS observed_date,
    e.safe_status AS status,
    true AS in_jurisdiction,
    coalesce(e.description, '(no description)') || ' Legal status: '
        || replace(e.legal_status, '_', ' ') || ' (' || e.event_type || ', '
        || coalesce(e.source_type, 'unknown') || ' source).' AS evidence,
    nullif(trim(split_part(e.source_url, ' | ', 1)), '') AS evidence_url,
    CASE
        WHEN e.safe_status IS DISTINCT FROM e.status_vs_directive
            THEN 'The register''s assessment ''' || e.status_vs_directive || ''' was changed to '''
                 || e.safe_status || ''': '
                 || CASE e.safe_status
                        WHEN 'policy_gap'
                            THEN 'FR-1 covers only final convictions, and this one is not final.'
                        ELSE 'a violation needs official or court evidence that is not low '
                             || 'confidence.'
                    END
        ELSE 'The curated register''s assessment of this event against FR-1 (a final '
             || 'conviction for intrafamily violence requires immediate removal from public '
             || 'contact), kept as recorded: it passes the confidence policy.'
    END AS method,
    'curated_cases_register' AS source_id,
    e.confidence
FROM events AS e, rule
