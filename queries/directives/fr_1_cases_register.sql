-- name: fr_1_cases_register
-- answers: FR-1, one observation per event of the curated French cases register that bears on FR-1, its status derived from the event's judgment, finality, date and evidence
-- params: none
--
-- The register records facts (judgment, court, finality, public contact, date, source); the
-- status is derived here, never typed by hand:
-- * an event dated before FR-1 (2 Aug 2021) -> policy_gap: the instruction did not exist;
-- * no conviction (alternative to prosecution, none) -> policy_gap when the event shows a
--   risk FR-1 does not reach (FR-1 needs a conviction), else not_applicable;
-- * an acquittal -> not_applicable (FR-1 is not triggered, even while a cassation appeal
--   against it is pending); an annulled judgment awaiting retrial -> pending;
-- * a conviction whose finality is first_instance, appeal or cassation_pending is not final:
--   FR-1 is not triggered, so public contact after it is a policy_gap, and the conviction
--   alone is not_applicable;
-- * a conviction whose finality is unknown -> insufficient_data, whatever else is reported:
--   FR-1 applies only to a final conviction (Maisons-Alfort: conviction on appeal, 3 July
--   2024, finality not reported);
-- * a final conviction followed by public contact -> violation only on official or court
--   evidence that is not low confidence, else alleged_violation (a press report never proves
--   a violation); a final conviction with no report of public contact -> insufficient_data
--   (the removal is not documented either way).
-- event_date 'YYYY-MM' is dated the first of the month; an empty date gives NULL.
WITH rule AS (
    SELECT directive_id, coalesce(effective_date, issued_date) AS in_force_from
    FROM directives
    WHERE directive_id = 'FR-1'
),
events AS (
    SELECT
        e.*,
        coalesce(TRY_CAST(e.event_date AS DATE),
                 TRY_CAST(try_strptime(e.event_date, '%Y-%m') AS DATE)) AS dated,
        coalesce(e.source_type IN ('official', 'court') AND e.confidence <> 'low', false)
            AS official_evidence
    FROM case_events AS e
    WHERE e.directive_id = 'FR-1'
),
derived AS (
    SELECT
        e.*,
        rule.directive_id AS rule_directive,
        CASE
            WHEN e.dated < rule.in_force_from THEN 'before_directive'
            WHEN e.judgment IN ('none', 'alternative_to_prosecution')
                THEN CASE WHEN e.event_type IN ('allegation', 'assignment')
                          THEN 'no_conviction_gap' ELSE 'no_conviction' END
            WHEN e.judgment = 'acquittal' THEN 'acquitted'
            WHEN e.judgment = 'annulled' THEN 'retrial_pending'
            WHEN e.finality IN ('first_instance', 'appeal', 'cassation_pending')
                THEN CASE WHEN e.public_contact = 'yes'
                          THEN 'public_contact_after_nonfinal_conviction'
                          ELSE 'conviction_not_final' END
            WHEN e.finality = 'final' AND e.public_contact = 'yes'
                THEN CASE WHEN e.official_evidence THEN 'public_contact_after_final_conviction'
                          ELSE 'public_contact_reported_after_final_conviction' END
            WHEN e.finality = 'final' THEN 'final_conviction_removal_not_documented'
            ELSE 'finality_unknown'
        END AS reason
    FROM events AS e, rule
)
SELECT
    rule_directive AS directive_id,
    'FR-1/cases-register' AS rule_id,
    'case' AS scope_level,
    case_id AS scope_id,
    region_id,
    dated AS observed_date,
    CASE reason
        WHEN 'before_directive' THEN 'policy_gap'
        WHEN 'no_conviction_gap' THEN 'policy_gap'
        WHEN 'no_conviction' THEN 'not_applicable'
        WHEN 'acquitted' THEN 'not_applicable'
        WHEN 'retrial_pending' THEN 'pending'
        WHEN 'public_contact_after_nonfinal_conviction' THEN 'policy_gap'
        WHEN 'conviction_not_final' THEN 'not_applicable'
        WHEN 'public_contact_after_final_conviction' THEN 'violation'
        WHEN 'public_contact_reported_after_final_conviction' THEN 'alleged_violation'
        ELSE 'insufficient_data'
    END AS status,
    true AS in_jurisdiction,
    coalesce(description, '(no description)') || ' Judgment: ' || replace(judgment, '_', ' ')
        || coalesce(', court: ' || replace(court, '_', ' '), '')
        || coalesce(', finality: ' || replace(finality, '_', ' '), '')
        || '; public contact reported: ' || public_contact
        || ' (' || event_type || ', ' || coalesce(source_type, 'unknown') || ' source).'
        AS evidence,
    nullif(trim(split_part(source_url, ' | ', 1)), '') AS evidence_url,
    CASE reason
        WHEN 'before_directive'
            THEN 'The event is dated before FR-1 took effect (2 Aug 2021): the instruction did '
                 || 'not yet exist, so the case shows a gap it later addressed.'
        WHEN 'no_conviction_gap'
            THEN 'No conviction (the matter ended without one): FR-1 covers only final '
                 || 'convictions, so the risk reported here is outside it.'
        WHEN 'no_conviction' THEN 'No conviction: FR-1 is not triggered.'
        WHEN 'acquitted'
            THEN 'The standing judgment is an acquittal (' || coalesce(finality, 'finality unknown')
                 || '): FR-1 is not triggered.'
        WHEN 'retrial_pending'
            THEN 'The judgment was annulled and the case awaits retrial: whether FR-1 will '
                 || 'apply depends on the outcome.'
        WHEN 'public_contact_after_nonfinal_conviction'
            THEN 'Public contact after a conviction that is not final ('
                 || replace(finality, '_', ' ') || '): FR-1 covers only final convictions, so '
                 || 'this is a gap in the rule, not a breach of it.'
        WHEN 'conviction_not_final'
            THEN 'The conviction is not final (' || replace(finality, '_', ' ')
                 || '): FR-1 is not triggered yet.'
        WHEN 'public_contact_after_final_conviction'
            THEN 'Public contact after a final conviction, on official or court evidence.'
        WHEN 'public_contact_reported_after_final_conviction'
            THEN 'Public contact after a final conviction, reported by the press only: an '
                 || 'allegation, never a proven violation.'
        WHEN 'final_conviction_removal_not_documented'
            THEN 'A final conviction triggers FR-1, but no source says where the officer served '
                 || 'afterwards.'
        ELSE 'The sources do not say whether the conviction is final; FR-1 applies only to a '
             || 'final conviction, so its application cannot be decided.'
    END AS method,
    'curated_cases_register' AS source_id,
    confidence,
    reason AS status_reason,
    -- The same evidence and method in French (translated by the project): the event's French
    -- description and the facts in French words.
    coalesce(description_fr, '(pas de description)') || ' Jugement : '
        || CASE judgment
               WHEN 'conviction' THEN 'condamnation'
               WHEN 'acquittal' THEN 'relaxe'
               WHEN 'annulled' THEN 'annulé'
               WHEN 'alternative_to_prosecution' THEN 'alternative aux poursuites'
               WHEN 'none' THEN 'aucun'
               ELSE judgment
           END
        || coalesce(', juridiction : ' || CASE court
               WHEN 'first_instance' THEN 'première instance'
               WHEN 'appeal' THEN 'appel'
               WHEN 'cassation' THEN 'cassation'
               WHEN 'unknown' THEN 'non précisée'
               ELSE court
           END, '')
        || coalesce(', caractère définitif : ' || CASE finality
               WHEN 'first_instance' THEN 'non définitif (première instance)'
               WHEN 'appeal' THEN 'non définitif (appel)'
               WHEN 'cassation_pending' THEN 'non définitif (pourvoi en cassation pendant)'
               WHEN 'final' THEN 'définitif'
               WHEN 'unknown' THEN 'non précisé'
               ELSE finality
           END, '')
        || ' ; contact avec le public rapporté : '
        || CASE public_contact WHEN 'yes' THEN 'oui' WHEN 'no' THEN 'non' ELSE 'inconnu' END
        || ' (' || CASE event_type
               WHEN 'conviction' THEN 'condamnation'
               WHEN 'allegation' THEN 'allégation'
               WHEN 'assignment' THEN 'affectation'
               WHEN 'decision' THEN 'décision'
               ELSE event_type
           END
        || ', source : ' || CASE coalesce(source_type, 'unknown')
               WHEN 'press' THEN 'presse'
               WHEN 'official' THEN 'officielle'
               WHEN 'court' THEN 'judiciaire'
               ELSE 'inconnue'
           END || ').'
        AS evidence_fr,
    CASE reason
        WHEN 'before_directive'
            THEN 'L''événement est antérieur à l''entrée en vigueur de FR-1 (2 août 2021) : '
                 || 'l''instruction n''existait pas encore, l''affaire montre donc une lacune '
                 || 'qu''elle a ensuite comblée.'
        WHEN 'no_conviction_gap'
            THEN 'Pas de condamnation (l''affaire s''est terminée sans) : FR-1 ne vise que les '
                 || 'condamnations définitives, le risque rapporté ici est donc hors de son champ.'
        WHEN 'no_conviction' THEN 'Pas de condamnation : FR-1 n''est pas déclenchée.'
        WHEN 'acquitted'
            THEN 'Le jugement en vigueur est une relaxe ('
                 || CASE finality
                        WHEN 'first_instance' THEN 'première instance, non définitive'
                        WHEN 'appeal' THEN 'appel, non définitive'
                        WHEN 'cassation_pending' THEN 'pourvoi en cassation pendant'
                        WHEN 'final' THEN 'définitive'
                        ELSE 'caractère définitif inconnu'
                    END
                 || ') : FR-1 n''est pas déclenchée.'
        WHEN 'retrial_pending'
            THEN 'Le jugement a été annulé et l''affaire attend d''être rejugée : l''application '
                 || 'de FR-1 dépendra de l''issue.'
        WHEN 'public_contact_after_nonfinal_conviction'
            THEN 'Contact avec le public après une condamnation non définitive ('
                 || CASE finality
                        WHEN 'first_instance' THEN 'première instance'
                        WHEN 'appeal' THEN 'appel'
                        ELSE 'pourvoi en cassation pendant'
                    END
                 || ') : FR-1 ne vise que les condamnations définitives, il s''agit donc d''une '
                 || 'lacune de la règle, non d''un manquement à celle-ci.'
        WHEN 'conviction_not_final'
            THEN 'La condamnation n''est pas définitive ('
                 || CASE finality
                        WHEN 'first_instance' THEN 'première instance'
                        WHEN 'appeal' THEN 'appel'
                        ELSE 'pourvoi en cassation pendant'
                    END
                 || ') : FR-1 n''est pas encore déclenchée.'
        WHEN 'public_contact_after_final_conviction'
            THEN 'Contact avec le public après une condamnation définitive, sur preuve officielle '
                 || 'ou judiciaire.'
        WHEN 'public_contact_reported_after_final_conviction'
            THEN 'Contact avec le public après une condamnation définitive, rapporté par la seule '
                 || 'presse : une allégation, jamais un manquement prouvé.'
        WHEN 'final_conviction_removal_not_documented'
            THEN 'Une condamnation définitive déclenche FR-1, mais aucune source ne dit où le '
                 || 'policier a servi ensuite.'
        ELSE 'Les sources ne disent pas si la condamnation est définitive ; FR-1 ne s''applique '
             || 'qu''à une condamnation définitive, son application ne peut donc pas être tranchée.'
    END AS method_fr
FROM derived
