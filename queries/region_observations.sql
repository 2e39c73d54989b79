-- name: region_observations
-- answers: the directive observations recorded for one region (compliance rows whose region_id is the region), with their rule, scope, date, status, evidence and source
-- params: $region_id
SELECT
    c.directive_id,
    c.rule_id,
    c.scope_level,
    c.scope_id,
    c.observed_date,
    c.status,
    c.in_jurisdiction,
    c.confidence,
    c.evidence,
    c.evidence_fr,
    c.evidence_url,
    c.source_id
FROM compliance AS c
WHERE c.region_id = $region_id
ORDER BY c.directive_id, c.rule_id, c.observed_date DESC NULLS LAST, c.scope_id
