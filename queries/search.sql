-- name: search
-- answers: the places, jurisdictions, directives, cases and sources whose name (or code, or a case's place and description) contains the search words, in either language, ignoring accents, case and punctuation ("val de marne" finds Val-de-Marne), with the view each one opens
-- params: $term, $limit
-- Each row says where to go: `page` and the parameters of that page's link (jurisdiction,
-- level, region, directive, rule, obs, source). A place opens its region page; a
-- jurisdiction opens Compare. A place's jurisdiction is the region_jurisdictions table's
-- (its nearest ancestor that is a jurisdiction). Exact and starting matches first.
WITH
wanted AS (
    SELECT trim(regexp_replace(lower(strip_accents($term)), '[^a-z0-9]+', ' ', 'g')) AS words
),
candidates AS (
    SELECT
        'place' AS kind, 1 AS kind_order,
        r.name AS label_en, r.name AS label_fr,
        r.level AS level, r.code AS code, rj.jurisdiction,
        'region' AS page, r.region_id AS region,
        NULL::VARCHAR AS directive, NULL::VARCHAR AS rule, NULL::VARCHAR AS obs,
        NULL::VARCHAR AS source,
        r.name || ' ' || replace(r.level, '_', ' ') || ' ' || r.code AS haystack
    FROM regions AS r
    JOIN region_jurisdictions AS rj USING (region_id)
    WHERE r.region_id <> rj.jurisdiction
    UNION ALL
    SELECT
        'jurisdiction', 0, j.name_en, j.name_fr, NULL, j.code, j.code,
        'compare', NULL, NULL, NULL, NULL, NULL,
        j.name_en || ' ' || j.name_fr || ' ' || j.code
    FROM jurisdictions AS j
    UNION ALL
    SELECT
        'directive', 2, d.title, coalesce(d.title_fr, d.title), NULL, d.directive_id,
        d.jurisdiction, 'directives', NULL, d.directive_id, NULL, NULL, NULL,
        d.directive_id || ' ' || d.title || ' ' || coalesce(d.title_fr, '')
            || ' ' || coalesce(d.reference, '')
    FROM directives AS d
    UNION ALL
    SELECT
        'case', 3, concat_ws(' · ', e.case_id, nullif(e.event_date, ''), e.place),
        concat_ws(' · ', e.case_id, nullif(e.event_date, ''), e.place),
        NULL, e.case_id, e.jurisdiction,
        'directives', NULL, e.directive_id,
        (SELECT min(c.rule_id) FROM compliance AS c
         WHERE c.scope_id = e.case_id AND c.directive_id = e.directive_id),
        e.case_id, NULL,
        e.case_id || ' ' || coalesce(e.place, '') || ' ' || coalesce(e.description, '')
    FROM case_events AS e
    UNION ALL
    SELECT
        'source', 4, s.title, s.title, NULL, s.source_id, s.jurisdiction,
        'sources', NULL, NULL, NULL, NULL, s.source_id,
        s.source_id || ' ' || s.title || ' ' || s.publisher
    FROM sources AS s
),
matched AS (
    SELECT
        c.*,
        ' ' || trim(regexp_replace(lower(strip_accents(c.haystack)), '[^a-z0-9]+', ' ', 'g'))
            || ' ' AS normalised,
        w.words
    FROM candidates AS c, wanted AS w
    WHERE w.words <> ''
)
SELECT kind, label_en, label_fr, level, code, jurisdiction, page, region, directive, rule,
    obs, source
FROM matched
WHERE contains(normalised, ' ' || words)
ORDER BY
    -- the name itself first, then a name starting with the words, then any mention
    CASE
        WHEN trim(regexp_replace(lower(strip_accents(label_en)), '[^a-z0-9]+', ' ', 'g')) = words
            OR trim(regexp_replace(lower(strip_accents(label_fr)), '[^a-z0-9]+', ' ', 'g')) = words
            THEN 0
        WHEN starts_with(normalised, ' ' || words) THEN 1
        ELSE 2
    END,
    kind_order, label_en, code
LIMIT $limit
