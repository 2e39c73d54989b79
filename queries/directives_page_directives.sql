-- name: directives_page_directives
-- answers: every directive with its issuer, dates, binding force, requirement, link to the text and confidence, and how many rules and observations (in its own jurisdiction and as what-ifs) check it
-- params: none
WITH checks AS (
    SELECT
        directive_id,
        count(DISTINCT rule_id) AS rules,
        count(*) FILTER (WHERE in_jurisdiction) AS observations,
        count(*) FILTER (WHERE NOT in_jurisdiction) AS what_if_observations
    FROM compliance
    GROUP BY directive_id
)
SELECT
    d.directive_id,
    d.jurisdiction,
    d.issuer,
    d.reference,
    d.instrument,
    d.binding,
    d.issued_date,
    d.effective_date,
    d.end_date,
    d.title,
    d.title_fr,
    d.requirement,
    d.trigger_event,
    d.obligation,
    d.deadline_days,
    d.checkable_with,
    d.source_url,
    d.source_title,
    d.confidence,
    d.issuer_fr,
    d.reference_fr,
    d.requirement_fr,
    d.trigger_fr,
    d.obligation_fr,
    d.checkable_with_fr,
    d.source_title_fr,
    coalesce(k.rules, 0) AS rules,
    coalesce(k.observations, 0) AS observations,
    coalesce(k.what_if_observations, 0) AS what_if_observations
FROM directives AS d
LEFT JOIN checks AS k ON k.directive_id = d.directive_id
ORDER BY
    list_position(['FR', 'GB-EAW', 'US-NY-NYC', 'US-IL-CHI', 'US-NJ', 'US-FED'], d.jurisdiction)
        NULLS LAST,
    d.directive_id
