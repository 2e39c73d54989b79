-- name: directives_page_what_if_since
-- answers: one rule's observations counted by status, with their date range, all of them and only those observed on or after the date its directive took effect (effective date, else issued date), for a what-if that applies a rule to decisions older than the rule
-- params: $rule_id
SELECT
    c.status,
    any_value(coalesce(d.effective_date, d.issued_date)) AS in_force_from,
    min(c.observed_date) AS first_date,
    max(c.observed_date) AS last_date,
    count(*) AS observations,
    count(*) FILTER (WHERE c.observed_date >= coalesce(d.effective_date, d.issued_date))
        AS observations_since
FROM compliance AS c
JOIN directives AS d ON d.directive_id = c.directive_id
WHERE c.rule_id = $rule_id
GROUP BY c.status
ORDER BY c.status
