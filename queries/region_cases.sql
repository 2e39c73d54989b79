-- name: region_cases
-- answers: the reported case events placed in one region (case_events rows whose region_id is the region), with the directive and rule whose observations they are
-- params: $region_id
SELECT
    e.case_id,
    e.event_date,
    e.place,
    e.event_type,
    e.judgment,
    e.finality,
    e.legal_status,
    e.description,
    e.place_fr,
    e.description_fr,
    e.directive_id,
    (SELECT min(c.rule_id) FROM compliance AS c
     WHERE c.scope_id = e.case_id AND c.directive_id = e.directive_id) AS rule_id,
    e.source_url,
    e.source_title,
    e.confidence,
    e.source_id
FROM case_events AS e
WHERE e.region_id = $region_id
ORDER BY e.case_id
