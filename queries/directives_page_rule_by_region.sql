-- name: directives_page_rule_by_region
-- answers: one rule's observations counted by status in each region (districts, départements...; region NULL when the observation is placed nowhere), for the rule's rate (directive_rules: compliance rate or declared share) by region
-- params: $rule_id
SELECT
    c.region_id,
    r.name AS region_name,
    r.level AS region_level,
    r.code AS region_code,
    r.valid_note AS region_note,
    count(*) AS observations,
    count(*) FILTER (WHERE c.status = 'compliant') AS compliant,
    count(*) FILTER (WHERE c.status = 'violation') AS violation,
    count(*) FILTER (WHERE c.status = 'alleged_violation') AS alleged_violation,
    count(*) FILTER (WHERE c.status = 'pending') AS pending,
    count(*) FILTER (WHERE c.status = 'policy_gap') AS policy_gap,
    count(*) FILTER (WHERE c.status = 'insufficient_data') AS insufficient_data,
    count(*) FILTER (WHERE c.status = 'not_applicable') AS not_applicable,
    -- The rule's rate (directive_rules.rate): compliant / (compliant + violation), or a
    -- declared share of status_reason codes; NULL when the rule supports no rate.
    CASE any_value(d.rate)
        WHEN 'compliance' THEN count(*) FILTER (WHERE c.status = 'compliant')
        WHEN 'share' THEN count(*) FILTER (WHERE list_contains(d.rate_numerator, c.status_reason))
    END AS rate_hits,
    CASE any_value(d.rate)
        WHEN 'compliance' THEN count(*) FILTER (WHERE c.status IN ('compliant', 'violation'))
        WHEN 'share'
            THEN count(*) FILTER (WHERE list_contains(d.rate_denominator, c.status_reason))
    END AS rate_total
FROM compliance AS c
LEFT JOIN regions AS r ON r.region_id = c.region_id
LEFT JOIN directive_rules AS d ON d.rule_id = c.rule_id
WHERE c.rule_id = $rule_id
GROUP BY c.region_id, r.name, r.level, r.code, r.valid_note
ORDER BY r.level NULLS LAST, TRY_CAST(r.code AS INTEGER) NULLS LAST, r.code, c.region_id
