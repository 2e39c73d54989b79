-- name: directives_page_methods
-- answers: how one rule decided its statuses: each distinct method text with its status, confidence and number of observations
-- params: $rule_id
SELECT
    status,
    confidence,
    method,
    method_fr,
    count(*) AS observations
FROM compliance
WHERE rule_id = $rule_id
GROUP BY status, confidence, method, method_fr
ORDER BY
    list_position(['compliant', 'violation', 'alleged_violation', 'pending', 'policy_gap',
                   'insufficient_data', 'not_applicable'], status),
    observations DESC,
    method,
    list_position(['high', 'medium', 'low'], confidence),
    method_fr
