-- name: us_ny_nyc_1_departure_letter
-- answers: US-NY-NYC-1, one observation per substantiated NYC officer x case whose NYPD penalty is below the CCRB's position (the Board's recommendation; for APU cases the plea or Trial Commissioner penalty) or not yet known: was the Police Commissioner's departure letter published?
-- params: none
--
-- Decisions (reviewable):
-- * What the evidence can show (rules.toml, docs/methodology.md): a letter in the CCRB's
--   published list proves the Commissioner explained the departure (compliant); a case
--   missing from that list proves only that no letter was *published*, not that none was
--   written to the CCRB as the Charter requires, so it is insufficient_data with the
--   reason letter_not_in_published_list, never a violation. The rule's measure is the share
--   of qualifying departures with a published letter, not a compliance rate.
-- * Recommendations of training or instructions only (level advice) enter like the others:
--   they are remedial, not discipline, but the CCRB lists them among its recommendations and
--   the NYPD wrote published departure letters for 22 such cases that ended with no
--   penalty, so a final 'no penalty' is treated as a departure from them.
-- * 'Substantiated (Charges)' recommends prosecution, not a penalty: in APU cases the
--   reference is the plea or Trial Commissioner penalty (below); without one, a final
--   penalty below the charges level (a Command Discipline or less) is a departure in
--   category, which is how the CCRB itself counts departures.
-- * The recommendation is the Board Discipline Recommendation or, where that is blank
--   (mostly complaints before 2020), the recommendation in the CCRB's disposition label;
--   both are the Board's recommended category, so both enter, and the method says which.
-- * Departure = final_level below the CCRB's reference level on the common scale none(0) <
--   advice(1) < warning(2) < suspension(3) < demotion(4) < dismissal(5). Departures inside
--   one level (e.g. Command Discipline B -> A, 10 -> 5 vacation days) are invisible on this
--   scale and are not observed.
-- * The reference is the Board's recommendation (recommended_level), except in cases
--   prosecuted by the CCRB's Administrative Prosecution Unit (APU) where the CCRB's own
--   position at the end is known (apu_reference_level): the plea penalty its prosecutors
--   agreed (plea cases) or the Trial Commissioner's recommended penalty (trial cases), which
--   the Police Commissioner approves or departs from. An APU case whose final level is at or
--   above that reference but below the Board's recommendation is kept as not_applicable (the
--   NYPD imposed what the CCRB's prosecutors agreed or the Trial Commissioner recommended),
--   so that it is visible; a letter found for it is shown in the evidence. An APU case with
--   no plea or Trial Commissioner penalty on the common scale falls back to the Board's
--   recommendation, and its method says so. Plea or trial is told by final_outcome_detail
--   ('APU plea: ...' / 'APU trial: ...'), which the ETL sets from the same columns.
-- * The rule applies from coalesce(effective_date, issued_date) of US-NY-NYC-1 in the
--   directives table (2019-11-05, the Charter ballot). Cases closed before that date are
--   not_applicable, APU cases included: the earlier duty for APU cases came from another
--   instrument, and the CCRB's published letters start in December 2019.
-- * A letter matches on case and officer; a letter with no officer_key would count for every
--   officer of its case. A letter naming another officer of the same case does not count.
-- * Departures closed in or after the month of the letters list's last publication
--   (sources.retrieved_at) are pending: letters are posted by month.
-- * final_level NULL: officer retired, resigned, died or was terminated -> not_applicable;
--   APU case pending or in adjudication -> pending; no penalty and no date reported -> pending
--   when the complaint was received in or after the rule's year (first four digits of the
--   CCRB complaint number), else insufficient_data; any other closed case with no penalty
--   level (not guilty after trial, retained without discipline, statute of limitations...)
--   -> insufficient_data, because the common scale gives no final level to compare.
WITH rule AS (
    SELECT directive_id, coalesce(effective_date, issued_date) AS in_force_from
    FROM directives
    WHERE directive_id = 'US-NY-NYC-1'
),
letters_list AS (
    SELECT max(TRY_CAST(left(retrieved_at, 10) AS DATE)) AS last_published
    FROM sources
    WHERE source_id = 'us_nyc_ccrb_departure_letters'
),
penalties AS (
    SELECT
        a.case_id, a.officer_key, a.region_id, a.closed_date, a.recommended_outcome,
        a.recommended_level, a.final_outcome, a.final_level, a.final_outcome_detail,
        a.case_status, a.apu_reference_outcome, a.apu_reference_level,
        list_position(['none', 'advice', 'warning', 'suspension', 'demotion', 'dismissal'],
                      a.recommended_level) - 1 AS recommended_rank,
        list_position(['none', 'advice', 'warning', 'suspension', 'demotion', 'dismissal'],
                      a.apu_reference_level) - 1 AS apu_rank,
        CASE
            WHEN a.apu_reference_level IS NULL THEN NULL
            WHEN starts_with(coalesce(a.final_outcome_detail, ''), 'APU plea') THEN 'plea'
            ELSE 'trial'
        END AS apu_kind,
        starts_with(coalesce(a.final_outcome_detail, ''), 'APU') AS is_apu,
        list_position(['none', 'advice', 'warning', 'suspension', 'demotion', 'dismissal'],
                      a.final_level) - 1 AS final_rank,
        regexp_matches(coalesce(a.final_outcome, '') || ' ' || coalesce(a.case_status, ''),
                       'retired|resigned|deceased|death|terminated', 'i') AS officer_left,
        coalesce(a.final_outcome = 'APU - Decision Pending', false)
            OR coalesce(regexp_matches(a.case_status,
                                       '^pending$|in process|adjudication pending', 'i'),
                        false) AS case_open,
        a.final_outcome IS NULL AND a.closed_date IS NULL
            AND a.final_outcome_detail = 'Non-APU' AS nothing_reported,
        TRY_CAST(left(a.case_id, 4) AS INTEGER) AS complaint_year
    FROM allegations AS a
    WHERE a.source_id = 'us_nyc_ccrb_penalties'
      AND a.finding = 'sustained'
      AND a.recommended_level IS NOT NULL
),
candidates AS (
    SELECT *
    FROM penalties
    WHERE final_rank IS NULL
       OR final_rank < recommended_rank
       OR final_rank < apu_rank
),
matched AS (
    SELECT
        c.*,
        l.letter_url,
        l.report_year,
        l.report_month,
        r.report_url AS closing_report_url
    FROM candidates AS c
    LEFT JOIN (
        SELECT
            p.case_id, p.officer_key,
            arg_min(d.letter_url, make_date(d.report_year, coalesce(d.report_month, 1), 1))
                AS letter_url,
            min(d.report_year) AS report_year,
            arg_min(d.report_month, make_date(d.report_year, coalesce(d.report_month, 1), 1))
                AS report_month
        FROM candidates AS p
        JOIN departure_letters AS d
          ON d.case_id = p.case_id
         AND (d.officer_key = p.officer_key OR d.officer_key IS NULL)
        GROUP BY p.case_id, p.officer_key
    ) AS l
      ON l.case_id = c.case_id AND l.officer_key = c.officer_key
    LEFT JOIN closing_reports AS r ON r.case_id = c.case_id
),
decided AS (
    SELECT
        m.*,
        rule.directive_id,
        rule.in_force_from,
        letters_list.last_published,
        CASE
            WHEN m.closed_date < rule.in_force_from THEN 'before_rule'
            WHEN m.final_rank >= m.apu_rank THEN 'apu_agreed'
            WHEN m.letter_url IS NOT NULL THEN 'letter'
            WHEN m.final_rank IS NOT NULL AND letters_list.last_published IS NULL
                THEN 'no_letters_list'
            WHEN m.final_rank IS NOT NULL
             AND m.closed_date >= date_trunc('month', letters_list.last_published)
                THEN 'too_recent'
            WHEN m.final_rank IS NOT NULL THEN 'no_letter'
            WHEN m.officer_left THEN 'officer_left'
            WHEN m.case_open THEN 'case_open'
            WHEN m.nothing_reported AND m.complaint_year >= year(rule.in_force_from)
                THEN 'not_reported_recent'
            WHEN m.nothing_reported THEN 'not_reported_old'
            ELSE 'no_final_level'
        END AS outcome,
        -- What the final penalty is compared with, in the method's words.
        CASE m.apu_kind
            WHEN 'plea' THEN 'the APU plea penalty the CCRB''s prosecutors agreed'
            WHEN 'trial' THEN 'the penalty the APU Trial Commissioner recommended'
            ELSE 'the Board''s recommendation'
        END AS reference_words,
        CASE
            WHEN m.is_apu AND m.apu_kind IS NULL
                THEN ' (APU case with no plea or Trial Commissioner penalty on the common '
                     || 'scale: the Board''s recommendation is the reference)'
            ELSE ''
        END AS fallback_words
    FROM matched AS m, rule, letters_list
)
SELECT
    directive_id,
    'US-NY-NYC-1/departure-letter' AS rule_id,
    'case' AS scope_level,
    case_id || ':' || officer_key AS scope_id,
    region_id,
    closed_date AS observed_date,
    CASE outcome
        WHEN 'before_rule' THEN 'not_applicable'
        WHEN 'apu_agreed' THEN 'not_applicable'
        WHEN 'letter' THEN 'compliant'
        WHEN 'no_letters_list' THEN 'insufficient_data'
        WHEN 'too_recent' THEN 'pending'
        -- absence from a published list is a publication gap, not proof of a breach
        WHEN 'no_letter' THEN 'insufficient_data'
        WHEN 'officer_left' THEN 'not_applicable'
        WHEN 'case_open' THEN 'pending'
        WHEN 'not_reported_recent' THEN 'pending'
        ELSE 'insufficient_data'
    END AS status,
    true AS in_jurisdiction,
    'CCRB case ' || case_id || ', officer ' || officer_key
        || ': Board recommended ''' || recommended_outcome || ''' (' || recommended_level || ')'
        || CASE apu_kind
               WHEN 'plea' THEN ', APU plea agreed '''
               WHEN 'trial' THEN ', APU Trial Commissioner recommended '''
               ELSE ''
           END
        || CASE
               WHEN apu_kind IS NOT NULL
                   THEN apu_reference_outcome || ''' (' || apu_reference_level || ')'
               ELSE ''
           END
        || CASE
               WHEN final_level IS NOT NULL
                   THEN ', NYPD imposed ''' || final_outcome || ''' (' || final_level || ')'
               WHEN final_outcome IS NOT NULL
                   THEN ', NYPD outcome ''' || final_outcome || ''' (no level on the common scale)'
               ELSE ', no NYPD penalty in the data'
           END
        || ' [' || coalesce(final_outcome_detail, 'stage unknown') || ']'
        || CASE
               WHEN closed_date IS NOT NULL THEN ', discipline closed ' || closed_date
               ELSE ', no closing date'
           END
        || CASE
               WHEN letter_url IS NOT NULL
                   THEN '; departure letter published ' || report_year
                        || coalesce('-' || lpad(CAST(report_month AS VARCHAR), 2, '0'), '')
               WHEN outcome IN ('no_letter', 'too_recent')
                   THEN '; no letter for this case and officer in the CCRB''s published list as of '
                        || last_published
               ELSE ''
           END AS evidence,
    -- Never the letter's own address: its file name holds the officer's NYPD tax id, which
    -- beside scope_id would undo the pseudonym (docs/privacy.md). The CCRB's letters page
    -- (the directive's first source_url) is searchable by case number.
    coalesce(
        CASE WHEN letter_url IS NOT NULL OR outcome IN ('no_letter', 'too_recent')
             THEN coalesce(
                      nullif(trim(split_part((SELECT source_url FROM directives
                                              WHERE directive_id = 'US-NY-NYC-1'), ' | ', 1)), ''),
                      (SELECT url FROM sources
                       WHERE source_id = 'us_nyc_ccrb_departure_letters')) END,
        closing_report_url,
        (SELECT url FROM sources WHERE source_id = 'us_nyc_ccrb_penalties')
    ) AS evidence_url,
    CASE outcome
        WHEN 'before_rule'
            THEN 'Discipline closed before ' || in_force_from || ', the date of US-NY-NYC-1 in '
                 || 'the directives table: the duty to explain departures in all CCRB cases did '
                 || 'not yet apply (the earlier duty for APU cases is another instrument and the '
                 || 'published letters start in Dec 2019, so APU cases are not checked either).'
        WHEN 'apu_agreed'
            THEN CASE
                     WHEN final_outcome = apu_reference_outcome AND apu_kind = 'plea'
                         THEN 'The NYPD imposed the penalty the CCRB''s prosecutors agreed in the '
                              || 'APU plea'
                     WHEN final_outcome = apu_reference_outcome
                         THEN 'The NYPD imposed the penalty the APU Trial Commissioner '
                              || 'recommended, which the Police Commissioner approved'
                     ELSE 'The NYPD penalty is at or above the level of ' || reference_words
                          || ' on the common scale (a departure inside one level would not be '
                          || 'seen)'
                 END
                 || ': the CCRB''s own position at the end of an APU case, so there is no '
                 || 'departure by the Police Commissioner and no departure letter is required, '
                 || 'though the penalty is below the Board''s earlier recommendation.'
        WHEN 'letter'
            THEN 'Final NYPD penalty, on the common scale (none < advice < warning < '
                 || 'suspension < demotion < dismissal), below ' || reference_words
                 || fallback_words || ', and the CCRB''s published departure letters include '
                 || 'this case and officer.'
        WHEN 'no_letters_list'
            THEN 'Final NYPD penalty below ' || reference_words || fallback_words
                 || ', but the CCRB departure letters list is not loaded, so the letter cannot '
                 || 'be checked.'
        WHEN 'too_recent'
            THEN 'Final NYPD penalty below ' || reference_words || fallback_words
                 || ', closed in or after the month of the last published letters list ('
                 || last_published || '): letters are posted by month, so this one may not be '
                 || 'published yet.'
        WHEN 'no_letter'
            THEN 'Final NYPD penalty, on the common scale, below ' || reference_words
                 || fallback_words || ', closed after the rule took effect, and no letter for '
                 || 'this case and officer in the CCRB''s published list as of its last '
                 || 'publication (' || last_published || '). The Charter requires a letter to '
                 || 'the CCRB, not its publication: a case missing from the published list may '
                 || 'still have a letter, so this is a publication gap, not a proven breach.'
        WHEN 'officer_left'
            THEN 'No penalty because the officer retired, resigned, died or was terminated: not '
                 || 'a sanction, so there is no departure to explain.'
        WHEN 'case_open'
            THEN 'The NYPD penalty is not known yet: the APU case is pending or in adjudication.'
        WHEN 'not_reported_recent'
            THEN 'No NYPD penalty and no penalty date reported for a complaint received in or '
                 || 'after ' || year(in_force_from) || ' (complaint number year): the penalty is '
                 || 'treated as not known yet.'
        WHEN 'not_reported_old'
            THEN 'No NYPD penalty and no penalty date reported for a complaint received before '
                 || year(in_force_from) || ': whether it closed before or after the rule, and '
                 || 'with what penalty, cannot be told.'
        ELSE 'Closed with no penalty level on the common scale (e.g. not guilty after trial, '
             || 'retained without discipline, statute of limitations expired): whether the '
             || 'final outcome departs downward cannot be decided from final_level.'
    END AS method,
    CASE
        WHEN outcome IN ('letter', 'no_letter', 'too_recent') THEN 'us_nyc_ccrb_departure_letters'
        ELSE 'us_nyc_ccrb_penalties'
    END AS source_id,
    CASE
        WHEN outcome IN ('no_letter', 'too_recent', 'not_reported_recent') THEN 'medium'
        WHEN outcome = 'apu_agreed' AND final_outcome IS DISTINCT FROM apu_reference_outcome
            THEN 'medium'
        ELSE 'high'
    END AS confidence,
    CASE outcome
        WHEN 'before_rule' THEN 'closed_before_rule'
        WHEN 'apu_agreed' THEN 'apu_reference_penalty_imposed'
        WHEN 'letter' THEN 'letter_published'
        WHEN 'no_letters_list' THEN 'letters_list_not_loaded'
        WHEN 'too_recent' THEN 'closed_after_last_list'
        WHEN 'no_letter' THEN 'letter_not_in_published_list'
        WHEN 'officer_left' THEN 'officer_left'
        WHEN 'case_open' THEN 'case_open'
        WHEN 'not_reported_recent' THEN 'penalty_not_reported_yet'
        WHEN 'not_reported_old' THEN 'penalty_not_reported'
        ELSE 'no_final_level'
    END AS status_reason
FROM decided
