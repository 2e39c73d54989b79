-- name: directives_page_rule_by_region
-- answers: one rule's observations counted by status in each region (districts, départements...; region NULL when the observation is placed nowhere), for the compliance rate by region
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
    count(*) FILTER (WHERE c.status = 'not_applicable') AS not_applicable
FROM compliance AS c
LEFT JOIN regions AS r ON r.region_id = c.region_id
WHERE c.rule_id = $rule_id
GROUP BY c.region_id, r.name, r.level, r.code, r.valid_note
ORDER BY r.level NULLS LAST, TRY_CAST(r.code AS INTEGER) NULLS LAST, r.code, c.region_id
