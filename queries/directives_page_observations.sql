-- name: directives_page_observations
-- answers: the observations of one rule, optionally of one status and one year of observed_date (or only the undated ones), with their evidence, link, method, source and confidence: the rows of the page's table and of its CSV
-- params: $rule_id, $status, $year, $undated
SELECT
    c.directive_id,
    c.rule_id,
    c.in_jurisdiction,
    c.scope_level,
    c.scope_id,
    c.region_id,
    r.name AS region_name,
    c.observed_date,
    c.status,
    CASE
        WHEN c.in_jurisdiction THEN c.status
        ELSE 'what-if only, not a finding: ' || replace(c.status, '_', ' ') || ' if '
             || c.directive_id || ' applied to this jurisdiction'
    END AS status_label,
    c.status_reason,
    c.confidence,
    c.evidence,
    c.evidence_url,
    c.method,
    c.source_id,
    c.evidence_fr,
    c.method_fr
FROM compliance AS c
LEFT JOIN regions AS r ON r.region_id = c.region_id
WHERE c.rule_id = $rule_id
  AND ($status IS NULL OR c.status = $status)
  AND ($year IS NULL OR year(c.observed_date) = $year)
  AND (NOT $undated OR c.observed_date IS NULL)
ORDER BY c.observed_date NULLS LAST, c.scope_id
