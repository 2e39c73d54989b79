-- name: overview_directive
-- answers: one directive's text: title in English and French, issuer, reference, date, requirement, obligation, confidence and source
-- params: $directive_id
SELECT
    directive_id, title, title_fr, issuer, reference, issued_date, requirement, trigger_event,
    obligation, binding, confidence, source_title, source_url, issuer_fr, reference_fr,
    requirement_fr, trigger_fr, obligation_fr, source_title_fr
FROM directives
WHERE directive_id = $directive_id
