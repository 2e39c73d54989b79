-- name: directives_page_status_summary
-- answers: how many observations of each directive have each status, in its own jurisdiction and as what-ifs apart; a directive with no rule yet has one row with no status and 0 observations
-- params: none
SELECT
    d.directive_id,
    c.in_jurisdiction,
    c.status,
    count(c.rule_id) AS observations
FROM directives AS d
LEFT JOIN compliance AS c ON c.directive_id = d.directive_id
GROUP BY ALL
ORDER BY d.directive_id, c.in_jurisdiction DESC, c.status
