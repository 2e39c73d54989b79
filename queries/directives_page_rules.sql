-- name: directives_page_rules
-- answers: the rules that check each directive, with their declaration (the rate they support, what they check, what their evidence cannot show): whether they apply it in its own jurisdiction or as a what-if elsewhere, how many observations they made, over which dates and from which sources
-- params: none
SELECT
    c.directive_id,
    c.rule_id,
    bool_and(c.in_jurisdiction) AS in_jurisdiction,
    count(*) AS observations,
    count(*) FILTER (WHERE c.status IN ('compliant', 'violation')) AS decided,
    count(DISTINCT c.region_id) AS regions,
    min(c.observed_date) AS first_date,
    max(c.observed_date) AS last_date,
    list(DISTINCT c.source_id ORDER BY c.source_id) FILTER (WHERE c.source_id IS NOT NULL)
        AS source_ids,
    any_value(d.rate) AS rate,
    any_value(d.rate_name_en) AS rate_name_en,
    any_value(d.rate_name_fr) AS rate_name_fr,
    any_value(d.checks) AS checks,
    any_value(d.cannot_show) AS cannot_show,
    any_value(d.legal_text) AS legal_text,
    any_value(d.checks_fr) AS checks_fr,
    any_value(d.cannot_show_fr) AS cannot_show_fr,
    any_value(d.legal_text_fr) AS legal_text_fr
FROM compliance AS c
LEFT JOIN directive_rules AS d ON d.rule_id = c.rule_id
GROUP BY c.directive_id, c.rule_id
ORDER BY c.directive_id, bool_and(c.in_jurisdiction) DESC, count(*) DESC, c.rule_id
