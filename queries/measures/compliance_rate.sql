-- name: compliance_rate
-- answers: per directive rule, observations that are compliant and the compliance-rate denominator (compliant + violation), in or outside the directive's own jurisdiction
-- params: $directive_id
-- The other statuses (pending, insufficient data, policy gap, not applicable, alleged
-- violation) settle nothing either way and stay out of the rate.
SELECT
    rule_id,
    in_jurisdiction,
    count(*) FILTER (WHERE status = 'compliant')::BIGINT AS numerator,
    count(*) FILTER (WHERE status IN ('compliant', 'violation'))::BIGINT AS denominator,
    count(*)::BIGINT AS observations
FROM compliance
WHERE $directive_id IS NULL OR directive_id = $directive_id
GROUP BY ALL
ORDER BY rule_id, in_jurisdiction
