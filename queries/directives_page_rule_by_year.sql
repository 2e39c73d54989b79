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
    count(*) FILTER (WHERE status = 'not_applicable') AS not_applicable
FROM compliance
WHERE rule_id = $rule_id
GROUP BY ALL
ORDER BY year NULLS LAST
