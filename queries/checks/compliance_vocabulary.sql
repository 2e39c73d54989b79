-- name: compliance_vocabulary
-- answers: compliance observations with a status outside the vocabulary or an unknown directive
-- params: none
SELECT directive_id, rule_id, scope_id, status
FROM compliance
WHERE status NOT IN ('compliant', 'violation', 'alleged_violation', 'pending',
                     'insufficient_data', 'not_applicable', 'policy_gap')
   OR directive_id NOT IN (SELECT directive_id FROM directives)
