-- name: overview_fr_national_figures
-- answers: the French national discipline figures for the overview: FR-1 removals from public contact, and the latest total of sanctions per force, with confidence and source
-- params: none
SELECT measure, subject, year, value, unit, period_note, confidence, source_url
FROM statistics
WHERE source_id = 'curated_fr_national_sanctions'
  AND (
      measure IN ('removed_from_public_contact_dv',
                  'removed_from_public_contact_dv_prefecture_de_police')
      OR (measure = 'sanctions_total'
          AND year = (SELECT max(s.year) FROM statistics AS s
                      WHERE s.source_id = 'curated_fr_national_sanctions'
                        AND s.measure = 'sanctions_total'))
  )
ORDER BY measure, subject
