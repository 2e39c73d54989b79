-- name: directives_page_rules
-- answers: the rules that check each directive: whether they apply it in its own jurisdiction or as a what-if elsewhere, how many observations they made, over which dates and from which sources
-- params: none
SELECT
    directive_id,
    rule_id,
    bool_and(in_jurisdiction) AS in_jurisdiction,
    count(*) AS observations,
    count(*) FILTER (WHERE status IN ('compliant', 'violation')) AS decided,
    count(DISTINCT region_id) AS regions,
    min(observed_date) AS first_date,
    max(observed_date) AS last_date,
    list(DISTINCT source_id ORDER BY source_id) FILTER (WHERE source_id IS NOT NULL)
        AS source_ids
FROM compliance
GROUP BY directive_id, rule_id
ORDER BY directive_id, bool_and(in_jurisdiction) DESC, count(*) DESC, rule_id
