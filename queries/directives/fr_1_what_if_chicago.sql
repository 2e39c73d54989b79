-- name: fr_1_what_if_chicago
-- answers: FR-1 as a what-if on Chicago, one observation per officer x case with a sustained domestic-violence finding: was the officer kept out of public-facing and victim-facing units after the decision?
-- params: none
--
-- Decisions (reviewable):
-- * Trigger: a sustained domestic_violence allegation (us_chicago_cpdp_complaints); its
--   closed_date stands in for the date of a final conviction (the decision date D).
-- * Grace period G = deadline_days of FR-1 in the directives table (0: "immediately"), not a
--   constant here; the evidence gives the days to the first back-office assignment, so a
--   longer grace can be judged by the reader.
-- * Units and roles: assignments from us_chicago_cpdp_units, roles from
--   data/reference/maps/unit_role_US-IL-CHI.csv. end_date NULL is an open assignment (the
--   publisher's 2018-06-01 placeholder), which does not prove the officer still served.
-- * violation: a public_facing or victim_facing assignment after D + G, shown by a recorded
--   end date after D + G, by an assignment starting after D, or by an open assignment
--   spanning D when a later complaint (incident after D + G) shows the officer still served.
-- * compliant: in a back_office unit on D + G, and no such exposure afterwards.
-- * not_applicable: the outcome was separation/dismissal or resignation, or the unit history
--   has no assignment after D (left the force).
-- * insufficient_data: no closed date; officer not in the unit history; D + G after the
--   unit history ends (Oct 2016); role unknown; or an open public-facing assignment with no
--   sign that the officer still served after D.
WITH rule AS (
    SELECT directive_id, coalesce(deadline_days, 0) AS grace_days
    FROM directives
    WHERE directive_id = 'FR-1'
),
history AS (
    SELECT
        officer_key, role_category, start_date, end_date,
        coalesce(unit_name, 'unit ' || coalesce(unit_id, '?')) || ' (' || role_category
            || ') from ' || start_date
            || coalesce(' to ' || end_date, ', open-ended') AS label
    FROM assignments
    WHERE source_id = 'us_chicago_cpdp_units'
),
history_end AS (
    SELECT max(greatest(start_date, coalesce(end_date, start_date))) AS last_date
    FROM history
),
triggers AS (
    SELECT
        a.officer_key,
        a.case_id,
        min(a.region_id) AS region_id,
        min(a.closed_date) AS decided,
        string_agg(DISTINCT a.final_outcome, ' / ') AS final_outcomes,
        bool_or(coalesce(a.final_level = 'dismissal', false)
                OR regexp_matches(coalesce(a.final_outcome, ''), 'resign', 'i')) AS separated
    FROM allegations AS a
    WHERE a.source_id = 'us_chicago_cpdp_complaints'
      AND a.category = 'domestic_violence'
      AND a.finding = 'sustained'
      AND a.officer_key IS NOT NULL
    GROUP BY a.officer_key, a.case_id
),
windows AS (
    SELECT t.*, rule.directive_id, t.decided + CAST(rule.grace_days AS INTEGER) AS window_end
    FROM triggers AS t, rule
),
served AS (
    -- the latest complaint incident after D + G: the officer was still serving then
    SELECT w.officer_key, w.case_id, max(c.incident_date) AS last_incident
    FROM windows AS w
    JOIN allegations AS c
      ON c.source_id = 'us_chicago_cpdp_complaints'
     AND c.officer_key = w.officer_key
     AND c.incident_date > w.window_end
    GROUP BY w.officer_key, w.case_id
),
spans AS (
    SELECT
        w.officer_key,
        w.case_id,
        h.role_category,
        h.start_date,
        h.end_date,
        h.label,
        h.start_date <= w.window_end
            AND (h.end_date IS NULL OR h.end_date >= w.window_end) AS covers_window_end,
        h.start_date <= w.decided
            AND (h.end_date IS NULL OR h.end_date >= w.decided) AS covers_decision,
        coalesce(h.end_date > w.window_end, false)
            OR (h.start_date > w.decided AND h.end_date IS NULL) AS recorded_after,
        h.end_date IS NULL AND h.start_date <= w.decided AS open_across,
        h.start_date >= w.decided AS started_after,
        s.last_incident IS NOT NULL AS served_after
    FROM windows AS w
    JOIN history AS h ON h.officer_key = w.officer_key
    LEFT JOIN served AS s ON s.officer_key = w.officer_key AND s.case_id = w.case_id
    WHERE w.decided IS NOT NULL
),
per_trigger AS (
    SELECT
        officer_key,
        case_id,
        count(*) AS assignments,
        arg_max(label, start_date) FILTER (WHERE covers_window_end) AS at_window_end,
        arg_max(role_category, start_date) FILTER (WHERE covers_window_end) AS role_at_window_end,
        bool_or(covers_window_end AND open_across) AS open_at_window_end,
        bool_or(role_category IN ('public_facing', 'victim_facing')
                AND (recorded_after OR (open_across AND served_after))) AS exposed,
        arg_min(label, start_date) FILTER (
            WHERE role_category IN ('public_facing', 'victim_facing')
              AND (recorded_after OR (open_across AND served_after))) AS first_exposure,
        bool_or(role_category IN ('public_facing', 'victim_facing') AND recorded_after)
            AS exposed_recorded,
        bool_or(role_category = 'victim_facing'
                AND (recorded_after OR (open_across AND served_after))) AS victim_facing_after,
        bool_or(recorded_after OR open_across) AS any_after,
        bool_or(covers_decision AND role_category = 'back_office') AS back_office_on_decision,
        min(start_date) FILTER (WHERE started_after AND role_category = 'back_office')
            AS first_back_office_start,
        arg_min(label, start_date) FILTER (WHERE started_after AND role_category = 'back_office')
            AS first_back_office
    FROM spans
    GROUP BY officer_key, case_id
),
decided AS (
    SELECT
        w.*,
        p.assignments,
        p.at_window_end,
        p.role_at_window_end,
        p.open_at_window_end,
        p.exposed,
        p.first_exposure,
        p.exposed_recorded,
        p.victim_facing_after,
        p.any_after,
        p.back_office_on_decision,
        p.first_back_office,
        date_diff('day', w.decided, p.first_back_office_start) AS days_to_back_office,
        s.last_incident,
        history_end.last_date AS history_last_date,
        CASE
            WHEN w.decided IS NULL THEN 'no_date'
            WHEN w.separated THEN 'separated'
            WHEN coalesce(p.assignments, 0) = 0 THEN 'no_history'
            WHEN w.window_end > history_end.last_date THEN 'after_history'
            WHEN p.exposed THEN 'exposed'
            WHEN p.role_at_window_end = 'back_office' THEN 'back_office'
            WHEN NOT p.any_after THEN 'left'
            WHEN p.role_at_window_end = 'unknown' THEN 'unknown_role'
            WHEN p.role_at_window_end IS NULL THEN 'gap'
            ELSE 'no_proof_of_service'
        END AS outcome
    FROM windows AS w
    LEFT JOIN per_trigger AS p ON p.officer_key = w.officer_key AND p.case_id = w.case_id
    LEFT JOIN served AS s ON s.officer_key = w.officer_key AND s.case_id = w.case_id
    CROSS JOIN history_end
)
SELECT
    directive_id,
    'FR-1/what-if-chicago' AS rule_id,
    'officer' AS scope_level,
    officer_key || ':' || case_id AS scope_id,
    region_id,
    decided AS observed_date,
    CASE outcome
        WHEN 'exposed' THEN 'violation'
        WHEN 'back_office' THEN 'compliant'
        WHEN 'separated' THEN 'not_applicable'
        WHEN 'left' THEN 'not_applicable'
        ELSE 'insufficient_data'
    END AS status,
    false AS in_jurisdiction,
    'CR ' || case_id || ', officer ' || officer_key
        || ': sustained domestic-violence finding, closed '
        || coalesce(CAST(decided AS VARCHAR), '(no date)')
        || ', final outcome ' || coalesce('''' || final_outcomes || '''', 'not recorded') || '. '
        || CASE
               WHEN outcome IN ('no_date', 'separated', 'no_history') THEN ''
               ELSE 'On the decision date: '
                    || coalesce(at_window_end, 'no assignment in the unit history') || '. '
           END
        || CASE
               WHEN outcome = 'exposed'
                   THEN 'After it: '
                        || CASE
                               WHEN first_exposure = at_window_end THEN 'still in that unit'
                               ELSE first_exposure
                           END || '. '
               ELSE ''
           END
        || CASE
               WHEN outcome IN ('no_date', 'separated', 'no_history', 'after_history') THEN ''
               WHEN back_office_on_decision THEN 'Already in a back-office unit on that date. '
               WHEN first_back_office IS NOT NULL
                   THEN 'First back-office assignment ' || days_to_back_office
                        || ' days after the decision: ' || first_back_office || '. '
               ELSE 'No back-office assignment after the decision. '
           END
        || CASE
               WHEN last_incident IS NOT NULL AND outcome IN ('exposed', 'no_proof_of_service')
                   THEN 'Still serving after it: complaint about an incident on '
                        || last_incident || '. '
               ELSE ''
           END
        || CASE
               WHEN outcome = 'after_history'
                   THEN 'The unit history ends on ' || history_last_date || '.'
               ELSE ''
           END AS evidence,
    (SELECT url FROM sources WHERE source_id = 'us_chicago_cpdp_units') AS evidence_url,
    'What-if (FR-1 is French; no Chicago rule of this kind was found): a sustained domestic-violence finding '
        || 'stands in for a final conviction and its closed date for the conviction date; '
        || CASE outcome
               WHEN 'exposed'
                   THEN 'the officer was in a public- or victim-facing unit after that date '
                        || CASE
                               WHEN exposed_recorded
                                   THEN '(a recorded assignment continues or starts after it)'
                               ELSE '(an open assignment spanning it, and a later complaint '
                                    || 'shows the officer still served)'
                           END
               WHEN 'back_office'
                   THEN 'the officer was in a back-office unit on that date and no later '
                        || 'public- or victim-facing assignment is recorded'
               WHEN 'separated'
                   THEN 'the outcome was separation or resignation, so there is no later '
                        || 'assignment to check'
               WHEN 'left'
                   THEN 'the unit history has no assignment after that date: the officer had '
                        || 'left the force'
               WHEN 'no_date' THEN 'the case has no closed date'
               WHEN 'no_history' THEN 'the officer is not in the unit history'
               WHEN 'after_history'
                   THEN 'the decision comes after the unit history ends, so there is no '
                        || 'follow-up'
               WHEN 'unknown_role'
                   THEN 'the unit held on that date has no known role'
               WHEN 'gap' THEN 'no assignment covers that date'
               ELSE 'the officer was in a public- or victim-facing unit on an open assignment, '
                    || 'but nothing shows that the officer still served after the decision'
           END
        || ' (grace period ' || (SELECT grace_days FROM rule)
        || ' days, the deadline_days of FR-1; roles from maps/unit_role_US-IL-CHI.csv).' AS method,
    CASE
        WHEN outcome IN ('no_date', 'separated') THEN 'us_chicago_cpdp_complaints'
        ELSE 'us_chicago_cpdp_units'
    END AS source_id,
    CASE
        WHEN outcome IN ('exposed', 'back_office', 'left') THEN 'medium'
        ELSE 'high'
    END AS confidence,
    CASE outcome
        WHEN 'exposed' THEN 'public_contact_after_decision'
        WHEN 'back_office' THEN 'back_office_after_decision'
        WHEN 'separated' THEN 'officer_separated'
        WHEN 'left' THEN 'officer_left'
        WHEN 'no_date' THEN 'no_decision_date'
        WHEN 'no_history' THEN 'officer_not_in_unit_history'
        WHEN 'after_history' THEN 'decision_after_unit_history'
        WHEN 'unknown_role' THEN 'unit_role_unknown'
        WHEN 'gap' THEN 'no_assignment_on_decision_date'
        ELSE 'no_proof_of_service'
    END AS status_reason
FROM decided
