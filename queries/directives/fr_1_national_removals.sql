-- name: fr_1_national_removals
-- answers: FR-1 at national level, one observation for France: the published number of officers removed from public contact after a final conviction for intrafamily violence, and why compliance cannot be computed from it
-- params: none
--
-- Always insufficient_data: the Ministry published the numerator (officers removed from
-- public contact) but not the denominator (officers finally convicted of intrafamily
-- violence), so no removal rate can be computed. The figures are read from statistics
-- (measure removed_from_public_contact_dv and its Préfecture de police subset), not typed
-- here. observed_date is the end of the period as written in period_note ('... - 23 Sept
-- 2022'); NULL if it cannot be read. Confidence is the weakest of the rows used.
WITH rule AS (
    SELECT directive_id FROM directives WHERE directive_id = 'FR-1'
),
figures AS (
    SELECT *
    FROM statistics
    WHERE region_id = 'FR'
      AND measure IN ('removed_from_public_contact_dv',
                      'removed_from_public_contact_dv_prefecture_de_police')
      AND unit = 'count'
      AND year = (SELECT max(year) FROM statistics
                  WHERE region_id = 'FR' AND measure = 'removed_from_public_contact_dv')
),
summary AS (
    SELECT
        CAST(sum(value) FILTER (WHERE measure = 'removed_from_public_contact_dv') AS BIGINT)
            AS removed_total,
        CAST(sum(value) FILTER (WHERE measure = 'removed_from_public_contact_dv'
                                  AND subject = 'police_nationale') AS BIGINT) AS police,
        CAST(sum(value) FILTER (WHERE measure = 'removed_from_public_contact_dv'
                                  AND subject = 'gendarmerie') AS BIGINT) AS gendarmerie,
        CAST(sum(value) FILTER (WHERE measure
                                      = 'removed_from_public_contact_dv_prefecture_de_police')
             AS BIGINT) AS prefecture_de_police,
        any_value(period_note) FILTER (WHERE measure = 'removed_from_public_contact_dv')
            AS period_note,
        min(split_part(source_url, ' | ', 1))
            FILTER (WHERE measure = 'removed_from_public_contact_dv'
                      AND subject = 'police_nationale') AS police_url,
        min(split_part(source_url, ' | ', 1)) AS any_url,
        CASE
            WHEN bool_or(confidence = 'low') THEN 'low'
            WHEN bool_or(confidence = 'medium') THEN 'medium'
            WHEN bool_and(confidence = 'high') THEN 'high'
        END AS weakest_confidence,
        count(*) AS rows_used
    FROM figures
)
SELECT
    rule.directive_id,
    'FR-1/national-removals' AS rule_id,
    'region' AS scope_level,
    'FR' AS scope_id,
    'FR' AS region_id,
    TRY_CAST(try_strptime(
        replace(regexp_extract(s.period_note, '(\d{1,2} [A-Za-z]+ \d{4})', 1), 'Sept ', 'Sep '),
        '%d %b %Y') AS DATE) AS observed_date,
    'insufficient_data' AS status,
    true AS in_jurisdiction,
    CASE
        WHEN s.rows_used = 0
            THEN 'No published figure of officers removed from public contact under FR-1 is '
                 || 'loaded (statistics measure removed_from_public_contact_dv).'
        ELSE 'Published: ' || coalesce(CAST(s.police AS VARCHAR), '?')
             || ' police officers (of whom '
             || coalesce(CAST(s.prefecture_de_police AS VARCHAR), '?')
             || ' at the Préfecture de police) + '
             || coalesce(CAST(s.gendarmerie AS VARCHAR), '?') || ' gendarmes = '
             || coalesce(CAST(s.removed_total AS VARCHAR), '?')
             || ' removed from public contact after a final conviction for intrafamily '
             || 'violence (' || coalesce(split_part(s.period_note, ';', 1), 'period not stated')
             || '). Not published: how many officers were finally convicted in that period, '
             || 'so the share removed (and any officer not removed) is unknown.'
    END AS evidence,
    coalesce(s.police_url, s.any_url) AS evidence_url,
    'A compliance rate needs removals / final convictions of officers for intrafamily '
        || 'violence; only the numerator is published, so the national observation is '
        || 'insufficient_data whatever the count.' AS method,
    'curated_fr_national_sanctions' AS source_id,
    coalesce(s.weakest_confidence, 'high') AS confidence,
    'denominator_not_published' AS status_reason,
    -- The same evidence and method in French (translated by the project)
    CASE
        WHEN s.rows_used = 0
            THEN 'Aucun chiffre publié d''agents écartés du contact avec le public au titre de '
                 || 'FR-1 n''est chargé (mesure statistique removed_from_public_contact_dv).'
        ELSE 'Publié : ' || coalesce(CAST(s.police AS VARCHAR), '?')
             || ' policiers (dont '
             || coalesce(CAST(s.prefecture_de_police AS VARCHAR), '?')
             || ' à la Préfecture de police) + '
             || coalesce(CAST(s.gendarmerie AS VARCHAR), '?') || ' gendarmes = '
             || coalesce(CAST(s.removed_total AS VARCHAR), '?')
             || ' agents écartés du contact avec le public après une condamnation définitive '
             || 'pour violences intrafamiliales'
             || coalesce(' (période se terminant le ' || strftime(TRY_CAST(try_strptime(
                    replace(regexp_extract(s.period_note, '(\d{1,2} [A-Za-z]+ \d{4})', 1),
                            'Sept ', 'Sep '), '%d %b %Y') AS DATE), '%d/%m/%Y') || ')', '')
             || '. Non publié : combien d''agents ont été condamnés définitivement sur cette '
             || 'période ; la part des agents écartés (et tout agent non écarté) est donc inconnue.'
    END AS evidence_fr,
    'Un taux de respect demande le rapport entre les agents écartés et les agents condamnés '
        || 'définitivement pour violences intrafamiliales ; seul le numérateur est publié, '
        || 'l''observation nationale relève donc des « données insuffisantes », quel que soit '
        || 'le nombre.' AS method_fr
FROM summary AS s, rule
