-- name: directives_page_rule_by_year
-- answers: one rule's observations counted by status in each year of observed_date (year NULL for undated observations), for the timeline and the compliance rate by year
-- params: $rule_id
SELECT
    year(observed_date) AS year,
    count(*) AS observations,
    count(*) FILTER (WHERE status = 'compliant') AS compliant,
    count(*) FILTER (WHERE status = 'violation') AS violation,
    count(*) FILTER (WHERE status = 'alleged_violation') AS alleged_violation,
    count(*) FILTER (WHERE status = 'pending') AS pending,
    count(*) FILTER (WHERE status = 'policy_gap') AS policy_gap,
    count(*) FILTER (WHERE status = 'insufficient_data') AS insufficient_data,
    count(*) FILTER (WHERE status = 'not_applicable') AS not_applicable,
    -- The rule's rate (directive_rules.rate): compliant / (compliant + violation), or a
    -- declared share of status_reason codes; NULL when the rule supports no rate.
    CASE any_value(d.rate)
        WHEN 'compliance' THEN count(*) FILTER (WHERE status = 'compliant')
        WHEN 'share' THEN count(*) FILTER (WHERE list_contains(d.rate_numerator, status_reason))
    END AS rate_hits,
    CASE any_value(d.rate)
        WHEN 'compliance' THEN count(*) FILTER (WHERE status IN ('compliant', 'violation'))
        WHEN 'share'
            THEN count(*) FILTER (WHERE list_contains(d.rate_denominator, status_reason))
    END AS rate_total
FROM compliance AS c
LEFT JOIN directive_rules AS d ON d.rule_id = c.rule_id
WHERE c.rule_id = $rule_id
GROUP BY year(observed_date)
ORDER BY year NULLS LAST
